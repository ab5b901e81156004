"""The Files page's table of files and the preview of the selected one.

A file waiting to be imported shows its first rows as found, with the column each one is
taken as. A file already in the review shows its first rows as the app read them, under
the file's own column names and the use each was put to: the same picture, so the
administrator can check the mapping at any time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sized
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cqrs_desktop.domain.dates import short_month_label
from cqrs_desktop.domain.model import SearchRow
from cqrs_desktop.domain.nhs import format_nhs_number
from cqrs_desktop.domain.review import Review
from cqrs_desktop.ui import look, theme
from cqrs_desktop.ui.clipboard import copy_privately
from cqrs_desktop.ui.table_base import ColumnsModel

if TYPE_CHECKING:
    from cqrs_desktop.sources import FilePreview

ModelIndex = QModelIndex | QPersistentModelIndex
KIND_WORDS = {"search": "Search", "cqrs": "CQRS figures", "unknown": "Not recognised"}
PREVIEW_ROWS = 8


@dataclasses.dataclass
class FileEntry:
    """One file in the list: waiting to be imported (preview) or already in the review."""

    name: str
    kind: str
    rows: int
    programme: str | None = None
    problems: tuple[str, ...] = ()
    path: Path | None = None  # None once imported
    preview: FilePreview | None = None
    mapping: dict[str, str] | None = None  # the user's fixed columns
    columns: tuple[tuple[str, str], ...] = ()  # (header, role) used, once imported
    span: tuple[str, str] | None = None  # the months it covers, as the user stated them
    # per programme, the first and last month of its vaccinations (what it covers by default)
    months: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)

    @property
    def waiting(self) -> bool:
        return self.path is not None

    @property
    def state_words(self) -> str:
        """A file not recognised is never imported: it is not said to be waiting for it."""
        if not self.waiting:
            return "In review"
        return "Not imported" if self.kind == "unknown" else "To import"


class SourceFilesModel(ColumnsModel):
    COLUMNS = ("File", "State", "Kind", "Rows", "Programme", "Problems")
    PROBLEMS = 5

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[FileEntry] = []
        self.names: dict[str, str] = {}

    def set_entries(self, entries: list[FileEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def table_rows(self) -> Sized:
        return self.entries

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        e = self.entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and column == self.PROBLEMS:
            return "\n".join(e.problems) if e.problems else "No problems"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            count = len(e.problems)
            values = (
                e.name,
                e.state_words,
                KIND_WORDS.get(e.kind, e.kind),
                f"{e.rows:,}",
                self.names.get(e.programme or "", "From codes") if e.kind == "search" else "",
                f"⚠ {count}" if count else "None",
            )
            return values[column]
        if (
            column == self.PROBLEMS
            and e.problems
            and role == Qt.ItemDataRole.ForegroundRole
            and not look.high_contrast_now()
        ):
            return QBrush(QColor(theme.BAD.text if e.kind == "unknown" else theme.WARN.text))
        return None


class _FilesTable(QTableView):
    """Asks for the width its columns need, a file name's start and end included, so a page
    too narrow for the files and the claimed counts side by side puts one under the other
    rather than squeeze the names to "…" (at Windows' bigger text)."""

    NAME_CHARACTERS = 12  # "search…2024.csv": the start and end of a name, to tell them apart

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        header = self.horizontalHeader()
        name = max(
            header.sectionSizeHint(0),
            self.fontMetrics().horizontalAdvance("0" * self.NAME_CHARACTERS),
        )
        others = sum(
            header.sectionSize(i) for i in range(1, header.count()) if not header.isSectionHidden(i)
        )
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), name + others + bar + 2 * self.frameWidth()), hint.height())


def files_view(model: SourceFilesModel) -> QTableView:
    """Every column fits its text; a long file name gives way (elided in the middle, whole
    in the tooltip) and problems are counted here and spelled out under the preview."""
    view = _FilesTable()
    view.setModel(model)
    view.setAccessibleName("Files")
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.sectionResized.connect(lambda *_: view.updateGeometry())  # a file's words grew
    return view


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _name(row: SearchRow) -> str:
    return ", ".join(p for p in ((row.surname or "").upper(), row.forenames or "") if p)


# what a role's column became, read back from a parsed row
ROLE_VALUES: dict[str, Callable[[SearchRow], str]] = {
    "nhs_number": lambda r: format_nhs_number(r.nhs_number) if r.nhs_number else "",
    "surname": lambda r: r.surname or "",
    "forenames": lambda r: r.forenames or "",
    "name": _name,
    "date_of_birth": lambda r: _date(r.date_of_birth),
    "age": lambda r: "" if r.age is None else str(r.age),
    "sex": lambda r: r.sex or "",
    "event_date": lambda r: _date(r.date),
    "code": lambda r: r.code or "",
    "term": lambda r: r.term or "",
    "organisation": lambda r: r.organisation or "",
    "gms": lambda r: "no" if r.non_gms else "yes",
    "non_gms": lambda r: "yes" if r.non_gms else "",
    "edd": lambda r: _date(r.edd),
    "programme": lambda r: r.programme,
}
DEFAULT_COLUMNS = (
    ("Vaccination date", "event_date"),
    ("NHS number", "nhs_number"),
    ("Name", "name"),
    ("Date of birth", "date_of_birth"),
    ("Code", "code"),
    ("Organisation", "organisation"),
)


def _with_problems(note: str, entry: FileEntry) -> str:
    if not entry.problems:
        return note
    return note + "\n⚠ " + "\n⚠ ".join(entry.problems)


class PreviewModel(QAbstractTableModel):
    """The preview's cells, as plain text. (Not a QStandardItemModel: items are not QObjects,
    so Python is not told when the model deletes them, and their wrappers, left behind, were
    once handed back by PySide for a new object made at the same address.)"""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.row_labels: list[str] = []
        self.rows: list[list[str]] = []

    def clear(self) -> None:
        self.show([], [], [])

    def show(self, headers: list[str], rows: list[list[str]], row_labels: list[str]) -> None:
        self.beginResetModel()
        self.headers, self.rows, self.row_labels = headers, rows, row_labels
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self.rows[index.row()]
        return row[index.column()] if index.column() < len(row) else ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if section < len(self.headers) else None
        if section < len(self.row_labels):
            return self.row_labels[section]
        return str(section + 1)


class FilePreviewPanel(QWidget):
    """'First rows of the selected file', with the column each one is used as."""

    def __init__(self) -> None:
        super().__init__()
        title = QLabel("First rows of the selected file")
        title.setObjectName("sectionTitle")
        self.note = QLabel("")
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.table = QTableView()
        self.table.setAccessibleName("Preview of the selected file")
        copy_privately(self.table)  # (patients' details)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.model = PreviewModel()
        self.table.setModel(self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)

    def show_entry(self, entry: FileEntry | None, review: Review | None) -> None:
        self.model.clear()
        self.table.verticalHeader().setVisible(entry is not None and entry.preview is not None)
        if entry is None:
            self.note.setText("Add a file to see its first rows here.")
        elif entry.preview is not None:
            self._show_waiting(entry, entry.preview)
        elif review is not None and entry.kind == "cqrs":
            self._show_claims(entry, review)
        elif review is not None:
            self._show_imported(entry, review)
        else:
            self.note.setText("")
        self.table.resizeColumnsToContents()

    def _show_waiting(self, entry: FileEntry, preview: FilePreview) -> None:
        from cqrs_desktop.sources import ROLE_LABELS  # the readers load pandas: only now

        mapping = (
            entry.mapping
            if entry.mapping is not None
            else {g.header: g.role for g in preview.mapping if g.role}
        )
        labels = []
        for h in preview.headers:
            role = mapping.get(h)
            labels.append(f"{h}\n→ {ROLE_LABELS.get(role, role) if role else 'not used'}")
        # rows numbered as in the file, as the patient card says "row 6"
        self.model.show(
            labels,
            [list(values) for values in preview.rows[:PREVIEW_ROWS]],
            [str(n) for n in preview.lines[:PREVIEW_ROWS]],
        )
        note = f"Header found on line {preview.header_row}." if preview.header_row else ""
        if preview.profile_used:
            note += " Using the columns you chose before."
        if preview.kind == "search":
            note += " Wrong column? Use Fix columns."
        self.note.setText(_with_problems(note.strip(), entry))

    def _show_imported(self, entry: FileEntry, review: Review) -> None:
        from cqrs_desktop.sources import ROLE_LABELS

        columns = [(h, r) for h, r in entry.columns if r in ROLE_VALUES] or list(DEFAULT_COLUMNS)
        rows = [r for r in review.inputs.rows if r.source == entry.name][:PREVIEW_ROWS]
        self.model.show(
            ["Line"] + [f"{h}\n→ {ROLE_LABELS.get(r, r)}" for h, r in columns],
            [[str(row.row)] + [ROLE_VALUES[role](row) for _h, role in columns] for row in rows],
            [],
        )
        how = (
            "with the column each value came from"
            if entry.columns
            else "(the columns used were not recorded in this review)"
        )
        self.note.setText(
            _with_problems(
                f"In the review: the first rows as the app read them, {how}. To read the file "
                "differently, Remove it and add it again."
                if rows
                else "In the review, but no row of this file was used.",
                entry,
            )
        )

    def _show_claims(self, entry: FileEntry, review: Review) -> None:
        names = {p.id: p.short_name for p in review.rules.programmes}
        claims = [c for c in review.inputs.claims if c.source == entry.name]
        self.model.show(
            ["Programme", "Month", "Claimed"],
            [
                [names.get(c.programme, c.programme), short_month_label(c.month), str(c.count)]
                for c in claims[: PREVIEW_ROWS * 3]
            ],
            [],
        )
        self.note.setText(
            _with_problems(
                f"In the review: {len(claims)} claimed counts read from this file (they also fill "
                "the Claimed counts grid).",
                entry,
            )
        )
