"""SPEC version 2, traced line by line: what no other test held, through the real command
line.

One review run once (a module fixture): every decision kind with "clinical system updated"
given, a claim agreeing with a search that found none, records counted but not opened, an
unsure record, a month no search covered, and CQRS figures carrying every item status SPEC
section 3 lists and rows of services left out. Then `review.json` is held to SPEC section
7's field list, type by type; a few runs of their own for the email's and the notes' words
by decision kind, stated spans over two programmes, and the command line: its refusals, a
blank name, several files after one option. Invented people, 999 numbers.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.e2e.test_cli import run
from tests.reports.reports_factory import nhs_numbers

PERTUSSIS = "956951000000104"
RSV = "1303503001"
HEADER = "NHS Number,Surname,Forename,Date of Birth,Sex,Date,Code,Organisation"

_numbers = nhs_numbers(500)
NHS = [next(_numbers) for _ in range(9)]
# (NHS number, date of birth, vaccination date, code, decision, clinical system updated)
ROWS = [
    # Pertussis September 2024 (a review month): both opened; claimed 1, 1 given here
    (NHS[0], "01/01/1990", "03/09/2024", PERTUSSIS, "practice", "yes"),
    (NHS[1], "01/01/1990", "04/09/2024", PERTUSSIS, "not_eligible", "yes"),
    # Pertussis November 2024: counted, not flagged, not opened; claimed 2
    (NHS[2], "01/01/1990", "07/11/2024", PERTUSSIS, None, None),
    (NHS[3], "01/01/1990", "08/11/2024", PERTUSSIS, None, None),
    # RSV September 2024: an older-adult dose, another provider's, one in error, one unsure
    (NHS[4], "01/01/1960", "05/09/2024", RSV, "not_eligible", "yes"),
    (NHS[5], "01/01/1990", "06/09/2024", RSV, "other_provider", "yes"),
    (NHS[6], "01/01/1990", "09/09/2024", RSV, "not_given", "yes"),
    (NHS[7], "01/01/1990", "10/09/2024", RSV, "unsure", "no"),
]
# CQRS figures as a practice downloads them, the status and notes columns named two ways.
CQRS_A = """Indicator,Month,Count,Approval Status,Comments
PT001,Sep 2024,1,Awaiting Approval,Checked by the nurse
PT001,October 2024,0,Submitted,
PT001,Nov-24,2,Declared,
RSVP001,2024-09,4,Draft,
HPV001,30/09/2024,6,Not Declared,
RSV older adults,Sep 2024,3,Approved,
RSV older adults 75 and over,Sep 2024,4,Approved,
RSV 80 and over,Oct 2024,5,Approved,
Hepatitis B (adult at risk),Sep 2024,2,Approved,
Seasonal influenza,Sep 2024,40,Approved,
"""
MENACWY_STATUSES = [
    ("Approved", "approved"),
    ("Paid", "approved"),
    ("Payment Approved", "approved"),
    ("Awaiting Commissioning Organisation Approval", "awaiting_approval"),
    ("Rejected", "rejected"),
    ("Declined by Commissioner", "rejected"),
    ("Ready to Declare", "not_declared"),
    ("On hold pending query", "other"),
    ("", None),
]
CQRS_B = "Programme,Month,Claimed,Status,Notes\n" + "".join(
    f"menacwy,2025-{i + 1:02d},1,{word},\n" for i, (word, _) in enumerate(MENACWY_STATUSES)
)


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("trace")
    search = [HEADER] + [
        f"{nhs},Testperson,Alice{i},{dob},F,{day},{code},F99001"
        for i, (nhs, dob, day, code, _, _) in enumerate(ROWS)
    ]
    decisions = ["nhs_number,programme,date,decision,action_done"] + [
        f"{nhs},{'rsv_pregnant' if code == RSV else 'pertussis_pregnant'},{day},{kind},{done}"
        for nhs, _, day, code, kind, done in ROWS
        if kind
    ]
    (work / "search.csv").write_text("\n".join(search) + "\n", encoding="utf-8")
    (work / "decisions.csv").write_text("\n".join(decisions) + "\n", encoding="utf-8")
    (work / "cqrs_a.csv").write_text(CQRS_A, encoding="utf-8")
    (work / "cqrs_b.csv").write_text(CQRS_B, encoding="utf-8")
    result = run(
        "check", "--practice-ods", "F99001", "--search", "search.csv",
        "--cqrs", "cqrs_a.csv", "--cqrs", "cqrs_b.csv", "--decisions", "decisions.csv",
        "--out", "out", cwd=work,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (work / "out" / "stderr.txt").write_text(result.stderr, encoding="utf-8")
    return work / "out"


def _review(out: Path) -> dict[str, Any]:
    found: dict[str, Any] = json.loads((out / "review.json").read_text(encoding="utf-8"))
    return found


def _items(out: Path) -> dict[tuple[str, str], dict[str, Any]]:
    return {(i["programme"], i["month"]): i for i in _review(out)["items"]}


# ------------------------------------------------------------ section 5: action_done (v2)


def test_clinical_system_updated_is_what_each_decision_needs(checked: Path) -> None:
    """SPEC 5 (v2): `action_done` means what the rules say the decision needs was done;
    "given here" and an older-adult RSV dose need nothing, so they are never "Yes" (nor
    "No"): review.json says false, the workbook "Not needed", whatever the file said."""
    events = {e["nhs_number"]: e for e in _review(checked)["events"]}
    assert [(events[n]["decision"], events[n]["action_done"]) for n in NHS[:8]] == [
        ("practice", False),  # needs nothing, though the decisions file said yes
        ("not_eligible", True),  # pertussis: recoded
        (None, False),
        (None, False),
        ("not_eligible", False),  # rsv_pregnant at 64: the older-adult programme's dose
        ("other_provider", True),
        ("not_given", True),
        ("unsure", False),
    ]
    assert events[NHS[4]]["flags"] == ["possible_older_adult_rsv"]
    sheet = openpyxl.load_workbook(checked / "review.xlsx", read_only=True)["Events"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    nhs, updated = header.index("NHS number"), header.index("Clinical system updated")
    shown = {str(row[nhs]).replace(" ", ""): row[updated] for row in rows[1:] if row[nhs]}
    assert [shown[n] for n in (NHS[0], NHS[1], NHS[4], NHS[5], NHS[6])] == [
        "Not needed", "Yes", "Not needed", "Yes", "Yes",
    ]  # fmt: skip
    assert "No" not in shown.values()


# ------------------------------------------------------------ section 5: items (v2)


def test_record_checked_only_when_every_record_was_opened(checked: Path) -> None:
    """SPEC 5 (v2): `record_checked` needs at least one event, and a decision other than
    unsure on every one, those needing no review included; a claim that merely agrees with
    the search is validated without it."""
    found = _items(checked)
    shape = {
        key: (i["status"], i["corrected"], i["covered"], i["record_checked"])
        for key, i in found.items()
        if key[0] != "menacwy"
    }
    assert shape == {
        ("pertussis_pregnant", "2024-09"): ("validated", 1, True, True),
        ("pertussis_pregnant", "2024-10"): ("validated", 0, True, False),  # no events
        ("pertussis_pregnant", "2024-11"): ("validated", 2, True, False),  # not opened
        ("rsv_pregnant", "2024-09"): ("incomplete", None, True, False),  # one unsure
        ("hpv", "2024-09"): ("not_checked", None, False, False),
    }
    rsv = found[("rsv_pregnant", "2024-09")]
    assert (rsv["decisions"], rsv["unsure"], rsv["pending"]) == (
        {"practice": 0, "other_provider": 1, "not_eligible": 1, "not_given": 1},
        1,
        0,
    )


def _groups(email: str) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    heading = ""
    for line in email.splitlines():
        if line.endswith(":") and not line.startswith("- "):
            heading = line
        elif line.startswith("- ") and heading:
            groups.setdefault(heading, []).append(line)
        elif not line:
            heading = ""
    return groups


def test_each_item_the_team_asks_about_is_in_its_one_group(checked: Path) -> None:
    """SPEC 5 (v2): items with a reason or to amend, each in exactly one group; only the
    first two groups say records were checked; an item with no reason that agrees with the
    search (November) is left out."""
    email = (checked / "email.txt").read_text(encoding="utf-8")
    groups = _groups(email)
    assert {heading: [line.split(":")[0] for line in lines] for heading, lines in groups.items()} \
        == {
        "Checked against the patient record and correct:": [
            "- Pertussis (pregnant women), September 2024"
        ],
        "Agrees with our search (not checked record by record):": [
            "- Pertussis (pregnant women), October 2024"
        ],
        "Still being checked (we will confirm these separately):": [
            "- RSV (pregnant women), September 2024"
        ],
        "Not checked:": ["- HPV, September 2024"],
    }  # fmt: skip
    assert "November 2024" not in email
    assert "checked against the patient record" not in " ".join(
        line.lower() for heading, lines in groups.items()
        if not heading.startswith("Checked against") for line in lines
    )  # fmt: skip
    (hpv,) = groups["Not checked:"]
    assert "our search did not cover September 2024" in hpv
    assert "amend" not in hpv
    # A claim of 1 with no reason in a month no search covered: not asked about (decision
    # 457), so not in the email; the workbook's summary has it, as not checked.
    assert "MenACWY" not in email
    summary = openpyxl.load_workbook(checked / "review.xlsx", read_only=True)["Summary"]
    statuses = [row[12] for row in summary.iter_rows(values_only=True) if row[:1] == ("MenACWY",)]
    assert statuses == ["Not checked (not searched)"] * 9


# ------------------------------------------------------------ section 3: CQRS status (v2)


def test_every_cqrs_item_status_spec_lists_is_read(checked: Path) -> None:
    """SPEC 3 (v2): Status / Approval Status columns, Notes / Comments, each listed word,
    any other value `other`, a blank cell null; CQRS sources cover nothing."""
    found = _items(checked)
    assert [(found[("menacwy", f"2025-{i + 1:02d}")]["cqrs_status"]) for i in range(9)] == [
        status for _, status in MENACWY_STATUSES
    ]
    assert all(found[("menacwy", f"2025-{i + 1:02d}")]["cqrs_note"] is None for i in range(9))
    assert {k: (i["cqrs_status"], i["cqrs_note"]) for k, i in found.items()
            if k[0] != "menacwy"} == {
        ("pertussis_pregnant", "2024-09"): ("awaiting_approval", "Checked by the nurse"),
        ("pertussis_pregnant", "2024-10"): ("awaiting_approval", None),
        ("pertussis_pregnant", "2024-11"): ("awaiting_approval", None),
        ("rsv_pregnant", "2024-09"): ("not_declared", None),
        ("hpv", "2024-09"): ("not_declared", None),
    }  # fmt: skip
    sources = {s["file"]: s for s in _review(checked)["sources"]}
    assert sources["cqrs_a.csv"]["covers"] == {} and sources["cqrs_b.csv"]["covers"] == {}
    assert sources["search.csv"]["covers"] == {
        "pertussis_pregnant": ["2024-09", "2024-11"],
        "rsv_pregnant": ["2024-09", "2024-09"],
    }


def test_rows_of_other_services_are_left_out_with_a_notice_naming_them(checked: Path) -> None:
    """SPEC 3: older-adult RSV (by name, "75 and over", "80 and over"), adult HepB and other
    services are left out, with a notice naming them, on the command line and in the CQRS
    source's warnings; the maternal RSV claim of that month stays as claimed."""
    found = _items(checked)
    assert found[("rsv_pregnant", "2024-09")]["claimed"] == 4
    assert ("rsv_pregnant", "2024-10") not in found and ("hepb_babies", "2024-09") not in found
    left_out = [
        "Hepatitis B adults at risk rows left out: not a programme this review checks",
        "RSV older adults rows left out: not a programme this review checks",
        "Seasonal flu rows left out: not a programme this review checks",
    ]
    sources = {s["file"]: s for s in _review(checked)["sources"]}
    assert sources["cqrs_a.csv"]["warnings"] == left_out
    said = (checked / "stderr.txt").read_text(encoding="utf-8").splitlines()
    assert [f"notice: cqrs_a.csv: {words}" for words in left_out] == [
        line for line in said if line.startswith("notice: cqrs_a.csv")
    ]


# ------------------------------------------------------------ section 7: review.json


def _is_month(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value) is not None


def _is_day(value: object) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    dt.date.fromisoformat(value)
    return True


def _int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _str_or_null(value: object) -> bool:
    return value is None or isinstance(value, str)


SOURCE_FIELDS = {
    "file": lambda v: isinstance(v, str) and "/" not in v and "\\" not in v,
    "sha256": lambda v: isinstance(v, str) and re.fullmatch(r"[0-9a-f]{64}", v) is not None,
    "rows_read": _int,
    "events": _int,
    "markers": _int,
    "skipped": _int,
    "warnings": lambda v: isinstance(v, list) and all(isinstance(w, str) for w in v),
    "covers": lambda v: (
        isinstance(v, dict)
        and all(
            isinstance(span, list)
            and len(span) == 2
            and all(map(_is_month, span))
            and span[0] <= span[1]
            for span in v.values()
        )
    ),
}
ITEM_FIELDS = {
    "programme": lambda v: isinstance(v, str),
    "month": _is_month,
    "claimed": lambda v: v is None or _int(v),
    "in_search": _int,
    "flagged": _int,
    "reasons": lambda v: isinstance(v, list) and v == sorted(v)
    and set(v) <= {"affected_period", "five_or_more", "count_mismatch"},
    "decisions": lambda v: isinstance(v, dict)
    and list(v) == ["practice", "other_provider", "not_eligible", "not_given"]
    and all(map(_int, v.values())),
    "unsure": _int,
    "pending": _int,
    "corrected": lambda v: v is None or _int(v),
    "status": lambda v: v in {"not_checked", "incomplete", "no_claim", "validated", "amend"},
    "fee": _number,
    "value_difference": lambda v: v is None or _number(v),
    "covered": lambda v: isinstance(v, bool),
    "record_checked": lambda v: isinstance(v, bool),
    "cqrs_status": lambda v: v
    in {None, "approved", "awaiting_approval", "rejected", "not_declared", "other"},
    "cqrs_note": _str_or_null,
}  # fmt: skip
EVENT_FIELDS = {
    "id": lambda v: isinstance(v, str) and v != "",
    "programme": lambda v: isinstance(v, str),
    "month": _is_month,
    "date": _is_day,
    "nhs_number": lambda v: v is None or (isinstance(v, str) and re.fullmatch(r"\d{10}", v)),
    "surname": _str_or_null,
    "forenames": _str_or_null,
    "date_of_birth": lambda v: v is None or _is_day(v),
    "age": lambda v: v is None or _int(v),
    "sex": lambda v: v in {"F", "M", None},
    "code": _str_or_null,
    "term": _str_or_null,
    "organisation": _str_or_null,
    "flags": lambda v: isinstance(v, list) and v == sorted(v),
    "needs_review": lambda v: isinstance(v, bool),
    "decision": lambda v: v
    in {None, "practice", "other_provider", "not_eligible", "not_given", "unsure"},
    "action_done": lambda v: isinstance(v, bool),
    "note": lambda v: isinstance(v, str),
    "reviewer": _str_or_null,
    "decided_at": _str_or_null,
    "source": lambda v: isinstance(v, str),
    "row": lambda v: _int(v) and v >= 1,
}  # fmt: skip
FLAGS = {
    "invalid_nhs_number", "other_organisation", "non_gms", "other_provider_code",
    "duplicate_event", "age_outside_programme", "school_age", "possible_older_adult_rsv",
    "sex_not_female", "gestation_too_early", "after_due_date",
}  # fmt: skip
PROGRAMMES = ("pertussis_pregnant", "rsv_pregnant", "hepb_babies", "hpv", "menacwy")


def _held_to_spec(review: dict[str, Any]) -> None:
    """Every field SPEC section 7 lists, with its type and null rule, and the orders."""
    assert review["schema"] >= 2  # 3 adds fields (decision 34); nothing of 2 changes
    assert list(review)[:7] == [
        "schema", "practice", "generated_at", "sources", "items", "events", "unassigned_rows",
    ]  # fmt: skip
    practice = review["practice"]
    assert isinstance(practice["ods_code"], str) and practice["ods_code"]
    assert _str_or_null(practice["name"]) and _str_or_null(practice["reviewer"])
    assert dt.datetime.fromisoformat(review["generated_at"]).tzinfo is not None
    for fields, rows in (
        (SOURCE_FIELDS, review["sources"]),
        (ITEM_FIELDS, review["items"]),
        (EVENT_FIELDS, review["events"]),
    ):
        for row in rows:
            for name, ok in fields.items():
                assert name in row, name
                assert ok(row[name]), (name, row[name])
    for item in review["items"]:
        assert item["programme"] in PROGRAMMES
        if item["status"] == "not_checked":
            assert (item["covered"], item["corrected"]) == (False, None)
        if item["corrected"] is None or item["claimed"] is None:
            assert item["value_difference"] is None
        else:
            difference = (item["claimed"] - item["corrected"]) * item["fee"]
            assert item["value_difference"] == pytest.approx(difference)
    order = [(PROGRAMMES.index(i["programme"]), i["month"]) for i in review["items"]]
    assert order == sorted(order) and len(set(order)) == len(order)
    events = review["events"]
    for event in events:
        assert event["programme"] in PROGRAMMES and set(event["flags"]) <= FLAGS
        assert event["month"] == event["date"][:7]
        if event["decision"] is None:
            assert (event["decided_at"], event["action_done"]) == (None, False)
    by = [(PROGRAMMES.index(e["programme"]), e["date"], e["nhs_number"] or "") for e in events]
    assert by == sorted(by)
    assert len({e["id"] for e in events}) == len(events)
    for row in review["unassigned_rows"]:
        assert set(row) == {"source", "row", "reason"}
        assert isinstance(row["source"], str) and _int(row["row"]) and row["row"] >= 1
        assert isinstance(row["reason"], str) and row["reason"]


def test_review_json_holds_every_field_spec_lists_with_its_type(checked: Path) -> None:
    review = _review(checked)
    _held_to_spec(review)
    # Not given on the command line: null, not absent or "".
    assert review["practice"] == {"ods_code": "F99001", "name": None, "reviewer": None}
    # `row` is the file's own 1-based line: the header is line 1
    rows = {e["nhs_number"]: e["row"] for e in review["events"]}
    assert [rows[n] for n in NHS[:8]] == [2, 3, 4, 5, 6, 7, 8, 9]
    assert all(e["source"] == "search.csv" for e in review["events"])


def test_the_samples_review_json_holds_every_field_spec_lists(
    samples: Path, tmp_path: Path
) -> None:
    expected = json.loads((samples / "expected.json").read_text(encoding="utf-8"))
    for name in ("emis_pertussis_search.csv", "systmone_rsv_search.csv", "cqrs_figures.csv",
                 "decisions.csv"):  # fmt: skip
        (tmp_path / name).write_bytes((samples / name).read_bytes())
    result = run(*shlex.split(expected["command"].replace("OUT", "out"))[1:], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    _held_to_spec(_review(tmp_path / "out"))


# ------------------------------------------------------------ section 7: the command line


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["check", "--practice-ods", "F99001", "--search", "s.csv", "--out", "o", "--bogus"],
         "check"),
        (["export", "r.cqrsreview", "--out", "o", "--bogus"], "export"),
        (["demo-data", "--out", "o", "--bogus"], "demo-data"),
        (["check", "--practice-ods", "F99001", "--out", "o"], "check"),
    ],
)  # fmt: skip
def test_a_command_line_it_cannot_take_is_exit_2_with_one_error_line(
    tmp_path: Path, args: list[str], command: str
) -> None:
    """SPEC 7: exit 2 on bad input with one `error: ...` line; the line points to the help
    of the command that was typed (an unknown option pointed to "cqrs-desktop cqrs-desktop
    --help", a command that does not exist)."""
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: ")
    assert line.endswith(f"(see cqrs-desktop {command} --help)")
    assert not (tmp_path / "o").exists()


# ------------------------------------------------------------ section 5: email and notes (v2)


def test_the_amend_line_and_the_note_name_each_decision_kind_alike(tmp_path: Path) -> None:
    """SPEC 5 (v2): "to be amended from N to M" says why, by decision kind (given by another
    provider and how many of those are marked, not eligible, older-adult RSV doses among
    them, recorded in error); the declaration note, formal and past tense, names each kind
    as the email does and says the records were checked."""
    numbers = nhs_numbers(700)
    plan = [  # (programme code, born, day of September 2024, decision, updated)
        (PERTUSSIS, "1990", 2, "practice", "no"),
        (PERTUSSIS, "1990", 3, "practice", "no"),
        (PERTUSSIS, "1990", 4, "other_provider", "yes"),
        (PERTUSSIS, "1990", 5, "other_provider", "no"),
        (PERTUSSIS, "1990", 6, "not_eligible", "yes"),
        (PERTUSSIS, "1990", 7, "not_given", "no"),
        (RSV, "1950", 2, "not_eligible", "no"),  # 74: an older-adult RSV dose
        (RSV, "1950", 3, "not_eligible", "no"),
        (RSV, "1990", 4, "practice", "no"),
        (RSV, "1990", 5, "practice", "no"),
        (RSV, "1990", 6, "not_given", "yes"),
        (RSV, "1990", 7, "practice", "no"),
    ]
    rows = [(next(numbers), *row) for row in plan]
    (tmp_path / "s.csv").write_text(
        HEADER + "\n" + "".join(
            f"{nhs},Testperson,Alice,01/01/{born},F,0{day}/09/2024,{code},F99001\n"
            for nhs, code, born, day, _, _ in rows
        ), encoding="utf-8",
    )  # fmt: skip
    (tmp_path / "d.csv").write_text(
        "nhs_number,programme,date,decision,action_done\n" + "".join(
            f"{nhs},{'rsv_pregnant' if code == RSV else 'pertussis_pregnant'},"
            f"2024-09-0{day},{kind},{done}\n"
            for nhs, code, _, day, kind, done in rows
        ), encoding="utf-8",
    )  # fmt: skip
    result = run(
        "check", "--practice-ods", "F99001", "--reviewer", "J. Reviewer", "--search", "s.csv",
        "--decisions", "d.csv", "--claim", "pertussis_pregnant:2024-09=6",
        "--claim", "rsv_pregnant:2024-09=6", "--out", "out", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    groups = _groups((tmp_path / "out" / "email.txt").read_text(encoding="utf-8"))
    pertussis, rsv = groups["To be amended:"]
    assert pertussis.startswith(
        "- Pertussis (pregnant women), September 2024: to be amended from 6 to 2; all 6 "
        "vaccinations our search found were checked against the patient record: "
    )
    assert pertussis.endswith(
        "2 given by this practice; 2 given by other providers (1 now marked in our clinical "
        "system as given elsewhere; 1 not yet marked in our clinical system); 1 not eligible "
        "for this programme (now corrected in our clinical system); 1 recorded in error, not "
        "given (not yet corrected in our clinical system)"
    )
    assert rsv.endswith(
        "to be amended from 6 to 3; all 6 vaccinations our search found were checked against "
        "the patient record: 3 given by this practice; 2 not eligible for this programme "
        "(older-adult RSV doses); 1 recorded in error, not given (now corrected in our "
        "clinical system)"
    )
    notes = (tmp_path / "out" / "declaration_notes.txt").read_text(encoding="utf-8")
    assert (
        "2 were given by this practice. 2 were given by other providers; 1 was marked in the "
        "clinical system as given elsewhere and 1 not. 1 was not eligible for this programme; "
        "it was corrected in the clinical system. 1 was recorded in error; it has not been "
        "corrected. The claim should be amended from 6 to 2." in notes
    )
    assert (
        "RSV (pregnant women) September 2024: The practice checked each of the 6 vaccinations "
        "found by its search against the patient record on "
    ) in notes
    assert (
        "3 were given by this practice. 2 were not eligible for this programme (older-adult "
        "RSV doses). 1 was recorded in error; it was corrected in the clinical system. The "
        "claim should be amended from 6 to 3." in notes
    )
    assert "so far" not in notes


# ------------------------------------------------------------ section 3: coverage (v2)

HPV = "428741008"


def test_a_stated_span_covers_every_programme_the_file_holds(tmp_path: Path) -> None:
    """SPEC 3 (v2): a file's own months are per programme (earliest to latest of that
    programme); a stated span replaces them for every programme it holds. And a column
    named for both GMS and Non-GMS holding only blanks (blanks count as no) is not used,
    with a warning in its source's warnings."""
    first, second = nhs_numbers(800), nhs_numbers(900)
    (tmp_path / "two.csv").write_text(
        HEADER + ",GMS/Non-GMS\n"
        f"{next(first)},Testperson,Alice,01/01/1990,F,05/09/2024,{PERTUSSIS},F99001,\n"
        f"{next(second)},Testperson,Bea,01/01/2010,F,05/11/2024,{HPV},F99001,\n",
        encoding="utf-8",
    )
    claims = ["--claim", "pertussis_pregnant:2024-11=1", "--claim", "hpv:2024-09=1"]
    seen = {}
    for name, search in (("own", "two.csv"), ("stated", "two.csv@2024-08..2024-12")):
        result = run("check", "--practice-ods", "F99001", "--search", search, *claims,
                     "--out", name, cwd=tmp_path)  # fmt: skip
        assert result.returncode == 0, result.stderr
        seen[name] = _review(tmp_path / name)
    own, stated = seen["own"], seen["stated"]
    assert own["sources"][0]["covers"] == {
        "pertussis_pregnant": ["2024-09", "2024-09"],
        "hpv": ["2024-11", "2024-11"],
    }
    assert [(i["programme"], i["month"], i["status"]) for i in own["items"]] == [
        ("pertussis_pregnant", "2024-09", "incomplete"),  # a review month: to decide
        ("pertussis_pregnant", "2024-11", "not_checked"),
        ("hpv", "2024-09", "not_checked"),
        ("hpv", "2024-11", "incomplete"),  # aged 14: school age
    ]
    assert stated["sources"][0]["covers"] == {
        "pertussis_pregnant": ["2024-08", "2024-12"],
        "hpv": ["2024-08", "2024-12"],
    }
    checked = {(i["programme"], i["month"]): i for i in stated["items"]}
    for key in (("pertussis_pregnant", "2024-11"), ("hpv", "2024-09")):
        assert (checked[key]["covered"], checked[key]["status"], checked[key]["corrected"]) == (
            True, "amend", 0,
        )  # fmt: skip
    for review in (own, stated):
        assert all("non_gms" not in e["flags"] for e in review["events"])
        (warning,) = review["sources"][0]["warnings"]
        assert warning.startswith("column 'GMS/Non-GMS': it is named for both GMS and Non-GMS")


def test_a_blank_practice_name_or_reviewer_is_null_as_in_the_window(tmp_path: Path) -> None:
    """SPEC 7: `name` and `reviewer` are a name or null. A script's empty variable
    (`--practice-name ""`, `--reviewer " "`) was written as "" and " ", and the decisions
    file's rows naming no reviewer were "by" a blank; the window's practice details already
    took a blank for none."""
    nhs = next(nhs_numbers(950))
    (tmp_path / "s.csv").write_text(
        f"{HEADER}\n{nhs},Testperson,Alice,01/01/1990,F,03/09/2024,{PERTUSSIS},F99001\n",
        encoding="utf-8",
    )
    (tmp_path / "d.csv").write_text(
        f"nhs_number,programme,date,decision\n{nhs},pertussis_pregnant,03/09/2024,practice\n",
        encoding="utf-8",
    )
    result = run(
        "check", "--practice-ods", " F99001 ", "--practice-name", "", "--reviewer", "  ",
        "--search", "s.csv", "--decisions", "d.csv", "--out", "out", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    review = _review(tmp_path / "out")
    assert review["practice"] == {"ods_code": "F99001", "name": None, "reviewer": None}
    (event,) = review["events"]
    assert (event["decision"], event["reviewer"]) == ("practice", None)
    _held_to_spec(review)


def test_several_files_after_one_option_are_taken_as_the_synopsis_shows(tmp_path: Path) -> None:
    """SPEC 7's synopsis writes `--search FILE ...`, `[--cqrs FILE ...]` and `[--claim
    PROGRAMME:YYYY-MM=N ...]`: read as several values after one option or as the option
    repeated (decision 458), the same review. Several after one option was refused."""
    first, second = nhs_numbers(960), nhs_numbers(970)
    (tmp_path / "p.csv").write_text(
        f"{HEADER}\n{next(first)},Testperson,Alice,01/01/1990,F,03/09/2024,{PERTUSSIS},F99001\n",
        encoding="utf-8",
    )
    (tmp_path / "r.csv").write_text(
        f"{HEADER}\n{next(second)},Testperson,Bea,01/01/1990,F,04/09/2024,{RSV},F99001\n",
        encoding="utf-8",
    )
    (tmp_path / "c1.csv").write_text("Programme,Month,Count\nPT001,Sep 2024,2\n", encoding="utf-8")
    (tmp_path / "c2.csv").write_text(
        "Programme,Month,Count\nRSVP001,Sep 2024,3\n", encoding="utf-8"
    )
    ways = {
        "repeated": ["--search", "p.csv", "--search", "r.csv", "--cqrs", "c1.csv", "--cqrs",
                     "c2.csv", "--claim", "hpv:2024-09=1", "--claim", "hpv:2024-09=4"],
        "together": ["--search", "p.csv", "r.csv", "--cqrs", "c1.csv", "c2.csv", "--claim",
                     "hpv:2024-09=1", "hpv:2024-09=4"],
    }  # fmt: skip
    found = {}
    for name, args in ways.items():
        result = run("check", "--practice-ods", "F99001", *args, "--out", name, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        review = _review(tmp_path / name)
        found[name] = (review["sources"], review["items"], review["events"])
    assert found["together"] == found["repeated"]
    sources, items, _ = found["together"]
    assert [s["file"] for s in sources] == ["p.csv", "r.csv", "c1.csv", "c2.csv"]
    claimed = {(i["programme"], i["month"]): i["claimed"] for i in items}
    assert claimed == {
        ("pertussis_pregnant", "2024-09"): 2,
        ("rsv_pregnant", "2024-09"): 3,
        ("hpv", "2024-09"): 4,  # the later claim replaces the earlier (decision 2)
    }
