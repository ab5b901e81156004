"""The round trip a practice makes: the review.xlsx a check writes, edited in Excel as an
administrator would, given back with --decisions. Every change is read, or the file is
refused naming what cannot be read; nothing is lost without a word."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from .test_cli import run

CHECK = (
    "check", "--practice-ods", "F99001", "--practice-name", "Riverside Medical Centre",
    "--search", "emis_pertussis_search.csv", "--search", "systmone_rsv_search.csv",
    "--cqrs", "cqrs_figures.csv",
)  # fmt: skip


@pytest.fixture(scope="module")
def first_run(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples checked with their decisions file: the folder of inputs and results."""
    work = tmp_path_factory.mktemp("round_trip")
    for path in samples.iterdir():
        shutil.copy(path, work / path.name)
    result = run(*CHECK, "--decisions", "decisions.csv", "--out", "first", cwd=work)
    assert result.returncode == 0, result.stderr
    return work


def _copy_inputs(first_run: Path, tmp_path: Path) -> None:
    for path in first_run.iterdir():
        if path.is_file():
            shutil.copy(path, tmp_path / path.name)


def _review(folder: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((folder / "review.json").read_text(encoding="utf-8"))
    return loaded


def test_decisions_on_a_second_sheet_are_not_lost_without_a_word(
    first_run: Path, tmp_path: Path
) -> None:
    """The administrator copied the rows still to check onto a sheet of their own and
    typed the decisions there, leaving the Events sheet (with the decisions already made)
    as it was. One sheet was read without a word: with the new sheet first, the seven
    decisions on Events were lost; with it last, the ten typed on it. Now the file is
    refused, naming both sheets, and nothing is written."""
    import openpyxl

    _copy_inputs(first_run, tmp_path)
    for first in (True, False):
        book = openpyxl.load_workbook(first_run / "first" / "review.xlsx")
        events = book["Events"]
        rows = [list(row) for row in events.iter_rows(values_only=True)]
        decision = rows[0].index("Decision")
        typed = book.create_sheet("To check", 0 if first else None)
        typed.append(rows[0])
        for row in rows[1:]:
            if row[decision] == "Still to check":
                typed.append([*row[:decision], "Given here", *row[decision + 1 :]])
        book.save(tmp_path / "edited.xlsx")

        out = tmp_path / f"out {first}"
        result = run(*CHECK, "--decisions", "edited.xlsx", "--out", str(out), cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        error = result.stderr.strip().splitlines()[-1]
        assert error.startswith("error: edited.xlsx: sheets ")
        assert "'Events'" in error and "'To check'" in error
        assert "put every decision on one sheet" in error
        assert not out.exists()


def test_an_empty_copy_of_the_events_sheet_is_no_second_sheet_of_decisions(
    first_run: Path, tmp_path: Path
) -> None:
    """A sheet with the Events sheet's header and no rows (a template kept for next month)
    holds no decision to lose: the workbook is read as before."""
    import openpyxl

    _copy_inputs(first_run, tmp_path)
    book = openpyxl.load_workbook(first_run / "first" / "review.xlsx")
    header = [cell.value for cell in book["Events"][1]]
    book.create_sheet("Next month").append(header)
    book.save(tmp_path / "edited.xlsx")
    result = run(*CHECK, "--decisions", "edited.xlsx", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    decided = {e["id"]: e["decision"] for e in _review(tmp_path / "out")["events"]}
    wanted = {e["id"]: e["decision"] for e in _review(first_run / "first")["events"]}
    assert decided == wanted
