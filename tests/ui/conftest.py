"""GUI tests: offscreen Qt, practice settings, helpers."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator

import pytest

from cqrs_desktop import settings

PRACTICE = settings.Settings(
    practice_name="Riverside Medical Centre",
    ods_code="F99001",
    reviewer="Test Reviewer",
)


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


def earlier_read(qtbot, win, timeout: int = 20000) -> None:  # type: ignore[no-untyped-def]
    """Wait for the Files page's earlier reviews to be read (off the GUI thread)."""
    if win._review_area is not None:
        qtbot.waitUntil(lambda: win.sources.earlier_reading is None, timeout=timeout)
