"""Overview: one row per programme and month; double-click (or Enter) opens its events."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from cqrs_desktop.domain.explain import counted
from cqrs_desktop.domain.model import ItemStatus
from cqrs_desktop.ui.items_model import ITEM_KEY_ROLE, ItemsTableModel, items_view
from cqrs_desktop.ui.lazy_page import RefreshedWhenShown
from cqrs_desktop.ui.review_session import OpenReview


class OverviewPage(RefreshedWhenShown):
    open_item = Signal(str, str)
    print_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("overviewPage")
        self.session: OpenReview | None = None
        title = QLabel("Overview")
        title.setObjectName("pageTitle")
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setObjectName("hint")
        self.model = ItemsTableModel()
        self.view = items_view("Claims by programme and month", self.model)
        self.view.activated.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)
        self.open_button = QPushButton("Check this month's events")
        self.open_button.setObjectName("primary")
        self.open_button.clicked.connect(lambda: self._activated(self.view.currentIndex()))
        self.print_button = QPushButton("Print this month…")
        self.print_button.setToolTip(
            "Print or save as PDF the worksheet or report for the selected month only"
        )
        self.print_button.clicked.connect(self.print_requested.emit)
        hint = QLabel("Double-click a row, or select it and press Enter, to check its events.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(self.print_button)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)

    def set_session(self, session: OpenReview | None) -> None:
        self.session = session
        if session is not None:
            session.changed.connect(self.review_changed)
        self.mark_stale()

    def rebuild(self) -> None:
        session = self.session
        current = self.view.currentIndex().row()
        self.model.set_review(session.review if session else None)
        if self.model.rowCount():
            self.view.selectRow(max(0, min(current, self.model.rowCount() - 1)))
        if session is None:
            self.summary.setText("")
            return
        items = self.model.items
        counts = {s: sum(1 for i in items if i.status is s) for s in ItemStatus}
        progress = session.walk.progress()
        parts = [progress.text() + " flagged vaccinations"]
        if counts[ItemStatus.VALIDATED]:
            parts.append(counted(counts[ItemStatus.VALIDATED], "month") + " validated")
        if counts[ItemStatus.AMEND]:
            parts.append(f"{counts[ItemStatus.AMEND]} to amend")
        if counts[ItemStatus.INCOMPLETE]:
            parts.append(f"{counts[ItemStatus.INCOMPLETE]} incomplete")
        if counts[ItemStatus.NOT_CHECKED]:
            parts.append(f"{counts[ItemStatus.NOT_CHECKED]} not checked (no search for it)")
        self.summary.setText(" · ".join(parts))

    def selected_item(self) -> tuple[tuple[str, str] | None, str]:
        """The (programme, month) selected and its title, e.g. 'RSV (pregnant), Dec 2024'."""
        index = self.view.currentIndex()
        if not index.isValid() or self.model.rowCount() == 0:
            return None, ""
        key = index.data(ITEM_KEY_ROLE)
        item = self.model.items[index.row()]
        return key, f"{self.model.text(item, 0)}, {self.model.text(item, 1)}"

    def _activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        programme, month = index.data(ITEM_KEY_ROLE)
        self.open_item.emit(programme, month)
