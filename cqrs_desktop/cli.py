"""The `cqrs-desktop` command: the GUI by default, plus `check`, `export` and `demo-data`.

Exit codes: 0 success (pending items included), 2 bad input or a problem of the computer
(a folder that cannot be written; one line `error: ...` on stderr), 1 internal fault, 130
stopped by Ctrl+C, 143 ended by SIGTERM. Messages never carry patient data. The commands
in `commands`, loaded only when one is asked for, so the window opens without them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path

from cqrs_desktop.errors import UserError

BAD_INPUT = 2
INTERNAL_FAULT = 1
STOPPED = 130  # as a shell reports a program stopped by Ctrl+C
TERMINATED = 143  # as a shell reports a program ended by SIGTERM
COMMAND_WORDS = ("check", "export", "demo-data", "-h", "--help", "--version")


def gui_arguments(argv: list[str]) -> tuple[list[str], Path | None, bool]:
    """The window's arguments: (Qt's own, the review to open, whether to open the demo).

    A review file comes as `FILE.cqrsreview`, in any case: Windows passes the name as the
    user wrote it when a file is opened from Explorer.
    """
    review_path: Path | None = None
    demo = False
    rest = []
    for arg in argv:
        if arg == "--demo":
            demo = True
        elif arg.lower().endswith(".cqrsreview") and review_path is None:
            review_path = Path(arg)
        else:
            rest.append(arg)
    return rest, review_path, demo


def _gui(argv: list[str]) -> int:
    from cqrs_desktop.app import run_gui

    return run_gui(*gui_arguments(argv))


def _utf8_output() -> None:
    """Messages go out in UTF-8, whatever the code page: file names such as 'Łódź' read right.

    On a Windows console Python writes with WriteConsoleW (UTF-16, PEP 528), so cmd and
    PowerShell show every letter; redirected to a file or a pipe, Python would otherwise use
    the ANSI code page (cp1252), which has no 'Ł'. A name that is not text at all (undecodable
    bytes on Linux) is written escaped rather than stopping the run after its files are written.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # None: a windowed program
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="backslashreplace")


class Terminated(KeyboardInterrupt):
    """SIGTERM (a task manager, a scheduler, `kill`): stopped as Ctrl+C stops, so the
    temporary files are removed and the workbook's second process is stopped too."""


# The signals that asked the command to stop: the stop raised inside a Qt call (drawing a
# PDF) can come out as another error, which is then still the stop the user asked for.
_asked_to_stop: list[int] = []


def _stop(signum: int, _frame: object) -> None:
    _asked_to_stop.append(signum)
    raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()


_Handlers = dict[signal.Signals, object]


def _stop_on_signals() -> _Handlers:
    """Ctrl+C and SIGTERM stop the command; the handlers they had before."""
    before: _Handlers = {}
    with contextlib.suppress(ValueError, OSError):  # not the main thread: leave it
        for signum in (signal.SIGINT, signal.SIGTERM):
            before[signum] = signal.signal(signum, _stop)
    return before


def _done_with_signals(before: _Handlers, program: bool) -> None:
    """The command has finished (and said so). As the program (`program`), a Ctrl+C now
    changes nothing: Python would otherwise end with 130 after a run that was whole.
    Called in a process that goes on (a test), the handlers are put back."""
    with contextlib.suppress(ValueError, OSError, TypeError):
        for signum, handler in before.items():
            signal.signal(signum, signal.SIG_IGN if program else handler)  # type: ignore[arg-type]


def _with_notes(text: str, exc: BaseException) -> str:
    """`text`, then what the command added to the error (a review file saved whole)."""
    notes = [n for n in getattr(exc, "__notes__", ()) if isinstance(n, str)]
    return "; ".join([text, *notes])


def main(argv: list[str] | None = None) -> int:
    _utf8_output()
    args_list = list(sys.argv[1:] if argv is None else argv)
    wants_cli = bool(args_list) and args_list[0] in COMMAND_WORDS
    if not wants_cli:
        return _gui(args_list)
    _asked_to_stop.clear()
    before = _stop_on_signals()
    # A writer abandoned by an error it already reported (a full disk) may fail again as
    # it is cleaned up: Python would print that as a traceback, which says nothing more
    sys.unraisablehook = lambda _unraisable: None
    try:
        return _command(args_list)
    finally:
        _done_with_signals(before, program=argv is None)


def _command(args_list: list[str]) -> int:
    """Run the command; every way it can end as one exit code, and at most one line."""
    try:
        from cqrs_desktop import commands

        return commands.run(args_list)
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else 0
    except KeyboardInterrupt as exc:  # Ctrl+C, or Terminated
        return _stopped(exc)
    except Exception as exc:
        if _asked_to_stop:  # the stop, come out of a Qt call as another error
            return _stopped(exc)
        return _failed(exc)


def _stopped(exc: BaseException) -> int:
    terminated = isinstance(exc, Terminated) or signal.SIGTERM in _asked_to_stop
    said = "stopped (asked to end)" if terminated else "stopped (Ctrl+C)"
    print(_with_notes(f"error: {said}", exc), file=sys.stderr)
    return TERMINATED if terminated else STOPPED


def _failed(exc: Exception) -> int:
    if isinstance(exc, UserError):  # bad input, a file in use, a full disk, a usage error
        print(_with_notes(f"error: {exc}", exc), file=sys.stderr)
        return BAD_INPUT
    if isinstance(exc, OSError):  # the disk, a folder or a file: the user's computer
        where = f"{Path(str(exc.filename)).name}: " if exc.filename else ""
        reason = exc.strerror or "a file could not be read or written"
        print(_with_notes(f"error: {where}{reason}", exc), file=sys.stderr)
        return BAD_INPUT
    if os.environ.get("CQRS_DESKTOP_DEBUG"):
        raise exc
    # The message may quote file contents: the kind of fault, and a log for IT.
    from cqrs_desktop.fault_log import fault_line

    print(_with_notes(fault_line(exc), exc), file=sys.stderr)
    return INTERNAL_FAULT


if __name__ == "__main__":
    sys.exit(main())
