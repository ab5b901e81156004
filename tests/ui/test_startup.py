"""The first window opens without the file readers' heavy libraries (start-up time)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "numpy", "openpyxl", "python_calamine")
PROBE = """
import json, sys
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


def test_the_app_and_its_first_window_load_no_pandas_or_openpyxl(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CQRS_DESKTOP_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    after_import, after_window = json.loads(done.stdout.strip().splitlines()[-1])
    assert after_import == [], "imported at start-up: " + ", ".join(after_import)
    assert after_window == [], "loaded before the first window: " + ", ".join(after_window)
