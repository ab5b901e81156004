"""The one way long work (imports, exports) runs: off the GUI thread, with progress and cancel.

The work runs on a plain Python thread (PySide's QRunnable wrappers proved fragile). The
work function gets two callables: `progress(done, total, text)` and `cancelled()`; it stops
for a Cancel by raising `OperationCancelled` (work that returns has been done, and is
shown as done). It must not touch a widget; its result comes back on the GUI thread
through `on_done`. Errors come back as a plain message with the technical detail folded
away.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6 import QtCore
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow, QProgressDialog, QWidget

from cqrs_desktop.errors import OperationCancelled, UserError
from cqrs_desktop.ui.messages import show_problem


class ProgressFn(Protocol):
    def __call__(self, done: int, total: int, text: str = "") -> None: ...


Work = Callable[[ProgressFn, Callable[[], bool]], Any]


def plain_message(error: BaseException) -> str:
    """What to tell the user. Our own errors already speak plainly; others get a safe line."""
    if isinstance(error, UserError):
        text = str(error).strip()
        if text:
            return text
    if isinstance(error, OSError):  # the OS's words and the file name, never file contents
        where = f" ({error.filename})" if error.filename else ""
        if isinstance(error, PermissionError):
            return "The file is open in another program or you may not write there" + where + "."
        return f"{error.strerror or 'The file could not be used'}{where}."
    # Other errors' messages can quote cells of the file (patient data): never shown.
    return "Something unexpected went wrong. Nothing you have already recorded is lost."


def technical_detail(error: BaseException) -> str:
    """Where it went wrong, for IT: the call stack and the kind of error, without the
    error's message (which can quote a patient's details)."""
    from cqrs_desktop.fault_log import fault_text

    return fault_text(error)


_workers: set[threading.Thread] = set()  # started by this module (on the window's thread)


def _start(thread: threading.Thread) -> None:
    _workers.intersection_update(t for t in _workers if t.is_alive())
    _workers.add(thread)
    thread.start()


def work_running() -> bool:
    """Whether any work started here is still running on its worker thread (the cycle
    collector waits for it: `ui.collector`)."""
    return any(t.is_alive() for t in list(_workers))


class _Signals(QObject):
    progressed = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object, str)


class _Runner:
    """The worker thread's side: runs the work, reports only through queued signals."""

    def __init__(self, work: Work, signals: _Signals, stop: threading.Event) -> None:
        self.work = work
        self.signals = signals
        self.stop = stop

    def run(self) -> None:
        def progress(done: int, total: int, text: str = "") -> None:
            with contextlib.suppress(RuntimeError):  # the window has closed: nobody to tell
                self.signals.progressed.emit(done, total, text)

        try:
            result = self.work(progress, self.stop.is_set)
        except BaseException as exc:  # reported to the user, never swallowed silently
            with contextlib.suppress(RuntimeError):  # ... unless the window has closed
                self.signals.failed.emit(exc, technical_detail(exc))
        else:
            with contextlib.suppress(RuntimeError):
                self.signals.done.emit(result)


class Operation(QObject):
    """One running piece of work. Keep a reference until `finished` (the helper does)."""

    finished = Signal(bool)  # True when it produced a result

    def __init__(
        self,
        parent: QWidget,
        title: str,
        work: Work,
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None] | None = None,
        changes_in_on_done: bool = False,
        on_cancelled: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.title = title
        self.on_done = on_done
        self.on_failed = on_failed
        # The work only reads and `on_done` makes the change: a Cancel until then stops it.
        self.changes_in_on_done = changes_in_on_done
        # what to say, or put back, once a Cancel has stopped the work (nothing was done)
        self.on_cancelled = on_cancelled
        self.stop = threading.Event()
        self.signals = _Signals()
        self.signals.progressed.connect(self._progressed, QtCore.Qt.ConnectionType.QueuedConnection)
        self.signals.done.connect(self._done, QtCore.Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._failed, QtCore.Qt.ConnectionType.QueuedConnection)
        self.dialog = QProgressDialog(title, "&Cancel", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setAccessibleName(title)
        self.dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.running = True
        self.runner = _Runner(work, self.signals, self.stop)
        self.worker = threading.Thread(target=self.runner.run, name=title, daemon=True)
        _start(self.worker)

    def cancel(self) -> None:
        self.stop.set()
        self.dialog.setLabelText("Stopping…")

    def _progressed(self, done: int, total: int, text: str) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total > 0 else 0)
        if text and not self.stop.is_set():  # once cancelled it keeps saying "Stopping…"
            self.dialog.setLabelText(text)

    def _close(self) -> None:
        self.running = False
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        self.dialog.deleteLater()

    def _done(self, result: object) -> None:
        """The work finished. A Cancel that came too late to stop it (the work stops by
        raising `OperationCancelled`) changes nothing: what was done was done, so it is
        shown (the review made is opened, the file saved is named), and said. Unless
        `on_done` is where the change is made: then nothing has changed yet, and the
        Cancel stops it there."""
        self._close()
        late = self.stop.is_set()
        if late and self.changes_in_on_done:  # nothing changed yet: the Cancel still stops it
            self._cancelled()
            self.finished.emit(False)
            return
        try:
            self.on_done(result)
        finally:
            if late:
                self._say_too_late()
            self.finished.emit(True)

    def _cancelled(self) -> None:
        if self.on_cancelled is not None:
            self.on_cancelled()

    def _say_too_late(self) -> None:
        """In the window's status bar, before what `on_done` put there."""
        window = self.parent_widget.window()
        if isinstance(window, QMainWindow):
            bar = window.statusBar()
            said = bar.currentMessage()
            text = f"{self.title}: it had already finished when Cancel was pressed"
            bar.showMessage(f"{text}. {said}" if said else text, 15000)

    def _failed(self, error: BaseException, detail: str) -> None:
        self._close()
        # after Cancel, whatever stopped the work (OperationCancelled, or a reader
        # interrupted) is the cancel the user asked for, not a problem to report
        if isinstance(error, OperationCancelled) or self.stop.is_set():
            self._cancelled()
        else:
            if self.on_failed is not None:
                self.on_failed(error)
            else:
                show_problem(
                    self.parent_widget,
                    f"{self.title}: it did not work",
                    plain_message(error),
                    detail,
                )
        self.finished.emit(False)


class Quietly(QObject):
    """Work that only reads, quickly as a rule, and must not hold the window meanwhile (a
    file on a network drive not connected can keep Windows waiting for many seconds): `work`
    (no arguments) on a plain thread, no progress, no Cancel. Its result goes to `on_done`
    on the GUI thread; once `parent` has gone (the window closed), to no one. A failure is
    said, as other work's is, and then `on_failed` is called (so what waited knows)."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.title = title
        self.on_done = on_done
        self.on_failed = on_failed
        self.signals = _Signals()  # the thread's; kept alive by it, not by the window
        self.signals.done.connect(self._done, QtCore.Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._failed, QtCore.Qt.ConnectionType.QueuedConnection)
        runner = _Runner(lambda _p, _c: work(), self.signals, threading.Event())
        _start(threading.Thread(target=runner.run, name=title, daemon=True))

    def _done(self, result: object) -> None:
        try:
            self.on_done(result)
        finally:
            self.deleteLater()

    def _failed(self, error: BaseException, detail: str) -> None:
        try:
            show_problem(
                self.parent_widget, f"{self.title}: it did not work", plain_message(error), detail
            )
        finally:
            self.deleteLater()
            if self.on_failed is not None:
                self.on_failed()


class Operations(QObject):
    """Starts operations and keeps them alive; `busy` tells tests and the window to wait."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running: list[Operation] = []

    @property
    def busy(self) -> bool:
        return bool(self.running)

    def run(
        self,
        parent: QWidget,
        title: str,
        work: Work,
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None] | None = None,
        changes_in_on_done: bool = False,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Operation:
        op = Operation(parent, title, work, on_done, on_failed, changes_in_on_done, on_cancelled)
        self.running.append(op)
        op.finished.connect(lambda _ok, op=op: self._finished(op))
        self.changed.emit()
        return op

    def _finished(self, op: Operation) -> None:
        if op in self.running:
            self.running.remove(op)
        # Deleted once control is back in the event loop (Qt defers it past this slot and
        # any nested loop); not from a timer holding the Python object, which under Wine
        # once fired after the operation had gone ("Internal C++ object already deleted").
        op.deleteLater()
        self.changed.emit()
