"""The command line loads the heavy libraries only for the work that needs them (decision
356): a command refused before any work, and `demo-data`, start without pandas, openpyxl or
Qt (`demo-data`, which only copies files, without the file readers either); a `check`
loads Qt last, once pandas and openpyxl are in (Qt's import hook slows every module
imported after it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "openpyxl", "PySide6")
# Runs the real command in a fresh Python and prints what was loaded: the heavy libraries
# in memory when it ended, and those already in when PySide6 was first asked for.
PROBE = """
import json, sys
heavy = {heavy!r}
seen = {{}}

class Watch:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" and "PySide6" not in seen:
            seen["PySide6"] = [m for m in heavy if m in sys.modules]
        return None

sys.meta_path.insert(0, Watch())
from cqrs_desktop import cli
code = cli.main({args!r})
print(json.dumps([code, [m for m in heavy if m in sys.modules], seen.get("PySide6")]))
"""


def _loaded(
    args: list[str], cwd: Path, watched: tuple[str, ...] = HEAVY
) -> tuple[int, list[str], list[str] | None]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=watched, args=args)],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert done.stdout, done.stderr
    code, loaded, before_qt = json.loads(done.stdout.strip().splitlines()[-1])
    return code, loaded, before_qt


def _search(folder: Path) -> None:
    (folder / "s.csv").write_text(
        "NHS Number,Surname,Forename,Date of Birth,Sex,Date,Code\n"
        "9990000018,Testperson,Alice,01/01/1990,F,02/09/2024,956951000000104\n",
        encoding="utf-8",
    )


def test_a_check_refused_before_any_work_loads_no_heavy_library(tmp_path: Path) -> None:
    _search(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "review.xlsx").mkdir()  # a folder where a result would go
    args = ["check", "--practice-ods", "F99001", "--search", "s.csv", "--out", "out"]
    code, loaded, _ = _loaded(args, tmp_path)
    assert code == 2
    assert loaded == []


def test_demo_data_loads_no_heavy_library_nor_the_readers(tmp_path: Path) -> None:
    watched = (*HEAVY, "cqrs_desktop.session", "cqrs_desktop.sources")
    code, loaded, _ = _loaded(["demo-data", "--out", "demo"], tmp_path, watched)
    assert code == 0 and (tmp_path / "demo" / "cqrs_figures.csv").is_file()
    assert loaded == []


def test_a_check_loads_qt_after_pandas_and_openpyxl(tmp_path: Path) -> None:
    _search(tmp_path)
    args = ["check", "--practice-ods", "F99001", "--search", "s.csv", "--out", "out"]
    code, loaded, before_qt = _loaded(args, tmp_path)
    assert code == 0 and (tmp_path / "out" / "report.pdf").is_file()
    assert loaded == list(HEAVY)
    assert before_qt == ["pandas", "openpyxl"]
