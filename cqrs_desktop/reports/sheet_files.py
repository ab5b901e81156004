"""Where openpyxl keeps each sheet of a workbook while it is written.

Writing a workbook in openpyxl's write-only mode puts each sheet in a file of the system's
temporary folder until the workbook is saved; openpyxl removes them then, or when the
program ends. A workbook that fails half-way in a window that stays open, or a program
killed while writing, would leave patient details in %TEMP%, never cleaned. Here they are
made as private temporaries beside the workbook instead (named as this program's other
temporaries, so the next run into that folder removes any a killed program left), and
removed as soon as the writing ends, however it ends.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet import _writer

from cqrs_desktop.store.file_safety import temporaries_of, temporary_beside

_openpyxl_own = _writer.create_temporary_file
_here = threading.local()  # the workbook each thread is writing, and its sheets' files


def _sheet_file(suffix: str = "") -> str:
    """openpyxl's `create_temporary_file`, beside the workbook being written."""
    beside: Path | None = getattr(_here, "beside", None)
    if beside is None:  # not written through `sheets_beside`: openpyxl's own way
        return str(_openpyxl_own(suffix))
    path = str(temporary_beside(beside))
    _here.made.append(path)
    _writer.ALL_TEMP_FILES.append(path)  # (openpyxl removes it from there when saved)
    return path


_writer.create_temporary_file = _sheet_file


@contextlib.contextmanager
def sheets_beside(book: Workbook, workbook: Path) -> Iterator[None]:
    """Within: the sheets of `book`, to be saved at `workbook`, are written beside it;
    when the block ends, any not saved are closed (a sheet's file is open while it is
    written, and Windows removes no open file) and whatever of them is left is removed."""
    _here.beside, _here.made = Path(workbook), []
    try:
        yield
    finally:
        for sheet in book.worksheets:
            if getattr(sheet, "_writer", None) is not None and not sheet.closed:
                with contextlib.suppress(Exception):  # (a full disk: removed all the same)
                    sheet.close()
        for path in _here.made:
            with contextlib.suppress(OSError):
                os.remove(path)
            with contextlib.suppress(ValueError):
                _writer.ALL_TEMP_FILES.remove(path)
        _here.beside, _here.made = None, []


def remove_sheets_of(workbook: Path) -> None:
    """Remove the sheets a stopped writer of the workbook at `workbook` left (another
    process, ended before it could remove them)."""
    for path in temporaries_of(Path(workbook)):
        with contextlib.suppress(OSError):
            path.unlink()
