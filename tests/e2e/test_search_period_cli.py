"""A search whose preamble says it ran to a day inside the last month it is taken to
cover, through the real command line. Invented people, 999 numbers."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.test_cli import run
from tests.e2e.test_spec_v2 import PERTUSSIS, PRACTICE, _numbers, check, search_csv

PREAMBLE = "Pertussis vaccinations\nSearch period: 01/09/2024 to 15/10/2024\nPopulation count 2\n\n"
SAID = (
    "the file says its search ran to 15/10/2024 (“Search period: 01/09/2024 to 15/10/2024”), "
    "so October 2024 was searched only in part: its claims will be checked against part of "
    "the month; run the search again to cover the whole month before checking that "
    "month's claims"
)


def _files() -> dict[str, str]:
    nhs = _numbers(2)
    rows = [
        (nhs[0], "01/01/1990", "05/09/2024", PERTUSSIS),
        (nhs[1], "01/01/1991", "10/10/2024", PERTUSSIS),
    ]
    return {"search.csv": PREAMBLE + search_csv(rows)}


def test_a_search_period_ending_mid_month_is_said(tmp_path: Path) -> None:
    claim = ["--claim", "pertussis_pregnant:2024-10=6"]
    review, _email = check(tmp_path, _files(), "--search", "search.csv", *claim)
    assert review is not None
    (source,) = review["sources"]
    assert SAID in source["warnings"]
    # coverage is as SPEC 3 has it: only said, never changed
    assert source["covers"] == {"pertussis_pregnant": ["2024-09", "2024-10"]}
    result = run("check", *PRACTICE, "--search", "search.csv", *claim, "--out", "again",
                 cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert SAID in result.stderr


def test_nothing_said_when_the_months_are_stated(tmp_path: Path) -> None:
    review, _email = check(
        tmp_path, _files(), "--search", "search.csv@2024-09..2024-10",
        "--claim", "pertussis_pregnant:2024-10=6",
    )  # fmt: skip
    assert review is not None
    assert not any("searched only in part" in w for w in review["sources"][0]["warnings"])


def test_a_claim_to_amend_in_a_month_searched_only_in_part_is_not_asked_to_be_amended(
    tmp_path: Path,
) -> None:
    """October was searched to the 15th only, as the file says: the email and the note may
    not ask to amend October's claim as if the whole month had been searched (decision
    137 said which days, but still asked to amend "from 6 to 1", lowering the claim for
    days nobody searched). Now the claim is still being checked: the email says which days
    were searched, what was found in them, and that the claim is neither confirmed nor
    amended until the whole month is; no note is written yet (decision 163). The saved
    review says the same when exported again."""
    files = _files()
    nhs = _numbers(2)
    files["decisions.csv"] = (
        "nhs_number,programme,date,decision,action_done,note,reviewer\n"
        f"{nhs[1]},pertussis_pregnant,2024-10-10,practice,no,,A. Reviewer\n"
    )
    review, email = check(
        tmp_path, files, "--search", "search.csv", "--decisions", "decisions.csv",
        "--claim", "pertussis_pregnant:2024-10=6", "--save", "r.cqrsreview",
    )  # fmt: skip
    assert review is not None
    (item,) = [i for i in review["items"] if i["month"] == "2024-10"]
    assert item["status"] == "amend"  # (SPEC 3's coverage and status: said, not changed)
    (line,) = [x for x in email.splitlines() if "October 2024" in x and x.startswith("- ")]
    assert "amended from" not in email and "Please amend" not in email
    assert email.index("Still being checked") < email.index(line)
    assert line.startswith(
        "- Pertussis (pregnant women), October 2024: 6 claimed; not yet confirmed or amended: "
        "our search covered only 01/10/2024 to 15/10/2024 of October 2024 (as its file "
        "states), so vaccinations given on other days were not searched, and we will confirm "
        "or amend this claim when the whole month has been searched; in the days searched, "
    )
    assert line.endswith(": 1 given by this practice")
    notes = (tmp_path / "out" / "declaration_notes.txt").read_text(encoding="utf-8")
    assert "should be amended" not in notes
    assert (
        "No note yet: the practice search covered only 01/10/2024 to 15/10/2024 of October "
        "2024 (as its file states), so vaccinations given on other days were not searched: "
        "the claim can be neither confirmed nor amended. The note is written when the whole "
        "month has been searched."
    ) in notes
    result = run("export", "r.cqrsreview", "--out", "again", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "again" / "email.txt").read_text(encoding="utf-8") == email
    # the months stated (the practice's word that it searched them whole): nothing said
    _, stated = check(
        tmp_path, files, "--search", "search.csv@2024-09..2024-10",
        "--decisions", "decisions.csv", "--claim", "pertussis_pregnant:2024-10=6",
    )  # fmt: skip
    assert "counting only" not in stated and "to be amended from 6 to 1" in stated


def test_a_search_with_no_rows_says_the_period_its_preamble_states(tmp_path: Path) -> None:
    """A search that found no one, its preamble naming the months searched: October's
    claim is not checked (the file has no dates to cover it by), and stderr says the
    period the file states and how to make those months covered (decision 258)."""
    files = {"search.csv": "Search period: 01/09/2024 to 31/10/2024\n\n" + search_csv([])}
    claim = ["--claim", "pertussis_pregnant:2024-10=3"]
    review, _email = check(tmp_path, files, "--search", "pertussis_pregnant=search.csv", *claim)
    assert review is not None
    (item,) = review["items"]
    assert item["status"] == "not_checked"
    said = (
        "search.csv: the file says its search ran from 01/09/2024 to 31/10/2024 (“Search "
        "period: 01/09/2024 to 31/10/2024”), but it holds no vaccinations, so it covers no "
        "month until you say which months it searched: if it searched all of September 2024 "
        "to October 2024, choose those months for the file (FILE@2024-09..2024-10 on the "
        "command line), and their claims are checked as none found"
    )
    result = run("check", *PRACTICE, "--search", "pertussis_pregnant=search.csv", *claim,
                 "--out", "again", cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert said in result.stderr
