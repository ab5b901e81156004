"""Packaging tests: the build definition (fast, always) and the built artefacts (when present).

The build scripts are plain modules in build_scripts/, not part of the package: put that
folder on the path so the tests check the very code the build runs.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUILD_SCRIPTS = REPO / "build_scripts"
if str(BUILD_SCRIPTS) not in sys.path:
    sys.path.insert(0, str(BUILD_SCRIPTS))


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """cqrs_desktop.cli.main in process: exit code, stdout, stderr (SystemExit counts)."""
    from cqrs_desktop.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 0
    return code, out.getvalue(), err.getvalue()


def demo_check_arguments(demo: Path, out: Path) -> list[str]:
    """`check` arguments over the files `demo-data` wrote (names found, not assumed)."""
    practice = json.loads((demo / "practice.json").read_text(encoding="utf-8"))
    argv = ["check", "--practice-ods", practice["ods_code"]]
    if practice.get("name"):
        argv += ["--practice-name", practice["name"]]
    for search in sorted(demo.glob("*search*")):
        argv += ["--search", str(search)]
    for figures in sorted(demo.glob("cqrs*")):
        argv += ["--cqrs", str(figures)]
    for decisions in sorted(demo.glob("decisions*.csv")):
        argv += ["--decisions", str(decisions)]
    return [*argv, "--out", str(out)]


@pytest.fixture
def demo_inputs(tmp_path: Path) -> Iterator[Path]:
    """The demo input files, written by `cqrs-desktop demo-data`.

    Skips while the command line has no working `demo-data` yet: activates by itself when it
    lands.
    """
    demo = tmp_path / "demo"
    code, _out, err = run_cli(["demo-data", "--out", str(demo)])
    if code != 0 or not (demo / "practice.json").is_file():
        pytest.skip(f"`cqrs-desktop demo-data` not available yet (exit {code}: {err.strip()})")
    yield demo
