"""A review file written by version 1 opens, migrates and loses nothing.

The fixture `tests/data/v1/samples_v1.cqrsreview` was made by the version 1 app (before
SPEC v2) from the shared samples: `check --decisions --save`, then an unsure decision, a
"clinical system updated" tick with no decision yet and a not-eligible decision.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from cqrs_desktop import session
from cqrs_desktop.domain.coverage import Coverage
from cqrs_desktop.store.schema import SCHEMA_VERSION
from tests.e2e.test_cli import run

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "v1" / "samples_v1.cqrsreview"


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


@pytest.fixture
def v1_file(tmp_path: Path) -> Path:
    path = tmp_path / "samples_v1.cqrsreview"
    shutil.copy(FIXTURE, path)
    assert _rows(path, "PRAGMA user_version") == [(1,)]
    return path


def test_opens_migrates_and_keeps_every_decision_and_audit_entry(v1_file: Path) -> None:
    kept = "event_id, decision, action_done, note, reviewer, decided_at"
    decisions_before = _rows(v1_file, f"SELECT {kept} FROM decisions ORDER BY event_id")
    audit_before = _rows(v1_file, "SELECT * FROM audit_log ORDER BY id")
    assert len(decisions_before) == 10 and len(audit_before) == 11

    store, review = session.open_review(v1_file)
    try:
        assert len(review.decisions) == 10
        # Coverage is worked out from the stored rows (version 1 stored no spans).
        assert review.source_covers[:2] == [
            {"pertussis_pregnant": ("2024-09", "2024-11")},
            {"rsv_pregnant": ("2024-09", "2024-10")},
        ]
        assert isinstance(review.coverage, Coverage)
        # Read with the rules as shipped now: an older-adult RSV dose needs nothing done.
        rsv = review.rules.programme("rsv_pregnant")
        assert not rsv.needs_action("not_eligible")
        assert review.rules.programme("hepb_babies").duplicate_window_days == 21
    finally:
        store.close()

    assert _rows(v1_file, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert _rows(v1_file, f"SELECT {kept} FROM decisions ORDER BY event_id") == decisions_before
    audit_after = _rows(v1_file, "SELECT * FROM audit_log ORDER BY id")
    assert audit_after[: len(audit_before)] == audit_before
    assert [a[4:] for a in audit_after[len(audit_before) :]] == [
        ("rules", "rules as shipped before version 2", "rules as shipped now")
    ]
    # Opening again changes nothing more.
    store, _ = session.open_review(v1_file)
    store.close()
    assert len(_rows(v1_file, "SELECT * FROM audit_log")) == len(audit_after)


def test_exports_current_results_through_the_command_line(v1_file: Path) -> None:
    result = run("export", v1_file.name, "--out", "out", cwd=v1_file.parent)
    assert result.returncode == 0, result.stderr
    review = json.loads((v1_file.parent / "out" / "review.json").read_text(encoding="utf-8"))
    assert review["schema"] == 3
    items = {(i["programme"], i["month"]): i for i in review["items"]}
    september = items[("pertussis_pregnant", "2024-09")]
    assert (september["status"], september["corrected"], september["record_checked"]) == (
        "amend",
        5,
        True,
    )
    hpv = items[("hpv", "2024-10")]
    assert (hpv["covered"], hpv["status"]) == (False, "not_checked")
    assert sum(1 for e in review["events"] if e["decision"]) == 9
    notes = {e["note"] for e in review["events"]}
    assert {"checked record", "ask the nurse", "older adult dose"} <= notes
    # The tick recorded before any decision is kept in the file, but claims nothing.
    assert all(e["action_done"] is False for e in review["events"] if e["decision"] is None)


def test_a_version_1_file_with_edited_rules_keeps_them(v1_file: Path) -> None:
    db = sqlite3.connect(v1_file)
    (text,) = db.execute("SELECT value FROM meta WHERE key = 'rules'").fetchone()
    edited = text.replace("declaration_threshold = 5", "declaration_threshold = 6")
    db.execute("UPDATE meta SET value = ? WHERE key = 'rules'", (edited,))
    db.commit()
    db.close()
    store, review = session.open_review(v1_file)
    try:
        assert review.rules.declaration_threshold == 6
        # Rules written before version 2 say nothing of the new checks: the defaults hold.
        assert review.rules.programme("hepb_babies").duplicate_window_days == 28
        assert review.rules.programme("hpv").school_age_below is None
        assert store.rules_text() == edited
    finally:
        store.close()


def test_a_version_1_review_carried_says_what_it_marked_unsure(v1_file: Path) -> None:
    """Its unsure vaccination is not carried, and the notice says so, as for a review of
    today's schema (decision 92); before, it was left out without a word. The file is only
    read."""
    before = v1_file.read_bytes()
    samples = Path(__file__).resolve().parents[1] / "data" / "samples"
    result = run(
        "check", "--practice-ods", "F99001",
        "--search", str(samples / "emis_pertussis_search.csv"),
        "--search", str(samples / "systmone_rsv_search.csv"),
        "--carry", v1_file.name, "--save", "B.cqrsreview", "--out", "out",
        cwd=v1_file.parent,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (notice,) = [line for line in result.stderr.splitlines() if line.startswith("notice: ")]
    assert notice.startswith("notice: 8 decisions carried from earlier reviews; 1 vaccination "
                             "marked unsure in an earlier review is not carried")  # fmt: skip
    assert v1_file.read_bytes() == before
    review = json.loads((v1_file.parent / "out" / "review.json").read_text(encoding="utf-8"))
    carried = [e for e in review["events"] if e["carried_from"] == "samples_v1.cqrsreview"]
    assert len(carried) == 8 and all(e["decision"] != "unsure" for e in carried)
