"""What the walk-through shows about one event: patient, vaccination, reasons, checklist, guidance.

Each card renders from plain domain objects and never changes anything itself.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cqrs_desktop.domain import labels
from cqrs_desktop.domain.dates import age_on, gestation_days, month_label
from cqrs_desktop.domain.earlier import entries_of_one_review
from cqrs_desktop.domain.explain import DECISION_WORDS, decided_in_words, nhs_number_check, reason
from cqrs_desktop.domain.export_check import EVERYTHING_SHOWN
from cqrs_desktop.domain.flags import (
    INVALID_NHS_NUMBER,
    NON_GMS,
    OTHER_ORGANISATION,
    OTHER_PROVIDER_CODE,
)
from cqrs_desktop.domain.model import ClaimItem, Decision, VaccinationEvent
from cqrs_desktop.domain.nhs import format_nhs_number, is_valid_nhs_number
from cqrs_desktop.domain.rules import Programme
from cqrs_desktop.settings import CLINICAL_SYSTEMS
from cqrs_desktop.ui import shortcuts
from cqrs_desktop.ui.clipboard import copy_private, copy_privately
from cqrs_desktop.ui.widgets import FieldLabel

if TYPE_CHECKING:
    from cqrs_desktop.domain.earlier import EarlierDecision


def _card(title: str, name: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("card")
    frame.setAccessibleName(name)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 10, 14, 12)
    layout.setSpacing(6)
    heading = QLabel(title)
    heading.setObjectName("cardTitle")
    layout.addWidget(heading)
    return frame, layout


def _value_label(name: str) -> FieldLabel:
    label = FieldLabel(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    copy_privately(label)
    return label


def _fields(layout: QVBoxLayout, names: list[str]) -> dict[str, FieldLabel]:
    grid = QGridLayout()
    grid.setHorizontalSpacing(12)
    grid.setVerticalSpacing(4)
    grid.setColumnStretch(1, 1)
    values = {}
    for row, name in enumerate(names):
        key = QLabel(name)
        key.setObjectName("fieldName")
        grid.addWidget(key, row, 0, Qt.AlignmentFlag.AlignTop)
        values[name] = _value_label(name)
        grid.addWidget(values[name], row, 1)
    layout.addLayout(grid)
    return values


def _date(value: dt.date | None) -> str:
    return value.strftime("%d %b %Y") if value else labels.NOT_RECORDED


class PatientCard(QFrame):
    """The patient. Focusable: Ctrl+C here copies the NHS number as digits only."""

    copied = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("card")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Patient")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(6)
        heading = QLabel("Patient")
        heading.setObjectName("cardTitle")
        layout.addWidget(heading)
        top = QHBoxLayout()
        self.nhs = _value_label(labels.NHS_NUMBER)
        self.nhs.setObjectName("nhsNumber")
        self.copy_button = QPushButton("Copy")
        self.copy_button.setAccessibleName("Copy NHS number")
        self.copy_button.setToolTip(
            f"Copy the NHS number, digits only ({shortcuts.key_text('copy_nhs_number')} "
            "while the patient card is selected)"
        )
        self.copy_button.clicked.connect(self.copy_nhs_number)
        top.addWidget(self.nhs, 1)
        top.addWidget(self.copy_button)
        layout.addLayout(top)
        self.values = _fields(layout, [labels.NAME, labels.DATE_OF_BIRTH, labels.SEX])
        layout.addStretch(1)
        self.nhs_digits = ""
        shortcuts.install(self, "card", {"copy_nhs_number": self.copy_nhs_number})
        self._heard = ("Patient", "")
        self._hear_timer = QTimer(self)
        self._hear_timer.setSingleShot(True)
        self._hear_timer.setInterval(0)
        self._hear_timer.timeout.connect(self._say_heard)

    def show_event(self, event: VaccinationEvent) -> None:
        number = event.nhs_number or event.nhs_number_as_found
        self.nhs_digits = "".join(ch for ch in (number or "") if ch.isdigit())
        valid = bool(number) and is_valid_nhs_number(event.nhs_number)
        # a valid number stays on one line: "999 000 / 5044" over two lines, as the card
        # beside the Vaccination card had it at 1920x1080 and 150%, is read and typed
        # into the clinical system wrong (decision 540)
        self.nhs.setWordWrap(not valid)
        if valid:
            self.nhs.setText(format_nhs_number(number))
        elif number:
            self.nhs.setText(f"{number}  (not a valid NHS number)")
        else:
            self.nhs.setText(labels.NO_NHS_NUMBER)
        self.copy_button.setEnabled(bool(self.nhs_digits))
        name = labels.patient_name(event.surname, event.forenames)  # as listed and printed
        self.values[labels.NAME].setText(name or labels.NOT_RECORDED)
        if event.date_of_birth:
            age = age_on(event.date_of_birth, event.date)
            born = f"{_date(event.date_of_birth)}  (aged {age} at vaccination)"
        elif event.age is not None:
            born = f"{labels.NOT_RECORDED} (aged {event.age} at vaccination)"
        else:
            born = labels.NOT_RECORDED
        self.values[labels.DATE_OF_BIRTH].setText(born)
        self.values[labels.SEX].setText(
            {"F": "Female", "M": "Male", "O": "Other"}.get(event.sex or "", labels.NOT_RECORDED)
        )
        self.setAccessibleDescription(f"NHS number {self.nhs.text()}, {name}")

    def hear(self, name: str, description: str) -> None:
        """What a screen reader says of the card (`card_heard`): a new name is said by the
        reader as it changes (Qt tells it), so the next patient is heard after a key. Set
        once the key's work is done, so "Saved: Given here" is said before the next
        patient (not after, as if said of her), and once however often the card is drawn."""
        self._heard = (name, description)
        self._hear_timer.start()

    def _say_heard(self) -> None:
        name, description = self._heard
        self.setAccessibleDescription(description)
        self.setAccessibleName(name)

    def copy_nhs_number(self) -> None:
        if self.nhs_digits:
            copy_private(self.nhs_digits)
            self.copied.emit(self.nhs_digits)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.setProperty("focused", True)
        self.style().polish(self)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.setProperty("focused", False)
        self.style().polish(self)
        super().focusOutEvent(event)


class VaccinationCard(QFrame):
    def __init__(self) -> None:
        super().__init__()
        frame, layout = _card("Vaccination", "Vaccination")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self.values = _fields(
            layout,
            [
                labels.VACCINATION_DATE,
                labels.CODE,
                labels.ORGANISATION,
                "GMS",
                labels.DUE_DATE,
                labels.SOURCE_FILE,
            ],
        )
        layout.addStretch(1)

    def show_event(
        self, event: VaccinationEvent, shows: Collection[str] = EVERYTHING_SHOWN
    ) -> None:
        """`shows`: what the event's search has columns to show (`export_check.search_shows`):
        what it has none for is said to be not in the search, never guessed."""
        v = self.values
        v[labels.VACCINATION_DATE].setText(_date(event.date))
        term = event.term or ""
        v[labels.CODE].setText(f"{event.code or 'no code'}  {term}".strip())
        v[labels.ORGANISATION].setText(
            (event.organisation or labels.NOT_RECORDED)
            if OTHER_ORGANISATION in shows
            else "not in the search (no organisation column)"
        )
        v["GMS"].setText(
            ("No: marked not GMS" if event.non_gms else "Yes")
            if NON_GMS in shows
            else "not in the search (no GMS or Non-GMS column)"
        )
        if event.edd:
            weeks = gestation_days(event.date, event.edd) // 7
            v[labels.DUE_DATE].setText(f"{_date(event.edd)}  (about {weeks} weeks pregnant)")
        else:
            v[labels.DUE_DATE].setText(labels.NOT_RECORDED)
        # a long file name may break after its underscores, not push the card wider
        breakable = event.source.replace("_", "_\u200b")
        v[labels.SOURCE_FILE].setText(f"{breakable}, row {event.row}")


class ReasonsCard(QFrame):
    """Why this event needs a look, and what to check for each reason."""

    def __init__(self) -> None:
        super().__init__()
        frame, layout = _card(labels.REASONS, labels.REASONS)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self.text = _value_label("Reasons and what to check")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.text)
        layout.addStretch(1)
        self.titles: list[str] = []  # each reason's one line, heard on the patient card

    def show_event(
        self,
        event: VaccinationEvent,
        item: ClaimItem | None,
        earlier: Sequence[EarlierDecision] = (),
        settled: bool = False,
        corrected: bool = False,
    ) -> None:
        """`earlier`: the decisions of earlier reviews not carried for this vaccination;
        `settled`: decided here since; `corrected`: decided as given elsewhere, and this
        search shows the correction (its marks are that, not a new thing to check)."""
        codes = list(event.flags) + list(item.reasons if item else ())
        parts = [disagreement_text(earlier, settled)] if earlier else []
        self.titles = [reason(code).title for code in codes]
        for code in codes:
            r = reason(code)
            if corrected and code in MARKS_OF_ELSEWHERE:
                check = CORRECTION_SEEN
            elif code == INVALID_NHS_NUMBER:
                check = nhs_number_check(event)
            else:
                check = r.check
            parts.append(
                f"<p style='margin:0 0 6px 0'><b>{html.escape(r.title)}</b><br>"
                f"{html.escape(check)}</p>"
            )
        self.text.setText("".join(parts) or "Nothing in this record needs checking.")


# The marks a dose given elsewhere shows once corrected in the clinical system, and what the
# card says of them then (decided so, and seen corrected in this search: nothing new).
MARKS_OF_ELSEWHERE = frozenset({NON_GMS, OTHER_ORGANISATION, OTHER_PROVIDER_CODE})
CORRECTION_SEEN = (
    "Decided as given elsewhere, and this search shows the record so: this is the "
    "correction, seen in the export (below). Nothing more to do for it."
)


def disagreement_text(earlier: Sequence[EarlierDecision], settled: bool = False) -> str:
    """Both (or all) decisions earlier reviews made for one vaccination, with their notes
    (rich text): the reviewer decides again from the record. One alone is a "given here"
    not carried, as this search now shows the dose as not the practice's (decision 88)."""
    lines = []
    for entry in earlier:
        word = DECISION_WORDS[entry.decision]
        said = decided_in_words(entry.decided_in, entry.decided_at, entry.reviewer)
        if entry.decision is Decision.UNSURE:  # unsure is no decision: marked, not decided
            said = "marked" + said.removeprefix("decided")
        line = f"<b>{html.escape(word)}</b>: {html.escape(said)}"
        if entry.note:
            line += f" (note: {html.escape(entry.note)})"
        lines.append(line)
    if len(lines) == 1 and earlier[0].decision is Decision.UNSURE:  # no decision to carry
        return (
            "<p style='margin:0 0 6px 0'><b>Marked unsure in an earlier review</b><br>"
            + lines[0]
            + (
                "<br>Settled in this review since."
                if settled
                else "<br>Unsure is no decision, so nothing was carried: settle it from the record."
            )
            + "</p>"
        )
    if len(lines) == 1:  # one decision, not carried: the search now says otherwise
        return (
            "<p style='margin:0 0 6px 0'><b>Decided earlier, not carried</b><br>"
            + lines[0]
            + (
                "<br>This search showed the dose as not the practice's: decided again in "
                "this review since.</p>"
                if settled
                else "<br>This search now shows the dose as not the practice's (below): "
                "check the record and decide again.</p>"
            )
        )
    if entries_of_one_review(earlier):  # a duplicate entry there, each decided
        return (
            "<p style='margin:0 0 6px 0'><b>Held twice in an earlier review (a duplicate "
            "entry), not carried</b><br>"
            + "<br>".join(lines)
            + (
                "<br>Decided again in this review since.</p>"
                if settled
                else "<br>Which entry this is cannot be told: check the record and decide "
                "again.</p>"
            )
        )
    return (
        "<p style='margin:0 0 6px 0'><b>Decided differently in earlier reviews</b><br>"
        + "<br>".join(lines)
        + (
            "<br>Decided again in this review since.</p>"
            if settled
            else "<br>Check the record and decide again.</p>"
        )
    )


def system_name(system: str | None) -> str:
    """'EMIS Web', 'SystmOne', 'Vision', or 'your clinical system'."""
    if system in (None, "general"):
        return "your clinical system"
    return CLINICAL_SYSTEMS.get(system, system)


# The decisions whose needs the checklist spells out, with their keys' actions.
_NEEDS: tuple[tuple[Decision, str], ...] = (
    (Decision.PRACTICE, "decide_practice"),
    (Decision.OTHER_PROVIDER, "decide_other_provider"),
    (Decision.NOT_ELIGIBLE, "decide_not_eligible"),
    (Decision.NOT_GIVEN, "decide_not_given"),
)


def decision_needs(programme: Programme, decision: Decision, system: str | None) -> str:
    """What a decision needs in the clinical system, in the rules' words."""
    action = programme.actions.get(decision.value)
    if action is None:
        return "Nothing to change in the clinical system."
    text = action.guidance_for(system)
    if not action.needed:
        return f"Nothing to change in the clinical system. {text}".strip()
    return text


class ChecklistCard(QFrame):
    """The steps at the clinical-system screen, then what each decision needs there (from
    the rules, for the system the record lives in)."""

    system_changed = Signal(str)

    def __init__(self, system: str) -> None:
        super().__init__()
        frame, layout = _card("Checklist", "Checklist")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        self.steps = _value_label("Checklist steps")
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.steps)
        row = QVBoxLayout()  # one above the other: the card stays narrow on a laptop
        row.setSpacing(2)
        label = QLabel("Your clinical system")
        label.setObjectName("fieldName")
        self.system_box = QComboBox()
        self.system_box.setAccessibleName("Your clinical system")
        for key, name in CLINICAL_SYSTEMS.items():
            self.system_box.addItem(name, key)
        self.system_box.setCurrentIndex(max(self.system_box.findData(system), 0))
        label.setBuddy(self.system_box)
        row.addWidget(label)
        row.addWidget(self.system_box, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(row)
        self.from_file = _value_label("Which system's steps are shown")
        self.from_file.setObjectName("hint")
        layout.addWidget(self.from_file)
        self.guidance = _value_label("What each decision needs in the clinical system")
        self.guidance.setObjectName("guidance")
        self.guidance.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.guidance)
        layout.addStretch(1)
        self.programme: Programme | None = None
        self.shown: tuple[VaccinationEvent, Decision | None, str | None] | None = None
        self.system_box.currentIndexChanged.connect(self._system_changed)

    @property
    def practice_system(self) -> str:
        return str(self.system_box.currentData())

    def _system_changed(self) -> None:
        if self.shown is not None and self.programme is not None:
            self.show_event(self.shown[0], self.programme, *self.shown[1:])
        self.system_changed.emit(self.system_box.currentData())

    def system_for(self, file_system: str | None) -> str:
        return file_system or self.practice_system

    def show_event(
        self,
        event: VaccinationEvent,
        programme: Programme,
        decision: Decision | None = None,
        file_system: str | None = None,
    ) -> None:
        """`file_system`: the system the event's search file came from, when it says so."""
        self.programme = programme
        self.shown = (event, decision, file_system)
        system = self.system_for(file_system)
        name = html.escape(system_name(system))
        copy_key = shortcuts.key_text("copy_nhs_number")
        action_key = shortcuts.key_text("toggle_action_done")
        steps = [
            f"Open the patient in {name} (copy the NHS number: {copy_key}).",
            f"Find the {html.escape(programme.short_name)} vaccination of "
            f"{_date(event.date)} and see who gave it.",
            "Decide with a button below or its key. <i>Given here</i> moves on.",
            f"If the record must change (below), change it, then tick "
            f"<i>Clinical system updated</i> ({action_key}).",
        ]
        self.steps.setText(
            "<ol style='margin:0; -qt-list-indent:1'>"
            + "".join(f"<li>{s}</li>" for s in steps)
            + "</ol>"
        )
        if file_system and file_system != self.practice_system:
            self.from_file.setText(
                f"This vaccination comes from a {system_name(file_system)} export, so the "
                f"{system_name(file_system)} steps are shown."
            )
            self.from_file.show()
        else:
            self.from_file.hide()
        parts = [f"<b>What each decision needs in {name}</b>"]
        for d, action in _NEEDS:
            words = html.escape(f"{DECISION_WORDS[d]} ({shortcuts.key_text(action)})")
            needs = html.escape(decision_needs(programme, d, system))
            mark = "▶ " if d is decision else ""
            parts.append(f"{mark}<b>{words}</b>: {needs}")
        self.guidance.setText("<br>".join(parts))


def item_line(programme: Programme, item: ClaimItem | None, month: str) -> str:
    """'Pertussis (pregnant women), September 2024: claimed 7, found 7'."""
    text = f"{programme.display_name}, {month_label(month)}"
    if item is None:
        return text
    claimed = "no claim entered" if item.claimed is None else f"claimed {item.claimed}"
    return f"{text}: {claimed}, found {item.in_search}"


class ElidedLabel(QLabel):
    """One line that gives way when space is short: '…' at the end, the whole in a tooltip."""

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, max(self.width(), 10)
        )
        super().setText(shown)


def spacer() -> QWidget:
    w = QWidget()
    w.setFixedHeight(4)
    return w
