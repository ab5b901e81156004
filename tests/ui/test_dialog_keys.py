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


def _alt(qtbot, dialog, letter: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(dialog.focusWidget(), letter, Qt.KeyboardModifier.AltModifier)


def test_alt_letters_go_to_the_practice_details(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Five fields and no Alt letter: the only way to the fourth was Tab, Tab, Tab."""
    dialog = window.edit_practice()
    qtbot.waitUntil(dialog.isActiveWindow)
    for letter, name in [
        ("e", "team_email"),
        ("o", "ods_code"),
        ("s", "clinical_system"),
        ("n", "reviewer"),
        ("p", "practice_name"),
    ]:
        _alt(qtbot, dialog, letter)
        assert dialog.focusWidget() is dialog.fields[name], letter
    dialog.reject()


def test_alt_letters_in_print_or_save(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Alt+W and Alt+R choose the document, Alt+E goes to the events chosen, and Alt+V,
    Alt+P and Alt+S press Preview, Print and Save as PDF."""
    from .conftest import wait_idle

    window.open_demo()
    wait_idle(qtbot, window)
    dialog = window.print_or_save()
    qtbot.waitUntil(dialog.isActiveWindow)
    _alt(qtbot, dialog, "r")
    qtbot.waitUntil(lambda: dialog.which == "report")  # a press shown, then let go
    _alt(qtbot, dialog, "w")
    qtbot.waitUntil(lambda: dialog.which == "worksheet")
    _alt(qtbot, dialog, "e")
    assert dialog.focusWidget() is dialog.scope_radios[dialog.scope.key]
    for letter, button in [
        ("v", dialog.preview_button),
        ("p", dialog.print_button),
        ("s", dialog.pdf_button),
    ]:
        button.clicked.disconnect()  # only the press is looked at: nothing opens
        with qtbot.waitSignal(button.clicked, timeout=1000):
            _alt(qtbot, dialog, letter)
    dialog.reject()


def test_a_reader_hears_why_save_is_greyed(qtbot, window, rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Practice details and Fix columns grey their button until the answers will do, and
    say why in red words and stars a screen reader did not reach: a greyed button is
    skipped by Tab, so a reader's user heard no reason at all."""
    from cqrs_desktop.sources.preview import inspect_file
    from cqrs_desktop.ui.mapping_dialog import MappingDialog

    practice = window.edit_practice()
    assert practice.fields["practice_name"].accessibleName() == "Practice name (required)"
    assert practice.fields["clinical_system"].accessibleName() == "Clinical system"
    ods = practice.fields["ods_code"]
    ods.setText("HELLO")
    assert ods.accessibleDescription().startswith("'HELLO' is not a practice ODS code")
    ods.setText("F99001")
    assert ods.accessibleDescription() == ""
    practice.reject()

    search = tmp_path / "search.csv"
    search.write_text(SEARCH, encoding="utf-8", newline="")
    columns = MappingDialog(window, inspect_file(search, rules))
    columns.set_role("Event Date", None)
    said = columns.combos[0].accessibleDescription()
    assert said == "Choose the column with the vaccination date."
    columns.set_role("Event Date", "event_date")
    assert columns.combos[0].accessibleDescription() == ""
    columns.reject()


def test_the_print_preview_fits_the_screen(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The preview opened 1000x700 whatever the screen: at 125% on a 1366x768 laptop (1093
    by 614 to Qt) its bottom, with the sideways scroll bar, was below the screen."""
    from .conftest import wait_idle

    window.open_demo()
    wait_idle(qtbot, window)
    preview = window.print_or_save().preview()
    qtbot.waitExposed(preview)
    room, frame = preview.screen().availableGeometry(), preview.frameGeometry()
    assert frame.width() <= room.width() and frame.height() <= room.height(), (room, frame)
    preview.reject()
