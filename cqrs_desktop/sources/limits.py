"""The most an input may hold, checked before the file is read whole.

A practice's search export for these programmes has hundreds to a few thousand rows and
tens of columns; the limits are far above that, and low enough that a whole `check` of
the largest file they let through stays well under 1 GB of memory (docs/decisions.md).
Each refusal is one plain line naming the limit; none quotes a cell.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cqrs_desktop.sources.errors import SourceError

MAX_FILE_BYTES = 100 * 1024 * 1024  # any input file, looked at before it is read
MAX_ROWS = 100_000  # data rows of one table
MAX_SHEET_ROWS = MAX_ROWS + 1_000  # a sheet's last row holding a value (title, footer)
MAX_LINES = MAX_ROWS + 1_000  # lines of a text file (preamble, header, footer, blanks)
MAX_COLUMNS = 1_000  # exports have tens of columns
MAX_CELLS = 5_000_000  # rows x columns of the grid a table is read into
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_TEXT_CHARS = 100_000_000  # text a workbook's cells hold once shared strings are copied
MAX_UNZIPPED_BYTES = 500 * 1024 * 1024  # XML inside an .xlsx, counted as it is unpacked
MAX_ZIP_ENTRIES = 10_000  # parts of an .xlsx (Excel writes tens)

_NARROW = "narrow the search (the programmes and months being checked) and export it again"


def read_file(path: Path) -> bytes:
    """The bytes of an input file; SourceError for one that cannot be read or is larger
    than any export, found from its size before a byte is read."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SourceError(
                name,
                f"the file is {size / 1024 / 1024:,.0f} MB, more than the "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB this app reads; a search export for "
                f"these vaccinations is far smaller: {_NARROW}",
            )
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(name, f"the file could not be opened{_why(exc)}") from None
    except MemoryError:
        raise SourceError(name, "the file is too large to read on this computer") from None


def _why(exc: OSError) -> str:
    """Why an input could not be opened, in words for the user. On Windows a file another
    program holds without sharing it (Excel with it open) and a file the user may not read
    give the same "Permission denied"; both are said."""
    if isinstance(exc, PermissionError) and os.name == "nt":
        return (
            ": it may be open in another program, such as Excel (close it there and try "
            "again), or you may not have permission to read it"
        )
    return f" ({exc.strerror or 'it could not be read'})"


def too_many_rows(name: str, rows: int, what: str = "rows") -> SourceError:
    return SourceError(
        name,
        f"the file has {rows:,} {what}, more than the {MAX_ROWS:,} rows this app reads; {_NARROW}",
    )


def too_many_cells(name: str, rows: int, columns: int) -> SourceError:
    return SourceError(
        name,
        f"the table is {rows:,} rows by {columns:,} columns, more than the "
        f"{MAX_CELLS:,} cells this app reads; leave out columns you do not need, or "
        f"{_NARROW}",
    )


def column_letters(number: int) -> str:
    """Excel's name for a 1-based column number: 1 -> A, 16384 -> XFD."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class SheetSize:
    """What a sheet really holds, measured without building it: the last row and column
    with a value (1-based; 0 when empty) and an upper bound of its cells' text once every
    shared string is copied into each cell that uses it."""

    rows: int
    columns: int
    text_chars: int = 0
    # the rows Excel hides (a filter, or hidden by hand), 1-based: read like any other,
    # and said (decision 183)
    hidden_rows: tuple[int, ...] = ()

    def problem(self) -> str | None:
        """Why the sheet must not be read, in words for the user; None when it may."""
        fix = (
            "if that is a stray entry, delete it (Ctrl+End in Excel goes to the last cell) "
            "and save the workbook"
        )
        if self.columns > MAX_COLUMNS:
            return (
                f"has a value in column {column_letters(self.columns)}, beyond the "
                f"{MAX_COLUMNS:,} columns a search export could have; {fix}"
            )
        if self.rows > MAX_SHEET_ROWS:
            return (
                f"has a value in row {self.rows:,}, beyond the {MAX_ROWS:,} rows this app "
                f"reads; {fix}, or {_NARROW}"
            )
        if self.rows * self.columns > MAX_CELLS:
            return (
                f"spans {self.rows:,} rows by {self.columns:,} columns, more than the "
                f"{MAX_CELLS:,} cells this app reads; {fix}, or {_NARROW}"
            )
        if self.text_chars > MAX_TEXT_CHARS:
            return (
                f"holds more than {MAX_TEXT_CHARS:,} characters of text (long text repeated "
                "in many cells); a search export is far smaller"
            )
        return None
