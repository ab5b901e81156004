"""The preamble of a search file (the lines above its header) read for the period its
search looked at: a month the file is taken to cover whole, though its search ran to (or
from) a day inside it, is said on the file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cqrs_desktop.domain.rules import Rules
from cqrs_desktop.sources import read_search
from cqrs_desktop.sources.search_period import stated_dates

from .helpers import HEADER, PERTUSSIS, write_csv, write_xlsx

ROWS = [
    ["9990682887", "Patel", "Anya", "27/03/1993", "F", "04/09/2024", PERTUSSIS, "Pertussis"],
    ["9996317064", "Jones", "Tereza", "25/10/1994", "F", "14/10/2024", PERTUSSIS, "Pertussis"],
]


TO_15_OCT = [("start", "2024-09-01"), ("end", "2024-10-15")]


def _said(line: str) -> list[tuple[str, dt.date]]:
    return [(s.kind, s.date) for s in stated_dates(line)]


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("Search period: 01/09/2024 to 15/10/2024", TO_15_OCT),
        ("Date range: 1 Sep 2024 - 15 Oct 2024", TO_15_OCT),
        ("Vaccinations between 01/09/2024 and 15/10/2024", TO_15_OCT),
        ("Period 2024-09-01 to 2024-10-15", TO_15_OCT),
        ("Search: 01/09/24 00:00 - 15/10/24 23:59", TO_15_OCT),
        ("Search period: 1st September 2024 to 15th October 2024", TO_15_OCT),
        ("Report run on 16-Oct-2024", [("run", "2024-10-16")]),
        ("Run Date: 16/10/2024", [("run", "2024-10-16")]),
        ("Run date 2024-10-16 09:15:00", [("run", "2024-10-16")]),  # a date cell in a sheet
        ("Date run: Wednesday 16 October 2024", [("run", "2024-10-16")]),
        # common export preambles (decision 145)
        ("Run Date/Time: 16/10/2024 09:14", [("run", "2024-10-16")]),
        ("Report Date: 16/10/2024", [("run", "2024-10-16")]),
        ("Date of search: 16/10/2024", [("run", "2024-10-16")]),
        ("Vaccinations from 02/09/2024", [("start", "2024-09-02")]),
        ("Effective date >= 01/09/2024 and <= 15/10/2024", TO_15_OCT),
        # Vision's date box says its days are in
        ("Date range: 01/09/2024 to 15/10/2024 Inclusive", TO_15_OCT),
        ("Date Range: 01-Sep-2024 - 15-Oct-2024 (inclusive)", TO_15_OCT),
        # "Exclusive": which day is left out is not said (decision 263)
        ("Date range: 01/09/2024 to 31/10/2024 Exclusive", []),
        ("Date range: 01/09/2024 to 31/10/2024 (exclusive)", []),
        # not a period or a run date: nothing guessed
        ("Population count 1,234", []),
        ("Pertussis report 15/10/2024", []),
        ("01/09/2024 - 15/10/2024", []),
        ("Report created 16/10/2024", []),
        ("Date of birth between 01/01/1990 and 01/01/2000", []),
        ("Patients registered from 01/09/2024 to 15/10/2024", []),
        ("Search period: 15/10/2024 to 01/09/2024", []),  # backwards
        ("Search period: 31/09/2024 to 15/10/2024", []),  # no such day
        ("Patients registered since 01/09/2024", []),
        ("Patients from 02/09/2024", []),  # from: a word for what was searched too
        ("Vaccinations due from 02/09/2024", []),
        ("Date of birth >= 01/01/1990 and <= 01/01/2000", []),
        # ">" and "<" leave the day itself out, as "after" and "before" (decision 161)
        ("Effective date > 01/09/2024 and < 15/10/2024",
         [("start", "2024-09-02"), ("end", "2024-10-14")]),
        ("Date of birth > 01/01/1990 and < 01/01/2000", []),
        ("Vaccinations up to 15/10/2024", []),  # "up to": is the 15th in? not said
        ("Date of birth: 16/10/2024", []),
    ],
)  # fmt: skip
def test_period_and_run_dates_a_line_states(line: str, said: list[tuple[str, str]]) -> None:
    assert _said(line) == [(kind, dt.date.fromisoformat(day)) for kind, day in said]


def _warnings(
    tmp_path: Path, rules: Rules, preamble: str, span: tuple[str, str] | None = None
) -> list[str]:
    path = write_csv(tmp_path / "search.csv", [HEADER, *ROWS], preamble=preamble)
    summary = read_search(path, rules, span=span).summary
    return [w for w in summary.warnings if w.startswith("the file says")]


@pytest.mark.parametrize(
    "preamble",
    [
        "Pertussis search\nSearch period: 01/09/2024 to 15/10/2024\nPopulation count 2\n\n",
        "Search period:,01/09/2024 to 15/10/2024\n",  # the dates in a cell of their own
        '"Date range: 1 Sep 2024 - 15 Oct 2024",,,\n',
    ],
)
def test_a_period_ending_inside_the_last_month_is_said(
    tmp_path: Path, rules: Rules, preamble: str
) -> None:
    (said,) = _warnings(tmp_path, rules, preamble)
    assert said.startswith("the file says its search ran to 15/10/2024 (“")
    assert "”), so October 2024 was searched only in part: its claims will be checked " in said
    assert said.endswith(
        "run the search again to cover the whole month before checking that month's claims"
    )
    # coverage itself is not changed
    path = tmp_path / "search.csv"
    assert read_search(path, rules).summary.span is None


def test_a_run_date_inside_the_last_month_is_said(tmp_path: Path, rules: Rules) -> None:
    (said,) = _warnings(tmp_path, rules, "Report run on 16-Oct-2024\n")
    assert said.startswith(
        "the file says its search was run on 16/10/2024 (“Report run on 16-Oct-2024”), so "
        "October 2024 was searched only in part"
    )


def test_a_period_starting_inside_the_first_month_is_said(tmp_path: Path, rules: Rules) -> None:
    (said,) = _warnings(tmp_path, rules, "Search period: 02/09/2024 to 31/10/2024\n")
    assert said.startswith(
        "the file says its search ran from 02/09/2024 (“Search period: 02/09/2024 to "
        "31/10/2024”), so September 2024 was searched only in part"
    )


@pytest.mark.parametrize(
    ("preamble", "said"),
    [
        ("Run Date/Time: 16/10/2024 09:14\n", "was run on 16/10/2024"),
        ("Report Date: 16/10/2024\n", "was run on 16/10/2024"),
        ("Date of search: 16/10/2024\n", "was run on 16/10/2024"),
        ("Effective date >= 01/09/2024 and <= 15/10/2024\n", "ran to 15/10/2024"),
        ("Vaccinations from 02/09/2024\n", "ran from 02/09/2024"),
    ],
)
def test_common_export_preambles_are_read(
    tmp_path: Path, rules: Rules, preamble: str, said: str
) -> None:
    (warning,) = _warnings(tmp_path, rules, preamble)
    assert warning.startswith(f"the file says its search {said} (“{preamble.strip()}”), so ")


def test_a_workbook_preamble_is_read(tmp_path: Path, rules: Rules) -> None:
    path = write_xlsx(
        tmp_path / "search.xlsx",
        {"Search": [["Run Date:", dt.datetime(2024, 10, 16, 9, 15)], [], HEADER, *ROWS]},
    )
    (said,) = [w for w in read_search(path, rules).summary.warnings if "the file says" in w]
    assert "was run on 16/10/2024 (“Run Date: 2024-10-16 09:15:00”)" in said


@pytest.mark.parametrize(
    "preamble",
    [
        "Search period: 01/09/2024 to 31/10/2024\n",  # whole months
        "Report run on 01-Nov-2024\n",
        "Run Date: 31/10/2024\n",
        "Date of birth between 01/09/2024 and 15/10/2024\n",
        "Search period: 01/09/2024 to 10/10/2024\n",  # the file has a dose after it
        "Pertussis search 15/10/2024\nPopulation count 2\n",
    ],
)
def test_no_false_alarm(tmp_path: Path, rules: Rules, preamble: str) -> None:
    assert _warnings(tmp_path, rules, preamble) == []


def test_nothing_said_with_a_stated_span(tmp_path: Path, rules: Rules) -> None:
    preamble = "Search period: 02/09/2024 to 15/10/2024\n"
    assert len(_warnings(tmp_path, rules, preamble)) == 2
    assert _warnings(tmp_path, rules, preamble, span=("2024-09", "2024-10")) == []


NO_ROWS_SAID = (
    "the file says its search ran from 01/09/2024 to 31/10/2024 (“Search period: 01/09/2024 "
    "to 31/10/2024”), but it holds no vaccinations, so it covers no month until you say "
    "which months it searched: if it searched all of September 2024 to October 2024, choose "
    "those months for the file (FILE@2024-09..2024-10 on the command line), and their claims "
    "are checked as none found"
)


def test_a_file_with_no_rows_says_the_period_its_preamble_states(
    tmp_path: Path, rules: Rules
) -> None:
    """A search that found no one, its preamble naming the period searched: it covers no
    month by SPEC 3 (it has no dates), and the period its file states is said, with how to
    make those months covered, not passed over (decision 258)."""
    preamble = "Pertussis vaccinations\nSearch period: 01/09/2024 to 31/10/2024\n\n"
    path = write_csv(tmp_path / "s.csv", [HEADER], preamble=preamble)
    given = read_search(path, rules, programme="pertussis_pregnant")
    assert given.summary.warnings == ("no vaccinations in this file", NO_ROWS_SAID)
    assert given.summary.span is None  # (SPEC 3's coverage: said, not changed)
    plain = read_search(path, rules).summary.warnings
    assert plain[-1] == NO_ROWS_SAID.replace(
        "choose those months", "choose the programme and those months"
    ).replace("(FILE@", "(PROGRAMME=FILE@")
    # months stated: the practice's word, nothing more said
    stated = read_search(path, rules, "pertussis_pregnant", span=("2024-09", "2024-10"))
    assert stated.summary.warnings == ("no vaccinations in this file",)
    # days inside a month: only the whole months are offered
    part = write_csv(
        tmp_path / "p.csv", [HEADER], preamble="Search period: 03/09/2024 to 15/11/2024\n"
    )
    (said,) = read_search(part, rules, programme="pertussis_pregnant").summary.warnings[1:]
    assert said.endswith(
        "if it searched all of October 2024, choose that month for the file "
        "(FILE@2024-10..2024-10 on the command line), and its claims are checked as none "
        "found (September 2024 and November 2024 were searched only in part: leave them "
        "out, or run the search again for whole months)"
    )
    short = write_csv(
        tmp_path / "q.csv", [HEADER], preamble="Search period: 03/10/2024 to 15/10/2024\n"
    )
    (said,) = read_search(short, rules, programme="pertussis_pregnant").summary.warnings[1:]
    assert said.endswith(
        "that period is not a whole month, so run the search again for whole months"
    )


def test_a_range_said_to_be_exclusive_is_said_as_not_read(tmp_path: Path, rules: Rules) -> None:
    """Vision's date box set to "Exclusive": its first or last day, or both, were not
    searched. Read as a whole September and October, it let a claim for October be
    checked though the 31st may not have been searched; now said as not telling which
    days were searched (decision 263)."""
    preamble = "Vision search\nDate range: 01/09/2024 to 31/10/2024 Exclusive\n\n"
    path = write_csv(tmp_path / "search.csv", [HEADER, *ROWS], preamble=preamble)
    assert read_search(path, rules).summary.warnings == (
        "line 2 (“Date range: 01/09/2024 to 31/10/2024 Exclusive”) names a date that is "
        "not plainly a period searched or a run date, so the app could not tell from it "
        "which days the search covered: check the search covered every day of September "
        "2024 to October 2024, and if it did not, run it again to cover whole months",
    )
