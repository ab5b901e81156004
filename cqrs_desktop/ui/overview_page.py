"""Overview: one row per programme and month; double-click (or Enter) opens its events."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from cqrs_desktop.domain.explain import NOT_YET_CORRECTED, SEEN_CORRECTED, counted
from cqrs_desktop.domain.model import Decision, ItemStatus
from cqrs_desktop.reports.summary import kept_words
from cqrs_desktop.ui.items_model import ITEM_KEY_ROLE, ItemsTableModel, items_view
from cqrs_desktop.ui.lazy_page import RefreshedWhenShown
from cqrs_desktop.ui.widgets import WrappedLabel


class OverviewPage(RefreshedWhenShown):
    open_item = Signal(str, str)
    print_requested = Signal()
    to_update_requested = Signal()  # show the records not yet updated in the clinical system
    not_corrected_requested = Signal()  # those the latest search still shows as the practice's

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("overviewPage")
        self._row_let_go = -1  # the row selected when the review was let go of
        title = QLabel("Overview")
        title.setObjectName("pageTitle")
        self.summary = WrappedLabel("")
        self.summary.setObjectName("hint")
        self.to_update_button = QPushButton("")
        self.to_update_button.setToolTip(
            "Decided as given elsewhere, not eligible or not given, where the record must be "
            "changed in the clinical system and 'Clinical system updated' is not yet ticked"
        )
        self.to_update_button.clicked.connect(self.to_update_requested.emit)
        self.to_update_button.hide()
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary, 1)
        summary_row.addWidget(self.to_update_button)
        # decisions brought from earlier reviews, and what the latest search shows of them
        self.carried = WrappedLabel("", field="Decisions from earlier reviews")
        self.not_corrected_button = QPushButton("")
        self.not_corrected_button.setToolTip(
            "Decided in an earlier review as given elsewhere (or in error), and the latest "
            "search still shows the practice's own dose: change the record, then tick it (A)"
        )
        self.not_corrected_button.clicked.connect(self.not_corrected_requested.emit)
        carried_row = QHBoxLayout()
        carried_row.addWidget(self.carried, 1)
        carried_row.addWidget(self.not_corrected_button)
        self.carried.hide()
        self.not_corrected_button.hide()
        self.model = ItemsTableModel()
        self.view = items_view("Claims by programme and month", self.model)
        self.view.activated.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)
        self.details = WrappedLabel("", field="The month selected")
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_details())
        self.open_button = QPushButton("Check this month's events")
        self.open_button.setObjectName("primary")
        self.open_button.clicked.connect(lambda: self._activated(self.view.currentIndex()))
        self.print_button = QPushButton("Print this month…")
        self.print_button.setToolTip(
            "Print or save as PDF the worksheet or report for the selected month only"
        )
        self.print_button.clicked.connect(self.print_requested.emit)
        # a WrappedLabel, not a wrapping QLabel: the page then asks for the room its lines
        # take at their width, where it asked for fewer and the table was laid over the
        # line about earlier reviews with big text (decision 374)
        hint = WrappedLabel(
            "Double-click a row, or select it and press Enter, to check its events."
        )
        hint.setObjectName("hint")
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(self.print_button)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addLayout(summary_row)
        layout.addLayout(carried_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details)
        layout.addLayout(row)

    def let_go(self) -> None:
        if (row := self.view.currentIndex().row()) >= 0:
            self._row_let_go = row
        self.model.set_review(None)

    def rebuild(self) -> None:
        session = self.session
        current = self.view.currentIndex().row()
        if current < 0:  # let go of while hidden: the row selected then
            current = self._row_let_go
        self.model.set_review(session.review if session else None)
        if self.model.rowCount():
            self.view.selectRow(max(0, min(current, self.model.rowCount() - 1)))
        if session is None:
            self.summary.setText("")
            self.to_update_button.hide()
            self.carried.hide()
            self.not_corrected_button.hide()
            return
        items = self.model.items
        counts = {s: sum(1 for i in items if i.status is s) for s in ItemStatus}
        held = sum(1 for i in items if self.model.held_back(i))
        counts[ItemStatus.AMEND] -= held  # as the email: still being checked (163, 164)
        progress = session.walk.progress()
        parts = [f"Flagged vaccinations: {progress.text()}"]
        if counts[ItemStatus.VALIDATED]:
            parts.append(counted(counts[ItemStatus.VALIDATED], "month") + " validated")
        if counts[ItemStatus.AMEND]:
            parts.append(f"{counts[ItemStatus.AMEND]} to amend")
        if counts[ItemStatus.INCOMPLETE]:
            parts.append(f"{counts[ItemStatus.INCOMPLETE]} incomplete")
        if held:
            parts.append(
                f"{held} still being checked, not yet to amend: the search may not hold "
                f"every dose of {'its month' if held == 1 else 'their months'}"
            )
        if counts[ItemStatus.NOT_CHECKED]:
            parts.append(
                f"{counts[ItemStatus.NOT_CHECKED]} not checked: no search covered "
                f"{'it' if counts[ItemStatus.NOT_CHECKED] == 1 else 'them'}"
            )
        to_update = session.review.action_to_do
        if to_update:
            parts.append(
                f"{counted(to_update, 'record')} not yet updated in the clinical system "
                "(given elsewhere, not eligible or recorded in error)"
            )
        self.summary.setText(" · ".join(parts))
        self.to_update_button.setText(f"Show the {counted(to_update, 'record')} to update")
        self.to_update_button.setVisible(bool(to_update))
        self._show_carried()
        self._show_details()

    def _show_carried(self) -> None:
        """'From earlier reviews: 6 decisions · 2 seen corrected in the latest search · 2 not
        yet corrected in the clinical system' (the review's running tallies, the same
        numbers as the email's), and the doses decided earlier that the latest search does
        not show, kept (as each month's line and the Files page say them: decision 551)."""
        assert self.session is not None
        review = self.session.review
        carried, seen, not_yet = review.carried, review.seen_corrected, review.not_yet_corrected
        gone, blind = len(review.gone), review.cannot_check
        not_carried = sum(
            1 for event_id in review.disagreed if (d := review.decision(event_id)) is None
            or d.decision in (None, Decision.UNSURE)
        )  # fmt: skip
        kept = self.model.kept_kinds
        if not (carried or seen or not_yet or gone or blind or not_carried or kept):
            self.carried.hide()
            self.not_corrected_button.hide()
            return
        parts = [
            f"From earlier reviews: {counted(carried, 'decision')} brought"
            if carried
            else "Checked against the latest search"  # a search imported again
        ]
        if seen or not_yet:
            parts.append(f"{seen:,} {SEEN_CORRECTED}")
            parts.append(f"{not_yet:,} {NOT_YET_CORRECTED}")
        if blind:
            parts.append(
                f"{blind:,} cannot be checked against the latest search (it has no GMS or "
                "Non-GMS column): the earlier word on the clinical system stands"
            )
        if gone:
            parts.append(
                f"{counted(gone, 'dose')} decided earlier as needing a change no longer in the "
                "latest search (select a month below to see which)"
            )
        if kept:
            n = sum(count for _kind, count in kept)
            parts.append(
                f"{counted(n, 'dose')} decided earlier that the latest search does not show, "
                f"kept in the records and not counted ({kept_words(kept)}: select a month "
                "below to see which)"
            )
        if not_carried:
            parts.append(
                f"{counted(not_carried, 'vaccination')} whose earlier decision was not carried "
                "(earlier reviews differ, it was marked unsure, or this search says otherwise): "
                "to decide here"
            )
        self.carried.setText(" · ".join(parts))
        self.carried.show()
        self.not_corrected_button.setText(f"Show the {not_yet:,} still the practice's")
        # only where it narrows "the records to update" (else the same list twice)
        self.not_corrected_button.setVisible(0 < not_yet < review.action_to_do)

    def _show_details(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.model.items:
            self.details.setText("")
            return
        item = self.model.items[index.row()]
        self.details.setText(self.model.details(item))
        self.open_button.setEnabled(item.in_search > 0)  # a month with none has none to check

    def selected_item(self) -> tuple[tuple[str, str] | None, str]:
        """The (programme, month) selected and its title, e.g. 'RSV (pregnant women),
        December 2024'."""
        index = self.view.currentIndex()
        if not index.isValid() or self.model.rowCount() == 0:
            return None, ""
        key = index.data(ITEM_KEY_ROLE)
        return key, self.model.title(self.model.items[index.row()])

    def _activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        programme, month = index.data(ITEM_KEY_ROLE)
        self.open_item.emit(programme, month)
