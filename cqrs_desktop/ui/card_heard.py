"""What a screen reader hears on the patient card of Check events, where the focus sits
while the reviewer decides with keys: the words of the cards and the bar beside it, which
never take the focus, said in one go, most important first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cqrs_desktop.domain import labels

if TYPE_CHECKING:
    from cqrs_desktop.ui.decision_bar import DecisionBar
    from cqrs_desktop.ui.event_detail import EventDetail

NOTHING_TO_CHECK = "Nothing in this record needs checking"


def _spoken(lines: list[str]) -> str:
    """Shown lines said as sentences: "·" separators as commas, no spaces doubled."""
    said = []
    for line in lines:
        words = " ".join(line.replace(" · ", ", ").replace("\u200b", "").split())
        said.append(words if words.endswith((".", "?", "!")) else f"{words}.")
    return " ".join(said)


def patient_card_heard(detail: EventDetail, bar: DecisionBar, programme: str) -> tuple[str, str]:
    """The card's accessible name and description, from what the cards and the bar show.

    The name: the patient, the vaccination, why to check, what is recorded (by whom and
    from which review when carried) and the clinical system's tick. The description: the
    rest of the cards (born, code, due date, which file) and what to do now."""
    patient = detail.patient
    shots = detail.vaccination.values
    titles = detail.reasons.titles
    why = f"{labels.REASONS}: " + "; ".join(titles) if titles else NOTHING_TO_CHECK
    said = [
        f"{patient.values[labels.NAME].text()}, {labels.NHS_NUMBER} {patient.nhs.text()}",
        f"{programme} vaccination {shots[labels.VACCINATION_DATE].text()}, "
        f"{labels.ORGANISATION.lower()} {shots[labels.ORGANISATION].text()}",
        why,
        bar.decided_label.text(),
    ]
    tick = bar.action_done
    if tick.isEnabled() and not tick.isChecked():
        said.append("Clinical system updated: not ticked")
    name = _spoken(said)
    more = [
        f"{labels.DATE_OF_BIRTH} {patient.values[labels.DATE_OF_BIRTH].text()}",
        f"{labels.SEX} {patient.values[labels.SEX].text()}",
        f"{labels.CODE} {shots[labels.CODE].text()}",
        f"GMS: {shots['GMS'].text()}",
        f"{labels.DUE_DATE} {shots[labels.DUE_DATE].text()}",
        f"{labels.SOURCE_FILE} {shots[labels.SOURCE_FILE].text()}",
    ]
    if bar.follow_up.isVisibleTo(bar):
        more.append(bar.follow_up.accessibleName())
    more.append(detail.progress_label.accessibleName())
    return name, _spoken(more)
