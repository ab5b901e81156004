"""Where the main window was: its size and place, kept in an .ini file in the config folder
(not the registry), and a first-run size that suits the screen.

A place saved on another screen (a large monitor at the desk, a laptop at home) is only
used when a screen here can show all of it; otherwise the window starts as on a first run,
so it never opens partly off-screen.
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QRect, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from cqrs_desktop import paths

# below this (in logical pixels, taskbar excluded) a screen is a laptop's: used whole
SMALL_SCREEN = (1500, 860)
FIRST_SIZE = (1280, 760)


def _stored() -> QSettings:
    return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)


def shown_whole(place: QRect) -> bool:
    """Whether one screen, as the screens are now, can show all of `place`."""
    return any(screen.availableGeometry().contains(place) for screen in QGuiApplication.screens())


def restore(window: QWidget) -> None:
    geometry = _stored().value("geometry")
    if geometry is not None and window.restoreGeometry(geometry):  # type: ignore[arg-type]
        if window.isMaximized() or shown_whole(window.geometry()):
            return
        window.setWindowState(QtCore.Qt.WindowState.WindowNoState)
    first_run(window)


def first_run(window: QWidget) -> None:
    """A laptop screen (1366x768, or 1920x1080 at 150%) is used whole; on a larger one the
    window opens at a comfortable size, in the middle of it."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(*FIRST_SIZE)
        return
    available = screen.availableGeometry()
    if available.width() < SMALL_SCREEN[0] or available.height() < SMALL_SCREEN[1]:
        window.setGeometry(available)  # what it falls back to where maximising is not honoured
        window.setWindowState(QtCore.Qt.WindowState.WindowMaximized)
        return
    width = min(FIRST_SIZE[0], available.width())
    height = min(FIRST_SIZE[1], available.height())
    window.setGeometry(
        available.x() + (available.width() - width) // 2,
        available.y() + (available.height() - height) // 2,
        width,
        height,
    )


def remember(window: QWidget) -> None:
    _stored().setValue("geometry", window.saveGeometry())
