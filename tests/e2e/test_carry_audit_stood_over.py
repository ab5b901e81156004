"""A decisions file over a carried decision, through the real command line: the audit log
says what this review's decision stood over (decision 360). Review A decided a dose given
elsewhere; B's decisions file decides it given here. B's decision stands, and its audit log
said only "Decision (decisions file): Before: Nothing recorded", as if no earlier review had
decided it: an auditor could not see that A's decision was set aside. Invented people,
NHS numbers in the 999 range."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from openpyxl import load_workbook

from tests.e2e.test_carry_forward import PEOPLE, SEPTEMBER, _check, _search

_HEAD = "nhs_number,programme,date,decision,action_done,note,reviewer"


def _decision_rows(rows: list[tuple[int, str, str, str]]) -> str:
    lines = [_HEAD]
    for i, decision, note, reviewer in rows:
        lines.append(
            f"{PEOPLE[i]},pertussis_pregnant,{SEPTEMBER[i][1]},{decision},no,{note},{reviewer}"
        )
    return "\n".join(lines) + "\n"


def test_the_audit_log_says_what_a_decisions_file_stood_over(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(_search(SEPTEMBER[:3]), encoding="utf-8")
    a_rows = [(0, "other_provider", "Maternity unit", "Ann Earlier"),
              (1, "practice", "Our clinic", "Ann Earlier")]  # fmt: skip
    (tmp_path / "a_decisions.csv").write_text(_decision_rows(a_rows), encoding="utf-8")
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip
    a_sha = hashlib.sha256((tmp_path / "A.cqrsreview").read_bytes()).hexdigest()
    # B: the same search; its decisions file decides the first dose differently, and the
    # second as A did; the third it leaves (nobody decided it)
    (tmp_path / "b.csv").write_text(_search(SEPTEMBER[:3]), encoding="utf-8")
    b_rows = [(0, "practice", "Given in our clinic", "Ben Later"),
              (1, "practice", "Our clinic too", "Ben Later")]  # fmt: skip
    (tmp_path / "b_decisions.csv").write_text(_decision_rows(b_rows), encoding="utf-8")
    review, _email, stderr = _check(
        tmp_path, "--search", "b.csv", "--decisions", "b_decisions.csv",
        "--carry", "A.cqrsreview", "--reviewer", "Ben Later", "--save", "B.cqrsreview",
    )  # fmt: skip
    assert "this review's decisions stand, 1 of them different from an earlier one" in stderr
    events = {e["nhs_number"]: e for e in review["events"]}
    assert events[PEOPLE[0]]["decision"] == "practice"
    assert events[PEOPLE[0]]["carried_from"] is None

    # The review file's log: one entry for each earlier decision stood over, naming it
    with sqlite3.connect(tmp_path / "B.cqrsreview") as db:
        stood = db.execute(
            "SELECT event_id, old, new FROM audit_log WHERE what = 'stood over'"
        ).fetchall()
        ids = dict(db.execute("SELECT id, nhs_number FROM events").fetchall())
    db.close()
    assert sorted(ids[event_id] for event_id, _, _ in stood) == sorted(PEOPLE[:2])

    # The workbook a practice manager opens says it in words
    book = load_workbook(tmp_path / "out" / "review.xlsx", read_only=True)
    sheet = book["Audit log"]
    rows = list(sheet.iter_rows(values_only=True))
    book.close()
    heading = rows[0]
    at = {name: n for n, name in enumerate(heading)}
    over = [r for r in rows[1:] if str(r[at["What changed"]]).startswith("Earlier decision")]
    assert len(over) == 2
    first = next(r for r in over if r[at["NHS number"]] == PEOPLE[0])
    assert first[at["What changed"]] == (
        "Earlier decision not carried: this review's decision stands"
    )
    before, after = str(first[at["Before"]]), str(first[at["After"]])
    assert before.startswith("Other provider; clinical system updated: no; note: Maternity unit")
    assert "decided in A.cqrsreview by Ann Earlier at " in before
    assert f"read from A.cqrsreview (SHA-256 {a_sha})" in before
    assert after.startswith("Given here") and "note: Given in our clinic" in after
    # the decisions file's own entry is still there, as before
    filed = [r for r in rows[1:] if r[at["What changed"]] == "Decision (decisions file)"]
    assert {r[at["NHS number"]] for r in filed} == set(PEOPLE[:2])
