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


def _edit_events(source: Path, target: Path, edit: Any) -> None:
    """Open the workbook, let `edit` change the Events sheet's rows (dicts by header), and
    write them back in the order it returns them, as Excel would save them."""
    import openpyxl

    book = openpyxl.load_workbook(source)
    sheet = book["Events"]
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(2, values_only=True)]
    rows = edit(rows)
    sheet.delete_rows(2, sheet.max_row)
    for row in rows:
        sheet.append([row.get(h) for h in header] + [row[h] for h in row if h not in header])
    extra = [h for h in (rows[0] if rows else {}) if h not in header]
    for offset, name in enumerate(extra, start=len(header) + 1):
        sheet.cell(1, offset, name)
    book.save(target)


def test_a_row_whose_event_id_is_another_patients_is_refused(
    first_run: Path, tmp_path: Path
) -> None:
    """A row's NHS number and date were overtyped with another vaccination's (a column
    sorted or pasted on its own), its event_id left as it was: the decision was recorded
    for the event_id's patient without a word. Now the row is refused, naming it and
    what differs, and quoting no patient's details."""
    _copy_inputs(first_run, tmp_path)
    lines = {}

    def overtype(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        first, other = rows[0], rows[3]
        lines["nhs"] = (first["NHS number"], other["NHS number"])
        first["NHS number"], first["Vaccination date"] = other["NHS number"], "12/09/2024"
        return rows

    _edit_events(first_run / "first" / "review.xlsx", tmp_path / "edited.xlsx", overtype)
    result = run(*CHECK, "--decisions", "edited.xlsx", "--out", "out", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    error = result.stderr.strip().splitlines()[-1]
    assert error.startswith("error: edited.xlsx: row 2: its event_id is a vaccination with ")
    assert "another NHS number and date than the row's" in error
    assert not any(nhs in error for nhs in lines["nhs"])
    assert not (tmp_path / "out").exists()


def test_a_workbook_edited_in_excel_gives_back_every_change(
    first_run: Path, tmp_path: Path
) -> None:
    """The Events sheet as an administrator leaves it: decisions typed in another case and
    with spaces, ticks as Excel's TRUE and "y", a date re-typed as text, NHS numbers
    turned into numbers, rows sorted by surname, one row deleted, a column added and the
    sheet renamed. Every decision typed is read, as typed."""
    _copy_inputs(first_run, tmp_path)
    typed = {  # NHS number: (decision as typed, tick, note, decision as read, done)
        "9996907368": ("  given HERE ", "n/a", "typed", "practice", False),
        "9998517818": ("OTHER PROVIDER", True, "maternity", "other_provider", True),
        "9995707047": ("Not  eligible", False, "", "not_eligible", False),
        "9996859576": ("recorded in error", "y", "error", "not_given", True),
        "9990682887": ("Unsure", None, "ask the GP", "unsure", False),
    }

    def edit(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for row in rows:
            if (nhs := row["NHS number"]) in typed:
                word, tick, note, _read, _done = typed[nhs]
                row["Decision"], row["Clinical system updated"], row["Note"] = word, tick, note
            if nhs == "9996907368":
                row["Vaccination date"] = "2/10/2024"
            row["NHS number"] = int(nhs)
            row["My tick"] = "x"
        rows = [row for row in rows if row["NHS number"] != 9994011073]
        return sorted(rows, key=lambda row: str(row["Surname"]))

    _edit_events(first_run / "first" / "review.xlsx", tmp_path / "edited.xlsx", edit)
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "edited.xlsx")
    book["Events"].title = "Checked"
    book.save(tmp_path / "edited.xlsx")

    result = run(*CHECK, "--decisions", "edited.xlsx", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "“My tick”" in result.stderr  # a column not read is said
    events = _review(tmp_path / "out")["events"]
    before = {e["id"]: e for e in _review(first_run / "first")["events"]}
    for event in events:
        nhs = event["nhs_number"]
        if nhs in typed:
            _word, _tick, note, read, done = typed[nhs]
            assert (event["decision"], event["action_done"], event["note"]) == (
                read, done, note,
            )  # fmt: skip
        elif nhs == "9994011073":
            assert event["decision"] is None  # its row was deleted
        else:
            was = before[event["id"]]
            assert (event["decision"], event["action_done"], event["note"]) == (
                was["decision"], was["action_done"], was["note"],
            )  # fmt: skip


def test_a_note_on_a_row_with_no_decision_is_not_said_to_be_nothing(
    first_run: Path, tmp_path: Path
) -> None:
    """The administrator wrote a note on a row still to check ("left a message for the
    midwife") and typed Yes for "clinical system updated" on another, without a decision
    (or the window saved a note with no decision, which the workbook shows so). The rows
    were passed over with "nothing to record": the note and tick were lost, said to be
    nothing. A decisions file records a note or a tick only with a decision (as carrying
    takes only decisions), so they are still not recorded, but the rows are named."""
    _copy_inputs(first_run, tmp_path)
    lines: list[int] = []

    def note(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        waiting = [n for n, row in enumerate(rows) if row["Decision"] == "Still to check"]
        rows[waiting[0]]["Note"] = "left a message for the midwife"
        rows[waiting[2]]["Clinical system updated"] = "Yes"
        lines.extend((waiting[0] + 2, waiting[2] + 2))  # (the header is row 1)
        return rows

    _edit_events(first_run / "first" / "review.xlsx", tmp_path / "edited.xlsx", note)
    result = run(*CHECK, "--decisions", "edited.xlsx", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    said = next(line for line in result.stderr.splitlines() if "with no decision" in line)
    assert "nothing to record" not in said
    assert f"rows {lines[0]}, {lines[1]} hold a note or a 'clinical system updated' tick" in said
    assert "NOT recorded without a decision" in said
    decided = {e["id"]: e["decision"] for e in _review(tmp_path / "out")["events"]}
    assert decided == {e["id"]: e["decision"] for e in _review(first_run / "first")["events"]}


def test_the_audit_log_says_who_imported_a_decisions_file_and_who_decided(
    first_run: Path, tmp_path: Path
) -> None:
    """The workbook given back by someone else, saved as a review: each decision's audit
    entry was by the reviewer its row names, at the time of the import, so the audit log
    said "J. Reviewer" recorded decisions in this review file when K. Importer did. Now
    the entries are by whoever ran the check (as a carried decision's are), and each
    names who made the decision, and when, as the file says."""
    import openpyxl

    _copy_inputs(first_run, tmp_path)
    shutil.copy(first_run / "first" / "review.xlsx", tmp_path / "given.xlsx")
    result = run(
        *CHECK, "--reviewer", "K. Importer", "--decisions", "given.xlsx",
        "--save", "second.cqrsreview", "--out", "out", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(tmp_path / "out" / "review.xlsx")
    header, *rows = book["Audit log"].iter_rows(values_only=True)
    entries = [dict(zip(header, row, strict=True)) for row in rows]
    imported = [e for e in entries if e["What changed"] == "Decision (decisions file)"]
    assert len(imported) == 7
    assert {e["Who"] for e in imported} == {"K. Importer"}
    decided = {e["id"]: e for e in _review(first_run / "first")["events"] if e["decision"]}
    for entry in imported:
        was = decided[entry["Event id"]]
        assert f"decided by {was['reviewer']} at {was['decided_at']}" in entry["After"]


@pytest.mark.parametrize("how", ["Events sheet deleted", "Decision column renamed"])
def test_the_workbook_without_its_decisions_is_not_called_a_search_export(
    first_run: Path, tmp_path: Path, how: str
) -> None:
    """review.xlsx with its Events sheet deleted (or its Decision header retyped) was
    refused as "a patient search export (it has no decision column)": its Audit log sheet
    passed for a search. It is named for what it is, and what to keep."""
    import openpyxl

    _copy_inputs(first_run, tmp_path)
    book = openpyxl.load_workbook(first_run / "first" / "review.xlsx")
    if how == "Events sheet deleted":
        del book["Events"]
    else:
        events = book["Events"]
        header = [cell.value for cell in events[1]]
        events.cell(1, header.index("Decision") + 1, "What we found")
    book.save(tmp_path / "edited.xlsx")
    result = run(*CHECK, "--decisions", "edited.xlsx", "--out", "out", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "error: edited.xlsx: this looks like a CQRS Desktop results workbook (or a sheet of "
        "one) with no Decision column: decisions are read from its Events sheet's Decision "
        "column, so keep that sheet and column as the check wrote them"
    )


def test_rows_hidden_in_the_workbook_given_back_are_said(first_run: Path, tmp_path: Path) -> None:
    """A filter in Excel hid rows of the Events sheet, and the workbook was given back as a
    decisions file: the hidden rows are read, as in a search, and said (decision 242), so
    no one takes the decisions on the screen for all of them."""
    import openpyxl

    _copy_inputs(first_run, tmp_path)
    book = openpyxl.load_workbook(first_run / "first" / "review.xlsx")
    book["Events"].row_dimensions[3].hidden = True
    book.save(tmp_path / "filtered.xlsx")
    result = run(*CHECK, "--decisions", "filtered.xlsx", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "filtered.xlsx" in line]
    assert any("row 3 is hidden in the workbook" in line for line in said), said
    assert not any("the search" in line for line in said), said
    decided = {e["id"]: e["decision"] for e in _review(tmp_path / "out")["events"]}
    assert decided == {e["id"]: e["decision"] for e in _review(first_run / "first")["events"]}
