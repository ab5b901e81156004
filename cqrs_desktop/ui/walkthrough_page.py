"""The walk-through page: one event at a time, decided with a key (SPEC section 6).

The page only renders the Qt-free WalkThrough (through OpenReview) and forwards keys to it.
Decision keys work anywhere on the page except in the note and find boxes, where typing
stays typing.

Layout: the event list and the cards side by side, or the list above the cards where the
page is too narrow for both (big text, a narrow window: `list_and_card.py`), the decision
bar across the whole width below them (five buttons in one row from 1024 pixels up, in two
where they would not fit), always in sight: only the part above it scrolls. The cards sit
in two columns when there is room and in one otherwise; beside the list they scroll in an
area of their own, under it they scroll with the list (one scroll bar, never one inside
another); nothing the reviewer needs to decide is off to the side.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShowEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QScrollArea, QVBoxLayout, QWidget

from cqrs_desktop.domain.earlier import CORRECTED, EXPORT, entries_of_one_review
from cqrs_desktop.domain.explain import DECISION_WORDS
from cqrs_desktop.domain.export_check import EVERYTHING_SHOWN, sources_shown
from cqrs_desktop.domain.model import Decision, VaccinationEvent
from cqrs_desktop.domain.reconcile import ItemKey
from cqrs_desktop.domain.walkthrough import ActionState
from cqrs_desktop.ui import shortcuts
from cqrs_desktop.ui.card_heard import patient_card_heard
from cqrs_desktop.ui.confirm_given_here import ConfirmGivenHere
from cqrs_desktop.ui.decision_bar import DECISION_ACTIONS, DecisionBar, follow_up_text
from cqrs_desktop.ui.event_cards import (
    item_line,
    system_name,
)
from cqrs_desktop.ui.event_detail import TWO_CARD_COLUMNS_FROM, EventDetail, up_and_down
from cqrs_desktop.ui.event_list import EventListPanel
from cqrs_desktop.ui.event_table import ALL_EVENTS, NEEDS_CHECK
from cqrs_desktop.ui.list_and_card import ListAndCard
from cqrs_desktop.ui.review_session import OpenReview
from cqrs_desktop.ui.walkthrough_offers import Offer, WayOn

if TYPE_CHECKING:
    from cqrs_desktop.review.changes import Changes

NOTE_SAVE_DELAY_MS = 700
UPPER_ROWS = 2  # the least height of the list and card under it, in rows of the list
NO_EVENTS = "There are no events in this review. Add a search export on the Files page."


class WalkThroughPage(QWidget):
    finished_all = Signal()
    status_message = Signal(str)  # what was done, or not done: stays its time
    page_hint = Signal(str)  # a word about this page only: goes when the page changes
    results_requested = Signal()

    def __init__(self, clinical_system: str = "emis") -> None:
        super().__init__()
        self.setObjectName("walkthroughPage")
        self.session: OpenReview | None = None
        self._note_event: str | None = None
        self.confirm_dialog: ConfirmGivenHere | None = None
        self._sized = False  # the splitter shared out for this review yet

        # where there is nothing to decide: the way on (Enter)
        self.offer = Offer("What next")
        self.done_banner = self.offer  # the name the journey tests know it by
        self.way_on = WayOn(self)

        # the event (or why there is none)
        self.detail = EventDetail(clinical_system)
        self.patient = self.detail.patient
        self.patient.copied.connect(lambda _d: self.status_message.emit("NHS number copied"))
        self.vaccination = self.detail.vaccination
        self.reasons = self.detail.reasons
        self.checklist = self.detail.checklist
        self.empty = self.detail.empty
        self.progress_label = self.detail.progress_label

        # the decision bar, pinned below, across the page
        self.bar = DecisionBar()
        self.bar.decide_requested.connect(self.decide)
        self.bar.action_requested.connect(self.toggle_action_done)
        self.bar.undo_requested.connect(self.undo)
        self.bar.step_requested.connect(self.step)
        self.buttons = self.bar.buttons
        self.action_done = self.bar.action_done
        self.note = self.bar.note
        self.undo_button = self.bar.undo_button
        self.prev_button = self.bar.prev_button
        self.next_button = self.bar.next_button
        self.decided_label = self.bar.decided_label
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(self.flush_note)
        self.note.textChanged.connect(self._note_edited)

        self.events = EventListPanel()
        self.events.chosen.connect(self._chosen_from_list)
        self.events.find_requested.connect(self.find_patient)
        self.events.filters_changed.connect(self._list_changed)
        self.splitter = ListAndCard(self.events, self.detail)
        # what scrolls when the list and the card under it are taller than the room above
        # the decision bar (big text on a laptop): both together, the bar staying put
        self.upper = up_and_down(self.splitter)
        self.detail.scroll_with(self.upper)
        app = QApplication.instance()
        if isinstance(app, QApplication):  # a control Tab or a key reaches is scrolled to
            app.focusChanged.connect(self._show_focused)
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(8)
        layout.addWidget(self.upper, 1)
        layout.addWidget(self.offer)  # across the page, just above the keys
        layout.addWidget(self.bar)

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
        self.note.blockSignals(True)
        self.note.clear()  # not the last review's note, even where no event is shown
        self.note.blockSignals(False)
        if session is not None:
            session.changed.connect(self._session_changed)
        self.events.set_review(session.review if session else None)
        # a review opens on every event needing a check, whatever the last one was left on
        self.events.show_item(None, None)
        self._sized = False
        self.refresh()
        if self.isVisible():
            self._share_width()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            QTimer.singleShot(0, self._share_width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The card beside the list or under it, as the width allows."""
        margins = self._layout.contentsMargins()
        width = event.size().width() - margins.left() - margins.right()
        if self.splitter.fit(width):
            self.updateGeometry()
            QTimer.singleShot(
                0, self.detail, self.detail.show_patient_top
            )  # turned: the card in sight
            if self.splitter.beside and not self._sized:  # first shown under the list
                QTimer.singleShot(0, self._share_width)
        self._limit_words()
        super().resizeEvent(event)

    def _room(self) -> int:
        """The height the window gives the page: the pages' scroll area's, or its own."""
        parent = self.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea):
                return parent.viewport().height()
            parent = parent.parentWidget()
        return self.height()

    def _limit_words(self) -> None:
        """With the card under the list, the decision bar's words take at most half the
        height the buttons leave (the list and card the other half), scrolling in it
        beyond that: the decision buttons are never pushed out of sight, nor the card
        squeezed to a line (big text on a laptop, a decision carried with what the search
        shows and what to do now). Beside the list they take all they need, as before."""
        margins = self._layout.contentsMargins()
        used = margins.top() + margins.bottom() + self._layout.spacing()
        if not self.offer.isHidden():
            used += self.offer.sizeHint().height() + self._layout.spacing()
        left = self._room() - used - self.bar.keys_height()
        if self.splitter.beside:  # as they always were: the page scrolls if it must
            self.bar.words.set_limit(None)
            return
        limit = min(left - self._least_upper(), left // 2)
        self.bar.words.set_limit(max(self.bar.undo_button.sizeHint().height(), limit))

    def _lay_out_bar_now(self) -> None:
        """The bar as tall as its new words at once, the list and card giving way, so
        nothing is ever laid out in the last event's heights (decision 560)."""
        self.bar.words.fit_now()
        self._layout.activate()
        bar_layout = self.bar.layout()
        if bar_layout is not None:
            bar_layout.activate()

    def _least_upper(self) -> int:
        """The least height of the list and the card: beside each other, what they need;
        under each other, a few rows' worth (the rest scrolls above the bar)."""
        if self.splitter.beside:
            return self.splitter.minimumSizeHint().height()
        return self.events.view.verticalHeader().defaultSectionSize() * UPPER_ROWS

    def minimumSizeHint(self) -> QSize:
        """No wider than the list with the card under it: a page too narrow for the two
        side by side turns them (`resizeEvent`) rather than scroll sideways. As tall as
        the page needs at its width (the decision bar's words wrap), so with the card under
        the list the page scrolls up and down rather than squeeze the list."""
        hint = super().minimumSizeHint()
        margins = self._layout.contentsMargins()
        narrowest = max(self.splitter.below_needs(), self.bar.minimumSizeHint().width())
        return QSize(
            min(hint.width(), narrowest + margins.left() + margins.right()),
            max(hint.height(), self._height_needed()),
        )

    def _height_needed(self) -> int:
        """The list and card at their least (under each other, a few rows' worth: the rest
        scrolls above the bar), the offer and the bar as tall as their words wrap at the
        page's width."""
        margins = self._layout.contentsMargins()
        inner = self.width() - margins.left() - margins.right()
        parts = [self._least_upper()]
        for part in (self.offer, self.bar):
            if not part.isHidden():
                least = part.minimumSizeHint().height()
                wrapped = part.heightForWidth(inner) if inner > 0 else -1
                parts.append(max(least, wrapped))
        spacing = self._layout.spacing() * (len(parts) - 1)
        return sum(parts) + spacing + margins.top() + margins.bottom()

    def _show_focused(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A control taking the focus in the part above the bar (Tab) is scrolled into
        sight. Not the patient's card, where the keys go after each decision: the card
        side is shown from its top for each patient (`EventDetail.show_patient_top`)."""
        if (
            new is not None
            and new is not self.patient
            and not self.splitter.beside
            and self.splitter.isAncestorOf(new)
        ):
            self.upper.ensureWidgetVisible(new, 0, 0)

    def _share_width(self) -> None:
        """The list as wide as it likes (every reason code, a fuller name) while the cards
        keep room for their two columns; on a laptop the list has its minimum and the cards
        the rest. Done once per review: after that the splitter is the reviewer's."""
        total = sum(self.splitter.sizes())
        if total <= 0 or not self.splitter.beside:
            return
        cards = max(TWO_CARD_COLUMNS_FROM + 32, self.detail.least_width())
        wanted = self.events.preferred_width()
        lowest = self.events.minimumSizeHint().width()
        width = max(lowest, min(wanted, total - cards))
        self.splitter.setSizes([width, total - width])
        self.splitter.keep()
        self._sized = True

    def _session_changed(self, changes: Changes) -> None:
        """Per key press: repaint the decided rows, and redraw the cards once."""
        if self.session is None:
            return
        for event_id in changes.decisions:
            self.events.model.event_changed(event_id)
        if changes.decisions:
            self.events.show_to_update()
        if changes.review:
            self.events.set_review(self.session.review)
        if changes.decisions or changes.position or changes.review:
            self.refresh()

    def focus_card(self) -> None:
        """Keyboard focus on the patient card, so the reviewer can press a key at once (or,
        with no card because the list is empty, on the way on, so Enter takes it)."""
        if self.detail.showing_empty:
            self.empty.offer.go_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.patient.setFocus(Qt.FocusReason.OtherFocusReason)

    def press(self, event: QKeyEvent) -> bool:
        """A key of this page pressed on the step list beside it (where Tab from the note
        lands): done as on the card, which then has the focus, so the next key works too.
        False when it is no key of the page."""
        pressed = QKeySequence(event.keyCombination())
        for made in self.shortcuts.values():
            for key in made:
                if key.key().matches(pressed) == QKeySequence.SequenceMatch.ExactMatch:
                    self.focus_card()
                    key.activated.emit()
                    return True
        return False

    def focus_note(self) -> None:
        self.note.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_find(self) -> None:
        self.events.find_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.events.find_box.selectAll()

    # ----- actions --------------------------------------------------------------------
    def _ready(self) -> bool:
        return (
            self.session is not None
            and self.session.walk.current is not None
            and not self.detail.showing_empty
        )

    def _system(self, event: VaccinationEvent) -> str:
        assert self.session is not None
        return self.session.walk.clinical_system(event, self.checklist.practice_system) or ""

    def decide(self, decision: Decision) -> None:
        if not self._ready():
            return
        assert self.session is not None
        self.flush_note()
        walk = self.session.walk
        evidence = walk.needs_confirmation(decision)
        if evidence:
            self._confirm_given_here(evidence)
            return
        self._record(decision)

    def _confirm_given_here(self, evidence: tuple[str, ...]) -> None:
        """'Given here' against strong evidence: asked once, the evidence shown again."""
        assert self.session is not None
        walk = self.session.walk
        event = walk.current
        assert event is not None
        record = walk.current_record
        # the note kept, as deciding would keep it (another reviewer's said to be theirs)
        kept = walk.note_decided_again(record) if record else ""
        note = kept or walk.suggested_note(evidence)
        # the window's child, not the page's: the page's keys (Esc, P...) are not its own
        dialog = ConfirmGivenHere(self.window(), event, evidence, note)
        self.confirm_dialog = dialog

        def confirmed() -> None:
            if self.session is not None and self.session.walk.current is event:
                self._record(Decision.PRACTICE, note=dialog.note_text())

        dialog.accepted.connect(confirmed)
        dialog.rejected.connect(lambda: self.status_message.emit("Nothing recorded"))
        offer_before = self.offer.key

        def finished(_result: int) -> None:
            # back on the card; the way on that the answer made appear takes it (Enter)
            self.focus_card()
            self._focus_new_offer(offer_before)

        dialog.finished.connect(finished)
        dialog.open()

    def _record(self, decision: Decision, note: str | None = None) -> None:
        assert self.session is not None
        walk = self.session.walk
        offer_before = self.offer.key
        decided = walk.current
        assert decided is not None
        if note is not None:
            self._note_event = None  # the note box shows the saved note again
        if self.session.decide(decision, within=self.events.model.rows, note=note) is None:
            return  # not saved: the window has said so
        word = DECISION_WORDS[decision]
        if walk.action_state(decided.id) is ActionState.TO_DO:
            system = system_name(self._system(decided))
            self.status_message.emit(f"Saved: {word}. Now change the record in {system}, then A")
        else:
            self.status_message.emit(f"Saved: {word}")
        if walk.progress().remaining == 0:
            self.finished_all.emit()
        if self.focusWidget() in self.buttons.values():
            self.focus_card()
        self._focus_new_offer(offer_before)

    def toggle_action_done(self) -> None:
        if not self._ready():
            return
        assert self.session is not None
        self.flush_note()
        walk = self.session.walk
        state = walk.action_state()
        record = walk.current_record
        if state is ActionState.UNDECIDED and not (record and record.action_done):
            self.page_hint.emit(
                "Decide first (P, O, N or X): then change the record if the decision needs "
                "it, and press A"
            )
            self.refresh()  # a click on the box is undone
            return
        if state is ActionState.NOT_NEEDED and not (record and record.action_done):
            word = DECISION_WORDS[record.decision] if record and record.decision else ""
            self.page_hint.emit(
                f"'{word}' needs no change in the clinical system: there is nothing to tick"
            )
            self.refresh()
            return
        offer_before = self.offer.key
        event = walk.current
        if self.session.toggle_action_done(within=self.events.model.rows) is None:
            self.refresh()  # not saved (the window has said so): the box shows the file
            return
        now = self.session.review.decision(event.id) if event is not None else None
        ticked = bool(now and now.action_done)
        self.status_message.emit(
            "Saved: clinical system updated" if ticked else "Saved: clinical system not updated"
        )
        if self.focusWidget() is self.action_done:
            self.focus_card()
        self._focus_new_offer(offer_before)

    def undo(self) -> None:
        if self.session is None:
            return
        self.flush_note()
        undone = self.session.undo()
        if undone is None:
            return  # not saved: the window has said so
        if undone:
            self.status_message.emit("Undone")
        else:
            self.page_hint.emit("Nothing to undo")
        if undone and self.focusWidget() not in (self.note, self.events.find_box):
            # back on the event undone, keys at the ready: the way on it hid had the focus,
            # which fell to the Undo button, where Enter undid one more (decision 371)
            self.focus_card()

    def step(self, step: int) -> None:
        if self.session is None:
            return
        self.flush_note()
        if not self.session.move(step, within=self.events.model.rows):
            self.page_hint.emit("No more events that way in the list")
            current = self.session.walk.current
            if current is not None and self.way_on.put_off != current.id:
                self.way_on.put_off = current.id  # "Not now": the way on may show
                self.way_on.show_offer()

    def show_item(self, programme: str, month: str, event_id: str) -> None:
        """From the overview: the list narrowed to that claim item, and its event shown;
        the keys then move among that month's events."""
        self.events.show_item(programme, month)
        self.show_event(event_id)

    def open_item(self, key: ItemKey) -> None:
        """The next month to check, from an offer: its first event still to decide."""
        if self.session is None:
            return
        target = self.session.walk.first_of_item(*key)
        if target is not None:
            self.show_item(*key, target)
            self.focus_card()

    def show_list(self, status: str = NEEDS_CHECK) -> None:
        """Every event (of `status`): the list as it first opens, or the records to update."""
        self.events.show_item(None, None, status)
        self._list_changed()
        self.focus_card()

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

    def _list_changed(self) -> None:
        """The filters changed: the card follows the list (its first event still to decide,
        else its first), never a patient the list does not show."""
        session = self.session
        if session is None:
            return
        rows = self.events.model.rows
        position = session.walk.position
        if rows and (position is None or self.events.model.row_of(position) is None):
            target = session.walk.next_pending_index(-1, rows)
            self.flush_note()
            session.go_to(session.review.events[rows[0] if target is None else target].id)
        else:
            self.refresh()

    def find_patient(self, text: str) -> None:
        if self.session is None:
            return
        if not text.strip():
            self.events.show_found(None)
            self._list_changed()
            return
        found = self.session.walk.find(text)
        self.events.show_found(found)
        if found:
            self.show_event(found[0])
        else:
            self.refresh()

    # ----- the note -------------------------------------------------------------------
    def _note_edited(self) -> None:
        if self._note_event is not None:
            self._note_timer.start()

    def flush_note(self) -> bool:
        """Save a note being typed; called before anything moves or changes. False when
        the note could not be saved (the window has said so): it is still in the box."""
        self._note_timer.stop()
        session = self.session
        if session is None or self._note_event is None:
            return True
        current = session.walk.current
        if current is None or current.id != self._note_event:
            return True
        record = session.walk.current_record
        text = self.note.toPlainText()
        if (record.note if record else "") == text:
            return True
        if session.set_note(text) is None:
            return False
        self.status_message.emit("Note saved")
        return True

    # ----- the way on ------------------------------------------------------------------
    def _focus_new_offer(self, before: str) -> None:
        """An offer that has just appeared takes the focus, so Enter takes it up (the
        decision keys still work: they belong to the whole page)."""
        if self.offer.isVisible() and self.offer.key != before:
            self.offer.go_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_item_all(self, key: ItemKey) -> None:
        """Every vaccination of one month, those needing no check too."""
        self.events.show_item(*key, status=ALL_EVENTS)
        self._list_changed()
        self.focus_card()

    # ----- rendering ------------------------------------------------------------------
    def refresh(self) -> None:
        session = self.session
        event = session.walk.current if session else None
        if session is None:
            self.progress_label.setText("No review open")
            return
        self.detail.show_progress(session.walk.progress())
        self.way_on.show_offer()
        self._limit_words()  # the offer shown or not leaves the words more room or less
        listed = bool(self.events.model.rows)
        self.setEnabled(event is not None)
        self.bar.setEnabled(listed)
        if not listed and event is not None:
            self.detail.show_empty()
            self.way_on.show_empty()
            self.bar.show_nothing()
            return
        if event is None:  # none at all (a search removed): no card left behind
            self.detail.show_empty()
            self.empty.offer.offer(NO_EVENTS)
            self.bar.show_nothing()
            return
        review = session.review
        programme = review.rules.programme(event.programme)
        item = review.item((event.programme, event.month))
        earlier = session.earlier_decisions(event.id)
        self.patient.show_event(event)
        self.vaccination.show_event(
            event, sources_shown(review).get(event.source, EVERYTHING_SHOWN)
        )
        record = session.walk.current_record
        settled = record is not None and record.decision not in (None, Decision.UNSURE)
        corrected = (
            record is not None
            and record.export_check == CORRECTED
            and record.action_evidence == EXPORT
            and record.action_done
        )
        self.reasons.show_event(event, item, earlier, settled, corrected)
        decision = record.decision if record else None
        file_system = session.walk.clinical_system(event, None)
        self.checklist.show_event(event, programme, decision, file_system)
        self.detail.show_cards(item_line(programme, item, event.month), event.id)
        state = session.walk.action_state()
        follow_up = None
        if state is ActionState.TO_DO and decision is not None:
            follow_up = follow_up_text(decision, programme, self._system(event))
        self.bar.show_state(
            decision,
            event.needs_review,
            state,
            follow_up,
            session.walk.can_undo,
            record,
            disagreed=len(earlier),
            earlier_unsure=len(earlier) == 1 and earlier[0].decision is Decision.UNSURE,
            earlier_twice=entries_of_one_review(earlier),
            reviewer=session.reviewer,
        )
        self._lay_out_bar_now()
        self.patient.hear(*patient_card_heard(self.detail, self.bar, programme.display_name))
        saved_note = record.note if record else ""
        # another event's, or this one's changed by other means than typing (an undo, a
        # carried decision's note said to be the earlier one's): the box shows the saved
        # note; words being typed (the timer running) are left alone
        if self._note_event != event.id or (
            not self._note_timer.isActive() and self.note.toPlainText() != saved_note
        ):
            self.note.blockSignals(True)
            self.note.setPlainText(saved_note)
            # Ctrl+M or Tab into it adds to the note, not before it
            self.note.moveCursor(QTextCursor.MoveOperation.End)
            self.note.blockSignals(False)
            self._note_event = event.id
        self.events.select_event(session.walk.position)
