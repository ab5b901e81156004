"""The --decisions CSV of the command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cqrs_desktop.domain.model import Decision
from cqrs_desktop.sources import DecisionRow, SourceError, read_decisions

from .helpers import write_csv


def test_sample_decisions(samples: Path) -> None:
    rows = read_decisions(samples / "decisions.csv")
    assert len(rows) == 7
    assert rows[1] == DecisionRow(
        row=3,
        nhs_number="9997439155",
        programme="pertussis_pregnant",
        date=dt.date(2024, 9, 5),
        decision=Decision.OTHER_PROVIDER,
        event_id=None,
        action_done=True,
        note="checked record",
        reviewer="J. Reviewer",
    )


def test_any_header_case_delimiter_encoding_and_date_form(tmp_path: Path) -> None:
    rows = [
        ["NHS_Number", "Programme", "Date", "Decision", "Event ID", "Action Done", "Note"],
        ["999 631 7064", "Pertussis", "3-Sep-2024", "Not given", "", "", ""],
        ["", "", "", "UNSURE", "ev-17", "Y", "ask the nurse"],
    ]
    path = write_csv(tmp_path / "decisions.csv", rows, delimiter=";", encoding="utf-16")
    first, second = read_decisions(path)
    assert (first.row, first.nhs_number, first.date, first.decision) == (
        2, "9996317064", dt.date(2024, 9, 3), Decision.NOT_GIVEN,
    )  # fmt: skip
    assert (first.action_done, first.note, first.reviewer, first.event_id) == (
        False, "", None, None,
    )  # fmt: skip
    assert (second.event_id, second.decision, second.action_done) == (
        "ev-17",
        Decision.UNSURE,
        True,
    )
    assert second.note == "ask the nurse"


def test_bad_decision_word_names_the_row(tmp_path: Path) -> None:
    rows = [
        ["nhs_number", "programme", "date", "decision"],
        ["9996317064", "pertussis_pregnant", "03/09/2024", "practice"],
        ["9997439155", "pertussis_pregnant", "05/09/2024", "practice"],
        ["9998063604", "pertussis_pregnant", "09/09/2024", "maybe"],
    ]
    with pytest.raises(SourceError) as caught:
        read_decisions(write_csv(tmp_path / "decisions.csv", rows))
    assert str(caught.value) == (
        "decisions.csv: row 4: the decision is not a recognised one "
        "(use practice, other_provider, not_eligible, not_given or unsure)"
    )


def test_a_bad_cell_is_not_quoted_as_it_may_be_patient_details(tmp_path: Path) -> None:
    """A shifted column puts a name and date of birth where the decision should be: the
    message names the row, never the cell."""
    rows = [
        ["nhs_number", "programme", "date", "decision"],
        ["9996317064", "pertussis_pregnant", "03/09/2024", "Tereza Jones 25/10/1994"],
    ]
    with pytest.raises(SourceError) as caught:
        read_decisions(write_csv(tmp_path / "decisions.csv", rows))
    assert "Jones" not in str(caught.value) and "row 2: the decision" in str(caught.value)


def test_a_decisions_file_without_a_programme_column_says_so(tmp_path: Path) -> None:
    rows = [
        ["nhs", "prog", "date", "decision"],
        ["9996317064", "pertussis_pregnant", "03/09/2024", "practice"],
    ]
    with pytest.raises(SourceError) as caught:
        read_decisions(write_csv(tmp_path / "decisions.csv", rows))
    assert str(caught.value) == (
        "decisions.csv: it has no programme column: each row needs an NHS number, programme "
        "and date to find its vaccination (or an event_id column)"
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["9996317064", "pertussis_pregnant", "31/02/2024", "practice", "no"], "row 2: the date"),
        (["9996317064", "pertussis_pregnant", "03/09/2024", "practice", "perhaps"],
         "row 2: “action_done” must be yes or no"),
        (["9996317064", "pertussis_pregnant", "", "practice", "no"], "row 2: give an event_id"),
        (["", "pertussis_pregnant", "03/09/2024", "", "no"], "row 2: the decision is blank"),
    ],
)  # fmt: skip
def test_bad_rows(tmp_path: Path, row: list[str], message: str) -> None:
    header = ["nhs_number", "programme", "date", "decision", "action_done"]
    with pytest.raises(SourceError, match=message):
        read_decisions(write_csv(tmp_path / "decisions.csv", [header, row]))


def test_not_a_decisions_file(samples: Path) -> None:
    with pytest.raises(
        SourceError, match=r"cqrs_figures\.csv: this looks like CQRS figures, not a decisions file"
    ):
        read_decisions(samples / "cqrs_figures.csv")


def test_a_decisions_file_with_other_headers_is_not_called_cqrs_figures(tmp_path: Path) -> None:
    """A date in a decisions row looked like a month column of wide CQRS figures."""
    rows = [
        ["nhs", "prog", "when", "what"],
        ["9996317064", "pertussis_pregnant", "05/09/2024", "practice"],
    ]
    with pytest.raises(SourceError) as raised:
        read_decisions(write_csv(tmp_path / "decisions.csv", rows))
    assert "CQRS" not in str(raised.value)
    assert "looked for columns nhs_number, programme, date and decision" in str(raised.value)


def test_a_note_with_an_unquoted_comma_is_refused_not_cut_short(tmp_path: Path) -> None:
    path = tmp_path / "decisions.csv"
    path.write_text(
        "nhs_number,programme,date,decision,action_done,note\n"
        "9996317064,pertussis_pregnant,03/09/2024,practice,no,Dr Shah, confirmed on phone\n",
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as caught:
        read_decisions(path)
    assert str(caught.value) == (
        "decisions.csv: row 2: it has more values than the header has columns (a comma "
        "inside a note? put such a value in double quotes)"
    )


def _events_sheet_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    """A decisions file saved from the workbook's Events sheet: its headers, in its order."""
    from cqrs_desktop.reports.xlsx import EVENT_COLUMNS

    headers = [header for header, _width in EVENT_COLUMNS]
    assert not {h for row in rows for h in row} - set(headers)
    return write_csv(path, [headers, *([row.get(h, "") for h in headers] for row in rows)])


def test_a_decisions_file_made_from_the_workbooks_events_sheet(tmp_path: Path) -> None:
    """Decision 115 read "Clinical system updated" as action_done, and the workbook writes
    "Not needed" there for a dose given here: the whole file was refused. Its decision words
    ("Given here" ...) are read too, and its ticks and reviewers."""
    from cqrs_desktop.domain.explain import DECISION_WORDS
    from cqrs_desktop.reports.summary import ACTION_NOT_NEEDED

    def event(nhs: str, day: str, decision: Decision, done: str, reviewer: str) -> dict[str, str]:
        return {
            "Programme": "Pertussis (pregnant women)", "Month": "Sep 2024",
            "Vaccination date": f"{day}/09/2024", "NHS number": nhs, "Surname": "Jones",
            "Decision": DECISION_WORDS[decision], "Clinical system updated": done,
            "Note": "checked", "Reviewer": reviewer, "Decided at": "04/10/2024 10:00",
            "Source file": "search.csv", "Source row": "2", "Event id": f"ev-{day}",
        }  # fmt: skip

    rows = [
        event("999 631 7064", "03", Decision.PRACTICE, ACTION_NOT_NEEDED, "S. Checker"),
        event("999 743 9155", "05", Decision.OTHER_PROVIDER, "Yes", "J. Reviewer"),
        event("999 806 3604", "09", Decision.NOT_ELIGIBLE, "No", ""),
        event("999 068 2887", "10", Decision.NOT_GIVEN, "Yes (seen in the export)", "J. Reviewer"),
        event("999 631 7064", "11", Decision.UNSURE, "", "S. Checker"),
        event("999 743 9155", "12", Decision.PRACTICE, "\u2014", "S. Checker"),
        event("999 806 3604", "13", Decision.PRACTICE, "n/a", "S. Checker"),
        event("999 068 2887", "16", Decision.PRACTICE, "-", "S. Checker"),
    ]
    read = read_decisions(_events_sheet_csv(tmp_path / "review events.csv", rows))
    assert [(r.row, r.event_id, r.decision, r.action_done, r.reviewer) for r in read] == [
        (2, "ev-03", Decision.PRACTICE, False, "S. Checker"),
        (3, "ev-05", Decision.OTHER_PROVIDER, True, "J. Reviewer"),
        (4, "ev-09", Decision.NOT_ELIGIBLE, False, None),
        (5, "ev-10", Decision.NOT_GIVEN, True, "J. Reviewer"),
        (6, "ev-11", Decision.UNSURE, False, "S. Checker"),
        (7, "ev-12", Decision.PRACTICE, False, "S. Checker"),
        (8, "ev-13", Decision.PRACTICE, False, "S. Checker"),
        (9, "ev-16", Decision.PRACTICE, False, "S. Checker"),
    ]
    first = read[0]
    assert (first.nhs_number, first.programme, first.date, first.note) == (
        "9996317064", "Pertussis (pregnant women)", dt.date(2024, 9, 3), "checked",
    )  # fmt: skip
    assert "Decided at" not in read.unused and "Clinical system updated" not in read.unused
    # when each was decided is kept (the import's time would put the decision, and the
    # declaration note's "checked on", a month late)
    assert {r.decided_at for r in read} == {
        dt.datetime(2024, 10, 4, 10, 0).astimezone().isoformat(timespec="seconds")
    }


@pytest.mark.parametrize(
    ("text", "when"),
    [("06/11/2026 10:15", (2026, 11, 6, 10, 15, 0)),
     ("2026-11-06 10:15:30", (2026, 11, 6, 10, 15, 30)),
     ("6 Nov 2026 3.05 pm", (2026, 11, 6, 15, 5, 0)), ("06/11/2026", (2026, 11, 6, 0, 0, 0)),
     ("not a time", None), ("06/11/2026 25:00", None), ("01/01/1900 10:00", None),
     ("01/01/2099 10:00", None)],
)  # fmt: skip
def test_when_a_decision_was_made_is_read(text: str, when: tuple[int, ...] | None) -> None:
    from cqrs_desktop.sources.decisions import parse_decided_at

    expected = dt.datetime(*when).astimezone().isoformat(timespec="seconds") if when else None
    assert parse_decided_at(text) == expected


def test_a_decided_at_that_is_no_date_is_refused_naming_the_row(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(
        "nhs_number,programme,date,decision,decided at\n"
        "9996317064,pertussis_pregnant,03/09/2024,practice,soon\n",
        encoding="utf-8",
    )
    with pytest.raises(SourceError, match="row 2: “decided at” is not a date and time"):
        read_decisions(path)
    for when, said in (("01/01/2099 10:00", "is in the future"), ("01/01/1999", "is before 2000")):
        path.write_text(
            "nhs_number,programme,date,decision,decided at\n"
            f"9996317064,pertussis_pregnant,03/09/2024,practice,{when}\n",
            encoding="utf-8",
        )
        with pytest.raises(SourceError, match=f"row 2: “decided at” {said}"):
            read_decisions(path)


@pytest.mark.parametrize(
    "word",
    ["Given here", "GIVEN HERE", " given  here ", "Other provider", "other-provider",
     "Not eligible", "NOT ELIGIBLE", "Not given", "not  given", "Unsure", "UNSURE"],
)  # fmt: skip
def test_the_apps_own_decision_words(tmp_path: Path, word: str) -> None:
    from cqrs_desktop.domain.explain import DECISION_WORDS

    rows = [["Event id", "Decision"], ["ev-1", word]]
    (row,) = read_decisions(write_csv(tmp_path / "decisions.csv", rows))
    assert DECISION_WORDS[row.decision] == " ".join(word.replace("-", " ").split()).capitalize()


def test_a_bad_tick_is_named_by_the_files_own_header(tmp_path: Path) -> None:
    rows = [
        {"Vaccination date": "03/09/2024", "NHS number": "9996317064", "Decision": "Given here",
         "Clinical system updated": "Not needed", "Programme": "Pertussis (pregnant women)"},
        {"Vaccination date": "05/09/2024", "NHS number": "9997439155", "Decision": "Other provider",
         "Clinical system updated": "perhaps", "Programme": "Pertussis (pregnant women)"},
    ]  # fmt: skip
    with pytest.raises(SourceError) as caught:
        read_decisions(_events_sheet_csv(tmp_path / "decisions.csv", rows))
    assert str(caught.value) == (
        "decisions.csv: row 3: “Clinical system updated” must be yes or no (or blank, n/a or "
        "not needed)"
    )
    assert "action_done" not in str(caught.value)


def test_rows_with_no_decision_from_the_workbook_are_passed_over_and_counted(
    tmp_path: Path,
) -> None:
    """The whole Events sheet saved as CSV holds events with no decision ("Still to check",
    "No check needed"): they record nothing, so they are passed over, and counted (they
    stopped the file at the first one)."""
    rows = [
        ["NHS number", "Programme", "Date", "Decision"],
        ["999 631 7064", "Pertussis", "03/09/2024", "Given here"],
        ["999 631 7064", "Pertussis", "04/09/2024", "Still to check"],
        ["999 743 9155", "Pertussis", "05/09/2024", "No check needed"],
    ]
    found = read_decisions(write_csv(tmp_path / "decisions.csv", rows))
    assert [(r.row, r.decision) for r in found] == [(2, Decision.PRACTICE)]
    assert found.undecided == 2
