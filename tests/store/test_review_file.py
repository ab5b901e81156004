import dataclasses
import datetime as dt
import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from cqrs_desktop.domain.model import Claim, Decision, Practice, UnassignedRow
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.domain.walkthrough import WalkThrough
from cqrs_desktop.paths import resource
from cqrs_desktop.store import ReviewFile, ReviewFileError
from tests.factories import NHS, PRACTICE, row
from tests.windows_files import FILE_SHARE_READ, FILE_SHARE_WRITE, hold, windows_only

REPO = Path(__file__).resolve().parents[2]


def make_review(rules, n: int = 6) -> Review:  # type: ignore[no-untyped-def]
    rows = [
        row(
            row=i + 2,
            nhs_number=NHS[i % len(NHS)],
            date=dt.date(2024, 9, 1 + i % 27),
            edd=dt.date(2024, 12, 1),
            age=None,
        )
        for i in range(n)
    ]
    inputs = ReviewInputs(
        PRACTICE, (), tuple(rows), (), (Claim("pertussis_pregnant", "2024-09", n),)
    )
    return Review(inputs, rules)


def rules_text() -> str:
    return resource("rules.toml").read_text(encoding="utf-8")


def test_round_trip_and_audit(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    review = make_review(rules)
    path = tmp_path / "r.cqrsreview"
    with ReviewFile.create(path, review, rules_text(), "J. Reviewer") as store:
        walk = WalkThrough(review, store, "J. Reviewer")
        walk.decide(Decision.OTHER_PROVIDER)
        walk.toggle_action_done()
        walk.undo()
        store.set_claims([Claim("pertussis_pregnant", "2024-09", 5)], "J. Reviewer")
        store.set_practice(Practice("F99001", "Riverside", "A. N. Other"), "A. N. Other")
    with ReviewFile.open(path) as store:
        inputs = store.load_inputs()
        assert inputs.rows == review.inputs.rows
        assert inputs.claims == (Claim("pertussis_pregnant", "2024-09", 5),)
        assert inputs.practice.reviewer == "A. N. Other"
        decisions = store.load_decisions()
        assert [(d.decision, d.action_done) for d in decisions] == [
            (Decision.OTHER_PROVIDER, False)
        ]
        log = store.audit_log()
        assert [e.what for e in log] == [
            "import",
            "decision",
            "action_done",
            "undo",
            "claims",
            "practice",
        ]
        decision = log[1]
        assert decision.who == "J. Reviewer" and decision.old is None
        assert json.loads(decision.new or "")["decision"] == "other_provider"
        assert json.loads(log[3].old or "")["action_done"] is True
        assert store.rules_text() == rules_text()


def test_rows_not_placed_are_kept_whole(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """What is known of each row not placed comes back as it was: the programme and month
    it may be of, whether a claim may count it, and whose it is (decision 89)."""
    unplaced = (
        UnassignedRow("s.csv", 3, "the date is not a date", "hpv", None, True, "nhs:9990682887"),
        UnassignedRow("s.csv", 4, "unknown code", None, "2024-09", True, "name:patel:1990-02-01"),
        UnassignedRow("s.csv", 5, "a marker", "hpv", "2024-09", False, None),
    )
    review = make_review(rules)
    review = Review(dataclasses.replace(review.inputs, unassigned=unplaced), rules)
    path = tmp_path / "r.cqrsreview"
    ReviewFile.create(path, review, rules_text()).close()
    with ReviewFile.open(path) as store:
        assert store.load_inputs().unassigned == unplaced


def test_audit_log_is_append_only(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.cqrsreview"
    ReviewFile.create(path, make_review(rules), rules_text()).close()
    db = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM audit_log")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE audit_log SET who = 'x'")
    db.close()


def test_second_opener_is_refused(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.cqrsreview"
    with ReviewFile.create(path, make_review(rules), rules_text()):
        script = textwrap.dedent(f"""
            from pathlib import Path
            from cqrs_desktop.store import ReviewFile, ReviewFileError
            try:
                ReviewFile.open(Path({str(path)!r}))
            except ReviewFileError as exc:
                print(exc)
        """)
        out = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=60
        )
        assert "open in another window" in out.stdout
    ReviewFile.open(path).close()  # free again once closed


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a CQRS Desktop review file"),
        (b"\x89PNG\r\n\x1a\n" + b"x" * 100, "not a CQRS"),
        (b"SQLite format 3\x00" + b"\x00" * 50, "damaged"),
    ],
)
def test_bad_files_are_refused_clearly(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.cqrsreview"
    path.write_bytes(content)
    with pytest.raises(ReviewFileError, match=message):
        ReviewFile.open(path)


def test_plain_sqlite_file_is_not_a_review(tmp_path: Path) -> None:
    path = tmp_path / "other.cqrsreview"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(ReviewFileError, match="not a CQRS Desktop review file"):
        ReviewFile.open(path)


def test_create_never_overwrites(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.cqrsreview"
    path.write_text("precious")
    with pytest.raises(ReviewFileError, match="already exists"):
        ReviewFile.create(path, make_review(rules), rules_text())
    assert path.read_text() == "precious"


def test_save_as_copies(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    review = make_review(rules)
    with ReviewFile.create(tmp_path / "a.cqrsreview", review, rules_text()) as store:
        WalkThrough(review, store).decide(Decision.PRACTICE)
        store.save_as(tmp_path / "b.cqrsreview")
    with ReviewFile.open(tmp_path / "b.cqrsreview") as copy:
        assert len(copy.load_decisions()) == 1


KILL_SCRIPT = """
import sys
from pathlib import Path
from cqrs_desktop.domain.model import Decision
from cqrs_desktop.domain.review import Review
from cqrs_desktop.domain.rules import parse_rules
from cqrs_desktop.domain.walkthrough import WalkThrough
from cqrs_desktop.store import ReviewFile

store = ReviewFile.open(Path(sys.argv[1]))
review = Review(store.load_inputs(), parse_rules(store.rules_text()), store.load_decisions())
walk = WalkThrough(review, store, "Kill Test")
choices = [Decision.PRACTICE, Decision.OTHER_PROVIDER, Decision.NOT_GIVEN]
# each event decided once (O and X keep the card on the patient: deciding "the current
# event" again would overwrite a decision already printed)
for i, event in enumerate(e for e in review.events if e.needs_review):
    walk.go_to(event.id)
    walk.decide(choices[i % 3])
    print(event.id, choices[i % 3].value, flush=True)  # on screen only after the write
print("done", flush=True)
"""


def open_once_unlocked(path: Path, wait: float = 10.0) -> ReviewFile:
    """Open a review whose holder was just killed. Windows releases a dead process's file
    locks a moment after the process is gone, so "open in another window" is retried."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return ReviewFile.open(path)
        except ReviewFileError as exc:
            if "open in another window" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_sigkill_loses_no_committed_decision(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    review = make_review(rules, n=3000)
    path = tmp_path / "kill.cqrsreview"
    ReviewFile.create(path, review, rules_text()).close()
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(path)], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    confirmed: dict[str, str] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        parts = line.split()
        if parts[0] == "done":
            break
        confirmed[parts[0]] = parts[1]
        if len(confirmed) == 150:
            proc.kill()  # SIGKILL; TerminateProcess on Windows: no clean-up either way
            break
    proc.wait(timeout=30)
    assert proc.returncode == (1 if sys.platform == "win32" else -signal.SIGKILL)
    assert len(confirmed) == 150
    with open_once_unlocked(path) as store:  # the lock went with the process
        saved = {d.event_id: d.decision.value for d in store.load_decisions() if d.decision}
    for event_id, decision in confirmed.items():
        assert saved.get(event_id) == decision


@windows_only("Windows file sharing")
def test_on_windows_a_review_another_program_lets_only_read_is_refused_in_words(
    rules, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A backup or sync client reading the file, sharing reading only: SQLite would open it
    read-only without a word; the window refuses it at once (rather than failing to save
    every decision), and `export`, which only reads, still works."""
    from cqrs_desktop import session
    from cqrs_desktop.errors import ReviewError
    from cqrs_desktop.ui import backend

    path = tmp_path / "r.cqrsreview"
    ReviewFile.create(path, make_review(rules), rules_text()).close()
    refused = pytest.raises(
        ReviewError, match=r"^r\.cqrsreview: the review file cannot be opened for writing"
    )
    with hold(path, FILE_SHARE_READ):
        with refused as error:
            backend.open_review(path)
        assert "another program has it open" in str(error.value)
        store, _review = session.open_review(path, for_writing=False)
        store.close()
    with hold(path, FILE_SHARE_READ | FILE_SHARE_WRITE):  # lets others write: no harm
        backend.open_review(path).store.close()
    backend.open_review(path).store.close()  # free again
