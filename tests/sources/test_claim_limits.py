"""Claims no practice could make, and months no claim can be for, are refused plainly
(they were internal faults: year 0 has no calendar, 2**63 does not fit the review file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cqrs_desktop.domain.rules import Rules
from cqrs_desktop.sources import parse_claim_arg, read_cqrs
from cqrs_desktop.sources.values import MAX_COUNT, parse_count, parse_month


@pytest.mark.parametrize(
    ("text", "count"),
    [("7", 7), ("7.00", 7), ("1,204", 1204), (str(MAX_COUNT), MAX_COUNT)],
)
def test_counts_a_practice_could_claim(text: str, count: int) -> None:
    assert parse_count(text) == count


@pytest.mark.parametrize("text", [str(MAX_COUNT + 1), str(2**63), "9" * 5000, "-3", "x"])
def test_counts_no_practice_could_claim_are_not_counts(text: str) -> None:
    assert parse_count(text) is None


@pytest.mark.parametrize("text", ["0000-09", "09/0000", "Sep 1812", "2100-01", "01/09/0001"])
def test_months_no_claim_can_be_for(text: str) -> None:
    assert parse_month(text) is None


def test_a_claim_argument_says_which_part_is_wrong(rules: Rules) -> None:
    with pytest.raises(ValueError, match="more than a practice can claim for one month"):
        parse_claim_arg(f"pertussis_pregnant:2024-09={2**63}", rules)
    with pytest.raises(ValueError, match="'0000-09' is not a month"):
        parse_claim_arg("pertussis_pregnant:0000-09=3", rules)


def test_an_absurd_count_in_a_cqrs_file_leaves_that_row_out(tmp_path: Path, rules: Rules) -> None:
    path = tmp_path / "cqrs.csv"
    path.write_text(
        f"Indicator,Month,Count\nPT001,Sep 2024,{2**63}\nPT001,Oct 2024,3\n"
        "PT001,Nov 2024,100000\nPT001,Dec 2024,lots\n",
        encoding="utf-8",
    )
    figures = read_cqrs(path, rules)
    assert [(c.month, c.count) for c in figures.claims] == [("2024-10", 3)]
    # said for what it is: too many, or no number at all
    too_many = "the count is more than a practice can claim for one month (at most 99,999)"
    assert f"row 2 left out: {too_many}" in figures.notices
    assert f"row 4 left out: {too_many}" in figures.notices
    assert "row 5 left out: the count is not a whole number" in figures.notices
