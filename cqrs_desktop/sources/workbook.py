"""Excel workbooks (.xlsx and .xls) to rows of cell values, one sheet at a time.

python-calamine reads them; each sheet is measured first (`xlsx_scan`, `xls_scan`) and one
too big to read is never handed to it: in an .xlsx the table is looked for in the other
sheets, and a sheet left out is named in a warning (or in the error, when no other sheet
holds the table); an .xls, whose sheets calamine reads all at once on opening, is refused.
Only the best sheet so far is kept in memory.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from cqrs_desktop.sources.errors import SourceError
from cqrs_desktop.sources.limits import MAX_COLUMNS, MAX_ROWS, SheetSize, too_many_rows
from cqrs_desktop.sources.text import FileKind
from cqrs_desktop.sources.xls_scan import scan_xls
from cqrs_desktop.sources.xlsx_scan import scan_xlsx

HEADER_SEARCH_ROWS = 31  # up to 30 preamble lines, then the header

# Given the first rows of a sheet, the index of the header row and how good it looks.
HeaderFinder = Callable[[Sequence[Sequence[str]]], "tuple[int, float] | None"]


@dataclass(frozen=True)
class SheetTable:
    """The sheet holding the table: its rows as calamine gives them (from A1), the index
    of the header row, and warnings about sheets left out."""

    sheet: str
    header_index: int
    rows: list[list[Any]]
    warnings: tuple[str, ...]
    # the other sheets with rows under a header the finder took too (not read): a reader
    # for whom such a sheet's rows would be lost (a decisions file) refuses the workbook
    alike: tuple[str, ...] = ()


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        if value.is_integer():
            # Excel keeps 15 digits: a longer number (a 17-digit SNOMED code) has lost its
            # last ones, so it is given as Excel shows it, not with digits made up from the
            # binary number (42707511000001109 is no longer in the file; decision 181)
            return f"{value:.15G}"
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def used_width(rows: Sequence[Sequence[object]]) -> int:
    """Columns up to the last one holding a value (a sheet's used range may run on to
    column XFD because of formatting alone)."""
    width = 0
    for row in rows:
        last = len(row)
        while last > width and (row[last - 1] is None or row[last - 1] == ""):
            last -= 1
        width = max(width, last)
    return width


@contextmanager
def _native_errors_hidden() -> Iterator[None]:
    """Keep calamine's own report of a panic (written by its Rust code straight to the
    process's stderr, before pyo3 turns the panic into an exception that we report in
    one line) off the console. No console (the window on Windows): nothing to do."""
    try:
        stream = sys.__stderr__
        descriptor = stream.fileno() if stream is not None else -1
    except (AttributeError, OSError, ValueError):
        descriptor = -1
    if descriptor < 0:
        yield
        return
    with _STDERR_TAKEN:  # one reader at a time, or they could put it back in the wrong order
        stream.flush()  # type: ignore[union-attr]
        saved = os.dup(descriptor)
        try:
            with open(os.devnull, "wb") as null:
                os.dup2(null.fileno(), descriptor)
            yield
        finally:
            os.dup2(saved, descriptor)
            os.close(saved)


_STDERR_TAKEN = threading.RLock()


def _sizes(name: str, data: bytes, kind: FileKind) -> dict[str, SheetSize]:
    return scan_xlsx(name, data) if kind is FileKind.XLSX else scan_xls(name, data)


def _has_rows_under(rows: Sequence[Sequence[Any]], header: int) -> bool:
    """Whether any row under the header holds a value."""
    return any(any(cell_text(v) for v in row) for row in rows[header + 1 :])


def find_table(
    name: str, data: bytes, kind: FileKind, find_header: HeaderFinder, no_header: SourceError
) -> SheetTable:
    """The sheet whose top rows hold the best header; `no_header` when none does."""
    import python_calamine

    sizes = _sizes(name, data, kind)
    problems = {sheet: p for sheet, size in sizes.items() if (p := size.problem()) is not None}
    if problems and kind is FileKind.XLS:  # calamine reads every sheet of an .xls on opening
        first, why = next(iter(problems.items()))
        raise SourceError(name, f"sheet '{first}' {why}")
    left_out: list[tuple[str, str]] = []
    looks_alike: list[str] = []  # sheets with a header too: one is read, the others named
    with_rows: set[str] = set()  # those with rows under their header
    # the best sheet: one with rows under its header before one without (an empty first
    # sheet of a month with no doses must not hide the next one's), then the best header
    # a sheet hidden in Excel only when no sheet on show has a header: a hidden sheet
    # (old data, a lookup) read in place of the one the user sees was said only as the
    # visible sheet "not read" (decision 190)
    best: tuple[tuple[bool, bool, float], str, int, list[list[Any]]] | None = None
    hidden: set[str] = set()
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = []
    try:
        with (
            _native_errors_hidden(),
            python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)) as book,
        ):
            hidden = _hidden_sheets(book)
            for sheet in book.sheet_names:
                # a sheet the measure could not name is read only when none is too big
                problem = (
                    problems.get(sheet) if sheet in sizes else next(iter(problems.values()), None)
                )
                if problem is not None:
                    left_out.append((sheet, problem))
                    continue
                found = book.get_sheet_by_name(sheet)
                rows: list[list[Any]] = found.to_python(skip_empty_area=False)
                top = [
                    [cell_text(v) for v in row[: used_width([row])]]
                    for row in rows[:HEADER_SEARCH_ROWS]
                ]
                guess = find_header([row if len(row) <= MAX_COLUMNS else [] for row in top])
                if guess is not None:
                    looks_alike.append(sheet)
                    rank = (sheet not in hidden, _has_rows_under(rows, guess[0]), guess[1])
                    if rank[1]:
                        with_rows.add(sheet)
                    if best is None or rank > best[0]:
                        best = (rank, sheet, guess[0], rows)
                        merged = _merged_ranges(found)
    except python_calamine.PasswordError:
        raise SourceError(
            name, "the workbook is password-protected; remove the password in Excel and save it"
        ) from None
    except (SourceError, KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except MemoryError:
        raise SourceError(name, "the workbook is too large to read on this computer") from None
    except BaseException:  # calamine raises several kinds for a damaged file; a panic in its
        # Rust code arrives as pyo3's PanicException, which is not an Exception
        raise SourceError(
            name,
            "the workbook is damaged or incomplete and could not be opened; open it in "
            "Excel and save it again, or export the search again",
        ) from None
    if best is None:
        if left_out:
            sheet, problem = left_out[0]
            raise SourceError(name, f"sheet '{sheet}' {problem}")
        raise no_header
    _score, sheet, index, rows = best
    if len(rows) - index - 1 > MAX_ROWS:
        raise too_many_rows(name, len(rows) - index - 1)
    warnings = tuple(f"sheet '{s}' was not read: it {problem}" for s, problem in left_out)
    if sheet in hidden:
        warnings += (
            f"sheet '{sheet}', which was read, is hidden in the workbook (no sheet on show "
            "has a header): check it is the search",
        )
    warnings += tuple(
        f"sheet '{other}'{' (hidden in the workbook)' if other in hidden else ''} was not "
        f"read: it has a header like sheet '{sheet}', which was (one sheet of a workbook is "
        "read: save that sheet as a file of its own to add it too)"
        for other in looks_alike
        if other != sheet
    )
    size = sizes.get(sheet)
    warnings += _hidden_rows_read(size.hidden_rows if size else (), index, rows)
    warnings += _fill_merged_down(merged, index, rows)
    alike = tuple(other for other in looks_alike if other != sheet and other in with_rows)
    return SheetTable(sheet, index, rows, warnings, alike)


def _merged_ranges(sheet: Any) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The sheet's merged cells ((first row, column), (last row, column)), 0-based from
    A1; none when calamine cannot say."""
    try:
        return list(sheet.merged_cell_ranges or [])
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException:  # (a panic in calamine's Rust code is no Exception)
        return []


def _fill_merged_down(
    merged: Sequence[tuple[tuple[int, int], tuple[int, int]]],
    header: int,
    rows: list[list[Any]],
) -> tuple[str, ...]:
    """A cell merged down over rows under the header (a patient's details over each of
    their vaccinations) holds its value only in its first row: Excel shows it on every
    row, so it is read so, and said (decision 192). Merged across columns is left alone."""
    filled = 0
    for (top, column), (bottom, right) in merged:
        if right != column or bottom <= top or top <= header or top >= len(rows):
            continue
        value = rows[top][column] if column < len(rows[top]) else None
        if value is None or cell_text(value) == "":
            continue
        for r in range(top + 1, min(bottom, len(rows) - 1) + 1):
            if column < len(rows[r]) and cell_text(rows[r][column]) == "":
                rows[r][column] = value
                filled += 1
    if not filled:
        return ()
    return (
        f"{filled} {'cell' if filled == 1 else 'cells'} merged down over several rows "
        f"{'was' if filled == 1 else 'were'} read as holding the value of the merged cell "
        "on each row it covers, as Excel shows it",
    )


def _hidden_sheets(book: Any) -> set[str]:
    """The sheets Excel hides (hidden or very hidden); none when calamine cannot say (a
    workbook it reads only in part): then every sheet counts as on show, as before."""
    import python_calamine

    try:
        return {
            m.name
            for m in book.sheets_metadata
            if m.visible != python_calamine.SheetVisibleEnum.Visible
        }
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException:  # (a panic in calamine's Rust code is no Exception)
        return set()


def _hidden_rows_read(
    hidden: Sequence[int], header: int, rows: Sequence[Sequence[Any]]
) -> tuple[str, ...]:
    """Rows under the header that Excel hides (a filter, or hidden by hand) are in the
    file and read like the others: said, so no one counts only the rows on the screen
    (decision 183)."""
    read = sorted(
        r for r in set(hidden) if header + 1 < r <= len(rows) and any(map(cell_text, rows[r - 1]))
    )
    if not read:
        return ()
    more = f" and {len(read) - 10} more" if len(read) > 10 else ""
    shown = ", ".join(map(str, read[:10])) + more
    one = len(read) == 1
    return (
        f"{'row' if one else 'rows'} {shown} {'is' if one else 'are'} hidden in "
        f"the workbook (a filter, or hidden by hand) and {'was' if one else 'were'} read like "
        f"the others: if {'it is' if one else 'they are'} not part of the search, delete "
        f"{'it' if one else 'them'} in Excel, save, and import the file again",
    )
