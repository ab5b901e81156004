"""More of a search export's preamble read for the days it searched (decision 147): a date
criterion ("Date of event after 14/09/2024", "on or before"), "Results as at", a period
"to today" with the run date stated, a range joined by an arrow. Real files, read through
session.import_inputs and the real command line. Invented people, 999 numbers."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from cqrs_desktop import session
from cqrs_desktop.domain.model import Practice, SourceSummary
from cqrs_desktop.domain.rules import Rules
from tests.e2e.test_cli import run
from tests.e2e.test_spec_v2 import PERTUSSIS, _numbers, check, search_csv
from tests.e2e.test_spec_v2 import PRACTICE as CLI_PRACTICE

PRACTICE = Practice("F99001", "Riverside Medical Centre", "Sam Reviewer")


def _search(preamble: str, dates: tuple[str, ...] = ("20/09/2024", "10/10/2024")) -> str:
    nhs = _numbers(len(dates))
    rows = [(n, "01/01/1990", date, PERTUSSIS) for n, date in zip(nhs, dates, strict=True)]
    return preamble + search_csv(rows)


def _imported(tmp_path: Path, rules: Rules, text: str, name: str = "search.csv") -> SourceSummary:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    imported = session.import_inputs(PRACTICE, [session.SearchFile(path)], [], [], rules)
    (source,) = imported.inputs.sources
    return source


def _period(source: SourceSummary) -> list[str]:
    return [w for w in source.warnings if w.startswith("the file says its search")]


@pytest.mark.parametrize(
    ("preamble", "said", "searched"),
    [
        # a criterion on the date of the vaccination: "after" leaves the day out
        ("Date of event after 14/09/2024\n", "ran from 15/09/2024", ("2024-09-15", None)),
        ("Date of event on or after 14/09/2024\n", "ran from 14/09/2024", ("2024-09-14", None)),
        ("Date of event before 16/10/2024\n", "ran to 15/10/2024", (None, "2024-10-15")),
        ("Date of event on or before 15/10/2024\n", "ran to 15/10/2024", (None, "2024-10-15")),
        ("Vaccinations after 14/09/2024 and before 16/10/2024\n", "ran from 15/09/2024",
         ("2024-09-15", "2024-10-15")),
        ("Results as at 15/10/2024\n", "gave its results as at 15/10/2024", (None, "2024-10-15")),
        ("Search period: 01/09/2024 → 15/10/2024\n", "ran to 15/10/2024", (None, "2024-10-15")),
        ("Search period: 01/09/2024 -> 15/10/2024\n", "ran to 15/10/2024", (None, "2024-10-15")),
        # "to today" ends on the run date the file states
        ("Search period: 14/09/2024 to today\nRun date: 15/10/2024\n", "ran from 14/09/2024",
         ("2024-09-14", "2024-10-15")),
        # ">" and "<" leave the day out, as "after" and "before" (decision 161)
        ("Effective date > 01/09/2024 and < 16/10/2024\n", "ran from 02/09/2024",
         ("2024-09-02", "2024-10-15")),
        ("Date of event < 16/10/2024\n", "ran to 15/10/2024", (None, "2024-10-15")),
        ("Date of event > 14/09/2024\n", "ran from 15/09/2024", ("2024-09-15", None)),
        ("Vaccinations up to and including 15/10/2024\n", "ran to 15/10/2024",
         (None, "2024-10-15")),
    ],
)  # fmt: skip
def test_more_preamble_lines_are_read(
    tmp_path: Path, rules: Rules, preamble: str, said: str, searched: tuple[str | None, ...]
) -> None:
    source = _imported(tmp_path, rules, _search(preamble))
    assert any(w.startswith(f"the file says its search {said} (“") for w in _period(source))
    assert (source.searched_from, source.searched_to) == searched


@pytest.mark.parametrize(
    "preamble",
    [
        "Date of event after 31/08/2024 and before 01/11/2024\n",  # whole months
        "Date of event on or after 01/09/2024\n",
        "Date of event > 31/08/2024 and < 01/11/2024\n",
        "Date of birth > 14/09/1990\n",
        "Date of birth after 14/09/1990\n",  # about patients
        "Date of birth before 01/01/2000 and after 14/09/1990\n",
        "Patients registered after 14/09/2024\n",
        "Registration date after 01/01/2020 and before 16/10/2024\n",
        "Estimated delivery date after 14/09/2024\n",
    ],
)
def test_whole_months_and_patients_dates_are_not_taken_as_part_months(
    tmp_path: Path, rules: Rules, preamble: str
) -> None:
    source = _imported(tmp_path, rules, _search(preamble))
    assert _period(source) == []
    assert (source.searched_from, source.searched_to) == (None, None)


def test_a_search_after_a_day_counts_only_the_days_after_it_in_the_email(tmp_path: Path) -> None:
    """A search of vaccinations "after 14/09/2024" did not look at 1-14 September: the email
    may not ask to amend September's claim as if it had."""
    nhs = _numbers(2)
    files = {
        "search.csv": _search("Pertussis\nDate of event after 14/09/2024\n\n"),
        "decisions.csv": "nhs_number,programme,date,decision,action_done,note,reviewer\n"
        f"{nhs[0]},pertussis_pregnant,2024-09-20,practice,no,,A. Reviewer\n",
    }
    review, email = check(
        tmp_path, files, "--search", "search.csv", "--decisions", "decisions.csv",
        "--claim", "pertussis_pregnant:2024-09=5",
    )  # fmt: skip
    assert review is not None
    (source,) = review["sources"]
    assert any("ran from 15/09/2024" in w for w in source["warnings"])
    (line,) = [x for x in email.splitlines() if "September 2024" in x and x.startswith("- ")]
    assert "our search covered only 15/09/2024 to 30/09/2024 of September 2024" in line
    assert "amended from" not in line  # (decision 163)


UNREAD = (
    "so the app could not tell from it which days the search covered: check the search "
    "covered every day of September 2024 to October 2024, and if it did not, run it again "
    "to cover whole months"
)


@pytest.mark.parametrize(
    ("preamble", "number", "why"),
    [
        ("Pertussis\nPopulation date 15/10/2024\n", 2, "is not plainly"),
        ("Vaccinations up to 15/10/2024\n", 1, "is not plainly"),
        ("Vaccinations until 15/10/2024\n", 1, "is not plainly"),
        ("Search period: 09/01/2024 to 09/30/2024\n", 1, "is not plainly"),  # month first
        ("Search period: 15/10/2024 to 01/09/2024\n", 1, "is not plainly"),  # backwards
        ("Pertussis search 15/10/2024\n", 1, "is not plainly"),
        ("A\nB\nSearch period: 14/09/2024 to today\n", 3,
         "names a period to “today”, and the file states no run date"),
        ("Search period: 01/09/2024 to 05/10/2024\n", 1, "own vaccinations go past"),
        ("Date of event after 25/09/2024\n", 1, "own vaccinations go past"),
        ("Run on 15/10/2024\nDate of event in the last 3 months\n", 2,
         "names a period counted back from the day the search was run"),
        ("Vaccinations given in the past 8 weeks\n", 1, "counted back"),
    ],
)  # fmt: skip
def test_a_line_naming_dates_not_read_is_said_with_its_number(
    tmp_path: Path, rules: Rules, preamble: str, number: int, why: str
) -> None:
    source = _imported(tmp_path, rules, _search(preamble))
    line = preamble.splitlines()[number - 1]
    (said,) = [w for w in source.warnings if w.startswith(f"line {number} (“{line}”)")]
    assert why in said
    assert said.endswith(UNREAD)


@pytest.mark.parametrize(
    "preamble",
    [
        "Search period: 01/09/2024 to 31/10/2024\nRun on 02-Nov-2024 09:14\n",  # read
        "Search period: 01/09/2024 to today\nRun date: 16/10/2024\n",
        "Date of birth before 01/01/2000 and after 01/01/1990\n",  # about patients
        "Patients registered from 14/09/2024 to 15/10/2024\n",
        "Registration date after 01/01/2020 and before 16/10/2024\n",
        "Report created 01/01/2020\n",  # cuts none of the months, however read
        "Population count 1,234\n",
        "Patients registered in the last 3 months\n",  # about patients
    ],
)
def test_no_word_on_lines_read_or_about_patients(
    tmp_path: Path, rules: Rules, preamble: str
) -> None:
    source = _imported(tmp_path, rules, _search(preamble))
    assert not any("could not tell" in w for w in source.warnings)


def test_a_workbook_row_is_named_as_a_row(tmp_path: Path, rules: Rules) -> None:
    import openpyxl

    nhs = _numbers(2)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Pertussis"])
    sheet.append(["Results up to", "15/10/2024"])
    sheet.append([])
    sheet.append(["NHS Number", "Surname", "Forename", "Date of Birth", "Sex", "Date", "Code"])
    for n, date in zip(nhs, ("20/09/2024", "10/10/2024"), strict=True):
        sheet.append([n, "Testperson", "Alice", "01/01/1990", "F", date, PERTUSSIS])
    book.save(tmp_path / "search.xlsx")
    book.close()
    imported = session.import_inputs(
        PRACTICE, [session.SearchFile(tmp_path / "search.xlsx")], [], [], rules
    )
    (source,) = imported.inputs.sources
    assert any(w.startswith("row 2 (“Results up to 15/10/2024”)") for w in source.warnings)


def test_the_command_line_names_the_file_and_line_and_stated_months_answer_it(
    tmp_path: Path,
) -> None:
    files = {"search.csv": _search("Pertussis vaccinations\nPopulation date 15/10/2024\n\n")}
    review, _email = check(tmp_path, files, "--search", "search.csv")
    assert review is not None
    said = (
        "line 2 (“Population date 15/10/2024”) names a date that is not plainly a period "
        f"searched or a run date, {UNREAD}"
    )
    assert said in review["sources"][0]["warnings"]
    result = run("check", *CLI_PRACTICE, "--search", "search.csv", "--out", "again", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"warning: search.csv: {said}" in result.stderr
    # months stated: the practice's word that it searched them whole
    review, _email = check(tmp_path, files, "--search", "search.csv@2024-09..2024-10")
    assert review is not None
    assert not any("could not tell" in w for w in review["sources"][0]["warnings"])


def test_months_stated_after_import_take_the_word_away(tmp_path: Path, rules: Rules) -> None:
    """Months stated on the Files page are the practice's word that its search covered
    them whole: the line's warning goes, as a stated period's does."""
    from cqrs_desktop.domain.coverage import with_span_warnings

    path = tmp_path / "search.csv"
    path.write_text(_search("Population date 15/10/2024\n"), encoding="utf-8")
    imported = session.import_inputs(PRACTICE, [session.SearchFile(path)], [], [], rules)
    (source,) = imported.inputs.sources
    assert any("could not tell" in w for w in source.warnings)
    stated = with_span_warnings(
        dataclasses.replace(source, span=("2024-09", "2024-10")),
        imported.inputs.rows,
        lambda p: rules.programme(p).display_name,
    )
    assert not any("could not tell" in w for w in stated.warnings)
