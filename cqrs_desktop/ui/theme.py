"""Colours and words for statuses: one place, so every table and card says the same thing.

The app's overall look (style, palette, stylesheet) is `ui.look`.

Colour only ever accompanies words; it is never the only sign of a status.
"""

from __future__ import annotations

from dataclasses import dataclass

from cqrs_desktop.domain.explain import DECISION_WORDS, STATUS_WORDS
from cqrs_desktop.domain.model import Decision, DecisionRecord, ItemStatus, VaccinationEvent


@dataclass(frozen=True)
class Tone:
    text: str  # foreground colour
    fill: str  # background colour


NEUTRAL = Tone("#3c4043", "#f1f3f4")
GOOD = Tone("#1b5e20", "#e6f4ea")
INFO = Tone("#174ea6", "#e8f0fe")
WARN = Tone("#7a4f00", "#fef3d6")
BAD = Tone("#a50e0e", "#fce8e6")
MUTED = Tone("#5f6368", "#ffffff")

ITEM_TONES: dict[ItemStatus, Tone] = {
    ItemStatus.VALIDATED: GOOD,
    ItemStatus.AMEND: BAD,
    ItemStatus.INCOMPLETE: WARN,
    ItemStatus.NO_CLAIM: INFO,
    ItemStatus.NOT_CHECKED: NEUTRAL,
}

DECISION_TONES: dict[Decision, Tone] = {
    Decision.PRACTICE: GOOD,
    Decision.OTHER_PROVIDER: INFO,
    Decision.NOT_ELIGIBLE: BAD,
    Decision.NOT_GIVEN: BAD,
    Decision.UNSURE: WARN,
}

TO_CHECK = "To check"
NO_CHECK_NEEDED = "No check needed"


def event_status(event: VaccinationEvent, record: DecisionRecord | None) -> tuple[str, Tone]:
    """Words and tone for one event in the list: its decision, or whether it needs one."""
    if record is not None and record.decision is not None:
        return DECISION_WORDS[record.decision], DECISION_TONES[record.decision]
    if event.needs_review:
        return TO_CHECK, WARN
    return NO_CHECK_NEEDED, MUTED


def item_status(status: ItemStatus) -> tuple[str, Tone]:
    return STATUS_WORDS[status], ITEM_TONES[status]
