"""A search whose preamble says it ran to a day inside the last month it is taken to
cover, through the real command line. Invented people, 999 numbers."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.test_cli import run
from tests.e2e.test_spec_v2 import PERTUSSIS, PRACTICE, _numbers, check, search_csv

PREAMBLE = "Pertussis vaccinations\nSearch period: 01/09/2024 to 15/10/2024\nPopulation count 2\n\n"
SAID = (
    "the file says its search ran to 15/10/2024 (“Search period: 01/09/2024 to 15/10/2024”), "
    "so October 2024 was searched only in part: its claims will be checked against part of "
    "the month; run the search again to cover the whole month before checking that "
    "month's claims"
)


def _files() -> dict[str, str]:
    nhs = _numbers(2)
    rows = [
        (nhs[0], "01/01/1990", "05/09/2024", PERTUSSIS),
        (nhs[1], "01/01/1991", "10/10/2024", PERTUSSIS),
    ]
    return {"search.csv": PREAMBLE + search_csv(rows)}


def test_a_search_period_ending_mid_month_is_said(tmp_path: Path) -> None:
    claim = ["--claim", "pertussis_pregnant:2024-10=6"]
    review, _email = check(tmp_path, _files(), "--search", "search.csv", *claim)
    assert review is not None
    (source,) = review["sources"]
    assert SAID in source["warnings"]
    # coverage is as SPEC 3 has it: only said, never changed
    assert source["covers"] == {"pertussis_pregnant": ["2024-09", "2024-10"]}
    result = run("check", *PRACTICE, "--search", "search.csv", *claim, "--out", "again",
                 cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert SAID in result.stderr


def test_nothing_said_when_the_months_are_stated(tmp_path: Path) -> None:
    review, _email = check(
        tmp_path, _files(), "--search", "search.csv@2024-09..2024-10",
        "--claim", "pertussis_pregnant:2024-10=6",
    )  # fmt: skip
    assert review is not None
    assert not any("searched only in part" in w for w in review["sources"][0]["warnings"])
