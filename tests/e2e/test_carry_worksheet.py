"""The printed worksheet of a carry, through the real command line: a row that earlier
reviews decided differently (DIFF) prints what each review decided, when and by whom, whole.
Invented people, 999 numbers."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from cqrs_desktop.reports.summary import local_time
from tests.e2e.test_carry_forward import PEOPLE, SEPTEMBER, _check, _search

# A long note, so the words must wrap (and never be cut off) on the paper
LONG_NOTE = (
    " ".join(["Maternity letter from the hospital says given at the antenatal clinic"] * 4)
    + " ask Dr Shah before deciding END"
)


def _decisions(decision: str, reviewer: str, note: str) -> str:
    date = SEPTEMBER[0][1]
    return (
        "nhs_number,programme,date,decision,action_done,note,reviewer\n"
        f'{PEOPLE[0]},pertussis_pregnant,{date},{decision},no,"{note}",{reviewer}\n'
    )


def _words(path: Path) -> str:
    """The PDF's text, its words joined by single spaces (lines wrap anywhere)."""
    text = " ".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return " ".join(text.replace("\t", " ").split())


def test_the_worksheet_prints_what_reviews_that_disagree_decided(tmp_path: Path) -> None:
    (tmp_path / "s.csv").write_text(_search(SEPTEMBER[:2]), encoding="utf-8")
    for name, decision, reviewer, note in (
        ("A", "practice", "Sam Earlier", "seen at our clinic"),
        ("C", "other_provider", "Kim Other", LONG_NOTE),
    ):
        (tmp_path / f"{name}.csv").write_text(
            _decisions(decision, reviewer, note), encoding="utf-8"
        )
        _check(
            tmp_path, "--search", "s.csv", "--decisions", f"{name}.csv",
            "--save", f"{name}.cqrsreview",
        )  # fmt: skip
    review, _, stderr = _check(
        tmp_path, "--search", "s.csv", "--carry", "A.cqrsreview", "--carry", "C.cqrsreview",
    )  # fmt: skip
    assert "1 vaccination decided differently in earlier reviews" in stderr
    event = next(e for e in review["events"] if e["nhs_number"] == PEOPLE[0])
    assert event["decision"] is None

    text = _words(tmp_path / "out" / "worksheet.pdf")
    # each review's decision, which review, by whom, and its note whole
    assert "Decided differently in earlier reviews: Given here in A.cqrsreview on " in text
    assert "by Sam Earlier (note: seen at our clinic)" in text
    assert "Other provider in C.cqrsreview on " in text
    assert f"by Kim Other (note: {LONG_NOTE})" in text
    # under the row numbered 1 (the only DIFF row), said for what it is
    assert "What earlier reviews said of the rows above marked DIFF or ERLY" in text
    assert "1 DIFF Decided differently in earlier reviews" in text


def test_the_worksheet_says_which_review_decided_each_carried_row(tmp_path: Path) -> None:
    """Decision 500: a carried decision was only a ticked box on paper, and the sheet said
    every ticked row "was decided in CQRS Desktop"; each now says which review decided it,
    on which day and by whom, by row number under its month."""
    (tmp_path / "s.csv").write_text(_search(SEPTEMBER[:5]), encoding="utf-8")
    lines = ["nhs_number,programme,date,decision,action_done,note,reviewer"]
    for i in (0, 2, 3):  # rows 1, 3 and 4 decided in A
        lines.append(f"{PEOPLE[i]},pertussis_pregnant,{SEPTEMBER[i][1]},practice,no,,Sam Earlier")
    (tmp_path / "a.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _check(tmp_path, "--search", "s.csv", "--decisions", "a.csv", "--save", "A.cqrsreview")
    review, _, _ = _check(tmp_path, "--search", "s.csv", "--carry", "A.cqrsreview")
    carried = [e for e in review["events"] if e["carried_from"]]
    assert [e["nhs_number"] for e in carried] == [PEOPLE[i] for i in (0, 2, 3)]
    days = {local_time(e["decided_at"]).strftime("%d %b %Y") for e in carried}  # type: ignore[union-attr]
    assert len(days) == 1

    text = _words(tmp_path / "out" / "worksheet.pdf")
    assert f"1, 3, 4 decided in A.cqrsreview on {days.pop()} by Sam Earlier" in text
    assert "3 of them already decided (their box is ticked), 3 of those in an earlier review" in (
        text
    )
    assert "in this review or, where its month's rows list it as carried, in an earlier review" in (
        text
    )
