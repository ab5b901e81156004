r"""The settings and data folder is one level (`%LOCALAPPDATA%\CQRS Desktop`), and what earlier
versions kept one level further down is moved up, all or nothing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from cqrs_desktop import paths, settings
from tests.windows_files import FILE_SHARE_READ, hold, windows_only


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    paths.moved_up_from_doubled.cache_clear()


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _old_layout(local: Path) -> Path:
    """What version 0.1.0 left on Windows: everything one level too deep."""
    doubled = local / "CQRS Desktop" / "CQRS Desktop"
    (doubled / "mapping_profiles").mkdir(parents=True)
    (doubled / "settings.json").write_text('{"reviewer": "A. Tester"}', encoding="utf-8")
    (doubled / "window.ini").write_text("[General]\n", encoding="utf-8")
    (doubled / "mapping_profiles" / "abc.json").write_text("{}", encoding="utf-8")
    (doubled / "drafts").mkdir()
    return doubled


def test_the_doubled_folder_is_moved_up_whole(tmp_path: Path) -> None:
    doubled = _old_layout(tmp_path)
    folder = doubled.parent
    before = _tree(doubled)
    assert paths.moved_up_from_doubled(folder) == folder
    assert not doubled.exists()
    assert _tree(folder) == before
    assert (folder / "drafts").is_dir()


def test_no_doubled_folder_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "CQRS Desktop"
    assert paths.moved_up_from_doubled(folder) == folder
    assert not folder.exists()


def test_a_name_in_both_places_keeps_this_versions_and_leaves_the_old_one(tmp_path: Path) -> None:
    doubled = _old_layout(tmp_path)
    folder = doubled.parent
    (folder / "settings.json").write_text('{"reviewer": "B. Newer"}', encoding="utf-8")
    assert paths.moved_up_from_doubled(folder) == folder
    assert json.loads((folder / "settings.json").read_text(encoding="utf-8")) == {
        "reviewer": "B. Newer"
    }
    assert (doubled / "settings.json").is_file()  # not lost: still where it was
    assert (folder / "mapping_profiles" / "abc.json").is_file()  # the rest moved up


def test_a_move_that_fails_half_way_is_undone_and_the_old_folder_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doubled = _old_layout(tmp_path)
    folder = doubled.parent
    before = _tree(doubled)
    real_rename = Path.rename

    def rename(self: Path, target: str | Path) -> Path:
        if self.name == "settings.json" and self.parent == doubled:
            raise PermissionError(32, "The process cannot access the file", str(self))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    assert paths.moved_up_from_doubled(folder) == doubled
    assert _tree(doubled) == before
    assert sorted(p.name for p in folder.iterdir()) == ["CQRS Desktop"]


def test_only_windows_paths_were_doubled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Linux and macOS never had the publisher in the path: a folder of that name there is
    nobody's old layout and stays as it is."""
    monkeypatch.delenv("CQRS_DESKTOP_HOME")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(paths.platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path))
    (tmp_path / "CQRS Desktop").mkdir()
    assert paths.data_dir() == tmp_path
    assert (tmp_path / "CQRS Desktop").is_dir()


@windows_only("the Windows profile folders")
def test_on_windows_settings_live_one_level_down_from_local_app_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r"""Through the real platformdirs: `%LOCALAPPDATA%\CQRS Desktop`, not doubled, and the
    settings an older version saved are read from where they were moved."""
    monkeypatch.delenv("CQRS_DESKTOP_HOME")
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", str(tmp_path))
    doubled = _old_layout(tmp_path)
    assert paths.config_dir() == tmp_path / "CQRS Desktop"
    assert paths.data_dir() == tmp_path / "CQRS Desktop"
    assert paths.profiles_dir() == tmp_path / "CQRS Desktop" / "mapping_profiles"
    assert not doubled.exists()
    assert settings.load().reviewer == "A. Tester"


@windows_only("Windows file sharing")
def test_on_windows_a_file_in_use_keeps_the_old_folder_in_use(tmp_path: Path) -> None:
    """An older copy still running holds a file: nothing moves, the old folder is used as it
    was, and the next start tries again."""
    doubled = _old_layout(tmp_path)
    folder = doubled.parent
    before = _tree(doubled)
    with hold(doubled / "window.ini", FILE_SHARE_READ):
        assert paths.moved_up_from_doubled(folder) == doubled
    assert _tree(doubled) == before
    paths.moved_up_from_doubled.cache_clear()
    assert paths.moved_up_from_doubled(folder) == folder
    assert _tree(folder) == before
