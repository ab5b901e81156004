"""cqrs_desktop.paths when frozen by PyInstaller, and in portable mode."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from cqrs_desktop import paths
from tests.deep_folders import deep_folder

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pretend to be the onedir build in tmp_path/cqrs-desktop; returns the program folder."""
    app = tmp_path / "cqrs-desktop"
    (app / "_internal" / "resources").mkdir(parents=True)
    (app / "_internal" / "resources" / "rules.toml").write_text("# bundled\n")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(app / "_internal"), raising=False)
    monkeypatch.setattr(sys, "executable", str(app / "cqrs-desktop.exe"))
    monkeypatch.delenv("CQRS_DESKTOP_HOME", raising=False)
    return app


def test_from_source_resources_are_the_repository_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert paths.resources_dir() == REPO / "resources"
    assert paths.resource("rules.toml").is_file()
    assert paths.executable_dir() is None
    assert not paths.is_portable()


def test_frozen_resources_come_from_the_bundle(frozen: Path) -> None:
    assert paths.resources_dir() == frozen / "_internal" / "resources"
    assert paths.rules_file() == frozen / "_internal" / "resources" / "rules.toml"
    assert paths.executable_dir() == frozen


def test_installed_copy_keeps_data_in_the_user_profile(frozen: Path) -> None:
    assert not paths.is_portable()
    for folder in (paths.config_dir(), paths.data_dir(), paths.reviews_dir()):
        assert not folder.is_relative_to(frozen)


def test_portable_marker_keeps_everything_beside_the_program(frozen: Path) -> None:
    (frozen / paths.PORTABLE_MARKER).write_text("")
    root = frozen / "data"
    assert paths.is_portable() and paths.portable_root() == root
    assert paths.config_dir() == root / "config"
    assert paths.data_dir() == root / "data"
    assert paths.profiles_dir() == root / "data" / "mapping_profiles"
    assert paths.reviews_dir() == root / "reviews"


def test_a_portable_copy_deep_in_a_shared_drive_keeps_its_folder_as_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r"""A portable copy kept deep in a shared drive's folders starts: Windows' resolve(),
    which fails on a path this long ("More data available") and would turn S:\ into
    \\server\share, is not asked; its data folder is beside it as started (decision 298)."""
    app = deep_folder(tmp_path) / "cqrs-desktop"
    app.mkdir()
    (app / paths.PORTABLE_MARKER).write_text("")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(app / "cqrs-desktop.exe"))
    monkeypatch.delenv("CQRS_DESKTOP_HOME", raising=False)

    def refused(self: Path, strict: bool = False) -> Path:
        raise OSError(234, "More data available", str(self))

    monkeypatch.setattr(Path, "resolve", refused)
    monkeypatch.setattr(os.path, "realpath", lambda *a, **k: refused(Path(a[0])))
    assert paths.executable_dir() == app
    assert paths.reviews_dir() == app / "data" / "reviews"


def test_portable_rules_override_lives_beside_the_program(frozen: Path) -> None:
    (frozen / paths.PORTABLE_MARKER).write_text("")
    override = paths.config_dir() / "rules.toml"
    override.parent.mkdir(parents=True)
    override.write_text("# practice's own\n")
    assert paths.rules_file() == override


def test_a_folder_named_like_the_marker_is_not_a_marker(frozen: Path) -> None:
    (frozen / paths.PORTABLE_MARKER).mkdir()
    assert not paths.is_portable()


def test_environment_override_beats_portable_mode(
    frozen: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (frozen / paths.PORTABLE_MARKER).write_text("")
    monkeypatch.setenv("CQRS_DESKTOP_HOME", str(tmp_path / "it"))
    assert paths.reviews_dir() == tmp_path / "it" / "reviews"


def test_marker_from_source_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    (tmp_path / paths.PORTABLE_MARKER).write_text("")
    assert not paths.is_portable()
