"""Where the main window was: its size and place, kept in an .ini file in the config folder
(not the registry), and a first-run size that suits the screen."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from cqrs_desktop import paths


def _stored() -> QSettings:
    return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)


def restore(window: QWidget) -> None:
    geometry = _stored().value("geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)  # type: ignore[arg-type]
        return
    # first run: a laptop screen (1366x768 and the like) is used whole
    screen = window.screen().availableGeometry() if window.screen() else None
    if screen is not None and (screen.width() < 1500 or screen.height() < 860):
        window.setGeometry(screen)  # what it falls back to where maximising is not honoured
        window.setWindowState(QtCore.Qt.WindowState.WindowMaximized)
    else:
        window.resize(1280, 760)


def remember(window: QWidget) -> None:
    _stored().setValue("geometry", window.saveGeometry())
