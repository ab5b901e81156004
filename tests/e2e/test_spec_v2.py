"""Each rule SPEC version 2 added, at its edges, through the real command line.

Search coverage (inferred and `FILE@YYYY-MM..YYYY-MM`), school age, duplicate windows per
programme, the words GMS and Non-GMS, and CQRS item status. Invented people, 999 numbers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_cli import run
from tests.reports.reports_factory import nhs_numbers

PRACTICE = ["--practice-ods", "F99001", "--practice-name", "Riverside Medical Centre"]
HEADER = "NHS Number,Surname,Forename,Date of Birth,Sex,Date,Code,Organisation"
PERTUSSIS = "956951000000104"
PERTUSSIS_ELSEWHERE = "956971000000108"
HPV = "428741008"
MENACWY = "871873006"
HEPB = "170370000"


def _numbers(count: int, start: int = 0) -> list[str]:
    numbers = nhs_numbers(start)
    return [next(numbers) for _ in range(count)]


def search_csv(rows: list[tuple[str, str, str, str]], header: str = HEADER) -> str:
    """rows: (nhs number, date of birth, date, code); organisation the practice's."""
    lines = [header]
    for i, (nhs, dob, date, code) in enumerate(rows):
        lines.append(f"{nhs},Testperson,Alice{i},{dob},F,{date},{code},F99001")
    return "\n".join(lines) + "\n"


def check(
    tmp_path: Path, files: dict[str, str], *args: str, expect: int = 0
) -> tuple[dict[str, Any] | None, str]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run("check", *PRACTICE, *args, "--out", "out", cwd=tmp_path)
    assert result.returncode == expect, result.stderr
    if expect != 0:
        return None, result.stderr
    review = json.loads((tmp_path / "out" / "review.json").read_text(encoding="utf-8"))
    return review, (tmp_path / "out" / "email.txt").read_text(encoding="utf-8")


def items(review: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(i["programme"], i["month"]): i for i in review["items"]}


# ---------------------------------------------------------------- coverage


def test_claims_outside_the_searched_months_are_not_checked(tmp_path: Path) -> None:
    nhs = _numbers(3)
    rows = [
        (nhs[0], "01/01/1990", "05/09/2024", PERTUSSIS),
        (nhs[1], "01/01/1991", "05/11/2024", PERTUSSIS),
        # a marker alone in December covers nothing
        (nhs[2], "01/01/1992", "03/12/2024", PERTUSSIS_ELSEWHERE),
    ]
    review, email = check(
        tmp_path,
        {"search.csv": search_csv(rows)},
        "--search",
        "search.csv",
        "--claim",
        "pertussis_pregnant:2024-10=2",  # inside the span, none found: amend to 0
        "--claim",
        "pertussis_pregnant:2024-12=6",  # after the last vaccination: not covered
        "--claim",
        "pertussis_pregnant:2025-01=6",
        "--claim",
        "hpv:2024-09=5",  # no HPV search at all
    )
    assert review is not None
    assert review["sources"][0]["covers"] == {"pertussis_pregnant": ["2024-09", "2024-11"]}
    # October is covered by the rule, though nothing in the file shows it was searched: said
    (gap,) = [w for w in review["sources"][0]["warnings"] if w.startswith("no ")]
    assert gap.startswith(
        "no Pertussis (pregnant women) vaccinations in October 2024, months between its "
        "earliest and latest: they are taken as searched, with none found"
    )
    found = items(review)
    october = found[("pertussis_pregnant", "2024-10")]
    assert (october["covered"], october["status"], october["corrected"]) == (True, "amend", 0)
    assert october["reasons"] == ["affected_period", "count_mismatch"]
    for key in [
        ("pertussis_pregnant", "2024-12"),
        ("pertussis_pregnant", "2025-01"),
        ("hpv", "2024-09"),
    ]:
        item = found[key]
        assert (item["covered"], item["status"], item["corrected"]) == (False, "not_checked", None)
        assert item["value_difference"] is None
        assert "count_mismatch" not in item["reasons"]
    # Never "amend to 0" for want of a search; said plainly instead.
    assert "from 6 to 0" not in email and "from 5 to 0" not in email
    assert "our search did not cover December 2024" in email
    assert "our search did not cover January 2025" in email
    assert "our search did not cover September 2024" in email  # HPV
    assert "found none of the 2 vaccinations claimed" in email
    # what is known of October: the search held doses before and after it, no more (decision
    # 124); stated, it covered October
    assert (
        "our search of the patient records, which held vaccinations from before and after "
        "October 2024, found none of the 2 vaccinations claimed" in email
    )
    review, email = check(
        tmp_path,
        {},
        "--search",
        "search.csv@2024-09..2024-11",
        "--claim",
        "pertussis_pregnant:2024-10=5",
    )
    assert "our search of the patient records, which covered October 2024, found none" in email
    notes = (tmp_path / "out" / "declaration_notes.txt").read_text(encoding="utf-8")
    assert "The practice search of the patient records for October 2024 found none" in notes
    check(tmp_path, {}, "--search", "search.csv", "--claim", "pertussis_pregnant:2024-10=5")
    notes = (tmp_path / "out" / "declaration_notes.txt").read_text(encoding="utf-8")
    assert (
        "The practice search of the patient records, which held vaccinations from before and "
        "after October 2024, found none of the 5 vaccinations claimed for that month." in notes
    )


def test_a_mistyped_year_does_not_stretch_the_months_searched(tmp_path: Path) -> None:
    """One vaccination dated 2204 (or before its patient was born) made every month to it
    "covered", and the email asked for claims the search never looked at to go to 0."""
    nhs = _numbers(3)
    rows = [
        (nhs[0], "01/01/1990", "05/09/2024", PERTUSSIS),
        (nhs[1], "01/01/1990", "07/09/2204", PERTUSSIS),
        (nhs[2], "01/01/1990", "07/09/1924", PERTUSSIS),
    ]
    review, email = check(
        tmp_path,
        {"search.csv": search_csv(rows)},
        "--search", "search.csv",
        "--claim", "pertussis_pregnant:2024-09=3",
        "--claim", "pertussis_pregnant:2024-10=6",
    )  # fmt: skip
    assert review is not None
    assert review["sources"][0]["covers"] == {"pertussis_pregnant": ["2024-09", "2024-09"]}
    assert [u["row"] for u in review["unassigned_rows"]] == [3, 4]
    assert "from 6 to 0" not in email
    assert "our search did not cover October 2024" in email


def test_stated_spans_cover_their_months_and_a_gap_between_them_is_not_covered(
    tmp_path: Path,
) -> None:
    nhs = _numbers(2)
    september = search_csv([(nhs[0], "01/01/1990", "05/09/2024", PERTUSSIS)])
    december = search_csv([(nhs[1], "01/01/1990", "05/12/2024", PERTUSSIS)])
    review, _ = check(
        tmp_path,
        {"sep.csv": september, "dec.csv": december, "hpv.csv": HEADER + "\n"},
        "--search",
        "sep.csv@2024-08..2024-10",
        "--search",
        "dec.csv@2024-12..2024-12",
        "--search",
        "hpv=hpv.csv@2024-09..2024-09",  # a programme given, no rows: covers that span
        "--claim",
        "pertussis_pregnant:2024-08=1",
        "--claim",
        "pertussis_pregnant:2024-11=1",
        "--claim",
        "hpv:2024-09=2",
        "--claim",
        "hpv:2024-10=2",
    )
    assert review is not None
    by_file = {s["file"]: s["covers"] for s in review["sources"]}
    assert by_file == {
        "sep.csv": {"pertussis_pregnant": ["2024-08", "2024-10"]},
        "dec.csv": {"pertussis_pregnant": ["2024-12", "2024-12"]},
        "hpv.csv": {"hpv": ["2024-09", "2024-09"]},
    }
    found = items(review)
    assert found[("pertussis_pregnant", "2024-08")]["status"] == "amend"  # covered, none found
    assert found[("pertussis_pregnant", "2024-11")]["status"] == "not_checked"  # the gap
    assert found[("hpv", "2024-09")]["status"] == "amend"
    assert found[("hpv", "2024-10")]["status"] == "not_checked"


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("search.csv@2024-10..2024-11", "outside the months it is said to cover"),
        ("search.csv@2024-11..2024-09", "run backwards"),
        ("search.csv@2024-13..2024-14", "is not a span of months"),
    ],
)
def test_a_span_that_cannot_be_right_is_refused(
    tmp_path: Path, argument: str, message: str
) -> None:
    nhs = _numbers(1)
    rows = [(nhs[0], "01/01/1990", "05/09/2024", PERTUSSIS)]
    _, stderr = check(tmp_path, {"search.csv": search_csv(rows)}, "--search", argument, expect=2)
    (line,) = stderr.strip().splitlines()
    assert line.startswith("error: ") and message in line
    assert "search.csv" in line
    assert "Traceback" not in stderr


# ---------------------------------------------------------------- flags


def test_school_age_for_hpv_and_menacwy(tmp_path: Path) -> None:
    nhs = _numbers(7)
    rows = [
        (nhs[0], "06/09/2013", "05/09/2024", HPV),  # 10 (the day before 11): outside
        (nhs[1], "05/09/2012", "05/09/2024", HPV),  # 12 on the day: school age
        (nhs[2], "06/09/2008", "05/09/2024", HPV),  # 15: school age
        (nhs[3], "05/09/2008", "05/09/2024", HPV),  # 16 on the day: the practice's
        (nhs[4], "05/09/2014", "05/09/2024", MENACWY),  # 10 on the day: school age
        (nhs[5], "06/09/2014", "05/09/2024", MENACWY),  # 9: outside
        (nhs[6], "05/09/2008", "05/09/2024", MENACWY),  # 16
    ]
    review, _ = check(tmp_path, {"search.csv": search_csv(rows)}, "--search", "search.csv")
    assert review is not None
    flags = {e["nhs_number"]: e["flags"] for e in review["events"]}
    assert [flags[n] for n in nhs] == [
        ["age_outside_programme"],
        ["school_age"],
        ["school_age"],
        [],
        ["school_age"],
        ["age_outside_programme"],
        [],
    ]
    needs = {e["nhs_number"]: e["needs_review"] for e in review["events"]}
    assert needs[nhs[1]] and not needs[nhs[3]]


def test_duplicate_window_is_per_programme(tmp_path: Path) -> None:
    nhs = _numbers(5)
    baby = "01/08/2024"
    rows = [
        # HepB at-risk babies: doses 21 days apart are a duplicate, 28 days the schedule
        (nhs[0], baby, "01/09/2024", HEPB),
        (nhs[0], baby, "22/09/2024", HEPB),
        (nhs[1], baby, "01/09/2024", HEPB),
        (nhs[1], baby, "23/09/2024", HEPB),
        (nhs[2], baby, "01/09/2024", HEPB),
        (nhs[2], baby, "29/09/2024", HEPB),
        # other programmes keep 28 days
        (nhs[3], "01/01/1990", "01/11/2024", PERTUSSIS),
        (nhs[3], "01/01/1990", "29/11/2024", PERTUSSIS),
        (nhs[4], "01/01/1990", "01/11/2024", PERTUSSIS),
        (nhs[4], "01/01/1990", "30/11/2024", PERTUSSIS),
    ]
    review, _ = check(tmp_path, {"search.csv": search_csv(rows)}, "--search", "search.csv")
    assert review is not None
    duplicate = {}
    for event in review["events"]:
        duplicate.setdefault(event["nhs_number"], []).append("duplicate_event" in event["flags"])
    assert duplicate == {
        nhs[0]: [True, True],  # 21 days
        nhs[1]: [False, False],  # 22 days
        nhs[2]: [False, False],  # 28 days: the schedule
        nhs[3]: [True, True],  # 28 days
        nhs[4]: [False, False],  # 29 days
    }


GMS_HEADER = "NHS Number,Surname,Forename,Date of Birth,Sex,Date,Code,Organisation,{column}"


@pytest.mark.parametrize(
    ("column", "values", "non_gms"),
    [
        # The words win over the column's polarity.
        ("Non-GMS Status", ["GMS", "Non-GMS", "Non GMS", "NonGMS", "Not GMS"], [0, 1, 1, 1, 1]),
        ("GMS/Non-GMS", ["GMS", "Non-GMS", "gms", "NON-GMS", "GMS"], [0, 1, 0, 1, 0]),
        ("GMS", ["GMS", "Non-GMS", "Yes", "No", ""], [0, 1, 0, 1, 1]),
        ("Non-GMS", ["GMS", "Non-GMS", "Yes", "No", ""], [0, 1, 1, 0, 0]),
        # Named for both, only yes/no: cannot be read either way, so not used.
        ("GMS/Non-GMS", ["Y", "N", "", "Yes", "No"], [0, 0, 0, 0, 0]),
    ],
)
def test_gms_words_mean_what_they_say(
    tmp_path: Path, column: str, values: list[str], non_gms: list[int]
) -> None:
    nhs = _numbers(len(values))
    lines = [GMS_HEADER.format(column=column)]
    for i, value in enumerate(values):
        lines.append(
            f"{nhs[i]},Testperson,Alice,01/01/1990,F,0{i + 1}/11/2024,{PERTUSSIS},F99001,{value}"
        )
    review, _ = check(tmp_path, {"s.csv": "\n".join(lines) + "\n"}, "--search", "s.csv")
    assert review is not None
    by_nhs = {e["nhs_number"]: e for e in review["events"]}
    assert [int("non_gms" in by_nhs[n]["flags"]) for n in nhs] == non_gms
    warnings = review["sources"][0]["warnings"]
    ambiguous = [w for w in warnings if "named for both GMS and Non-GMS" in w]
    assert bool(ambiguous) == (values[0] == "Y")


# ---------------------------------------------------------------- CQRS item status

CQRS_WITH_STATUS = """Indicator,Achievement Date,Value,Item Status,Notes
PT001,30/09/2024,2,Approved,
PT001,31/10/2024,2,Awaiting Commissioning Organisation Approval,Please check each record
PT001,30/11/2024,1,Rejected,"Declined, see note"
RSVP001,30/09/2024,1,Ready to Declare,
RSVP001,31/10/2024,1,Something else entirely,
RSVP001,30/11/2024,1,,
"""


def test_cqrs_status_and_note_are_read_and_approved_validated_items_left_out(
    tmp_path: Path,
) -> None:
    nhs = _numbers(7)
    rows = [
        (nhs[0], "01/01/1990", "05/09/2024", PERTUSSIS),
        (nhs[1], "01/01/1990", "06/09/2024", PERTUSSIS),
        (nhs[2], "01/01/1990", "05/10/2024", PERTUSSIS),
        (nhs[3], "01/01/1990", "06/10/2024", PERTUSSIS),
        (nhs[4], "01/01/1990", "05/11/2024", PERTUSSIS),
    ]
    rsv = "NHS Number,Surname,Forename,Date of Birth,Sex,Date,Code,Organisation\n" + "\n".join(
        f"{n},Testperson,Bea,01/01/1990,F,0{i + 1}/{m}/2024,1303503001,F99001"
        for i, (n, m) in enumerate(zip(nhs[5:], ("09", "10"), strict=True))
    )
    decisions = "nhs_number,programme,date,decision\n" + "\n".join(
        f"{n},pertussis_pregnant,{d},practice"
        for n, d in zip(nhs[:2], ("05/09/2024", "06/09/2024"), strict=True)
    )
    review, email = check(
        tmp_path,
        {
            "p.csv": search_csv(rows),
            "r.csv": rsv + "\n",
            "c.csv": CQRS_WITH_STATUS,
            "d.csv": decisions + "\n",
        },
        "--search",
        "p.csv",
        "--search",
        "r.csv",
        "--cqrs",
        "c.csv",
        "--decisions",
        "d.csv",
    )
    assert review is not None
    found = items(review)
    status = {k: (i["cqrs_status"], i["cqrs_note"]) for k, i in found.items()}
    assert status == {
        ("pertussis_pregnant", "2024-09"): ("approved", None),
        ("pertussis_pregnant", "2024-10"): ("awaiting_approval", "Please check each record"),
        ("pertussis_pregnant", "2024-11"): ("rejected", "Declined, see note"),
        ("rsv_pregnant", "2024-09"): ("not_declared", None),
        ("rsv_pregnant", "2024-10"): ("other", None),
        ("rsv_pregnant", "2024-11"): (None, None),
    }
    september = found[("pertussis_pregnant", "2024-09")]
    assert (september["status"], september["record_checked"]) == ("validated", True)
    # Approved in CQRS and validated by the check: the team is not asked again.
    assert "September 2024: 2 claimed" not in email
    assert "Pertussis (pregnant women), October 2024" in email


def test_a_file_name_with_an_at_sign_and_no_span_is_read_whole(tmp_path: Path) -> None:
    nhs = _numbers(1)
    rows = [(nhs[0], "01/01/1990", "05/11/2024", PERTUSSIS)]
    review, _ = check(tmp_path, {"j.bloggs@practice.csv": search_csv(rows)}, "--search",
                      "j.bloggs@practice.csv")  # fmt: skip
    assert review is not None
    assert review["sources"][0]["covers"] == {"pertussis_pregnant": ["2024-11", "2024-11"]}


def test_a_claim_of_one_the_search_found_none_of_reads_plainly(tmp_path: Path) -> None:
    nhs = _numbers(2)
    rows = [(nhs[0], "01/01/1990", "03/09/2024", PERTUSSIS), (nhs[1], "01/01/1990",
            "05/11/2024", PERTUSSIS)]  # fmt: skip
    _, email = check(
        tmp_path, {"p.csv": search_csv(rows)}, "--search", "p.csv", "--claim",
        "pertussis_pregnant:2024-10=1",
    )  # fmt: skip
    # (October lies between the search's doses: said so, decision 124)
    assert "before and after October 2024, did not find the 1 vaccination claimed" in email
    assert "none of the 1" not in email


# ---------------------------------------------------------------- rows not placed


def test_rows_not_placed_are_said_beside_the_claims_they_may_belong_to(tmp_path: Path) -> None:
    """Rows of a search that could not be placed (an unreadable date, an unknown code) may
    be doses of a claim: the email does not ask to amend it, but says it is not yet
    confirmed or amended until they are put right, and no note is written yet (decision
    164); a claim no file with such rows covers says nothing of them."""
    sept, hpv = _numbers(5), _numbers(1, start=5)
    rows = [
        (sept[0], "01/01/1990", "03/09/2024", PERTUSSIS),
        (sept[1], "01/01/1990", "31/02/2024", PERTUSSIS),  # no such date
        (sept[2], "01/01/1990", "yesterday", PERTUSSIS),
        (sept[3], "01/01/1990", "07/09/2024", "999999"),  # a code of no programme
        (sept[4], "01/01/1990", "09/09/2024", PERTUSSIS),
    ]
    decisions = "nhs_number,programme,date,decision\n" + "".join(
        f"{nhs},pertussis_pregnant,{day},practice\n"
        for nhs, day in ((sept[0], "2024-09-03"), (sept[4], "2024-09-09"))
    )
    review, email = check(
        tmp_path,
        {"pertussis.csv": search_csv(rows), "hpv.csv": search_csv(
            [(hpv[0], "01/01/2011", "10/09/2024", HPV)]), "d.csv": decisions},
        "--search", "pertussis.csv", "--search", "hpv.csv", "--decisions", "d.csv",
        "--claim", "pertussis_pregnant:2024-09=5", "--claim", "hpv:2024-09=2",
    )  # fmt: skip
    assert review is not None and len(review["unassigned_rows"]) == 3
    pertussis, hpv_line = (
        next(line for line in email.splitlines() if line.startswith(f"- {name}"))
        for name in ("Pertussis", "HPV")
    )
    # never asked to amend from 5 to 2: the 3 rows not placed may be the 3 others (164)
    assert "amended from" not in pertussis and "Please amend" not in email
    assert email.index("Still being checked") < email.index(pertussis)
    assert pertussis.startswith(
        "- Pertussis (pregnant women), September 2024: 5 claimed; not yet confirmed or "
        "amended: 3 rows of our search that may be of this month could not be placed in a "
        "programme and month, so they are not counted, and we will confirm or amend this "
        "claim when those rows have been put right; of those counted, "
    )
    assert pertussis.endswith(": 2 given by this practice")
    assert "could not be placed" not in hpv_line  # hpv.csv's rows were all placed
    notes = (tmp_path / "out" / "declaration_notes.txt").read_text(encoding="utf-8")
    assert "should be amended" not in notes
    assert (
        "No note yet: 3 rows of the practice search that may be of this month could not be "
        "placed in a programme and month, so they are not counted: the claim can be neither "
        "confirmed nor amended. The note is written when those rows have been put right."
    ) in notes


def test_an_email_with_only_approved_claims_our_check_agrees_with_says_so(
    tmp_path: Path,
) -> None:
    """A claim of 5 approved in CQRS that the check validates is left out of the email
    (SPEC 5); the email does not then say that no claim is of 5 or more."""
    nhs = _numbers(5)
    rows = [(n, "01/01/1990", f"0{i + 1}/09/2024", PERTUSSIS) for i, n in enumerate(nhs)]
    decisions = "nhs_number,programme,date,decision\n" + "".join(
        f"{n},pertussis_pregnant,2024-09-0{i + 1},practice\n" for i, n in enumerate(nhs)
    )
    cqrs = "Indicator,Achievement Date,Value,Item Status\nPT001,30/09/2024,5,Approved\n"
    review, email = check(
        tmp_path,
        {"p.csv": search_csv(rows), "c.csv": cqrs, "d.csv": decisions},
        "--search", "p.csv", "--cqrs", "c.csv", "--decisions", "d.csv",
    )  # fmt: skip
    assert review is not None and review["items"][0]["status"] == "validated"
    assert "Subject: CQRS vaccination claims review: Riverside Medical Centre (F99001)" in email
    assert "no claim is in a month under review" not in email
    assert (
        "There is nothing to report: the claims in a month under review, or of 5 or more, "
        "are already approved in CQRS and our check agrees with them." in email
    )
