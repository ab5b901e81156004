"""What a search file's preamble says about the dates it searched, against its coverage.

Clinical-system exports often carry lines above the header: "Search period: 01/09/2024 to
15/10/2024", "Report run on 16-Oct-2024". A file with no stated span covers, by SPEC 3,
its earliest to its latest vaccination month, whole: a search that ended on 15 October is
taken to have searched all of October, and its claims are checked against half a month.
Coverage stays as the SPEC has it; such a month is said, as a warning on the file.

Only lines that clearly name a period (a range of two dates after a word such as "search",
"period", "date range", "between", "from", joined by "to", "-", an arrow, or "Effective
date >= ... and <= ..."; a first day alone after "from", "since", ">=", "on or after" or
"after" or ">" (the day after), or a last day alone after "on or before", "<=", "up to and
including", or "before" or "<" (the day before), each after a word for what was searched:
"Vaccinations from ...", "Date of event after ..."; "... to today", ending on the run
date) or a run date ("Run date: ...", "Report run on ...", "Report Date: ...", "Date of
search: ...") or "Results as at ..." are read (decisions 137, 145, 147, 161). A range or
date about patients (born, registered, due ...) is not a search period, and a date the
file's own vaccinations fall outside of is not about them: neither is taken for the days
searched. Any other line naming a date that may
bear on the months covered, and one whose date the vaccinations go past, is said as not
telling which days were searched (decision 148); those about patients are not.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cqrs_desktop.domain.coverage import PERIOD_WORDS, UNREAD_WORDS, span_words
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
    r"^\s*(?:-|–|—|to|and(?:\s*<=)?|until|till|through|thru|up to|→|->)\s*$", re.IGNORECASE
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
# a period with only its first (or last) day said, after a word for what was searched
# ("Vaccinations from 15/09/2024", "Date of event after 14/09/2024"), not a bare "from":
# "after" and "before" leave the day itself out, "on or after", "on or before", ">=" and
# "<=" take it in (decision 147)
_START_BEFORE = re.compile(
    r"(?:\bfrom|\bsince|\bon\s+or\s+after|\bafter\s+or\s+on|>=)\s*:?\s*$", re.IGNORECASE
)
# (">" and "<" leave the day out too: "Effective date > 01/09/2024 and < 01/11/2024";
# "up to and including" takes it in; "up to" alone may or may not, so it is not read)
_AFTER = re.compile(r"(?:\bafter|(?<![-=<>])>)\s*:?\s*$", re.IGNORECASE)
_END_BEFORE = re.compile(
    r"(?:\bon\s+or\s+before|\bbefore\s+or\s+on|<=|\b(?:up\s+to|until)\s+and\s+including)"
    r"\s*:?\s*$",
    re.IGNORECASE,
)
_BEFORE = re.compile(r"(?:\bbefore|(?<![<=>])<)\s*:?\s*$", re.IGNORECASE)
# "Results as at 15/10/2024": nothing recorded after that day is in the results
_AS_AT = re.compile(r"\b(?:results?|data)\s+(?:as\s+(?:at|of))\s*:?\s*$", re.IGNORECASE)
# "Search period: 01/09/2024 to today": it ends on the day the search was run
_TO_TODAY = re.compile(
    r"^\s*(?:-|–|—|to|until|till|through|thru|up to|→|->)\s*today\b", re.IGNORECASE
)
_SEARCHED_WORD = re.compile(
    r"\b(?:search|searched|period|range|dates?|reporting|events?|vaccinations?|immuni[sz]ations?)\b",
    re.IGNORECASE,
)
_ONE_DAY = dt.timedelta(days=1)
# "Date range: 01/09/2024 to 31/10/2024 Exclusive" (Vision's date box): which of the two
# days were left out is not said, so the range is not read, and said (decision 263)
_EXCLUSIVE = re.compile(r"^[\s(\[]*exclusive\b", re.IGNORECASE)
# "Date of event in the last 3 months": days counted back from the run, not read (which
# days "3 months" takes in is the clinical system's own rule), said (decision 158)
_COUNTED_BACK = re.compile(
    r"\b(?:last|past|previous)\s+(?:\d+\s+)?(?:days?|weeks?|months?|years?)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Stated:
    """A date a preamble line states: the first or last day searched, or the run date."""

    kind: str  # "start", "end" (of a stated period) or "run"
    date: dt.date
    line: str  # the line it was read from, as the file has it


def _date(token: str) -> dt.date | None:
    return parse_date(re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", token, flags=re.IGNORECASE))


@dataclass(frozen=True)
class LineRead:
    """What one preamble line says of the days searched: the dates read, whether it names
    a period ending "today" (its last day the run date, where the file states one), and
    the dates it names that were not read (None: not a day, or not day first), leaving
    out those about patients (born, registered, due ...)."""

    stated: tuple[Stated, ...] = ()
    to_today: bool = False
    unread: tuple[dt.date | None, ...] = ()


def _subject(line: str, found: Sequence[tuple[int, int, object]], i: int) -> str | None:
    """What the `i`th date of `line` (`found`: each date's start and end) is about, from
    the nearest text before it naming anything: "patients" where that text has a word
    about patients (born, registered, due ...), else "searched" where it has a word for
    what was searched (dates, events, vaccinations ...), else None. "Registration date
    after X and before Y": Y is about patients too."""
    for k in range(i, -1, -1):
        text = line[found[k - 1][1] if k else 0 : found[k][0]]
        if _PATIENT_WORD.search(text):
            return "patients"
        if _SEARCHED_WORD.search(text):
            return "searched"
    return None


def read_line(line: str) -> LineRead:
    """The period and run dates one preamble line clearly states (none when unclear),
    and the dates it names that were not read."""
    found = [(m.start(), m.end(), _date(m.group(0))) for m in _DATE.finditer(line)]
    said: list[Stated] = []
    unread: list[dt.date | None] = []
    to_today = False
    previous = 0  # where the text leading up to the next date starts
    i = 0
    while i < len(found):
        start, end, date = found[i]
        before = line[previous:start]
        about_patients = bool(_PATIENT_WORD.search(before))
        if i + 1 < len(found) and _RANGE_JOIN.match(line[end : found[i + 1][0]]):
            last = found[i + 1][2]
            after_range = line[found[i + 1][1] : found[i + 2][0] if i + 2 < len(found) else None]
            if (
                not _EXCLUSIVE.match(after_range)
                and date is not None
                and last is not None
                and date <= last
                and _PERIOD_WORD.search(before)
                and not about_patients
            ):
                said += [Stated("start", date, line), Stated("end", last, line)]
            elif not about_patients and _subject(line, found, i) != "patients":
                unread += [date, last]
            previous = found[i + 1][1]
            i += 2
            continue
        previous = end
        i += 1
        if about_patients:
            continue
        after = line[end : found[i][0]] if i < len(found) else line[end:]
        if date is not None and _TO_TODAY.match(after) and _PERIOD_WORD.search(before):
            said.append(Stated("start", date, line))
            to_today = True
        elif date is not None and _RUN_BEFORE.search(before):
            said.append(Stated("run", date, line))
        elif date is not None and _AS_AT.search(before):
            said.append(Stated("as at", date, line))
        elif (subject := _subject(line, found, i - 1)) == "patients":
            continue  # "Date of birth before 01/01/2000 and after 01/01/1990"
        elif date is not None and subject == "searched" and _START_BEFORE.search(before):
            said.append(Stated("start", date, line))
        elif date is not None and subject == "searched" and _AFTER.search(before):
            said.append(Stated("start", date + _ONE_DAY, line))
        elif date is not None and subject == "searched" and _END_BEFORE.search(before):
            said.append(Stated("end", date, line))
        elif date is not None and subject == "searched" and _BEFORE.search(before):
            said.append(Stated("end", date - _ONE_DAY, line))
        else:
            unread.append(date)
    return LineRead(tuple(said), to_today, tuple(unread))


def stated_dates(line: str) -> list[Stated]:
    """The period and run dates one preamble line clearly states (none when unclear)."""
    return list(read_line(line).stated)


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


def period_warnings(
    preamble: Sequence[str], rows: Sequence[SearchRow], where: str = "line"
) -> PeriodSaid:
    """For a file with no stated span whose preamble says its search started after the
    first day of the first month it is taken to cover, or ended (or was run) before the
    last day of the last one: the warnings and those days. A line naming dates that could
    not be used for the days searched is said too (`_unread`). `rows`: the file's rows;
    `where`: "line" (a text file) or "row" (a workbook), to name a preamble line by."""
    read = [read_line(line) for line in preamble]
    stated = [s for line in read for s in line.stated]
    if not rows:
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
    # a date the file's own rows fall outside of is not about them: passed over (and said)
    ends = [s for s in stated if s.kind in _ENDS and s.date >= latest]
    starts = [s for s in stated if s.kind == "start" and s.date <= earliest]
    warnings = []
    searched_from = searched_to = None
    if ends:
        end = min(ends, key=lambda s: (s.date, s.kind != "end"))
        if month_of(end.date) in lasts and end.date.day < _last_day(end.date):
            warnings.append(
                f"{PERIOD_WORDS}{_ENDS[end.kind]} {end.date:%d/%m/%Y} ({_quoted(end.line)}), "
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
    run_stated = any(s.kind == "run" for s in stated)
    warnings += _unread(preamble, read, rows, run_stated, where)
    return PeriodSaid(tuple(warnings), searched_from, searched_to)


# the kinds of date that end what a search looked at, with how a warning says each
_ENDS = {"end": "ran to", "run": "was run on", "as at": "gave its results as at"}


def _unread(
    preamble: Sequence[str],
    read: Sequence[LineRead],
    rows: Sequence[SearchRow],
    run_stated: bool,
    where: str,
) -> list[str]:
    """Each preamble line naming dates that may bear on the days searched but could not be
    used: not read (not plainly a period or run date, not day first), a period "to today"
    with no run date stated, or a date the file's own vaccinations fall outside of. Dates
    about patients are not; nor are those more than a day outside the months the file is
    taken to cover (whichever way read, they cut none of them)."""
    doses = [r.date for r in rows if r.kind is RowKind.EVENT] or [r.date for r in rows]
    earliest, latest = min(doses), max(doses)
    low = earliest.replace(day=1) - _ONE_DAY
    high = latest.replace(day=_last_day(latest)) + _ONE_DAY
    months = span_words((month_of(earliest), month_of(latest)))
    said = []
    for number, (line, found) in enumerate(zip(preamble, read, strict=True), start=1):
        if any(d is None or low <= d <= high for d in found.unread):
            why = "names a date that is not plainly a period searched or a run date"
        elif found.to_today and not run_stated:
            why = "names a period to “today”, and the file states no run date"
        elif (
            _COUNTED_BACK.search(line)
            and _SEARCHED_WORD.search(line)
            and not _PATIENT_WORD.search(line)
        ):
            why = "names a period counted back from the day the search was run"
        elif any(
            (s.kind == "start" and s.date > min(r.date for r in rows))
            or (s.kind in _ENDS and s.date < max(r.date for r in rows))
            for s in found.stated
        ):
            why = "names a date the file's own vaccinations go past"
        else:
            continue
        said.append(
            f"{where} {number} ({_quoted(line)}) {why}, so {UNREAD_WORDS}: check the "
            f"search covered every day of {months}, and if it did not, run it again to cover "
            "whole months"
        )
    return said


def empty_file_period(preamble: Sequence[str], file_programme: str | None) -> str | None:
    """For a file with no vaccinations and no stated months, whose preamble states the
    period searched (a first and a last day on one line): the warning that it covers no
    month until the practice says which, with the months that period takes in whole. Such
    a file covers nothing by SPEC 3 (it has no dates), so a claim of those months was "not
    checked: our search did not cover October 2024" while the file said it had been
    searched, and nothing said why (decision 258)."""
    for line in preamble:
        found = read_line(line).stated
        starts = [s.date for s in found if s.kind == "start"]
        ends = [s.date for s in found if s.kind == "end"]
        if starts and ends and min(starts) <= max(ends):
            first, last = min(starts), max(ends)
            break
    else:
        return None
    said = (
        f"{PERIOD_WORDS}ran from {first:%d/%m/%Y} to {last:%d/%m/%Y} ({_quoted(line)}), but "
        "it holds no vaccinations, so it covers no month until you say which months it "
        "searched"
    )
    whole_from = first if first.day == 1 else _next_month(first)
    whole_to = last if last.day == _last_day(last) else last.replace(day=1) - _ONE_DAY
    if whole_from > whole_to:
        return f"{said}: that period is not a whole month, so run the search again for whole months"
    months = span_words((month_of(whole_from), month_of(whole_to)))
    stated = f"{month_of(whole_from)}..{month_of(whole_to)}"
    one = whole_from.month == whole_to.month and whole_from.year == whole_to.year
    cut = [month_label(month_of(d)) for d in (first, last) if d < whole_from or d > whole_to]
    partial = (
        f" ({' and '.join(cut)} {'was' if len(cut) == 1 else 'were'} searched only in part: "
        f"leave {'it' if len(cut) == 1 else 'them'} out, or run the search again for whole "
        "months)"
        if cut
        else ""
    )
    return (
        f"{said}: if it searched all of {months}, choose "
        f"{'the programme and ' if file_programme is None else ''}"
        f"{'that month' if one else 'those months'} for the file "
        f"({'' if file_programme is not None else 'PROGRAMME='}FILE@{stated} on the command "
        f"line), and {'its' if one else 'their'} claims are checked as none found{partial}"
    )


def _next_month(date: dt.date) -> dt.date:
    return date.replace(day=_last_day(date)) + _ONE_DAY
