"""What issue 14's acceptance run through the real command line found (decisions
364-367): decisions taken again, disagreements between earlier reviews, and the review's
own workbook given back, month after month. Invented people, NHS numbers in the 999 range."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.test_carry_forward import PEOPLE, _check, _decisions, _events, _search


def _b_and_b2(tmp_path: Path, *also: tuple[str, str, str, str]) -> list[tuple[str, str]]:
    """October's search (oct.csv) and two reviews of it, B and B2, that decided the dose of
    2 October differently (B given here, B2 given elsewhere), each deciding `also` too; the
    search's patients and dates."""
    october = [(PEOPLE[0], "02/10/2024"), (PEOPLE[1], "08/10/2024")]
    (tmp_path / "oct.csv").write_text(_search(october), encoding="utf-8")
    for name, decision in (("B", "practice"), ("B2", "other_provider")):
        decided = [(PEOPLE[0], "02/10/2024", decision, "no"), *also]
        (tmp_path / f"{name}.csv").write_text(_decisions(decided), encoding="utf-8")
        _check(tmp_path, "--search", "oct.csv", "--decisions", f"{name}.csv",
               "--save", f"{name}.cqrsreview")  # fmt: skip
    return october


def test_a_dose_decided_again_as_given_here_is_kept_on_a_day_not_searched(
    tmp_path: Path,
) -> None:
    """Review A decided a dose given elsewhere; review B, carrying A, found the record and
    decided it given here. Next month's search starts after that dose's day, so it may not
    have looked at it: the dose is kept, and the claim is not asked to be amended down past
    a dose the practice confirmed it gave. A's decision, which B stood over, must not make
    the dose "no longer found" (decision 364)."""
    october = [(PEOPLE[0], "02/10/2024"), (PEOPLE[1], "08/10/2024"), (PEOPLE[2], "15/10/2024")]
    (tmp_path / "a.csv").write_text(_search(october), encoding="utf-8")
    decided = [(PEOPLE[0], "02/10/2024", "other_provider", "no")]
    decided += [(nhs, day, "practice", "no") for nhs, day in october[1:]]
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip
    # B: the same search, A carried, the first dose found given here after all
    again = [(PEOPLE[0], "02/10/2024", "practice", "no")]
    (tmp_path / "b_decisions.csv").write_text(_decisions(again), encoding="utf-8")
    _check(tmp_path, "--search", "a.csv", "--carry", "A.cqrsreview",
           "--decisions", "b_decisions.csv", "--save", "B.cqrsreview")  # fmt: skip
    # C: a search from the 8th on (it may not have looked at the 2nd), carrying both
    (tmp_path / "c.csv").write_text(
        _search([*october[1:], (PEOPLE[3], "05/11/2024")]), encoding="utf-8"
    )
    review, email, stderr = _check(
        tmp_path, "--search", "c.csv", "--claim", "pertussis_pregnant:2024-10=3",
        "--carry", "A.cqrsreview", "--carry", "B.cqrsreview",
    )  # fmt: skip
    assert "no_longer_found" not in review
    assert "gone_from_search" not in review
    assert "to be amended from 3 to 2" not in email
    assert "October 2024: 3 claimed; not yet confirmed or amended" in email
    assert "no longer in this search" not in stderr
    assert "1 dose decided earlier not found in this search, neither taken as corrected" in stderr
    assert "it is dated before the search's first vaccination" in stderr


def test_the_workbook_given_back_with_doses_no_longer_in_search_is_read(tmp_path: Path) -> None:
    """The practice fills in the workbook of a review whose carry found a dose gone from the
    search: its "No longer in search" sheet (doses the search lacks, each with the earlier
    decision) is the app's own list, not a second sheet of decisions (decision 365)."""
    import openpyxl

    september = [(PEOPLE[0], "03/09/2024"), (PEOPLE[1], "10/09/2024"), (PEOPLE[2], "17/09/2024")]
    (tmp_path / "a.csv").write_text(_search(september), encoding="utf-8")
    decided = [(nhs, day, "practice", "no") for nhs, day in september[:2]]
    decided.append((PEOPLE[2], "17/09/2024", "other_provider", "no"))
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip
    # B: the dose given elsewhere is gone from a search stated to cover September whole,
    # and a new dose waits to be decided
    (tmp_path / "b.csv").write_text(
        _search([*september[:2], (PEOPLE[3], "24/09/2024")]), encoding="utf-8"
    )
    _check(tmp_path, "--search", "b.csv@2024-09..2024-09", "--carry", "A.cqrsreview")
    book = openpyxl.load_workbook(tmp_path / "out" / "review.xlsx")
    assert book["No longer in search"].max_row == 2  # the header and the gone dose
    events = book["Events"]
    header = [cell.value for cell in events[1]]
    for row in events.iter_rows(min_row=2):
        if row[header.index("NHS number")].value == PEOPLE[3]:
            row[header.index("Decision")].value = "Given here"
    book.save(tmp_path / "filled.xlsx")
    review, _email, stderr = _check(
        tmp_path, "--search", "b.csv@2024-09..2024-09", "--carry", "A.cqrsreview",
        "--decisions", "filled.xlsx",
    )  # fmt: skip
    decided_here = _events(review)[(PEOPLE[3], "2024-09-24")]
    assert (decided_here["decision"], decided_here["carried_from"]) == ("practice", None)
    assert [g["nhs_number"] for g in review["gone_from_search"]] == [PEOPLE[2]]
    assert "No longer in search" not in stderr


def test_a_disagreement_kept_through_a_month_not_searched_is_no_duplicate_entry(
    tmp_path: Path,
) -> None:
    """B and B2 decided a dose differently; C, carrying both, left it to decide again; D
    searched November only, carrying all three, and kept it for later reviews (decision
    154). E, searching October again and carrying D alone, must show it as the
    disagreement it is, each decision once, not as a duplicate entry of one earlier search
    (decision 366)."""
    _b_and_b2(tmp_path)
    _check(tmp_path, "--search", "oct.csv", "--carry", "B.cqrsreview",
           "--carry", "B2.cqrsreview", "--save", "C.cqrsreview")  # fmt: skip
    (tmp_path / "nov.csv").write_text(_search([(PEOPLE[2], "05/11/2024")]), encoding="utf-8")
    _review, _email, stderr = _check(
        tmp_path, "--search", "nov.csv", "--carry", "B.cqrsreview", "--carry", "B2.cqrsreview",
        "--carry", "C.cqrsreview", "--save", "D.cqrsreview",
    )  # fmt: skip
    assert "1 vaccination decided differently in earlier reviews" in stderr
    _review, _email, stderr = _check(tmp_path, "--search", "oct.csv", "--carry", "D.cqrsreview")
    assert "duplicate entry" not in stderr
    assert "1 vaccination decided differently in earlier reviews, left to decide again" in stderr
    import openpyxl

    events = openpyxl.load_workbook(tmp_path / "out" / "review.xlsx")["Events"]
    header = [cell.value for cell in events[1]]
    carried = header.index("Carried from (earlier review)")
    said = next(
        row[carried]
        for row in events.iter_rows(min_row=2, values_only=True)
        if row[header.index("NHS number")] == PEOPLE[0]
    )
    assert said.startswith("Decided differently in earlier reviews: ")
    assert said.count("Given here in B.cqrsreview") == 1
    assert said.count("Other provider in B2.cqrsreview") == 1


def test_a_disagreement_on_a_day_the_search_may_not_have_looked_at_is_kept(
    tmp_path: Path,
) -> None:
    """B and B2 decided the dose of 2 October differently. C's search starts on the 8th,
    so it may not have looked at the 2nd: the disagreement is not "no longer in this
    search" but kept, and D, searching all October with C alone, shows it to decide again
    (decision 367)."""
    october = _b_and_b2(tmp_path)
    late = [october[1], (PEOPLE[2], "05/11/2024")]
    (tmp_path / "late.csv").write_text(_search(late), encoding="utf-8")
    _review, _email, stderr = _check(
        tmp_path, "--search", "late.csv", "--carry", "B.cqrsreview", "--carry", "B2.cqrsreview",
        "--save", "C.cqrsreview",
    )  # fmt: skip
    assert "no longer in this search" not in stderr
    assert (
        "1 vaccination decided differently in earlier reviews, in months, days or programmes "
        "not searched here, kept for later reviews" in stderr
    )
    review, _email, stderr = _check(tmp_path, "--search", "oct.csv", "--carry", "C.cqrsreview")
    assert "1 vaccination decided differently in earlier reviews, left to decide again" in stderr
    assert _events(review)[(PEOPLE[0], "2024-10-02")]["decision"] is None


def test_a_disagreement_kept_with_a_dose_given_here_holds_the_claim_back(
    tmp_path: Path,
) -> None:
    """B found the dose of 2 October given here, B2 given elsewhere. C's search starts on
    the 8th, so it may not have looked at the 2nd, and keeps the disagreement for later
    (decision 367). October's claim of 2 is not asked to be amended down to the 1 C found,
    past a dose one earlier check found this practice gave: it is still being checked, as
    with a kept "given here" decision (decisions 233, 379)."""
    october = _b_and_b2(tmp_path, (PEOPLE[1], "08/10/2024", "practice", "no"))
    late = [october[1], (PEOPLE[2], "05/11/2024")]
    (tmp_path / "late.csv").write_text(_search(late), encoding="utf-8")
    review, email, stderr = _check(
        tmp_path, "--search", "late.csv", "--claim", "pertussis_pregnant:2024-10=2",
        "--carry", "B.cqrsreview", "--carry", "B2.cqrsreview",
    )  # fmt: skip
    assert "kept for later reviews" in stderr
    assert "to be amended from 2 to 1" not in email
    assert "October 2024: 2 claimed; not yet confirmed or amended" in email
    assert "an earlier check found given by this practice" in email
    october_item = next(i for i in review["items"] if i["month"] == "2024-10")
    assert (october_item["status"], october_item["in_search"]) == ("amend", 1)  # SPEC's
