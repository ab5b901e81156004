"""Practice settings: declared once, remembered as JSON, never fatal when damaged."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from cqrs_desktop import paths, settings
from tests.deep_folders import deep_folder


def test_defaults_and_completeness(private_home: object) -> None:
    s = settings.load()
    assert s.team_email == "england.londonimms@nhs.net"
    assert not s.complete
    s = settings.Settings(practice_name="Riverside", ods_code="f99001", reviewer="Jo")
    assert s.complete
    assert s.practice.ods_code == "F99001"


def test_round_trip_in_the_config_folder(private_home: object) -> None:
    s = settings.Settings(
        practice_name="Riverside", ods_code="F99001", reviewer="Jo", clinical_system="systmone"
    )
    s = s.with_recent(paths.reviews_dir() / "a.cqrsreview")
    settings.save(s)
    assert settings.settings_file().parent == paths.config_dir()
    assert settings.load() == s


def test_recent_reviews_most_recent_first_without_repeats(private_home: object) -> None:
    s = settings.Settings()
    for name in ("a", "b", "a", "c"):
        s = s.with_recent(paths.reviews_dir() / f"{name}.cqrsreview")
    assert [Path(p).name for p in s.recent_reviews] == [
        "c.cqrsreview",
        "a.cqrsreview",
        "b.cqrsreview",
    ]


def test_the_same_review_written_two_ways_is_listed_once(private_home: object) -> None:
    import os

    folder = paths.reviews_dir()
    s = settings.Settings().with_recent(folder / "a.cqrsreview")
    s = s.with_recent(Path(f"{folder}{os.sep}.{os.sep}a.cqrsreview"))
    assert len(s.recent_reviews) == 1
    if os.name == "nt":  # Windows file names ignore case
        s = s.with_recent(folder / "A.CQRSREVIEW")
        assert len(s.recent_reviews) == 1
    assert s.without_recent(folder / "sub" / ".." / "a.cqrsreview").recent_reviews == ()


def test_a_deep_review_opened_by_a_relative_name_is_remembered_by_its_whole_path(
    private_home: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r"""`cqrs-desktop A.cqrsreview` typed in its folder, deep in a shared drive's folders: the
    recent list keeps where it is, to be found from the Start menu tomorrow, as the user
    knows it (no \\?\ before it), and once however it is written (decision 300)."""
    folder = deep_folder(tmp_path)
    (folder / "A.cqrsreview").write_bytes(b"review")
    monkeypatch.chdir(folder)
    s = settings.Settings().with_recent(Path("A.cqrsreview"))
    assert s.recent_reviews == (str(folder / "A.cqrsreview"),)
    s = s.with_recent(folder / "A.cqrsreview")
    if sys.platform == "win32":
        s = s.with_recent(Path("\\\\?\\" + str(folder / "a.cqrsreview")))
    assert len(s.recent_reviews) == 1
    assert s.without_recent(Path("A.cqrsreview")).recent_reviews == ()


def test_damaged_file_falls_back_to_defaults(private_home: object) -> None:
    target = settings.settings_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("{not json", encoding="utf-8")
    assert settings.load() == settings.Settings()
    target.write_text(
        json.dumps(
            {
                "ods_code": 5,
                "team_email": "",
                "clinical_system": "x",
                "reviewer": "Jo",
                "recent_reviews": "nope",
            }
        ),
        encoding="utf-8",
    )
    s = settings.load()
    assert s.ods_code == "" and s.reviewer == "Jo"
    assert s.team_email == "england.londonimms@nhs.net"
    assert s.clinical_system == "emis" and s.recent_reviews == ()


def test_options_are_the_declared_fields() -> None:
    names = [name for name, _ in settings.options()]
    assert names == ["practice_name", "ods_code", "reviewer", "team_email", "clinical_system"]


def test_a_review_remembered_by_name_alone_is_taken_as_in_the_reviews_folder(
    private_home: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As older versions wrote it ("A.cqrsreview", no folder): never the folder the app is
    started from; a review with its folder is kept as written, and one written both ways
    is listed once (decision 344)."""
    monkeypatch.chdir(tmp_path)
    elsewhere = str(tmp_path / "S" / "B.cqrsreview")
    reviews = paths.reviews_dir()
    settings.settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings.settings_file().write_text(
        json.dumps({"recent_reviews": ["A.cqrsreview", elsewhere, str(reviews / "A.cqrsreview")]}),
        encoding="utf-8",
    )
    assert settings.load().recent_reviews == (str(reviews / "A.cqrsreview"), elsewhere)
