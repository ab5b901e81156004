"""Any export to one table of text cells: the header row found, preamble and footer gone.

CSV/TXT/TSV (delimiter found from the content) and Excel workbooks (every sheet looked at,
the one holding a recognisable table chosen). Each reader says what a header looks like
for it through a `HeaderFinder`; this module does the rest, the same way for all of them.
Every cell comes back as stripped text ("" for blank); each data row keeps its 1-based line
(CSV) or row (sheet) number in the file, the number the user sees in Excel or Notepad.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING
from warnings import catch_warnings, simplefilter

from cqrs_desktop.sources.errors import SourceError
from cqrs_desktop.sources.limits import (
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_LINES,
    MAX_ROWS,
    read_file,
    too_many_cells,
    too_many_rows,
)
from cqrs_desktop.sources.text import FileKind, decode, file_kind
from cqrs_desktop.sources.workbook import (
    HEADER_SEARCH_ROWS,
    HeaderFinder,
    cell_text,
    find_table,
    used_width,
)

if TYPE_CHECKING:  # pandas and numpy load on first use: the window opens without them
    import numpy as np
    import pandas as pd

__all__ = ["HEADER_SEARCH_ROWS", "MAX_COLUMNS", "HeaderFinder", "Table", "read_table"]

_MAX_HEADER_CHARS = 65536
_MAX_CELL_LINES = 100  # a quoted cell over more lines than this is a quote left open
DELIMITERS = (",", "\t", ";", "|")
# Control characters (a vertical tab pasted from Word, a NUL from a damaged export, C1
# codes) and lone surrogates: never useful in a cell, and illegal in a workbook's XML.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

_FOOTER = re.compile(
    r"^(grand |sub)?totals?\b|^count\b|^end of\b|^number of\b|^population\b|^records?\b"
    r"|^rows?\b|^report (end|complete)|^\*+ ?end|^patients?\b|^\(?\d+ (rows?|records?|patients?)"
    r"|^(report |search )?(generated|printed|produced|created|exported|run)\b|^page \d"
    r"|^(date|time) (run|printed|generated|exported)\b|^run (on|by|date)\b",
    re.IGNORECASE,
)
# What marks a row as a footer in any of its (at most two) values, not only the first.
_FOOTER_BESIDE = re.compile(
    r"^page \d+(\s*(of|/)\s*\d+)?$|^(report |search )?(generated|printed|produced|exported|run)"
    r" (on|by|at)\b|^end of (report|search)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Table:
    """The table found in a file, ready for a reader to interpret."""

    file: str  # the file name
    sha256: str
    sheet: str | None  # the sheet chosen in a workbook
    header_row: int  # 1-based line or row of the header
    headers: tuple[str, ...]  # unique names ("Column 3" for a blank header cell)
    cells: pd.DataFrame  # data rows: columns 0..n-1, stripped text
    rows: tuple[int, ...]  # 1-based line or row of each data row
    warnings: tuple[str, ...] = ()  # about the file's text itself (broken quoting)
    # Data rows (1-based line or row) with values beyond the header's last column: an
    # unquoted comma in a value shifts what follows, so their columns may be wrong
    overflow: frozenset[int] = frozenset()
    # The lines or rows above the header (report title, run date, search period ...),
    # each as its filled cells joined by a space, for a reader to look at
    preamble: tuple[str, ...] = ()
    # In a workbook, the other sheets with a header like the one read (not read)
    alike_sheets: tuple[str, ...] = ()


def read_table(path: Path, find_header: HeaderFinder, looked_for: str) -> Table:
    """The best table in the file at `path`; SourceError when there is none.

    `looked_for` completes the message when no header is found, e.g.
    "columns such as NHS Number, Date, Code".
    """
    return table_from_bytes(path.name, read_file(path), find_header, looked_for)


def table_from_bytes(name: str, data: bytes, find_header: HeaderFinder, looked_for: str) -> Table:
    digest = hashlib.sha256(data).hexdigest()
    kind = file_kind(name, data)
    if kind is FileKind.TEXT:
        return _text_table(name, digest, data, find_header, looked_for)
    return _workbook_table(name, digest, data, kind, find_header, looked_for)


def _no_header(name: str, looked_for: str) -> SourceError:
    return SourceError(name, f"no header row found in the first 30 lines (looked for {looked_for})")


# ---------------------------------------------------------------- text files


def _split_line(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return line.split(delimiter)


def _text_table(
    name: str, digest: str, data: bytes, find_header: HeaderFinder, looked_for: str
) -> Table:
    text = decode(name, data)
    count = text.count("\n") + (not text.endswith("\n"))
    if count > MAX_LINES:  # before splitting: a million-line file is refused at once
        raise too_many_rows(name, count, "lines")
    lines = text.split("\n")
    del text
    if lines and lines[-1] == "":
        lines.pop()
    sample = lines[:60]
    best: tuple[tuple[float, int], str, int] | None = None
    for delimiter in DELIMITERS:
        for rows, starts in _sample_rows(sample, delimiter):
            guess = find_header(rows[:HEADER_SEARCH_ROWS])
            if guess is None:
                continue
            index, score = guess
            width = len(rows[index])
            steady = sum(1 for r in rows[index:] if len(r) == width)
            key = (score, steady * width)
            if best is None or key > best[0]:
                best = (key, delimiter, starts[index])
    if best is None:
        raise _header_quote(name, sample) or _no_header(name, looked_for)
    _key, delimiter, index = best
    preamble = tuple(
        preamble_text(_split_line(line[:_MAX_HEADER_CHARS], delimiter)) for line in lines[:index]
    )
    body = lines[index:]
    del lines
    width = max(_width(line, delimiter) for line in body[:200])
    if width > MAX_COLUMNS:
        raise _too_wide(name)
    if len(body) * width > MAX_CELLS:
        raise too_many_cells(name, len(body), width)
    grid, line_numbers, warnings = _parse_body(name, body, delimiter, width, offset=index)
    if grid.shape[1] > MAX_COLUMNS:
        raise _too_wide(name)
    if len(grid) - 1 > MAX_ROWS:
        raise too_many_rows(name, len(grid) - 1)
    table = _finish(name, digest, None, grid, line_numbers, tuple(warnings))
    return replace(table, preamble=preamble)


def _width(line: str, delimiter: str) -> int:
    if '"' not in line and line.count(delimiter) >= MAX_COLUMNS:
        return MAX_COLUMNS + 1  # not split: it may be millions of cells
    return len(_split_line(line, delimiter))


def _too_wide(name: str) -> SourceError:
    return SourceError(
        name, f"a line has more than {MAX_COLUMNS:,} columns; this is not a search export"
    )


def _sample_rows(sample: list[str], delimiter: str) -> list[tuple[list[list[str]], list[int]]]:
    """The first lines split into cells, with the 0-based line each row starts on: line by
    line, and also as CSV records when a quoted cell runs over lines (a header cell
    "Date of<newline>Birth" as Excel writes it). Overlong lines are never headers."""
    rows = [
        _split_line(line, delimiter) if len(line) < _MAX_HEADER_CHARS else [] for line in sample
    ]
    rows = [row if len(row) <= MAX_COLUMNS else [] for row in rows]
    variants = [(rows, list(range(len(rows))))]
    if any(line.count('"') % 2 for line in sample[:HEADER_SEARCH_ROWS]):
        records: list[list[str]] = []
        starts: list[int] = []
        reader = csv.reader(io.StringIO("\n".join(sample)), delimiter=delimiter)
        previous = 0
        try:
            for record in reader:
                records.append(record if len(record) <= MAX_COLUMNS else [])
                starts.append(previous)
                previous = reader.line_num
        except csv.Error:
            pass
        variants.append((records, starts))
    return variants


def _parse_body(
    name: str, body: list[str], delimiter: str, width: int, offset: int
) -> tuple[pd.DataFrame, list[int], list[str]]:
    """The header and data lines as a grid of text, the 1-based line in the file of each
    record (the header is line `offset` + 1) and warnings about odd quoting. pandas does
    the work; the csv module takes over when a quoted cell spans lines or a row is wider
    than expected, so line numbers stay true. A quote left open, which would swallow the
    rows after it, is an error naming its line (`_quote_left_open`)."""
    import pandas as pd

    joined = "\n".join(body)
    try:
        with catch_warnings():  # a record over several lines: handled below
            simplefilter("ignore", pd.errors.ParserWarning)
            grid = pd.read_csv(
                io.StringIO(joined),
                sep=delimiter,
                header=None,
                names=list(range(width)),
                dtype=str,
                na_filter=False,
                skip_blank_lines=False,
                index_col=False,
                engine="c",
            )
        if len(grid) == len(body):
            return grid.fillna(""), list(range(offset + 1, offset + len(body) + 1)), []
    except (pd.errors.ParserError, ValueError, csv.Error):
        pass
    records: list[list[str]] = []
    starts: list[int] = []
    warnings: list[str] = []
    reader = csv.reader(io.StringIO(joined), delimiter=delimiter)
    del joined
    first = 0  # the line of `body` the record being read starts on
    try:
        for record in reader:
            end = reader.line_num
            if end - first > 1:  # (a header cell too may run over two lines)
                fields = len(records[0]) if records else len(record)
                _quote_left_open(name, body, first, end, fields, delimiter, offset)
                if records and len(record) != fields:
                    warnings.append(
                        f"lines {offset + first + 1} to {offset + end} were read as one row: "
                        'a quote (") there is not closed where expected; check the file'
                    )
            records.append(record)
            starts.append(offset + first + 1)
            first = end
    except csv.Error:  # a cell of over 131,072 characters
        where = f"line {offset + first + 1}"
        if '"' in body[first]:
            raise SourceError(
                name,
                f"{where}: {_OPEN_QUOTE} that is never closed (over 131,072 characters would be "
                f"read as one cell); {_FIX_QUOTE}",
            ) from None
        raise _cell_too_long(name, where) from None
    wide = max((len(r) for r in records), default=1)
    if wide > max(width, MAX_COLUMNS):  # the caller refuses it; do not build the grid
        return pd.DataFrame(columns=list(range(wide))), starts, warnings
    padded = [r + [""] * (wide - len(r)) for r in records]
    return pd.DataFrame(padded, columns=list(range(wide)), dtype=str), starts, warnings


_OPEN_QUOTE = 'a quote (") opens a cell'
_FIX_QUOTE = "correct the quote in the file, or export it again"


def _header_quote(name: str, sample: list[str]) -> SourceError | None:
    """Where no header was found, a quote left open among the lines it could be on (it
    runs the header's cells together): said, naming the line, rather than "no header"."""
    for number, line in enumerate(sample[:HEADER_SEARCH_ROWS], start=1):
        if line.count('"') % 2:
            return SourceError(
                name,
                f"line {number}: {_OPEN_QUOTE} that is never closed, so no header row could "
                f"be read; {_FIX_QUOTE}",
            )
    return None


def _quote_left_open(
    name: str, body: list[str], first: int, end: int, fields: int, delimiter: str, offset: int
) -> None:
    """Refuse a record read over lines `first` to `end` (0-based, end excluded) when it is
    not a cell holding a line break (a note) but a quote left open: it runs to the end of
    the file, or lines wholly inside it look like rows of the table (the line the quote
    closes on carries the rest of its own row), or there are more of them than any note
    has. A stray quote would otherwise drop those rows without a word."""
    lines = end - first
    where = f"line {offset + first + 1}"
    if end == len(body) and _open_at_end(body[first:end], delimiter):
        raise SourceError(
            name,
            f"{where}: {_OPEN_QUOTE} that is never closed, so the rest of the file "
            f"({lines:,} lines) would be read as one cell; {_FIX_QUOTE}",
        )
    row_like = max(2, fields - 1)
    swallowed = lines > _MAX_CELL_LINES or any(
        line.count(delimiter) >= row_like for line in body[first + 1 : end - 1]
    )
    if swallowed:
        raise SourceError(
            name,
            f"{where}: {_OPEN_QUOTE} that runs on to line {offset + end:,}, so {lines:,} "
            f"lines would be read as one cell; {_FIX_QUOTE}",
        )


def _open_at_end(lines: list[str], delimiter: str) -> bool:
    """Whether a quote is still open at the end of these lines: a line after them would
    be taken into the same cell."""
    reader = csv.reader(io.StringIO("\n".join([*lines, "end"])), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error:
        return True
    return not records or records[-1] != ["end"]


def _cell_too_long(name: str, where: str) -> SourceError:
    return SourceError(
        name,
        f"{where}: a cell holds more than {MAX_CELL_CHARS:,} characters (more than Excel "
        "allows); this is not a search export, or the file is damaged",
    )


# ---------------------------------------------------------------- workbooks


def _workbook_table(
    name: str, digest: str, data: bytes, kind: FileKind, find_header: HeaderFinder, looked_for: str
) -> Table:
    import pandas as pd

    found = find_table(name, data, kind, find_header, _no_header(name, looked_for))
    body = found.rows[found.header_index :]
    width = max(used_width(body), 1)
    text_rows = [[cell_text(v) for v in row[:width]] + [""] * (width - len(row)) for row in body]
    del body
    grid = pd.DataFrame(text_rows, columns=list(range(width)), dtype=str)
    numbers = [found.header_index + n for n in range(1, len(text_rows) + 1)]
    preamble = tuple(
        preamble_text([cell_text(v) for v in row[:MAX_COLUMNS]])
        for row in found.rows[: found.header_index]
    )
    table = _finish(name, digest, found.sheet, grid, numbers, found.warnings)
    return replace(table, preamble=preamble, alike_sheets=found.alike)


# ---------------------------------------------------------------- both


_MAX_PREAMBLE_CHARS = 1000


def preamble_text(cells: Sequence[str]) -> str:
    """A line or row above the header as text: its filled cells joined by a space (a
    "Search period:" in one cell and its dates in the next read as one line)."""
    return " ".join(" ".join(cell.split()) for cell in cells if cell.strip())[:_MAX_PREAMBLE_CHARS]


def unique_headers(cells: Sequence[str]) -> tuple[str, ...]:
    """Header names made unique and never blank, so a mapping can name each column."""
    seen: dict[str, int] = {}
    out = []
    for i, cell in enumerate(cells):
        label = " ".join(str(cell).split()) or f"Column {i + 1}"
        count = seen.get(label.lower(), 0) + 1
        seen[label.lower()] = count
        out.append(label if count == 1 else f"{label} ({count})")
    return tuple(out)


def _finish(
    name: str,
    digest: str,
    sheet: str | None,
    grid: pd.DataFrame,
    numbers: list[int],
    warnings: tuple[str, ...] = (),
) -> Table:
    """Clean and strip cells, name the columns, and drop blank and footer rows. A cell
    longer than Excel allows is an error naming its line or row."""
    import numpy as np
    import pandas as pd

    where = "line" if sheet is None else "row"
    controls: dict[int, int] = {}
    columns = {}
    for index in range(grid.shape[1]):
        values = grid.iloc[:, index].astype(str)
        texts = values.tolist()
        if max(map(len, texts), default=0) > MAX_CELL_CHARS:
            row = next(i for i, text in enumerate(texts) if len(text) > MAX_CELL_CHARS)
            raise _cell_too_long(name, f"{where} {numbers[row]}, column {index + 1}")
        if _CONTROL.search("".join(texts)):
            controls[index] = sum(1 for text in texts if _CONTROL.search(text))
            values = values.str.replace(_CONTROL, " ", regex=True)
        columns[index] = _clean_column(values)
    grid = pd.DataFrame(columns, index=grid.index)
    header_cells = list(grid.iloc[0]) if len(grid) else []
    while header_cells and not header_cells[-1] and not (grid.iloc[1:, -1] != "").any():
        grid = grid.iloc[:, :-1]  # empty trailing columns
        header_cells.pop()
    grid.columns = pd.RangeIndex(grid.shape[1])
    # only in text: a sheet's cells cannot be shifted by a comma (a value typed beside the
    # table is a column without a header, said as not used)
    named = max((i + 1 for i, cell in enumerate(header_cells) if cell), default=0)
    beyond = (
        (grid.iloc[1:, named:] != "").any(axis=1).to_numpy() if named and sheet is None else None
    )
    headers = unique_headers(header_cells)
    warnings += tuple(
        f"column '{headers[index]}': {count:,} {'cell' if count == 1 else 'cells'} held "
        "control characters (such as a vertical tab pasted from Word), read as spaces"
        for index, count in controls.items()
        if index < len(headers)
    )
    data = grid.iloc[1:]
    line_numbers = numbers[1:]
    filled = (data != "").sum(axis=1).to_numpy()
    keep = (filled > 0) & ~_repeated_header(data, header_cells, filled)
    full = np.flatnonzero(filled > 1)
    last_full = int(full[-1]) if len(full) else -1
    for i in np.flatnonzero(keep & (filled <= 2)):
        trailing_scrap = i > last_full and filled[i] <= 1
        if trailing_scrap or _is_footer(data.iloc[i]):
            keep[i] = False
    kept = data[keep].reset_index(drop=True)
    kept_rows = tuple(n for n, k in zip(line_numbers, keep, strict=True) if k)
    overflow = (
        frozenset(line_numbers[i] for i in np.flatnonzero(beyond & keep))
        if beyond is not None and named < grid.shape[1]
        else frozenset()
    )
    if overflow and not shifted_rows(overflow, len(kept_rows)):
        warnings += ("values beyond the header's last column on most rows: read as a column "
                     "without a header",)  # fmt: skip
    elif overflow:
        shown = ", ".join(map(str, sorted(overflow)[:5])) + (", ..." if len(overflow) > 5 else "")
        warnings += (
            f"{len(overflow):,} {'row has' if len(overflow) == 1 else 'rows have'} more values "
            f"than the header has columns ({where}{'s' if len(overflow) > 1 else ''} {shown}): "
            "a comma inside a value shifts "
            "the values after it, so those rows' columns may be wrong; check them in the file",
        )
    return Table(
        file=name,
        sha256=digest,
        sheet=sheet,
        header_row=numbers[0] if numbers else 1,
        headers=headers,
        cells=kept,
        rows=kept_rows,
        warnings=warnings,
        overflow=overflow,
    )


_EXCEL_TEXT = re.compile(r'^="(.*)"$', re.DOTALL)


def shifted_rows(overflow: frozenset[int], rows: int) -> bool:
    """Whether the rows with values past the header (`Table.overflow`) are rows shifted by
    a comma in a value (a few), not a column the header does not name (most of them)."""
    return bool(overflow) and len(overflow) * 2 <= rows


def _clean_column(col: pd.Series) -> pd.Series:
    """Cells stripped; ="0123" (how some systems force Excel to keep text) unwrapped."""
    col = col.str.strip()
    if col.iloc[:200].str.startswith('="').any():
        col = col.str.replace(_EXCEL_TEXT, r"\1", regex=True).str.strip()
    return col


def _repeated_header(data: pd.DataFrame, header: list[str], filled: np.ndarray) -> np.ndarray:
    """Rows that repeat the header (a report printed page by page): every filled cell is
    its column's header. Only rows matching the first named column are looked at closely."""
    import numpy as np

    repeat = np.zeros(len(data), dtype=bool)
    named = [(c, h) for c, h in enumerate(header) if h]
    if len(named) < 2:
        return repeat
    first_col, first = named[0]
    for i in np.flatnonzero((data[first_col] == first).to_numpy()):
        row = data.iloc[i]
        same = sum(1 for c, h in named if row[c] == h)
        repeat[i] = same >= 2 and same == filled[i]
    return repeat


def _is_footer(row: pd.Series) -> bool:
    """A row of at most two values that is a report's footer: its first value says so,
    or one of them is plainly a page number or a printed-by line beside the time it was
    printed ("02/12/2024 09:14", "Page 1 of 1"), which the first value alone cannot show
    (decision 185)."""
    values = [v for v in row if v]
    first = values[0] if values else ""
    return bool(_FOOTER.match(first)) or any(_FOOTER_BESIDE.match(v) for v in values)
