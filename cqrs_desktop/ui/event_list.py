"""The list of every event beside the walk-through: status, filters, find and selection.

The model is `event_table.EventTableModel`; rows have one height so scrolling never
measures anything, and the columns are fitted to the width so nothing is cut off. The view
is a table, not a tree: a tree lays out every row before it paints (200,000 events took half
a second on the GUI thread at each opening and each change of filter).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cqrs_desktop.domain.dates import short_month_label
from cqrs_desktop.domain.explain import MARKS_KEY, counted, reason
from cqrs_desktop.domain.flags import ALL_FLAGS
from cqrs_desktop.domain.review import Review
from cqrs_desktop.ui.clipboard import copy_privately
from cqrs_desktop.ui.event_table import (
    ALL_EVENTS,
    CARRIED,
    COLUMN_SAMPLES,
    NEEDS_CHECK,
    NHS_NUMBER,
    NOT_CARRIED,
    NOT_CORRECTED,
    PATIENT,
    PATIENT_MIN,
    STATUS_FILTERS,
    STATUS_TIPS,
    TO_UPDATE,
    WHY,
    EventTableModel,
    status_filter,
)
from cqrs_desktop.ui.widgets import WrappedLabel, fit_popup, keep_tooltip

SELECT_ROW = (
    QItemSelectionModel.SelectionFlag.ClearAndSelect
    | QItemSelectionModel.SelectionFlag.Rows
    | QItemSelectionModel.SelectionFlag.Current
)


class EventsView(QTableView):
    """The events, one per row: Home and End go to the first and last event, as in a list
    (a table's go to the first and last column of the row)."""

    def __init__(self) -> None:
        super().__init__()
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self._fit_rows()

    def _fit_rows(self) -> None:
        """One line of text a row, with a little air, as a list's rows."""
        self.verticalHeader().setMinimumSectionSize(1)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 4)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the style sheet's font, once applied
            self._fit_rows()

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        if cursorAction in (
            QAbstractItemView.CursorAction.MoveHome,
            QAbstractItemView.CursorAction.MoveEnd,
        ):
            modifiers |= Qt.KeyboardModifier.ControlModifier  # the first or last row
        return super().moveCursor(cursorAction, modifiers)


class EventListPanel(QWidget):
    """Filters, the find box and the list. Emits `chosen(event_index)` when a row is picked."""

    chosen = Signal(int)
    find_requested = Signal(str)
    print_requested = Signal()
    filters_changed = Signal()  # the user changed a filter: the rows shown are new

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("eventList")
        self.model = EventTableModel()
        self.view = EventsView()
        copy_privately(self.view)  # (patients' details)
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAccessibleName("Events")
        self.view.setAccessibleDescription("Every vaccination event with its status")
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(PATIENT, QHeaderView.ResizeMode.Stretch)  # takes the rest
        self.view.viewport().installEventFilter(self)
        self._widths: dict[int, int] = {}
        self._why_full = 0
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self._syncing = False

        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText("Find NHS number or name, then Enter (Ctrl+F)")
        self.find_box.setAccessibleName("Find by NHS number or name")
        self.find_box.setClearButtonEnabled(True)
        self._status_before_find: int | None = None  # the filter a find set aside
        self.find_box.returnPressed.connect(lambda: self.find_requested.emit(self.find_box.text()))
        self.find_box.textChanged.connect(self._find_cleared)
        self.found_label = QLabel("")
        self.found_label.setObjectName("hint")

        self.programme_box = self._combo("Filter by programme")
        self.month_box = self._combo("Filter by month")
        self.status_box = self._combo("Filter by status")
        for label, _test in STATUS_FILTERS:
            self.status_box.addItem(label, label)
            if label in STATUS_TIPS:
                self.status_box.setItemData(
                    self.status_box.count() - 1, STATUS_TIPS[label], Qt.ItemDataRole.ToolTipRole
                )
        self.flag_box = self._combo("Filter by reason")
        self.flag_box.addItem("Any reason", None)
        for flag in ALL_FLAGS:
            self.flag_box.addItem(reason(flag).title, flag)
        fit_popup(self.status_box)
        fit_popup(self.flag_box)

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
        layout.setSpacing(6)
        layout.addLayout(find_row)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        # wraps: with the marks' key after the count it is longer than a narrow list
        self.count_label = WrappedLabel("")
        self.count_label.setObjectName("hint")
        self.print_button = QPushButton("Print…")
        self.print_button.setAccessibleName("Print or save these events")
        self.print_button.setToolTip(
            "Print or save as PDF the events selected here (Ctrl+click or Shift+click to "
            "select several), the events the list shows, or all of them"
        )
        self.print_button.clicked.connect(self.print_requested.emit)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.print_button)
        layout.addLayout(bottom)
        for box in (self.programme_box, self.month_box, self.status_box, self.flag_box):
            box.currentIndexChanged.connect(self._filter_chosen)
        self._fit_minimum()

    def _filter_chosen(self) -> None:
        self.apply_filters()
        self.filters_changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return False

    def _measure(self) -> None:
        """Each fixed column's width: its widest value in this review, or its title (the
        header is bold), whichever is wider. Patient takes what is left."""
        cell = self.view.fontMetrics()
        bold = QFont(self.view.horizontalHeader().font())
        bold.setBold(True)
        head = QFontMetrics(bold)
        values: dict[int, list[str]] = {**self.model.widest_values()}
        for column, sample in COLUMN_SAMPLES.items():
            values[column] = [sample, *values.get(column, [])]
        titles = self.model.COLUMNS
        self._widths = {
            column: max(
                [head.horizontalAdvance(titles[column]) + 16]
                + [cell.horizontalAdvance(v) + 12 for v in texts]
            )
            for column, texts in values.items()
        }
        # a long list of reasons gives way when space is short (elided, every reason in the
        # tooltip): the minimum asks for two codes, the column takes all it can
        self._why_full = self._widths[WHY]
        self._widths[WHY] = min(self._why_full, cell.horizontalAdvance("ORG NGMS") + 12)
        self._widths[PATIENT] = max(
            cell.horizontalAdvance(PATIENT_MIN) + 12,
            head.horizontalAdvance(titles[PATIENT]) + 16,
        )

    def _fit_minimum(self) -> None:
        self._measure()
        needed = sum(w for c, w in self._widths.items() if c != NHS_NUMBER)
        self.view.setMinimumWidth(needed + self.view.verticalScrollBar().sizeHint().width() + 6)

    def preferred_width(self) -> int:
        """Wide enough for every reason code and a longer name than the minimum allows."""
        extra = self._why_full - self._widths.get(WHY, self._why_full)
        return self.minimumSizeHint().width() + max(extra, 0) + 60

    def fit_columns(self) -> None:
        """Status, date, programme, patient and reasons always show; the NHS number joins
        them when there is room (it is in every row's tooltip). Never a sideways scroll;
        the patient's name takes what is left and gives way first (whole in the tooltip)."""
        if not self._widths:
            self._measure()
        available = self.view.viewport().width()
        widths = dict(self._widths)
        used = sum(w for c, w in widths.items() if c != NHS_NUMBER)
        widths[WHY] += max(0, min(self._why_full - widths[WHY], available - used))
        used = sum(w for c, w in widths.items() if c != NHS_NUMBER)
        with_nhs = used + widths[NHS_NUMBER] <= available
        header = self.view.horizontalHeader()
        self.view.setColumnHidden(NHS_NUMBER, not with_nhs)
        for column, width in widths.items():
            if column != PATIENT:
                header.resizeSection(column, width)

    def _combo(self, name: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(12)
        keep_tooltip(box, name)
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
            fit_popup(box)
        self.model.set_review(review)  # the filters are applied just below
        self._fit_minimum()
        self.fit_columns()
        self.apply_filters()
        self.show_to_update()

    def show_to_update(self) -> None:
        """The running tallies' choices ('Record not yet updated', 'Search: not yet
        corrected', 'From earlier reviews') carry their counts, so the filter says at a
        glance how many records still need changing in the clinical system."""
        review = self.model.review
        counts = {
            TO_UPDATE: review.action_to_do if review else 0,
            NOT_CORRECTED: review.not_yet_corrected if review else 0,
            CARRIED: review.carried if review else 0,
            NOT_CARRIED: len(review.disagreed) if review else 0,
        }
        changed = False
        for label, count in counts.items():
            index = status_filter(label)
            text = f"{label} ({count:,})" if count else label
            if self.status_box.itemText(index) != text:
                self.status_box.setItemText(index, text)
                changed = True
        if changed:
            fit_popup(self.status_box)

    def apply_filters(self) -> None:
        self.model.set_filters(
            programme=self.programme_box.currentData(),
            month=self.month_box.currentData(),
            status=max(self.status_box.currentIndex(), 0),
            flag=self.flag_box.currentData(),
            only_ids=self.model.only_ids,
        )
        self._update_count()

    def show_item(
        self, programme: str | None, month: str | None, status: str = NEEDS_CHECK
    ) -> None:
        """The events of one claim item: its programme and month, every event that needs
        checking (or `status`), any reason; a find is cleared. Both None: every event that
        needs checking, as when the page first opens."""
        self.find_box.blockSignals(True)
        self.find_box.clear()
        self.find_box.blockSignals(False)
        self.found_label.setText("")
        self.model.only_ids = None
        for box, value in (
            (self.programme_box, programme),
            (self.month_box, month),
            (self.status_box, status),
            (self.flag_box, None),
        ):
            box.blockSignals(True)
            box.setCurrentIndex(max(box.findData(value), 0))
            box.blockSignals(False)
        self.apply_filters()

    def item_shown(self) -> tuple[str, str] | None:
        """The claim item the list is narrowed to (programme and month both chosen)."""
        programme, month = self.programme_box.currentData(), self.month_box.currentData()
        return (programme, month) if programme and month else None

    def show_found(self, ids: list[str] | None) -> None:
        """Limit the list to found events (None shows everything again)."""
        if ids is None:
            self.found_label.setText("")
            self.model.only_ids = None
            before = self._status_before_find
            if before is not None and self.status_box.currentIndex() == status_filter(ALL_EVENTS):
                self._set_status(before)  # the find's "All events" undone with it
            self._status_before_find = None
        else:
            self.found_label.setText(f"{len(ids)} found" if ids else "Not found")
            if self.model.only_ids is None:
                self._status_before_find = self.status_box.currentIndex()
            self.model.only_ids = set(ids)
            self._set_status(status_filter(ALL_EVENTS))  # a find looks everywhere
        self.apply_filters()

    def _set_status(self, index: int) -> None:
        self.status_box.blockSignals(True)
        self.status_box.setCurrentIndex(index)
        self.status_box.blockSignals(False)

    def _find_cleared(self, text: str) -> None:
        if not text and self.model.only_ids is not None:
            self.show_found(None)

    def _update_count(self) -> None:
        total = len(self.model.review.events) if self.model.review else 0
        shown = f"Showing {len(self.model.rows):,} of {counted(total, 'event')}"
        review = self.model.review
        if review is not None and (review.carried or review.seen_corrected):
            shown += f". {MARKS_KEY}"
        self.count_label.setText(shown)

    def is_filtered(self) -> bool:
        """True when filters or a find narrow the list below its usual 'All needing a check'."""
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
