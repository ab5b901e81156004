"""Decisions carried forward from earlier reviews, and what a later search shows.

Month after month the same patients come back in the practice's searches. An event takes
the decision an earlier review made for the same vaccination: the same programme, date and
patient (NHS number, or surname and date of birth without one). Earlier reviews that
disagree leave the event undecided, with both decisions to see.

A decision that needs a change in the clinical system (a dose given elsewhere) is then
checked against the new search: if it now shows the dose as not the practice's (marked not
GMS, a "given by another provider" code, or recorded by another organisation where before it
was the practice), the change is proved by the export; if it still shows it as the
practice's own dose, it is "not yet corrected in the clinical system".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from cqrs_desktop.domain.flags import (
    NON_GMS,
    OTHER_ORGANISATION,
    OTHER_PROVIDER_CODE,
    PatientKey,
)
from cqrs_desktop.domain.model import FINAL_DECISIONS, DecisionRecord, VaccinationEvent
from cqrs_desktop.domain.review import Review

CORRECTED = "corrected"
NOT_CORRECTED = "not_corrected"
EXPORT = "export"
REVIEWER = "reviewer"


def event_patient(
    nhs_number: str | None, surname: str | None, date_of_birth: dt.date | None
) -> PatientKey | None:
    """The same patient as `flags.patient_key` says it: NHS number as found, or surname
    and date of birth where there is none."""
    if nhs_number:
        return ("nhs", nhs_number)
    if surname and date_of_birth:
        return ("name", "".join(surname.lower().split()), date_of_birth.isoformat())
    return None


VaccinationKey = tuple[str, dt.date, PatientKey]  # programme, date, patient


def vaccination_key(event: VaccinationEvent) -> VaccinationKey | None:
    patient = event_patient(event.nhs_number_as_found, event.surname, event.date_of_birth)
    return None if patient is None else (event.programme, event.date, patient)


@dataclass(frozen=True)
class EarlierDecision:
    """A decision an earlier review holds for one vaccination."""

    review: str  # the file name of the earlier review it was read from
    review_sha256: str
    decided_in: str  # the review it was first decided in (it may itself have been carried)
    key: VaccinationKey
    flags: tuple[str, ...]  # the event's flags in that review
    source_sha256: str | None  # the search file the event came from in that review
    record: DecisionRecord  # its event_id is the earlier review's


@dataclass(frozen=True)
class Disagreement:
    """Earlier reviews decided one vaccination differently: it is left to decide again."""

    event_id: str
    decisions: tuple[EarlierDecision, ...]


@dataclass(frozen=True)
class Carried:
    """What carrying gives a review: decisions to record, the disagreements, and every
    earlier decision that matched an event (for the card to show)."""

    records: tuple[tuple[DecisionRecord, EarlierDecision], ...]
    disagreements: tuple[Disagreement, ...]
    matched: tuple[tuple[str, EarlierDecision], ...]  # (event id, earlier decision)


def _unique_keys(events: Iterable[VaccinationEvent]) -> dict[VaccinationKey, VaccinationEvent]:
    """Events by vaccination; a key two events share (a duplicate entry) is left out."""
    found: dict[VaccinationKey, VaccinationEvent] = {}
    shared: set[VaccinationKey] = set()
    for event in events:
        key = vaccination_key(event)
        if key is None:
            continue
        if key in found:
            shared.add(key)
        found[key] = event
    for key in shared:
        del found[key]
    return found


def _latest(decisions: Sequence[EarlierDecision]) -> EarlierDecision:
    return max(decisions, key=lambda d: d.record.decided_at or "")


_CORRECTION_FLAGS = (NON_GMS, OTHER_PROVIDER_CODE)


def export_check(event: VaccinationEvent, earlier_flags: tuple[str, ...]) -> tuple[str, str]:
    """What the event's own (later) search says of a dose decided as given elsewhere:
    (CORRECTED or NOT_CORRECTED, the words with the file and row)."""
    where = f"{event.source}, row {event.row}"
    shown = [f for f in _CORRECTION_FLAGS if f in event.flags]
    if OTHER_ORGANISATION in event.flags and OTHER_ORGANISATION not in earlier_flags:
        shown.append(OTHER_ORGANISATION)
    if shown:
        how = {
            NON_GMS: "marked not GMS",
            OTHER_PROVIDER_CODE: "'given by another provider' code",
            OTHER_ORGANISATION: "now recorded by another organisation",
        }
        return CORRECTED, f"seen corrected in {where} ({', '.join(how[f] for f in shown)})"
    return NOT_CORRECTED, f"still the practice's own dose in {where}"


def carry(
    review: Review,
    earlier: Iterable[EarlierDecision],
    source_sha256: Mapping[str, str],
) -> Carried:
    """Match earlier decisions to the review's undecided events. `source_sha256` gives
    the SHA-256 of each of this review's search files, by file name."""
    by_key: dict[VaccinationKey, list[EarlierDecision]] = defaultdict(list)
    for decision in earlier:
        if decision.record.decision in FINAL_DECISIONS:
            by_key[decision.key].append(decision)
    records: list[tuple[DecisionRecord, EarlierDecision]] = []
    disagreements: list[Disagreement] = []
    matched: list[tuple[str, EarlierDecision]] = []
    for key, event in _unique_keys(review.events).items():
        found = by_key.get(key)
        if not found or review.decision(event.id) is not None:
            continue
        matched.extend((event.id, d) for d in found)
        if len({d.record.decision for d in found}) > 1:
            disagreements.append(Disagreement(event.id, tuple(found)))
            continue
        chosen = _latest(found)
        records.append((_carried_record(review, event, chosen, source_sha256), chosen))
    return Carried(tuple(records), tuple(disagreements), tuple(matched))


def _carried_record(
    review: Review,
    event: VaccinationEvent,
    earlier: EarlierDecision,
    source_sha256: Mapping[str, str],
) -> DecisionRecord:
    """The earlier record, for this event: its note, reviewer and time kept; checked
    against this review's search when the decision needs a change in the clinical system
    and the search is not the very file the earlier review used."""
    record = dataclasses.replace(
        earlier.record,
        event_id=event.id,
        carried_from=earlier.decided_in,
    )
    programme = review.rules.programme(event.programme)
    decision = record.decision
    if decision is None or not programme.needs_action(decision.value):
        return dataclasses.replace(
            record, action_done=False, action_evidence=None, export_check=None, evidence=""
        )
    if source_sha256.get(event.source) == earlier.source_sha256:
        return record  # the same export: nothing new to see
    state, words = export_check(event, earlier.flags)
    if state == CORRECTED:
        return dataclasses.replace(
            record, action_done=True, action_evidence=EXPORT, export_check=state, evidence=words
        )
    if record.action_done:
        words += " (the earlier review says it was updated: check the record)"
    return dataclasses.replace(
        record, action_done=False, action_evidence=None, export_check=state, evidence=words
    )
