"""A review chosen to start this month's review from ("Start this month's review from
REVIEW") or to bring decisions from ("Choose a review…", or added as a file) is read on a
worker thread with progress and Cancel, as other long work is (decision 342): a review of
200,000 events, or one on a slow network drive, froze the window with no way out. A Cancel
leaves everything as it was; a read that fails names the file, never a traceback, and
nothing on the page is lost."""

from __future__ import annotations

import errno
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from cqrs_desktop import settings
from cqrs_desktop.store import earlier_review
from cqrs_desktop.ui import messages
from cqrs_desktop.ui.main_window import SOURCES

from . import carry_months as months
from .conftest import earlier_read, timer_ticks, wait_idle


class SlowDrive:
    """The chosen review's file sits on a drive that answers when the test says (or fails
    with `failing`): the read of a review chosen (the one a Cancel can stop). The start
    page's and the Files page's own reads of the recent reviews are not slowed, nor made to
    fail, even of that file (they read it too, in the background, at times of their own:
    made to fail, theirs was at times the one problem said). Which thread each slow read
    ran on is noted."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.slow: set[Path] = set()
        self.answer = threading.Event()
        self.failing: OSError | None = None
        self.on_gui_thread: list[bool] = []
        real = earlier_review.about_review

        def about(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            chosen = bool(args) or kwargs.get("cancelled") is not None  # (`about_chosen_reviews`)
            if Path(path) in self.slow and chosen:
                self.on_gui_thread.append(threading.current_thread() is threading.main_thread())
                self.answer.wait(8)
                if self.failing is not None:
                    raise self.failing
            return real(path, *args, **kwargs)

        monkeypatch.setattr(earlier_review, "about_review", about)


@pytest.fixture
def drive(monkeypatch: pytest.MonkeyPatch) -> SlowDrive:
    return SlowDrive(monkeypatch)


def _recent(window, *reviews: Path) -> None:  # type: ignore[no-untyped-def]
    for review in reviews:
        window.settings = window.settings.with_recent(review)
    settings.save(window.settings)
    window.close_review()  # back on the start page: the offer is read again


def _progress_shown(qtbot, window) -> object:  # type: ignore[no-untyped-def]
    """The progress box of the one operation running, once on screen."""
    qtbot.waitUntil(lambda: len(window.ops.running) == 1, timeout=3000)
    dialog = window.ops.running[0].dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    return dialog


def _press_cancel(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    (cancel,) = dialog.findChildren(QPushButton)
    assert cancel.text() == "&Cancel"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert dialog.labelText() == "Stopping…"


def _offered(qtbot, window, review: Path) -> None:  # type: ignore[no-untyped-def]
    _recent(window, review)
    qtbot.waitUntil(window.start.month_button.isVisible, timeout=5000)
    assert window.start.month_from == review


def test_starting_from_a_review_reads_it_while_the_window_answers_and_cancel_changes_nothing(
    qtbot, window, tmp_path: Path, drive: SlowDrive
) -> None:  # type: ignore[no-untyped-def]
    review = months.review_a(tmp_path)
    _offered(qtbot, window, review)
    before = settings.load()
    drive.slow.add(review)
    started = time.monotonic()
    window.start.month_button.click()
    assert time.monotonic() - started < 3  # (it waited on the GUI thread for the drive)
    dialog = _progress_shown(qtbot, window)
    assert dialog.labelText() == "Reading A.cqrsreview…"
    assert timer_ticks(qtbot, 300) >= 5  # the window answers while the drive does not
    _press_cancel(qtbot, dialog)
    drive.answer.set()
    wait_idle(qtbot, window)
    assert drive.on_gui_thread and not any(drive.on_gui_thread)
    # as it was: the start page, the offer, the practice; no new review begun
    assert window.stack.currentWidget() is window.start
    assert window.session is None and window.start.month_button.isVisible()
    assert settings.load() == before
    assert window.statusBar().currentMessage() == (
        "Cancelled: this month's review was not started from A"
    )
    # and once not cancelled, it starts as before
    window.start.month_button.click()
    earlier_read(qtbot, window)
    assert window.pages.currentIndex() == SOURCES and window.sources.earlier.paths() == [review]


def test_a_review_chosen_to_bring_decisions_from_is_read_while_the_window_answers(
    qtbot, window, tmp_path: Path, drive: SlowDrive
) -> None:  # type: ignore[no-untyped-def]
    review_a = months.review_a(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    chosen = months.review_a(other)  # not a recent review
    _recent(window, review_a)
    window.new_review()
    page = window.sources
    earlier_read(qtbot, window)
    page.add_files([months.next_month_search(tmp_path)])
    wait_idle(qtbot, window)
    drive.slow.add(chosen)
    started = time.monotonic()
    page.earlier.choose_requested.emit(chosen)  # chosen with "Choose a review…"
    assert time.monotonic() - started < 3
    dialog = _progress_shown(qtbot, window)
    assert timer_ticks(qtbot, 300) >= 5
    _press_cancel(qtbot, dialog)
    drive.answer.set()
    wait_idle(qtbot, window)
    assert drive.on_gui_thread and not any(drive.on_gui_thread)
    # as it was: the latest ticked, the search waiting, nothing else listed
    assert page.earlier.paths() == [review_a] and page.earlier.list.count() == 1
    assert [e.name for e in page.waiting] == ["october_search.csv"]
    assert window.statusBar().currentMessage() == "Cancelled: no decisions brought from A"
    # chosen again, not cancelled: listed and ticked
    page.earlier.choose_requested.emit(chosen)
    wait_idle(qtbot, window)
    assert page.earlier.paths() == [review_a, chosen]


def test_a_review_that_cannot_be_read_is_said_by_name_and_nothing_is_lost(
    qtbot, window, tmp_path: Path, drive: SlowDrive
) -> None:  # type: ignore[no-untyped-def]
    """A network drive that drops mid-read (an error, not a review's problem) was a
    traceback from the GUI thread."""
    review = months.review_a(tmp_path)
    _offered(qtbot, window, review)
    drive.slow.add(review)
    drive.failing = OSError(errno.EIO, "Input/output error", str(review))
    drive.answer.set()
    messages.last_problem.clear()
    window.start.month_button.click()
    wait_idle(qtbot, window)
    (box,) = messages.last_problem
    assert box.windowTitle() == "This month's review"
    assert box.text().startswith("A.cqrsreview could not be read: Input/output error (")
    assert box.text().endswith("Nothing was changed.")
    box.close()
    assert window.stack.currentWidget() is window.start and window.session is None

    # on the Files page: the files waiting and the review ticked stay
    drive.slow.clear()
    window.new_review()
    earlier_read(qtbot, window)
    page = window.sources
    page.add_files([months.next_month_search(tmp_path)])
    wait_idle(qtbot, window)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    chosen = months.review_a(elsewhere)
    drive.slow.add(chosen)
    drive.failing = PermissionError(errno.EACCES, "Permission denied", str(chosen))
    messages.last_problem.clear()
    page.earlier.choose_requested.emit(chosen)
    wait_idle(qtbot, window)
    (box,) = messages.last_problem
    assert box.windowTitle() == "Not brought"
    assert box.text().startswith("A.cqrsreview could not be read: The file is open in another")
    assert page.earlier.paths() == [review]
    assert [e.name for e in page.waiting] == ["october_search.csv"]


def test_a_damaged_review_chosen_is_said_by_name(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    damaged = tmp_path / "Damaged.cqrsreview"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    window.new_review()
    earlier_read(qtbot, window)
    messages.last_problem.clear()
    window.sources.earlier.choose_requested.emit(damaged)
    assert window.ops.busy  # (read on a worker thread)
    wait_idle(qtbot, window)
    (box,) = messages.last_problem
    assert box.windowTitle() == "Not brought"
    assert box.text().startswith("Damaged.cqrsreview: ")
    assert window.sources.earlier.paths() == []
