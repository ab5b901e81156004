"""The months inside a file's worked-out span that it holds no vaccination in."""

from __future__ import annotations

import datetime as dt

from cqrs_desktop.domain.coverage import empty_months, span_words
from cqrs_desktop.domain.model import RowKind, SearchRow


def _row(programme: str, date: dt.date, kind: RowKind = RowKind.EVENT) -> SearchRow:
    return SearchRow("search.csv", 2, programme, kind, date)


def test_runs_of_empty_months_across_a_year_end_and_markers_ignored() -> None:
    rows = [
        _row("pertussis_pregnant", dt.date(2024, 4, 14)),  # one stray dose
        _row("pertussis_pregnant", dt.date(2024, 9, 3)),
        _row("pertussis_pregnant", dt.date(2024, 10, 3)),
        _row("pertussis_pregnant", dt.date(2024, 12, 1), RowKind.MARKER),  # not a dose
        _row("pertussis_pregnant", dt.date(2025, 2, 1)),
        _row("hpv", dt.date(2024, 9, 1)),
        _row("hpv", dt.date(2024, 10, 30)),
    ]
    gaps = empty_months(rows)
    assert gaps == {
        "pertussis_pregnant": [("2024-05", "2024-08"), ("2024-11", "2025-01")],
    }
    assert [span_words(g) for g in gaps["pertussis_pregnant"]] == [
        "May 2024 to August 2024",
        "November 2024 to January 2025",
    ]
    assert span_words(("2024-10", "2024-10")) == "October 2024"


def test_a_dose_of_any_programme_shows_the_month_was_searched() -> None:
    """An HPV and MenACWY search with no HPV in October but a MenACWY dose then: the
    search looked at October, so HPV October is no gap."""
    rows = [
        _row("hpv", dt.date(2024, 9, 3)),
        _row("menacwy", dt.date(2024, 10, 3)),
        _row("hpv", dt.date(2024, 11, 3)),
        _row("hpv", dt.date(2025, 2, 3)),  # December and January: no dose of either
    ]
    assert empty_months(rows) == {"hpv": [("2024-12", "2025-01")]}


def test_the_days_searches_say_they_searched_are_joined_and_gaps_kept() -> None:
    """Decision 137: two files each searching part of September together cover it whole
    only where their days meet; a gap between them is kept (decision 144)."""
    from cqrs_desktop.domain.coverage import part_searched
    from cqrs_desktop.domain.model import SourceSummary

    covers = {"pertussis_pregnant": ("2024-09", "2024-10")}

    def source(name: str, start: str | None, end: str | None) -> SourceSummary:
        return SourceSummary(name, "", 0, 0, 0, 0, searched_from=start, searched_to=end)

    late = source("late.csv", "2024-09-15", None)
    early = source("early.csv", None, "2024-09-10")
    days = part_searched([late, early], [covers, {"pertussis_pregnant": ("2024-08", "2024-09")}],
                         "pertussis_pregnant", "2024-09")  # fmt: skip
    assert days == (
        (dt.date(2024, 9, 1), dt.date(2024, 9, 10)),
        (dt.date(2024, 9, 15), dt.date(2024, 9, 30)),
    )
    meets = source("early.csv", None, "2024-09-14")
    both = [covers, {"pertussis_pregnant": ("2024-08", "2024-09")}]
    assert part_searched([late, meets], both, "pertussis_pregnant", "2024-09") is None
    assert part_searched([late], [covers], "pertussis_pregnant", "2024-10") is None
    assert part_searched([late], [covers], "hpv", "2024-09") is None  # (not covered)


def test_event_months_spans_each_files_programmes_from_earliest_to_latest_vaccination() -> None:
    """Whatever order the rows come in (a file sorted by name, or by date backwards): each
    file's programmes from the month of its earliest vaccination to that of its latest;
    marker rows (not vaccinations) count for nothing."""
    import datetime as dt
    import random

    from cqrs_desktop.domain.coverage import event_months
    from cqrs_desktop.domain.model import RowKind, SearchRow

    days = [dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(0, 700, 9)]
    randomly = random.Random(14)
    rows = [
        SearchRow(
            randomly.choice(["a.csv", "b.csv"]),
            n,
            randomly.choice(["pertussis_pregnant", "rsv_pregnant", "hpv"]),
            randomly.choice([RowKind.EVENT, RowKind.EVENT, RowKind.MARKER]),
            randomly.choice(days),
        )
        for n in range(400)
    ]
    expected: dict[str, dict[str, tuple[str, str]]] = {}
    for source in {r.source for r in rows}:
        for programme in {r.programme for r in rows if r.source == source}:
            found = [
                r.date
                for r in rows
                if (r.source, r.programme, r.kind) == (source, programme, RowKind.EVENT)
            ]
            if found:
                expected.setdefault(source, {})[programme] = (
                    f"{min(found):%Y-%m}",
                    f"{max(found):%Y-%m}",
                )
    assert event_months(rows) == expected
    assert event_months(reversed(rows)) == expected
    assert event_months([r for r in rows if r.kind is RowKind.MARKER]) == {}
