"""Which programme-months the practice's searches covered (SPEC section 3, search coverage).

A claim can only be checked for a month a search covered. Each search file covers, for each
programme it holds vaccinations of, the months from its earliest to its latest vaccination
of that programme, unless the user stated the months it covers: then that span, for every
programme it holds vaccinations of (and the programme given for the whole file, even with
no rows). Markers ("given by other healthcare provider" codes) cover nothing; CQRS figures
cover nothing.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import pairwise

from cqrs_desktop.domain.dates import month_label, month_of
from cqrs_desktop.domain.model import RowKind, SearchRow, SourceSummary

Span = tuple[str, str]  # first and last month, "YYYY-MM", inclusive


def event_months(rows: Iterable[SearchRow]) -> dict[str, dict[str, Span]]:
    """{source file: {programme: (earliest month, latest month)}} of its vaccinations."""
    first: dict[tuple[str, str], dt.date] = {}  # by file and programme, the earliest day
    last: dict[tuple[str, str], dt.date] = {}  # ... and the latest (days compare quicker)
    for row in rows:
        if row.kind is not RowKind.EVENT:
            continue
        key, day = (row.source, row.programme), row.date
        earliest = first.get(key)
        if earliest is None:
            first[key] = last[key] = day
        elif day < earliest:
            first[key] = day
        elif day > last[key]:
            last[key] = day
    spans: dict[str, dict[str, Span]] = {}
    for (source, programme), earliest in first.items():
        by_programme = spans.setdefault(source, {})
        by_programme[programme] = (month_of(earliest), month_of(last[source, programme]))
    return spans


def _month_after(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


GAP_WORDS = "months between its earliest and latest"  # in each gap warning
PERIOD_WORDS = "the file says its search "  # the start of each stated-period warning
# in each warning on a preamble line naming dates not read for the days searched
UNREAD_WORDS = "the app could not tell from it which days the search covered"


def gap_warnings(rows: Sequence[SearchRow], name_of: Callable[[str], str]) -> list[str]:
    """One file's months between its earliest and latest vaccination of a programme with
    none (`empty_months`), said: each is taken as searched, with none found (decision 116).
    `name_of`: a programme's name."""
    said = []
    for programme, gaps in sorted(empty_months(rows).items()):
        months = ", ".join(span_words(gap) for gap in gaps)
        said.append(
            f"no {name_of(programme)} vaccinations in {months}, {GAP_WORDS}: they are taken "
            "as searched, with none found (a claim for them would be asked to be amended to "
            "0, the email saying only that the search held vaccinations from before and "
            "after); if the search did not look at those months, remove its vaccinations "
            "from outside the months it searched, or export it again for those months only"
        )
    return said


def with_span_warnings(
    source: SourceSummary, rows: Sequence[SearchRow], name_of: Callable[[str], str]
) -> SourceSummary:
    """The file's warnings as its stated months now stand: with months stated, the
    practice has said what it searched, so the gaps, a stated period ending inside a
    month and preamble lines not read for the days searched are no longer said; with
    none, the gaps are worked out again (a stated period, read from the file when it was
    imported, cannot be: it comes back only with the file imported again)."""
    kept = tuple(w for w in source.warnings if GAP_WORDS not in w)
    if source.span is not None:
        kept = tuple(w for w in kept if not w.startswith(PERIOD_WORDS) and UNREAD_WORDS not in w)
        # the months stated are the practice's word: searched whole (decision 137)
        source = dataclasses.replace(source, searched_from=None, searched_to=None)
    else:
        own = [r for r in rows if r.source == source.file]
        kept += tuple(gap_warnings(own, name_of))
    return source if kept == source.warnings else dataclasses.replace(source, warnings=kept)


def empty_months(rows: Iterable[SearchRow]) -> dict[str, list[Span]]:
    """{programme: [(first, last), ...]}: the runs of months inside the span worked out
    from one file's vaccinations (earliest to latest) in which it holds none of that
    programme. Such a month is covered by the rule, yet nothing in the file shows it was
    searched: one stray dose months away makes every month between "searched, none
    found"."""
    held: dict[str, set[tuple[int, int]]] = {}
    for row in rows:
        if row.kind is RowKind.EVENT:
            held.setdefault(row.programme, set()).add((row.date.year, row.date.month))
    # a dose of any programme in a month shows the file's search looked at it
    searched = {f"{y:04d}-{m:02d}" for found in held.values() for y, m in found}
    gaps: dict[str, list[Span]] = {}
    for programme, found in held.items():
        months = sorted(f"{y:04d}-{m:02d}" for y, m in found)
        for before, after in pairwise(months):
            month = _month_after(before)
            while month != after:
                if month not in searched:
                    runs = gaps.setdefault(programme, [])
                    if runs and _month_after(runs[-1][1]) == month:
                        runs[-1] = (runs[-1][0], month)
                    else:
                        runs.append((month, month))
                month = _month_after(month)
    return gaps


def span_words(span: Span) -> str:
    first, last = span
    return month_label(first) if first == last else f"{month_label(first)} to {month_label(last)}"


def file_covers(source: SourceSummary, months: Mapping[str, Span]) -> dict[str, Span]:
    """What one file covers, given the spans of its own vaccinations by programme."""
    if source.kind != "search":
        return {}
    if source.span is None:
        return dict(months)
    programmes = set(months) | ({source.programme} if source.programme else set())
    return {programme: source.span for programme in programmes}


def span_problem(source: SourceSummary, months: Mapping[str, Span]) -> str | None:
    """Why a stated span cannot be right for this file (None when it can): it must run
    forwards and include every month the file has vaccinations in."""
    span = source.span
    if span is None:
        return None
    first, last = span
    if first > last:
        return f"the months it covers run backwards ({month_label(first)} to {month_label(last)})"
    outside = sorted({m for lo, hi in months.values() for m in (lo, hi) if not first <= m <= last})
    if outside:
        return (
            f"it has vaccinations in {month_label(outside[0])}, outside the months it is said "
            f"to cover ({month_label(first)} to {month_label(last)}): widen the span or leave "
            "it to be worked out from the file's dates"
        )
    return None


class Coverage:
    """The programme-months any search covered; a month between two files' spans is not."""

    def __init__(self, covers: Iterable[Mapping[str, Span]]) -> None:
        self._spans: dict[str, list[Span]] = {}
        for file_covers_ in covers:
            for programme, span in file_covers_.items():
                self._spans.setdefault(programme, []).append(span)

    def covers(self, programme: str, month: str) -> bool:
        return any(lo <= month <= hi for lo, hi in self._spans.get(programme, ()))

    @property
    def programmes(self) -> set[str]:
        return set(self._spans)


def covers_by_source(
    sources: Sequence[SourceSummary], rows: Iterable[SearchRow]
) -> tuple[list[dict[str, Span]], Coverage]:
    """Each source's coverage, in the order of `sources`, and what they cover together
    (rows of a file no source describes cover their own months)."""
    months = event_months(rows)
    per_source = [file_covers(s, months.get(s.file, {})) for s in sources]
    described = {s.file for s in sources}
    undescribed = [spans for file, spans in months.items() if file not in described]
    return per_source, Coverage([*per_source, *undescribed])


Days = tuple[tuple[dt.date, dt.date], ...]  # runs of days, first and last, in order


def part_searched(
    sources: Sequence[SourceSummary],
    covers: Sequence[Mapping[str, Span]],
    programme: str,
    month: str,
) -> Days | None:
    """The days of `month` the searches covering `programme` in it searched, where their
    own lines say that was only part of it (`SourceSummary.searched_from`/`searched_to`):
    the runs of days searched, joined where they meet or overlap. None: searched whole
    (by one file, or by files whose days together make the whole month), or not covered
    (decision 137)."""
    year, number = int(month[:4]), int(month[5:7])
    first_day = dt.date(year, number, 1)
    last_day = dt.date(year, number, calendar.monthrange(year, number)[1])
    parts: list[tuple[dt.date, dt.date]] = []
    for source, covered in zip(sources, covers, strict=False):
        span = covered.get(programme)
        if span is None or not span[0] <= month <= span[1]:
            continue
        start, end = first_day, last_day
        if source.searched_from and source.searched_from[:7] == month:
            start = dt.date.fromisoformat(source.searched_from)
        if source.searched_to and source.searched_to[:7] == month:
            end = dt.date.fromisoformat(source.searched_to)
        if (start, end) == (first_day, last_day):
            return None
        parts.append((start, end))
    if not parts:
        return None
    joined: list[tuple[dt.date, dt.date]] = []
    for start, end in sorted(parts):
        if joined and start <= joined[-1][1] + dt.timedelta(days=1):
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return None if joined == [(first_day, last_day)] else tuple(joined)
