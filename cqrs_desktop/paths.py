"""Where things live: bundled resources, settings, mapping profiles and reviews.

One place for every path, so the app finds its files both from source and frozen
(PyInstaller), and so portable mode and tests can redirect everything.
Environment override: CQRS_DESKTOP_HOME puts config and data under that folder.
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


def _portable_root() -> Path | None:
    """The folder beside the executable when a portable marker file is there."""
    if getattr(sys, "frozen", False):
        exe_dir = Path(sys.executable).resolve().parent
        if (exe_dir / PORTABLE_MARKER).exists():
            return exe_dir / "data"
    return None


def _home_override() -> Path | None:
    value = os.environ.get("CQRS_DESKTOP_HOME")
    return Path(value) if value else _portable_root()


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
