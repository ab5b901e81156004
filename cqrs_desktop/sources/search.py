"""A clinical-system search export to vaccination events, markers and unassigned rows.

Which programme a row belongs to (SPEC section 3): a programme column, else the row's code
in the rules, else the programme given for the whole file. Rows that cannot be placed are
returned as unassigned with a plain reason, never dropped without a word.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from cqrs_desktop.domain.coverage import Span, event_months, gap_warnings, span_problem
from cqrs_desktop.domain.dates import month_of
from cqrs_desktop.domain.model import RowKind, SearchRow, SourceSummary, UnassignedRow
from cqrs_desktop.domain.rules import Rules
from cqrs_desktop.domain.vaccination_keys import row_patient
from cqrs_desktop.sources.columns import (
    NOT_SEARCH_BUT_DECISIONS,
    ROLE_LABELS,
    ROLES,
    SEARCH_LOOKED_FOR,
    as_mapping,
    looks_like_decisions,
    normalise_header,
    propose_mapping,
    role_of,
    search_header_score,
)
from cqrs_desktop.sources.errors import SourceError
from cqrs_desktop.sources.preamble_practice import practices_named
from cqrs_desktop.sources.profiles import load_profile, save_profile
from cqrs_desktop.sources.search_period import PeriodSaid, empty_file_period, period_warnings
from cqrs_desktop.sources.table import (
    HeaderFinder,
    Table,
    read_table,
    shifted_rows,
    unique_headers,
)
from cqrs_desktop.sources.values import (
    clean_code,
    code_in_text,
    date_order,
    gms_word,
    map_unique,
    names_gms_and_non_gms,
    nhs_digits,
    parse_age,
    parse_date,
    parse_sex,
    parse_yes_no,
    shortened_code,
    split_name,
)

T = TypeVar("T")

_PROFILE_BONUS = 50.0


@dataclass(frozen=True)
class SearchImport:
    rows: list[SearchRow]
    unassigned: list[UnassignedRow]
    summary: SourceSummary
    # the practices the lines above the header name ((ODS code or name, the line)),
    # for the review to compare with its practice (decision 260)
    practices_named: tuple[tuple[str, str], ...] = ()


def resolve_programme(name: str, given: str | None, rules: Rules) -> str | None:
    """The programme id for a whole file, from an id or any label the rules know."""
    if given is None or not given.strip():
        return None
    found = given if given in rules.programme_ids else rules.programme_for_label(given)
    if found is None:
        choices = ", ".join(rules.programme_ids)
        raise SourceError(name, f"'{given}' is not a programme in the rules (use one of {choices})")
    return found


def header_finder(mapping: Mapping[str, str] | None) -> HeaderFinder:
    """Find the header by the mapping's column names when given, else by roles (a row
    with a remembered mapping profile counts for a lot)."""
    wanted = {normalise_header(h) for h in mapping} if mapping else set()

    def find(rows: Sequence[Sequence[str]]) -> tuple[int, float] | None:
        best: tuple[int, float] | None = None
        for index, row in enumerate(rows):
            if wanted:
                names = {normalise_header(h) for h in unique_headers(row)}
                score: float | None = float(len(wanted & names)) if wanted <= names else None
            else:
                score = search_header_score(row)
                if len(row) > 1 and load_profile(unique_headers(row)) is not None:
                    score = (score or 0.0) + _PROFILE_BONUS
            if score is not None and (best is None or score > best[1]):
                best = (index, score)
        return best

    return find


def read_search(
    path: Path,
    rules: Rules,
    programme: str | None = None,
    mapping: dict[str, str] | None = None,
    remember: bool = False,
    span: Span | None = None,
) -> SearchImport:
    """Read one search export. `programme` is the programme for the whole file (the
    `PROGRAMME=FILE` of the command line); `span` the months the user says it covers
    (`FILE@YYYY-MM..YYYY-MM`; without it they are worked out from its dates). `mapping`
    ({header: role}) replaces detection,
    and without it a remembered profile for the same header is used. With `remember`, a
    confident detected mapping is stored as that profile when none exists yet (the window
    does this; the command line never writes profiles). SourceError for a file that cannot
    be used."""
    file_programme = resolve_programme(path.name, programme, rules)
    try:
        table = read_table(path, header_finder(mapping), SEARCH_LOOKED_FOR)
    except SourceError as exc:
        if exc.problem.startswith("no header row") and _lines_in_one_cell(path):
            raise SourceError(path.name, LINES_IN_ONE_CELL) from None
        if exc.problem.startswith("no header row") and _patients_without_dates(path):
            raise SourceError(path.name, NO_DATE_COLUMN) from None
        if exc.problem.startswith("no header row") and _looks_like_cqrs(path):
            raise SourceError(
                path.name,
                "this looks like CQRS figures, not a patient search export: add it as CQRS "
                "figures (on the command line, with --cqrs)",
            ) from None
        raise
    return search_from_table(table, rules, file_programme, mapping, remember, span)


NO_DATE_COLUMN = (
    "no vaccination date column found (looked for Date, Event Date, Vaccination Date, Date "
    "Given, Effective Date); choose it in the column mapping, or export the search again "
    "with the date of each vaccination"
)


LINES_IN_ONE_CELL = (
    'each line of the file holds all its columns in one value ("NHS Number,Surname,..."),'
    " as when the lines of a CSV were kept whole in one column of a spreadsheet: export the "
    "search again, or split that column in Excel (Data, Text to Columns) and save it"
)


def _lines_in_one_cell(path: Path) -> bool:
    """Whether the file's header is a whole line in one cell (each line quoted whole), a
    header once split at its commas (or semicolons, tabs, bars) (decision 184)."""
    find = header_finder(None)

    def finder(rows: Sequence[Sequence[str]]) -> tuple[int, float] | None:
        for index, cells in enumerate(rows):
            filled = [c for c in cells if c.strip()]
            if len(filled) != 1:
                continue
            for separator in (",", ";", "\t", "|"):
                if filled[0].count(separator) >= 2:
                    parts = next(csv.reader([filled[0]], delimiter=separator))
                    if find([parts]) is not None:
                        return index, 1.0
        return None

    try:
        read_table(path, finder, SEARCH_LOOKED_FOR)
    except SourceError:
        return False
    return True


def _term_kind(rules: Rules) -> Callable[[str], tuple[str, str]]:
    """What a term names: (the service not checked here, e.g. "Seasonal flu", or "";
    the programme checked here, or "")."""

    def kind(term: str) -> tuple[str, str]:
        found = rules.classify_label(term) if term else None
        if found is None:
            return "", ""
        if found.startswith("ignored:"):
            return found.removeprefix("ignored:"), ""
        return "", found

    return kind


def _patient_header(rows: Sequence[Sequence[str]]) -> tuple[int, float] | None:
    """The first row naming patients (NHS number, surname, ...) with no vaccination date."""
    for index, cells in enumerate(rows):
        roles = {g.role for g in propose_mapping(cells) if g.role}
        if "event_date" not in roles and roles & {"nhs_number", "surname", "name"}:
            return index, float(len(roles))
    return None


def _patients_without_dates(path: Path) -> bool:
    """Whether the file is a list of patients with no vaccination date column (a search
    exported without its dates), not some other table."""
    try:
        read_table(path, _patient_header, SEARCH_LOOKED_FOR)
    except SourceError:
        return False
    return True


def _looks_like_cqrs(path: Path) -> bool:
    from cqrs_desktop.sources.cqrs import CQRS_LOOKED_FOR, find_cqrs_header

    try:
        read_table(path, find_cqrs_header, CQRS_LOOKED_FOR)
    except SourceError:
        return False
    return True


def _second_columns(headers: Sequence[str], mapping: Mapping[str, str]) -> list[str]:
    """Warnings for columns that look like a role another column was taken for (a second
    organisation or GMS column): each role reads one column, so these are not used, and
    the user must know (one may say a dose was given elsewhere)."""
    taken = {role: header for header, role in mapping.items()}
    warnings = []
    for header in headers:
        role, _ = role_of(header)
        if role is not None and header not in mapping and role in taken:
            warnings.append(
                f"column '{header}' was not used: it looks like {ROLE_LABELS[role]} too, and "
                f"'{taken[role]}' was taken for that (check the mapping)"
            )
    return warnings


def _column_map(
    table: Table, mapping: Mapping[str, str] | None, remember: bool = False
) -> tuple[dict[str, int], list[str]]:
    """{role: column index} and warnings about guessed columns."""
    warnings: list[str] = []
    detected = False
    if mapping is None:
        mapping = load_profile(table.headers)
    if mapping is None:
        detected = True
        guesses = propose_mapping(table.headers)
        mapping = as_mapping(guesses)
        warnings = [
            f"column '{g.header}' was taken as {ROLE_LABELS[g.role]} (a guess: check the mapping)"
            for g in guesses
            if g.role and g.confidence < 0.75
        ]
        warnings += _second_columns(table.headers, mapping)
    by_name = {normalise_header(h): i for i, h in enumerate(table.headers)}
    roles: dict[str, int] = {}
    for header, role in mapping.items():
        if role not in ROLES:
            raise SourceError(table.file, f"'{role}' is not a column role")
        index = by_name.get(normalise_header(header))
        if index is None:
            raise SourceError(table.file, f"the mapping names a column '{header}' the file lacks")
        if role in roles:
            raise SourceError(table.file, f"two columns are mapped to {ROLE_LABELS[role]}")
        roles[role] = index
    if "event_date" not in roles:
        raise SourceError(
            table.file,
            NO_DATE_COLUMN,
        )
    if remember and detected and not warnings:
        # a confident detection, remembered so the next file of this shape reads the same
        with contextlib.suppress(OSError, ValueError):
            save_profile(table.headers, mapping)
    return roles, warnings


class _Columns:
    """The parsed columns of a table, each distinct value parsed once."""

    def __init__(self, table: Table, roles: dict[str, int]) -> None:
        self.table = table
        self.roles = roles
        self.size = len(table.cells)
        self.warnings: list[str] = []
        # roles mapped to a column that could not be read and was not used (an ambiguous
        # GMS/Non-GMS column): left out of the mapping the import records (decision 139)
        self.unused: set[str] = set()

    def text(self, role: str) -> list[str] | None:
        index = self.roles.get(role)
        return None if index is None else self.table.cells[index].tolist()

    def words(self, role: str) -> list[str] | None:
        """Text with runs of spaces (non-breaking ones too) made one space."""
        values = self.text(role)
        if values is None:
            return None
        fixed = {v: _one_space(v) for v in set(values) if _one_space(v) != v}
        return [fixed.get(v, v) for v in values] if fixed else values

    def parsed(
        self, role: str, parse: Callable[[str], T | None], what: tuple[str, str]
    ) -> list[T | None]:
        """The column's values read by `parse`; one it cannot read is read as blank, its
        row kept, and said (`what`: the kind of value, one and many: "an NHS number",
        "NHS numbers")."""
        values = self.text(role)
        if values is None:
            return [None] * self.size
        out = map_unique(values, parse)
        bad = sum(1 for v, p in zip(values, out, strict=True) if v and p is None)
        if bad:
            header = self.table.headers[self.roles[role]]
            said = (
                f"1 value is not {what[0]}: read as blank (the row is kept)"
                if bad == 1
                else f"{bad} values are not {what[1]}: read as blank (the rows are kept)"
            )
            self.warnings.append(f"column '{header}': {said}")
        return out


def _one_space(text: str) -> str:
    return " ".join(text.split())


def _names(cols: _Columns) -> tuple[list[str | None], list[str | None]]:
    surnames = cols.words("surname")
    forenames = cols.words("forenames")
    whole = cols.text("name")
    split = map_unique(whole, split_name) if whole is not None else [(None, None)] * cols.size
    out_s = [s or None for s in surnames] if surnames else [p[0] for p in split]
    out_f = [f or None for f in forenames] if forenames else [p[1] for p in split]
    if surnames and whole is not None:
        out_s = [s or p[0] for s, p in zip(out_s, split, strict=True)]
    if forenames and whole is not None:
        out_f = [f or p[1] for f, p in zip(out_f, split, strict=True)]
    return out_s, out_f


def _non_gms(cols: _Columns) -> tuple[list[bool], list[bool]]:
    """Whether each row is marked as not a practice (GMS) dose (SPEC section 3), and
    whether a cell says so (not a GMS cell left blank: flagged for review, but no proof of
    a correction, decision 128).

    The words GMS and Non-GMS mean what they say in any such column. Other values follow
    the column: in a GMS column anything not yes-like means not GMS; in a Non-GMS column a
    yes-like value means not GMS. A column named for both ("GMS/Non-GMS") holding only
    yes/no values cannot be read either way: it is left unused, with a warning, and out
    of the columns the import says it used (so the review knows it cannot show a dose
    marked not GMS: decision 139)."""
    result = [False] * cols.size
    written_in = [False] * cols.size
    for role in ("non_gms", "gms"):
        values = cols.text(role)
        if values is None:
            continue
        header = cols.table.headers[cols.roles[role]]
        words = map_unique(values, gms_word)
        both = names_gms_and_non_gms(header)
        if both and not any(w is not None for w in words):
            cols.warnings.append(
                f"column '{header}': it is named for both GMS and Non-GMS and holds only "
                "yes/no values, so it cannot tell which doses are the practice's; it was not "
                "used (map it as GMS or as Non-GMS to use it)"
            )
            cols.unused.add(role)
            continue
        ticks = map_unique(values, parse_yes_no)
        unread = 0
        for i, (word, tick) in enumerate(zip(words, ticks, strict=True)):
            if word is not None:
                marked = not word
            elif both:
                unread += bool(values[i])
                marked = False
            elif role == "gms":
                marked = tick is not True
            else:
                marked = tick is True
            result[i] = result[i] or marked
            # a word, a Non-GMS "yes", or a GMS "no" written in the cell (not left blank)
            written = (
                word is not None or role == "non_gms" or (tick is False and bool(values[i].strip()))
            )
            written_in[i] = written_in[i] or (marked and written)
        if unread:
            said = "1 value is" if unread == 1 else f"{unread} values are"
            kept = "the row is" if unread == 1 else "the rows are"
            cols.warnings.append(
                f"column '{header}': {said} neither GMS nor Non-GMS: read as not marked "
                f"Non-GMS ({kept} kept)"
            )
    return result, written_in


def _not_used(table: Table, roles: Mapping[str, int], said: Sequence[str]) -> list[str]:
    """The columns with a header and values that nothing reads, said (never ignored
    without a word), but for those a warning in `said` names already."""
    used = set(roles.values())
    cells = table.cells
    if shifted_rows(table.overflow, len(table.rows)):  # said as such, not as a column
        cells = cells[[line not in table.overflow for line in table.rows]]
    unused = [
        header
        for index, header in enumerate(table.headers)
        if index not in used
        and (cells[index] != "").any()
        and not any(f"column '{header}'" in w for w in said)
    ]
    if not unused:
        return []
    names = ", ".join(f"'{h}'" for h in unused[:8]) + (
        f" and {len(unused) - 8} more" if len(unused) > 8 else ""
    )
    one = len(unused) == 1
    return [f"{'column' if one else f'{len(unused)} columns'} not used by the checks: {names}"]


def _table_below(table: Table, roles: Mapping[str, int], rules: Rules) -> tuple[Table, list[str]]:
    """The table without the rows below a blank line after the search's rows that hold no
    NHS number, no vaccination date and no code the rules know (another table printed
    below the search: a summary of counts), and the warning saying so. Read as patients,
    they were "patients listed with no vaccination", and their values "not NHS numbers"
    (decision 262)."""
    lines = table.rows
    if len(lines) < 2:
        return table, []
    cells = table.cells
    dates = cells[roles["event_date"]].tolist()
    nhs = cells[roles["nhs_number"]].tolist() if "nhs_number" in roles else None
    codes = cells[roles["code"]].tolist() if "code" in roles else None

    def no_dose(i: int) -> bool:
        return (
            parse_date(dates[i]) is None
            and (nhs is None or nhs_digits(nhs[i]) is None)
            and (codes is None or rules.code_kind(clean_code(codes[i]) or "") is None)
        )

    import numpy as np

    gaps = np.flatnonzero(np.diff(np.asarray(lines)) > 1) + 1
    start = next((int(g) for g in gaps if all(map(no_dose, range(g, len(lines))))), None)
    if start is None:
        return table, []
    if not any(parse_date(d) is not None for d in dates[:start]):
        return table, []
    first = next((v for v in cells.iloc[start] if v), "")
    first = first if len(first) <= 60 else first[:59] + "…"
    word = _line_word(table)
    cut = replace(
        table,
        cells=cells.iloc[:start].reset_index(drop=True),
        rows=lines[:start],
        overflow=frozenset(n for n in table.overflow if n < lines[start]),
    )
    which = (
        f"{word} {lines[start]} holds"
        if start == len(lines) - 1
        else f"{word}s {lines[start]} to {lines[-1]} hold"
    )
    return cut, [
        f"{which} no NHS number, vaccination date or vaccination code, after a gap below "
        f"the search's rows (“{first}”): read as another table below the search (such as a "
        "summary), not as patients, and not used"
    ]


def search_from_table(
    table: Table,
    rules: Rules,
    file_programme: str | None,
    mapping: Mapping[str, str] | None = None,
    remember: bool = False,
    span: Span | None = None,
) -> SearchImport:
    if looks_like_decisions(table.headers):  # its NHS numbers and dates would pass for doses
        raise SourceError(table.file, NOT_SEARCH_BUT_DECISIONS)
    roles, warnings = _column_map(table, mapping, remember)
    table, below = _table_below(table, roles, rules)
    warnings += _not_used(table, roles, warnings)
    warnings += below
    cols = _Columns(table, roles)
    date_header = table.headers[roles["event_date"]]
    date_text = cols.text("event_date") or []
    dates = map_unique(date_text, parse_date)
    if cols.size and not any(dates):
        what = "is empty" if not any(date_text) else "has no dates that can be read"
        raise SourceError(
            table.file,
            f"the vaccination date column '{date_header}' {what} (dates are read day first, "
            "e.g. 03/09/2024); check the column mapping",
        )
    cols.warnings += _month_first_dates(cols)
    nhs = cols.parsed("nhs_number", nhs_digits, ("an NHS number", "NHS numbers"))
    dob = cols.parsed("date_of_birth", parse_date, ("a date", "dates"))
    today = dt.date.today()
    edd = cols.parsed("edd", parse_date, ("a date", "dates"))
    age = cols.parsed("age", parse_age, ("an age in years", "ages in years"))
    sex = map_unique(cols.text("sex") or [""] * cols.size, parse_sex)
    raw_codes = cols.text("code") or [""] * cols.size
    codes = map_unique(raw_codes, clean_code)
    codes = map_unique(codes, _known_code_in_text(rules))
    cols.warnings += _shortened_codes(cols)
    code_kinds = map_unique(codes, rules.code_kind)
    labels = cols.text("programme") or [""] * cols.size
    label_kinds = map_unique(labels, rules.classify_label)
    vaccinated = map_unique(cols.text("vaccinated") or [""] * cols.size, parse_yes_no)
    # A blank "vaccinated" cell parses as no; only an explicit no-like value leaves a row out.
    not_vaccinated = [
        v is False and bool(t)
        for v, t in zip(vaccinated, cols.text("vaccinated") or [""] * cols.size, strict=True)
    ]
    terms = cols.text("term")
    # A code the rules do not know, described as another service ("Seasonal influenza
    # vaccination"): that service's row, left out as a programme column naming it is.
    term_kinds = map_unique(terms or [""] * cols.size, _term_kind(rules))
    organisations = cols.words("organisation")
    surnames, forenames = _names(cols)
    non_gms, non_gms_said = _non_gms(cols)
    has_org = "organisation" in roles

    rows: list[SearchRow] = []
    unassigned: list[UnassignedRow] = []
    left_out: Counter[str] = Counter()
    term_elsewhere: dict[str, list[int]] = {}  # programme a term names: the rows
    overflow = table.overflow if shifted_rows(table.overflow, len(table.rows)) else frozenset()
    for i in range(cols.size):
        line = table.rows[i]
        if overflow and line in overflow:
            # its values may sit in the wrong columns (a Non-GMS tick read as organisation):
            # not placed rather than read wrongly (decision 98)
            born, known = dob[i], code_kinds[i]
            unassigned.append(
                UnassignedRow(
                    table.file, line, "it has more values than the header has columns, so "
                    "its values may be in the wrong columns (a comma inside a value?)",
                    programme=known[0] if known else file_programme,
                    month=None, countable=True,
                    patient=row_patient(nhs[i], surnames[i], born.isoformat() if born else None),
                )
            )  # fmt: skip
            continue
        if not_vaccinated[i]:
            left_out["marked as not vaccinated"] += 1
            continue
        if not (date_text[i] or raw_codes[i] or labels[i] or (terms[i] if terms else "")):
            # a patient a report lists with no vaccination (its date, code and term blank):
            # listed, but no dose a claim could be missing (decision 191)
            born = dob[i]
            unassigned.append(
                UnassignedRow(
                    table.file, line, NO_VACCINATION_IN_ROW, programme=file_programme,
                    month=None, countable=False,
                    patient=row_patient(nhs[i], surnames[i], born.isoformat() if born else None),
                )
            )  # fmt: skip
            continue
        programme: str | None = None
        kind: RowKind | None = RowKind.EVENT
        code = codes[i]
        label_kind = label_kinds[i]
        if label_kind is not None and label_kind.startswith("ignored:"):
            left_out[f"for {label_kind.removeprefix('ignored:')}"] += 1
            continue
        if label_kind is not None:
            programme = label_kind
            found = code_kinds[i]
            if found is not None and found[0] == programme:
                kind = found[1]
        elif code_kinds[i] is not None:
            programme, kind = code_kinds[i]  # type: ignore[misc]
        elif term_kinds[i][0]:
            left_out[f"for {term_kinds[i][0]}"] += 1
            continue
        elif file_programme is not None:
            programme = file_programme
            named = term_kinds[i][1]
            if named and named != file_programme:  # counted, but said (decision 84)
                term_elsewhere.setdefault(named, []).append(line)
        if kind is None:
            left_out["with a 'declined' code"] += 1
            continue
        date = dates[i]
        if programme is None or date is None:
            born = dob[i]
            patient = row_patient(nhs[i], surnames[i], born.isoformat() if born else None)
        if programme is None:
            unassigned.append(
                UnassignedRow(
                    table.file, line, _no_programme(labels[i], code),
                    programme=term_kinds[i][1] or None,
                    month=month_of(date) if date is not None else None,
                    countable=not labels[i],  # a programme named, not one checked here
                    patient=patient,
                )
            )  # fmt: skip
            continue
        if date is None:
            reason = (
                f"the vaccination date in column '{date_header}' is blank"
                if not date_text[i]
                else f"the vaccination date in column '{date_header}' is not a date"
            )
            unassigned.append(
                UnassignedRow(
                    table.file, line, reason, programme=programme,
                    countable=kind is RowKind.EVENT,  # a marker is no dose of a claim
                    patient=patient,
                )
            )  # fmt: skip
            continue
        born = dob[i]
        # (a date of birth in the future is the mistyped one: the dose is kept, and flagged)
        if date > today or (born is not None and date < born <= today):
            # a date that cannot be right (a mistyped year) would stretch the months the
            # file covers: the row is not placed, its month unknown (decision 97)
            when = "is in the future" if date > today else "is before the date of birth"
            unassigned.append(
                UnassignedRow(
                    table.file, line, f"the vaccination date in column '{date_header}' {when}",
                    programme=programme, countable=kind is RowKind.EVENT,
                    patient=row_patient(nhs[i], surnames[i], born.isoformat() if born else None),
                )
            )  # fmt: skip
            continue
        rows.append(
            SearchRow(
                source=table.file,
                row=line,
                programme=programme,
                kind=kind,
                date=date,
                nhs_number=nhs[i],
                surname=surnames[i],
                forenames=forenames[i],
                date_of_birth=dob[i],
                age=age[i],
                sex=sex[i],
                code=code,
                term=(terms[i] or None) if terms is not None else None,
                organisation=(organisations[i] or None) if organisations is not None else None,
                has_organisation_column=has_org,
                non_gms=non_gms[i],
                edd=edd[i],
                non_gms_said=non_gms_said[i],
            )
        )
    warnings = [*table.warnings, *warnings, *cols.warnings]
    warnings += _no_patient_details(cols, table, rows)
    warnings += [_left_out(count, why) for why, count in sorted(left_out.items())]
    if file_programme is not None:
        warnings += [
            _term_names_other(rules, file_programme, named, lines)
            for named, lines in sorted(term_elsewhere.items())
        ]
    empty = sum(1 for u in unassigned if u.reason == NO_VACCINATION_IN_ROW)
    if len(unassigned) > empty:
        n = len(unassigned) - empty
        warnings.append(
            f"{n} row{'s' if n != 1 else ''} could not be placed in a programme and month "
            '(each listed, with why, in the audit workbook\'s sheet "Rows not used")'
        )
    if empty:
        warnings.append(
            f"{empty} row{'s' if empty != 1 else ''} list{'' if empty != 1 else 's'} a "
            "patient with no vaccination (date and code blank): not counted (each listed in "
            'the audit workbook\'s sheet "Rows not used")'
        )
    if not any(r.kind is RowKind.EVENT for r in rows):
        # a search that found no one is an answer (none given), but only for what it
        # searched: with no vaccination and no programme given, that is not known
        warnings.append(
            "no vaccinations in this file"
            + (
                ""
                if file_programme is not None
                else ": it covers no programme until you say which it searched (choose "
                "the programme for the file; PROGRAMME=FILE on the command line)"
            )
        )
    said = PeriodSaid()
    if span is None and not any(r.kind is RowKind.EVENT for r in rows):
        warnings += filter(None, [empty_file_period(table.preamble, file_programme)])
    if span is None:
        warnings += gap_warnings(rows, lambda p: rules.programme(p).display_name)
        said = period_warnings(table.preamble, rows, "line" if table.sheet is None else "row")
        warnings += said.warnings
    used = {role: index for role, index in roles.items() if role not in cols.unused}
    by = practices_named(table.preamble)
    summary = replace(
        _summary(table, rows, warnings, file_programme, used, span),
        searched_from=said.searched_from,
        searched_to=said.searched_to,
        practices_named=by,
    )
    problem = span_problem(summary, event_months(rows).get(table.file, {}))
    if problem is not None:
        raise SourceError(table.file, problem)
    return SearchImport(rows, unassigned, summary, by)


def _known_code_in_text(rules: Rules) -> Callable[[str | None], str | None]:
    """A code cell holding a code the rules know with its term ("956951000000104 -
    Pertussis vaccination in pregnancy"): that code; any other cell as it is, so an
    unknown one is named as written (decision 189)."""

    def code(value: str | None) -> str | None:
        if value is None or rules.code_kind(value) is not None:
            return value
        found = code_in_text(value)
        return found if found is not None and rules.code_kind(found) is not None else value

    return code


def _month_first_dates(cols: _Columns) -> list[str]:
    """A date column holding a date only month first makes sense of (09/23/2024, from a
    computer set to US dates): read day first, its other dates may be wrong without a
    sign (09/03/2024 read as 9 March), so that is said (decision 182)."""
    warnings = []
    for role in ("event_date", "date_of_birth", "edd"):
        values = cols.text(role)
        if values is None:
            continue
        orders = map_unique(values, date_order)
        at = next((i for i, o in enumerate(orders) if o == "month first"), None)
        if at is None:
            continue
        header = cols.table.headers[cols.roles[role]]
        pairs = zip(values, orders, strict=True)
        either = next((v.strip() for v, o in pairs if o == "either"), None)
        example = ""
        if either is not None:
            read = parse_date(either)
            example = f" ({either} is read as {read.day} {read:%B %Y})" if read else ""
        warnings.append(
            f"column '{header}': {values[at].strip()} ({_line_word(cols.table)} "
            f"{cols.table.rows[at]}) is a date only if read month first, but dates are read "
            f"day first: if this file writes dates month first, its other dates are read "
            f"wrongly{example}; export the search again with dates day first (dd/mm/yyyy)"
        )
    return warnings


def _line_word(table: Table) -> str:
    return "line" if table.sheet is None else "row"


def _shortened_codes(cols: _Columns) -> list[str]:
    """Codes Excel shortened ("9.56951E+14"): the code is lost, and said (decision 180)."""
    values = cols.text("code") or []
    short = [v for v, s in zip(values, map_unique(values, shortened_code), strict=True) if s]
    if not short:
        return []
    header = cols.table.headers[cols.roles["code"]]
    many = len(short) != 1
    return [
        f"column '{header}': {len(short)} code{'s are' if many else ' is'} written shortened "
        f"(e.g. {short[0].strip()}), as Excel saves long numbers, so the full code is lost: "
        "export the search again and use that file, not one opened and saved in Excel"
    ]


NO_VACCINATION_IN_ROW = (
    "no vaccination in this row: its date and code are blank (a patient the search lists "
    "without one)"
)


def _no_programme(label: str, code: str | None) -> str:
    if label:
        return f"programme '{label}' is not one this review checks"
    if code and shortened_code(code):
        return (
            f"code {code} is written shortened (as Excel saves long numbers), so the code "
            "and its programme cannot be told"
        )
    if code:
        return f"code {code} is not in the rules for any programme"
    return "no code or programme to show which programme it belongs to"


def _term_names_other(rules: Rules, counted_as: str, named: str, lines: Sequence[int]) -> str:
    """A file given a programme, some of whose rows (codes it does not know) have a term
    naming another programme checked here: counted as the file's, and said."""
    shown = ", ".join(map(str, lines[:5])) + (", ..." if len(lines) > 5 else "")
    return (
        f"{len(lines)} row{'s' if len(lines) != 1 else ''} counted as "
        f"{rules.programme(counted_as).display_name} (the programme chosen for this file) "
        f"though the term names {rules.programme(named).display_name} (row"
        f"{'s' if len(lines) != 1 else ''} {shown}): check the search found only "
        f"{rules.programme(counted_as).display_name}"
    )


_PATIENT_ROLES = ("nhs_number", "name", "surname", "forenames", "date_of_birth")


def _no_patient_details(cols: _Columns, table: Table, rows: Sequence[SearchRow]) -> list[str]:
    """The rows read as vaccinations whose patient's details (NHS number, name, date of
    birth) are all blank, in a file with such columns, said: a report that prints each
    patient's details only on their first row leaves them so. They are counted and each
    flagged as having no valid NHS number, but not given the details of the row above:
    nothing in a CSV says the rows are the same patient's (decisions 192, 259)."""
    import numpy as np

    present = [cols.roles[role] for role in _PATIENT_ROLES if role in cols.roles]
    if not present or table.cells.empty:
        return []
    blank = (table.cells[present] == "").all(axis=1).to_numpy()
    unnamed = {table.rows[i] for i in np.flatnonzero(blank)}
    lines = [r.row for r in rows if r.kind is RowKind.EVENT and r.row in unnamed] if unnamed else []
    if not lines:
        return []
    one = len(lines) == 1
    shown = ", ".join(map(str, lines[:5])) + (", ..." if len(lines) > 5 else "")
    word = _line_word(table)
    return [
        f"{len(lines)} {'vaccination has' if one else 'vaccinations have'} no patient details "
        f"(NHS number, name and date of birth blank: {word}{'' if one else 's'} {shown}), as "
        "in a report that prints a patient's details only on their first row: "
        f"{'it is' if one else 'they are'} counted and flagged for review as having no "
        "valid NHS number, but not taken as the patient's on the row above (nothing in the "
        "file says so), so a second dose of that patient is not found as a duplicate; "
        "export the search again with the patient's details on every row"
    ]


def _left_out(count: int, why: str) -> str:
    rows = "row" if count == 1 else "rows"
    return f"{count} {rows} {why} left out"


def _summary(
    table: Table,
    rows: list[SearchRow],
    warnings: list[str],
    file_programme: str | None,
    roles: dict[str, int],
    span: Span | None,
) -> SourceSummary:
    markers = sum(1 for r in rows if r.kind is RowKind.MARKER)
    events = len(rows) - markers
    read = len(table.cells)
    by_index = sorted((index, role) for role, index in roles.items())
    return SourceSummary(
        file=table.file,
        sha256=table.sha256,
        rows_read=read,
        events=events,
        markers=markers,
        skipped=read - events - markers,
        warnings=tuple(warnings),
        kind="search",
        programme=file_programme,
        mapping=tuple((table.headers[i], role) for i, role in by_index),
        span=span,
    )
