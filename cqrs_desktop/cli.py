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


def _terminate(_signum: int, _frame: object) -> None:
    raise Terminated()


def _stop_on_terminate() -> None:
    with contextlib.suppress(ValueError, OSError):  # not the main thread: leave it
        signal.signal(signal.SIGTERM, _terminate)


def main(argv: list[str] | None = None) -> int:
    _utf8_output()
    args_list = list(sys.argv[1:] if argv is None else argv)
    wants_cli = bool(args_list) and args_list[0] in COMMAND_WORDS
    if not wants_cli:
        return _gui(args_list)
    _stop_on_terminate()
    # A writer abandoned by an error it already reported (a full disk) may fail again as
    # it is cleaned up: Python would print that as a traceback, which says nothing more
    sys.unraisablehook = lambda _unraisable: None
    try:
        from cqrs_desktop import commands

        return commands.run(args_list)
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else 0
    except UserError as exc:  # bad input, a file in use, a full disk, a usage error
        print(f"error: {exc}", file=sys.stderr)
        return BAD_INPUT
    except Terminated:
        print("error: stopped (asked to end)", file=sys.stderr)
        return TERMINATED
    except KeyboardInterrupt:
        print("error: stopped (Ctrl+C)", file=sys.stderr)
        return STOPPED
    except OSError as exc:  # the disk, a folder or a file: the user's computer, not a fault
        where = f"{Path(str(exc.filename)).name}: " if exc.filename else ""
        reason = exc.strerror or "a file could not be read or written"
        print(f"error: {where}{reason}", file=sys.stderr)
        return BAD_INPUT
    except Exception as exc:
        if os.environ.get("CQRS_DESKTOP_DEBUG"):
            raise
        # The message may quote file contents: the kind of fault, and a log for IT.
        from cqrs_desktop.fault_log import print_fault

        print_fault(exc)
        return INTERNAL_FAULT


if __name__ == "__main__":
    sys.exit(main())
