"""CQRS figures: the claimed count per programme per month, from a table the user exported,
copied from the CQRS screen, or typed; and the `--claim` argument of the command line.

Long form: a row per programme and month (label, month or date, count). Wide form: a row
per programme and a column per month. Rows for services this review does not check
(older-adult RSV, shingles, flu ...) are left out with one notice per service.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cqrs_desktop.domain.model import Claim, SourceSummary
from cqrs_desktop.domain.reconcile import combined_status
from cqrs_desktop.domain.rules import Rules
from cqrs_desktop.sources.columns import (
    looks_like_decisions,
    normalise_header,
    search_header_score,
)
from cqrs_desktop.sources.errors import SourceError
from cqrs_desktop.sources.table import Table, read_table, table_from_bytes
from cqrs_desktop.sources.values import count_problem, parse_count, parse_month

if TYPE_CHECKING:
    import pandas as pd

CQRS_LOOKED_FOR = (
    "columns such as Service, Indicator, Month or Achievement Date, and Value or Count, "
    "or a column per month"
)

# Header words, most telling first. A header is tried as month, then count, then label.
_MONTH_WORDS = ("month", "date", "period")
_COUNT_WORDS = ("count", "claimed", "value", "achievement", "achieved", "claim", "numerator",
                "number", "doses", "quantity", "total")  # fmt: skip
# A count-like header naming what the claim is worth ("Value", "Achievement Value",
# "Points") is the count only when no other count-like column is there: CQRS exports put
# the payment in "Value" beside the doses in "Achievement".
_WORTH_WORDS = ("value", "points")
_LABEL_WORDS = ("indicator", "code", "id", "service", "programme", "program", "description",
                "name", "vaccin", "measure", "campaign", "label", "title", "type")  # fmt: skip
_INDICATOR_WORDS = ("indicator", "code", "id")
# A column of money is never the count ("Value (£)": 503.00 is not 503 doses).
_MONEY_WORDS = ("payment", "amount", "fee", "price", "cost", "pound", "gbp", "money")
# Of several date columns, the month claimed for first; dates of the claim's handling last
# ("Declaration Date" is when the claim was made, not the month it is for).
_CLAIM_MONTH_WORDS = ("achievement", "activity", "month", "period", "service")
_HANDLING_WORDS = ("declar", "submit", "approv", "paid", "payment", "creat", "updat",
                   "extract", "run", "print", "export", "modif", "sent", "received")  # fmt: skip


@dataclass(frozen=True)
class CqrsImport:
    claims: list[Claim]
    notices: list[str]
    summary: SourceSummary


_NOTE_HEADERS = frozenset(
    {"notes", "note", "comments", "comment", "commissionernotes", "commissionernote",
     "commissionercomments", "practicenotes", "declarationnotes", "itemnotes"}
)  # fmt: skip

# CQRS item status words (SPEC section 3), compared as lower-case letters and spaces.
_STATUS_WORDS: dict[str, str] = {
    "approved": "approved",
    "paid": "approved",
    "payment approved": "approved",
    "awaiting commissioning organisation approval": "awaiting_approval",
    "awaiting approval": "awaiting_approval",
    "declared": "awaiting_approval",
    "submitted": "awaiting_approval",
    "rejected": "rejected",
    "declined by commissioner": "rejected",
    "not declared": "not_declared",
    "ready to declare": "not_declared",
    "draft": "not_declared",
}


def parse_cqrs_status(text: str | None) -> str | None:
    """The CQRS item status a cell names; "other" for any other value, None when blank."""
    words = " ".join("".join(c if c.isalpha() else " " for c in (text or "").lower()).split())
    if not words:
        return None
    if words in _STATUS_WORDS:
        return _STATUS_WORDS[words]
    if words.startswith("awaiting"):
        return "awaiting_approval"
    return "other"


def header_role(header: str) -> str | None:
    """ "month_column" (wide form), "month", "count", "label", "status", "note" or None."""
    if parse_month(header):
        return "month_column"
    key = normalise_header(header)
    if not key:
        return None
    if key.endswith("status"):
        return "status"
    if key in _NOTE_HEADERS:
        return "note"
    for role, words in (("month", _MONTH_WORDS), ("count", _COUNT_WORDS), ("label", _LABEL_WORDS)):
        if role == "count" and is_money(header):
            continue
        if any(w in key for w in words):
            return role
    return None


def is_money(header: str) -> bool:
    """A header of an amount of money (£, payment, fee ...): never the count."""
    key = normalise_header(header)
    return "£" in header or any(w in key for w in _MONEY_WORDS)


def is_long_form(headers: Sequence[str]) -> bool:
    roles = {header_role(h) for h in headers}
    return {"month", "count", "label"} <= roles


LONG_FORM_SCORE = 10.0  # a header of programme, month and count columns scores this or more


def cqrs_header_score(cells: Sequence[str]) -> float | None:
    """How much a row looks like the header of CQRS figures; None when it cannot be one."""
    roles = [header_role(c) for c in cells]
    filled = sum(1 for c in cells if c.strip())
    if "month" in roles and "count" in roles and "label" in roles:
        return LONG_FORM_SCORE + sum(1 for r in roles if r)
    months = roles.count("month_column")
    if months and (filled > months or len(cells) > months):  # a blank label header too
        return 5.0 + months / 100
    return None


def find_cqrs_header(rows: Sequence[Sequence[str]]) -> tuple[int, float] | None:
    best: tuple[int, float] | None = None
    for index, row in enumerate(rows):
        score = cqrs_header_score(row)
        if score is not None and (best is None or score > best[1]):
            best = (index, score)
    return best


def _label_columns(headers: Sequence[str], roles: Sequence[str | None]) -> list[int]:
    """Columns that may name the programme: indicator-like headers first."""
    labels = [i for i, r in enumerate(roles) if r == "label"]
    if not labels:  # wide form with an unnamed first column
        labels = [i for i, r in enumerate(roles) if r is None]
    first = [i for i in labels if any(w in normalise_header(headers[i]) for w in _INDICATOR_WORDS)]
    return first + [i for i in labels if i not in first]


def _pick_count(
    headers: Sequence[str], roles: Sequence[str | None], cells: pd.DataFrame | None = None
) -> int:
    """The count column: of the count-like headers, one not naming a worth ("Value",
    "Points") first, then by the word it holds; one holding amounts with pence gives way
    to one holding whole numbers (a "Claimed" column of £70.42 is money, whatever its name)."""
    counts = [i for i, r in enumerate(roles) if r == "count"]

    def rank(i: int) -> tuple[bool, int, int]:
        key = normalise_header(headers[i])
        word = next(n for n, w in enumerate(_COUNT_WORDS) if w in key)
        return _names_worth(headers[i]), word, i

    ranked = sorted(counts, key=rank)
    if cells is None or len(ranked) < 2 or not _holds_pence(cells[ranked[0]]):
        return ranked[0]
    return next((i for i in ranked[1:] if _holds_whole_numbers(cells[i])), ranked[0])


_PENCE = re.compile(r"^£?\s*[\d,]*\.\d\d$")


def _filled(values: Iterable[str]) -> list[str]:
    return [v for v in (str(v).strip() for v in values) if v not in ("", "-", "\u2013", "\u2014")]


def _holds_pence(values: Iterable[str]) -> bool:
    """Most filled cells are amounts written to the penny ("70.42", "503.00"), at least one
    with pence: money, not a count."""
    filled = _filled(values)
    money = [v for v in filled if _PENCE.match(v)]
    return 2 * len(money) > len(filled) and any(not v.endswith(".00") for v in money)


def _holds_whole_numbers(values: Iterable[str]) -> bool:
    """Most filled cells (at least one) are whole counts ("7", "7.00"; never "70.42")."""
    filled = _filled(values)
    whole = [v for v in filled if parse_count(v) is not None]
    return 2 * len(whole) > len(filled)


def _pick_month(headers: Sequence[str], roles: Sequence[str | None]) -> int:
    """The column of the month claimed for, of the date columns."""

    def rank(i: int) -> int:
        key = normalise_header(headers[i])
        if any(w in key for w in _HANDLING_WORDS):
            return 2
        return 0 if any(w in key for w in _CLAIM_MONTH_WORDS) else 1

    return min((i for i, r in enumerate(roles) if r == "month"), key=lambda i: (rank(i), i))


def _names_worth(header: str) -> bool:
    key = normalise_header(header)
    return any(w in key for w in _WORTH_WORDS)


def _unused_notice(
    headers: Sequence[str], roles: Sequence[str | None], month: int, count: int
) -> list[str]:
    """Said when other columns could have been the month or the count: which were read."""
    others = [
        f"“{h}”"
        for i, h in enumerate(headers)
        if i not in (month, count)
        and (roles[i] in ("month", "count") or is_money(h) or _names_worth(h))
    ]
    if not others:
        return []
    return [
        f"months read from “{headers[month]}” and counts from “{headers[count]}”; "
        f"not used: {', '.join(others)}"
    ]


class _Collector:
    """Claims by programme and month, with the notices a user should read."""

    def __init__(self, table: Table, rules: Rules) -> None:
        self.table = table
        self.rules = rules
        # each programme and month's figures, by indicator ("": the programme's one figure),
        # each with its label as found
        self.parts: dict[tuple[str, str], dict[str, tuple[Claim, str]]] = {}
        self.notices: list[str] = []
        self.ignored: dict[str, int] = {}
        self.unknown: dict[str, int] = {}
        self.used_rows: set[int] = set()
        self.placed_rows = 0  # rows naming a programme we check, usable or not

    def classify(self, labels: Sequence[str]) -> tuple[str | None, str]:
        """(programme id, "ignored:<name>" or None, the label text that decided it)."""
        for text in labels:
            if text:
                found = self.rules.classify_label(text)
                if found is not None:
                    return found, text
        return None, next((t for t in labels if t), "")

    def place(self, line: int, labels: Sequence[str]) -> tuple[str, str] | None:
        found, text = self.classify(labels)
        if found is not None and not found.startswith("ignored:"):
            # A row another of whose labels names a service left out ("Hepatitis B (adult
            # at risk)" beside an indicator like a babies' one) is left out, and said: never
            # counted in a claim on one label's word against another's (decision 174).
            for other in labels:
                named = self.rules.classify_label(other) if other else None
                if named is not None and named.startswith("ignored:"):
                    self.notices.append(
                        f"row {line} left out: “{other}” is {named.removeprefix('ignored:')}, "
                        f"not a programme this review checks, though “{text}” looks like "
                        f"{self.rules.programme(found).display_name}: check it against CQRS"
                    )
                    return None
        if found is None:
            if text:
                self.unknown[text] = self.unknown.get(text, 0) + 1
            return None
        if found.startswith("ignored:"):
            name = found.removeprefix("ignored:")
            self.ignored[name] = self.ignored.get(name, 0) + 1
            return None
        self.placed_rows += 1
        return found, text

    def add(
        self,
        line: int,
        programme: str,
        label: str,
        month: str,
        count: int,
        status: str | None = None,
        note: str | None = None,
    ) -> None:
        """One figure. Figures of different indicators of one programme and month (HepB's
        doses) are added together; a programme claimed under one indicator (pertussis:
        PT001), or a row naming the programme itself, is one figure however it is labelled
        (decision 111). The same figure twice: the last is used, said, unless one is a 0
        beside the figure (a service renamed in the year, its other months filled with 0)."""
        self.used_rows.add(line)
        key = (programme, month)
        claim = Claim(programme, month, count, self.table.file, status, note)
        rules = self.rules.programme(programme)
        names = {_compact(n) for n in (rules.id, rules.display_name, rules.short_name)}
        names |= {_compact(n) for n in rules.aliases}
        several = len(rules.indicator_ids) > 1 and bool(label)
        part = _compact(label) if several and _compact(label) not in names else ""
        parts = self.parts.setdefault(key, {})
        earlier = parts.get(part)
        if earlier is not None:
            name = f"{rules.display_name} {month}"
            if 0 in (count, earlier[0].count) and count != earlier[0].count:
                if count == 0:
                    claim, label = earlier
                self.notices.append(
                    f"{name} appears more than once; {claim.count} is used, not the 0 beside "
                    "it: check it against CQRS"
                )
            else:
                was = "" if earlier[0].count == count else f"; the other was {earlier[0].count}"
                self.notices.append(
                    f"{name} appears more than once; the last figure ({count}, row {line}) is "
                    f"used{was}: check it against CQRS"
                )
        parts[part] = (claim, label)

    def _claim(self, key: tuple[str, str]) -> Claim:
        """The programme and month's claim: its figures added together where they are of
        different indicators (said); a figure for the programme itself beside them is the
        claim (said: which to believe is for CQRS to tell)."""
        parts = self.parts[key]
        if len(parts) == 1:
            return next(iter(parts.values()))[0]
        name = f"{self.rules.programme(key[0]).display_name} {key[1]}"
        if "" in parts:
            whole = parts[""][0]
            self.notices.append(
                f"{name}: a figure for the programme ({whole.count}) and figures for its "
                f"indicators ({', '.join(repr(lb) for p, (_c, lb) in parts.items() if p)}): the "
                "programme's is used: check it against CQRS"
            )
            return whole
        claims = [c for c, _label in parts.values()]
        statuses = [c.cqrs_status for c in claims if c.cqrs_status]
        notes = [c.cqrs_note for c in claims if c.cqrs_note]
        total = Claim(
            key[0], key[1], sum(c.count for c in claims), self.table.file,
            combined_status(statuses), " / ".join(dict.fromkeys(notes)) or None,
        )  # fmt: skip
        labels = [repr(label) for _c, label in parts.values()]
        self.notices.append(
            f"{name}: figures for {', '.join(labels[:-1])} and {labels[-1]} were added "
            f"together ({total.count})"
        )
        return total

    def finish(self) -> tuple[list[Claim], list[str]]:
        notices = [
            f"{name} rows left out: not a programme this review checks"
            for name in sorted(self.ignored)
        ]
        notices += [
            f"'{label}' rows left out: not a programme the rules know"
            for label in sorted(self.unknown)
        ]
        claims = sorted(
            (self._claim(key) for key in self.parts),
            key=lambda c: (self.rules.order(c.programme), c.month),
        )
        notices += self.notices
        return claims, notices


def _compact(text: str) -> str:
    return normalise_header(text)


def _year_column(headers: Sequence[str]) -> int | None:
    """A "Year" column beside a month column holding month names only."""
    for i, header in enumerate(headers):
        if normalise_header(header) in ("year", "calendaryear", "achievementyear", "claimyear"):
            return i
    return None


def _long_form(table: Table, collect: _Collector, roles: list[str | None]) -> list[int]:
    headers = table.headers
    labels = _label_columns(headers, roles)
    month_col = _pick_month(headers, roles)
    count_col = _pick_count(headers, roles, table.cells)
    collect.notices.extend(_unused_notice(headers, roles, month_col, count_col))
    year_col = _year_column(headers)
    status_col, note_col = _status_columns(roles)
    # each row as a tuple (a pandas row a time: 60 µs each, six seconds for 100,000 rows)
    for line, row in zip(table.rows, table.cells.itertuples(index=False, name=None), strict=True):
        placed = collect.place(line, [row[c] for c in labels])
        if placed is None:
            continue
        month = parse_month(row[month_col])
        if month is None and year_col is not None:
            month = parse_month(f"{row[month_col]} {row[year_col]}")
        count = parse_count(row[count_col])
        if month is None:
            collect.notices.append(f"row {line} left out: no month that can be read")
        elif count is None:
            collect.notices.append(f"row {line} left out: {count_problem(row[count_col])}")
        else:
            status, note = _status_and_note(row, status_col, note_col)
            collect.add(line, placed[0], placed[1], month, count, status, note)
    extra = [c for c in (year_col, status_col, note_col) if c is not None]
    return [*labels, month_col, count_col, *extra]


def _status_columns(roles: Sequence[str | None]) -> tuple[int | None, int | None]:
    """The CQRS item status and notes columns, if the table has them."""
    status = roles.index("status") if "status" in roles else None
    note = roles.index("note") if "note" in roles else None
    return status, note


def _status_and_note(
    row: Sequence[str], status_col: int | None, note_col: int | None
) -> tuple[str | None, str | None]:
    status = parse_cqrs_status(row[status_col]) if status_col is not None else None
    note = (row[note_col] or None) if note_col is not None else None
    return status, note


def _wide_form(table: Table, collect: _Collector, roles: list[str | None]) -> list[int]:
    headers = table.headers
    months = {i: parse_month(headers[i]) for i, r in enumerate(roles) if r == "month_column"}
    labels = _label_columns(headers, roles)
    status_col, note_col = _status_columns(roles)
    # each row as a tuple (a pandas row a time: 60 µs each, six seconds for 100,000 rows)
    for line, row in zip(table.rows, table.cells.itertuples(index=False, name=None), strict=True):
        placed = collect.place(line, [row[c] for c in labels])
        if placed is None:
            continue
        status, note = _status_and_note(row, status_col, note_col)
        for col, month in months.items():
            text = row[col]
            if text in ("", "-", "\u2013", "\u2014") or month is None:  # a dash: no claim
                continue
            count = parse_count(text)
            if count is None:
                collect.notices.append(
                    f"row {line}, column '{headers[col]}' left out: {count_problem(text)}"
                )
            else:
                collect.add(line, placed[0], placed[1], month, count, status, note)
    extra = [c for c in (status_col, note_col) if c is not None]
    return [*labels, *months, *extra]


def read_cqrs(path: Path, rules: Rules) -> CqrsImport:
    """Claimed counts from a CQRS figures file; SourceError when it has none we check."""
    table = read_table(path, find_cqrs_header, CQRS_LOOKED_FOR)
    return cqrs_from_table(table, rules)


def read_cqrs_text(text: str, rules: Rules, name: str = "pasted figures") -> CqrsImport:
    """Claimed counts typed or pasted (tab-separated from the CQRS screen or Excel, or
    comma-separated); `name` stands for the file name in messages and provenance."""
    table = table_from_bytes(name, text.encode("utf-8"), find_cqrs_header, CQRS_LOOKED_FOR)
    return cqrs_from_table(table, rules)


def cqrs_from_table(table: Table, rules: Rules) -> CqrsImport:
    if table.overflow:  # a count shifted into another column would be claimed wrongly
        raise SourceError(
            table.file,
            f"line {min(table.overflow)}: it has more values than the header has columns (a "
            "comma inside a value?), so its counts cannot be read safely; put such a value "
            "in double quotes",
        )
    roles = [header_role(h) for h in table.headers]
    collect = _Collector(table, rules)
    used = (_long_form if is_long_form(table.headers) else _wide_form)(table, collect, roles)
    claims, notices = collect.finish()
    notices = [*table.warnings, *notices]
    if not claims:
        if looks_like_decisions(table.headers):
            raise SourceError(table.file, "this looks like a decisions file, not CQRS figures")
        if search_header_score(table.headers) is not None:
            raise SourceError(
                table.file, "this looks like a patient search export, not CQRS figures"
            )
        if collect.placed_rows:
            raise SourceError(
                table.file,
                "no claimed count could be read: each needs a month (such as Sep 2024 or "
                "30/09/2024) and a whole-number count",
            )
        left = ", ".join(sorted(collect.ignored))
        extra = f" (left out: {left})" if left else ""
        raise SourceError(
            table.file,
            "no row names a programme this review checks, such as PT001, RSVP001 or "
            f"'Pertussis (Pregnant Women) Vaccination Programme'{extra}",
        )
    role_names = {"month_column": "month", "label": "programme"}
    mapping = tuple(
        (table.headers[i], role_names.get(roles[i] or "", roles[i] or "")) for i in sorted(used)
    )
    read = len(table.cells)
    summary = SourceSummary(
        file=table.file,
        sha256=table.sha256,
        rows_read=read,
        events=0,
        markers=0,
        skipped=read - len(collect.used_rows),
        warnings=tuple(notices),
        kind="cqrs",
        programme=None,
        mapping=mapping,
    )
    return CqrsImport(claims, notices, summary)


CLAIM_FORMAT = "use PROGRAMME:YYYY-MM=N, e.g. pertussis_pregnant:2024-09=7"


def parse_claim_arg(text: str, rules: Rules) -> Claim:
    """A `--claim PROGRAMME:YYYY-MM=N` argument; ValueError with a plain message."""
    left, sep, count_text = text.strip().rpartition("=")
    label, colon, month_text = left.rpartition(":")
    if not sep or not colon or not label.strip():
        raise ValueError(f"'{text}' is not a claim: {CLAIM_FORMAT}")
    label = label.strip()
    programme = label if label in rules.programme_ids else rules.programme_for_label(label)
    if programme is None:
        choices = ", ".join(rules.programme_ids)
        raise ValueError(f"'{label}' is not a programme (use one of {choices})")
    month = parse_month(month_text.strip())
    if month is None:
        raise ValueError(f"'{month_text.strip()}' is not a month: {CLAIM_FORMAT}")
    count = parse_count(count_text.strip())
    digits = count_text.strip().replace(",", "")
    if count is None and digits.isascii() and digits.isdigit():
        from cqrs_desktop.sources.values import MAX_COUNT

        raise ValueError(f"more than a practice can claim for one month (at most {MAX_COUNT:,})")
    if count is None:
        raise ValueError(f"'{count_text.strip()}' is not a whole number: {CLAIM_FORMAT}")
    return Claim(programme, month, count, source="command line")
