"""What a practice PC does to the command line: its code page, consoles and redirects, folder
names with spaces and letters beyond Latin-1, and long paths.

The run-anywhere tests imitate a legacy code page on Linux (PYTHONIOENCODING=cp1252); in the
Windows stage (../shared/windows/check.sh, Windows Python under Wine) they meet the real one,
and the Windows-only ones go through cmd.exe and a console.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.windows_files import windows_only

REPO = Path(__file__).resolve().parents[2]
ODD = "Łódź wyniki – ñ ü 東京"  # spaces, Polish, a dash, Spanish, German, Japanese


def _env(**extra: str) -> dict[str, str]:
    """The environment a user's shell would give: nothing that forces UTF-8 on Python."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    env["PYTHONPATH"] = str(REPO)
    env.update(extra)
    return env


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "cqrs_desktop", *args]


# As the system has it (Windows: the ANSI code page, cp1252 in England), and a legacy code
# page forced (the same on Linux, whose own is UTF-8).
CODE_PAGES = {"the system's": {}, "cp1252 forced": {"PYTHONIOENCODING": "cp1252"}}


@pytest.mark.parametrize("code_page", sorted(CODE_PAGES))
def test_output_redirected_to_a_file_is_utf8(tmp_path: Path, code_page: str) -> None:
    """`cqrs-desktop-cli ... > log.txt`: the file is UTF-8, so 'Łódź' survives (it came out
    as '\\u0141\\xf3d\\u017a' in the code page before)."""
    out, err = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    env = _env(**CODE_PAGES[code_page])
    with out.open("wb") as stdout, err.open("wb") as stderr:
        result = subprocess.run(
            _cli("demo-data", "--out", ODD),
            cwd=tmp_path, stdout=stdout, stderr=stderr, timeout=120, env=env,
        )  # fmt: skip
    assert result.returncode == 0, err.read_bytes()
    text = out.read_bytes().decode("utf-8")  # fails if it is not UTF-8
    assert f"{ODD}{os.sep}practice.json" in text
    assert "\\u" not in text and "\\x" not in text


@pytest.mark.parametrize("code_page", sorted(CODE_PAGES))
def test_an_error_naming_an_odd_file_is_utf8_through_a_pipe(tmp_path: Path, code_page: str) -> None:
    result = subprocess.run(
        _cli("check", "--practice-ods", "Y99001", "--search", f"{ODD}.csv", "--out", "out"),
        cwd=tmp_path, capture_output=True, timeout=120, env=_env(**CODE_PAGES[code_page]),
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.decode("utf-8").strip() == f"error: {ODD}.csv: file not found"


def test_check_reads_and_writes_folders_with_odd_names(tmp_path: Path) -> None:
    """Input files, the results folder and the review file (SQLite) under names with spaces
    and non-Latin letters; the saved review exported again gives the same events."""
    inputs = tmp_path / f"{ODD} inputs"
    assert subprocess.run(_cli("demo-data", "--out", str(inputs)), env=_env(), timeout=120,
                          capture_output=True).returncode == 0  # fmt: skip
    search = inputs / f"{ODD} search.csv"
    (inputs / "emis_maternal_search.csv").rename(search)
    out = tmp_path / ODD / "results"
    saved = tmp_path / ODD / f"{ODD}.cqrsreview"
    result = subprocess.run(
        _cli("check", "--practice-ods", "Y99001", "--search", str(search), "--out", str(out),
             "--save", str(saved)),
        cwd=tmp_path, capture_output=True, timeout=300, env=_env(),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    review = json.loads((out / "review.json").read_text(encoding="utf-8"))
    assert review["events"]
    assert f"wrote {out / 'report.pdf'}" in result.stdout.decode("utf-8")
    again = tmp_path / ODD / "again"
    result = subprocess.run(
        _cli("export", str(saved), "--out", str(again)),
        cwd=tmp_path, capture_output=True, timeout=300, env=_env(),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    exported = json.loads((again / "review.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in exported["events"]] == [e["id"] for e in review["events"]]


def test_check_writes_into_a_folder_past_the_old_260_character_limit(tmp_path: Path) -> None:
    """Windows' old MAX_PATH is 260 characters. Python (and the frozen app, whose manifest
    says longPathAware) go past it where Windows allows long paths; where a PC does not,
    the run must end with a plain error, never half-written results or an internal fault."""
    inputs = tmp_path / "inputs"
    assert subprocess.run(_cli("demo-data", "--out", str(inputs)), env=_env(), timeout=120,
                          capture_output=True).returncode == 0  # fmt: skip
    out = tmp_path
    while len(str(out)) < 300:
        out = out / "a folder with a long name"
    result = subprocess.run(
        _cli("check", "--practice-ods", "Y99001", "--search",
             str(inputs / "emis_maternal_search.csv"), "--out", str(out)),
        cwd=tmp_path, capture_output=True, timeout=300, env=_env(),
    )  # fmt: skip
    stderr = result.stderr.decode("utf-8", "replace")
    assert "internal fault" not in stderr and "Traceback" not in stderr
    if result.returncode == 0:
        assert len(str(out / "review.json")) > 260
        assert json.loads((out / "review.json").read_text(encoding="utf-8"))["events"]
    else:
        assert result.returncode == 2 and stderr.startswith("error: "), stderr


@windows_only("cmd.exe")
def test_cmd_redirect_gives_a_utf8_file(tmp_path: Path) -> None:
    """What a practice's IT would type in cmd.exe: `... > log.txt 2> errors.txt`."""
    command = subprocess.list2cmdline(_cli("demo-data", "--out", ODD))
    result = subprocess.run(
        f'cmd /d /c "{command} > log.txt 2> errors.txt"',
        cwd=tmp_path, capture_output=True, timeout=120, env=_env(),
    )  # fmt: skip
    assert result.returncode == 0, (tmp_path / "errors.txt").read_bytes()
    text = (tmp_path / "log.txt").read_bytes().decode("utf-8")
    assert f"{ODD}\\practice.json" in text


# What a console cell holds is one character each only for letters one cell wide (Japanese
# takes two), so the screen is read back for these.
ON_SCREEN = "Łódź wyniki – ñ ü"
CONSOLE_CHILD = textwrap.dedent("""
    import ctypes, sys
    from ctypes import wintypes
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.GetStdHandle.restype = wintypes.HANDLE
    handle = kernel32.GetStdHandle(-11)
    mode = wintypes.DWORD()
    with open(sys.argv[1], "w", encoding="utf-8") as report:
        if not kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
            report.write("no console")
            sys.exit(0)
        from cqrs_desktop.cli import _utf8_output
        _utf8_output()
        sys.stdout.write(sys.argv[2])
        sys.stdout.flush()
        shown = ctypes.create_unicode_buffer(64)
        read = wintypes.DWORD()
        kernel32.ReadConsoleOutputCharacterW(
            handle, shown, len(sys.argv[2]), wintypes.DWORD(0), ctypes.byref(read))
        report.write("shown: " + shown.value)
""")


@windows_only("a Windows console")
def test_a_console_shows_odd_names_as_they_are(tmp_path: Path) -> None:
    """In a console (cmd or PowerShell) Python writes UTF-16 with WriteConsoleW: what the
    console shows is read back from its screen."""
    report = tmp_path / "report.txt"
    subprocess.run(
        [sys.executable, "-c", CONSOLE_CHILD, str(report), ON_SCREEN],
        creationflags=subprocess.CREATE_NEW_CONSOLE, timeout=60, env=_env(), cwd=REPO,  # type: ignore[attr-defined]
    )  # fmt: skip
    said = report.read_text(encoding="utf-8")
    if said == "no console":
        pytest.skip("no real console here (Wine without a display gives a new console none); "
                    "checked on a real PC: docs/packaging.md")  # fmt: skip
    assert said == f"shown: {ON_SCREEN}"
