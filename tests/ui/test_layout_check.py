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


def _form(qtbot, gap: int):  # type: ignore[no-untyped-def]
    """A small dialog: a hint, a "&Note" label `gap` pixels over its box, two buttons."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit

    dialog = QDialog()
    qtbot.addWidget(dialog)
    hint = QLabel("Say why in the note: it goes on the report and the audit log.")
    hint.setWordWrap(True)
    label, note = QLabel("&Note"), QLineEdit("Given here")
    label.setBuddy(note)
    layout = QVBoxLayout(dialog)
    layout.addWidget(hint)
    layout.addWidget(label)
    layout.addSpacing(gap)
    layout.addWidget(note)
    layout.addWidget(QDialogButtonBox(QDialogButtonBox.StandardButton.Ok))
    return dialog, layout


def test_a_label_standing_away_from_its_box_is_flagged(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Decision 430: "Note" a line's height over the box it names (the "Given here?"
    question, decision 403), and not when it sits over it."""
    far, _layout = _form(qtbot, 20)
    far.show()
    qtbot.waitExposed(far)
    problems = check_window(far)
    assert any("[&Note] stands" in p and "above QLineEdit" in p for p in problems), problems
    near, _layout = _form(qtbot, -4)
    near.show()
    qtbot.waitExposed(near)
    assert check_window(near) == []


def test_a_label_beside_a_tall_box_is_level_with_its_first_line(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Decision 430: in a form row, "Body" centred beside a tall text box floated half the
    box's height below where the box's words begin; a column of names of different
    lengths, left-aligned, is a form's look, not a gap."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPlainTextEdit

    top = QWidget()
    qtbot.addWidget(top)
    grid = QGridLayout(top)
    to, body = QLineEdit("england.londonimms@nhs.net"), QPlainTextEdit("Dear team,\n\nHere is")
    body.setMinimumHeight(170)
    to_label, body_label = QLabel("To"), QLabel("Subject and body")
    to_label.setBuddy(to)
    body_label.setBuddy(body)
    grid.addWidget(to_label, 0, 0)
    grid.addWidget(to, 0, 1)
    grid.addWidget(body_label, 1, 0)
    grid.addWidget(body, 1, 1)
    top.show()
    qtbot.waitExposed(top)
    problems = check_window(top)
    assert len(problems) == 1 and "[Subject and body] is" in problems[0], problems
    assert "off the first line of QPlainTextEdit" in problems[0]
    grid.removeWidget(body_label)
    grid.addWidget(body_label, 1, 0, Qt.AlignmentFlag.AlignTop)
    line = body.viewport().y() + round(body.document().documentMargin())
    body_label.setContentsMargins(0, line, 0, 0)
    qtbot.waitUntil(lambda: body_label.height() < body.height())
    assert check_window(top) == []


def test_a_dialog_with_bands_of_empty_space_is_flagged(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Decision 430: a dialog taller than its words need, the height shared out between
    its lines, is flagged; the same height given to a stretch before the buttons (or
    taken by a box that grows, as the help's text) is not."""
    from PySide6.QtWidgets import QPlainTextEdit

    dialog, layout = _form(qtbot, 0)
    dialog.show()
    qtbot.waitExposed(dialog)
    need = layout.totalHeightForWidth(dialog.width())
    dialog.resize(dialog.width(), need + 80)
    qtbot.waitUntil(lambda: dialog.height() == need + 80)
    problems = check_window(dialog)
    assert any("px of empty space between its lines" in p for p in problems), problems
    layout.insertStretch(layout.count() - 1, 1)  # over the buttons
    qtbot.wait(20)
    assert check_window(dialog) == []
    grows, layout = _form(qtbot, 0)
    layout.insertWidget(1, QPlainTextEdit("The help's words"))
    grows.resize(400, 600)
    grows.show()
    qtbot.waitExposed(grows)
    assert check_window(grows) == []


def test_a_squeezed_text_box_is_flagged(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A one-line box squeezed below a line of its words (Practice details' boxes, under
    the ODS code's problem, decision 432)."""
    from PySide6.QtWidgets import QLineEdit

    top = QWidget()
    qtbot.addWidget(top)
    box = QLineEdit(top)
    box.setPlaceholderText("As it appears on CQRS")
    box.setGeometry(10, 10, 200, box.sizeHint().height() - 8)
    top.resize(300, 100)
    top.show()
    qtbot.waitExposed(top)
    assert any("QLineEdit" in p and "is cut" in p for p in check_window(top))
    box.setGeometry(10, 10, 200, box.sizeHint().height())
    assert check_window(top) == []
