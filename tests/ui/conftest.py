"""GUI tests: offscreen Qt, practice settings, helpers."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from cqrs_desktop import settings

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QWidget

PRACTICE = settings.Settings(
    practice_name="Riverside Medical Centre",
    ods_code="F99001",
    reviewer="Test Reviewer",
)


_TYPING = ("keyClick", "keyClicks", "keyPress", "keyRelease", "keySequence")  # widget first


@pytest.fixture(autouse=True)
def typed_into_the_window_in_front(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """A key the tests press goes where a user's key would: into the window in front. When
    no window of this process is active (under Windows, another test process's window
    shown meanwhile takes the foreground: the two workers share one desktop), the window
    of the widget typed into is brought back to the front first, as the user clicking it
    would. Qt's shortcuts and focus only work in the active window, so without this a key
    pressed a moment after the other worker opened a window did nothing. A window of this
    process that is active (a dialog, say) is left as it is: what the app itself does with
    activation and focus is still what the tests see."""
    from PySide6.QtWidgets import QApplication, QWidget
    from pytestqt.qtbot import QtBot

    def in_front(widget: object) -> None:
        if not isinstance(widget, QWidget) or QApplication.activeWindow() is not None:
            return
        top = widget.window()
        if not top.isVisible():
            return
        top.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is top, timeout=5000)

    for name in _TYPING:
        typing = getattr(QtBot, name)

        def typed(*args: object, _typing=typing, **kwargs: object) -> None:  # type: ignore[no-untyped-def]
            in_front(args[0] if args else kwargs.get("widget"))
            _typing(*args, **kwargs)

        monkeypatch.setattr(QtBot, name, staticmethod(typed))


@pytest.fixture
def practice_settings(private_home: object) -> settings.Settings:
    settings.save(PRACTICE)
    return PRACTICE


@pytest.fixture
def window(qtbot, practice_settings: settings.Settings) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from cqrs_desktop.app import make_app
    from cqrs_desktop.ui import look
    from cqrs_desktop.ui.main_window import MainWindow

    look.apply(make_app([]))
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1366, 700)
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    yield win
    if win.session is not None:
        win.set_session(None)


def wait_idle(qtbot, win, timeout: int = 20000) -> None:  # type: ignore[no-untyped-def]
    """Wait for background operations to finish (and the Files page's read of the recent
    reviews to bring decisions from)."""
    qtbot.waitUntil(lambda: not win.ops.busy, timeout=timeout)
    earlier_read(qtbot, win, timeout)


def new_review_with(qtbot, win, *files: Path, imported: bool = True) -> None:  # type: ignore[no-untyped-def]
    """A new review with `files` added on its Files page and looked at, then (`imported`)
    imported, as a user does."""
    win.new_review()
    win.sources.add_files(list(files))
    wait_idle(qtbot, win)
    if imported:
        win.sources.request_import()
        wait_idle(qtbot, win)


def earlier_read(qtbot, win, timeout: int = 20000) -> None:  # type: ignore[no-untyped-def]
    """Wait for the Files page's earlier reviews to be read (off the GUI thread), and a
    review chosen to start from or bring decisions from (a background operation)."""
    qtbot.waitUntil(lambda: not win.ops.busy, timeout=timeout)
    if win._review_area is not None:
        qtbot.waitUntil(lambda: win.sources.earlier_reading is None, timeout=timeout)


def holding(qtbot, widget: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    """`widget` in a window that may be as narrow as the widget says it can be."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
    return holder


def timer_ticks(qtbot, ms: int) -> int:  # type: ignore[no-untyped-def]
    """How often a 20 ms timer fired in `ms`: the GUI thread answering."""
    from PySide6.QtCore import QTimer

    fired: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: fired.append(1))
    timer.start(20)
    qtbot.wait(ms)
    timer.stop()
    return len(fired)
