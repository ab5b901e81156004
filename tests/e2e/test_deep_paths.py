"""`check --carry` and `--save` with reviews kept as practices keep them on a shared drive:
folders past Windows' old 260-character limit, with spaces and accents in their names. An
earlier review given twice is read once, however it is spelled, and nothing ends in an
error from Windows' `resolve()` ("More data available") or a traceback (decision 298).
Invented people, NHS numbers in the 999 range."""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path

import pytest

from cqrs_desktop import cli
from tests.deep_folders import LEVEL, deep_folder
from tests.e2e.test_carry_forward import PRACTICE, SEPTEMBER, _decisions, _search
from tests.support.command_line import run_command

DECIDED = [(nhs, date, "practice", "no") for nhs, date in SEPTEMBER]


def _earlier_review(folder: Path) -> Path:
    """Review A of September, all decided, saved in `folder`; its results there too."""
    (folder / "a.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    (folder / "a_decisions.csv").write_text(_decisions(DECIDED), encoding="utf-8")
    review = folder / "A.cqrsreview"
    result = run_command(
        "check", *PRACTICE, "--search", str(folder / "a.csv"),
        "--decisions", str(folder / "a_decisions.csv"),
        "--out", str(folder / "A results"), "--save", str(review), cwd=folder,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len(str(review)) > 280
    return review


def _carried(out: Path) -> list[str | None]:
    review = json.loads((out / "review.json").read_text(encoding="utf-8"))
    return [event["carried_from"] for event in review["events"]]


def test_a_deep_earlier_review_given_twice_is_read_once(tmp_path: Path) -> None:
    folder = deep_folder(tmp_path)
    review = _earlier_review(folder)
    out = folder / "B results"
    result = run_command(
        "check", *PRACTICE, "--search", str(folder / "a.csv"),
        "--carry", str(review), "--carry", str(folder / ".." / LEVEL / "A.cqrsreview"),
        "--out", str(out), "--save", str(folder / "B.cqrsreview"), cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "notice: A.cqrsreview: given twice with --carry, read once" in result.stderr
    assert "Traceback" not in result.stderr
    assert _carried(out) == ["A.cqrsreview"] * len(SEPTEMBER)
    assert (folder / "B.cqrsreview").is_file()
    assert f"saved {folder / 'B.cqrsreview'}" in result.stdout  # as given, no \\?\ before it


def test_a_deep_earlier_review_as_the_review_to_save_is_refused_plainly(tmp_path: Path) -> None:
    folder = deep_folder(tmp_path)
    review = _earlier_review(folder)
    before = review.read_bytes()
    result = run_command(
        "check", *PRACTICE, "--search", str(folder / "a.csv"), "--carry", str(review),
        "--out", str(folder / "B results"), "--save", str(folder / "." / "A.cqrsreview"),
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith("error: A.cqrsreview: already exists"), result.stderr
    assert review.read_bytes() == before


def test_a_review_saved_over_a_result_in_a_deep_folder_is_refused(tmp_path: Path) -> None:
    folder = deep_folder(tmp_path)
    (folder / "a.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    out = folder / "results"
    result = run_command(
        "check", *PRACTICE, "--search", str(folder / "a.csv"), "--out", str(out),
        "--save", str(folder / ".." / LEVEL / "results" / "review.json"), cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert "review.json: it is in the results folder with the name of a result" in (result.stderr)
    assert not out.exists()


def test_the_checks_of_one_file_never_ask_resolve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows' resolve() fails on a long path ("More data available"): the command line
    does not ask it, on any system."""
    folder = deep_folder(tmp_path)
    review = _earlier_review(folder)

    def refused(self: Path, strict: bool = False) -> Path:
        raise OSError(234, "More data available", str(self))

    monkeypatch.setattr(Path, "resolve", refused)
    monkeypatch.setattr(os.path, "realpath", lambda *a, **k: refused(Path(a[0])))
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = cli.main([
            "check", *PRACTICE, "--search", str(folder / "a.csv"),
            "--carry", str(review), "--carry", str(folder / "." / "A.cqrsreview"),
            "--out", str(folder / "B results"), "--save", str(folder / "B.cqrsreview"),
        ])  # fmt: skip
    assert code == 0, err.getvalue()
    assert "given twice with --carry, read once" in err.getvalue()
