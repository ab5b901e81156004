"""What the Check events page offers when there is nothing to decide where the reviewer is:
the next month needing checks, Results, or the events again, one button, Enter to take it.

A finished month used to leave only a line in the status bar; an empty list sat beside the
card of a patient it did not show. These are the page's own words for both.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cqrs_desktop.domain.dates import month_label
from cqrs_desktop.domain.explain import counted
from cqrs_desktop.domain.reconcile import ItemKey
from cqrs_desktop.domain.walkthrough import ActionState
from cqrs_desktop.ui.event_table import TO_UPDATE, UNSURE

if TYPE_CHECKING:
    from cqrs_desktop.ui.walkthrough_page import WalkThroughPage


class Offer(QFrame):
    """A line saying where the reviewer is, and up to two ways on (the first is Enter's)."""

    def __init__(self, name: str, stacked: bool = False) -> None:
        """`stacked`: the buttons one above the other (for a narrow place)."""
        super().__init__()
        self.setObjectName("offer")
        self.setAccessibleName(name)
        self.text = QLabel("")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setObjectName("offerText")
        self.go_button = QPushButton("")
        self.go_button.setObjectName("primary")
        self.other_button = QPushButton("")
        self._go: Callable[[], object] | None = None
        self._other: Callable[[], object] | None = None
        self.go_button.clicked.connect(lambda: self._go() if self._go else None)
        self.other_button.clicked.connect(lambda: self._other() if self._other else None)
        buttons = QVBoxLayout() if stacked else QHBoxLayout()
        buttons.addWidget(self.go_button)
        buttons.addWidget(self.other_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.hide()

    def offer(
        self,
        text: str,
        go: tuple[str, Callable[[], object]] | None = None,
        other: tuple[str, Callable[[], object]] | None = None,
        warn: bool = False,
    ) -> None:
        """`warn`: amber, for a place reached with something still to settle (not green)."""
        self.text.setText(text)
        if self.property("warn") != warn:
            self.setProperty("warn", warn)
            for widget in (self, self.text):
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        for button, choice, attr in (
            (self.go_button, go, "_go"),
            (self.other_button, other, "_other"),
        ):
            setattr(self, attr, choice[1] if choice else None)
            button.setText(choice[0] if choice else "")
            button.setVisible(choice is not None)
        self.show()

    def text_shown(self) -> str:
        return self.text.text()

    @property
    def key(self) -> str:
        """What the offer is about (its text): the page shows it again only when it changes."""
        return self.text.text() if self.isVisible() else ""


class EmptyList(QWidget):
    """Shown instead of the cards when the list beside them is empty."""

    def __init__(self) -> None:
        super().__init__()
        self.offer = Offer("Nothing in this list", stacked=True)
        self.offer.setObjectName("emptyList")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.offer)
        layout.addStretch(1)


class WayOn:
    """What the page offers when nothing is left to decide where the reviewer is: the
    words and the buttons, from the review and the list as they stand."""

    def __init__(self, page: WalkThroughPage) -> None:
        self.page = page
        # the event whose change in the clinical system the reviewer put off with → at the
        # end of the list: the way on shows though its card still asks for A
        self.put_off: str | None = None

    def _item_title(self, key: ItemKey) -> str:
        assert self.page.session is not None
        programme = self.page.session.review.rules.programme(key[0])
        return f"{programme.display_name}, {month_label(key[1])}"

    def _next_month(self, after: ItemKey | None) -> tuple[str, Callable[[], object]] | None:
        assert self.page.session is not None
        key = self.page.session.walk.next_item_to_check(after)
        if key is None:
            return None
        pending = self.page.session.review.item(key).pending
        return (
            f"Check {self._item_title(key)} ({counted(pending, 'event')} to check)",
            lambda: self.page.open_item(key),
        )

    def show_offer(self) -> None:
        """What to offer above the keys: Results when all is decided, the next
        month when the list's month is, the rest of the events when the list's are."""
        session = self.page.session
        assert session is not None
        walk = session.walk
        current = walk.current
        if current is None or current.id != self.put_off:
            self.put_off = None  # put off only while the reviewer stays on that event
        if walk.action_state() is ActionState.TO_DO and self.put_off is None:
            # the card asks for the change in the clinical system, then A: the way on waits
            # (it would take the focus and Enter, and squeeze the cards on a small screen)
            self.page.offer.hide()
            return
        progress = walk.progress()
        to_update = session.review.action_to_do
        update = (
            (
                f"Show the {counted(to_update, 'record')} not yet updated",
                partial(self.page.show_list, TO_UPDATE),
            )
            if to_update
            else None
        )
        if progress.total and not progress.remaining:
            # Unsure is no decision: the banner says so rather than "every one decided".
            done = (
                f"Every flagged event has been looked at, but {counted(progress.unsure, 'event')}"
                f" marked unsure still {'needs' if progress.unsure == 1 else 'need'} someone to "
                "decide; until then the results are not final."
                if progress.unsure
                else "✔ Every flagged event has a decision."
            )
            results = ("Go to Results", self.page.results_requested.emit)
            unsure_list = (
                f"Show the {counted(progress.unsure, 'event')} marked unsure",
                partial(self.page.show_list, UNSURE),
            )
            go, other = (unsure_list, update or results) if progress.unsure else (results, update)
            self.page.offer.offer(
                done + " The email and the declaration notes are on Results.",
                go,
                other,
                warn=bool(progress.unsure),
            )
            return
        rows = self.page.events.model.rows
        if (
            not rows
            or not self.page.events.is_filtered()
            or walk.next_pending_index(-1, rows) is not None
        ):
            self.page.offer.hide()
            return
        item = self.page.events.item_shown()
        if item is not None:
            text = f"✔ {self._item_title(item)}: every event to check has a decision."
            if walk.next_item_to_check(item) is not None:
                text += " Next month needing checks (Enter):"
        else:
            text = "✔ Every event in this list has a decision."
        self.page.offer.offer(
            text,
            (self._next_month(item) if item else None)
            or ("Show all still to check", self.page.show_list),
            update if item is None else None,
        )

    def show_empty(self) -> None:
        """No event in the list: say why, and the way on, instead of an orphan card."""
        session = self.page.session
        assert session is not None
        item = self.page.events.item_shown()
        if self.page.events.model.only_ids is not None:
            self.page.empty.offer.offer(
                "No patient matches the find.", ("Show all needing a check", self.page.show_list)
            )
            return
        if item is not None and session.review.item(item).in_search:
            found = session.review.item(item).in_search
            title = self._item_title(item)
            text = (
                f"Nothing in {title} needs a check: none of its "
                f"{counted(found, 'vaccination')} has a flag, and the claim gives no reason "
                "to look at them."
            )
            after = session.walk.next_item_to_check(item)
            go: tuple[str, Callable[[], object]] = ("Show all needing a check", self.page.show_list)
            if after is not None:
                pending = session.review.item(after).pending
                text += (
                    f"\n\nNext month needing checks: {self._item_title(after)}, "
                    f"{counted(pending, 'event')} to check."
                )
                go = ("Check that month", lambda: self.page.open_item(after))
            self.page.empty.offer.offer(
                text, go, ("Show its vaccinations", lambda: self.page.show_item_all(item))
            )
            return
        self.page.empty.offer.offer(
            "No event in the list: no event matches these filters.",
            ("Show all needing a check", self.page.show_list),
        )
