"""The decision bar pinned under the Check events page: what is recorded, the follow-up the
rules ask for, the five decision buttons, "Clinical system updated" and the note.

It spans the page's whole width, so the five buttons sit in one row from 1024 pixels up
(in two where their words at the font shown do not fit one: Windows' bigger text on a
laptop), and only renders what the page tells it; the keys are the page's. Its words (what
is recorded, what the search shows, what to do now) scroll in the room the page leaves them
when there is not enough for them and the buttons, which are always whole.

What to do now is said in one line under what is recorded (with why, for a dose the latest
search shows not yet corrected); the steps in the clinical system, what the search showed
and "Not now?" are behind "More" (decision 560), as the Checklist card says the steps too:
the words of a carried dose took half the page on a laptop, and the list five rows.
"""

from __future__ import annotations

import html
from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cqrs_desktop.domain.earlier import NOT_CORRECTED
from cqrs_desktop.domain.explain import (
    DECISION_WORDS,
    REASONS,
    SEEN_IN_EXPORT,
    STILL_TO_CORRECT,
    colleague_words,
    decided_in_words,
    evidence_words,
)
from cqrs_desktop.domain.model import Decision, DecisionRecord
from cqrs_desktop.domain.rules import Programme
from cqrs_desktop.domain.walkthrough import ActionState
from cqrs_desktop.ui import shortcuts
from cqrs_desktop.ui.clipboard import PrivateTextEdit
from cqrs_desktop.ui.event_cards import decision_needs, system_name
from cqrs_desktop.ui.widgets import FieldLabel, say_field

DECISION_ACTIONS: dict[str, Decision] = {
    "decide_practice": Decision.PRACTICE,
    "decide_other_provider": Decision.OTHER_PROVIDER,
    "decide_not_eligible": Decision.NOT_ELIGIBLE,
    "decide_not_given": Decision.NOT_GIVEN,
    "decide_unsure": Decision.UNSURE,
}
ACTION_DONE = "Clinical system updated"
NOT_NEEDED = f"{ACTION_DONE}: not needed"
SEEN = f"{ACTION_DONE}: {SEEN_IN_EXPORT}"  # proved by a later search (decision 36)
MORE = "More"
LESS = "Less"
NOT_NOW = "Not now? Press → to go on: it stays under <i>Record not yet updated</i>."


class FollowUp(NamedTuple):
    """What a decision asks of the reviewer in the clinical system: the one line to do
    now ("Now mark it as given elsewhere in EMIS Web, then press A.") and how, in the
    rules' words for that system (plain text both)."""

    now: str
    how: str


class DecisionBar(QFrame):
    decide_requested = Signal(object)  # Decision
    action_requested = Signal()
    undo_requested = Signal()
    step_requested = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("decisionBar")
        self.decided_label = QLabel("")
        self.decided_label.setObjectName("decidedLabel")
        self.decided_label.setWordWrap(True)
        self.undo_button = QPushButton("Undo")
        self.undo_button.setAccessibleName("Undo the last change")
        self.undo_button.setToolTip(f"Undo ({shortcuts.key_text('undo')})")
        self.undo_button.clicked.connect(self.undo_requested.emit)
        self.prev_button = QPushButton("◀ Previous")
        self.prev_button.setAccessibleName("Previous event")
        self.prev_button.setToolTip(f"Previous event ({shortcuts.key_text('previous')})")
        self.prev_button.clicked.connect(lambda: self.step_requested.emit(-1))
        self.next_button = QPushButton("Next ▶")
        self.next_button.setAccessibleName("Next event")
        self.next_button.setToolTip(f"Next event ({shortcuts.key_text('next')})")
        self.next_button.clicked.connect(lambda: self.step_requested.emit(+1))
        nav = QHBoxLayout()
        nav.addWidget(self.decided_label, 1)
        for button in (self.undo_button, self.prev_button, self.next_button):
            nav.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)

        # what the decision needs in the clinical system, right where the keys are: a line,
        # the rest behind More (after Next in the Tab order, as it reads)
        self.follow_up = FieldLabel("What to do now")
        self.follow_up.setObjectName("followUp")  # amber with a dose still to correct
        self.follow_up.setWordWrap(True)
        self.follow_up.setTextFormat(Qt.TextFormat.RichText)
        self.follow_up.hide()
        self.more_button = QPushButton(MORE)
        self.more_button.setCheckable(True)
        self.more_button.setAccessibleName("More of what to do now")
        self.more_button.setToolTip(
            "The steps in the clinical system and what the latest search showed "
            "(also on the Checklist card)"
        )
        self.more_button.toggled.connect(self._more_toggled)
        self.more_button.hide()
        self._follow: FollowUp | None = None
        self._evidence_shown = ""  # the evidence as the bar shows it now
        follow_row = QHBoxLayout()
        follow_row.addWidget(self.follow_up, 1)
        follow_row.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignTop)

        self.buttons: dict[Decision, QPushButton] = {}
        self._row = row = QGridLayout()
        row.setHorizontalSpacing(8)
        row.setVerticalSpacing(6)
        for action, decision in DECISION_ACTIONS.items():
            key = shortcuts.key_text(action)
            button = QPushButton(f"{key}   {DECISION_WORDS[decision]}")
            button.setObjectName("decision")
            button.setProperty("decision", decision.value)
            button.setCheckable(True)
            button.setAccessibleName(f"{DECISION_WORDS[decision]} (key {key})")
            button.setToolTip(shortcuts.shortcut(action).description)
            button.clicked.connect(lambda _c=False, d=decision: self.decide_requested.emit(d))
            self.buttons[decision] = button
        self.one_row = False
        self._arrange(one_row=True)

        self.action_done = QCheckBox(f"{ACTION_DONE} ({shortcuts.key_text('toggle_action_done')})")
        self.action_done.setAccessibleName(ACTION_DONE)
        self.action_done.setToolTip(shortcuts.shortcut("toggle_action_done").description)
        self.action_done.clicked.connect(lambda _c=False: self.action_requested.emit())
        # wide enough for its longest text, so the note beside it never jumps
        self.action_done.ensurePolished()  # measured in the font the stylesheet gives it
        metrics = self.action_done.fontMetrics()
        self.action_done.setMinimumWidth(
            max(metrics.horizontalAdvance(t) for t in (NOT_NEEDED, SEEN)) + 34
        )
        # what the latest search showed of a dose decided in an earlier review, under the
        # tick and across the bar (one line on a laptop, not a column of four)
        self.evidence = FieldLabel("What the latest search shows")
        self.evidence.setObjectName("evidence")  # amber and bold: still to correct
        self.evidence.setWordWrap(True)
        self.evidence.hide()
        self.note = PrivateTextEdit()  # (a note may name the patient)
        self.note.setObjectName("note")
        self.note.setAccessibleName("Note for this event")
        self.note.setPlaceholderText("Note (optional): what you found. Saved as you type.")
        self.note.setTabChangesFocus(True)
        # two lines of the font the stylesheet gives it (bigger with Windows' bigger text)
        self.note.ensurePolished()
        self.note.setFixedHeight(max(46, 2 * self.note.fontMetrics().lineSpacing() + 12))
        self._tick_and_note = tick_and_note = QHBoxLayout()
        tick_and_note.addWidget(self.action_done, 0, Qt.AlignmentFlag.AlignTop)
        tick_and_note.addWidget(self.note, 1)

        # what is recorded, what the search shows and what to do now: whole, unless the
        # window has not the room for them and the buttons (big text on a laptop), when
        # they scroll in the room left, the buttons staying in sight under them
        words = QWidget()
        said = QVBoxLayout(words)
        said.setContentsMargins(0, 0, 0, 0)
        said.setSpacing(6)
        said.addLayout(nav)
        said.addWidget(self.evidence)  # under what was decided: what the search shows
        said.addLayout(follow_row)
        self.words = WordsArea(words)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(self.words)
        layout.addLayout(row)
        layout.addLayout(tick_and_note)

    def keys_height(self) -> int:
        """The height of the bar but for its words: the buttons, the tick and note, and
        the bar's margins (what must stay in sight whatever the room)."""
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else self.contentsMargins()
        spacing = layout.spacing() if layout is not None else 0
        return (
            self._row.sizeHint().height()
            + self._tick_and_note.sizeHint().height()
            + margins.top()
            + margins.bottom()
            + 2 * spacing
            + 2 * self.frameWidth()
        )

    def _arrange(self, one_row: bool) -> None:
        """The five buttons in one row, or three above two (the same order, left to right
        and then down, as the keys and Tab go)."""
        row = self._row
        for button in self.buttons.values():
            row.removeWidget(button)
        per_row = 5 if one_row else 3
        for column in range(5):
            row.setColumnStretch(column, 1 if column < per_row else 0)
        for i, button in enumerate(self.buttons.values()):
            row.addWidget(button, i // per_row, i % per_row)
        self.one_row = one_row
        self.updateGeometry()

    def _buttons_need(self, per_row: int) -> int:
        """The width the buttons need, `per_row` to a row, at the font shown."""
        widths = [b.minimumSizeHint().width() for b in self.buttons.values()]
        rows = [widths[i : i + per_row] for i in range(0, len(widths), per_row)]
        spacing = self._row.horizontalSpacing()
        return max(sum(r) + spacing * (len(r) - 1) for r in rows)

    def _sides(self) -> int:
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else self.contentsMargins()
        return margins.left() + margins.right() + 2 * self.frameWidth()

    def minimumSizeHint(self) -> QSize:
        """As narrow as the buttons in two rows need: narrower than one row wants, they
        take two (`resizeEvent`) rather than the page scrolling sideways."""
        hint = super().minimumSizeHint()
        narrowest = max(self._buttons_need(3), self._tick_and_note.minimumSize().width())
        return QSize(min(hint.width(), narrowest + self._sides()), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        room = event.size().width() - self._sides()
        one_row_needs = self._buttons_need(5)
        if self.one_row and room < one_row_needs:
            self._arrange(one_row=False)
        elif not self.one_row and room >= one_row_needs + 24:  # no flicker at the edge
            self._arrange(one_row=True)
        super().resizeEvent(event)

    def show_nothing(self) -> None:
        """No event to decide (the list beside is empty)."""
        for button in self.buttons.values():
            button.setChecked(False)
        self.decided_label.setText("No event shown: nothing to decide here")
        self.action_done.setChecked(False)
        self.action_done.setText(ACTION_DONE)  # not the last event's "not needed"
        self._follow = None
        self._evidence_shown = ""
        self._show_words()

    def show_state(
        self,
        decision: Decision | None,
        needs_review: bool,
        action: ActionState,
        follow_up: FollowUp | None,
        can_undo: bool,
        record: DecisionRecord | None = None,
        disagreed: int = 0,
        earlier_unsure: bool = False,
        earlier_twice: bool = False,
        reviewer: str | None = None,
    ) -> None:
        """Render one event: its decision (and, carried, the review it was made in; made
        here by another than `reviewer`, who looks at it, when and by whom), the
        clinical-system state with what the latest search showed, and the follow-up (None
        hides it). `disagreed`: how many decisions earlier reviews made that
        were not carried (two or more: they differ; one: the search now says otherwise,
        or, `earlier_unsure`, an earlier review marked it unsure; `earlier_twice`: they are
        the entries of a duplicate in one earlier review's search)."""
        for d, button in self.buttons.items():
            button.setChecked(d is decision)
        seen = (
            action is ActionState.DONE and record is not None and record.action_evidence == "export"
        )
        if decision is None:
            self.decided_label.setText(
                "Not decided yet: marked unsure in an earlier review (see Reasons)"
                if earlier_unsure
                else "Not decided yet: an earlier review held it twice (see Reasons)"
                if earlier_twice
                else "Not decided yet: earlier reviews decided it differently (see Reasons)"
                if disagreed > 1
                else "Not decided yet: the earlier decision was not carried, as this search "
                "says otherwise (see Reasons)"
                if disagreed
                else "Not decided yet: what does the record show?"
                if needs_review
                else "No check needed for this event (you may still decide)"
            )
        else:
            said = f"Recorded: {DECISION_WORDS[decision]}"
            if record is not None and record.carried_from:
                said += ", " + decided_in_words(
                    record.carried_from, record.decided_at, record.reviewer
                )
            elif record is not None and record.reviewer and record.reviewer != reviewer:
                said += ", " + colleague_words(record.decided_at, record.reviewer)
            if action is ActionState.NOT_NEEDED:
                said += " · nothing to change in the clinical system"
            elif seen:
                said += " · clinical system updated (seen in the export)"
            elif (
                action is ActionState.DONE
                and record is not None
                and record.carried_from
                and (record.export_check == NOT_CORRECTED)
            ):  # the latest search undid the earlier tick: this tick is this review's
                said += " · clinical system updated (ticked in this review)"
            elif action is ActionState.DONE:
                said += " · clinical system updated"
            self.decided_label.setText(said)
        evidence = (
            evidence_words(record)
            if record is not None and action in (ActionState.TO_DO, ActionState.DONE)
            else ""
        )
        still = record is not None and record.export_check == NOT_CORRECTED and not seen
        for label in (self.evidence, self.follow_up):
            if label.property("warn") != still:
                label.setProperty("warn", still)
                label.style().unpolish(label)
                label.style().polish(label)
        self._evidence_shown = evidence
        self._follow = follow_up
        self._show_words()
        key = shortcuts.key_text("toggle_action_done")
        if action is ActionState.NOT_NEEDED:
            self.action_done.setText(NOT_NEEDED)
            self.action_done.setToolTip(
                "This decision needs no change in the clinical system: there is nothing to tick"
            )
        elif seen:
            self.action_done.setText(SEEN)
            self.action_done.setToolTip(f"{evidence} Untick ({key}) if the record says otherwise.")
        else:
            self.action_done.setText(f"{ACTION_DONE} ({key})")
            self.action_done.setToolTip(
                "Decide first: then tick this once the record is changed"
                if action is ActionState.UNDECIDED
                else shortcuts.shortcut("toggle_action_done").description
            )
        self.action_done.setEnabled(action in (ActionState.TO_DO, ActionState.DONE))
        self.action_done.setChecked(action is ActionState.DONE)
        self.undo_button.setEnabled(can_undo)

    def _more_toggled(self, shown: bool) -> None:
        self.more_button.setText(LESS if shown else MORE)
        self.more_button.setAccessibleName(
            "Less of what to do now" if shown else "More of what to do now"
        )
        self._show_words()

    def _show_words(self) -> None:
        """What the search shows and what to do now: with a follow-up, one line (a dose
        still to correct says so first, the search's words behind More); More shows
        them whole, with the steps in the clinical system. Heard whole either way."""
        evidence, follow = self._evidence_shown, self._follow
        self.evidence.setText(evidence)
        more = self.more_button.isChecked()
        if follow is None:
            self.evidence.setVisible(bool(evidence))
            self.follow_up.setText("")
            self.follow_up.setToolTip("")
            self.follow_up.hide()
            self.more_button.hide()
            return
        whole = f"<b>{html.escape(follow.now)}</b> {html.escape(follow.how)}<br>{NOT_NOW}"
        still = bool(self.follow_up.property("warn")) and bool(evidence)
        if more:
            shown = whole
        elif still:  # why first: the search still shows the practice's own dose
            why = REASONS[STILL_TO_CORRECT].title
            shown = f"<b>{html.escape(why)}. {html.escape(follow.now)}</b>"
        else:
            shown = f"<b>{html.escape(follow.now)}</b>"
        self.evidence.setVisible(bool(evidence) and (more or not still))
        self.follow_up.setText(shown)
        # heard whole, with the search's words where the line begins with them
        heard = f"{html.escape(evidence)} {whole}" if still else whole
        say_field(self.follow_up, self.follow_up.field, heard)
        self.follow_up.setToolTip(
            "" if more else " ".join(p for p in (evidence if still else "", follow.how) if p)
        )
        self.follow_up.show()
        self.more_button.show()


class WordsArea(QScrollArea):
    """The bar's words at their whole height, or at most `limit` pixels (then scrolling up
    and down in them: the window has not the room for all of them and the buttons)."""

    def __init__(self, words: QWidget) -> None:
        super().__init__()
        self._words = words  # before setWidget, which sends it events already
        # as narrow as the area's room beside its scroll bar when they scroll (they wrap):
        # never wider than the area, so never a sideways scroll (the area's own least
        # width is still what the words need, `minimumSizeHint`)
        words.setMinimumWidth(1)
        self.setObjectName("decisionWords")
        self.setWidget(words)
        words.setAutoFillBackground(False)  # the bar's own white behind the words
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.limit: int | None = None
        words.installEventFilter(self)  # its words changed: the bar asks for their height

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._words and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self._fit_words)
        if watched is self._words and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
            QTimer.singleShot(0, self, self._fit_words)  # a scroll area does not, on its own
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Made narrower or wider, the words wrap to more lines or fewer: the bar asks for
        the height they take at the new width at once."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()
        QTimer.singleShot(0, self, self._fit_words)

    def _fit_words(self) -> None:
        """The words as tall as they now wrap (or the room, the rest scrolled to)."""
        scrolls = self.limit is not None and self._whole(self.width()) > self.limit
        policy = (
            Qt.ScrollBarPolicy.ScrollBarAlwaysOn
            if scrolls
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        if self.verticalScrollBarPolicy() != policy:
            self.setVerticalScrollBarPolicy(policy)  # the room beside it known before fitting
        width = self.viewport().width()
        height = max(self.viewport().height(), self._whole(width))
        if self._words.size() != QSize(width, height):
            self._words.resize(width, height)
        layout = self._words.layout()
        if layout is not None:  # laid out again at that size now (a label's new lines)
            layout.invalidate()
            layout.setGeometry(self._words.rect())
        if self.height() != self.heightForWidth(self.width()):
            self.updateGeometry()

    def fit_now(self) -> None:
        """Fitted at once to words just changed, not on the next turn of the event loop:
        until then the new words sat in the old height, the More button over the decision
        buttons (a Tab stop out of its place for whoever looked then: the audit)."""
        self._fit_words()

    def set_limit(self, limit: int | None) -> None:
        """At most `limit` pixels high, scrolling beyond; None: all they need, never a
        scroll bar (the bar's height is theirs)."""
        if limit != self.limit:
            self.limit = limit
            self.updateGeometry()
            QTimer.singleShot(0, self, self._fit_words)

    def _whole(self, width: int) -> int:
        words = self._words
        layout = words.layout()
        if layout is not None and layout.hasHeightForWidth() and width > 0:
            return layout.totalHeightForWidth(width)
        return words.sizeHint().height()

    def _capped(self, height: int) -> int:
        return height if self.limit is None else min(height, self.limit)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._capped(self._whole(width))

    def sizeHint(self) -> QSize:
        hint = self._words.sizeHint()
        width = self.width() if self.width() > 0 else hint.width()
        return QSize(hint.width(), self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        hint = self._words.minimumSizeHint()
        return QSize(hint.width(), self._capped(hint.height()))


def follow_up_text(decision: Decision, programme: Programme, system: str | None) -> FollowUp:
    """What a decision that needs a change in the clinical system asks of the reviewer now,
    in the rules' words for the system the record lives in."""
    verb = (
        "mark it as given elsewhere"
        if decision is Decision.OTHER_PROVIDER
        else "correct the record"
    )
    key = shortcuts.key_text("toggle_action_done")
    return FollowUp(
        f"Now {verb} in {system_name(system)}, then press {key}.",
        decision_needs(programme, decision, system),
    )
