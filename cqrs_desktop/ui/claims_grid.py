"""Claimed counts as a programme-by-month grid: typed, or pasted straight from Excel."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
from cqrs_desktop.ui.widgets import FieldLabel

ModelIndex = QModelIndex | QPersistentModelIndex
TYPED = "typed"
SHOWN_AT_MOST = 4  # cells named in a message before "and N more"

_MONEY = re.compile(r"[£$€]|\bgbp\b|^\d+p$", re.IGNORECASE)
NO_CLAIM = ("", "-", "\u2013", "\u2014")  # blank, or a dash as in CQRS exports: no claim


def is_no_claim(text: str) -> bool:
    return text.strip() in NO_CLAIM


def read_count(text: str) -> int | None:
    """A claimed count from a typed or pasted cell, read as the CQRS file reader reads one
    ("7", "7.00", "1,234", spaces around); None when it is not a whole number."""
    from cqrs_desktop.sources.values import parse_count  # the readers load pandas: only now

    return parse_count(text)


def why_not_a_count(text: str) -> str | None:
    """Why a cell's text cannot be taken as a claimed count; None for a count or a blank."""
    value = text.strip()
    if is_no_claim(value) or read_count(value) is not None:
        return None
    if _MONEY.search(value):
        return "an amount of money, not a count of vaccinations"
    from cqrs_desktop.sources.values import MAX_COUNT

    whole, point, zeros = value.partition(".")
    digits = (whole if point and zeros and zeros.strip("0") == "" else value).replace(",", "")
    if digits.isascii() and digits.isdigit() and read_count(digits) is None:  # too many
        return f"more than a practice can claim for one month (at most {MAX_COUNT:,})"
    if value.startswith("-") and read_count(value[1:]) is not None:
        return "a negative number: a count cannot be below 0"
    if any(ch.isdigit() for ch in value) and not any(ch.isalpha() for ch in value):
        return "not a whole number"
    return "not a number"


@dataclass(frozen=True)
class Refused:
    """A cell whose text was not taken: it keeps the count it had."""

    row: int
    column: int
    text: str
    why: str


@dataclass
class Pasted:
    """What a paste did: cells taken, cells refused, and cells the grid has no place for."""

    taken: int = 0  # cells read (a count or a blank), changed or already so
    changed: int = 0
    refused: list[Refused] = field(default_factory=list)
    no_month: int = 0  # cells right of the last month column
    no_row: int = 0  # cells below the last programme row


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
    report = Signal(str, bool)  # what the user should know ("" for nothing); True: a problem

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
        """The cell set from `text` (blank clears it); False when unchanged or when `text`
        is not a count (see `why_not_a_count`): the cell then keeps what it had."""
        key = (self.programmes[row].id, self.months[column])
        if is_no_claim(text):
            changed = self.counts.pop(key, None) is not None
        else:
            count = read_count(text)
            if count is None:
                return False
            changed = self.counts.get(key, (None,))[0] != count
            self.counts[key] = (count, TYPED)
        if changed:
            index = self.index(row, column)
            self.dataChanged.emit(index, index)
        return changed

    def cell_name(self, row: int, column: int) -> str:
        """ "Pertussis, Sep 2024" """
        return f"{self.programmes[row].short_name}, {short_month_label(self.months[column])}"

    def kept(self, row: int, column: int) -> str:
        """What a refused cell still holds, in words."""
        found = self.counts.get((self.programmes[row].id, self.months[column]))
        return "still blank" if found is None else f"still {found[0]}"

    def refusal_words(self, refused: Refused) -> str:
        return (
            f"{self.cell_name(refused.row, refused.column)} not changed "
            f"({self.kept(refused.row, refused.column)}): “{refused.text.strip()}” is {refused.why}"
        )

    def setData(
        self, index: ModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        text = str(value)
        why = why_not_a_count(text)
        if why is not None:
            refused = Refused(index.row(), index.column(), text, why)
            self.report.emit(f"⚠ {self.refusal_words(refused)}.", True)
            return False
        self.report.emit("", False)
        if self.set_count(index.row(), index.column(), text):
            self.edited.emit()
        return True

    def paste(self, row: int, column: int, text: str) -> int:
        """Cells copied from Excel (tab-separated lines) from (row, column); returns cells
        changed. A cell that is not a count keeps what it had; what was not used, and why,
        is said (signal `report`)."""
        return self.paste_cells(row, column, text).changed

    def paste_cells(self, row: int, column: int, text: str) -> Pasted:
        """`paste`, with what became of every cell."""
        done = Pasted()
        for r, line in enumerate(text.rstrip("\r\n").splitlines()):
            for c, cell in enumerate(line.split("\t")):
                at_row, at_column = row + r, column + c
                if at_row >= len(self.programmes) or at_column >= len(self.months):
                    if cell.strip():  # a blank cell beyond the grid loses nothing
                        if at_column >= len(self.months):
                            done.no_month += 1
                        else:
                            done.no_row += 1
                    continue
                why = why_not_a_count(cell)
                if why is not None:
                    done.refused.append(Refused(at_row, at_column, cell, why))
                    continue
                done.taken += 1
                done.changed += self.set_count(at_row, at_column, cell)
        if done.changed:
            self.edited.emit()
        said = self.paste_words(done)
        if said:
            self.report.emit(said, bool(done.refused or done.no_month or done.no_row))
        return done

    def paste_words(self, done: Pasted) -> str:
        """What a paste did, in words; "" when nothing was pasted."""
        parts: list[str] = []
        if done.refused:
            named = [self.refusal_words(r) for r in done.refused[:SHOWN_AT_MOST]]
            more = len(done.refused) - len(named)
            parts.append(
                "; ".join(named) + (f"; and {more} more cells not changed" if more else "")
            )
        if done.no_month:
            last = short_month_label(self.months[-1]) if self.months else ""
            cells = (
                "1 pasted cell was" if done.no_month == 1 else f"{done.no_month} pasted cells were"
            )
            parts.append(
                f"{cells} not used: the grid has no month for them after {last}. "
                "Add the month first (“Add month” below), then paste again"
            )
        if done.no_row:
            cells = "1 pasted cell was" if done.no_row == 1 else f"{done.no_row} pasted cells were"
            parts.append(
                f"{cells} not used: they were below the last programme "
                f"({self.programmes[-1].short_name})"
            )
        if not parts:
            if not done.taken:
                return ""
            return f"Pasted {done.taken} {'count' if done.taken == 1 else 'counts'}."
        pasted = done.taken + len(done.refused) + done.no_month + done.no_row
        return f"⚠ Pasted {done.taken} of {pasted} cells. " + ". ".join(parts) + "."


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
        # under the grid: what a paste or an edit did not take, and why
        self.message = FieldLabel("About the claimed counts")
        self.message.setObjectName("hint")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.model.report.connect(self.say)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.view)
        layout.addWidget(self.message)
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

        text = self.month_box.text().strip()
        month = parse_month(text)
        if month:
            self.model.add_month(month)
            self.month_box.clear()
            self.say("")
        else:
            self.month_box.selectAll()
            self.say(
                f"⚠ '{text}' is not a month: use e.g. Sep 2024"
                if text
                else "⚠ Type the month to add first, e.g. Sep 2024",
                problem=True,
            )

    def say(self, text: str, problem: bool = False) -> None:
        """`text` under the grid ("" hides it), as a problem or as a plain note."""
        name = "problem" if problem else "hint"
        if self.message.objectName() != name:
            self.message.setObjectName(name)
            self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(bool(text))
