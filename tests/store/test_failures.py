"""The review file when things go wrong for real: full disks, read-only drives, damage, kills.

No mocks: a tiny tmpfs fills up (ENOSPC), a remount makes it read-only (EROFS), bytes are
flipped in a real file, and `check --save` is killed with SIGKILL at many moments.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cqrs_desktop import session
from cqrs_desktop.domain.model import Claim, Decision, DecisionRecord
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.errors import ReviewError
from cqrs_desktop.paths import resource
from cqrs_desktop.store import ReviewFile, ReviewFileError, SaveFailed
from tests.e2e.test_cli import run
from tests.factories import NHS, PRACTICE, row
from tests.support.disks import fill, make_read_only, small_disk
from tests.support.searches import write_search

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "v1" / "samples_v1.cqrsreview"


def _review(rules, n: int = 200) -> Review:  # type: ignore[no-untyped-def]
    rows = [
        row(row=i + 2, nhs_number=NHS[i % len(NHS)], date=dt.date(2024, 9, 1 + i % 27))
        for i in range(n)
    ]
    claim = Claim("pertussis_pregnant", "2024-09", n)
    return Review(ReviewInputs(PRACTICE, (), tuple(rows), (), (claim,)), rules)


def _rules_text() -> str:
    return resource("rules.toml").read_text(encoding="utf-8")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "filler.bin")


def test_a_full_disk_makes_no_review_file_and_says_so(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with small_disk(tmp_path / "disk", 256) as disk:
        fill(disk, leave_bytes=8 * 1024)
        with pytest.raises(ReviewFileError, match=r"could not be written \(the disk is full\)"):
            ReviewFile.create(disk / "r.cqrsreview", _review(rules, 2000), _rules_text())
        assert _leftovers(disk) == []  # neither the review nor a temporary


@pytest.mark.parametrize("free_kb", [0, 16, 48, 96, 128, 160])
def test_a_disk_full_at_any_moment_of_making_a_review_says_so(  # type: ignore[no-untyped-def]
    rules, tmp_path: Path, free_kb: int
) -> None:
    """With almost no room, the disk filled while the tables were made: a failed COMMIT had
    ended the transaction, and the ROLLBACK after it hid the cause ("cannot rollback - no
    transaction is active")."""
    with small_disk(tmp_path / "disk", 256) as disk:
        fill(disk, leave_bytes=free_kb * 1024)
        with pytest.raises(ReviewFileError) as caught:
            ReviewFile.create(disk / "r.cqrsreview", _review(rules, 2000), _rules_text())
        said = str(caught.value)
        assert said.startswith("r.cqrsreview: the review file could not be written (")
        assert "the disk is full" in said and said.endswith("nothing was saved")
        assert "rollback" not in said
        assert _leftovers(disk) == []


def test_a_decision_the_full_disk_refuses_is_reported_and_nothing_else_lost(
    rules,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    review = _review(rules)
    with small_disk(tmp_path / "disk", 1024) as disk:
        path = disk / "r.cqrsreview"
        store = ReviewFile.create(path, review, _rules_text())
        fill(disk, leave_bytes=96 * 1024)
        saved: list[str] = []
        with pytest.raises(SaveFailed, match=r"r\.cqrsreview: .*\(the disk is full\)"):
            for event in review.events:
                record = DecisionRecord(event.id, Decision.PRACTICE, note="n" * 4000)
                store.save_decision(event.id, record, None, "decision")
                saved.append(event.id)
        store.close()
        (disk / "filler.bin").unlink()
        with ReviewFile.open(path) as reopened:
            kept = {d.event_id for d in reopened.load_decisions()}
        assert kept == set(saved) and saved


def test_a_carry_the_full_disk_refuses_is_reported_and_leaves_the_review_as_it_was(
    rules,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """Decisions written in bulk (a carry) are one change: all of them, or none and said."""
    from cqrs_desktop.domain.earlier import Carried, CarriedDecision

    review = _review(rules, 400)
    with small_disk(tmp_path / "disk", 2048) as disk:
        path = disk / "r.cqrsreview"
        with ReviewFile.create(path, review, _rules_text()) as store:
            entries_before = len(store.audit_log())
            fill(disk, leave_bytes=96 * 1024)
            carried = Carried(
                tuple(
                    CarriedDecision(
                        DecisionRecord(e.id, Decision.OTHER_PROVIDER, note="n" * 2000),
                        "A.cqrsreview",
                        "ab" * 32,
                    )
                    for e in review.events
                ),
                (),
            )
            with pytest.raises(SaveFailed, match=r"r\.cqrsreview: .*\(the disk is full\)"):
                store.save_carried(carried)
        (disk / "filler.bin").unlink()
        with ReviewFile.open(path) as reopened:
            assert reopened.load_decisions() == []
            assert len(reopened.audit_log()) == entries_before


def test_save_a_copy_over_an_earlier_copy_on_a_full_disk_keeps_the_earlier_copy(
    rules,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    with small_disk(tmp_path / "disk", 512) as disk:
        store = ReviewFile.create(tmp_path / "r.cqrsreview", _review(rules, 1000), _rules_text())
        copy = disk / "copy.cqrsreview"
        copy.write_bytes(b"an earlier copy")
        fill(disk, leave_bytes=4 * 1024)
        with pytest.raises(SaveFailed, match="the file already there is unchanged"):
            store.save_as(copy)
        store.close()
        assert copy.read_bytes() == b"an earlier copy"
        assert _leftovers(disk) == ["copy.cqrsreview"]


def test_a_review_on_a_read_only_drive_is_refused_for_changes_and_still_exports(
    tmp_path: Path,
) -> None:
    with small_disk(tmp_path / "disk", 2048) as disk:
        path = disk / "r.cqrsreview"
        shutil.copy(FIXTURE, path)
        session.open_review(path)[0].close()  # migrated while it could be
        make_read_only(disk)
        with pytest.raises(ReviewError, match="read-only"):
            session.open_review(path)
        result = run("export", str(path), "--out", str(tmp_path / "out"), cwd=tmp_path)
        assert result.returncode == 0, result.stderr


def test_an_older_review_on_a_read_only_drive_exports_unchanged(tmp_path: Path) -> None:
    """A schema 4 file (before decisions kept for later reviews) on a read-only drive: it
    cannot be brought up to date there, so `export` reads it brought up to date in memory,
    and the file is left exactly as it was."""
    with small_disk(tmp_path / "disk", 2048) as disk:
        path = disk / "r.cqrsreview"
        shutil.copy(FIXTURE, path)
        session.open_review(path)[0].close()  # now the current schema: made schema 4 again
        db = sqlite3.connect(path)
        db.execute("DROP TABLE held_decisions")
        for column in ("programme", "month", "countable", "patient"):  # schemas 6 and 7's
            db.execute(f"ALTER TABLE unassigned_rows DROP COLUMN {column}")
        db.execute("ALTER TABLE sources DROP COLUMN searched")  # schema 8's
        db.execute("PRAGMA user_version = 4")
        db.commit()
        db.close()
        before = path.read_bytes()
        make_read_only(disk)
        result = run("export", str(path), "--out", str(tmp_path / "out"), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "out" / "review.json").is_file()
        assert path.read_bytes() == before


def _damage(path: Path, how: str) -> None:
    if how == "dropped table":
        db = sqlite3.connect(path)
        db.execute("DROP TABLE claims")
        db.commit()
        db.close()
        return
    data = bytearray(path.read_bytes())
    page = 4096
    if how == "cut short":  # a copy broken off half way (a USB stick pulled out)
        data = data[: len(data) // 2]
    elif how == "zeroed page":
        data[page * 3 : page * 4] = bytes(page)
    else:  # flipped bytes in the middle of the file
        for i in range(len(data) // 2, len(data) // 2 + 64):
            data[i] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["flipped bytes", "zeroed page", "dropped table", "cut short"])
def test_a_damaged_review_file_is_refused_naming_it(tmp_path: Path, how: str) -> None:
    path = tmp_path / "damaged.cqrsreview"
    shutil.copy(FIXTURE, path)
    _damage(path, how)
    result = run("export", path.name, "--out", "out", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: damaged.cqrsreview: the review file is damaged")
    assert "damaged (its contents are damaged)" not in line  # said once, with what to do
    with pytest.raises(ReviewError, match=r"damaged\.cqrsreview: the review file is damaged"):
        session.open_review(path)


def test_no_journal_is_left_beside_a_closed_review(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    review = _review(rules, 20)
    path = tmp_path / "r.cqrsreview"
    store = ReviewFile.create(path, review, _rules_text())
    store.save_decision(
        review.events[0].id, DecisionRecord(review.events[0].id, Decision.PRACTICE), None, "d"
    )
    journal = path.with_name(path.name + "-journal")
    assert not journal.exists() or journal.stat().st_size == 0  # no page copy kept
    store.close()
    assert _leftovers(tmp_path) == ["r.cqrsreview"]
    if sys.platform != "win32":
        assert path.stat().st_mode & 0o077 == 0  # private to the user


# ---------------------------------------------------------------- kills during check --save


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL timing is a POSIX test")
def test_check_save_killed_at_any_moment_leaves_no_review_or_a_whole_one(tmp_path: Path) -> None:
    write_search(tmp_path / "search.csv", 4000)
    command = [
        sys.executable, "-m", "cqrs_desktop", "check", "--practice-ods", "F99001",
        "--search", "search.csv", "--claim", "pertussis_pregnant:2024-09=4000",
        "--save", "r.cqrsreview", "--out", "out",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    outcomes = set()
    delays = [0.4, 0.8, 1.1, 1.4, 1.7, 2.0, 2.4, 2.8, 3.4, 4.5]
    while delays:
        delay = delays.pop(0)
        if not delays and "whole" not in outcomes and delay < 40:
            delays.append(delay * 1.5)  # a machine under load: later kills, until one is late
        for stale in tmp_path.glob(".~*"):
            os.utime(stale, (time.time() - 3600, time.time() - 3600))
        target = tmp_path / "r.cqrsreview"
        target.unlink(missing_ok=True)
        proc = subprocess.Popen(command, cwd=tmp_path, env=env, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        if target.exists():
            store, review = session.open_review(target)
            store.close()
            assert len(review.events) == 4000
            outcomes.add("whole")
        else:
            outcomes.add("none")
    assert outcomes == {"none", "whole"}, outcomes  # the kills fell both sides of naming it
    # A later run cleans up what the killed ones left, and is not blocked by them.
    (tmp_path / "r.cqrsreview").unlink(missing_ok=True)
    for stale in tmp_path.glob(".~*"):
        os.utime(stale, (time.time() - 3600, time.time() - 3600))
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert not list(tmp_path.glob(".~*.partial*"))


def test_a_workbook_the_full_disk_refuses_names_the_file_chosen(tmp_path: Path) -> None:
    """The window's "Save the workbook" on a full disk said only "No space left on
    device.": the error named no file (the temporary's writer gave none)."""
    from cqrs_desktop.store.file_safety import write_private

    def write(path: Path) -> None:
        with path.open("wb") as handle:
            handle.write(b"x" * 1024 * 1024)

    with small_disk(tmp_path / "disk", 256) as disk:
        with pytest.raises(OSError) as caught:
            write_private(disk / "wb.xlsx", write)
        assert caught.value.filename == str(disk / "wb.xlsx")
        assert _leftovers(disk) == []
