"""The claimed counts grid on the Files page."""

from __future__ import annotations

from cqrs_desktop.domain.model import Claim


def test_a_year_of_months_scrolls_sideways_with_every_programme_in_sight(qtbot, rules) -> None:  # type: ignore[no-untyped-def]
    """Fifteen months in a narrow grid: its scroll bar is right under its rows (not below
    an empty area) and no programme's row is cut or hidden."""
    from cqrs_desktop.ui.claims_grid import ClaimsGrid

    grid = ClaimsGrid(rules)
    qtbot.addWidget(grid)
    months = {
        f"{y}-{m:02d}"
        for y, m in [(2024, 9 + i) for i in range(4)] + [(2025, m) for m in range(1, 12)]
    }
    grid.model.set_claims([Claim("pertussis_pregnant", "2025-11", 4)], months)
    grid.resize(420, 700)  # far taller than the grid needs
    grid.show()
    qtbot.waitExposed(grid)
    qtbot.wait(20)
    view = grid.view
    assert view.horizontalScrollBar().isVisible()
    assert not view.verticalScrollBar().isVisible()
    rows = sum(view.rowHeight(r) for r in range(grid.model.rowCount()))
    assert view.viewport().height() >= rows
    assert view.height() < 400  # the spare height is below the grid, not inside it


# ----- counts typed or pasted: what is not taken is said --------------------------------
def _grid(qtbot, rules, claims: list[Claim]):  # type: ignore[no-untyped-def]
    """The grid of the review months (Sep to Dec 2024) holding `claims`, shown."""
    from cqrs_desktop.ui.claims_grid import ClaimsGrid

    grid = ClaimsGrid(rules)
    qtbot.addWidget(grid)
    grid.model.set_claims(claims, set())
    assert grid.model.months == ["2024-09", "2024-10", "2024-11", "2024-12"]
    grid.show()
    qtbot.waitExposed(grid)
    return grid


def _said(grid) -> str:  # type: ignore[no-untyped-def]
    """Every word the grid shows in its labels (its title and hint included)."""
    from PySide6.QtWidgets import QLabel

    return " ".join(label.text() for label in grid.findChildren(QLabel) if label.isVisible())


def _count(grid, programme: str, month: str) -> int | None:  # type: ignore[no-untyped-def]
    found = {(c.programme, c.month): c.count for c in grid.model.claims()}
    return found.get((programme, month))


def _paste_at(qtbot, grid, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+V in the grid at (row, column) with `text` on the clipboard, as a user does."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().setText(text)
    grid.view.setFocus()
    grid.view.setCurrentIndex(grid.model.index(row, column))
    qtbot.keyClick(grid.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def _type_into(qtbot, grid, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """`text` typed into a cell and Enter pressed, as a user does; back when the editor is
    closed (Qt commits the text a moment after Enter)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView, QLineEdit

    index = grid.model.index(row, column)
    grid.view.setFocus()
    grid.view.setCurrentIndex(index)
    grid.view.edit(index)
    editor = grid.view.indexWidget(index) or grid.view.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    editing = QAbstractItemView.State.EditingState
    qtbot.waitUntil(lambda: grid.view.state() != editing, timeout=2000)


def test_a_pasted_line_takes_whole_numbers_and_says_what_it_did_not_use(qtbot, rules) -> None:  # type: ignore[no-untyped-def]
    """The line from the bug report pasted at Pertussis, Sep 2024: "7.00" replaces the old
    claim of 4 (a number cell from Excel is a whole number), "5 " is 5, "£4" is money and
    is refused by name with what the cell still holds, and the 4 cells right of Dec 2024
    are said to need their months added first."""
    p = "pertussis_pregnant"
    grid = _grid(qtbot, rules, [Claim(p, "2024-09", 4), Claim(p, "2024-11", 2)])
    with qtbot.waitSignal(grid.claims_changed):
        _paste_at(qtbot, grid, 0, 0, "7.00\t3\t£4\t5 \t6\t8\t9\t10\r\n")
    assert _count(grid, p, "2024-09") == 7  # not the old claim of 4 left as if pasted
    assert _count(grid, p, "2024-10") == 3
    assert _count(grid, p, "2024-11") == 2  # kept, and said
    assert _count(grid, p, "2024-12") == 5
    said = _said(grid)
    assert "Pertussis, Nov 2024 not changed (still 2)" in said
    assert "“£4” is an amount of money, not a count" in said
    assert "4 pasted cells were not used: the grid has no month for them after Dec 2024" in said
    assert "Add the month first" in said


def test_pasted_counts_as_excel_writes_them_are_taken(qtbot, rules) -> None:  # type: ignore[no-untyped-def]
    """ "1,234", " 12 " and "7.0" are whole numbers; a blank cell clears a claim."""
    grid = _grid(qtbot, rules, [Claim("rsv_pregnant", "2024-12", 9)])
    _paste_at(qtbot, grid, 1, 0, "1,234\t 12 \t7.0\t")
    assert [_count(grid, "rsv_pregnant", m) for m in grid.model.months] == [1234, 12, 7, None]
    assert "not" not in _said(grid).replace("Blank means no claim", "")
    assert "Pasted 4 counts." in _said(grid)


def test_pasted_rows_below_the_last_programme_are_said(qtbot, rules) -> None:  # type: ignore[no-untyped-def]
    grid = _grid(qtbot, rules, [])
    last = grid.model.rowCount() - 1
    _paste_at(qtbot, grid, last, 3, "1\n2\n3\n")
    assert _count(grid, grid.model.programmes[last].id, "2024-12") == 1
    assert "2 pasted cells were not used: they were below the last programme" in _said(grid)


def test_a_count_typed_as_12_0_is_taken(qtbot, rules) -> None:  # type: ignore[no-untyped-def]
    grid = _grid(qtbot, rules, [Claim("hpv", "2024-10", 4)])
    row = [p.id for p in grid.model.programmes].index("hpv")
    with qtbot.waitSignal(grid.claims_changed):
        _type_into(qtbot, grid, row, 1, "12.0")
    assert _count(grid, "hpv", "2024-10") == 12
    assert grid.model.index(row, 1).data() == "12"


def test_a_typed_amount_of_money_is_refused_and_said(qtbot, rules) -> None:  # type: ignore[no-untyped-def]
    """The cell keeps its claim, and the words under the grid say so: not a silent revert."""
    grid = _grid(qtbot, rules, [Claim("hpv", "2024-10", 4)])
    row = [p.id for p in grid.model.programmes].index("hpv")
    _type_into(qtbot, grid, row, 1, "£12")
    assert _count(grid, "hpv", "2024-10") == 4
    said = _said(grid)
    assert "HPV, Oct 2024 not changed (still 4): “£12” is an amount of money" in said
    _type_into(qtbot, grid, row, 1, "12.5")
    assert "HPV, Oct 2024 not changed (still 4): “12.5” is not a whole number" in _said(grid)
    _type_into(qtbot, grid, row, 1, "13")  # a count taken: the problem is gone
    assert _count(grid, "hpv", "2024-10") == 13
    assert "not changed" not in _said(grid)


def test_a_month_that_cannot_be_read_is_said(qtbot, rules) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    grid = _grid(qtbot, rules, [])
    add = next(b for b in grid.findChildren(QPushButton) if b.text() == "Add month")
    grid.month_box.setText("Septembre 2024")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert grid.model.months == ["2024-09", "2024-10", "2024-11", "2024-12"]
    assert "'Septembre 2024' is not a month: use e.g. Sep 2024" in _said(grid)
    grid.month_box.setText("Jan 2025")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert grid.model.months[-1] == "2025-01"
    assert "is not a month" not in _said(grid)
