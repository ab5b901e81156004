"""Python's cycle collector runs only on the window's thread, from its timer, and never beside
the window's work on a worker thread (decision 350): with the window up, a worker that
makes cycles starts no collection; the cycles it leaves are freed by the window's thread;
a running operation holds collection off until it ends; and once the window has gone,
automatic collection is as it was."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from tests.ui.conftest import wait_idle


class Knot:
    """An object in a cycle with itself: only the cycle collector frees it."""

    def __init__(self) -> None:
        self.me = self


def knots(count: int) -> list[weakref.ref[Knot]]:
    """`count` cycles left as garbage; weak references to them, to see them freed."""
    return [weakref.ref(Knot()) for _ in range(count)]


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The thread each collection started on, while the test runs."""
    started: list[int] = []

    def heard(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            started.append(threading.get_ident())

    gc.callbacks.append(heard)
    yield started
    gc.callbacks.remove(heard)


def made_on_a_worker(count: int) -> tuple[int, list[weakref.ref[Knot]]]:
    made: list[list[weakref.ref[Knot]]] = []
    worker = threading.Thread(target=lambda: made.append(knots(count)), name="test worker")
    worker.start()
    worker.join()
    assert worker.ident is not None
    return worker.ident, made[0]


def test_a_worker_making_cycles_starts_no_collection_while_the_window_is_up(
    qtbot, window, collections: list[int]
) -> None:
    worker, _ = made_on_a_worker(50_000)  # 70 times Python's first threshold
    assert worker not in collections
    assert not gc.isenabled()  # automatic collection is off: it starts on any thread


def test_the_cycles_a_worker_left_are_freed_by_the_windows_thread(
    qtbot, window, collections: list[int]
) -> None:
    _, left = made_on_a_worker(20_000)
    qtbot.waitUntil(lambda: all(ref() is None for ref in left), timeout=10_000)
    assert collections  # collected, by the window's timer ...
    assert set(collections) == {threading.main_thread().ident}  # ... on the window's thread


def test_collection_waits_while_the_windows_work_runs_on_a_worker(
    qtbot, window, collections: list[int]
) -> None:
    wait_idle(qtbot, window)  # the start page's reading of the recent reviews, done
    go_on = threading.Event()
    window.ops.run(window, "Working", lambda _p, _c: go_on.wait(20), lambda _r: None)
    collections.clear()  # (one due before the work started may have run as the test began)
    left = knots(20_000)
    qtbot.wait(2500)  # two of the timer's looks at the counts, at least
    assert all(ref() is not None for ref in left)
    assert collections == []
    go_on.set()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: all(ref() is None for ref in left), timeout=10_000)
    assert set(collections) == {threading.main_thread().ident}


def closed(win: object) -> None:
    """Closed, as the user does, then destroyed by Qt later, as a closed window is: with
    no collection in between, though it is no longer up (decision 381)."""
    win.close()  # type: ignore[attr-defined]
    win.deleteLater()  # type: ignore[attr-defined]
    QCoreApplication.processEvents()  # the close's own events, not the deletion
    assert not gc.isenabled()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def destroyed(win: object) -> None:  # never closed (a window's parent gone, say)
    win.deleteLater()  # type: ignore[attr-defined]
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.parametrize("gone", [closed, destroyed])
def test_automatic_collection_is_as_it_was_once_the_last_window_has_gone(
    qtbot, practice_settings: object, gone: Callable[[object], None]
) -> None:
    from cqrs_desktop.app import build_window
    from cqrs_desktop.ui import collector

    # an earlier test's window, its deletion still to come (a close refused while its work
    # ran, say), holds collection off until it goes: gone first, so the count starts at 0
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.waitUntil(lambda: collector._holders == 0, timeout=10_000)
    try:
        for was_on in (True, False):
            (gc.enable if was_on else gc.disable)()
            first = build_window()  # as the app makes its window
            second = build_window()
            assert not gc.isenabled()
            gone(first)
            assert not gc.isenabled()  # the other window is still up
            gone(second)
            # put back once Qt has finished destroying it, from the event loop
            qtbot.waitUntil(lambda: collector._holders == 0, timeout=5_000)
            assert gc.isenabled() is was_on
    finally:
        gc.enable()
