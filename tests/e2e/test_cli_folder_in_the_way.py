"""A folder in the results folder with a result's name, through the real command line: the
run is refused with one line naming it, and nothing is written, moved or hidden (it was
renamed to ".review.json.XXXX.old" and left there for good, and the run said it had
written everything)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cqrs_desktop.exporting import OUTPUT_NAMES
from tests.e2e.test_cli import run
from tests.support.searches import write_search

CHECK = ["check", "--practice-ods", "F99001", "--search", "search.csv", "--claim",
         "pertussis_pregnant:2024-09=4"]  # fmt: skip


def _tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def _refused(result, name: str, out: str) -> None:  # type: ignore[no-untyped-def]
    assert result.returncode == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    said = f"error: {name} in {out}: a folder of that name is in the way; move or rename it"
    assert errors == [said]
    assert "Traceback" not in result.stderr
    assert "wrote" not in result.stdout


@pytest.mark.parametrize("name", ["review.json", "report.pdf"])
def test_check_refuses_a_folder_named_like_a_result(tmp_path: Path, name: str) -> None:
    write_search(tmp_path / "search.csv", 4)
    out = tmp_path / "out"
    (out / name).mkdir(parents=True)
    (out / name / "mine.txt").write_text("the user's own file")

    result = run(*CHECK, "--out", "out", cwd=tmp_path)

    _refused(result, name, "out")
    assert _tree(out) == [name, f"{name}/mine.txt"], "nothing written, nothing moved aside"


def test_export_refuses_a_folder_named_like_a_result_and_keeps_the_results_there(
    tmp_path: Path,
) -> None:
    write_search(tmp_path / "search.csv", 4)
    made = run(*CHECK, "--save", "r.cqrsreview", "--out", "out", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    out = tmp_path / "out"
    (out / "email.eml").unlink()
    (out / "email.eml").mkdir()
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert set(before) == set(OUTPUT_NAMES) - {"email.eml"}

    result = run("export", "r.cqrsreview", "--out", "out", cwd=tmp_path)

    _refused(result, "email.eml", "out")
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUT_NAMES), "nothing hidden"


def test_check_with_save_refuses_before_the_review_file_is_made(tmp_path: Path) -> None:
    write_search(tmp_path / "search.csv", 4)
    (tmp_path / "out" / "email.eml").mkdir(parents=True)
    result = run(*CHECK, "--save", "r.cqrsreview", "--out", "out", cwd=tmp_path)
    _refused(result, "email.eml", "out")
    assert not (tmp_path / "r.cqrsreview").exists()
