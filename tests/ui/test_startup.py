"""The first window opens quickly: without the file readers' heavy libraries, the review's
pages or the command-line code, which load when first needed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "numpy", "openpyxl", "python_calamine")
LATER = (
    "cqrs_desktop.commands",
    "cqrs_desktop.session",
    "cqrs_desktop.store",
    "cqrs_desktop.domain.review",
    "cqrs_desktop.ui.review_area",
    "cqrs_desktop.ui.walkthrough_page",
    "cqrs_desktop.ui.sources_page",
    "cqrs_desktop.ui.results_page",
    "cqrs_desktop.ui.dialogs",
)
PROBE = """
import json, sys
import cqrs_desktop.cli
import cqrs_desktop.app
import cqrs_desktop.ui.main_window
after_import = [m for m in {heavy!r} if m in sys.modules]
from cqrs_desktop.app import build_window, make_app
app = make_app([])
window = build_window()
window.show()
app.processEvents()
after_window = [m for m in {heavy!r} if m in sys.modules]
print(json.dumps([after_import, after_window]))
"""


def run_probe(code: str, home: Path) -> list[list[str]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CQRS_DESKTOP_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_app_and_its_first_window_load_no_pandas_or_openpyxl(tmp_path: Path) -> None:
    after_import, after_window = run_probe(PROBE.format(heavy=HEAVY), tmp_path)
    assert after_import == [], "imported at start-up: " + ", ".join(after_import)
    assert after_window == [], "loaded before the first window: " + ", ".join(after_window)


def test_the_first_window_waits_to_load_the_review_pages_and_commands(tmp_path: Path) -> None:
    after_import, after_window = run_probe(PROBE.format(heavy=LATER), tmp_path)
    assert after_import == [], "imported at start-up: " + ", ".join(after_import)
    assert after_window == [], "loaded before the first window: " + ", ".join(after_window)


def test_the_review_pages_are_built_when_a_review_is_started(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from cqrs_desktop import settings
    from cqrs_desktop.ui.main_window import SOURCES, MainWindow

    settings.save(settings.Settings(practice_name="Riverside", ods_code="F99001", reviewer="Al"))
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.start
    assert window._review_area is None

    window.new_review()
    assert window.stack.currentWidget() is window.review_area
    assert window.pages.currentIndex() == SOURCES
    assert window.sources.add_button.hasFocus() or not window.isActiveWindow()

    window.close_review()
    assert window.stack.currentWidget() is window.start


QT_ENUMS_PROBE = """
import json, sys
import PySide6.QtCore as QtCore
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
QMainWindow()
lazy = "Qt" not in QtCore.__dict__  # this PySide6 builds the Qt namespace on first use
from cqrs_desktop.app import build_window
window = build_window()
window.show()
app.processEvents()
if {remember}:
    from cqrs_desktop.ui import window_state
    window_state.remember(window)
print(json.dumps([lazy, "Qt" in QtCore.__dict__]))
"""


def test_the_first_window_does_not_build_qts_enums(tmp_path: Path) -> None:
    """Any Qt.* value builds all of Qt's enums at once (15-25 ms): the first window (a
    second start, with the window's place remembered) uses none, so that cost comes later."""
    run_probe(QT_ENUMS_PROBE.format(remember=True), tmp_path)  # a first run, then closed
    lazy, built = run_probe(QT_ENUMS_PROBE.format(remember=False), tmp_path)
    if not lazy:
        pytest.skip("this PySide6 builds Qt's enums at start anyway")
    assert not built, "a Qt.* value is used before the first window: see ui/start_page.py"
