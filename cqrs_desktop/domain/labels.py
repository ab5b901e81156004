"""The names of a vaccination's details, one name for each, wherever a user reads them.

The event list, the patient cards of Check events, the worksheet and the report (on
paper), the audit workbook and the help all take these, so the row ticked with a pen and
the card on screen say the same thing (decision 321). The words are those of EMIS Web,
SystmOne and the London notice where they have one.
"""

from __future__ import annotations

NHS_NUMBER = "NHS number"
NAME = "Name"
DATE_OF_BIRTH = "Date of birth"
SEX = "Sex"
# the date the record gives the vaccination: also of a dose recorded in error, so not
# "Date given", which would say more than the record does
VACCINATION_DATE = "Vaccination date"
CODE = "Code"
TERM = "Term"
# the organisation the search gives for the vaccination (who recorded or gave it)
ORGANISATION = "Organisation"
DUE_DATE = "Due date"
SOURCE_FILE = "Source file"
SOURCE_ROW = "Source row"
# why a vaccination is to be checked: on screen in words, on paper and in the list as codes
REASONS = "Reasons"
DECISION = "Decision"
CLINICAL_SYSTEM_UPDATED = "Clinical system updated"
NOTE = "Note"
REVIEWER = "Reviewer"
DECIDED_AT = "Decided at"
# "Clinical system updated" for a decision that asks no change in it: the cell the
# report and the workbook print beside "Yes" and "No", and the worksheet prints in place
# of its box (decision 343)
NOT_NEEDED = "Not needed"
# how many vaccinations of a claim's month the search holds: the Overview's column, the
# report's and the workbook's (decision 343)
FOUND_IN_SEARCH = "Found in search"
# what a dose decided earlier and no longer in the search counts as, on the workbook's "No
# longer in search" sheet: the column no decisions sheet has, by which a decisions file
# given back knows that sheet for the app's own list, not decisions (decision 365)
COUNTED_AS = "Counted as"

# A detail the search does not give (decision 322): the NHS number is said in words of its
# own (it is how the record is found); any other detail is "not recorded".
NO_NHS_NUMBER = "No NHS number"
NOT_RECORDED = "not recorded"


def patient_name(surname: str | None, forenames: str | None) -> str:
    """'SMITH, Jane', as EMIS Web and SystmOne list patients, the same in the list, on the
    card and on paper ('' when the search gives neither)."""
    sur = (surname or "").strip()
    fore = (forenames or "").strip()
    if sur and fore:
        return f"{sur.upper()}, {fore}"
    return sur.upper() or fore
