"""The built artefacts: the frozen program gives the same results as the source, the MSI's
tables are per-user. Building takes minutes, so these run only after
`uv run python build_scripts/build.py --msi`:

    CQRS_TEST_FROZEN=1 uv run pytest tests/packaging -m slow

Frozen-program tests skip unless CQRS_TEST_FROZEN=1 and dist/cqrs-desktop exists; the MSI
tests skip unless the MSI for this version is there, and read its tables with msitools'
`msiinfo` (Linux) or Python's `msilib` (Windows).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import build
import buildinfo as info
from tests.packaging.cli_helpers import demo_check_arguments, run_cli
from tests.packaging.msi_views import fetched
from tests.packaging.msi_views import msilib as _msilib

# one worker runs them all, one after another: they share the build and install the MSI
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("frozen-build")]
# Fields that differ between any two runs, frozen or not.
VOLATILE_KEYS = {"generated_at", "decided_at"}


@pytest.fixture
def frozen_program() -> Path:
    if os.environ.get("CQRS_TEST_FROZEN") != "1":
        pytest.skip("set CQRS_TEST_FROZEN=1 after build_scripts/build.py to test the build")
    program = build.frozen_cli()
    if not program.is_file():
        pytest.skip(f"{program} not built")
    return program


def run_frozen(program: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # The program prints UTF-8 whatever the code page (test_frozen_output_is_utf8 checks
    # that); a wrong byte must fail that test, not every other one at decoding.
    return subprocess.run(
        [str(program), *argv],
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        timeout=300,
        env=env,
    )


def without_volatile(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_volatile(v) for k, v in value.items() if k not in VOLATILE_KEYS}
    if isinstance(value, list):
        return [without_volatile(v) for v in value]
    return value


def test_frozen_version(frozen_program: Path) -> None:
    result = run_frozen(frozen_program, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"cqrs-desktop {info.project_version()}"


def test_frozen_build_is_under_200_mb(frozen_program: Path) -> None:
    size = build.folder_size(frozen_program.parent)
    assert size < build.SIZE_BUDGET_MB * 1_000_000, f"{size / 1e6:.0f} MB"


def test_frozen_check_gives_the_same_review_as_source(
    frozen_program: Path, demo_inputs: Path, tmp_path: Path, qapp: Any
) -> None:
    """AUTO-ACTIVATES with `demo-data` and `check` (demo_inputs skips until then).

    `qapp`: one QApplication for the session, which the in-process run's PDF writers use.
    """
    source_out, frozen_out = tmp_path / "source", tmp_path / "frozen"
    code, _out, err = run_cli(demo_check_arguments(demo_inputs, source_out))
    assert code == 0, err
    result = run_frozen(frozen_program, *demo_check_arguments(demo_inputs, frozen_out))
    assert result.returncode == 0, result.stdout + result.stderr
    source = json.loads((source_out / "review.json").read_text(encoding="utf-8"))
    frozen = json.loads((frozen_out / "review.json").read_text(encoding="utf-8"))
    assert without_volatile(frozen) == without_volatile(source)
    assert sorted(p.name for p in frozen_out.iterdir()) == sorted(
        p.name for p in source_out.iterdir()
    )


def test_frozen_large_check_writes_the_workbook_in_a_second_process(
    frozen_program: Path, tmp_path: Path
) -> None:
    """From 20,000 events the workbook is written by a process multiprocessing starts: the
    frozen program must act as that process (freeze_support and PyInstaller's hook, which
    run only in such a process) and not open a second app or window."""
    from openpyxl import load_workbook

    from benchmarks.bench_check import rows, write_csv
    from cqrs_desktop.exporting import PARALLEL_FROM_EVENTS

    search = tmp_path / "search.csv"
    write_csv(search, rows(int(PARALLEL_FROM_EVENTS * 1.6)))
    out = tmp_path / "out"
    result = run_frozen(
        frozen_program, "check", "--practice-ods", "F99001", "--search", str(search),
        "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    events = json.loads((out / "review.json").read_text(encoding="utf-8"))["events"]
    assert len(events) >= PARALLEL_FROM_EVENTS  # so the second process was used
    book = load_workbook(out / "review.xlsx", read_only=True)
    try:
        written = sum(1 for _row in book["Events"].iter_rows(min_col=1, max_col=1))
    finally:
        book.close()  # read-only keeps the file open; Windows could not remove it
    assert written == len(events) + 1  # a header, then every event


def test_frozen_demo_data_matches_the_bundled_files(frozen_program: Path, tmp_path: Path) -> None:
    """Bundled resources are found when frozen. AUTO-ACTIVATES with `demo-data`."""
    result = run_frozen(frozen_program, "demo-data", "--out", str(tmp_path / "demo"))
    if result.returncode != 0 and "invalid choice" in result.stderr + result.stdout:
        pytest.skip("`demo-data` not in this build yet")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "demo" / "practice.json").is_file()


def test_frozen_output_is_utf8(frozen_program: Path, tmp_path: Path) -> None:
    """The frozen program writes UTF-8 into a redirect too (it was the ANSI code page on
    Windows, where 'Łódź' came out as escapes), with no help from the environment."""
    folder = "Łódź wyniki 東京"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    with (tmp_path / "log.txt").open("wb") as log:
        result = subprocess.run(
            [str(frozen_program), "demo-data", "--out", folder],
            cwd=tmp_path, stdout=log, stderr=subprocess.PIPE, timeout=300, env=env,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    said = (tmp_path / "log.txt").read_bytes().decode("utf-8")
    assert f"{folder}{os.sep}practice.json" in said


def _msi_readable() -> bool:
    if shutil.which("msiinfo") is not None:
        return True
    if sys.platform != "win32":
        return False
    try:
        _msilib()
    except ImportError:
        return False
    return True


@pytest.fixture
def built_msi() -> Path:
    path = info.msi_path(info.project_version())
    if not path.is_file():
        pytest.skip(f"{path.name} not built (build_scripts/build.py --msi)")
    if not _msi_readable():
        pytest.skip("msiinfo not installed (apt-get install msitools)")
    return path


def msi_table(msi: Path, table: str) -> list[dict[str, str]]:
    """The rows of one table, every value as text ("" for null), as `msiinfo export` gives."""
    if shutil.which("msiinfo") is None:
        return _msilib_table(msi, table)
    text = subprocess.run(
        ["msiinfo", "export", str(msi), table], capture_output=True, text=True, check=True
    ).stdout
    lines = text.splitlines()
    columns = lines[0].split("\t")
    return [dict(zip(columns, line.split("\t"), strict=False)) for line in lines[3:]]


def _msilib_table(msi: Path, table: str) -> list[dict[str, str]]:
    msilib = _msilib()
    database = msilib.OpenDatabase(str(msi), msilib.MSIDBOPEN_READONLY)
    view = database.OpenView(f"SELECT * FROM `{table}`")
    view.Execute(None)
    names = view.GetColumnInfo(msilib.MSICOLINFO_NAMES)
    columns = [names.GetString(i) for i in range(1, names.GetFieldCount() + 1)]
    rows = [
        {name: record.GetString(i) for i, name in enumerate(columns, start=1)}
        for record in fetched(view)
    ]
    view.Close()
    return rows


def msi_word_count(msi: Path) -> int:
    """The summary information's Word Count (8 = no elevation needed)."""
    if shutil.which("msiinfo") is None:
        msilib = _msilib()
        database = msilib.OpenDatabase(str(msi), msilib.MSIDBOPEN_READONLY)
        return int(database.GetSummaryInformation(0).GetProperty(msilib.PID_WORDCOUNT))
    suminfo = subprocess.run(
        ["msiinfo", "suminfo", str(msi)], capture_output=True, text=True, check=True
    ).stdout
    # msiinfo prints the Word Count property as "Source".
    return int(re.search(r"^Source: (\d+)", suminfo, re.M).group(1))  # type: ignore[union-attr]


def test_msi_is_per_user_without_elevation(built_msi: Path) -> None:
    assert msi_word_count(built_msi) & 8
    properties = {row["Property"]: row["Value"] for row in msi_table(built_msi, "Property")}
    assert "ALLUSERS" not in properties
    assert properties["ProductVersion"] == info.msi_version(info.project_version())
    assert properties["UpgradeCode"] == "{7C1A5E02-3B9D-4F6A-9E41-2D8B6C0F5A17}"
    registry_roots = {row["Root"] for row in msi_table(built_msi, "Registry")}
    assert registry_roots == {"1"}  # HKEY_CURRENT_USER only


def test_msi_installs_to_local_programs_with_a_start_menu_shortcut(built_msi: Path) -> None:
    directories = {row["Directory"]: row for row in msi_table(built_msi, "Directory")}
    assert directories["INSTALLDIR"]["Directory_Parent"] == "UserProgramsFolder"
    assert directories["UserProgramsFolder"]["Directory_Parent"] == "LocalAppDataFolder"
    shortcuts = msi_table(built_msi, "Shortcut")
    assert len(shortcuts) == 1
    assert shortcuts[0]["Directory_"] == "ProgramMenuFolder"
    # A file-name column may hold "SHORT~1|Long name" (the WiX Toolset writes short names).
    assert shortcuts[0]["Name"].split("|")[-1] == "CQRS Desktop"
    assert shortcuts[0]["Target"].startswith("[INSTALLDIR]cqrs-desktop")
    registry = {(row["Key"], row["Name"]): row["Value"] for row in msi_table(built_msi, "Registry")}
    assert registry[(r"Software\Classes\.cqrsreview", "")] == "CQRSDesktop.Review"


OLD_WINDOWS_KEY = r"Software\CQRS Desktop tests\Windows NT CurrentVersion"


@pytest.fixture
def msi_reading_our_build_number(built_msi: Path, tmp_path: Path) -> Any:
    """A copy of the MSI whose launch condition reads the Windows build number from a key of
    ours (HKCU) instead of the PC's own (HKLM), and a function that sets that number."""
    if sys.platform != "win32":
        pytest.skip("Windows Installer: Windows only, run in the Windows stage")
    import winreg

    if registry_install_dir() is not None:
        pytest.skip("CQRS Desktop is installed here: the launch condition lets it be repaired")
    copy = tmp_path / "reads-our-build-number.msi"
    shutil.copyfile(built_msi, copy)
    msilib = _msilib()
    database = msilib.OpenDatabase(str(copy), msilib.MSIDBOPEN_TRANSACT)
    view = database.OpenView(
        "UPDATE `RegLocator` SET `Root` = 1, `Key` = ? "
        "WHERE `Signature_` = 'WindowsBuildNumberSearch'"
    )
    record = msilib.CreateRecord(1)
    record.SetString(1, OLD_WINDOWS_KEY)
    view.Execute(record)
    view.Close()
    database.Commit()
    del view, database  # closes the MSI, so msiexec can open it

    def pretend(build_number: str | None) -> None:
        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, OLD_WINDOWS_KEY) as key:
            if build_number is None:
                with contextlib.suppress(FileNotFoundError):
                    winreg.DeleteValue(key, "CurrentBuildNumber")
            else:
                winreg.SetValueEx(key, "CurrentBuildNumber", 0, winreg.REG_SZ, build_number)

    try:
        yield copy, pretend
    finally:
        for key in (OLD_WINDOWS_KEY, OLD_WINDOWS_KEY.rsplit("\\", 1)[0]):
            with contextlib.suppress(OSError):
                winreg.DeleteKey(winreg.HKEY_CURRENT_USER, key)


def registry_install_dir() -> str | None:
    """Where the MSI says it installed CQRS Desktop (None: not installed)."""
    import winreg

    try:
        with winreg.OpenKey(
            winreg.HKEY_CURRENT_USER, rf"Software\{info.PUBLISHER}\{info.DISPLAY_NAME}"
        ) as key:
            return str(winreg.QueryValueEx(key, "InstallDir")[0])
    except FileNotFoundError:
        return None


@pytest.mark.parametrize("build_number", ["14393", "15062", None])
def test_msiexec_refuses_windows_older_than_10_1703(
    msi_reading_our_build_number: Any, tmp_path: Path, build_number: str | None
) -> None:
    """The real Windows Installer refuses Windows 10 1607 (14393), the build just before
    1703, and a PC that has no build number at all: exit 1603, nothing installed."""
    msi, pretend = msi_reading_our_build_number
    pretend(build_number)
    log = tmp_path / "install.log"
    result = subprocess.run(
        ["msiexec", "/i", str(msi), "/qn", "/l*v", str(log)], timeout=600, capture_output=True
    )
    assert result.returncode == 1603  # ERROR_INSTALL_FAILURE
    assert registry_install_dir() is None


def test_msi_launch_condition_lets_windows_10_1703_and_later_through(
    msi_reading_our_build_number: Any,
) -> None:
    """Evaluated by Windows Installer itself (msi.dll), on the package, for the build
    numbers either side of the line: 15063 is Windows 10 1703, 22631 Windows 11 23H2."""
    import ctypes
    from ctypes import wintypes

    msi, _pretend = msi_reading_our_build_number
    (condition,) = [
        row["Condition"]
        for row in msi_table(msi, "LaunchCondition")
        if "WINDOWSBUILDNUMBER" in row["Condition"]
    ]
    dll = ctypes.WinDLL("msi")  # type: ignore[attr-defined]
    dll.MsiSetInternalUI(2, None)  # INSTALLUILEVEL_NONE
    package = wintypes.HANDLE()
    assert dll.MsiOpenPackageExW(str(msi), 1, ctypes.byref(package)) == 0
    try:
        verdicts = {}
        for build_number in ("", "9600", "14393", "15062", "15063", "19045", "22631"):
            dll.MsiSetPropertyW(package, "WINDOWSBUILDNUMBER", build_number)
            verdicts[build_number] = dll.MsiEvaluateConditionW(package, condition)
    finally:
        dll.MsiCloseHandle(package)
    # MSICONDITION_FALSE 0, MSICONDITION_TRUE 1 (an error would be 3, and would let it pass)
    assert verdicts == {
        "": 0, "9600": 0, "14393": 0, "15062": 0, "15063": 1, "19045": 1, "22631": 1
    }  # fmt: skip
