"""What a keyboard-only or screen-reader user meets in a message box or a small dialog, as a
list of plain findings (empty: nothing found). It opens with the focus on a choice that
loses nothing, and Enter's button is one too; every button has an Alt letter of its own and
words that say what it does (never a bare Yes or No), and is heard by a name; the box is
heard by its title and its words; it fits the window a 1366x768 laptop at 125% gives
(1093x614) with no words cut. Used by `test_box_audit.py`."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QPushButton, QWidget

from .keyboard_audit import _plain, alt_clashes, alt_letter, describe, heard_name
from .layout_check import check_window

LAPTOP = (1093, 614)  # 1366x768 at 125%, in Qt's pixels
# the first words of a choice that loses something, or cannot be taken back
LOSING = ("close without", "discard", "delete", "overwrite", "replace", "remove", "don't save")
BARE = {"yes", "no"}  # a question's answer that does not say what it does
WRAPPED = int(Qt.TextFlag.TextWordWrap)
ZERO_WIDTH_SPACE = "\u200b"  # where a long name may wrap: not a word said


def buttons_shown(top: QWidget) -> list[QPushButton]:
    return [b for b in top.findChildren(QPushButton) if b.window() is top and b.isVisible()]


def loses_something(button: QWidget, top: QWidget) -> bool:
    if (
        isinstance(top, QMessageBox)
        and isinstance(button, QPushButton)
        and top.buttonRole(button) == QMessageBox.ButtonRole.DestructiveRole
    ):
        return True
    words = _plain(button.text()).lower() if isinstance(button, QPushButton) else ""
    return words.startswith(LOSING)


def heard(top: QWidget, which: QAccessible.Text) -> str:
    face = QAccessible.queryAccessibleInterface(top)
    return face.text(which) if face is not None else ""


def _focus_findings(top: QDialog, buttons: list[QPushButton]) -> list[str]:
    found = []
    focus = QApplication.focusWidget()
    defaults = [b for b in buttons if b.isDefault()]
    if focus is None or focus.window() is not top:
        found.append(f"it opens with the focus on {describe(focus)}, not in the box")
    elif loses_something(focus, top):
        found.append(f"it opens with the focus on {describe(focus)}, which loses something")
    if len(defaults) != 1:
        found.append(f"Enter presses {len(defaults)} buttons, not one")
    elif loses_something(defaults[0], top):
        found.append(f"Enter presses {describe(defaults[0])}, which loses something")
    elif isinstance(top, QMessageBox) and focus is not defaults[0]:
        found.append(
            f"the focus is on {describe(focus)}, Enter's button is {describe(defaults[0])}"
        )
    return found


def _button_findings(top: QDialog, buttons: list[QPushButton]) -> list[str]:
    found = []
    for button in buttons:
        if not alt_letter(button.text()):
            found.append(f"{describe(button)} has no Alt letter")
        if _plain(button.text()).lower() in BARE:
            found.append(f"{describe(button)} does not say what it does")
        if not heard_name(button):
            found.append(f"{describe(button)} has no name a screen reader says")
    return found + alt_clashes(top)


def _heard_findings(top: QDialog) -> list[str]:
    found = []
    if not heard(top, QAccessible.Text.Name).strip():
        found.append(f"{describe(top)} has no name a screen reader says")
    if isinstance(top, QMessageBox):
        said = " ".join(heard(top, QAccessible.Text.Description).split())
        for words in (top.text().replace(ZERO_WIDTH_SPACE, ""), top.informativeText()):
            if " ".join(words.split()) not in said:
                found.append(f"a screen reader is not given its words: {words[:60]!r}")
    return found


def _cut_at_the_side(top: QDialog) -> list[str]:
    """Words of a label that wraps wider than the label: a name with no space in it, which
    Qt's message box cuts at its right edge rather than wrap (its layout check looks at a
    wrapped label's height only)."""
    found = []
    for label in top.findChildren(QLabel):
        if label.window() is not top or not label.isVisible() or not label.wordWrap():
            continue
        words = label.text()
        need = label.fontMetrics().boundingRect(QRect(0, 0, 1, 100000), WRAPPED, words).width()
        room = label.contentsRect().width()
        if words and need > room + 1:
            found.append(f"'{words[:40]}…' is cut at the side: {room} pixels for {need}")
    return found


def _fit_findings(top: QDialog) -> list[str]:
    frame = top.frameGeometry()
    found = [f"{describe(top)}: {p}" for p in check_window(top)] + _cut_at_the_side(top)
    if frame.width() > LAPTOP[0] or frame.height() > LAPTOP[1]:
        found.append(f"{describe(top)} is {frame.width()}x{frame.height()}, over {LAPTOP}")
    return found


def box_findings(top: QDialog) -> list[str]:
    """Every finding in `top`, shown and in front, as it first opens."""
    buttons = buttons_shown(top)
    return (
        _focus_findings(top, buttons)
        + _button_findings(top, buttons)
        + _heard_findings(top)
        + _fit_findings(top)
    )
