"""Python's cycle collector run by the window's own thread, between events, never beside work.

Python starts a collection on whichever thread happens to allocate when its counts pass
their thresholds: with the window's work on worker threads (`ui.operations`), that can be
a worker, which then frees Qt objects that belong to the window's thread, or the window's
thread at any allocation in the middle of its work while a worker runs Python. The whole
UI suite crashed in the collector (a segmentation fault, on the window's thread while a
worker read a file) with decision 342's background read; the exact cause is not known. As
pyqtgraph does, automatic collection is off while a window is up and a timer on the
window's thread collects instead, generation by generation as Python would, only between
events and not while any of the window's work runs on a worker (only reference cycles
wait meanwhile; everything else is freed at once, as ever). Decision 350.

Automatic collection is process-wide: the first window turns it off, and the last one to
go puts back what the first found, so code without a window is unaffected. A window goes
when Qt has destroyed it, not when it closes: a closed window is destroyed later (from the
event loop), and a collection started by an allocation in the middle of that, with Qt
holding a lock while it deletes the window's widgets, deleted another Qt object that
needed the same lock and hung the process (seen in the UI tests: decision 381). So the
hold is given back once the window has been destroyed, from the event loop after.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

EVERY_MS = 1000  # how often the counts are looked at (a collection, when due, is quick)

_holders = 0  # windows up with a collector
_was_enabled = True  # automatic collection before the first of them
_kept_last_full = 0  # objects in the oldest generation after the last full collection


class GuiCollector(QObject):
    """Collects cycles on the thread it is made on (the window's), from a timer, until
    `stop` (the window closed) or until it is destroyed with the window. `busy` says
    whether work is running on a worker thread: collection then waits for it."""

    def __init__(self, parent: QObject, busy: Callable[[], bool], every_ms: int = EVERY_MS) -> None:
        super().__init__(parent)
        self.busy = busy
        self._hold = hold = _Hold()
        # given back once Qt has destroyed the window, from the event loop after (never in
        # the middle of destroying it); a plain object's method, as the window is going
        parent.destroyed.connect(lambda *_gone: QTimer.singleShot(0, hold.release))
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(every_ms)

    def check(self) -> None:
        """A collection of the generations Python itself would collect now, if any."""
        if not self._hold.held:
            return
        if gc.isenabled():  # turned back on meanwhile (a library, say): off again
            gc.disable()
        if self.busy():
            return
        collect_due()

    def stop(self) -> None:
        """The window closed: no more collections from here. Automatic collection stays
        off until the window has been destroyed (then as it was, unless another window is
        still up)."""
        self.timer.stop()


class _Hold:
    """One window's hold on automatic collection, given back once."""

    def __init__(self) -> None:
        global _holders, _was_enabled
        if _holders == 0:
            _was_enabled = gc.isenabled()
        gc.disable()
        _holders += 1
        self.held = True

    def release(self, *_gone: object) -> None:
        global _holders
        if not self.held:
            return
        self.held = False
        _holders = max(_holders - 1, 0)
        if _holders == 0 and _was_enabled:
            gc.enable()


def collect_due() -> int:
    """Collect the oldest generation whose count has passed its threshold, as Python's own
    collector would (younger generations with it); how many objects were unreachable. As
    Python does, the oldest is left until a quarter as many objects again as it kept at its
    last collection have come into it: a large review's hundreds of thousands of objects
    are not walked again and again, each time a pause in the window."""
    global _kept_last_full
    counts = gc.get_count()
    thresholds = gc.get_threshold()
    due = -1
    for generation in range(3):
        if counts[generation] <= thresholds[generation]:
            break
        due = generation
    if due == 2:
        now = len(gc.get_objects(generation=2))
        if now - _kept_last_full < _kept_last_full / 4:
            due = 1
    if due < 0:
        return 0
    found = gc.collect(due)
    if due == 2:
        _kept_last_full = len(gc.get_objects(generation=2))
    return found
