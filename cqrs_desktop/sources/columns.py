"""Which column is which: header names to roles, and the header row of a search export.

Headers are compared ignoring case, spaces and punctuation. An exact synonym is sure
(confidence 1.0); a header that merely contains a telling word is a guess (lower), so the
GUI can show the proposal and let the user correct it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

ROLE_LABELS: dict[str, str] = {
    "nhs_number": "NHS number",
    "surname": "Surname",
    "forenames": "Forename(s)",
    "name": "Name (SURNAME, Forename)",
    "date_of_birth": "Date of birth",
    "age": "Age",
    "sex": "Sex",
    "event_date": "Vaccination date",
    "code": "Code (SNOMED)",
    "term": "Term / description",
    "organisation": "Organisation (where given)",
    "gms": "GMS (yes = practice dose)",
    "non_gms": "Non-GMS (yes = not a practice dose)",
    "edd": "Estimated delivery date",
    "programme": "Programme",
    "vaccinated": "Vaccinated (yes/no)",
}
ROLES: tuple[str, ...] = tuple(ROLE_LABELS)

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "nhs_number": ("nhsnumber", "nhsno", "nhs", "nhsnum", "nhsid", "patientnhsnumber",
                   "nhsnumberpatient", "personnhsnumber"),
    "surname": ("surname", "familyname", "lastname", "personsurname", "patientsurname"),
    "forenames": ("forename", "forenames", "givenname", "givennames", "firstname",
                  "firstnames", "personforename", "patientforename", "patientfirstname"),
    "name": ("name", "patientname", "fullname", "patient", "personname", "patientfullname"),
    "date_of_birth": ("dateofbirth", "dob", "birthdate", "persondob", "patientdob",
                      "dateofbirthdob", "birthdt"),
    "age": ("age", "ageatevent", "ageyears", "ageatvaccination", "ageatdate", "ageinyears",
            "currentage"),
    "sex": ("sex", "gender", "persongendercode", "gendercode", "sexcode", "patientsex",
            "patientgender", "personsex"),
    "event_date": ("date", "eventdate", "vaccinationdate", "dategiven", "effectivedate",
                   "dateadministered", "dateandtime", "immunisationdate",
                   "immunizationdate", "administrationdate", "vaccinedate",
                   "datevaccinated", "dateofvaccination", "dateofevent",
                   "dateofadministration", "administereddate", "eventdatetime"),
    "code": ("code", "snomedcode", "snomedctconceptid", "conceptid", "snomedctcode",
             "snomed", "vaccinationprocedurecode", "readcode", "clinicalcode",
             "snomedconceptid", "eventcode", "snomedid", "procedurecode"),
    "term": ("term", "description", "rubric", "vaccinationprocedureterm", "snomedterm",
             "codeterm", "eventdescription", "codedescription", "vaccine", "vaccination",
             "procedureterm", "preferredterm"),
    "organisation": ("organisation", "organisationcode", "organization", "organizationcode",
                     "odscode", "recordedby", "eventdoneat", "location", "sitecode", "site",
                     "donebyorganisation", "practicecode", "orgcode", "administeredat",
                     "givenat", "performingorganisation", "organisationname", "sitename",
                     "eventdoneby", "recordingorganisation", "org"),
    "gms": ("gms", "gmsstatus", "gmsflag", "inpractice", "givenbypractice", "gmsyn",
            "gmsyesno"),
    "non_gms": ("nongms", "nongmsflag", "nongmsstatus", "givenelsewhere", "notgms",
                "givenbyother", "givenbyotherprovider"),
    "edd": ("edd", "estimateddeliverydate", "duedate", "estimateddateofdelivery",
            "expecteddeliverydate", "expecteddateofdelivery", "eddate", "deliverydate"),
    "programme": ("programme", "vaccinationprogramme", "program", "vaccinationprogram",
                  "immunisationprogramme", "campaign", "service"),
    "vaccinated": ("vaccinated",),
}  # fmt: skip

# Words that make a header about someone other than the patient, or about the body.
_STAFF = (
    "professional",
    "clinician",
    "performer",
    "vaccinator",
    "staff",
    "user",
    "author",
    "recorder",
    "gp",
    "doctor",
    "nurse",
    "mother",
    "parent",
    "nextofkin",
)
_BODY_SITE = ("injection", "anatomical", "body", "siteof", "vaccinationsite", "route")

# Contains-rules for headers no synonym matches: (role, word, confidence, unless-words).
_FUZZY: tuple[tuple[str, str, float, tuple[str, ...]], ...] = (
    ("non_gms", "nongms", 0.9, ()),
    # (not an nhs.net address: "To: england.londonimms@nhs.net", decision 187)
    ("nhs_number", "nhs", 0.8, ("status", "trust", "mother", "parent", "gp", "nhsnet", "nhsuk")),
    ("date_of_birth", "birth", 0.8, ()),
    ("date_of_birth", "dob", 0.8, ()),
    ("name", "surnameforename", 0.9, ()),
    ("name", "surnamefirstname", 0.9, ()),
    ("name", "surnamegivenname", 0.9, ()),
    ("name", "lastnamefirstname", 0.9, ()),
    ("edd", "delivery", 0.7, ()),
    ("edd", "duedate", 0.7, ()),
    # (not a past tense before "date": "Recorded Date", "Entered Date", decision 261)
    ("edd", "edd", 0.7, ("wedd", "embedd", "eddate")),
    ("surname", "surname", 0.8, _STAFF),
    ("surname", "familyname", 0.8, _STAFF),
    ("surname", "lastname", 0.8, _STAFF),
    ("forenames", "forename", 0.8, _STAFF),
    ("forenames", "firstname", 0.8, _STAFF),
    ("forenames", "givenname", 0.8, _STAFF),
    ("sex", "gender", 0.8, ()),
    ("sex", "sex", 0.7, ()),
    ("gms", "gms", 0.7, ()),
    ("code", "snomed", 0.8, ("term", "description")),
    ("code", "conceptid", 0.8, ()),
    ("code", "productcode", 0.5, ()),
    ("code", "code", 0.5, ("post", "site", "ods", "org", "practice", "gender", "sex",
                           "location", "reason", "status", "description", "term", "route",
                           "indication", "batch")),
    ("term", "term", 0.6, _BODY_SITE),
    ("term", "description", 0.6, _BODY_SITE),
    ("term", "rubric", 0.7, ()),
    ("organisation", "organisation", 0.7, ()),
    ("organisation", "organization", 0.7, ()),
    ("organisation", "ods", 0.6, ()),
    ("organisation", "site", 0.6, _BODY_SITE),
    ("organisation", "location", 0.6, _BODY_SITE),
    ("organisation", "doneat", 0.6, ()),
    ("organisation", "recordedby", 0.6, ()),
    ("organisation", "practice", 0.5, ("comment", "note", "remark")),  # free text
    ("programme", "programme", 0.7, ()),
    ("programme", "program", 0.6, ()),
    ("age", "age", 0.6, ("stage", "page", "image", "message", "usage", "language", "dosage",
                         "percentage", "package", "mileage")),
    ("event_date", "vaccinationdate", 0.9, ()),
    ("event_date", "date", 0.6, ("birth", "delivery", "due", "run", "recorded", "entered",
                                 "print", "report", "update", "death", "registration",
                                 "created", "modified", "extract", "expiry", "expires",
                                 "entry", "entered", "lmp", "menstrual", "added",
                                 "amended", "signed")),
    ("event_date", "datetime", 0.6, ()),
    ("name", "name", 0.5, ("site", "org", "practice", "location", "programme", "product",
                           "vaccine", "file", "user", "clinician", "staff", "middle",
                           "preferred", "other", "maiden", "previous", "known", "gp",
                           *_STAFF)),
)  # fmt: skip

_EXACT: dict[str, str] = {syn: role for role, syns in _SYNONYMS.items() for syn in syns}

IDENTITY_ROLES = frozenset({"nhs_number", "surname", "forenames", "name", "date_of_birth", "code"})


_BRACKETED = re.compile(r"\([^)]*\)|\[[^]]*\]")


def normalise_header(text: str) -> str:
    """Lower-case letters and digits only: "Date of Birth" and "DATE_OF_BIRTH" agree."""
    return re.sub(r"[^0-9a-z]", "", str(text).lower())


def role_of(header: str) -> tuple[str | None, float]:
    """The role a header most likely names and how sure that is (0 when none)."""
    key = normalise_header(header)
    if not key:
        return None, 0.0
    if key in _EXACT:
        return _EXACT[key], 1.0
    # "Date Given (dd/mm/yyyy)", "EDD (pregnancy)", "NHS Number (formatted)"
    bare = normalise_header(_BRACKETED.sub("", str(header)))
    if bare != key and bare in _EXACT:
        return _EXACT[bare], 0.9
    for role, word, confidence, unless in _FUZZY:
        if word in key and not any(u in key for u in unless):
            return role, confidence
    return None, 0.0


@dataclass(frozen=True)
class ColumnGuess:
    """One column of a file: its header and the role proposed for it."""

    index: int
    header: str
    role: str | None
    confidence: float  # 1.0 exact synonym, lower for a guess, 0 when no role


def propose_mapping(headers: Sequence[str]) -> list[ColumnGuess]:
    """A role for each header, each role used at most once (the surest column wins)."""
    candidates = []
    for index, header in enumerate(headers):
        role, confidence = role_of(header)
        if role is not None:
            candidates.append((-confidence, index, role))
    taken: dict[int, tuple[str | None, float]] = {}
    used: set[str] = set()
    for negative, index, role in sorted(candidates):
        if role not in used:
            taken[index] = (role, -negative)
            used.add(role)
    guesses = []
    for i, header in enumerate(headers):
        role, confidence = taken.get(i, (None, 0.0))
        guesses.append(ColumnGuess(i, header, role, confidence))
    return guesses


def as_mapping(guesses: Iterable[ColumnGuess]) -> dict[str, str]:
    """{header: role} for the columns that have a role."""
    return {g.header: g.role for g in guesses if g.role is not None}


def search_header_score(cells: Sequence[str]) -> float | None:
    """How much a row looks like a search export's header; None when it cannot be one
    (it needs a vaccination date and something saying who or what)."""
    guesses = propose_mapping(cells)
    roles = {g.role for g in guesses if g.role}
    if "event_date" not in roles or not roles & IDENTITY_ROLES:
        return None
    return sum(g.confidence for g in guesses)


def looks_like_decisions(headers: Sequence[str]) -> bool:
    """Whether a header row is a decisions file's (`--decisions`: a column named
    "decision" beside an NHS number or an event id), not a search export's or CQRS
    figures'."""
    keys = {normalise_header(h) for h in headers}
    numbered = "eventid" in keys or any(role_of(h)[0] == "nhs_number" for h in headers)
    return "decision" in keys and numbered


NOT_SEARCH_BUT_DECISIONS = (
    "this looks like a decisions file (a decision for each vaccination), not a patient "
    "search export: decisions files are read on the command line, with --decisions"
)


def find_search_header(rows: Sequence[Sequence[str]]) -> tuple[int, float] | None:
    """The row (of the first 31) that maps the most roles, first such row on a tie."""
    best: tuple[int, float] | None = None
    for index, row in enumerate(rows):
        score = search_header_score(row)
        if score is not None and (best is None or score > best[1]):
            best = (index, score)
    return best


SEARCH_LOOKED_FOR = "columns such as NHS Number, Date, Code"
