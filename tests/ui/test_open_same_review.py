"""A review opened by a name typed in its folder (`cqrs-desktop A.cqrsreview`), deep in a
shared drive's folders, then chosen in Recent reviews, where it is listed by its whole path:
the review already open is shown, not said to be "open in another window or program"
(decision 301). Invented
people, NHS numbers in the 999 range."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.deep_folders import deep_folder
from tests.ui import carry_months as months


def test_the_open_review_chosen_by_its_whole_path_is_the_one_shown(
    qtbot: QtBot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    folder = deep_folder(tmp_path)
    review = months.review_a(folder)
    monkeypatch.chdir(folder)
    window.open_review(Path(review.name))
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)
    opened = window.session
    assert window.settings.recent_reviews[0] == str(review)  # decision 300
    problems: list[str] = []
    monkeypatch.setattr(
        "cqrs_desktop.ui.main_window.show_problem", lambda _w, title, text: problems.append(text)
    )
    window.open_review(Path(window.settings.recent_reviews[0]))
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=20000)
    assert problems == []
    assert window.session is opened


def test_a_review_opened_by_a_relative_name_is_held_by_its_whole_path(
    qtbot: QtBot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """`cqrs-desktop A.cqrsreview` typed in its folder: the open review is held by its
    whole path as written (not resolved), so Save a copy and the exports start in its folder
    and the title names it, whatever the current folder becomes."""
    folder = deep_folder(tmp_path)
    review = months.review_a(folder)
    monkeypatch.chdir(folder)
    window.open_review(Path(review.name))
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)
    assert window.session.path.is_absolute()
    assert window.session.path.parent == folder
