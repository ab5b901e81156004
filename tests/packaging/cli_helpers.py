"""Helpers for the packaging tests: run the command line in process, build `check` arguments."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


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
