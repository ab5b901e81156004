"""Installing a newer version over an older one, as a practice's IT does: per user, silent.

The real Windows Installer (`msiexec`, in the Windows stage: under Wine in CI) installs an
older version, then the built MSI over it, refuses the older one back, takes a rebuild of
the same version in place, and uninstalls; the user's settings, saved column mappings and
reviews are never touched. It runs after the build, like the frozen tests:

    CQRS_TEST_FROZEN=1 pytest tests/packaging -m slow      (Windows Python, MSI built)

and skips where CQRS Desktop is already installed (it would be upgraded and removed).

Only one program is built, so the older version is the built MSI made older: its version,
product code, package code and upgrade ranges rewritten as a build of that version would
have them, and one file under another name, so a file of the older version only is there to
be left behind. The program inside is the same build, so the installed CLI says the
project's version after the upgrade as before it; which version is installed is Windows
Installer's own record (the product list, the entry in Apps).
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import buildinfo as info
from cqrs_desktop import paths, settings
from cqrs_desktop.sources.profiles import save_profile
from cqrs_desktop.store import ReviewFile
from tests.packaging.msi_views import fetched
from tests.packaging.msi_views import msilib as _msilib
from tests.ui import synthetic

# one worker runs them all with the frozen-build tests: they install and uninstall the MSI
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("frozen-build")]

UPGRADE_CODE = "{7C1A5E02-3B9D-4F6A-9E41-2D8B6C0F5A17}"
OLDER = "0.0.1"  # the older version installed first (the project's is above it)
ONLY_IN_THE_OLDER = "older-version-only.png"  # what the older calls cqrs-desktop.png
ERROR_INSTALL_FAILURE = 1603  # what msiexec /qn returns when a launch condition refuses
APP_KEY = rf"Software\{info.PUBLISHER}\{info.DISPLAY_NAME}"
ASSOCIATION_KEYS = (
    r"Software\Classes\.cqrsreview",
    r"Software\Classes\CQRSDesktop.Review",
    rf"Software\Classes\Applications\{info.APP_NAME}.exe",
)
UNINSTALL_KEY = r"Software\Microsoft\Windows\CurrentVersion\Uninstall"


@pytest.fixture
def built_msi() -> Path:
    if sys.platform != "win32":
        pytest.skip("Windows Installer: Windows only, run in the Windows stage")
    if os.environ.get("CQRS_TEST_FROZEN") != "1":
        pytest.skip("set CQRS_TEST_FROZEN=1 after build_scripts/build.py --msi to install it")
    path = info.msi_path(info.project_version())
    if not path.is_file():
        pytest.skip(f"{path.name} not built (build_scripts/build.py --msi)")
    if installed_products():
        pytest.skip("CQRS Desktop is installed here: this test would upgrade and remove it")
    assert info.numeric_version(OLDER) < info.numeric_version(info.project_version())
    return path


# ----- what Windows Installer has installed --------------------------------------------------


def installed_products() -> list[str]:
    """Product codes Windows Installer has installed under our UpgradeCode, for this user."""
    dll = ctypes.WinDLL("msi")  # type: ignore[attr-defined]
    codes: list[str] = []
    while True:
        buffer = ctypes.create_unicode_buffer(39)
        if dll.MsiEnumRelatedProductsW(UPGRADE_CODE, 0, len(codes), buffer) != 0:
            return codes
        codes.append(buffer.value)


def product_version(code: str) -> str:
    from ctypes import wintypes

    dll = ctypes.WinDLL("msi")  # type: ignore[attr-defined]
    buffer = ctypes.create_unicode_buffer(64)
    size = wintypes.DWORD(64)
    assert dll.MsiGetProductInfoW(code, "VersionString", buffer, ctypes.byref(size)) == 0
    return buffer.value


def entries_in_apps() -> list[str]:
    """Our entries in Settings > Apps (the Uninstall keys: HKCU for a per-user install on
    Windows; Wine writes them to HKLM), as 'name version'."""
    import winreg

    found = []
    for root in (winreg.HKEY_CURRENT_USER, winreg.HKEY_LOCAL_MACHINE):
        try:
            uninstall = winreg.OpenKey(root, UNINSTALL_KEY)
        except OSError:
            continue
        with uninstall:
            names = [winreg.EnumKey(uninstall, i) for i in range(winreg.QueryInfoKey(uninstall)[0])]
            for name in names:
                with winreg.OpenKey(uninstall, name) as entry, contextlib.suppress(OSError):
                    shown = winreg.QueryValueEx(entry, "DisplayName")[0]
                    if shown == info.DISPLAY_NAME:
                        found.append(f"{shown} {winreg.QueryValueEx(entry, 'DisplayVersion')[0]}")
    return found


def registry_value(key: str, name: str = "") -> str | None:
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as opened:
            return str(winreg.QueryValueEx(opened, name)[0])
    except OSError:
        return None


def key_exists(key: str) -> bool:
    import winreg

    try:
        winreg.OpenKey(winreg.HKEY_CURRENT_USER, key).Close()
    except OSError:
        return False
    return True


def msiexec(*argv: str, log: Path) -> int:
    command = ["msiexec", *argv, "/qn", "/l*v", str(log)]
    return subprocess.run(command, timeout=600, capture_output=True).returncode


# ----- the MSIs ----------------------------------------------------------------------------


def _rows(database: Any, query: str) -> list[Any]:
    view = database.OpenView(query)
    view.Execute(None)
    rows = list(fetched(view))
    view.Close()
    return rows


def _removed_rows(database: Any, table: str) -> list[list[str]]:
    """Every row of `table`, as text, deleted from it (`DELETE FROM` left one behind under
    Wine)."""
    library = _msilib()
    view = database.OpenView(f"SELECT * FROM `{table}`")
    view.Execute(None)
    rows = []
    for record in fetched(view):
        rows.append([record.GetString(i) for i in range(1, record.GetFieldCount() + 1)])
        view.Modify(library.MSIMODIFY_DELETE, record)
    view.Close()
    return rows


def upgrade_ranges(msi: Path) -> set[tuple[str, str]]:
    """The version ranges (lowest, highest) of the MSI's Upgrade rows."""
    msilib = _msilib()
    database = msilib.OpenDatabase(str(msi), msilib.MSIDBOPEN_READONLY)
    ranges = {
        (row.GetString(2), row.GetString(3)) for row in _rows(database, "SELECT * FROM `Upgrade`")
    }
    del database
    return ranges


def _execute(database: Any, query: str, *values: str | int) -> None:
    msilib = _msilib()
    record = msilib.CreateRecord(len(values))
    for index, value in enumerate(values, start=1):
        if isinstance(value, int):
            record.SetInteger(index, value)
        else:
            record.SetString(index, value)
    view = database.OpenView(query)
    view.Execute(record if values else None)
    view.Close()


def new_guid() -> str:
    return "{" + str(uuid.uuid4()).upper() + "}"


def rebuilt(msi: Path, copy: Path, version: str | None = None) -> Path:
    """`msi` as another build makes it: a new product and package code (Id="*"), and with a
    `version` everything a build of that version would have otherwise (its ProductVersion,
    its upgrade ranges) and cqrs-desktop.png under another name."""
    msilib = _msilib()
    shutil.copyfile(msi, copy)
    database = msilib.OpenDatabase(str(copy), msilib.MSIDBOPEN_TRANSACT)
    update = "UPDATE `Property` SET `Value` = ? WHERE `Property` = ?"
    _execute(database, update, new_guid(), "ProductCode")
    if version is not None:
        _execute(database, update, info.msi_version(version), "ProductVersion")
        built = info.project_version()
        swap = {
            info.msi_version(built): info.msi_version(version),
            info.msi_version_after(built): info.msi_version_after(version),
        }
        rows = _removed_rows(database, "Upgrade")
        assert rows, "the MSI has no Upgrade table rows"
        for code, low, high, language, attributes, remove, found in rows:
            _execute(
                database,
                "INSERT INTO `Upgrade` (`UpgradeCode`, `VersionMin`, `VersionMax`, `Language`, "
                "`Attributes`, `Remove`, `ActionProperty`) VALUES (?, ?, ?, ?, ?, ?, ?)",
                *(code, swap.get(low, low), swap.get(high, high), language),
                *(int(attributes), remove, found),
            )
        (icon,) = [
            record.GetString(1)
            for record in _rows(database, "SELECT `File`, `FileName` FROM `File`")
            if record.GetString(2).split("|")[-1] == f"{info.APP_NAME}.png"
        ]
        _execute(
            database, "UPDATE `File` SET `FileName` = ? WHERE `File` = ?", ONLY_IN_THE_OLDER, icon
        )
    summary = database.GetSummaryInformation(1)
    summary.SetProperty(msilib.PID_REVNUMBER, new_guid())  # the package code
    summary.Persist()
    database.Commit()
    del summary, database  # closes the MSI, so msiexec can open it
    return copy


# ----- the user's own files ----------------------------------------------------------------


def user_files() -> dict[Path, tuple[str, int]]:
    """Every file in the user's settings, data and reviews folders: its bytes' digest and
    when it was last written."""
    found = {}
    for folder in (paths.config_dir(), paths.data_dir(), paths.reviews_dir()):
        for path in folder.rglob("*") if folder.is_dir() else ():
            if path.is_file():
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                found[path] = (digest, path.stat().st_mtime_ns)
    return found


@pytest.fixture
def users_own_files(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[Path, tuple[str, int]]]:
    """Settings, a saved column mapping and a review where the installed app keeps them
    (CQRS_DESKTOP_HOME unset), written by the app's own code; what this test wrote is
    removed afterwards, anything the user had is left alone."""
    monkeypatch.delenv("CQRS_DESKTOP_HOME", raising=False)
    folders = (paths.profiles_dir(), paths.data_dir(), paths.config_dir(), paths.reviews_dir())
    made_here = [folder for folder in folders if not folder.exists()]
    mark = uuid.uuid4().hex[:8]
    review = paths.reviews_dir() / f"upgrade {mark}.cqrsreview"
    headers = ["NHS Number", "Surname", f"Vaccination date {mark}"]
    written = [review]
    try:
        if not settings.settings_file().exists():
            written.append(settings.settings_file())
            settings.save(settings.Settings(ods_code="F99001", reviewer="Test Reviewer"))
        roles = ["nhs_number", "surname", "event_date"]
        written.append(save_profile(headers, dict(zip(headers, roles, strict=True))))
        rules = paths.resource("rules.toml").read_text(encoding="utf-8")
        ReviewFile.create(review, synthetic.review(3), rules).close()
        yield user_files()
    finally:
        for path in written:
            path.unlink(missing_ok=True)
        for folder in made_here:
            with contextlib.suppress(OSError):  # gone already, or the user's files in it
                folder.rmdir()


# ----- the install -------------------------------------------------------------------------


def install_dir() -> Path | None:
    value = registry_value(APP_KEY, "InstallDir")
    return Path(value) if value else None


def installed_cli_version(folder: Path) -> str:
    result = subprocess.run(
        [str(folder / f"{info.APP_NAME}-cli.exe"), "--version"],
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def files_in(folder: Path) -> list[str]:
    return sorted(
        path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()
    )


def start_menu_shortcut() -> Path:
    return Path(
        os.environ["APPDATA"], r"Microsoft\Windows\Start Menu\Programs", f"{info.DISPLAY_NAME}.lnk"
    )


def assert_installed_and_pointing_home(folder: Path) -> None:
    """The Start-menu shortcut and the .cqrsreview association start the installed app."""
    app = folder / f"{info.APP_NAME}.exe"
    assert app.is_file()
    link = start_menu_shortcut().read_bytes().lower()
    assert str(app).lower().encode("mbcs") in link or str(app).lower().encode("utf-16-le") in link
    assert registry_value(r"Software\Classes\.cqrsreview") == "CQRSDesktop.Review"
    assert registry_value(r"Software\Classes\CQRSDesktop.Review\shell\open\command") == (
        f'"{app}" "%1"'
    )


def test_a_newer_version_installs_over_the_older_and_keeps_the_users_files(
    built_msi: Path, users_own_files: dict[Path, tuple[str, int]], tmp_path: Path
) -> None:
    older = rebuilt(built_msi, tmp_path / f"{info.APP_NAME}-{OLDER}.msi", OLDER)
    rebuild = rebuilt(built_msi, tmp_path / f"{info.APP_NAME}-rebuilt.msi")
    newer = info.msi_version(info.project_version())
    dist = files_in(info.DIST_DIR / info.APP_NAME)
    assert upgrade_ranges(older) == {  # as a build of that version has them
        ("0.0.0", info.msi_version_after(OLDER)),
        (info.msi_version(OLDER), ""),
    }
    try:
        # The older version, installed as IT would.
        assert msiexec("/i", str(older), log=tmp_path / "older.log") == 0
        (first,) = installed_products()
        assert product_version(first) == info.msi_version(OLDER)
        assert entries_in_apps() == [f"{info.DISPLAY_NAME} {info.msi_version(OLDER)}"]
        folder = install_dir()
        assert folder is not None
        assert info.project_version() in installed_cli_version(folder)
        assert (folder / "_internal" / "resources" / "icons" / ONLY_IN_THE_OLDER).is_file()

        # The newer over it: one product, the newer; nothing of the older left behind.
        assert msiexec("/i", str(built_msi), log=tmp_path / "newer.log") == 0
        (second,) = installed_products()
        assert second != first and product_version(second) == newer
        assert entries_in_apps() == [f"{info.DISPLAY_NAME} {newer}"]
        assert install_dir() == folder
        assert info.project_version() in installed_cli_version(folder)
        assert files_in(folder) == dist
        assert_installed_and_pointing_home(folder)
        assert user_files() == users_own_files

        # The older again, over the newer: refused, nothing changed.
        assert msiexec("/i", str(older), log=tmp_path / "downgrade.log") == ERROR_INSTALL_FAILURE
        assert installed_products() == [second] and product_version(second) == newer
        assert files_in(folder) == dist
        assert_installed_and_pointing_home(folder)

        # The same version again, rebuilt (a new product code), then the very same MSI:
        # each time one product, one entry in Apps.
        assert msiexec("/i", str(rebuild), log=tmp_path / "rebuilt.log") == 0
        (third,) = installed_products()
        assert third not in (first, second) and product_version(third) == newer
        assert msiexec("/i", str(rebuild), log=tmp_path / "again.log") == 0
        assert installed_products() == [third]
        assert entries_in_apps() == [f"{info.DISPLAY_NAME} {newer}"]
        assert files_in(folder) == dist
        assert_installed_and_pointing_home(folder)
        assert user_files() == users_own_files

        # Uninstalled: nothing of the program is left; the user's files are.
        assert msiexec("/x", str(rebuild), log=tmp_path / "uninstall.log") == 0
        assert installed_products() == [] and entries_in_apps() == []
        assert not folder.exists()
        assert not start_menu_shortcut().exists()
        assert not key_exists(APP_KEY)
        assert not any(key_exists(key) for key in ASSOCIATION_KEYS)
        assert user_files() == users_own_files
    finally:
        for code in installed_products():
            msiexec("/x", code, log=tmp_path / f"cleanup-{code}.log")
