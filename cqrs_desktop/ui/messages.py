"""Telling the user about a problem: plain words first, technical detail folded away.

Boxes open window-modal without blocking (`open`, not `exec`), so the rest of the app and
the tests keep running; the last box shown is kept in `last_problem` for the tests. Every
box is heard by its title and its words, and each of its buttons has an Alt letter of its
own (`keyed_and_heard`, decision 570).
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QMessageBox, QTextEdit, QWidget

last_problem: list[QMessageBox] = []

OK = "&OK"
LONGEST_UNBROKEN = 30  # characters: a line of a box is about 70 on a laptop at 125%
BREAK = "\u200b"  # zero width space: a place a line may end, neither seen nor heard
_AFTER_PUNCTUATION = re.compile(r"(?<=[_\-./\\])(?=[^\s])")
SHOW_DETAILS, HIDE_DETAILS = "Show &Details…", "Hide &Details…"


def _breakable_word(word: str) -> str:
    if len(word) <= LONGEST_UNBROKEN:
        return word
    parts = _AFTER_PUNCTUATION.sub(BREAK, word).split(BREAK)
    return BREAK.join(
        BREAK.join(p[i : i + LONGEST_UNBROKEN] for i in range(0, len(p), LONGEST_UNBROKEN))
        for p in parts
    )


def breakable(text: str) -> str:
    """`text` with places a long file name may go on to the next line (after _ - . / \\,
    else every 30 characters): Qt's box wraps at spaces only, and cut such a name at its
    right edge (decision 571)."""
    return re.sub(r"\S+", lambda m: _breakable_word(m.group(0)), text)


def keyed_and_heard(box: QMessageBox) -> None:
    """OK by Alt+O, as every other button has its letter; the box's words given to a screen
    reader as its description, with its title as its name, whatever it makes of the labels
    inside; a long file name in them free to wrap."""
    ok = box.button(QMessageBox.StandardButton.Ok)
    if ok is not None:
        ok.setText(OK)
    box.setAccessibleName(box.windowTitle())
    box.setAccessibleDescription("\n\n".join(t for t in (box.text(), box.informativeText()) if t))
    box.setText(breakable(box.text()))


def _details_by_alt_d(box: QMessageBox) -> None:
    """Qt names its details button "Show Details..." with no Alt letter, and names it again
    at each press: named here after Qt, each time (the box shown, the button in place)."""
    (edit,) = box.findChildren(QTextEdit)
    (button,) = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.ActionRole]

    def named() -> None:
        button.setText(HIDE_DETAILS if edit.isVisibleTo(box) else SHOW_DETAILS)

    button.clicked.connect(named)
    named()


def show_problem(parent: QWidget | None, title: str, message: str, detail: str = "") -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(message)
    if detail:
        box.setInformativeText(
            "Use Show Details (Alt+D) if you need to pass this on to IT support."
        )
        box.setDetailedText(detail)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    keyed_and_heard(box)
    last_problem[:] = [box]
    box.open()
    if detail:
        _details_by_alt_d(box)
    return box


def show_info(parent: QWidget | None, title: str, message: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(message)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    keyed_and_heard(box)
    box.open()
    return box
