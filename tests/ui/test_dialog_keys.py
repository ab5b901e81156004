"""The dialogs by keyboard alone: Tab reaches every control and leaves none of them a trap,
Enter does the safe thing, Esc changes nothing. Real widgets; invented people, NHS numbers
in the 999 range."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget

SEARCH = (
    "NHS Number,Surname,Forename,Date of Birth,Event Date,Code,Description\r\n"
    "9990000018,Testperson,Alice,01/01/1940,03/09/2024,ABC1,Flu vaccine\r\n"
    "9990000026,Testperson,Bob,02/02/1941,04/09/2024,ABC1,Flu vaccine\r\n"
)


def _tab_stops(qtbot, dialog, start: QWidget, presses: int = 40) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """The widgets the focus goes to, Tab after Tab, from `start`."""
    start.setFocus()
    reached = []
    for _ in range(presses):
        focused = dialog.focusWidget()
        reached.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    return reached


def test_tab_in_fix_columns_reaches_the_buttons(qtbot, window, rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The first rows of the file are a table: Tab went from cell to cell and back to the
    column choices for ever, never to 'Use these columns' or Cancel."""
    from cqrs_desktop.sources.preview import inspect_file
    from cqrs_desktop.ui.mapping_dialog import MappingDialog

    search = tmp_path / "search.csv"
    search.write_text(SEARCH, encoding="utf-8", newline="")
    dialog = MappingDialog(window, inspect_file(search, rules))
    dialog.open()
    qtbot.waitExposed(dialog)
    use = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    reached = _tab_stops(qtbot, dialog, dialog.combos[0])
    assert use in reached
    assert cancel in reached
    assert all(combo in reached for combo in dialog.combos)
    dialog.reject()
