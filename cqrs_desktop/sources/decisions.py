"""The `--decisions` CSV of the command line: decisions recorded outside the GUI.

Columns nhs_number, programme, date, decision and optional event_id, action_done, note,
reviewer, decided_at; any header case, encoding or delimiter a search export may have, and
the headers and words of the workbook's Events sheet (a decisions file is often made from
review.xlsx).
Matching the rows to events is the caller's job; here each row is only read and checked.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cqrs_desktop.domain import labels
from cqrs_desktop.domain.explain import DECISION_WORDS
from cqrs_desktop.domain.model import Decision
from cqrs_desktop.sources.columns import find_search_header, normalise_header, role_of
from cqrs_desktop.sources.errors import SourceError
from cqrs_desktop.sources.table import read_table
from cqrs_desktop.sources.values import nhs_digits, parse_date, parse_yes_no

_FIELDS: dict[str, tuple[str, ...]] = {
    "event_id": ("eventid", "id", "event"),
    "decision": ("decision", "outcome", "result"),
    "programme": ("programme", "program", "programmeid"),
    # (the workbook's own headers too: a decisions file is often made from review.xlsx)
    "action_done": ("actiondone", "action", "done", "updated", "recorded", "actioned",
                    "clinicalsystemupdated", "systemupdated", "recordupdated"),
    "note": ("note", "notes", "comment", "comments"),
    "reviewer": ("reviewer", "reviewedby", "checkedby", "by", "decidedby", "checker"),
    # when it was decided (the workbook's "Decided at"): kept, not replaced by the import's
    "decided_at": ("decidedat", "decidedon", "datedecided", "checkedat", "checkedon"),
}  # fmt: skip
_ROLE_FROM_SEARCH = {"nhs_number": "nhs_number", "event_date": "date"}

_DECISION_WORDS: dict[str, Decision] = {d.value.replace("_", ""): d for d in Decision}
# the words the app and its workbook write ("Given here", "Other provider", ...)
_DECISION_WORDS |= {normalise_header(word): d for d, word in DECISION_WORDS.items()}
_DECISION_WORDS |= {
    "givenbypractice": Decision.PRACTICE,
    "otherprovider": Decision.OTHER_PROVIDER,
    "givenelsewhere": Decision.OTHER_PROVIDER,
    "noteligible": Decision.NOT_ELIGIBLE,
    "notgiven": Decision.NOT_GIVEN,
    "recordedinerror": Decision.NOT_GIVEN,
}


# "Clinical system updated" as the workbook writes it: "Yes (seen in the export)" is a yes;
# "Not needed" (a decision asking no change), a dash or "n/a" is a no
_DONE_YES = frozenset({"yesseenintheexport"})
_DONE_NO = frozenset({"notneeded", "na", "notapplicable", "noneneeded", "nochangeneeded"})
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")


def parse_done(text: str) -> bool | None:
    """Whether a decisions file's clinical-system tick says yes (None: neither yes nor no)."""
    done = parse_yes_no(text)
    if done is not None:
        return done
    value = text.strip()
    if value and all(c in _DASHES or c.isspace() for c in value):
        return False
    key = normalise_header(value)
    if key in _DONE_YES:
        return True
    return False if key in _DONE_NO else None


# The workbook's words for an event with no decision (reports.summary's, as headers are
# normalised): such a row of its Events sheet records nothing.
_NO_DECISION = frozenset({"stilltocheck", "nocheckneeded"})


class DecisionRows(list["DecisionRow"]):
    """The rows of a decisions file, and the headers of its columns not read (said)."""

    unused: tuple[str, ...] = ()
    # rows the workbook's Events sheet writes for events with no decision ("Still to
    # check", "No check needed"): nothing to record, so passed over and counted
    undecided: int = 0
    # of those, the rows (1-based) holding a note or a "clinical system updated" yes: a
    # note or tick is recorded only with a decision, so they are not, and are said
    undecided_kept: tuple[int, ...] = ()
    # what reading the file itself found (rows hidden in a workbook, cells merged down,
    # control characters, sheets not read), as a search's warnings say it
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class DecisionRow:
    row: int  # 1-based line in the file
    nhs_number: str | None
    programme: str  # as written ("" when blank); the caller resolves it
    date: dt.date | None
    decision: Decision
    event_id: str | None
    action_done: bool
    note: str
    reviewer: str | None
    # when it was decided, as the file says (ISO, the computer's time zone); None: not said
    decided_at: str | None = None


_CLOCK = re.compile(r"(?:^|[ t])(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\.\d+)?\s*([ap]m)?\s*$")


_CLOCK_SLACK = dt.timedelta(minutes=10)  # another computer's clock a little ahead


def decided_at_problem(text: str) -> str:
    """Why `parse_decided_at` refused a cell: in the future, too long ago, or no date."""
    day = parse_date(text)
    if day is not None and day.year >= 2000:
        return "is in the future"
    if day is not None:
        return "is before 2000"
    return "is not a date and time (e.g. 06/11/2026 10:15)"


def parse_decided_at(text: str) -> str | None:
    """When a decision was made, from a cell ("06/11/2026 10:15", the workbook's
    "2026-11-06 10:15:00"): ISO in the computer's time zone; None when it is no date."""
    day = parse_date(text)
    if day is None:
        return None
    hour = minute = second = 0
    if m := _CLOCK.search(text.strip().lower()):
        hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
        if m[4] == "pm" and hour < 12:
            hour += 12
        elif m[4] == "am" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59 or second > 59:
            return None
    moment = dt.datetime(day.year, day.month, day.day, hour, minute, second)
    if day.year < 2000 or moment > dt.datetime.now() + _CLOCK_SLACK:
        return None  # no decision of this app's was made then (a typed year, a date of birth)
    try:  # (Windows cannot place some times in a time zone)
        return moment.astimezone().isoformat(timespec="seconds")
    except (OSError, OverflowError, ValueError):
        return None


def _field(header: str) -> str | None:
    key = normalise_header(header)
    for name, words in _FIELDS.items():
        if key in words:
            return name
    role, confidence = role_of(header)
    if role in _ROLE_FROM_SEARCH and confidence >= 0.75:
        return _ROLE_FROM_SEARCH[role]
    return None


def _fields(headers: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = _field(header)
        if name is not None and name not in found:
            found[name] = index
    return found


_GONE_SHEET_COLUMN = normalise_header(labels.COUNTED_AS)


def _find_header(rows: Sequence[Sequence[str]]) -> tuple[int, float] | None:
    for index, row in enumerate(rows):
        found = _fields(row)
        if "decision" in found and ({"event_id", "nhs_number"} & found.keys()):
            if any(normalise_header(cell) == _GONE_SHEET_COLUMN for cell in row):
                # the workbook's "No longer in search": doses the search no longer holds,
                # with their earlier decisions, which the carry reads (decision 365)
                return None
            return index, float(len(found))
    return None


def _other_kind(path: Path) -> str | None:
    """What a file with no decisions header is, where it is the wrong kind of file (CQRS
    figures, a patient search export, the check's own workbook without its decisions), in
    words to say of it."""
    from cqrs_desktop.sources.cqrs import CQRS_LOOKED_FOR, LONG_FORM_SCORE, find_cqrs_header

    def long_cqrs_header(rows: Sequence[Sequence[str]]) -> tuple[int, float] | None:
        # only CQRS figures' columns by name (programme, month, count): a decisions row
        # with a date in it would pass for a one-month header of the wide form
        found = find_cqrs_header(rows)
        return found if found is not None and found[1] >= LONG_FORM_SCORE else None

    kinds = (  # a search export's header passes for CQRS figures', not the other way
        ("a patient search export (it has no decision column)", find_search_header, ""),
        ("CQRS figures", long_cqrs_header, CQRS_LOOKED_FOR),
    )
    for kind, finder, looked_for in kinds:
        try:
            table = read_table(path, finder, looked_for)
        except SourceError:
            continue
        if any(normalise_header(h) == "eventid" for h in table.headers):
            # the check's own workbook (its Audit log sheet read), its Events sheet deleted
            # or its Decision column renamed: no patient search
            return (
                "this looks like a CQRS Desktop results workbook (or a sheet of one) with no "
                "Decision column: decisions are read from its Events sheet's Decision column, "
                "so keep that sheet and column as the check wrote them"
            )
        return f"this looks like {kind}, not a decisions file"
    return None


def parse_decision(text: str) -> Decision | None:
    return _DECISION_WORDS.get(normalise_header(text))


def read_decisions(path: Path) -> DecisionRows:
    """Every decision row of the file, and its columns not read; SourceError naming the row
    for a bad one."""
    try:
        table = read_table(
            path, _find_header, "columns nhs_number, programme, date and decision (or event_id)"
        )
    except SourceError as exc:
        other = _other_kind(path) if exc.problem.startswith("no header row") else None
        if other is None:
            raise
        raise SourceError(exc.file, other) from None
    name = table.file
    if table.alike_sheets:  # one sheet is read: the decisions on another would be lost
        sheets = [table.sheet or "", *table.alike_sheets]
        listed = ", ".join(f"'{s}'" for s in sheets[:-1]) + f" and '{sheets[-1]}'"
        each = "both" if len(sheets) == 2 else "each"
        raise SourceError(
            name,
            f"sheets {listed} {each} hold rows of decisions, and one sheet of a workbook is "
            "read, so the rows on the other would be lost: put every decision on one sheet "
            "and delete the other (or save the sheet you mean as a file of its own and give "
            "that)",
        )
    if table.overflow:  # a note cut short at a comma would be recorded as it was cut
        raise SourceError(
            name,
            f"row {min(table.overflow)}: it has more values than the header has columns (a "
            "comma inside a note? put such a value in double quotes)",
        )
    columns = _fields(table.headers)
    missing = [f for f in ("nhs_number", "programme", "date") if f not in columns]
    if "event_id" not in columns and missing:
        raise SourceError(
            name,
            f"it has no {' or '.join(missing)} column: each row needs an NHS number, programme "
            "and date to find its vaccination (or an event_id column)",
        )

    def cell(values: Sequence[str], field: str) -> str:
        index = columns.get(field)
        return values[index] if index is not None else ""

    out = DecisionRows()
    out.warnings = tuple(_of_decisions(w) for w in table.warnings)
    read = set(columns.values())
    out.unused = tuple(h for i, h in enumerate(table.headers) if i not in read and h.strip())
    for line, values in zip(table.rows, table.cells.itertuples(index=False), strict=True):
        where = f"row {line}"
        word = cell(values, "decision")
        decision = parse_decision(word)
        if decision is None and normalise_header(word) in _NO_DECISION:
            out.undecided += 1
            if cell(values, "note").strip() or parse_done(cell(values, "action_done")):
                out.undecided_kept += (line,)
            continue
        if decision is None:
            # the cell is not quoted: a shifted column may hold patient details
            what = "the decision is not a recognised one" if word else "the decision is blank"
            raise SourceError(name, f"{where}: {what} (use {_alternatives()})")
        date_text = cell(values, "date")
        date = parse_date(date_text)
        if date_text and date is None:
            raise SourceError(
                name, f"{where}: the date is not a date (write it day first, e.g. 03/09/2024)"
            )
        done = parse_done(cell(values, "action_done"))
        if done is None:  # named as the file names it ("Clinical system updated")
            header = table.headers[columns["action_done"]]
            raise SourceError(
                name, f"{where}: “{header}” must be yes or no (or blank, n/a or not needed)"
            )
        nhs_text = cell(values, "nhs_number")
        nhs = nhs_digits(nhs_text)
        if nhs_text and nhs is None:
            raise SourceError(name, f"{where}: the NHS number is not a number")
        when_text = cell(values, "decided_at").strip()
        decided_at = parse_decided_at(when_text) if when_text else None
        if when_text and decided_at is None:
            header = table.headers[columns["decided_at"]]
            raise SourceError(name, f"{where}: “{header}” {decided_at_problem(when_text)}")
        event_id = cell(values, "event_id")
        if not event_id and not (nhs and date):
            raise SourceError(
                name, f"{where}: give an event_id, or an NHS number and a date to find the event"
            )
        out.append(
            DecisionRow(
                row=line,
                nhs_number=nhs,
                programme=cell(values, "programme"),
                date=date,
                decision=decision,
                event_id=event_id or None,
                action_done=done,
                note=cell(values, "note"),
                reviewer=cell(values, "reviewer") or None,
                decided_at=decided_at,
            )
        )
    return out


def _of_decisions(warning: str) -> str:
    """A reading warning worded for a search ("check it is the search", "not part of the
    search") said of the decisions file."""
    return warning.replace("the search", "the decisions")


def _alternatives() -> str:
    values = [d.value for d in Decision]
    return ", ".join(values[:-1]) + " or " + values[-1]
