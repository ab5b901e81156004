"""Claimed counts as a programme-by-month grid: typed, or pasted straight from Excel."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cqrs_desktop.domain.dates import short_month_label
from cqrs_desktop.domain.model import Claim
from cqrs_desktop.domain.rules import Rules

ModelIndex = QModelIndex | QPersistentModelIndex
TYPED = "typed"


def _months_between(start: str, end: str) -> list[str]:
    y, m = int(start[:4]), int(start[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= end:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def default_months(rules: Rules) -> set[str]:
    """The months NHS England is reviewing, so the grid is never empty."""
    months: set[str] = set()
    for p in rules.programmes:
        for start, end in p.review_windows:
            months.update(_months_between(start, end))
    return months


class ClaimsGridModel(QAbstractTableModel):
    edited = Signal()

    def __init__(self, rules: Rules) -> None:
        super().__init__()
        self.rules = rules
        self.programmes = list(rules.programmes)
        self.months: list[str] = sorted(default_months(rules))
        self.counts: dict[tuple[str, str], tuple[int, str]] = {}

    def set_claims(self, claims: list[Claim] | tuple[Claim, ...], months: set[str]) -> None:
        self.beginResetModel()
        self.counts = {(c.programme, c.month): (c.count, c.source) for c in claims}
        all_months = set(months) | {m for _p, m in self.counts} | default_months(self.rules)
        self.months = sorted(all_months)
        self.endResetModel()

    def add_month(self, month: str) -> None:
        if month in self.months:
            return
        self.beginResetModel()
        self.months = sorted({*self.months, month})
        self.endResetModel()

    def claims(self) -> list[Claim]:
        ids = [p.id for p in self.programmes]
        return [
            Claim(p, m, count, source)
            for (p, m), (count, source) in sorted(
                self.counts.items(), key=lambda kv: (ids.index(kv[0][0]), kv[0][1])
            )
        ]

    # ----- Qt model -------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.programmes)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.months)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:  # "Sep\n2024": narrow columns
            return short_month_label(self.months[section]).replace(" ", "\n", 1)
        return self.programmes[section].short_name

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        key = (self.programmes[index.row()].id, self.months[index.column()])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            found = self.counts.get(key)
            return "" if found is None else str(found[0])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            found = self.counts.get(key)
            where = f" (from {found[1]})" if found and found[1] else ""
            return (
                f"{self.programmes[index.row()].display_name}, "
                f"{short_month_label(key[1])}: type the claimed count{where}"
            )
        return None

    def set_count(self, row: int, column: int, text: str) -> bool:
        text = text.strip().replace(",", "")
        key = (self.programmes[row].id, self.months[column])
        if text == "":
            changed = self.counts.pop(key, None) is not None
        elif text.isdigit():
            new = (int(text), TYPED)
            changed = self.counts.get(key, (None,))[0] != new[0]
            self.counts[key] = new
        else:
            return False
        if changed:
            index = self.index(row, column)
            self.dataChanged.emit(index, index)
        return changed

    def setData(
        self, index: ModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if self.set_count(index.row(), index.column(), str(value)):
            self.edited.emit()
            return True
        return str(value).strip() == "" or str(value).strip().isdigit()

    def paste(self, row: int, column: int, text: str) -> int:
        """Cells copied from Excel (tab-separated lines) from (row, column); returns cells set."""
        changed = 0
        for r, line in enumerate(text.rstrip("\r\n").splitlines()):
            for c, cell in enumerate(line.split("\t")):
                if row + r < len(self.programmes) and column + c < len(self.months):
                    changed += self.set_count(row + r, column + c, cell)
        if changed:
            self.edited.emit()
        return changed


class ClaimsView(QTableView):
    """The grid: Ctrl+V pastes a block from Excel, Delete clears the selected cells. Tab
    moves cell by cell as in Excel, and out of the grid from its last cell (Shift+Tab from
    its first), so the buttons below stay within reach of the keyboard."""

    def focusNextPrevChild(self, forward: bool) -> bool:
        model = self.model()
        index = self.currentIndex()
        if model is not None and index.isValid():
            last = index.row() == model.rowCount() - 1 and index.column() == model.columnCount() - 1
            first = index.row() == 0 and index.column() == 0
            if (forward and last) or (not forward and first):
                return QWidget.focusNextPrevChild(self, forward)
        return super().focusNextPrevChild(forward)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        model = self.model()
        if isinstance(model, ClaimsGridModel) and self.currentIndex().isValid():
            index = self.currentIndex()
            if event.matches(QKeySequence.StandardKey.Paste):
                model.paste(index.row(), index.column(), QGuiApplication.clipboard().text())
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                cleared = sum(
                    model.set_count(i.row(), i.column(), "") for i in self.selectedIndexes()
                )
                if cleared:
                    model.edited.emit()
                return
        super().keyPressEvent(event)


class ClaimsGrid(QWidget):
    claims_changed = Signal(list)

    def __init__(self, rules: Rules) -> None:
        super().__init__()
        self.model = ClaimsGridModel(rules)
        self.model.edited.connect(lambda: self.claims_changed.emit(self.model.claims()))
        self.view = ClaimsView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Claimed counts by programme and month")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("0000") + 18)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        title = QLabel("Claimed counts (CQRS)")
        title.setObjectName("sectionTitle")
        hint = QLabel(
            "Type the numbers from CQRS, or copy cells in Excel and press Ctrl+V here. "
            "Blank means no claim. CQRS files you add fill this in when the files are imported."
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        self.month_box = QLineEdit()
        self.month_box.setPlaceholderText("Another month, e.g. Jan 2025")
        self.month_box.setAccessibleName("Add a month to the grid")
        self.month_box.returnPressed.connect(self._add_month)
        add = QPushButton("Add month")
        add.clicked.connect(self._add_month)
        row = QHBoxLayout()
        row.addWidget(self.month_box, 1)
        row.addWidget(add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.view)
        layout.addLayout(row)
        layout.addStretch(1)  # spare height below the grid, its scroll bar under its rows
        self.model.modelReset.connect(lambda: QTimer.singleShot(0, self._fit_height))
        self._fit_height()

    def _fit_height(self) -> None:
        """The grid as tall as its rows, header and scroll bar: a wide year of months
        scrolls sideways with its bar in sight, not below an empty area."""
        view = self.view
        rows = max(
            view.verticalHeader().length(),  # the rows as laid out, once they are
            view.verticalHeader().defaultSectionSize() * self.model.rowCount(),
        )
        header = max(view.horizontalHeader().sizeHint().height(), view.horizontalHeader().height())
        bar = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        view.setFixedHeight(rows + header + bar + 2 * view.frameWidth() + 4)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._fit_height)  # measured again as laid out on screen

    def _add_month(self) -> None:
        from cqrs_desktop.sources import parse_month  # the readers load pandas: only now

        month = parse_month(self.month_box.text())
        if month:
            self.model.add_month(month)
            self.month_box.clear()
        else:
            self.month_box.selectAll()
