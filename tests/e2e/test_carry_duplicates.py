"""The entries of a duplicate (one dose entered twice) travel on down a chain of reviews
that left them undecided, through the real command line. Invented people, 999 numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.test_carry_forward import (
    PEOPLE,
    SEPTEMBER,
    _check,
    _decisions,
    _events,
    _iso,
    _search,
)

HELD_TWICE = "1 event whose vaccination an earlier review's search held more than once"


def _a_with_her_twice(folder: Path, first: str, second: str) -> None:
    """A.cqrsreview: a search holding PEOPLE[0]'s dose twice on one day, each entry decided
    (`first`, `second`), by A. Reviewer with the note "hospital"."""
    (folder / "a.csv").write_text(_search([SEPTEMBER[0], *SEPTEMBER[:2]]), encoding="utf-8")
    found, _, _ = _check(folder, "--search", "a.csv")
    ids = sorted(e["id"] for e in found["events"] if e["nhs_number"] == PEOPLE[0])
    assert len(ids) == 2
    date = SEPTEMBER[0][1]
    (folder / "a_decisions.csv").write_text(
        "event_id,nhs_number,programme,date,decision,action_done,note,reviewer\n"
        + "".join(
            f"{event_id},{PEOPLE[0]},pertussis_pregnant,{date},{decision},no,hospital,A. Reviewer\n"
            for event_id, decision in zip(ids, (first, second), strict=True)
        ),
        encoding="utf-8",
    )
    _check(folder, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip


def _shown(folder: Path) -> str:
    """What the workbook's Events sheet says earlier reviews decided of her dose."""
    import openpyxl

    book = openpyxl.load_workbook(folder / "out" / "review.xlsx", read_only=True)
    rows = list(book["Events"].iter_rows(values_only=True))
    book.close()  # read-only workbooks hold their file: Windows would refuse the next run
    header = rows[0]
    (hers,) = [r for r in rows[1:] if r[header.index("NHS number")] == PEOPLE[0]]
    assert "ERLY" in hers[header.index("Reasons")]
    return str(hers[header.index("Carried from (earlier review)")] or "")


@pytest.mark.parametrize("decisions", [("other_provider",) * 2, ("practice", "not_given")])
def test_a_duplicate_shown_by_a_review_that_left_it_undecided_travels_on(
    tmp_path: Path, decisions: tuple[str, str]
) -> None:
    """A's search held her dose twice, each entry decided (alike, or given here and not
    given). B carried A and showed both entries, left undecided. C, carrying B alone (what
    the Files page ticks), showed a plain "still to check" where they were decided alike,
    nothing in the notice; decided differently, the notice called them reviews that
    disagree. Now C shows them as B did, held twice, and so does D carrying only C."""
    _a_with_her_twice(tmp_path, *decisions)
    date = _iso(SEPTEMBER[0][1])
    (tmp_path / "s.csv").write_text(_search(SEPTEMBER[:2]), encoding="utf-8")
    _, _, stderr = _check(
        tmp_path, "--search", "s.csv", "--carry", "A.cqrsreview", "--save", "B.cqrsreview"
    )
    assert HELD_TWICE in stderr
    said_in_b = _shown(tmp_path)
    for carried, save in (("B", "C"), ("C", "D")):
        review, _, stderr = _check(
            tmp_path, "--search", "s.csv", "--carry", f"{carried}.cqrsreview",
            "--save", f"{save}.cqrsreview",
        )  # fmt: skip
        event = _events(review)[(PEOPLE[0], date)]
        assert (event["decision"], event["carried_from"]) == (None, None)
        assert HELD_TWICE in stderr, save
        assert "decided differently" not in stderr
        said = _shown(tmp_path)
        assert said == said_in_b, save  # both entries, as A decided them
        assert said.startswith("Held twice in an earlier review (a duplicate entry)")
        assert said.count(" in A.cqrsreview on ") == 2 and said.count("(note: hospital)") == 2
    # with A ticked too, each entry is shown once
    _, _, stderr = _check(
        tmp_path, "--search", "s.csv", "--carry", "A.cqrsreview", "--carry", "C.cqrsreview"
    )
    assert HELD_TWICE in stderr
    assert _shown(tmp_path) == said_in_b


def test_a_decision_kept_for_a_vaccination_this_search_holds_twice_is_not_said_unseen(
    tmp_path: Path,
) -> None:
    """A decided her dose given here. B's search holds it twice (a duplicate entry), so A's
    decision is kept for later reviews and B decides each entry. B's email said "an earlier
    check found 1 given by this practice that our latest search does not show": the search
    shows it, twice, and both entries are counted (decision 388)."""
    (tmp_path / "a.csv").write_text(_search(SEPTEMBER[:2]), encoding="utf-8")
    (tmp_path / "a_decisions.csv").write_text(
        _decisions([(nhs, date, "practice", "no") for nhs, date in SEPTEMBER[:2]]),
        encoding="utf-8",
    )
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip
    (tmp_path / "b.csv").write_text(_search([SEPTEMBER[0], *SEPTEMBER[:2]]), encoding="utf-8")
    found, _, stderr = _check(tmp_path, "--search", "b.csv", "--carry", "A.cqrsreview")
    assert "1 vaccination decided earlier is in this search twice" in stderr
    hers = [e["id"] for e in found["events"] if e["nhs_number"] == PEOPLE[0]]
    assert len(hers) == 2
    (tmp_path / "b_decisions.csv").write_text(
        "event_id,decision,action_done,note,reviewer\n"
        f"{hers[0]},practice,no,seen,B. Reviewer\n{hers[1]},not_given,no,seen,B. Reviewer\n",
        encoding="utf-8",
    )
    review, email, _ = _check(
        tmp_path, "--search", "b.csv", "--carry", "A.cqrsreview", "--decisions", "b_decisions.csv"
    )
    (item,) = review["items"]
    assert (item["in_search"], item["pending"], item["decisions"]["practice"]) == (3, 0, 2)
    assert "2 decided as given by this practice" in email
    assert "does not show" not in email and "an earlier check found" not in email
    notes = (tmp_path / "out" / "declaration_notes.txt").read_text(encoding="utf-8")
    assert "does not show" not in notes
