"""Issue 14's acceptance, a sequence of monthly reviews through the real command line
(decisions 445-447): a review saved as a copy brought beside itself, a disagreement kept
for later settled by a decisions file, and decisions of a grouped report's rows with no
patient details. The earlier reviews are made once for the module. Invented people, NHS
numbers in the 999 range."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cqrs_desktop.session import open_review
from tests.e2e.test_carry_forward import PEOPLE, _check, _decisions, _search

OCTOBER = [(PEOPLE[0], "02/10/2024"), (PEOPLE[1], "08/10/2024")]
NOVEMBER = [(PEOPLE[2], "05/11/2024")]


@pytest.fixture(scope="module")
def months(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """October's search decided by B and, without carrying B, by B2: the dose of 2 October
    differently (B given here, B2 given elsewhere), the other alike; "B copy", B saved as a
    copy; C, a November search carrying B, B2 and the copy, which keeps the disagreement
    for later (its month is not searched)."""
    folder = tmp_path_factory.mktemp("months")
    (folder / "oct.csv").write_text(_search(OCTOBER), encoding="utf-8")
    for name, decision in (("B", "practice"), ("B2", "other_provider")):
        decided = [(*OCTOBER[0], decision, "no"), (*OCTOBER[1], "practice", "no")]
        (folder / f"{name}.csv").write_text(_decisions(decided), encoding="utf-8")
        _check(folder, "--search", "oct.csv", "--decisions", f"{name}.csv",
               "--save", f"{name}.cqrsreview")  # fmt: skip
    store, _ = open_review(folder / "B.cqrsreview")  # File > Save a copy as...
    try:
        store.save_as(folder / "B copy.cqrsreview")
    finally:
        store.close()
    (folder / "nov.csv").write_text(_search(NOVEMBER), encoding="utf-8")
    _, _, stderr = _check(
        folder, "--search", "nov.csv", "--carry", "B.cqrsreview", "--carry", "B2.cqrsreview",
        "--carry", "B copy.cqrsreview", "--save", "C.cqrsreview",
    )  # fmt: skip
    (folder / "c_notice.txt").write_text(stderr, encoding="utf-8")
    yield folder


def test_a_review_saved_as_a_copy_beside_itself_is_read_once(months: Path, tmp_path: Path) -> None:
    """The copy has other bytes but is the same review, unchanged: its decisions are B's.
    Read as a review of its own, each of B's decisions was shown twice, "Given here in B
    copy.cqrsreview ...; Given here in B.cqrsreview ...", as if two reviews had found the
    dose given here against B2's one (decision 445)."""
    notice = (months / "c_notice.txt").read_text(encoding="utf-8")
    assert (
        "B copy.cqrsreview and B.cqrsreview are the same review (one a copy of the other, "
        "unchanged since): read once"
    ) in notice
    # D searches October again, carrying C alone: the dose is left to decide, with each
    # review's decision once
    (tmp_path / "oct.csv").write_text(_search(OCTOBER), encoding="utf-8")
    review, _, stderr = _check(tmp_path, "--search", "oct.csv",
                               "--carry", str(months / "C.cqrsreview"))  # fmt: skip
    assert "1 vaccination decided differently in earlier reviews, left to decide again" in stderr
    first = next(e for e in review["events"] if e["nhs_number"] == PEOPLE[0])
    assert first["decision"] is None
    sheet = load_workbook(tmp_path / "out" / "review.xlsx", read_only=True)["Events"]
    rows = list(sheet.iter_rows(values_only=True))
    carried_from = rows[0].index("Carried from (earlier review)")
    said = next(str(r[carried_from]) for r in rows[1:] if r[3] == PEOPLE[0])
    assert said.startswith("Decided differently in earlier reviews")
    assert "B copy" not in said
    assert said.count("Given here in B.cqrsreview") == 1
    assert said.count("Other provider in B2.cqrsreview") == 1


def test_a_disagreement_kept_for_later_settled_by_a_decisions_file_is_said(
    months: Path, tmp_path: Path
) -> None:
    """E searches October again, carrying C alone (which kept B's and B2's decisions for
    later), and its decisions file decides the dose. That decision stands, but nothing said
    so: no notice, and the audit log had only "Before: Nothing recorded", though carrying B
    and B2 themselves gave both (decision 360). Now the same (decision 446)."""
    (tmp_path / "oct.csv").write_text(_search(OCTOBER), encoding="utf-8")
    (tmp_path / "e.csv").write_text(_decisions([(*OCTOBER[0], "practice", "no")]), encoding="utf-8")
    review, _, stderr = _check(
        tmp_path, "--search", "oct.csv", "--decisions", "e.csv",
        "--carry", str(months / "C.cqrsreview"), "--save", "E.cqrsreview",
    )  # fmt: skip
    assert (
        "1 vaccination decided earlier was decided in this review already (the decisions "
        "file, or by hand): this review's decision stands, and differs from the earlier one"
    ) in stderr
    assert "decided differently in earlier reviews" not in stderr
    events = {e["nhs_number"]: e for e in review["events"]}
    assert events[PEOPLE[0]]["decision"] == "practice"
    assert events[PEOPLE[0]]["carried_from"] is None
    assert events[PEOPLE[1]]["carried_from"] == "B2.cqrsreview"  # alike: the later review's
    uri = f"{(tmp_path / 'E.cqrsreview').as_uri()}?mode=ro"
    db = sqlite3.connect(uri, uri=True)
    try:
        stood = db.execute(
            "SELECT a.old FROM audit_log a JOIN events e ON e.id = a.event_id "
            "WHERE a.what = 'stood over' AND e.nhs_number = ?",
            (PEOPLE[0],),
        ).fetchall()
    finally:
        db.close()
    entries = [json.loads(old) for (old,) in stood]
    over = sorted((entry["carried_from"], entry["decision"]) for entry in entries)
    assert over == [("B.cqrsreview", "practice"), ("B2.cqrsreview", "other_provider")]


def _grouped(rows: list[tuple[int, str]], details_every_row: bool) -> str:
    """A SystmOne-like HepB report, the baby's details on their first row only (grouped)
    or on every row."""
    lines = ["NHS number,Surname,First name,Date of birth,Gender,Event date,SNOMED code,"
             "Description,Event done at,GMS"]  # fmt: skip
    last = None
    for baby, day in rows:
        shown = details_every_row or baby != last
        last = baby
        who = f"{PEOPLE[baby]},Testbaby,Kit{baby},01 Aug 2024,M" if shown else ",,,,"
        lines.append(f"{who},{day},170370000,Hepatitis B vaccination,F99001,Y")
    return "\n".join(lines) + "\n"


def test_decisions_of_rows_with_no_patient_details_are_said_not_dropped(tmp_path: Path) -> None:
    """G1's search was a grouped report: each baby's second dose had no NHS number, name or
    date of birth, and G1 decided them by event id. G2's search has the details on every
    row, carrying G1: those decisions can match nothing (no patient to match by) and were
    dropped without a word; the doses came back as never looked at (decision 447)."""
    doses = [(5, "02 Sep 2024"), (5, "30 Sep 2024"), (6, "05 Sep 2024"), (6, "03 Oct 2024")]
    (tmp_path / "g1.csv").write_text(_grouped(doses, False), encoding="utf-8")
    first, _, _ = _check(tmp_path, "--search", "g1.csv")
    lines = ["event_id,decision,action_done,note,reviewer"]
    lines += [f"{e['id']},practice,no,seen,G. Reviewer" for e in first["events"]]
    (tmp_path / "g1_decisions.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _check(tmp_path, "--search", "g1.csv", "--decisions", "g1_decisions.csv",
           "--save", "G1.cqrsreview")  # fmt: skip
    (tmp_path / "g2.csv").write_text(_grouped(doses, True), encoding="utf-8")
    review, _, stderr = _check(tmp_path, "--search", "g2.csv", "--carry", "G1.cqrsreview")
    assert "2 decisions carried from earlier reviews" in stderr
    assert (
        "2 decisions of earlier reviews not carried: their vaccinations have no patient "
        "details there (no NHS number, nor surname and date of birth, as in a report that "
        "prints them on a patient's first row only), so they cannot be matched with this "
        "search (decide them here)"
    ) in stderr
    assert sorted(e["decision"] or "-" for e in review["events"]) == [
        "-", "-", "practice", "practice",
    ]  # fmt: skip
