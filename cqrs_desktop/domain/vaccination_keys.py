"""Which vaccination is which across reviews: one key for a vaccination (programme, date
and patient), the patient by NHS number, or by surname and date of birth without one."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

from cqrs_desktop.domain.flags import INVALID_NHS_NUMBER
from cqrs_desktop.domain.model import VaccinationEvent
from cqrs_desktop.domain.nhs import is_valid_nhs_number


def patient_text(
    nhs_number: str | None, surname: str | None, date_of_birth: str | None
) -> str | None:
    """The same patient as `flags.patient_key` says it: NHS number as found, or surname
    and date of birth (ISO) where there is none."""
    if nhs_number:
        return f"nhs:{nhs_number}"
    if surname and date_of_birth:
        return f"name:{''.join(surname.lower().split())}:{date_of_birth}"
    return None


def row_patient(
    nhs_number: str | None, surname: str | None, date_of_birth: str | None
) -> str | None:
    """Whose a search row is, where that can be told, as `patient_text` says it: by an NHS
    number that passes its check, or by surname and date of birth where there is no number
    at all; None for a mistyped number (it says nothing of who the patient is)."""
    if nhs_number and not is_valid_nhs_number(nhs_number):
        return None
    return patient_text(nhs_number, surname, date_of_birth)


def may_be_same_patient(patient: str | None, other: str) -> bool:
    """Whether a row of `patient` (`row_patient`; None: not known) may be a dose of
    `other`: the same, or not known, or one known by NHS number and the other by name
    (which cannot be compared)."""
    return patient is None or patient == other or patient[:4] != other[:4]


def vaccination_key(programme: str, date: str, patient: str) -> str:
    """'pertussis_pregnant|2024-09-03|nhs:9996317064': one vaccination across reviews."""
    return f"{programme}|{date}|{patient}"


def event_key(event: VaccinationEvent) -> str | None:
    if event.nhs_number_as_found:  # most: quickest
        return f"{event.programme}|{iso(event.date)}|nhs:{event.nhs_number_as_found}"
    dob = iso(event.date_of_birth) if event.date_of_birth else None
    patient = patient_text(None, event.surname, dob)
    return None if patient is None else vaccination_key(event.programme, iso(event.date), patient)


def has_valid_number(event: VaccinationEvent) -> bool:
    """Whether the event's patient has an NHS number that passes its check (a mistyped one
    says nothing of who the patient is)."""
    return bool(event.nhs_number) and INVALID_NHS_NUMBER not in event.flags


def name_key(event: VaccinationEvent) -> str | None:
    """The vaccination by surname and date of birth, whether or not the event has an NHS
    number: how it is found in a review where the patient had none (or has none here)."""
    if not (event.surname and event.date_of_birth):
        return None
    patient = patient_text(None, event.surname, iso(event.date_of_birth))
    return None if patient is None else vaccination_key(event.programme, iso(event.date), patient)


@functools.lru_cache(maxsize=4096)
def iso(day: dt.date) -> str:
    return day.isoformat()


def aliases_of(patients: Iterable[tuple[str | None, str | None]]) -> dict[str, str]:
    """`EarlierReview.aliases` from (name key, key) of a review's events."""
    keys: dict[str, set[str]] = {}
    for name, key in patients:
        if name is not None and key is not None:
            keys.setdefault(name, set()).add(key)
    aliases = {}
    for name, found in keys.items():
        if len(found) > 1:
            aliases[name] = ""  # more than one patient of that name
        elif (key := next(iter(found))) != name:
            aliases[name] = key
    return aliases


def by_name(key: str) -> bool:
    return "|name:" in key


def mistyped_of(events: Iterable[VaccinationEvent]) -> dict[str, str]:
    """`EarlierReview.mistyped` of a review's events: by surname and date of birth, the key
    of the one patient of that name whose NHS number failed its check ("" where another
    patient of that name was vaccinated that day)."""
    patients: dict[str, set[str]] = {}
    keys: dict[str, str] = {}
    for event in events:
        name, key = name_key(event), event_key(event)
        if name is None or key is None:
            continue
        patients.setdefault(name, set()).add(key)
        if event.nhs_number_as_found and not has_valid_number(event):
            keys[name] = key
    return {name: key if len(patients[name]) == 1 else "" for name, key in keys.items()}
