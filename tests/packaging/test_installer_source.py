"""The WiX definition: per-user scope, where it installs, shortcut, file association, upgrades.

Reads the rendered XML (fast, everywhere); when `wixl` and `msitools` are installed it also
builds an MSI of a tiny stand-in app and reads its tables back.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import buildinfo as info
import msi

NS = {"w": "http://schemas.microsoft.com/wix/2006/wi"}
UPGRADE_CODE = "7C1A5E02-3B9D-4F6A-9E41-2D8B6C0F5A17"  # never changes: major upgrades key on it
# A file name with characters XML must escape; Windows allows ' and & but not < or >.
ODD_NAME = "it's & odd.png" if sys.platform == "win32" else "it's & <odd>.png"


def product(version: str = "1.2.3rc1", main_exe: str = "cqrs-desktop.exe") -> ET.Element:
    return ET.fromstring(msi.render_product(version, main_exe).encode("utf-8"))


def fake_app(root: Path) -> Path:
    app = root / "cqrs-desktop"
    (app / "_internal" / "resources" / "icons").mkdir(parents=True)
    (app / "cqrs-desktop.exe").write_bytes(b"MZ fake")
    (app / "_internal" / "base_library.zip").write_bytes(b"zip")
    (app / "_internal" / "resources" / "rules.toml").write_text("x = 1\n")
    (app / "_internal" / "resources" / "icons" / ODD_NAME).write_bytes(b"png")
    return app


def test_template_gets_the_version() -> None:
    text = msi.render_product("1.2.3rc1", "cqrs-desktop.exe")
    assert "{{" not in text
    element = product()
    assert element.find("w:Product", NS).get("Version") == "1.2.3"  # type: ignore[union-attr]
    package = element.find("w:Product/w:Package", NS)
    assert package is not None and package.get("Description") == "CQRS Desktop 1.2.3rc1"


def test_per_user_scope_without_elevation() -> None:
    element = product()
    package = element.find("w:Product/w:Package", NS)
    assert package is not None and package.get("InstallScope") == "perUser"
    properties = {p.get("Id"): p.get("Value") for p in element.iter(f"{{{NS['w']}}}Property")}
    assert "ALLUSERS" not in properties
    roots = {value.get("Root") for value in element.iter(f"{{{NS['w']}}}RegistryValue")}
    assert roots == {"HKCU"}


def test_installs_under_local_programs() -> None:
    element = product()
    install = element.find(
        "w:Product/w:Directory[@Id='TARGETDIR']/w:Directory[@Id='LocalAppDataFolder']"
        "/w:Directory[@Name='Programs']/w:Directory[@Id='INSTALLDIR']",
        NS,
    )
    assert install is not None and install.get("Name") == "CQRS Desktop"
    assert element.find(".//w:Directory[@Id='ProgramFilesFolder']", NS) is None


def test_start_menu_shortcut_starts_the_app() -> None:
    shortcut = product().find(
        "w:Product/w:DirectoryRef[@Id='ProgramMenuFolder']/w:Component/w:Shortcut", NS
    )
    assert shortcut is not None
    assert shortcut.get("Target") == "[INSTALLDIR]cqrs-desktop.exe"
    assert shortcut.get("Icon") == "AppIcon.ico"


def test_review_files_open_in_the_app_from_the_users_classes() -> None:
    values = {
        (value.get("Key"), value.get("Name")): value.get("Value")
        for value in product().iter(f"{{{NS['w']}}}RegistryValue")
    }
    assert values[(r"Software\Classes\.cqrsreview", None)] == "CQRSDesktop.Review"
    assert values[(r"Software\Classes\CQRSDesktop.Review\shell\open\command", None)] == (
        '"[INSTALLDIR]cqrs-desktop.exe" "%1"'
    )


def test_stable_upgrade_code_and_major_upgrades() -> None:
    element = product()
    product_element = element.find("w:Product", NS)
    assert product_element is not None
    assert product_element.get("UpgradeCode") == UPGRADE_CODE
    assert product_element.get("Id") == "*"  # a new product code every build
    upgrade = element.find("w:Product/w:Upgrade", NS)
    assert upgrade is not None and upgrade.get("Id") == UPGRADE_CODE
    versions = [dict(version.attrib) for version in upgrade.findall("w:UpgradeVersion", NS)]
    # Every version up to this one, this one included (a rebuild of the same version): below
    # the next, since wixl ignores IncludeMaximum; anything newer is only found, to refuse.
    assert versions == [
        {"Minimum": "0.0.0", "IncludeMinimum": "yes", "Maximum": "1.2.4",
         "IncludeMaximum": "no", "Property": "OLDERVERSIONFOUND"},
        {"Minimum": "1.2.3", "IncludeMinimum": "no", "OnlyDetect": "yes",
         "Property": "NEWERVERSIONFOUND"},
    ]  # fmt: skip
    conditions = {c.text: c.get("Message") for c in element.findall("w:Product/w:Condition", NS)}
    assert conditions["NOT NEWERVERSIONFOUND"] == (
        "A newer version of [ProductName] is already installed."
    )
    removal = element.find("w:Product/w:InstallExecuteSequence/w:RemoveExistingProducts", NS)
    assert removal is not None and removal.get("After") == "InstallValidate"  # old files first


@pytest.mark.parametrize(
    ("version", "after"),
    [
        ("0.1.0", "0.1.1"),
        ("1.2.3rc1", "1.2.4"),
        ("1.2.65535", "1.3.0"),
        ("1.255.65535", "2.0.0"),
    ],
)
def test_the_upgrade_range_ends_at_the_next_msi_version(version: str, after: str) -> None:
    assert info.msi_version_after(version) == after


def test_the_last_msi_version_has_no_next() -> None:
    with pytest.raises(ValueError, match="last an MSI can carry"):
        info.msi_version_after("255.255.65535")


def test_uninstall_touches_nothing_outside_the_install() -> None:
    text = msi.render_product("1.0.0", "cqrs-desktop.exe")
    for forbidden in (
        "RemoveFolderEx",
        "RemoveFile ",
        "PersonalFolder",
        '"AppDataFolder"',
        "CQRS reviews",
        "CustomAction",
    ):
        assert forbidden not in text


def test_refuses_windows_older_than_10_1703() -> None:
    """The build needs Windows 10 1703 (build 15063). Windows Installer's own VersionNT and
    WindowsBuild say 603 and 9600 on every Windows 10 and 11, so the build number comes from
    the registry, and an installed copy can still be repaired or removed."""
    element = product()
    search = element.find("w:Product/w:Property[@Id='WINDOWSBUILDNUMBER']/w:RegistrySearch", NS)
    assert search is not None
    assert (search.get("Root"), search.get("Key"), search.get("Name"), search.get("Type")) == (
        "HKLM",
        r"SOFTWARE\Microsoft\Windows NT\CurrentVersion",
        "CurrentBuildNumber",
        "raw",
    )
    assert search.get("Win64") == "yes"
    (condition,) = [
        condition
        for condition in element.findall("w:Product/w:Condition", NS)
        if "WINDOWSBUILDNUMBER" in (condition.text or "")
    ]
    assert condition.text == "Installed OR WINDOWSBUILDNUMBER >= 15063"
    message = condition.get("Message") or ""
    assert message.startswith("CQRS Desktop needs Windows 10 version 1703 or later.")
    assert "VersionNT" not in (condition.text or "") and "WindowsBuild " not in message


def test_file_list_covers_every_file_with_per_user_components(tmp_path: Path) -> None:
    app = fake_app(tmp_path)
    text = msi.render_files(app, tmp_path / "work")
    element = ET.fromstring(text.encode("utf-8"))
    files = list(element.iter(f"{{{NS['w']}}}File"))
    assert sorted(f.get("Name") for f in files) == sorted(
        ["cqrs-desktop.exe", "base_library.zip", "rules.toml", ODD_NAME]
    )
    ids = [f.get("Id") for f in files] + [
        d.get("Id") for d in element.iter(f"{{{NS['w']}}}Directory")
    ]
    assert len(ids) == len(set(ids)) and all(len(i or "") <= 72 for i in ids)
    for component in element.iter(f"{{{NS['w']}}}Component"):
        keys = component.findall("w:RegistryValue", NS)
        assert [k.get("Root") for k in keys] == ["HKCU"] and keys[0].get("KeyPath") == "yes"
        assert component.find("w:RemoveFolder", NS) is not None
    group = element.find("w:Fragment/w:ComponentGroup[@Id='AppFiles']", NS)
    assert group is not None and len(group) == 4  # one component per folder


def test_component_guids_are_stable_across_builds(tmp_path: Path) -> None:
    app = fake_app(tmp_path)
    assert msi.render_files(app, tmp_path / "w1") == msi.render_files(app, tmp_path / "w1")


@pytest.mark.skipif(
    not (shutil.which("wixl") and shutil.which("msiinfo")),
    reason=(
        "wixl is Linux's (msitools): on Windows the built MSI's tables are read in the slow tests"
        if sys.platform == "win32"
        else "wixl/msitools not installed (apt-get install wixl msitools)"
    ),
)
def test_wixl_builds_a_per_user_msi(tmp_path: Path) -> None:
    app = fake_app(tmp_path)
    work = tmp_path / "work"
    output = tmp_path / "out.msi"
    msi.link(msi.write_sources("1.2.3", app, work), output, work)

    def table(name: str) -> str:
        return subprocess.run(
            ["msiinfo", "export", str(output), name], capture_output=True, text=True, check=True
        ).stdout

    assert "AppStartMenuShortcut\tProgramMenuFolder\tCQRS Desktop" in table("Shortcut")
    assert "ALLUSERS" not in table("Property")
    assert "ProductVersion\t1.2.3" in table("Property")
    assert "UserProgramsFolder\tLocalAppDataFolder\tPrograms" in table("Directory")
    # The launch condition: the registry search runs (AppSearch) before it is checked.
    assert (
        "Installed OR WINDOWSBUILDNUMBER >= 15063\tCQRS Desktop needs Windows 10 version 1703"
    ) in table("LaunchCondition")
    assert "WINDOWSBUILDNUMBER\tWindowsBuildNumberSearch" in table("AppSearch")
    # Upgrades (as the source says): 256 is "minimum included", 2 "only detect"; the
    # installed version goes before anything of this one is installed.
    assert set(table("Upgrade").splitlines()[3:]) == {
        f"{{{UPGRADE_CODE}}}\t0.0.0\t1.2.4\t\t256\t\tOLDERVERSIONFOUND",
        f"{{{UPGRADE_CODE}}}\t1.2.3\t\t\t2\t\tNEWERVERSIONFOUND",
    }
    assert (
        "NOT NEWERVERSIONFOUND\tA newer version of [ProductName] is already installed."
    ) in table("LaunchCondition")
    # Root 2 is HKLM; type 18 is raw (2) read from the 64-bit registry (16).
    assert (
        "WindowsBuildNumberSearch\t2\tSOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\t"
        "CurrentBuildNumber\t18"
    ) in table("RegLocator")
    for sequence in ("InstallUISequence", "InstallExecuteSequence"):
        order = {
            line.split("\t")[0]: int(line.split("\t")[2])
            for line in table(sequence).splitlines()[3:]
        }
        assert order["AppSearch"] < order["LaunchConditions"] < order["CostInitialize"]
    order = {
        line.split("\t")[0]: int(line.split("\t")[2])
        for line in table("InstallExecuteSequence").splitlines()[3:]
    }
    assert order["FindRelatedProducts"] < order["LaunchConditions"]
    assert order["InstallValidate"] < order["RemoveExistingProducts"] < order["InstallInitialize"]
