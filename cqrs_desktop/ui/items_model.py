"""One row per programme and month: the table behind the overview and the results."""

from __future__ import annotations

from collections.abc import Mapping, Sized
from typing import ClassVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from cqrs_desktop.domain.dates import month_label
from cqrs_desktop.domain.model import ClaimItem
from cqrs_desktop.domain.review import Review
from cqrs_desktop.ui import theme
from cqrs_desktop.ui.table_base import ColumnsModel

ModelIndex = QModelIndex | QPersistentModelIndex
ITEM_KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def money(value: float | None) -> str:
    if value is None:
        return "–"
    sign = "-" if value < 0 else ""
    return f"{sign}£{abs(value):,.2f}"


class ItemsTableModel(ColumnsModel):
    COLUMNS = (
        "Programme",
        "Month",
        "Claimed",
        "Found",
        "Needs review",
        "Checked",
        "Unsure",
        "Corrected",
        "Status",
        "Value difference",
    )
    NUMERIC = frozenset({2, 3, 4, 5, 6, 7, 9})
    COLUMN_TIPS: ClassVar[Mapping[int, str]] = {
        2: "The count the practice claimed on CQRS for this month",
        3: "Vaccinations found in your search for this month",
        4: "Vaccinations that must be checked against the patient record",
        7: "The count to claim: vaccinations given by this practice, once every one that "
        "needs a check has a decision",
        9: "(claimed − corrected) × fee. More than £0: the practice claimed too much and "
        "should amend it down; less than £0: it claimed too little",
    }

    def __init__(self) -> None:
        super().__init__()
        self.items: list[ClaimItem] = []
        self.names: dict[str, str] = {}

    def set_review(self, review: Review | None) -> None:
        self.beginResetModel()
        self.items = review.items() if review else []
        self.names = {p.id: p.display_name for p in review.rules.programmes} if review else {}
        self.endResetModel()

    def table_rows(self) -> Sized:
        return self.items

    def text(self, item: ClaimItem, column: int) -> str:
        checked = sum(item.decisions.values()) + item.unsure
        values: list[object] = [
            self.names.get(item.programme, item.programme),
            month_label(item.month),
            "no claim" if item.claimed is None else item.claimed,
            item.in_search,
            item.flagged,
            f"{checked} of {item.flagged}" if item.flagged else "–",
            item.unsure or "",
            "–" if item.corrected is None else item.corrected,
            theme.item_status(item.status)[0],
            money(item.value_difference),
        ]
        return str(values[column])

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ITEM_KEY_ROLE:
            return (item.programme, item.month)
        if column == 8 and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole):
            tone = theme.item_status(item.status)[1]
            foreground = role == Qt.ItemDataRole.ForegroundRole
            return QBrush(QColor(tone.text if foreground else tone.fill))
        if column == 8 and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == 8 and item.pending:
            return f"{item.pending} still to check"
        if role == Qt.ItemDataRole.ToolTipRole and column == 9 and item.value_difference:
            amount = money(abs(item.value_difference))
            return f"Claimed {amount} too {'much' if item.value_difference > 0 else 'little'}"
        return None


def items_view(name: str, model: ItemsTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    view.setTabKeyNavigation(False)
    return view
