"""Telling the user about a problem: plain words first, technical detail folded away.

Boxes open window-modal without blocking (`open`, not `exec`), so the rest of the app and
the tests keep running; the last box shown is kept in `last_problem` for the tests.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

last_problem: list[QMessageBox] = []


def show_problem(parent: QWidget | None, title: str, message: str, detail: str = "") -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(message)
    box.setAccessibleName(title)
    if detail:
        box.setInformativeText("Use 'Show Details' if you need to pass this on to IT support.")
        box.setDetailedText(detail)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    last_problem[:] = [box]
    box.open()
    return box


def show_info(parent: QWidget | None, title: str, message: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(message)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()
    return box
