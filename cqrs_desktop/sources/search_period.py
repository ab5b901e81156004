"""What a search file's preamble says about the dates it searched, against its coverage.

Clinical-system exports often carry lines above the header: "Search period: 01/09/2024 to
15/10/2024", "Report run on 16-Oct-2024". A file with no stated span covers, by SPEC 3,
its earliest to its latest vaccination month, whole: a search that ended on 15 October is
taken to have searched all of October, and its claims are checked against half a month.
Coverage stays as the SPEC has it; such a month is said, as a warning on the file.

Only lines that clearly name a period (a range of two dates after a word such as "search",
"period", "date range", "between", "from", or "Effective date >= ... and <= ..."; a first
day alone after "from", "since" or ">=" and a word for what was searched: "Vaccinations
from ...") or a run date ("Run date: ...", "Report run on ...", "Run Date/Time: ...",
"Report Date: ...", "Date of search: ...") are read (decisions 137, 145). A range about
patients (born, registered, due ...) is not a search period, and a date the file's own
vaccinations fall outside of is not about them: both are passed over, never guessed at.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cqrs_desktop.domain.coverage import PERIOD_WORDS
from cqrs_desktop.domain.dates import month_label, month_of
from cqrs_desktop.domain.model import RowKind, SearchRow
from cqrs_desktop.sources.values import parse_date

_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april"
    r"|june|july|august|september|october|november|december)"
)
_CLOCK = r"(?:[ t]\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]m)?)?"
_DATE = re.compile(
    r"(?<![\w/.])("
    r"\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[\s/.-]*{_MONTH}\.?[\s/.,-]*(?:\d{{4}}|\d{{2}})"
    rf"){_CLOCK}(?![\w/])",
    re.IGNORECASE,
)
# "and <=": the end of a range written as criteria ("Effective date >= X and <= Y")
_RANGE_JOIN = re.compile(
    r"^\s*(?:-|–|—|to|and(?:\s*<=)?|until|till|through|thru|up to)\s*$", re.IGNORECASE
)
_PERIOD_WORD = re.compile(
    r"\b(?:search|searched|period|range|between|from|dates?|reporting|events?|vaccinations?)\b",
    re.IGNORECASE,
)
# a range of patients' dates (born, registered, due ...), not of what the search looked at
_PATIENT_WORD = re.compile(
    r"birth|born|\bdob\b|regist|\bdue\b|\bedd\b|deliver|death|died|deduct|\blmp\b|menstrua"
    r"|\bage\b|\baged\b",
    re.IGNORECASE,
)
_RUN_WORDS = (
    r"(?:(?:last\s+)?(?:run|ran|generated|produced|exported|extracted|printed|executed)"
    r"(?:\s+(?:on|date(?:\s*/\s*time)?|at))?"
    r"|(?:date|time)\s+(?:(?:last\s+)?run|generated|produced|exported|extracted|printed)(?:\s+on)?"
    r"|(?:extract(?:ion)?|report)\s+date(?:\s*/\s*time)?"
    r"|date\s+of\s+(?:search|report|run|extract(?:ion)?))"
)
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_RUN_BEFORE = re.compile(rf"\b{_RUN_WORDS}\s*[:=-]?\s*{_WEEKDAY}$", re.IGNORECASE)
# a period with only its first day said ("Vaccinations from 15/09/2024"): after a word
# for what was searched, not a bare "from"
_START_BEFORE = re.compile(r"(?:\bfrom|\bsince|\bon\s+or\s+after|>=)\s*:?\s*$", re.IGNORECASE)
_SEARCHED_WORD = re.compile(
    r"\b(?:search|searched|period|range|dates?|reporting|events?|vaccinations?|immuni[sz]ations?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Stated:
    """A date a preamble line states: the first or last day searched, or the run date."""

    kind: str  # "start", "end" (of a stated period) or "run"
    date: dt.date
    line: str  # the line it was read from, as the file has it


def _date(token: str) -> dt.date | None:
    return parse_date(re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", token, flags=re.IGNORECASE))


def stated_dates(line: str) -> list[Stated]:
    """The period and run dates one preamble line clearly states (none when unclear)."""
    found = [(m.start(), m.end(), _date(m.group(0))) for m in _DATE.finditer(line)]
    said: list[Stated] = []
    previous = 0  # where the text leading up to the next date starts
    i = 0
    while i < len(found):
        start, end, date = found[i]
        before = line[previous:start]
        if i + 1 < len(found) and _RANGE_JOIN.match(line[end : found[i + 1][0]]):
            last = found[i + 1][2]
            if (
                date is not None
                and last is not None
                and date <= last
                and _PERIOD_WORD.search(before)
                and not _PATIENT_WORD.search(before)
            ):
                said += [Stated("start", date, line), Stated("end", last, line)]
            previous = found[i + 1][1]
            i += 2
            continue
        if date is not None and not _PATIENT_WORD.search(before):
            if _RUN_BEFORE.search(before):
                said.append(Stated("run", date, line))
            elif _START_BEFORE.search(before) and _SEARCHED_WORD.search(before):
                said.append(Stated("start", date, line))
        previous = end
        i += 1
    return said


def _last_day(date: dt.date) -> int:
    return calendar.monthrange(date.year, date.month)[1]


_HOW = (
    "its claims will be checked against part of the month; run the search again to cover "
    "the whole month before checking that month's claims"
)


def _quoted(line: str) -> str:
    return f"“{line if len(line) <= 150 else line[:149] + '…'}”"


@dataclass(frozen=True)
class PeriodSaid:
    """What a file's preamble says of the part of its first and last month searched:
    warnings to show on the file, and the first and last day searched (ISO dates), each
    only where it falls inside such a month (None: that month searched whole, as far as
    the file says)."""

    warnings: tuple[str, ...] = ()
    searched_from: str | None = None
    searched_to: str | None = None


def period_warnings(preamble: Sequence[str], rows: Sequence[SearchRow]) -> PeriodSaid:
    """For a file with no stated span whose preamble says its search started after the
    first day of the first month it is taken to cover, or ended (or was run) before the
    last day of the last one: the warnings and those days. `rows`: the file's rows."""
    stated = [s for line in preamble for s in stated_dates(line)]
    if not stated or not rows:
        return PeriodSaid()
    spans: dict[str, tuple[dt.date, dt.date]] = {}  # each programme's first and last dose
    for row in rows:
        if row.kind is RowKind.EVENT:
            lo, hi = spans.get(row.programme, (row.date, row.date))
            spans[row.programme] = (min(lo, row.date), max(hi, row.date))
    firsts = {month_of(lo) for lo, _ in spans.values()}
    lasts = {month_of(hi) for _, hi in spans.values()}
    earliest = min(r.date for r in rows)
    latest = max(r.date for r in rows)
    # a date the file's own rows fall outside of is not about them: passed over
    ends = [s for s in stated if s.kind in ("end", "run") and s.date >= latest]
    starts = [s for s in stated if s.kind == "start" and s.date <= earliest]
    warnings = []
    searched_from = searched_to = None
    if ends:
        end = min(ends, key=lambda s: (s.date, s.kind != "end"))
        if month_of(end.date) in lasts and end.date.day < _last_day(end.date):
            what = "ran to" if end.kind == "end" else "was run on"
            warnings.append(
                f"{PERIOD_WORDS}{what} {end.date:%d/%m/%Y} ({_quoted(end.line)}), "
                f"so {month_label(month_of(end.date))} was searched only in part: {_HOW}"
            )
            searched_to = end.date.isoformat()
    if starts:
        start = max(starts, key=lambda s: s.date)
        if month_of(start.date) in firsts and start.date.day > 1:
            warnings.append(
                f"{PERIOD_WORDS}ran from {start.date:%d/%m/%Y} "
                f"({_quoted(start.line)}), so {month_label(month_of(start.date))} was "
                f"searched only in part: {_HOW}"
            )
            searched_from = start.date.isoformat()
    return PeriodSaid(tuple(warnings), searched_from, searched_to)
