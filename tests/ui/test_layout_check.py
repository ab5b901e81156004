"""The layout check itself: a header with no column has nothing to cut (decision 422). The
Files page's preview, before a file is chosen, has no column: Qt draws its header 0 pixels
high, and the check said it "has no room at all", a false alarm beside the real ones."""

from __future__ import annotations

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QTableView, QVBoxLayout, QWidget

from .conftest import earlier_read
from .layout_check import check_window


def test_the_files_page_before_a_file_is_chosen_is_not_flagged(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_review()
    earlier_read(qtbot, win)
    header = win.sources.preview.table.horizontalHeader()
    assert header.isVisible() and header.count() == 0  # the preview as it first shows
    assert check_window(win) == []


def test_a_header_with_columns_and_no_room_is_still_flagged(qtbot) -> None:  # type: ignore[no-untyped-def]
    top = QWidget()
    qtbot.addWidget(top)
    top.resize(400, 300)
    layout = QVBoxLayout(top)
    empty, squeezed = QTableView(), QTableView()
    empty.setAccessibleName("No columns yet")
    empty.setModel(QStandardItemModel(0, 0))
    model = QStandardItemModel(2, 2)
    model.setHorizontalHeaderLabels(["NHS number", "Name"])
    squeezed.setModel(model)
    squeezed.horizontalHeader().setFixedHeight(0)  # its headings out of sight
    for table in (empty, squeezed):
        table.verticalHeader().hide()  # as the app's tables (its corner button: no room)
        layout.addWidget(table)
    top.show()
    qtbot.waitExposed(top)
    problems = check_window(top)
    assert problems == ["QHeaderView 'QHeaderView' has no room at all"], problems
    assert squeezed.horizontalHeader().isVisible() and empty.horizontalHeader().isVisible()
