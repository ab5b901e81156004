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
         "row 2: action_done must be yes or no"),
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
