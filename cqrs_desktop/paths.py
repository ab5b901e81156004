"""Where things live: bundled resources, settings, mapping profiles and reviews.

One place for every path, so the app finds its files both from source and frozen
(PyInstaller), and so portable mode and tests can redirect everything.
Environment override: CQRS_DESKTOP_HOME puts config and data under that folder.
Portable mode: a `portable.txt` beside the frozen program puts them in `data/` beside it.
docs/packaging.md lists every location for users and IT.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from pathlib import Path

import platformdirs

PathLike = str | os.PathLike[str]

APP_NAME = "CQRS Desktop"
PORTABLE_MARKER = "portable.txt"


def resources_dir() -> Path:
    """The bundled `resources/` folder, frozen or from source."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return absolute(__file__).parent.parent / "resources"


def resource(name: str) -> Path:
    return resources_dir() / name


def demo_inputs_dir() -> Path:
    """The demo's invented input files."""
    return resource("demo")


def executable_dir() -> Path | None:
    """The folder holding the frozen program (cqrs-desktop.exe); None when run from source."""
    if getattr(sys, "frozen", False):
        return absolute(sys.executable).parent  # as started: S:\\ stays S:\\
    return None


def portable_root() -> Path | None:
    """Where a portable copy keeps everything, or None when this copy is not portable.

    A copy is portable when the file `portable.txt` sits beside the frozen program (its
    content does not matter). Settings, mapping profiles and reviews then live in the `data`
    folder beside it, so the whole folder can be carried on a USB stick or kept on a share,
    and nothing is written to the user's profile or the registry. Running from source is
    never portable; use CQRS_DESKTOP_HOME there.
    """
    folder = executable_dir()
    if folder is not None and (folder / PORTABLE_MARKER).is_file():
        return folder / "data"
    return None


def is_portable() -> bool:
    return portable_root() is not None


def _home_override() -> Path | None:
    """CQRS_DESKTOP_HOME first (tests, IT redirection), then portable mode."""
    value = os.environ.get("CQRS_DESKTOP_HOME")
    return Path(value) if value else portable_root()


def config_dir() -> Path:
    home = _home_override()
    if home is not None:
        return home / "config"
    return _one_level(platformdirs.user_config_dir(APP_NAME, appauthor=False, roaming=False))


def data_dir() -> Path:
    home = _home_override()
    if home is not None:
        return home / "data"
    return _one_level(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def _one_level(folder: str) -> Path:
    r"""The user's folder (`%LOCALAPPDATA%\CQRS Desktop` on Windows), with what earlier
    versions kept one level down moved up into it first.

    Versions up to 0.1.0 named the publisher too, and as publisher and program have the same
    name, the folder was doubled on Windows: `%LOCALAPPDATA%\CQRS Desktop\CQRS Desktop`
    (Linux and macOS paths never carry the publisher).
    """
    if sys.platform != "win32":
        return Path(folder)
    return moved_up_from_doubled(Path(folder))


@functools.cache
def moved_up_from_doubled(folder: Path) -> Path:
    r"""Move everything in `folder\CQRS Desktop` up into `folder`, once per process; returns
    the folder to use.

    Nothing is lost and nothing is half-moved: the move is all or nothing, and while it
    cannot be done (a file in use by an older copy still running) the doubled folder is used,
    whole, as before, and the move is tried again at the next start. A name in both places
    (an older version run after this one) is left where it is and this version's file is
    used; the doubled folder then stays, for the user or IT to look at.
    """
    doubled = folder / APP_NAME
    try:
        entries = list(doubled.iterdir())
    except OSError:  # none (the usual case), or unreadable
        return folder
    movable = [entry for entry in entries if not (folder / entry.name).exists()]
    moved: list[Path] = []
    try:
        for entry in movable:
            entry.rename(folder / entry.name)
            moved.append(entry)
    except OSError:
        try:
            for entry in reversed(moved):
                (folder / entry.name).rename(entry)
        except OSError:
            return folder  # partly moved and stuck: most of it is above now
        return doubled if len(movable) == len(entries) else folder
    if len(movable) == len(entries):
        with contextlib.suppress(OSError):
            doubled.rmdir()
    return folder


def reviews_dir() -> Path:
    home = _home_override()
    if home is not None:
        return home / "reviews"
    return Path(platformdirs.user_documents_dir()) / "CQRS reviews"


def profiles_dir() -> Path:
    """Saved column mappings, one JSON file per header signature."""
    return data_dir() / "mapping_profiles"


def absolute(path: PathLike) -> Path:
    r"""`path` made absolute as written (S:\ stays S:\, a name keeps its case), never
    resolved: Windows' resolve() can fail on a long path or a network drive, and turns a
    mapped drive into its \\server\share or \\?\ form, which the user never wrote."""
    text = os.fspath(path)
    try:
        return Path(os.path.abspath(text))
    except (OSError, ValueError):  # a name Windows cannot take: compared as written
        return Path(os.path.normpath(text))


def same_name(a: PathLike, b: PathLike) -> bool:
    r"""The same file by name, as Windows compares names (any case, / or \, relative or
    absolute, with or without the \\?\ of a long path); the disk is not asked, so a drive
    not connected costs nothing."""
    return _plain(a) == _plain(b)


def same_file(a: PathLike, b: PathLike) -> bool:
    r"""`a` and `b` are the same file (or folder): by name, or, both being there, by the
    disk's own file number (a mapped drive and its \\server\share, a link). Two names
    of which only one is there are different files; neither there: the same name in the
    same folder. Never resolve(), never an error (decision 298)."""
    plain_a, plain_b = _plain(a), _plain(b)
    if plain_a == plain_b:
        return True
    there_a, there_b = os.path.exists(plain_a), os.path.exists(plain_b)
    if there_a and there_b:
        try:
            one, other = os.stat(plain_a), os.stat(plain_b)
        except OSError:
            return False
        # a drive that keeps no file numbers says 0 for every file: not proof of one file
        return one.st_ino != 0 and (one.st_ino, one.st_dev) == (other.st_ino, other.st_dev)
    if there_a or there_b:
        return False
    folder_a, folder_b = os.path.dirname(plain_a), os.path.dirname(plain_b)
    if folder_a == plain_a or folder_b == plain_b:  # a drive's or share's root
        return False
    return os.path.basename(plain_a) == os.path.basename(plain_b) and same_file(folder_a, folder_b)


def _plain(path: PathLike) -> str:
    r"""`path` absolute, in the case Windows compares, without \\?\ (\\?\UNC\ is \\)."""
    text = os.fspath(path)
    if sys.platform == "win32":
        if text[:8].upper() == "\\\\?\\UNC\\":
            text = "\\\\" + text[8:]
        elif text.startswith("\\\\?\\"):
            text = text[4:]
    return os.path.normcase(str(absolute(text)))


def rules_file() -> Path:
    """The rules in force: the user's override if present, else the bundled file."""
    override = config_dir() / "rules.toml"
    return override if override.is_file() else resource("rules.toml")
