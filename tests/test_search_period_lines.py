"""More of a search export's preamble read for the days it searched (decision 157): a date
criterion ("Date of event after 14/09/2024", "on or before"), "Results as at", a period
"to today" with the run date stated, a range joined by an arrow. Real files, read through
session.import_inputs and the real command line. Invented people, 999 numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from cqrs_desktop import session
from cqrs_desktop.domain.model import Practice, SourceSummary
from cqrs_desktop.domain.rules import Rules
from tests.e2e.test_spec_v2 import PERTUSSIS, _numbers, check, search_csv

PRACTICE = Practice("F99001", "Riverside Medical Centre", "Sam Reviewer")


def _search(preamble: str, dates: tuple[str, ...] = ("20/09/2024", "10/10/2024")) -> str:
    nhs = _numbers(len(dates))
    rows = [(n, "01/01/1990", date, PERTUSSIS) for n, date in zip(nhs, dates, strict=True)]
    return preamble + search_csv(rows)


def _imported(tmp_path: Path, rules: Rules, text: str, name: str = "search.csv") -> SourceSummary:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    imported = session.import_inputs(PRACTICE, [session.SearchFile(path)], [], [], rules)
    (source,) = imported.inputs.sources
    return source


def _period(source: SourceSummary) -> list[str]:
    return [w for w in source.warnings if w.startswith("the file says its search")]


@pytest.mark.parametrize(
    ("preamble", "said", "searched"),
    [
        # a criterion on the date of the vaccination: "after" leaves the day out
        ("Date of event after 14/09/2024\n", "ran from 15/09/2024", ("2024-09-15", None)),
        ("Date of event on or after 14/09/2024\n", "ran from 14/09/2024", ("2024-09-14", None)),
        ("Date of event before 16/10/2024\n", "ran to 15/10/2024", (None, "2024-10-15")),
        ("Date of event on or before 15/10/2024\n", "ran to 15/10/2024", (None, "2024-10-15")),
        ("Vaccinations after 14/09/2024 and before 16/10/2024\n", "ran from 15/09/2024",
         ("2024-09-15", "2024-10-15")),
        ("Results as at 15/10/2024\n", "gave its results as at 15/10/2024", (None, "2024-10-15")),
        ("Search period: 01/09/2024 → 15/10/2024\n", "ran to 15/10/2024", (None, "2024-10-15")),
        ("Search period: 01/09/2024 -> 15/10/2024\n", "ran to 15/10/2024", (None, "2024-10-15")),
        # "to today" ends on the run date the file states
        ("Search period: 14/09/2024 to today\nRun date: 15/10/2024\n", "ran from 14/09/2024",
         ("2024-09-14", "2024-10-15")),
    ],
)  # fmt: skip
def test_more_preamble_lines_are_read(
    tmp_path: Path, rules: Rules, preamble: str, said: str, searched: tuple[str | None, ...]
) -> None:
    source = _imported(tmp_path, rules, _search(preamble))
    assert any(w.startswith(f"the file says its search {said} (“") for w in _period(source))
    assert (source.searched_from, source.searched_to) == searched


@pytest.mark.parametrize(
    "preamble",
    [
        "Date of event after 31/08/2024 and before 01/11/2024\n",  # whole months
        "Date of event on or after 01/09/2024\n",
        "Date of birth after 14/09/1990\n",  # about patients
        "Date of birth before 01/01/2000 and after 14/09/1990\n",
        "Patients registered after 14/09/2024\n",
    ],
)
def test_whole_months_and_patients_dates_are_not_taken_as_part_months(
    tmp_path: Path, rules: Rules, preamble: str
) -> None:
    source = _imported(tmp_path, rules, _search(preamble))
    assert _period(source) == []
    assert (source.searched_from, source.searched_to) == (None, None)


def test_a_search_after_a_day_counts_only_the_days_after_it_in_the_email(tmp_path: Path) -> None:
    """A search of vaccinations "after 14/09/2024" did not look at 1-14 September: the email
    may not ask to amend September's claim as if it had."""
    nhs = _numbers(2)
    files = {
        "search.csv": _search("Pertussis\nDate of event after 14/09/2024\n\n"),
        "decisions.csv": "nhs_number,programme,date,decision,action_done,note,reviewer\n"
        f"{nhs[0]},pertussis_pregnant,2024-09-20,practice,no,,A. Reviewer\n",
    }
    review, email = check(
        tmp_path, files, "--search", "search.csv", "--decisions", "decisions.csv",
        "--claim", "pertussis_pregnant:2024-09=5",
    )  # fmt: skip
    assert review is not None
    (source,) = review["sources"]
    assert any("ran from 15/09/2024" in w for w in source["warnings"])
    (line,) = [x for x in email.splitlines() if "September 2024" in x and x.startswith("- ")]
    assert "counting only 15/09/2024 to 30/09/2024" in line
