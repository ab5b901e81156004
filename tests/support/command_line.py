"""The command line for the carry-forward tests, which run it several times each: as a new
process (the real thing) on Linux; on Windows, through its own `main` in the test's process,
since a new Windows Python under Wine takes seconds to start and those tests, over a hundred
runs, were most of the Windows stage. What only a process shows on Windows (the console's
code page, paths, exit codes, signals) is tested there as a process: `test_cli.py`,
`test_windows_console_and_paths.py`, and the frozen and installed stages.
`CQRS_TEST_IN_PROCESS=1` runs in-process anywhere (to check the two agree)."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.test_cli import run

IN_PROCESS = sys.platform == "win32" or os.environ.get("CQRS_TEST_IN_PROCESS") == "1"


def run_command(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`cqrs-desktop ARGS` run in `cwd`: its exit code, stdout and stderr."""
    if not IN_PROCESS:
        return run(*args, cwd=cwd)
    from cqrs_desktop import cli

    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.chdir(cwd),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        code = cli.main(list(args))
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())
