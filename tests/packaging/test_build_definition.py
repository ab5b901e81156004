"""The frozen build's definition: version, Windows version resource, Qt pruning, the spec."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

import pytest

import buildinfo as info
import cqrs_desktop


def test_version_has_one_source() -> None:
    with (info.REPO / "pyproject.toml").open("rb") as handle:
        declared = tomllib.load(handle)["project"]["version"]
    assert info.project_version() == declared
    assert info.package_version() == declared == cqrs_desktop.__version__


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", (0, 1, 0)),
        ("1.2", (1, 2, 0)),
        ("2.10.3rc1", (2, 10, 3)),
        ("3.0.0.post2", (3, 0, 0)),
    ],
)
def test_numeric_version_is_what_msi_accepts(version: str, numbers: tuple[int, int, int]) -> None:
    assert info.numeric_version(version) == numbers
    assert info.msi_version(version) == ".".join(map(str, numbers))


def test_numeric_version_refuses_what_msi_cannot_carry() -> None:
    with pytest.raises(ValueError):
        info.numeric_version("256.0.0")
    with pytest.raises(ValueError):
        info.numeric_version("v1")


def test_windows_version_resource_carries_the_version() -> None:
    text = info.windows_version_info("1.2.3rc1")
    assert "filevers=(1, 2, 3, 0)" in text
    assert "prodvers=(1, 2, 3, 0)" in text
    assert "StringStruct('ProductVersion', '1.2.3rc1')" in text
    assert "StringStruct('OriginalFilename', 'cqrs-desktop.exe')" in text
    ast.parse(text)  # PyInstaller evaluates it as a Python expression


def test_windows_version_resource_parses_with_pyinstaller(tmp_path) -> None:  # type: ignore[no-untyped-def]
    versioninfo = pytest.importorskip("PyInstaller.utils.win32.versioninfo")
    path = tmp_path / "version.txt"
    path.write_text(info.windows_version_info(info.project_version()), encoding="utf-8")
    parsed = versioninfo.load_version_info_from_text_file(str(path))
    major, minor, patch = info.numeric_version(info.project_version())
    assert parsed.ffi.fileVersionMS == (major << 16) | minor
    assert parsed.ffi.fileVersionLS == patch << 16


def test_only_the_qt_modules_we_use_are_left_in() -> None:
    excluded = {name.removeprefix("PySide6.") for name in info.QT_EXCLUDES}
    assert not excluded & set(info.QT_MODULES_USED)
    for heavy in (
        "QtWebEngineCore",
        "QtWebEngineWidgets",
        "QtQml",
        "QtQuick",
        "Qt3DCore",
        "QtMultimedia",
        "QtNetwork",
    ):
        assert heavy in excluded
    assert {"PySide6.QtWidgets", "PySide6.QtPrintSupport", "pandas", "numpy"} <= set(
        info.RUNTIME_IMPORTS
    )


def test_spec_uses_the_shared_lists() -> None:
    spec = (info.REPO / "build_scripts" / "cqrs-desktop.spec").read_text(encoding="utf-8")
    assert "excludes=list(info.QT_EXCLUDES + info.PYTHON_EXCLUDES)" in spec
    assert "info.prune_qt(a.binaries)" in spec
    assert re.search(r'datas = \[\(str\(info\.REPO / "resources"\), "resources"\)\]', spec)
    assert "COLLECT(" in spec and "onefile" not in spec.lower()


@pytest.mark.parametrize(
    ("destination", "wanted"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/translations/qtbase_fr.qm", False),
        ("PySide6/Qt/lib/libQt6Network.so.6", False),
        ("PySide6/Qt6Network.dll", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt6Core.dll", True),
        ("numpy.libs/libscipy_openblas64_.so", True),
        ("resources/rules.toml", True),
    ],
)
def test_qt_pruning(destination: str, wanted: bool) -> None:
    assert info.qt_file_wanted(destination) is wanted


def test_pruning_drops_links_to_dropped_files() -> None:
    kept, dropped = info.prune_qt(
        [
            ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
            ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ]
    )
    assert [entry[0] for entry in kept] == ["libQt6Core.so.6"]
    assert [entry[0] for entry in dropped] == ["libQt6Network.so.6"]


def test_orphaned_libraries_are_only_those_no_kept_file_needs() -> None:
    kept = [
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        ("libfreetype.so.6", "/usr/lib/libfreetype.so.6", "BINARY"),
        ("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY"),
        ("libcairo.so.2", "/usr/lib/libcairo.so.2", "BINARY"),
    ]
    dropped = [("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY")]
    links = {
        "/src/libQt6Gui.so.6": {"libfreetype.so.6"},
        "/src/libqgtk3.so": {"libgtk-3.so.0", "libcairo.so.2", "libfreetype.so.6"},
        "/usr/lib/libgtk-3.so.0": {"libcairo.so.2"},
    }
    orphans = info.orphaned_libraries(kept, dropped, lambda source: links.get(source, set()))
    assert orphans == {"libgtk-3.so.0", "libcairo.so.2"}


def test_multiprocessing_hook_runs_only_in_a_process_multiprocessing_started() -> None:
    hook = info.lazy_runtime_hook("import sys\nsys.ran_hook = True\n")
    for argv, runs in [
        (["cqrs-desktop"], False),
        (["cqrs-desktop", "check", "--out", "x"], False),
        (["cqrs-desktop", "review.cqrsreview"], False),
        (["cqrs-desktop", "-B", "-s", "-c", "from multiprocessing.spawn import spawn_main"], True),
        (["cqrs-desktop.exe", "--multiprocessing-fork", "parent_pid=1", "pipe_handle=2"], True),
    ]:
        saved = sys.argv
        sys.argv = argv
        try:
            exec(compile(hook, "hook", "exec"), {})
            assert getattr(sys, "ran_hook", False) is runs, argv
        finally:
            sys.argv = saved
            sys.__dict__.pop("ran_hook", None)


def test_launcher_and_hook_agree_on_what_marks_a_multiprocessing_child() -> None:
    import launcher

    assert launcher.MULTIPROCESSING_CHILD_MARKS == info.MULTIPROCESSING_CHILD_MARKS
    assert launcher.started_by_multiprocessing(["x", "-c", "code"])
    assert not launcher.started_by_multiprocessing(["x", "check", "--out", "y"])


def test_only_the_multiprocessing_hook_is_replaced(tmp_path) -> None:  # type: ignore[no-untyped-def]
    original = tmp_path / "pyi_rth_multiprocessing.py"
    original.write_text("x = 1\n", encoding="utf-8")
    scripts = [
        ("pyi_rth_inspect", "/hooks/pyi_rth_inspect.py", "PYSOURCE"),
        ("pyi_rth_multiprocessing", str(original), "PYSOURCE"),
        ("launcher", "/src/launcher.py", "PYSOURCE"),
    ]
    out = info.with_lazy_multiprocessing_hook(scripts, tmp_path / "rthooks")
    assert out[0] == scripts[0] and out[2] == scripts[2]
    name, path, kind = out[1]
    assert (name, kind) == ("pyi_rth_multiprocessing", "PYSOURCE")
    assert "x = 1" in Path(path).read_text(encoding="utf-8") and path != str(original)
