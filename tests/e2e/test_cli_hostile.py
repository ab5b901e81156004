"""The real command line given hostile or mistaken input: one `error:` line and exit 2,
a warning for what it can read past, never a traceback, never a half-read file.

Invented people and NHS numbers in the 999 range only; files are made here.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from tests.e2e.test_cli import REPO, run
from tests.sources import hostile
from tests.sources.helpers import HEADER, PERTUSSIS, csv_text


def search_rows(count: int) -> list[list[str]]:
    return [
        [f"999{i:07d}", "Patel", "Anya", "27/03/1993", "F", "04/09/2024", PERTUSSIS, "Pertussis"]
        for i in range(count)
    ]


def write_search(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    path.write_text(csv_text([HEADER, *rows], delimiter), encoding="utf-8")
    return path


def check(*args: str, cwd: Path, out: str = "out") -> subprocess.CompletedProcess[str]:
    return run("check", "--practice-ods", "F99001", *args, "--out", out, cwd=cwd)


def one_error(result: subprocess.CompletedProcess[str]) -> str:
    """The single `error:` line of a run refused as bad input (exit 2)."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


# ---------------------------------------------------------------- files that would fool the readers


@pytest.mark.parametrize(
    ("name", "delimiter", "given"), [("s.csv", ",", ""), ("s.txt", "\t", "pertussis_pregnant=")]
)
def test_a_stray_quote_is_an_error_naming_its_line(
    tmp_path: Path, name: str, delimiter: str, given: str
) -> None:
    """It imported 0 (or 1,500) of 3,000 rows with exit 0; with PROGRAMME=FILE the email
    then asked to amend a claim from 7 to 0."""
    lines = csv_text([HEADER, *search_rows(3000)], delimiter).splitlines(keepends=True)
    first, rest = lines[1500].split(delimiter, 1)
    lines[1500] = f'{first}{delimiter}"{rest}'
    (tmp_path / name).write_text("".join(lines), encoding="utf-8")
    result = check(
        "--search", f"{given}{name}", "--claim", "pertussis_pregnant:2024-09=7", cwd=tmp_path
    )
    assert one_error(result).startswith(
        f'error: {name}: line 1501: a quote (") opens a cell that is never closed'
    )
    assert not (tmp_path / "out").exists()


def test_a_value_in_the_last_cell_of_a_workbook_is_refused(tmp_path: Path) -> None:
    """6 KB that aborted the process."""
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    hostile.write_workbook(tmp_path / "s.xlsx", {"Search": hostile.table_sheet(extra=far)})
    assert one_error(check("--search", "s.xlsx", cwd=tmp_path)).startswith(
        "error: s.xlsx: sheet 'Search' has a value in column XFD"
    )


def test_a_file_larger_than_any_export_is_refused_unread(tmp_path: Path) -> None:
    with (tmp_path / "s.csv").open("wb") as handle:
        handle.truncate(2 * 1024**3)  # 2 GB, sparse
    assert one_error(check("--search", "s.csv", cwd=tmp_path)).startswith(
        "error: s.csv: the file is 2,048 MB, more than the 100 MB this app reads"
    )


def test_a_million_rows_are_refused_at_once(tmp_path: Path) -> None:
    """It ran for 7 minutes at about 7 GB."""
    row = ",".join(search_rows(1)[0]) + "\n"
    (tmp_path / "s.csv").write_text(",".join(HEADER) + "\n" + row * 1_000_000, encoding="utf-8")
    started = time.monotonic()
    error = one_error(check("--search", "s.csv", cwd=tmp_path))
    assert error.startswith("error: s.csv: the file has 1,000,001 lines, more than the 100,000")
    assert time.monotonic() - started < 60


# ---------------------------------------------------------------- control characters


def test_control_characters_are_cleaned_said_and_written_safely(tmp_path: Path) -> None:
    """A vertical tab pasted from Word failed the check with exit 1; behind '=' it made a
    review.xlsx Excel could not open, with exit 0; in a decisions note, a traceback."""
    rows = search_rows(3)
    rows[0][1] = "Pa\x0btel"
    rows[1][7] = "=\x0bHYPERLINK(1)"
    write_search(tmp_path / "s.csv", rows)
    (tmp_path / "d.csv").write_text(
        "nhs_number,programme,date,decision,note\n"
        "9990000000,pertussis_pregnant,04/09/2024,practice,called\x0bher\n",
        encoding="utf-8",
    )
    result = check("--search", "s.csv", "--decisions", "d.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "warning: s.csv: column 'Surname': 1 cell held control characters" in result.stderr
    assert "warning: s.csv: column 'Term': 1 cell held control characters" in result.stderr
    review = json.loads((tmp_path / "out" / "review.json").read_text(encoding="utf-8"))
    by_row = {e["row"]: e for e in review["events"]}
    assert (by_row[2]["surname"], by_row[2]["note"]) == ("Pa tel", "called her")
    assert by_row[3]["term"] == "= HYPERLINK(1)"
    events = openpyxl.load_workbook(tmp_path / "out" / "review.xlsx")["Events"]
    terms = [c for c in events["K"] if c.value == "= HYPERLINK(1)"]
    assert len(terms) == 1 and terms[0].data_type == "s" and terms[0].quotePrefix


def test_a_saved_review_holding_control_characters_still_exports(tmp_path: Path) -> None:
    """Saved by a version that did not clean them: the workbook is sanitised as written."""
    from cqrs_desktop.domain.model import Decision
    from cqrs_desktop.store import ReviewFile
    from tests.reports.reports_factory import build_review, record
    from tests.reports.reports_factory import search_rows as planned_rows

    plan = [("pertussis_pregnant", "2024-09", 2)]
    review = build_review(planned_rows(plan, surnames=["=\x0bHarris", "Lee\x07"]), [])
    path = tmp_path / "old.cqrsreview"
    text = (REPO / "resources" / "rules.toml").read_text(encoding="utf-8")
    with ReviewFile.create(path, review, text, "J. Reviewer") as store:
        note = record(review.events[0], Decision.PRACTICE, note="rang\x0bback\x00")
        store.save_decisions([(note, None)], "decisions file")
    result = run("export", str(path), "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(tmp_path / "out" / "review.xlsx")
    values = [c.value for row in book["Events"].iter_rows() for c in row]
    assert "= Harris" in values and "Lee " in values and "rang back " in values


def test_a_folder_given_as_the_review_to_export_says_so(tmp_path: Path) -> None:
    (tmp_path / "reviews.cqrsreview").mkdir()
    result = run("export", "reviews.cqrsreview", "--out", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "error: reviews.cqrsreview: a folder, not a review file"


# ---------------------------------------------------------------- the same file, inputs in the way


def test_the_same_file_given_twice_is_read_once(tmp_path: Path) -> None:
    """It counted 14 events against 7 claimed, though both copies had the same SHA-256."""
    write_search(tmp_path / "s.csv", search_rows(7))
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "again.csv").write_bytes((tmp_path / "s.csv").read_bytes())
    result = check(
        "--search", "s.csv", "--search", "copy/again.csv",
        "--claim", "pertussis_pregnant:2024-09=7", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (
        "warning: s.csv: again.csv has the same contents as s.csv: it was read once"
        in result.stderr
    )
    review = json.loads((tmp_path / "out" / "review.json").read_text(encoding="utf-8"))
    assert [s["file"] for s in review["sources"]] == ["s.csv"]
    assert [(i["claimed"], i["in_search"]) for i in review["items"]] == [(7, 7)]


def test_two_different_files_of_one_name_are_refused(tmp_path: Path) -> None:
    """Two exports both called search.csv: a review tells its files apart by name (its
    events, the months each covers), so one would be taken for the other."""
    for folder, count in (("emis", 7), ("systmone", 3)):
        (tmp_path / folder).mkdir()
        write_search(tmp_path / folder / "search.csv", search_rows(count))
    result = check("--search", "emis/search.csv", "--search", "systmone/search.csv", cwd=tmp_path)
    assert one_error(result) == (
        "error: search.csv: two different files have this name (in emis and in systmone); "
        "the review tells its files apart by name: rename one of them, then add it again"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["review.json", "report.pdf"])
def test_an_input_a_result_would_overwrite_is_refused_before_writing(
    tmp_path: Path, name: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    write_search(out / name, search_rows(2))
    before = sorted(p.name for p in out.iterdir())
    error = one_error(check("--search", f"out/{name}", cwd=tmp_path))
    assert error.startswith(f"error: {name}: it is in the results folder with the name of a")
    assert sorted(p.name for p in out.iterdir()) == before
    assert (out / name).read_text(encoding="utf-8").startswith("NHS Number")


def test_a_review_file_saved_over_a_result_is_refused(tmp_path: Path) -> None:
    write_search(tmp_path / "s.csv", search_rows(2))
    error = one_error(check("--search", "s.csv", "--save", "out/review.xlsx", cwd=tmp_path))
    assert error.startswith("error: review.xlsx: it is in the results folder")


# ---------------------------------------------------------------- the command line's own values


def test_a_results_folder_that_is_a_file_is_bad_input(tmp_path: Path) -> None:
    write_search(tmp_path / "s.csv", search_rows(2))
    (tmp_path / "results").write_text("not a folder", encoding="utf-8")
    assert one_error(check("--search", "s.csv", cwd=tmp_path, out="results")) == (
        "error: --out results: is a file, not a folder"
    )
    assert one_error(check("--search", "s.csv", cwd=tmp_path, out="results/sub")) == (
        f"error: --out {Path('results/sub')}: is below results, which is a file, not a folder"
    )


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="needs a folder this user cannot write"
)
def test_a_results_folder_that_cannot_be_written_is_bad_input(tmp_path: Path) -> None:
    write_search(tmp_path / "s.csv", search_rows(2))
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        error = one_error(check("--search", "s.csv", cwd=tmp_path, out="locked"))
    finally:
        locked.chmod(0o700)
    assert error.startswith("error: --out locked: nothing can be written there (")


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--practice-name", "Meadowbank\r\nBcc: someone@example.invalid"),
        ("--practice-ods", "F99\n001"),
        ("--reviewer", "J. Reviewer\x0b"),
    ],
)
def test_a_line_break_in_a_name_is_bad_input(tmp_path: Path, option: str, value: str) -> None:
    write_search(tmp_path / "s.csv", search_rows(2))
    args = ["--search", "s.csv", option, value]
    if option == "--practice-ods":
        result = run("check", *args, "--out", "out", cwd=tmp_path)
    else:
        result = check(*args, cwd=tmp_path)
    assert one_error(result) == (
        f"error: {option}: give one line of plain text (it holds a line break or another "
        "control character)"
    )


@pytest.mark.parametrize(
    ("claim", "problem"),
    [
        ("pertussis_pregnant:0000-09=3", "'0000-09' is not a month"),
        ("pertussis_pregnant:2024-09=9223372036854775808", "more than a practice can claim"),
    ],
)
def test_an_impossible_claim_is_bad_input(tmp_path: Path, claim: str, problem: str) -> None:
    """Both were internal faults (year 0; 2**63 does not fit the review file)."""
    write_search(tmp_path / "s.csv", search_rows(2))
    result = check("--search", "s.csv", "--claim", claim, "--save", "r.cqrsreview", cwd=tmp_path)
    assert problem in one_error(result)
    assert not (tmp_path / "r.cqrsreview").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl+C is a console event on Windows")
def test_ctrl_c_stops_with_one_line_and_exit_130(tmp_path: Path) -> None:
    rows = search_rows(4000)
    rows[0][1] = "Pa\x0btel"  # a warning on stderr says the import is done
    write_search(tmp_path / "s.csv", rows)
    process = subprocess.Popen(
        [sys.executable, "-m", "cqrs_desktop", "check", "--practice-ods", "F99001",
         "--search", "s.csv", "--out", "out"],
        cwd=tmp_path, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert process.stderr is not None
    first = process.stderr.readline()
    assert first.startswith("warning: s.csv:"), first
    process.send_signal(signal.SIGINT)
    rest = process.stderr.read()
    assert process.wait(timeout=120) == 130
    assert rest.strip().splitlines() == ["error: stopped (Ctrl+C)"]
