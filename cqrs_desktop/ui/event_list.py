"""The list of every event beside the walk-through: status, filters and find.

One table model over `review.events`. Filtering keeps a plain list of event positions
(built in one pass), so 200,000 events filter in a blink and the view asks only for the
rows on screen; rows have one height so scrolling never measures anything.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cqrs_desktop.domain.dates import short_month_label
from cqrs_desktop.domain.explain import reason
from cqrs_desktop.domain.flags import ALL_FLAGS
from cqrs_desktop.domain.model import Decision, VaccinationEvent
from cqrs_desktop.domain.nhs import format_nhs_number
from cqrs_desktop.domain.review import Review
from cqrs_desktop.ui import theme

ModelIndex = QModelIndex | QPersistentModelIndex
EVENT_INDEX_ROLE = Qt.ItemDataRole.UserRole + 1
_ROLES_USED = frozenset({
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ToolTipRole, EVENT_INDEX_ROLE,
})
SELECT_ROW = (
    QItemSelectionModel.SelectionFlag.ClearAndSelect
    | QItemSelectionModel.SelectionFlag.Rows
    | QItemSelectionModel.SelectionFlag.Current
)

# (label, test on (event, decision or None)) for the status filter
STATUS_FILTERS: tuple[tuple[str, Callable[[VaccinationEvent, Decision | None], bool]], ...] = (
    ("Needs checking", lambda e, d: e.needs_review),
    ("Still to check", lambda e, d: e.needs_review and d is None),
    ("Checked", lambda e, d: d is not None and d is not Decision.UNSURE),
    ("Unsure", lambda e, d: d is Decision.UNSURE),
    ("All events", lambda e, d: True),
    ("No check needed", lambda e, d: not e.needs_review),
)


def patient_name(event: VaccinationEvent) -> str:
    surname = (event.surname or "").upper()
    if surname and event.forenames:
        return f"{surname}, {event.forenames}"
    return surname or event.forenames or "(no name)"


class EventTableModel(QAbstractTableModel):
    COLUMNS = ("Status", "Date", "Patient", "Why", "Programme", "NHS number")

    def __init__(self) -> None:
        super().__init__()
        self.review: Review | None = None
        self.rows: list[int] = []
        self.programme: str | None = None
        self.month: str | None = None
        self.status = 0
        self.flag: str | None = None
        self.only_ids: set[str] | None = None
        self._short: dict[str, str] = {}

    # ----- content --------------------------------------------------------------------
    def set_review(self, review: Review | None) -> None:
        self.review = review
        self._short = {p.id: p.short_name for p in review.rules.programmes} if review else {}
        self.refilter()

    def set_filters(
        self,
        programme: str | None = None,
        month: str | None = None,
        status: int = 0,
        flag: str | None = None,
        only_ids: set[str] | None = None,
    ) -> None:
        self.programme, self.month, self.status, self.flag = programme, month, status, flag
        self.only_ids = only_ids
        self.refilter()

    def refilter(self) -> None:
        self.beginResetModel()
        review = self.review
        if review is None:
            self.rows = []
        else:
            self.rows = self._filtered(review)
        self.endResetModel()

    def _filtered(self, review: Review) -> list[int]:
        """One pass over the events, cheapest tests first (200,000 events in ~0.1 s)."""
        events = review.events
        candidates: range | list[int] = range(len(events))
        if self.only_ids is not None:
            only = self.only_ids
            candidates = [i for i in candidates if events[i].id in only]
        if self.programme is not None:
            p = self.programme
            candidates = [i for i in candidates if events[i].programme == p]
        if self.month is not None:
            m = self.month
            candidates = [i for i in candidates if events[i].month == m]
        if self.flag is not None:
            f = self.flag
            candidates = [i for i in candidates if f in events[i].flags]
        label = STATUS_FILTERS[self.status][0]
        if label == "All events":
            return list(candidates)
        if label == "Needs checking":
            return [i for i in candidates if events[i].needs_review]
        if label == "No check needed":
            return [i for i in candidates if not events[i].needs_review]
        test = STATUS_FILTERS[self.status][1]
        decisions = review.decisions
        rows = []
        for i in candidates:
            e = events[i]
            record = decisions.get(e.id)
            if test(e, record.decision if record else None):
                rows.append(i)
        return rows

    def row_of(self, event_index: int) -> int | None:
        pos = bisect.bisect_left(self.rows, event_index)
        return pos if pos < len(self.rows) and self.rows[pos] == event_index else None

    def event_changed(self, event_id: str) -> None:
        if self.review is None:
            return
        row = self.row_of(self.review.index_of(event_id))
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    # ----- Qt model -------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in _ROLES_USED or self.review is None or not index.isValid():
            return None
        event_index = self.rows[index.row()]
        event = self.review.events[event_index]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return theme.event_status(event, self.review.decisions.get(event.id))[0]
            if column == 1:
                return event.date.strftime("%d/%m/%Y")
            if column == 2:
                return patient_name(event)
            if column == 3:
                return " ".join(reason(f).code for f in event.flags)
            if column == 4:
                return self._short.get(event.programme, event.programme)
            return format_nhs_number(event.nhs_number or event.nhs_number_as_found)
        if role == EVENT_INDEX_ROLE:
            return event_index
        if column == 0 and role in (
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
        ):
            tone = theme.event_status(event, self.review.decisions.get(event.id))[1]
            colour = tone.text if role == Qt.ItemDataRole.ForegroundRole else tone.fill
            return QBrush(QColor(colour))
        if role == Qt.ItemDataRole.ToolTipRole and column == 3:
            return "\n".join(reason(f).title for f in event.flags) or "No flag of its own"
        return None


class EventListPanel(QWidget):
    """Filters, the find box and the list. Emits `chosen(event_index)` when a row is picked."""

    chosen = Signal(int)
    find_requested = Signal(str)
    print_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("eventList")
        self.model = EventTableModel()
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setRootIsDecorated(False)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAccessibleName("Events")
        self.view.setAccessibleDescription("Every vaccination event with its status")
        header = self.view.header()
        header.setStretchLastSection(True)
        for column, width in enumerate((86, 90, 150, 60, 110)):
            header.resizeSection(column, width)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self._syncing = False

        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText("Find NHS number or name (Ctrl+F)")
        self.find_box.setAccessibleName("Find by NHS number or name")
        self.find_box.setClearButtonEnabled(True)
        self.find_box.returnPressed.connect(lambda: self.find_requested.emit(self.find_box.text()))
        self.find_box.textChanged.connect(self._find_cleared)
        self.found_label = QLabel("")
        self.found_label.setObjectName("hint")

        self.programme_box = self._combo("Filter by programme")
        self.month_box = self._combo("Filter by month")
        self.status_box = self._combo("Filter by status")
        for label, _test in STATUS_FILTERS:
            self.status_box.addItem(label, None)
        self.flag_box = self._combo("Filter by reason")
        self.flag_box.addItem("Any reason", None)
        for flag in ALL_FLAGS:
            self.flag_box.addItem(reason(flag).title, flag)

        filters = QGridLayout()
        filters.setHorizontalSpacing(6)
        filters.addWidget(self.programme_box, 0, 0)
        filters.addWidget(self.month_box, 0, 1)
        filters.addWidget(self.status_box, 1, 0)
        filters.addWidget(self.flag_box, 1, 1)
        find_row = QHBoxLayout()
        find_row.addWidget(self.find_box, 1)
        find_row.addWidget(self.found_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel("All events")
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        layout.addLayout(find_row)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        self.count_label = QLabel("")
        self.count_label.setObjectName("hint")
        self.print_button = QPushButton("Print…")
        self.print_button.setAccessibleName("Print or save these events")
        self.print_button.setToolTip(
            "Print or save as PDF the events selected here (Ctrl+click or Shift+click to "
            "select several), the events the list shows, or all of them")
        self.print_button.clicked.connect(self.print_requested.emit)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.print_button)
        layout.addLayout(bottom)
        for box in (self.programme_box, self.month_box, self.status_box, self.flag_box):
            box.currentIndexChanged.connect(self.apply_filters)

    def _combo(self, name: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.setToolTip(name)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(10)
        return box

    def set_review(self, review: Review | None) -> None:
        """Fill the filter choices from the review and show it (filters kept where possible)."""
        keep_programme = self.programme_box.currentData()
        keep_month = self.month_box.currentData()
        for box in (self.programme_box, self.month_box):
            box.blockSignals(True)
            box.clear()
        self.programme_box.addItem("All programmes", None)
        self.month_box.addItem("All months", None)
        if review is not None:
            present = {e.programme for e in review.events}
            for p in review.rules.programmes:
                if p.id in present:
                    self.programme_box.addItem(p.short_name, p.id)
            for month in sorted({e.month for e in review.events}):
                self.month_box.addItem(short_month_label(month), month)
        for box, keep in ((self.programme_box, keep_programme), (self.month_box, keep_month)):
            found = box.findData(keep)
            box.setCurrentIndex(max(found, 0))
            box.blockSignals(False)
        self.model.review = review
        self.model._short = (
            {p.id: p.short_name for p in review.rules.programmes} if review else {}
        )
        self.apply_filters()

    def apply_filters(self) -> None:
        self.model.set_filters(
            programme=self.programme_box.currentData(),
            month=self.month_box.currentData(),
            status=max(self.status_box.currentIndex(), 0),
            flag=self.flag_box.currentData(),
            only_ids=self.model.only_ids,
        )
        self._update_count()

    def show_found(self, ids: list[str] | None) -> None:
        """Limit the list to found events (None shows everything again)."""
        if ids is None:
            self.found_label.setText("")
            self.model.only_ids = None
        else:
            self.found_label.setText(f"{len(ids)} found" if ids else "Not found")
            self.model.only_ids = set(ids)
            self.status_box.blockSignals(True)
            self.status_box.setCurrentIndex(4)  # all events: a find looks everywhere
            self.status_box.blockSignals(False)
        self.apply_filters()

    def _find_cleared(self, text: str) -> None:
        if not text and self.model.only_ids is not None:
            self.show_found(None)

    def _update_count(self) -> None:
        total = len(self.model.review.events) if self.model.review else 0
        self.count_label.setText(f"Showing {len(self.model.rows):,} of {total:,} events")

    def is_filtered(self) -> bool:
        """True when filters or a find narrow the list below its usual 'Needs checking'."""
        m = self.model
        return bool(m.programme or m.month or m.flag or m.status != 0 or m.only_ids is not None)

    def shown_ids(self) -> list[str] | None:
        """The events the list shows, when narrowed by filters or a find; else None."""
        if self.model.review is None or not self.is_filtered():
            return None
        events = self.model.review.events
        return [events[i].id for i in self.model.rows]

    def selected_ids(self) -> list[str]:
        """The events selected in the list, in list order (ranges: cheap for 200,000 rows)."""
        review = self.model.review
        if review is None:
            return []
        rows: set[int] = set()
        selection = self.view.selectionModel().selection()
        for i in range(selection.count()):
            selection_range = selection.at(i)
            rows.update(range(selection_range.top(), selection_range.bottom() + 1))
        events, positions = review.events, self.model.rows
        return [events[positions[r]].id for r in sorted(rows) if r < len(positions)]

    def select_event(self, event_index: int | None) -> None:
        """Highlight the current event without emitting `chosen`. When the list's current row
        is already that event (the user clicked it, perhaps Ctrl+clicking several to print)
        the selection is the user's and is left alone."""
        row = None if event_index is None else self.model.row_of(event_index)
        selection = self.view.selectionModel()
        if row is not None and selection.currentIndex().row() == row:
            return
        self._syncing = True
        try:
            if row is None:
                self.view.selectionModel().clearSelection()
            else:
                index = self.model.index(row, 0)
                self.view.selectionModel().setCurrentIndex(index, SELECT_ROW)
                self.view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._syncing = False

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        self.chosen.emit(self.model.rows[current.row()])

