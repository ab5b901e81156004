"""A look at a file before importing it, for the GUI's import page.

`inspect_file` never raises: what is wrong with the file is reported in `problems`, so the
page can show the first rows, the proposed column mapping and what to fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cqrs_desktop.domain.coverage import event_months
from cqrs_desktop.domain.rules import Rules
from cqrs_desktop.sources.columns import SEARCH_LOOKED_FOR, ColumnGuess, propose_mapping
from cqrs_desktop.sources.cqrs import (
    CQRS_LOOKED_FOR,
    CqrsImport,
    cqrs_from_table,
    find_cqrs_header,
    header_role,
    is_long_form,
)
from cqrs_desktop.sources.errors import SourceError
from cqrs_desktop.sources.limits import read_file
from cqrs_desktop.sources.profiles import load_profile
from cqrs_desktop.sources.search import SearchImport, header_finder, search_from_table
from cqrs_desktop.sources.table import HeaderFinder, Table, table_from_bytes

PREVIEW_ROWS = 20


@dataclass(frozen=True)
class FilePreview:
    file: str
    kind: str  # "search", "cqrs" or "unknown"
    sheet: str | None  # the sheet chosen in a workbook
    header_row: int | None  # 1-based line (CSV) or row (sheet) of the header; None if none
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # the first data rows, as text
    row_count: int  # data rows (blank and footer rows not counted)
    mapping: tuple[ColumnGuess, ...]  # one per column, role None where none is proposed
    profile_used: bool  # the mapping is one remembered for this header
    programmes: tuple[str, ...]  # programme ids seen in the file, in rules order
    problems: tuple[str, ...]
    lines: tuple[int, ...] = ()  # the line (CSV) or row (sheet) in the file of each of `rows`
    # (programme, first month, last month) of its vaccinations, as read with the proposed
    # columns: the months the search covers unless the user says otherwise
    months: tuple[tuple[str, str, str], ...] = ()

    @property
    def header_index(self) -> int | None:
        """0-based index of the header line or row in the file."""
        return None if self.header_row is None else self.header_row - 1


def _empty(name: str, problems: list[str]) -> FilePreview:
    return FilePreview(name, "unknown", None, None, (), (), 0, (), False, (), tuple(problems))


def inspect_file(path: Path, rules: Rules) -> FilePreview:
    """What the file looks like and what is wrong with it; never raises."""
    name = path.name
    try:
        return _inspect(name, read_file(path), rules)
    except SourceError as exc:
        return _empty(name, [str(exc)])
    except Exception:  # a preview must never take the import page down
        return _empty(name, [f"{name}: the file could not be read (an unexpected problem)"])


def _try_table(
    name: str, data: bytes, finder: HeaderFinder, looked_for: str
) -> Table | SourceError:
    try:
        return table_from_bytes(name, data, finder, looked_for)
    except SourceError as exc:
        return _kept(exc)


def _kept(exc: SourceError) -> SourceError:
    """An error kept as a result, without its traceback: kept in a local of the frame
    that caught it, its traceback holds that frame and so itself, with the file read in
    full in the frame's other locals, until Python's cycle collector runs (decision 377)."""
    return exc.with_traceback(None)


def _inspect(name: str, data: bytes, rules: Rules) -> FilePreview:
    search_table = _try_table(name, data, header_finder(None), SEARCH_LOOKED_FOR)
    cqrs_table = _try_table(name, data, find_cqrs_header, CQRS_LOOKED_FOR)
    search: SearchImport | SourceError | None = None
    cqrs: CqrsImport | SourceError | None = None
    if isinstance(search_table, Table):
        try:
            search = search_from_table(search_table, rules, None)
        except SourceError as exc:
            search = _kept(exc)
    if isinstance(cqrs_table, Table):
        try:
            cqrs = cqrs_from_table(cqrs_table, rules)
        except SourceError as exc:
            cqrs = _kept(exc)
    if isinstance(cqrs, CqrsImport) and isinstance(cqrs_table, Table):
        placed = len(search.rows) if isinstance(search, SearchImport) else 0
        if placed < cqrs.summary.rows_read - cqrs.summary.skipped:
            return _cqrs_preview(cqrs_table, cqrs, rules)
    if isinstance(search_table, Table):
        return _search_preview(search_table, search, rules)
    if isinstance(cqrs_table, Table) and is_long_form(cqrs_table.headers):
        return _cqrs_preview(cqrs_table, cqrs, rules)
    return _empty(name, [str(search_table)])


def _from_table(table: Table) -> dict[str, Any]:
    """What every preview takes from the table as read: its place, header and first rows."""
    return {
        "file": table.file,
        "sheet": table.sheet,
        "header_row": table.header_row,
        "headers": table.headers,
        "rows": _first_rows(table),
        "lines": table.rows[:PREVIEW_ROWS],
        "row_count": len(table.cells),
    }


def _first_rows(table: Table) -> tuple[tuple[str, ...], ...]:
    head = table.cells.head(PREVIEW_ROWS)
    return tuple(tuple(str(v) for v in row) for row in head.itertuples(index=False))


def _in_rules_order(ids: set[str], rules: Rules) -> tuple[str, ...]:
    return tuple(sorted(ids, key=rules.order))


def _search_preview(
    table: Table, result: SearchImport | SourceError | None, rules: Rules
) -> FilePreview:
    remembered = load_profile(table.headers)
    if remembered is not None:
        mapping = tuple(
            ColumnGuess(i, h, remembered.get(h), 1.0 if h in remembered else 0.0)
            for i, h in enumerate(table.headers)
        )
    else:
        mapping = tuple(propose_mapping(table.headers))
    problems: list[str] = []
    programmes: set[str] = set()
    months: dict[str, tuple[str, str]] = {}
    if isinstance(result, SourceError):
        problems.append(str(result))
    elif result is not None:
        programmes = {r.programme for r in result.rows}
        months = event_months(result.rows).get(table.file, {})
        problems += list(result.summary.warnings)
        if not result.rows and not result.unassigned:
            problems.append(f"{table.file}: no vaccination rows found")
    return FilePreview(
        **_from_table(table),
        kind="search",
        mapping=mapping,
        profile_used=remembered is not None,
        programmes=_in_rules_order(programmes, rules),
        problems=tuple(problems),
        months=tuple((p, *months[p]) for p in _in_rules_order(set(months), rules)),
    )


def _cqrs_preview(
    table: Table, result: CqrsImport | SourceError | None, rules: Rules
) -> FilePreview:
    roles = {"month_column": "month", "label": "programme"}
    # once read, the columns the figures came from (a "Total" beside the months is not
    # used); until then, what each header looks like
    used = dict(result.summary.mapping) if isinstance(result, CqrsImport) else None
    mapping = []
    for i, header in enumerate(table.headers):
        role = header_role(header)
        named = roles.get(role, role) if role else None
        if used is not None:
            named = used.get(header) or None
        mapping.append(ColumnGuess(i, header, named, 1.0 if named else 0.0))
    problems: list[str] = []
    programmes: set[str] = set()
    if isinstance(result, SourceError):
        problems.append(str(result))
    elif result is not None:
        programmes = {c.programme for c in result.claims}
        problems += result.notices
    return FilePreview(
        **_from_table(table),
        kind="cqrs",
        mapping=tuple(mapping),
        profile_used=False,
        programmes=_in_rules_order(programmes, rules),
        problems=tuple(problems),
    )
