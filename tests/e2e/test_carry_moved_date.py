"""A dose whose date was put right is not taken as corrected two reviews on, through the
real command line (decision 331). Review A decided a dose of 19 September as given
elsewhere; next month's search has it on the 20th (its date put right), so B kept A's
decision for later ("a few days away", decision 138) and decided the 20th itself. The
month after, carrying B, the 19th is still not in the search, and the 20th is: that is
the same dose, still the practice's own, not a correction made in the clinical system.
Invented people, NHS numbers in the 999 range."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.test_carry_forward import PEOPLE, _check, _decisions, _search


def test_a_dose_moved_a_day_is_not_taken_as_corrected_down_the_chain(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(
        _search([(PEOPLE[0], "03/09/2024"), (PEOPLE[1], "19/09/2024")]), encoding="utf-8"
    )
    decided = [(PEOPLE[0], "03/09/2024", "practice", "no")]
    decided.append((PEOPLE[1], "19/09/2024", "other_provider", "no"))
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip
    moved = [(PEOPLE[0], "03/09/2024"), (PEOPLE[1], "20/09/2024")]
    (tmp_path / "b.csv").write_text(_search(moved), encoding="utf-8")
    (tmp_path / "b_decisions.csv").write_text(
        _decisions([(PEOPLE[1], "20/09/2024", "other_provider", "no")]), encoding="utf-8"
    )
    carry_a = ["--carry", "A.cqrsreview", "--decisions", "b_decisions.csv"]
    review, _email, stderr = _check(
        tmp_path, "--search", "b.csv", *carry_a, "--save", "B.cqrsreview"
    )
    assert "gone_from_search" not in review
    assert "a few days away" in stderr
    # the month after: the same doses (and a new one), the 20th still the practice's own
    (tmp_path / "c.csv").write_text(_search([*moved, (PEOPLE[2], "25/09/2024")]), encoding="utf-8")
    review, email, stderr = _check(tmp_path, "--search", "c.csv", "--carry", "B.cqrsreview")
    assert "gone_from_search" not in review, review.get("gone_from_search")
    assert "no longer in this search (taken as corrected)" not in stderr
    assert "a few days away" in stderr
    assert "no longer counted by our latest search" not in email
