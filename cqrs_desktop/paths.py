"""Where things live: bundled resources, settings, mapping profiles and reviews.

One place for every path, so the app finds its files both from source and frozen
(PyInstaller), and so portable mode and tests can redirect everything.
Environment override: CQRS_DESKTOP_HOME puts config and data under that folder.
Portable mode: a `portable.txt` beside the frozen program puts them in `data/` beside it.
docs/packaging.md lists every location for users and IT.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "CQRS Desktop"
APP_AUTHOR = "CQRS Desktop"
PORTABLE_MARKER = "portable.txt"


def resources_dir() -> Path:
    """The bundled `resources/` folder, frozen or from source."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(name: str) -> Path:
    return resources_dir() / name


def executable_dir() -> Path | None:
    """The folder holding the frozen program (cqrs-desktop.exe); None when run from source."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
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
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR, roaming=False))


def data_dir() -> Path:
    home = _home_override()
    if home is not None:
        return home / "data"
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))


def reviews_dir() -> Path:
    home = _home_override()
    if home is not None:
        return home / "reviews"
    return Path(platformdirs.user_documents_dir()) / "CQRS reviews"


def profiles_dir() -> Path:
    """Saved column mappings, one JSON file per header signature."""
    return data_dir() / "mapping_profiles"


def rules_file() -> Path:
    """The rules in force: the user's override if present, else the bundled file."""
    override = config_dir() / "rules.toml"
    return override if override.is_file() else resource("rules.toml")
