"""Results on a bad day, through the real command line: a disk that fills while they are
written, a run ended with SIGTERM, and what a killed run left behind. Invented people."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cqrs_desktop.exporting import OUTPUT_NAMES
from tests.e2e.test_cli import REPO, run
from tests.support.disks import fill, small_disk
from tests.support.searches import write_search

CHECK = ["check", "--practice-ods", "F99001", "--search", "search.csv", "--claim",
         "pertussis_pregnant:2024-09=40"]  # fmt: skip


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name != "filler.bin"}


def test_a_disk_that_fills_leaves_the_earlier_results_as_they_were(tmp_path: Path) -> None:
    write_search(tmp_path / "search.csv", 40)
    with small_disk(tmp_path / "disk", 4096) as disk:
        out = disk / "results"
        first = run(*CHECK, "--out", str(out), cwd=tmp_path)
        assert first.returncode == 0, first.stderr
        before = _contents(out)
        assert set(before) == set(OUTPUT_NAMES)
        fill(disk, leave_bytes=64 * 1024)  # room for the small files, not the PDFs
        again = run(*CHECK, "--out", str(out), cwd=tmp_path)
        assert again.returncode == 2, again.stderr
        (line,) = again.stderr.strip().splitlines()[-1:]
        assert line.startswith("error: ") and "the disk is full" in line
        assert _contents(out) == before  # not one result replaced, nothing half-written
        assert "wrote" not in again.stdout


@pytest.mark.parametrize("free_kb", [8, 64])
def test_a_review_saved_whole_is_said_when_only_its_results_failed(
    tmp_path: Path, free_kb: int
) -> None:
    """--save made the review file, then the results' disk filled (as a result was
    written, or as one written was checked): the error says the review was saved (a second
    run would be refused: it exists) and how to write them; no traceback."""
    write_search(tmp_path / "search.csv", 40)
    with small_disk(tmp_path / "disk", 4096) as disk:
        fill(disk, leave_bytes=free_kb * 1024)
        failed = run(*CHECK, "--save", "r.cqrsreview", "--out", str(disk / "out"), cwd=tmp_path)
        assert failed.returncode == 2, failed.stderr
        (line,) = failed.stderr.strip().splitlines()[-1:]
        assert "the disk is full" in line
        assert "the review file r.cqrsreview was saved whole" in line
        assert "cqrs-desktop export r.cqrsreview --out FOLDER" in line
        assert "Traceback" not in failed.stderr
    assert (tmp_path / "r.cqrsreview").is_file()
    done = run("export", "r.cqrsreview", "--out", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    again = run(*CHECK, "--save", "r2.cqrsreview", "--out", "out2", cwd=tmp_path)
    assert again.returncode == 0 and again.stdout.splitlines()[-1] == "saved r2.cqrsreview"


def test_leftovers_of_a_killed_run_are_put_right(tmp_path: Path) -> None:
    write_search(tmp_path / "search.csv", 10)
    out = tmp_path / "out"
    assert run(*CHECK, "--out", "out", cwd=tmp_path).returncode == 0
    # as a run killed between moving the old results aside and putting the new ones in
    os.replace(out / "report.pdf", out / ".report.pdf.1a2b3c4d.old")
    stale = out / ".review.json.k3j4h5"
    stale.write_text("patient data")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    (out / ".email.txt.9f8e7d6c.old").write_text("an older email")
    sheet = out / ".~.review.xlsx.k3j4h5.0a1b2c3d.partial"  # a workbook's sheet, mid-write
    sheet.write_text("<worksheet>patient data")
    os.utime(sheet, (time.time() - 3600, time.time() - 3600))
    from cqrs_desktop.exporting import tidy_leftovers

    tidy_leftovers(out)
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF")  # put back
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUT_NAMES)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a POSIX signal")
def test_sigterm_stops_the_run_its_second_process_and_leaves_no_temporary(
    tmp_path: Path,
) -> None:
    write_search(tmp_path / "search.csv", 21_000)  # a workbook written by a second process
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "cqrs_desktop", *CHECK, "--out", "out"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        encoding="utf-8",
    )  # fmt: skip
    out = tmp_path / "out"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and not list(out.glob(".review.xlsx.*")):
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.1)
    time.sleep(1.0)  # the second process is writing the workbook
    proc.send_signal(signal.SIGTERM)
    _stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 143, stderr
    assert stderr.strip().splitlines()[-1] == "error: stopped (asked to end)"
    assert "Traceback" not in stderr
    assert not out.exists()  # no result, no temporary with patient data, no folder made for it
    time.sleep(1.0)
    for entry in Path("/proc").iterdir():  # no orphaned worker still at work here
        if entry.name.isdigit():
            try:
                cwd = os.readlink(entry / "cwd")
            except OSError:
                continue
            assert cwd != str(tmp_path), f"process {entry.name} is still running in the folder"
