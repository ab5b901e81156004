"""Facts about the build, read from the project once: name, version, paths.

Shared by the build driver (build.py), the PyInstaller spec, the installer renderer and
the packaging tests, so the version is never written down twice and nothing is hard-coded.
Standard library only: the spec imports it inside PyInstaller's interpreter.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
APP_NAME = "cqrs-desktop"
DISPLAY_NAME = "CQRS Desktop"
PUBLISHER = "CQRS Desktop"
DESCRIPTION = "Check CQRS vaccination claims against the practice's patient records"
DIST_DIR = REPO / "dist"
BUILD_DIR = REPO / "build"
ICON_ICO = REPO / "resources" / "icons" / "cqrs-desktop.ico"
ICON_PNG = REPO / "resources" / "icons" / "cqrs-desktop.png"
# The oldest Windows the build runs on (its DLLs need Windows 10's ICU, ProcessPrng and the
# UCRT's C99 complex functions); the MSI's launch condition refuses anything older.
MIN_WINDOWS_BUILD = 15063
MIN_WINDOWS_NAME = "Windows 10 version 1703"

# The Qt modules the app uses. Everything PySide6 offers beyond these is excluded from the
# frozen build (see QT_EXCLUDES); adding a module here means removing it from there.
QT_MODULES_USED = ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport")
QT_EXCLUDES = tuple(
    f"PySide6.{name}"
    for name in (
        "Qt3DAnimation",
        "Qt3DCore",
        "Qt3DExtras",
        "Qt3DInput",
        "Qt3DLogic",
        "Qt3DRender",
        "QtBluetooth",
        "QtCharts",
        "QtConcurrent",
        "QtDBus",
        "QtDataVisualization",
        "QtDesigner",
        "QtGraphs",
        "QtGraphsWidgets",
        "QtHelp",
        "QtHttpServer",
        "QtLocation",
        "QtMultimedia",
        "QtMultimediaWidgets",
        "QtNetwork",
        "QtNetworkAuth",
        "QtNfc",
        "QtOpenGL",
        "QtOpenGLWidgets",
        "QtPdf",
        "QtPdfWidgets",
        "QtPositioning",
        "QtQml",
        "QtQuick",
        "QtQuick3D",
        "QtQuickControls2",
        "QtQuickTest",
        "QtQuickWidgets",
        "QtRemoteObjects",
        "QtScxml",
        "QtSensors",
        "QtSerialBus",
        "QtSerialPort",
        "QtSpatialAudio",
        "QtSql",
        "QtStateMachine",
        "QtSvgWidgets",
        "QtTest",
        "QtTextToSpeech",
        "QtUiTools",
        "QtWebChannel",
        "QtWebEngineCore",
        "QtWebEngineQuick",
        "QtWebEngineWidgets",
        "QtWebSockets",
        "QtWebView",
        "QtXml",
    )
)
# The runtime dependencies in pyproject, named as modules. The app imports some of them lazily
# (the GUI, report writers), so the frozen build lists them rather than trusting analysis.
RUNTIME_IMPORTS = (
    *(f"PySide6.{name}" for name in QT_MODULES_USED),
    "pandas",
    "numpy",
    "openpyxl",
    "platformdirs",
    "python_calamine",
)
# Python packages that are installed for development or pulled in optionally by pandas and
# friends, but never used by the app.
PYTHON_EXCLUDES = (
    "tkinter",
    "_tkinter",
    "IPython",
    "matplotlib",
    "scipy",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "pytest",
    "_pytest",
    "hypothesis",
    "pytestqt",
    "mypy",
    "ruff",
    "importlinter",
    "pandas.tests",
    "numpy.tests",
    "pypdf",
    "setuptools",
    "pip",
    # The standard library's interactive and networking extras. Without ssl and _hashlib
    # there is no TLS in the build at all (hashlib falls back to its built-in SHA-256), which
    # also drops OpenSSL's 5 MB.
    "ssl",
    "_ssl",
    "_hashlib",
    "readline",
    "curses",
    "_curses",
    "pydoc_data",
    "lib2to3",
    "xmlrpc",
    "ensurepip",
    "idlelib",
    "distutils",
)

_NUMERIC_PREFIX = re.compile(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?")


def project_version(pyproject: Path = REPO / "pyproject.toml") -> str:
    """`[project] version` from pyproject.toml: the one source of the version."""
    with pyproject.open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def package_version(init_file: Path = REPO / "cqrs_desktop" / "__init__.py") -> str:
    """`__version__` as written in the package, to check it agrees with pyproject."""
    match = re.search(
        r'^__version__\s*=\s*["\']([^"\']+)["\']', init_file.read_text(encoding="utf-8"), re.M
    )
    if match is None:
        raise ValueError(f"no __version__ in {init_file}")
    return match.group(1)


def numeric_version(version: str) -> tuple[int, int, int]:
    """Major, minor, patch of a PEP 440 version: what MSI and Windows resources accept.

    "1.2.3rc1" gives (1, 2, 3); "1.2" gives (1, 2, 0).
    """
    match = _NUMERIC_PREFIX.match(version)
    if match is None:
        raise ValueError(f"version {version!r} does not start with a number")
    major, minor, patch = (int(part) if part else 0 for part in match.groups())
    if major > 255 or minor > 255 or patch > 65535:
        raise ValueError(f"version {version!r} is out of range for an MSI ProductVersion")
    return major, minor, patch


def msi_version(version: str) -> str:
    return ".".join(str(part) for part in numeric_version(version))


def msi_version_after(version: str) -> str:
    """The lowest MSI ProductVersion above `version`'s ("1.2.3" gives "1.2.4").

    The installer's upgrade range ends there, left out, to take in `version` itself: wixl
    cannot say "up to and including". Windows Installer compares three fields, the third up
    to 65535 and the first two up to 255.
    """
    major, minor, patch = numeric_version(version)
    if patch < 65535:
        return f"{major}.{minor}.{patch + 1}"
    if minor < 255:
        return f"{major}.{minor + 1}.0"
    if major < 255:
        return f"{major + 1}.0.0"
    raise ValueError(f"version {version!r} is the last an MSI can carry: no upgrade can follow")


def msi_path(version: str) -> Path:
    return DIST_DIR / f"{APP_NAME}-{version}.msi"


def windows_version_info(version: str) -> str:
    """The text of a PyInstaller version file: the Windows version resource of the .exe.

    PyInstaller only applies it on Windows; it is written on every platform so the build
    definition is exercised everywhere.
    """
    major, minor, patch = numeric_version(version)
    fixed = f"({major}, {minor}, {patch}, 0)"
    strings = {
        "CompanyName": PUBLISHER,
        "FileDescription": DISPLAY_NAME,
        "FileVersion": version,
        "InternalName": APP_NAME,
        "LegalCopyright": f"(c) {PUBLISHER}",
        "OriginalFilename": f"{APP_NAME}.exe",
        "ProductName": DISPLAY_NAME,
        "ProductVersion": version,
    }
    string_structs = ",\n".join(
        f"          StringStruct({key!r}, {value!r})" for key, value in strings.items()
    )
    return f"""# UTF-8
# Generated by build_scripts/buildinfo.py from pyproject.toml; do not edit.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={fixed},
    prodvers={fixed},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '080904B0',
        [
{string_structs}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [2057, 1200])])
  ]
)
"""


# Qt plugins worth shipping, by folder; a folder not named here is dropped whole, and None
# keeps the whole folder. Names are plugin stems without "lib" and extension, so one table
# serves Windows (qwindows.dll) and Linux (libqxcb.so). `offscreen` and `minimal` let `check`
# draw PDFs on a machine without a display; the rest is what a widgets app on a desktop needs.
QT_PLUGINS_KEPT: dict[str, tuple[str, ...] | None] = {
    "platforms": ("qwindows", "qxcb", "qoffscreen", "qminimal"),
    "styles": None,
    "imageformats": ("qico", "qjpeg", "qgif", "qsvg"),
    "iconengines": ("qsvgicon",),
    "printsupport": None,
    "xcbglintegrations": None,
    "platforminputcontexts": ("composeplatforminputcontextplugin",),
}
# Qt libraries needed only by plugins dropped above (Wayland, EGLFS, VNC, touch input).
QT_LIBRARIES_DROPPED = (
    "Qt6Network",
    "Qt6OpenGL",
    "Qt6WaylandClient",
    "Qt6WaylandEglClientHwIntegration",
    "Qt6WlShellIntegration",
    "Qt6EglFSDeviceIntegration",
    "Qt6EglFsKmsSupport",
    "Qt6Quick",
    "Qt6Qml",
    "Qt6QmlModels",
    "Qt6QmlMeta",
    "Qt6QmlWorkerScript",
    "Qt6VirtualKeyboard",
)

Entry = tuple[str, str, str]  # PyInstaller TOC entry: (destination, source, typecode)


def _plugin_stem(filename: str) -> str:
    stem = filename.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def qt_file_wanted(destination: str) -> bool:
    """Whether a file PySide6's hooks collected belongs in the build.

    Drops Qt's translations (the app is English only), plugins outside QT_PLUGINS_KEPT and
    the Qt libraries only those plugins need. Anything outside PySide6 is kept.
    """
    parts = destination.replace("\\", "/").split("/")
    if parts[0] != "PySide6":
        return True
    if "translations" in parts[:-1]:
        return False
    if "plugins" in parts[:-1]:
        index = parts.index("plugins")
        if len(parts) < index + 3:
            return True
        folder, filename = parts[index + 1], parts[-1]
        if folder not in QT_PLUGINS_KEPT:
            return False
        kept = QT_PLUGINS_KEPT[folder]
        return kept is None or _plugin_stem(filename) in kept
    name = parts[-1]
    return not any(
        name.startswith((library + ".", "lib" + library + ".")) for library in QT_LIBRARIES_DROPPED
    )


def prune_qt(entries: list[Entry]) -> tuple[list[Entry], list[Entry]]:
    """Split collected files into (kept, dropped) by qt_file_wanted.

    A symbolic link (PyInstaller makes them on Linux) goes with the file it points to.
    """

    def wanted(entry: Entry) -> bool:
        destination, source, typecode = entry
        return qt_file_wanted(destination) and (typecode != "SYMLINK" or qt_file_wanted(source))

    kept = [entry for entry in entries if wanted(entry)]
    dropped = [entry for entry in entries if not wanted(entry)]
    return kept, dropped


def orphaned_libraries(
    kept: list[Entry], dropped: list[Entry], needs: Callable[[str], set[str]]
) -> set[str]:
    """Destinations of bundled system libraries that only dropped files needed.

    On Linux PyInstaller copies the shared libraries each plugin links against (GTK for the
    GTK theme, Wayland, ...) into the top level; once the plugin is gone they are dead
    weight. `needs(source)` gives the library file names a binary links against.
    """
    top_level = {entry[0] for entry in kept if "/" not in entry[0] and entry[2] == "BINARY"}
    wanted_by_dropped: set[str] = set()
    for entry in dropped:
        wanted_by_dropped |= needs(entry[1])
    candidates = top_level & wanted_by_dropped
    if not candidates:
        return set()
    wanted_by_kept: set[str] = set()
    for entry in kept:
        if entry[2] == "BINARY" and entry[0] not in candidates:
            wanted_by_kept |= needs(entry[1])
    return candidates - wanted_by_kept


# ----- multiprocessing, loaded only where it is used ---------------------------------------
# PyInstaller's run-time hook for multiprocessing imports it (and subprocess) in every start
# of the program, about 12 ms before the first window. Only the processes multiprocessing
# starts need it: the workbook writer of a large `check`. Those have "-c" (POSIX spawn,
# the resource tracker) or "--multiprocessing-fork" (Windows spawn) on their command line,
# which no user-facing command of ours uses, so the hook runs there and nowhere else. The
# launcher calls freeze_support() under the same test.
MULTIPROCESSING_HOOK = "pyi_rth_multiprocessing"
MULTIPROCESSING_CHILD_MARKS = ("-c", "--multiprocessing-fork")


def lazy_runtime_hook(original: str) -> str:
    """PyInstaller's multiprocessing hook, run only in a process multiprocessing started."""
    return (
        "# Generated by build_scripts/buildinfo.py from PyInstaller's hook of the same name.\n"
        "import sys as _sys\n\n"
        f"if any(_mark in _sys.argv[1:] for _mark in {MULTIPROCESSING_CHILD_MARKS!r}):\n"
        f"    exec(compile({original!r}, {MULTIPROCESSING_HOOK!r}, 'exec'))\n"
    )


def with_lazy_multiprocessing_hook(scripts: list[Entry], folder: Path) -> list[Entry]:
    """`scripts` (Analysis.scripts) with the multiprocessing hook made lazy, written to folder."""
    out: list[Entry] = []
    for name, path, kind in scripts:
        if name == MULTIPROCESSING_HOOK:
            folder.mkdir(parents=True, exist_ok=True)
            lazy = folder / f"{name}.py"
            original = Path(path).read_text(encoding="utf-8")
            lazy.write_text(lazy_runtime_hook(original), encoding="utf-8")
            path = str(lazy)
        out.append((name, path, kind))
    return out
