"""A fault in the app (not a problem the user can act on) goes to a log file for IT.

The log holds where it happened (files, lines, functions of the app), the kind of error and
the app's version: never the error's message or any value, which can quote a cell of a
patient file. One file per fault, in the data folder's `logs`, the newest 20 kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import platform
import traceback
from pathlib import Path

from cqrs_desktop import __version__, paths

_KEEP = 20


def fault_text(error: BaseException) -> str:
    """The call stack and the kind of error, without the error's message."""
    stack = traceback.format_list(traceback.extract_tb(error.__traceback__))
    return "".join(stack) + f"{type(error).__module__}.{type(error).__name__}"


def write_fault(error: BaseException) -> Path | None:
    """Write the fault's log file; its path, or None when it could not be written."""
    folder = paths.data_dir() / "logs"
    now = dt.datetime.now()
    head = (
        f"CQRS Desktop {__version__}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}, {now.isoformat(timespec='seconds')}\n"
        "An internal fault (the error's own message is left out: it may quote patient data).\n\n"
    )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"fault-{now:%Y%m%d-%H%M%S-%f}.log"
        path.write_text(head + fault_text(error) + "\n", encoding="utf-8")
    except OSError:
        return None
    with contextlib.suppress(OSError):
        for old in sorted(folder.glob("fault-*.log"))[:-_KEEP]:
            old.unlink()
    return path


def fault_line(error: BaseException) -> str:
    """The one line the command line prints for a fault, naming the log."""
    logged = write_fault(error)
    where = f"; details for IT in {logged}" if logged else ""
    return (
        f"error: internal fault ({type(error).__name__}); nothing was saved over existing "
        f"files{where}"
    )
