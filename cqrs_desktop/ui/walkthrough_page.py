"""The walk-through page: one event at a time, decided with a key (SPEC section 6).

The page only renders the Qt-free WalkThrough (through OpenReview) and forwards keys to it.
Decision keys work anywhere on the page except in the note and find boxes, where typing
stays typing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cqrs_desktop.domain.explain import DECISION_WORDS, counted
from cqrs_desktop.domain.model import Decision
from cqrs_desktop.ui import shortcuts
from cqrs_desktop.ui.event_cards import (
    ChecklistCard,
    ElidedLabel,
    PatientCard,
    ReasonsCard,
    VaccinationCard,
    item_line,
)
from cqrs_desktop.ui.event_list import EventListPanel
from cqrs_desktop.ui.review_session import OpenReview

DECISION_ACTIONS: dict[str, Decision] = {
    "decide_practice": Decision.PRACTICE,
    "decide_other_provider": Decision.OTHER_PROVIDER,
    "decide_not_eligible": Decision.NOT_ELIGIBLE,
    "decide_not_given": Decision.NOT_GIVEN,
    "decide_unsure": Decision.UNSURE,
}
NOTE_SAVE_DELAY_MS = 700


class WalkThroughPage(QWidget):
    finished_all = Signal()
    status_message = Signal(str)

    def __init__(self, clinical_system: str = "emis") -> None:
        super().__init__()
        self.setObjectName("walkthroughPage")
        self.session: OpenReview | None = None
        self._note_event: str | None = None

        # progress, always visible
        self.progress_label = QLabel("")
        self.progress_label.setObjectName("progressText")
        self.progress_label.setAccessibleName("Progress")
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumHeight(10)
        self.progress_bar.setAccessibleName("Progress bar")
        self.item_label = ElidedLabel("")
        self.item_label.setObjectName("hint")
        self.item_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        heading = QHBoxLayout()
        heading.addWidget(self.progress_label)
        heading.addWidget(self.item_label, 1)
        top = QVBoxLayout()
        top.setSpacing(4)
        top.addLayout(heading)
        top.addWidget(self.progress_bar)

        self.done_banner = QLabel("")
        self.done_banner.setObjectName("doneBanner")
        self.done_banner.setWordWrap(True)
        self.done_banner.hide()

        # the event
        self.patient = PatientCard()
        self.patient.copied.connect(lambda _d: self.status_message.emit("NHS number copied"))
        self.vaccination = VaccinationCard()
        self.reasons = ReasonsCard()
        self.checklist = ChecklistCard(clinical_system)
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setAccessibleName("Note for this event")
        self.note.setPlaceholderText("Note (optional): what you found. Saved as you type.")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(46)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(self.flush_note)
        self.note.textChanged.connect(self._note_edited)

        # two columns stacked on their own (not grid rows), the tall checklist under the
        # short patient card: it all fits at 1366x768 without scrolling
        detail = QWidget()
        cards = QHBoxLayout(detail)
        cards.setContentsMargins(0, 0, 6, 0)
        cards.setSpacing(8)
        for column in ((self.patient, self.checklist), (self.vaccination, self.reasons)):
            stack = QVBoxLayout()
            stack.setSpacing(8)
            for card in column:
                stack.addWidget(card)
            stack.addStretch(1)
            cards.addLayout(stack, 1)
        scroll = QScrollArea()
        scroll.setWidget(detail)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        # the decision bar, pinned below the cards
        self.buttons: dict[Decision, QPushButton] = {}
        bar = QHBoxLayout()
        bar.setSpacing(8)
        for action, decision in DECISION_ACTIONS.items():
            key = shortcuts.key_text(action)
            button = QPushButton(f"{key}   {DECISION_WORDS[decision]}")
            button.setObjectName("decision")
            button.setProperty("decision", decision.value)
            button.setCheckable(True)
            button.setAccessibleName(f"{DECISION_WORDS[decision]} (key {key})")
            button.setToolTip(shortcuts.shortcut(action).description)
            button.clicked.connect(lambda _c=False, d=decision: self.decide(d))
            self.buttons[decision] = button
            bar.addWidget(button)
        self.action_done = QCheckBox(
            f"Clinical system updated ({shortcuts.key_text('toggle_action_done')})"
        )
        self.action_done.setAccessibleName("Clinical system updated")
        self.action_done.setToolTip(shortcuts.shortcut("toggle_action_done").description)
        self.action_done.clicked.connect(lambda _c=False: self.toggle_action_done())
        self.prev_button = QPushButton("◀ Previous")
        self.prev_button.setAccessibleName("Previous event")
        self.prev_button.setToolTip(f"Previous event ({shortcuts.key_text('previous')})")
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QPushButton("Next ▶")
        self.next_button.setAccessibleName("Next event")
        self.next_button.setToolTip(f"Next event ({shortcuts.key_text('next')})")
        self.next_button.clicked.connect(lambda: self.step(+1))
        self.undo_button = QPushButton("Undo")
        self.undo_button.setAccessibleName("Undo the last change")
        self.undo_button.setToolTip(f"Undo ({shortcuts.key_text('undo')})")
        self.undo_button.clicked.connect(self.undo)
        self.decided_label = QLabel("")
        self.decided_label.setObjectName("decidedLabel")
        nav = QHBoxLayout()
        nav.addWidget(self.decided_label, 1)
        nav.addWidget(self.undo_button)
        nav.addWidget(self.prev_button)
        nav.addWidget(self.next_button)
        tick_and_note = QHBoxLayout()
        tick_and_note.addWidget(self.action_done, 0, Qt.AlignmentFlag.AlignTop)
        tick_and_note.addWidget(self.note, 1)
        decision_frame = QFrame()
        decision_frame.setObjectName("decisionBar")
        df = QVBoxLayout(decision_frame)
        df.setContentsMargins(12, 8, 12, 8)
        df.setSpacing(6)
        df.addLayout(nav)
        df.addLayout(bar)
        df.addLayout(tick_and_note)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(top)
        right_layout.addWidget(self.done_banner)
        right_layout.addWidget(scroll, 1)
        right_layout.addWidget(decision_frame)

        self.events = EventListPanel()
        self.events.chosen.connect(self._chosen_from_list)
        self.events.find_requested.connect(self.find_patient)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.events)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([430, 750])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.splitter)

        handlers: dict[str, Callable[[], object]] = {
            action: partial(self.decide, d) for action, d in DECISION_ACTIONS.items()
        }
        handlers.update(
            toggle_action_done=self.toggle_action_done,
            undo=self.undo,
            previous=partial(self.step, -1),
            next=partial(self.step, +1),
            find=self.focus_find,
            note=self.focus_note,
            back_to_card=self.focus_card,
        )
        self.shortcuts = shortcuts.install(self, "review", handlers)

    # ----- wiring ---------------------------------------------------------------------
    def set_session(self, session: OpenReview | None) -> None:
        self.session = session
        self._note_event = None
        if session is not None:
            session.changed.connect(self._session_changed)
        self.events.set_review(session.review if session else None)
        self.refresh()

    def _session_changed(self, kind: str, event_id: str) -> None:
        """Per key press: repaint the decided row, and redraw the cards once. A decision
        that moved on is followed by "position", which redraws; one that stayed (A, a
        note) redraws now."""
        if self.session is None:
            return
        if kind == "decision" and event_id:
            self.events.model.event_changed(event_id)
            current = self.session.walk.current
            if current is not None and current.id != event_id:
                return
        elif kind in ("claims", "inputs", "practice"):
            self.events.set_review(self.session.review)
        if kind != "saved":
            self.refresh()

    def focus_card(self) -> None:
        """Keyboard focus on the patient card, so the reviewer can press a key at once."""
        self.patient.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_note(self) -> None:
        self.note.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_find(self) -> None:
        self.events.find_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.events.find_box.selectAll()

    # ----- actions --------------------------------------------------------------------
    def _ready(self) -> bool:
        return self.session is not None and self.session.walk.current is not None

    def decide(self, decision: Decision) -> None:
        if not self._ready():
            return
        assert self.session is not None
        self.flush_note()
        decided = self.session.walk.current
        self.session.decide(decision, within=self.events.model.rows)
        event = self.session.walk.current
        if self.session.walk.progress().remaining == 0:
            self.finished_all.emit()
        elif event is decided:  # nothing left to decide among the events the list shows
            self.status_message.emit(
                f"Saved: {DECISION_WORDS[decision]}. Every event in the list is decided: clear "
                "the find box or change the filters to go on with the rest."
            )
            return
        if event is not None and self.focusWidget() in self.buttons.values():
            self.focus_card()
        self.status_message.emit(f"Saved: {DECISION_WORDS[decision]}")

    def toggle_action_done(self) -> None:
        if self._ready():
            assert self.session is not None
            self.flush_note()
            self.session.toggle_action_done()

    def undo(self) -> None:
        if self.session is None:
            return
        self.flush_note()
        if self.session.undo():
            self.status_message.emit("Undone")
        else:
            self.status_message.emit("Nothing to undo")

    def step(self, step: int) -> None:
        if self.session is None:
            return
        self.flush_note()
        if not self.session.move(step, within=self.events.model.rows):
            self.status_message.emit("No more events that way in the list")

    def show_item(self, programme: str, month: str, event_id: str) -> None:
        """From the overview: the list narrowed to that claim item, and its event shown;
        the keys then move among that month's events."""
        self.events.show_item(programme, month)
        self.show_event(event_id)

    def show_event(self, event_id: str) -> None:
        if self.session is None:
            return
        self.flush_note()
        self.session.go_to(event_id)

    def _chosen_from_list(self, event_index: int) -> None:
        if self.session is None:
            return
        self.flush_note()
        self.session.go_to(self.session.review.events[event_index].id)

    def find_patient(self, text: str) -> None:
        if self.session is None:
            return
        if not text.strip():
            self.events.show_found(None)
            return
        found = self.session.walk.find(text)
        self.events.show_found(found)
        if found:
            self.show_event(found[0])

    # ----- the note -------------------------------------------------------------------
    def _note_edited(self) -> None:
        if self._note_event is not None:
            self._note_timer.start()

    def flush_note(self) -> None:
        """Save a note being typed; called before anything moves or changes."""
        self._note_timer.stop()
        session = self.session
        if session is None or self._note_event is None:
            return
        current = session.walk.current
        if current is None or current.id != self._note_event:
            return
        record = session.walk.current_record
        text = self.note.toPlainText()
        if (record.note if record else "") != text:
            session.set_note(text)
            self.status_message.emit("Note saved")

    # ----- rendering ------------------------------------------------------------------
    def refresh(self) -> None:
        session = self.session
        event = session.walk.current if session else None
        if session is None:
            self.progress_label.setText("No review open")
            return
        progress = session.walk.progress()
        text = progress.text()
        if progress.unsure:
            text += f" · {progress.unsure} unsure"
        if progress.remaining:
            text += f" · {progress.remaining} to go"
        else:  # unsure ones have an answer for now, but are not finished
            text += " · all seen, unsure ones to settle" if progress.unsure else " · all done"
        self.progress_label.setText(text)
        self.progress_bar.setMaximum(max(progress.total, 1))
        self.progress_bar.setValue(progress.checked)
        self.done_banner.setVisible(progress.total > 0 and progress.remaining == 0)
        self.done_banner.setText(
            "Every flagged event has a decision. Go to Results (Ctrl+4) for the email."
            + (
                f" {counted(progress.unsure, 'event')} marked unsure still "
                f"{'needs' if progress.unsure == 1 else 'need'} someone to look."
                if progress.unsure
                else ""
            )
        )
        self.setEnabled(event is not None)
        if event is None:
            self.item_label.setText("There are no events in this review.")
            return
        review = session.review
        programme = review.rules.programme(event.programme)
        item = review.item((event.programme, event.month))
        self.item_label.setText(item_line(programme, item, event.month))
        self.patient.show_event(event)
        self.vaccination.show_event(event)
        self.reasons.show_event(event, item)
        self.checklist.show_event(event, programme)
        record = session.walk.current_record
        decision = record.decision if record else None
        for d, button in self.buttons.items():
            button.setChecked(d is decision)
        if decision is not None:
            self.decided_label.setText(f"Recorded: {DECISION_WORDS[decision]}")
        elif event.needs_review:
            self.decided_label.setText("Not decided yet: what does the record show?")
        else:
            self.decided_label.setText("No check needed for this event (you may still decide)")
        self.action_done.setChecked(bool(record and record.action_done))
        if self._note_event != event.id:
            self.note.blockSignals(True)
            self.note.setPlainText(record.note if record else "")
            self.note.blockSignals(False)
            self._note_event = event.id
        self.undo_button.setEnabled(session.walk.can_undo)
        self.events.select_event(session.walk.position)
