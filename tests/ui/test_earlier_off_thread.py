"""The Files page's "Bring decisions from earlier reviews" is read off the GUI thread
(decision 289): a review on a network drive not connected can keep Windows waiting many
seconds. Meanwhile the list says the reviews are being read, none is ticked and Import
waits; once read, the latest of the practice is ticked as before. A read that ends after
the page has become another review's changes nothing."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from cqrs_desktop import settings
from cqrs_desktop.ui import backend, messages
from cqrs_desktop.ui.earlier_reviews import READING
from cqrs_desktop.ui.main_window import OFFER_AFTER_MS

from . import carry_months as months
from .conftest import earlier_read, timer_ticks, wait_idle


@pytest.fixture
def drive(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The recent reviews are read from a slow drive, which answers when the test says;
    each read's thread is noted in `drive.on_gui_thread`."""
    answer = threading.Event()
    on_gui_thread: list[bool] = []
    real = backend.about_reviews

    def slow(recent):  # type: ignore[no-untyped-def]
        if not recent:  # the start page's offer, before any review: nothing to read
            return []
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        answer.wait(10)
        return real(recent)

    monkeypatch.setattr(backend, "about_reviews", slow)
    answer.on_gui_thread = on_gui_thread  # type: ignore[attr-defined]
    return answer


def _recent(window, *reviews: Path) -> None:  # type: ignore[no-untyped-def]
    for review in reviews:
        window.settings = window.settings.with_recent(review)
    settings.save(window.settings)


def test_the_earlier_reviews_are_read_while_the_window_answers(
    qtbot, window, tmp_path: Path, drive: threading.Event
) -> None:  # type: ignore[no-untyped-def]
    review_a = months.review_a(tmp_path)
    _recent(window, review_a)
    assert window.review_area is not None  # (its pages built first: they take a while)
    started = time.monotonic()
    window.new_review()
    assert time.monotonic() - started < 3  # (it waited the full 10 s on the GUI thread)
    page = window.sources
    panel = page.earlier
    page.add_files([months.next_month_search(tmp_path)])
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=20000)
    assert timer_ticks(qtbot, 300) >= 5  # the window answers while the drive does not
    assert drive.on_gui_thread and not any(drive.on_gui_thread)  # type: ignore[attr-defined]
    # said where the reviews will be; none ticked, none offered; Import waits
    assert [panel.list.item(r).text() for r in range(panel.list.count())] == [READING]
    assert panel.paths() == [] and panel.list.isVisible()
    assert not page.import_button.isEnabled()
    assert "Import waits until your recent reviews have been read" in page.import_hint.text()
    page.request_import()  # (Enter, say): no review made without the one to be ticked
    assert not window.ops.busy and window.session is None
    drive.set()
    earlier_read(qtbot, window)
    assert panel.list.count() == 1 and panel.list.item(0).text().startswith("A · 6 decisions")
    assert panel.paths() == [review_a]  # the latest of the practice, ticked
    assert page.import_button.isEnabled()
    assert "Decisions are brought from A." in page.import_hint.text()


def test_a_review_chosen_while_they_are_read_is_kept(
    qtbot, window, tmp_path: Path, drive: threading.Event
) -> None:  # type: ignore[no-untyped-def]
    review_a = months.review_a(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    chosen = months.review_a(other)  # not a recent review: chosen with "Choose a review…"
    _recent(window, review_a)
    window.new_review()
    page = window.sources
    page._earlier_chosen(chosen)
    drive.set()
    earlier_read(qtbot, window)
    assert page.earlier.paths() == [review_a, chosen]  # both ticked, as before reading


def test_a_read_ending_once_another_review_is_open_changes_nothing(
    qtbot, window, tmp_path: Path, drive: threading.Event
) -> None:  # type: ignore[no-untyped-def]
    _recent(window, months.review_a(tmp_path))
    window.new_review()
    assert window.sources.earlier_reading is not None
    window.open_demo()  # the drive still silent
    wait_idle(qtbot, window)
    panel = window.sources.earlier
    shown = (panel.list.isVisible(), panel.carried_label.text(), panel.list.count())
    drive.set()
    qtbot.wait(300)  # the read ends, for a page now the demo's
    assert window.session is not None
    assert (panel.list.isVisible(), panel.carried_label.text(), panel.list.count()) == shown
    assert not panel.list.isVisible()  # (its list is no open review's)


def test_recent_reviews_that_cannot_be_read_are_said_not_called_none(
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    def fails(recent):  # type: ignore[no-untyped-def]
        if not recent:  # the start page's offer, before any review: nothing to read
            return []
        raise OSError(5, "Input/output error", "R:\\reviews")

    qtbot.wait(OFFER_AFTER_MS + 100)  # the start page's own offer, as the window opened
    qtbot.waitUntil(lambda: window.offer_reading is None, timeout=20000)
    monkeypatch.setattr(backend, "about_reviews", fails)
    _recent(window, months.review_a(tmp_path))
    messages.last_problem.clear()
    window.new_review()
    earlier_read(qtbot, window)
    (box,) = messages.last_problem
    assert box.windowTitle() == "Reading your recent reviews: it did not work"
    box.close()
    page = window.sources
    assert page.earlier.paths() == []
    assert page.earlier.hint.text().startswith("Your recent reviews could not be read.")
    page.add_files([months.next_month_search(tmp_path)])
    wait_idle(qtbot, window)
    assert page.import_button.isEnabled()  # Import does not wait for ever


def test_starting_a_new_review_reads_the_recent_reviews_once(
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """A new review goes straight to its Files page: the start page's offer was read too,
    for no one, on the way, and a drive that failed said so twice, once from a page not
    shown ("Looking at the recent reviews: it did not work")."""
    _recent(window, months.review_a(tmp_path))
    qtbot.wait(OFFER_AFTER_MS + 100)  # the start page's own offer, as the window opened
    qtbot.waitUntil(lambda: window.offer_reading is None, timeout=20000)
    read: list[tuple[str, ...]] = []
    real = backend.about_reviews

    def counted(recent):  # type: ignore[no-untyped-def]
        read.append(tuple(recent))
        return real(recent)

    monkeypatch.setattr(backend, "about_reviews", counted)
    window.new_review()
    earlier_read(qtbot, window)
    qtbot.wait(300)  # a start page read would have begun at once
    assert len(read) == 1
    assert window.offer_reading is None
