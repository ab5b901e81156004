"""A recent review that older versions remembered by its name alone ("A.cqrsreview", with
no folder: before decision 300) is looked for in the reviews folder, where the app makes
reviews, never in the folder the app was started from, which may hold another file of
that name (decision 344). Not found, it is marked so under Recent reviews, with what to do;
Enter takes it off the list."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cqrs_desktop import paths, settings
from cqrs_desktop.ui import messages

from . import carry_months as months
from .conftest import PRACTICE, wait_idle


def _of_another_practice(review: Path) -> Path:
    with sqlite3.connect(review) as db:
        db.execute(
            "UPDATE meta SET value = ? WHERE key = 'practice'",
            (json.dumps({"ods_code": "Y99002", "name": "Elsewhere", "reviewer": None}),),
        )
    db.close()
    return review


@pytest.fixture
def started_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the app is started from (a shortcut's), holding another practice's
    review of each name."""
    here = tmp_path / "started here"
    here.mkdir()
    for name in ("A", "B"):
        made = tmp_path / f"made {name}"
        made.mkdir()
        _of_another_practice(months.review_a(made)).rename(here / f"{name}.cqrsreview")
    monkeypatch.chdir(here)
    return here


def _remembered(*recent: str) -> None:
    """The settings file as an older version wrote it."""
    data = {
        "practice_name": PRACTICE.practice_name,
        "ods_code": PRACTICE.ods_code,
        "reviewer": PRACTICE.reviewer,
        "recent_reviews": list(recent),
    }
    target = settings.settings_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def open_window(qtbot, private_home: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """The window, opened on the settings written by then (call it)."""
    from cqrs_desktop.app import make_app
    from cqrs_desktop.ui import look
    from cqrs_desktop.ui.main_window import MainWindow

    made = []

    def opened():  # type: ignore[no-untyped-def]
        look.apply(make_app([]))
        win = MainWindow()
        qtbot.addWidget(win)
        win.resize(1366, 700)
        win.show()
        qtbot.waitExposed(win)
        made.append(win)
        return win

    yield opened
    for win in made:
        if win.session is not None:
            win.set_session(None)


def test_a_review_remembered_by_name_is_found_in_the_reviews_folder(
    qtbot, open_window, started_here: Path
) -> None:  # type: ignore[no-untyped-def]
    reviews = paths.reviews_dir()
    reviews.mkdir(parents=True, exist_ok=True)
    ours = months.review_a(reviews)  # A.cqrsreview, of this practice
    _remembered("A.cqrsreview")
    assert settings.load().recent_reviews == (str(ours),)
    window = open_window()
    start = window.start
    assert start.recent_paths == [ours]
    # offered from the practice's own review, not the file of that name started from
    qtbot.waitUntil(start.month_button.isVisible, timeout=5000)
    assert start.month_from == ours
    assert start.month_button.toolTip() == str(ours)
    assert start.recent.item(0).text() == f"A    —    {reviews}"
    # Enter under Recent reviews opens it, from the reviews folder
    start.recent.setFocus()
    start.recent.setCurrentRow(0)
    qtbot.keyClick(start.recent, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert window.session is not None and window.session.path == ours


def test_a_review_remembered_by_name_and_not_found_is_said_and_never_taken_from_elsewhere(
    qtbot, open_window, started_here: Path
) -> None:  # type: ignore[no-untyped-def]
    _remembered("B.cqrsreview")
    window = open_window()
    start = window.start
    gone = paths.reviews_dir() / "B.cqrsreview"
    assert start.recent_paths == [gone]
    qtbot.waitUntil(lambda: start.not_found == [gone], timeout=5000)
    item = start.recent.item(0)
    assert item.text() == f"B    —    not found in {gone.parent}"
    assert item.toolTip() == (
        f"{gone}\nNot found there: moved or deleted, or on a drive not connected now. Press "
        "Enter to take it off this list; to open it where it is now, use Open a review file…"
    )
    # no offer from the other practice's B where the app was started
    assert start.month_from is None and not start.month_button.isVisible()
    assert start.month_hint.text().startswith(f"B is not found in {gone.parent} (moved or")
    # Enter says it could not be opened and takes it off the list; nothing else is opened
    messages.last_problem.clear()
    start.recent.setFocus()
    start.recent.setCurrentRow(0)
    qtbot.keyClick(start.recent, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert window.session is None
    (box,) = messages.last_problem
    assert box.windowTitle() == "The review could not be opened"
    box.close()
    assert settings.load().recent_reviews == () and start.recent_paths == []
    assert (started_here / "B.cqrsreview").is_file()  # (there all along: not it)


def test_the_files_page_never_brings_decisions_from_a_file_of_that_name_elsewhere(
    qtbot, open_window, started_here: Path
) -> None:  # type: ignore[no-untyped-def]
    _remembered("B.cqrsreview")
    window = open_window()
    window.new_review()
    wait_idle(qtbot, window)
    panel = window.sources.earlier
    gone = paths.reviews_dir() / "B.cqrsreview"
    rows = [panel.list.item(r).text() for r in range(panel.list.count())]
    assert rows == ["B · not found (moved or deleted, or on a drive not connected now)"]
    assert panel.paths() == []
    assert os.fspath(panel._path(0)) == os.fspath(gone)
