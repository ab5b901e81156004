"""Changing an open review's files (adding, removing, stating the months a search covers)
works the review out again and saves it: for 200,000 events, 5 to 35 seconds. It is done
off the GUI thread, with progress and Cancel; a Cancel before it is saved leaves the review
and its file as they were, and says so."""

from __future__ import annotations

import threading

import pytest

from cqrs_desktop.review import review_session
from cqrs_desktop.review.review_session import ReviewSession
from cqrs_desktop.store import ReviewFile
from cqrs_desktop.ui import main_window

from .conftest import wait_idle

SEARCH = "emis_maternal_search.csv"


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every review taken as large (the demo's changes are made at once)."""
    monkeypatch.setattr(main_window, "CHANGED_HERE_UP_TO", 0)


def _demo(qtbot, window):  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    window.show_page(0)
    return window.session


def _threads(monkeypatch: pytest.MonkeyPatch, name: str) -> list[str]:
    """The threads `ReviewSession.name` runs on."""
    threads: list[str] = []
    real = getattr(ReviewSession, name)

    def recorded(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(ReviewSession, name, recorded)
    return threads


def _files(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.file for s in window.session.review.inputs.sources]


def test_removing_a_file_is_done_off_the_gui_thread(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch: pytest.MonkeyPatch, large: None
) -> None:
    _demo(qtbot, window)
    threads = _threads(monkeypatch, "replace_inputs")
    window.remove_source(SEARCH)
    wait_idle(qtbot, window)
    assert threads == [f"Removing {SEARCH}"]
    assert SEARCH not in _files(window)
    assert window.statusBar().currentMessage().startswith(f"Removed {SEARCH} from the review")
    assert window.session.failure is None


def test_what_removing_did_is_worked_out_off_the_gui_thread_too(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch: pytest.MonkeyPatch, large: None
) -> None:
    """The status bar's "Removed FILE from the review: its N decisions are kept…" compares
    the review before and after, event by event: for 200,000 events a second on the GUI
    thread after the change itself was made in the background."""
    from cqrs_desktop.domain import removal

    _demo(qtbot, window)
    threads: list[str] = []
    real = removal.removed_words

    def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(removal, "removed_words", recorded)
    window.remove_source(SEARCH)
    wait_idle(qtbot, window)
    assert threads == [f"Removing {SEARCH}"]
    assert window.statusBar().currentMessage().startswith(f"Removed {SEARCH} from the review")


def test_stating_a_search_s_months_is_done_off_the_gui_thread(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch: pytest.MonkeyPatch, large: None
) -> None:
    session = _demo(qtbot, window)
    threads = _threads(monkeypatch, "set_span")
    window.set_span(SEARCH, ("2024-08", "2024-12"))
    wait_idle(qtbot, window)
    assert threads == [f"Saving the months {SEARCH} covers"]
    spans = {s.file: s.span for s in session.review.inputs.sources}
    assert spans[SEARCH] == ("2024-08", "2024-12")
    assert window.statusBar().currentMessage() == (f"Saved: {SEARCH} covers Aug 2024 to Dec 2024")


def test_cancel_while_removing_changes_nothing_and_says_so(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch: pytest.MonkeyPatch, large: None
) -> None:
    session = _demo(qtbot, window)
    before = session.review
    path = session.path
    reached, release = threading.Event(), threading.Event()
    real = review_session.carry

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        reached.set()
        release.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(review_session, "carry", held)
    window.remove_source(SEARCH)
    qtbot.waitUntil(reached.is_set, timeout=20000)
    window.ops.running[0].cancel()  # as the dialog's Cancel does
    release.set()
    wait_idle(qtbot, window)
    assert window.session.review is before
    assert SEARCH in _files(window)
    assert window.statusBar().currentMessage() == (
        f"Removing {SEARCH}: cancelled. Nothing was changed: {SEARCH} is still in the review"
    )
    assert window.session.failure is None
    window.close_review()
    with ReviewFile.open(path) as store:  # nor in the file
        assert SEARCH in [s.file for s in store.load_inputs().sources]


def test_cancel_while_a_search_s_months_are_saved_shows_the_months_saved(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch: pytest.MonkeyPatch, large: None
) -> None:
    session = _demo(qtbot, window)
    page = window.sources
    page.view.selectRow([e.name for e in page.model.entries].index(SEARCH))
    span = page.span
    shown = (span.first.currentData(), span.last.currentData())
    assert shown == ("2024-09", "2024-12")  # worked out from its dates
    reached, release = threading.Event(), threading.Event()
    real = review_session.with_span_warnings

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        reached.set()
        release.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(review_session, "with_span_warnings", held)
    span.first.setCurrentIndex(span.first.findData("2024-08"))  # as the user chooses it
    qtbot.waitUntil(reached.is_set, timeout=20000)
    window.ops.running[0].cancel()
    release.set()
    wait_idle(qtbot, window)
    assert {s.file: s.span for s in session.review.inputs.sources}[SEARCH] is None
    assert (span.first.currentData(), span.last.currentData()) == shown  # not what was chosen
    assert window.statusBar().currentMessage() == (
        f"Saving the months {SEARCH} covers: cancelled. Nothing was changed: {SEARCH} still "
        "covers what it did"
    )


def test_months_stepped_through_quickly_are_saved_one_after_the_other(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch: pytest.MonkeyPatch, large: None
) -> None:
    """Down, Down in 'Covers' before the first is saved: the page takes no input while it
    is saved, and the two are saved in turn, the last one chosen kept."""
    session = _demo(qtbot, window)
    reached, release = threading.Event(), threading.Event()
    real = review_session.with_span_warnings
    calls: list[object] = []

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[0].span)
        reached.set()
        release.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(review_session, "with_span_warnings", held)
    window.set_span(SEARCH, ("2024-08", "2024-12"))
    qtbot.waitUntil(reached.is_set, timeout=20000)
    assert not window.review_area.isEnabled()  # no key reaches the review being replaced
    window.set_span(SEARCH, ("2024-07", "2024-12"))
    release.set()
    wait_idle(qtbot, window)
    assert calls == [("2024-08", "2024-12"), ("2024-07", "2024-12")]
    assert {s.file: s.span for s in session.review.inputs.sources}[SEARCH] == ("2024-07", "2024-12")
    assert window.review_area.isEnabled()
    assert window.session.failure is None


def test_two_files_removed_in_turn_are_both_gone(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch: pytest.MonkeyPatch, large: None
) -> None:
    """The second removal is worked out from the review the first left, never from the
    review as it was when asked (which would bring the first file back)."""
    _demo(qtbot, window)
    other = next(f for f in _files(window) if f != SEARCH and f.endswith("search.csv"))
    reached, release = threading.Event(), threading.Event()
    real = review_session.carry

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        reached.set()
        release.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(review_session, "carry", held)
    window.remove_source(SEARCH)
    qtbot.waitUntil(reached.is_set, timeout=20000)
    window.remove_source(other)
    release.set()
    wait_idle(qtbot, window)
    assert SEARCH not in _files(window) and other not in _files(window)
    assert window.session.failure is None


def test_a_claimed_count_typed_is_saved_off_the_gui_thread_and_a_cancel_undoes_it(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch: pytest.MonkeyPatch, large: None
) -> None:
    session = _demo(qtbot, window)
    threads = _threads(monkeypatch, "set_claims")
    grid = window.sources.claims.model
    row = [p.id for p in grid.programmes].index("rsv_pregnant")
    column = grid.months.index("2024-12")
    assert grid.setData(grid.index(row, column), "7")
    wait_idle(qtbot, window)
    assert threads == ["Saving the claimed counts"]
    claimed = {(c.programme, c.month): c.count for c in session.review.inputs.claims}
    assert claimed[("rsv_pregnant", "2024-12")] == 7
    assert window.statusBar().currentMessage() == "Saved: the claimed counts"

    reached, release = threading.Event(), threading.Event()
    real = review_session.Review.with_claims

    def held(self, claims):  # type: ignore[no-untyped-def]
        reached.set()
        release.wait(60)
        return real(self, claims)

    monkeypatch.setattr(review_session.Review, "with_claims", held)
    assert grid.setData(grid.index(row, column), "9")
    qtbot.waitUntil(reached.is_set, timeout=20000)
    window.ops.running[0].cancel()
    release.set()
    wait_idle(qtbot, window)
    claimed = {(c.programme, c.month): c.count for c in session.review.inputs.claims}
    assert claimed[("rsv_pregnant", "2024-12")] == 7
    assert str(grid.index(row, column).data()) == "7"  # the grid shows what is saved
    assert "cancelled. Nothing was changed: the claimed counts are as they were" in (
        window.statusBar().currentMessage()
    )


def test_a_small_review_s_claimed_count_is_saved_at_once(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """No moment with the page taking no keys: the next count typed is never lost."""
    session = _demo(qtbot, window)
    grid = window.sources.claims.model
    row = [p.id for p in grid.programmes].index("rsv_pregnant")
    assert grid.setData(grid.index(row, grid.months.index("2024-12")), "7")
    assert not window.ops.busy and window.review_area.isEnabled()
    claimed = {(c.programme, c.month): c.count for c in session.review.inputs.claims}
    assert claimed[("rsv_pregnant", "2024-12")] == 7


def test_cancel_while_making_a_new_review_makes_none_and_says_so(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch: pytest.MonkeyPatch, samples
) -> None:
    """Import on a new review's Files page, then Cancel: the Cancel was heeded (no review
    file made, the files still waiting) but nothing said so; the window looked as if Import
    had not been pressed (decision 286)."""
    from cqrs_desktop import paths
    from cqrs_desktop.ui import backend

    window.new_review()
    window.sources.add_files([samples / "emis_pertussis_search.csv", samples / "cqrs_figures.csv"])
    wait_idle(qtbot, window)
    reached, release = threading.Event(), threading.Event()
    real = backend.import_files

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        reached.set()
        release.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(backend, "import_files", held)
    window.sources.import_button.click()
    qtbot.waitUntil(reached.is_set, timeout=20000)
    window.ops.running[0].cancel()  # as the dialog's Cancel does
    release.set()
    wait_idle(qtbot, window)
    assert window.session is None
    assert not list(paths.reviews_dir().glob("*.cqrsreview"))
    assert sorted(e.name for e in window.sources.waiting) == [
        "cqrs_figures.csv",
        "emis_pertussis_search.csv",
    ]
    assert window.statusBar().currentMessage() == (
        "Cancelled: no review was made (the files still wait on the Files page)"
    )
