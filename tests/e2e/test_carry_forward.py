"""Month after month through the real command line: carry decisions forward, and prove from
the next export that records were corrected. Invented people, 999 numbers."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from cqrs_desktop.domain.model import Decision
from cqrs_desktop.session import open_review
from cqrs_desktop.ui.items_model import STATUS, ItemsTableModel
from tests.e2e.test_cli import run
from tests.reports.reports_factory import nhs_numbers
from tests.support.command_line import run_command
from tests.support.cut_short import left_part_saved

HEADER = "NHS Number,Surname,Forename,Date of Birth,Sex,Date,Code,Organisation,Non-GMS"
CODE = "956951000000104"
PRACTICE = ["--practice-ods", "F99001", "--practice-name", "Riverside Medical Centre"]


def _people(count: int) -> list[str]:
    numbers = nhs_numbers(500)
    return [next(numbers) for _ in range(count)]


PEOPLE = _people(9)
# Review A: September. Review B: September again (re-exported) and October.
SEPTEMBER = [(PEOPLE[i], f"{2 + i:02d}/09/2024") for i in range(6)]
OCTOBER = [(PEOPLE[6 + i], f"{3 + i:02d}/10/2024") for i in range(3)]


def _search(rows: list[tuple[str, str]], non_gms: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    lines = [HEADER]
    for i, (nhs, date) in enumerate(rows):
        flag = "Yes" if nhs in non_gms else ""
        lines.append(f"{nhs},Testperson,Alice{i},01/01/1990,F,{date},{CODE},F99001,{flag}")
    return "\n".join(lines) + "\n"


def _decisions(rows: list[tuple[str, str, str, str]]) -> str:
    lines = ["nhs_number,programme,date,decision,action_done,note,reviewer"]
    for nhs, date, decision, done in rows:
        lines.append(f"{nhs},pertussis_pregnant,{date},{decision},{done},from A,A. Reviewer")
    return "\n".join(lines) + "\n"


def _check(folder: Path, *args: str) -> tuple[dict[str, Any], str, str]:
    result = run_command("check", *PRACTICE, *args, "--out", "out", cwd=folder)
    assert result.returncode == 0, result.stderr
    out = folder / "out"
    review = json.loads((out / "review.json").read_text(encoding="utf-8"))
    return review, (out / "email.txt").read_text(encoding="utf-8"), result.stderr


class _MadeOnce:
    """Where the earlier reviews many tests start from are kept, each made once in a run."""

    folder: Path | None = None


@pytest.fixture(autouse=True, scope="module")
def made_once(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    _MadeOnce.folder = tmp_path_factory.mktemp("made_once")
    yield
    _MadeOnce.folder = None


def _once(folder: Path, inputs: str, made: tuple[str, ...], make: Callable[[], None]) -> None:
    """Run `make` (the real command line, on inputs already written in `folder`) the first
    time these `inputs` (their words) are asked for in this run, and keep what it `made`
    (the saved review files and the results folder); asked again, a copy of those goes
    into `folder`, byte for byte what the command wrote (decision 357)."""
    assert _MadeOnce.folder is not None
    kept = _MadeOnce.folder / hashlib.sha256(inputs.encode("utf-8")).hexdigest()[:16]
    if not kept.is_dir():
        make()
        kept.mkdir()
        for name in made:
            _copy(folder / name, kept / name)
        return
    for name in made:
        _copy(kept / name, folder / name)


def _copy(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target)
    else:
        shutil.copyfile(source, target)


def _events(review: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(e["nhs_number"], e["date"]): e for e in review["events"]}


def _iso(date: str) -> str:
    day, month, year = date.split("/")
    return f"{year}-{month}-{day}"


def test_month_after_month(tmp_path: Path) -> None:
    # Review A: September decided; 4 given elsewhere (one already marked), 2 given here.
    decided = [
        (PEOPLE[0], SEPTEMBER[0][1], "other_provider", "no"),
        (PEOPLE[1], SEPTEMBER[1][1], "other_provider", "no"),
        (PEOPLE[2], SEPTEMBER[2][1], "other_provider", "no"),
        (PEOPLE[3], SEPTEMBER[3][1], "other_provider", "yes"),
        (PEOPLE[4], SEPTEMBER[4][1], "practice", "no"),
        (PEOPLE[5], SEPTEMBER[5][1], "practice", "no"),
    ]
    (tmp_path / "a.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    review_a, _, _ = _check(
        tmp_path,
        "--search", "a.csv", "--claim", "pertussis_pregnant:2024-09=6",
        "--decisions", "a_decisions.csv", "--save", "A.cqrsreview",
    )  # fmt: skip
    assert all(e["decision"] for e in review_a["events"])
    a_bytes = (tmp_path / "A.cqrsreview").read_bytes()

    # Review B: the re-exported search, where two of A's other-provider doses are now marked
    # Non-GMS, plus October's new vaccinations.
    corrected = {PEOPLE[0], PEOPLE[1]}
    (tmp_path / "b.csv").write_text(_search(SEPTEMBER + OCTOBER, corrected), encoding="utf-8")
    (tmp_path / "b_out").mkdir()
    review_b, email, stderr = _check(
        tmp_path,
        "--search", "b.csv", "--claim", "pertussis_pregnant:2024-09=6",
        "--claim", "pertussis_pregnant:2024-10=3", "--carry", "A.cqrsreview",
        "--save", "B.cqrsreview",
    )  # fmt: skip
    assert review_b["schema"] == 3
    events = _events(review_b)

    # Every September vaccination carries A's decision, note, reviewer and time.
    for nhs, date, decision, _done in decided:
        event = events[(nhs, _iso(date))]
        assert event["decision"] == decision
        assert event["carried_from"] == "A.cqrsreview"
        assert event["note"] == "from A" and event["reviewer"] == "A. Reviewer"
    # Only October's new vaccinations still need a decision.
    pending = [k for k, e in events.items() if e["needs_review"] and not e["decision"]]
    assert sorted(pending) == sorted((n, _iso(d)) for n, d in OCTOBER)
    assert all(events[(n, _iso(d))]["carried_from"] is None for n, d in OCTOBER)

    # Proof from the export: the two now marked Non-GMS are done, by the export.
    for nhs in corrected:
        event = next(e for e in review_b["events"] if e["nhs_number"] == nhs)
        assert (event["action_done"], event["action_evidence"]) == (True, "export")
    # The other two still show as the practice's own dose: not done, whatever A said.
    for nhs in (PEOPLE[2], PEOPLE[3]):
        event = next(e for e in review_b["events"] if e["nhs_number"] == nhs)
        assert (event["action_done"], event["action_evidence"]) == (False, None)
    # Given here needs nothing.
    assert events[(PEOPLE[4], _iso(SEPTEMBER[4][1]))]["action_evidence"] is None

    assert "6 decisions carried from earlier reviews" in stderr
    assert "2 now show as corrected in this search and 2 not yet" in stderr
    september = next(i for i in review_b["items"] if i["month"] == "2024-09")
    assert (september["status"], september["corrected"]) == ("amend", 2)
    assert (
        "2 now marked in our clinical system as given elsewhere, as our latest search shows"
        in email
    )
    assert "2 not yet marked in our clinical system: our latest search still counts" in email

    # The workbook says where each decision came from and what the search showed.
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "out" / "review.xlsx", read_only=True)
    rows = list(book["Events"].iter_rows(values_only=True))
    book.close()
    header = list(rows[0])
    by_nhs = {r[header.index("NHS number")]: r for r in rows[1:]}
    corrected_row = by_nhs[PEOPLE[0]]
    assert corrected_row[header.index("Carried from (earlier review)")] == "A.cqrsreview"
    assert corrected_row[header.index("Clinical system updated")] == "Yes (seen in the export)"
    shown = corrected_row[header.index("What the latest search showed")]
    assert shown.startswith("seen corrected in b.csv, row ")
    still = by_nhs[PEOPLE[2]][header.index("What the latest search showed")]
    assert still.startswith("still the practice's own dose in b.csv")
    # the worksheet and workbook give the doses still to correct a reason (UPD), so a
    # printed row already ticked "Other provider" is not passed over as done
    reasons = {nhs: by_nhs[nhs][header.index("Reasons")] or "" for nhs in PEOPLE[:6]}
    still_to_correct = [nhs for nhs in PEOPLE[:6] if "UPD" in reasons[nhs]]
    assert still_to_correct == [PEOPLE[2], PEOPLE[3]]

    # The declaration note says who checked the records: the earlier review's reviewer.
    notes = (tmp_path / "out" / "declaration_notes.txt").read_text(encoding="utf-8")
    assert "against the patient record on " in notes and " by A. Reviewer." in notes

    # The earlier review was only read.
    assert (tmp_path / "A.cqrsreview").read_bytes() == a_bytes
    # The audit log of B names A and its SHA-256 for every carried decision.
    db = sqlite3.connect(tmp_path / "B.cqrsreview")
    carried = db.execute("SELECT new FROM audit_log WHERE what = 'carried'").fetchall()
    db.close()
    assert len(carried) == 6
    import hashlib

    sha = hashlib.sha256(a_bytes).hexdigest()
    for (text,) in carried:
        entry = json.loads(text)
        assert entry["read_from"] == "A.cqrsreview" and entry["read_from_sha256"] == sha


def _marked_searches(
    folder: Path, rows: list[tuple[str, str]], marked: str, names: tuple[str, ...]
) -> None:
    """A search NAME.csv of `rows` for each of `names`, with `marked`'s dose marked Non-GMS,
    each file a little different (the second row's forename), so none is the very file
    another review read."""
    for name in names:
        lines = _search(rows, non_gms={marked}).splitlines()
        lines[2] = lines[2].replace("Alice1", f"Alice1{name}")
        (folder / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _decide_in(
    review: Path, nhs: str, decision: Decision, note: str, reviewer: str
) -> Decision | None:
    """Open the saved `review` as the window does and decide `nhs`'s vaccination again (as
    `reviewer`, with `note`); what it was decided before (None: undecided)."""
    from cqrs_desktop.review.review_session import ReviewSession

    with ReviewSession.open(review, reviewer=reviewer) as session:
        event = next(e for e in session.review.events if e.nhs_number_as_found == nhs)
        before = session.review.decision(event.id)
        session.walk.go_to(event.id)
        session.decide(decision, note=note)
    return before.decision if before is not None else None


def _a_and_c_disagree(folder: Path) -> list[tuple[str, str]]:
    """A.cqrsreview and C.cqrsreview of the same search (s.csv, two of September's): A says
    the first vaccination was given here, C by another provider. The search's rows."""
    rows = SEPTEMBER[:2]
    (folder / "s.csv").write_text(_search(rows), encoding="utf-8")
    for name, decision in (("A", "practice"), ("C", "other_provider")):
        (folder / f"{name}.csv").write_text(
            _decisions([(PEOPLE[0], rows[0][1], decision, "no")]), encoding="utf-8"
        )

    def make() -> None:
        for name in ("A", "C"):
            _check(
                folder, "--search", "s.csv", "--decisions", f"{name}.csv",
                "--save", f"{name}.cqrsreview",
            )  # fmt: skip

    _once(folder, "a_and_c_disagree", ("A.cqrsreview", "C.cqrsreview", "out"), make)
    return rows


def test_earlier_reviews_that_disagree_leave_the_vaccination_undecided(tmp_path: Path) -> None:
    rows = _a_and_c_disagree(tmp_path)
    review, _, stderr = _check(
        tmp_path, "--search", "s.csv", "--carry", "A.cqrsreview", "--carry", "C.cqrsreview",
        "--save", "D.cqrsreview",
    )  # fmt: skip
    event = next(e for e in review["events"] if e["nhs_number"] == PEOPLE[0])
    assert (event["decision"], event["carried_from"]) == (None, None)
    assert "1 vaccination decided differently in earlier reviews" in stderr

    # Both decisions are in the workbook (the event's "Carried from", the reason DIFF), as
    # they are on the card; the same when the saved review is exported again.
    import openpyxl

    for out in ("out", "again"):
        if out == "again":
            done = run("export", "D.cqrsreview", "--out", "again", cwd=tmp_path)
            assert done.returncode == 0, done.stderr
        book = openpyxl.load_workbook(tmp_path / out / "review.xlsx", read_only=True)
        rows = list(book["Events"].iter_rows(values_only=True))
        book.close()  # read-only workbooks hold their file: Windows would refuse the next run
        header = rows[0]
        (mine,) = [r for r in rows[1:] if r[header.index("NHS number")] == PEOPLE[0]]
        said = mine[header.index("Carried from (earlier review)")]
        assert said.startswith(
            "Decided differently in earlier reviews: Given here in A.cqrsreview on "
        )
        assert "; Other provider in C.cqrsreview on " in said
        assert "DIFF" in mine[header.index("Reasons")].split(", ")
    report = (tmp_path / "again" / "report.pdf").read_bytes()
    assert report.startswith(b"%PDF")


def test_what_a_review_left_undecided_between_disagreeing_reviews_stays_so(
    tmp_path: Path,
) -> None:
    """A and C disagree; D carried both and left the vaccination undecided. E carrying D
    (alone, or with either of them, before or after it) does not settle it with A's or C's
    decision: it is left to decide again, both decisions shown (decision 134). A review
    that carried D and decided it then is taken, with A and C ticked too."""
    rows = _a_and_c_disagree(tmp_path)
    _check(
        tmp_path, "--search", "s.csv", "--carry", "A.cqrsreview", "--carry", "C.cqrsreview",
        "--save", "D.cqrsreview",
    )  # fmt: skip
    import openpyxl

    for order in (("D",), ("A", "D"), ("D", "C")):  # (each a new process: few)
        carry = [f for name in order for f in ("--carry", f"{name}.cqrsreview")]
        review, email, stderr = _check(tmp_path, "--search", "s.csv", *carry)
        event = next(e for e in review["events"] if e["nhs_number"] == PEOPLE[0])
        assert (event["decision"], event["carried_from"]) == (None, None), order
        assert "1 vaccination decided differently in earlier reviews" in stderr, order
        assert "checked against the patient record" not in email
        book = openpyxl.load_workbook(tmp_path / "out" / "review.xlsx", read_only=True)
        sheet = list(book["Events"].iter_rows(values_only=True))
        book.close()
        header = sheet[0]
        (mine,) = [r for r in sheet[1:] if r[header.index("NHS number")] == PEOPLE[0]]
        said = mine[header.index("Carried from (earlier review)")]
        assert "Given here in A.cqrsreview" in said and "Other provider in C.cqrsreview" in said
    # F carried D and decided it: F's decision stands beside A's, C's and D's
    (tmp_path / "f.csv").write_text(
        _decisions([(PEOPLE[0], rows[0][1], "practice", "no")]), encoding="utf-8"
    )
    _check(
        tmp_path, "--search", "s.csv", "--carry", "D.cqrsreview", "--decisions", "f.csv",
        "--save", "F.cqrsreview",
    )  # fmt: skip
    carry = [f for name in ("C", "A", "D", "F") for f in ("--carry", f"{name}.cqrsreview")]
    review, _, stderr = _check(tmp_path, "--search", "s.csv", *carry)
    event = next(e for e in review["events"] if e["nhs_number"] == PEOPLE[0])
    assert (event["decision"], event["carried_from"]) == ("practice", "F.cqrsreview")
    assert "left to decide again" not in stderr


def test_a_review_that_changed_a_carried_decision_is_not_a_disagreement(tmp_path: Path) -> None:
    """A decided; B carried A and its decisions file decided one vaccination again. D,
    carrying A and B (ticked both), takes B's decision: B was made knowing A's, so it is
    no disagreement to settle (decision 104). A review made alongside A, not carrying it,
    still disagrees (above)."""
    rows = SEPTEMBER[:2]
    (tmp_path / "s.csv").write_text(_search(rows), encoding="utf-8")
    decided = [(PEOPLE[i], rows[i][1], "practice", "no") for i in range(2)]
    (tmp_path / "a.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(tmp_path, "--search", "s.csv", "--decisions", "a.csv", "--save", "A.cqrsreview")
    (tmp_path / "b.csv").write_text(
        _decisions([(PEOPLE[0], rows[0][1], "other_provider", "no")]), encoding="utf-8"
    )
    _check(
        tmp_path, "--search", "s.csv", "--decisions", "b.csv", "--carry", "A.cqrsreview",
        "--save", "B.cqrsreview",
    )  # fmt: skip
    # A's reviewer goes back into A and confirms another of its vaccinations with a note:
    # what B knew of this one has not changed
    _decide_in(tmp_path / "A.cqrsreview", PEOPLE[1], Decision.PRACTICE, "looked again", "A. Again")
    for order in (("A", "B"), ("B", "A")):
        carry = [f for name in order for f in ("--carry", f"{name}.cqrsreview")]
        review, _, stderr = _check(tmp_path, "--search", "s.csv", *carry)
        changed = next(e for e in review["events"] if e["nhs_number"] == PEOPLE[0])
        assert (changed["decision"], changed["carried_from"]) == ("other_provider", "B.cqrsreview")
        assert "left to decide again" not in stderr
        assert (
            "1 vaccination decided differently in earlier reviews, the later review made "
            "knowing the earlier decision: the later decision is taken"
        ) in stderr


def test_a_review_of_another_practice_is_not_carried(tmp_path: Path) -> None:
    (tmp_path / "s.csv").write_text(_search(SEPTEMBER[:1]), encoding="utf-8")
    result = run(
        "check", "--practice-ods", "Y99002", "--search", "s.csv", "--save", "other.cqrsreview",
        "--out", "o1", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    result = run(
        "check", *PRACTICE, "--search", "s.csv", "--carry", "other.cqrsreview", "--out", "o2",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert "a review of practice Y99002, not F99001" in result.stderr


def _decide_a(folder: Path) -> None:
    """Review A of September: three given elsewhere (none marked yet), three given here."""
    decided = [
        (PEOPLE[i], SEPTEMBER[i][1], "other_provider" if i < 3 else "practice", "no")
        for i in range(6)
    ]
    (folder / "a.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    (folder / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _once(
        folder, "decide_a", ("A.cqrsreview", "out"),
        lambda: _check(
            folder, "--search", "a.csv", "--claim", "pertussis_pregnant:2024-09=6",
            "--decisions", "a_decisions.csv", "--save", "A.cqrsreview",
        ),
    )  # fmt: skip


def test_doses_gone_from_a_search_that_covers_their_month_are_proof(tmp_path: Path) -> None:
    _decide_a(tmp_path)
    # The practice recoded two of the doses given elsewhere: the re-run search of September
    # and October no longer finds them.
    gone = {PEOPLE[0], PEOPLE[1]}
    kept = [row for row in SEPTEMBER if row[0] not in gone]
    (tmp_path / "b.csv").write_text(_search(kept + OCTOBER), encoding="utf-8")
    review, email, stderr = _check(
        tmp_path,
        "--search", "b.csv", "--claim", "pertussis_pregnant:2024-09=6",
        "--claim", "pertussis_pregnant:2024-10=3", "--carry", "A.cqrsreview",
        "--save", "B.cqrsreview",
    )  # fmt: skip
    listed = {g["nhs_number"]: g for g in review["gone_from_search"]}
    assert set(listed) == gone
    for nhs in gone:
        dose = listed[nhs]
        assert (dose["decision"], dose["action_done"], dose["action_evidence"]) == (
            "other_provider", True, "export",
        )  # fmt: skip
        assert dose["evidence"] == "not in b.csv, which covers September 2024"
        assert dose["decided_in"] == "A.cqrsreview"
        assert (dose["note"], dose["reviewer"]) == ("from A", "A. Reviewer")
    # The one still in the search is checked there: not yet corrected.
    still = next(e for e in review["events"] if e["nhs_number"] == PEOPLE[2])
    assert (still["decision"], still["action_done"]) == ("other_provider", False)
    assert "2 doses decided earlier as needing a change in the clinical system no longer" in (
        stderr
    )

    # The email says what is known of the two and no more: the search no longer counts them.
    september = next(i for i in review["items"] if i["month"] == "2024-09")
    assert (september["in_search"], september["corrected"]) == (4, 3)
    line = next(x for x in email.splitlines() if "September 2024" in x)
    assert "to be amended from 6 to 3" in line
    # the four the search found add up (3 + 1), and the two gone are said apart
    assert line.endswith(
        "all 4 vaccinations our search found were checked against the patient record (all of "
        "them in an earlier check, by the reviewer named in our records): 3 given "
        "by this practice; 1 given by another provider (not yet marked in our clinical system: "
        "our latest search still counts it); besides these, 2 given by other providers, found "
        "in an earlier check, are no longer counted by our latest search"
    )
    assert "marked in our clinical system as given elsewhere" not in line
    notes = (tmp_path / "out" / "declaration_notes.txt").read_text(encoding="utf-8")
    assert (
        "A further 2 vaccinations, found by an earlier check to be given by other providers, "
        "are no longer counted by the practice search." in notes
    )
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "out" / "review.xlsx", read_only=True)
    rows = list(book["No longer in search"].iter_rows(values_only=True))
    book.close()  # read-only workbooks hold their file: Windows would refuse the next run
    assert rows[0][-1] == "What the latest search showed"
    assert {r[-1] for r in rows[1:]} == {"not in b.csv, which covers September 2024"}
    assert len(rows) == 3 and {r[5] for r in rows[1:]} == {"A.cqrsreview"}
    # the NHS number as the Events sheet has it (to look it up there), the month a month
    assert {r[3] for r in rows[1:]} == gone
    assert {r[1] for r in rows[1:]} == {dt.datetime(2024, 9, 1)}

    # Month after month: review C carries from B, and the two are still gone.
    review_c, _, _ = _check(
        tmp_path, "--search", "b.csv", "--claim", "pertussis_pregnant:2024-09=6",
        "--carry", "B.cqrsreview",
    )  # fmt: skip
    again = {g["nhs_number"]: g for g in review_c["gone_from_search"]}
    assert set(again) == gone
    assert all(g["decided_in"] == "A.cqrsreview" for g in again.values())


def test_a_row_not_placed_keeps_from_proof_only_a_dose_of_its_patient(tmp_path: Path) -> None:
    """Two doses given elsewhere are gone from the re-run search, which has two rows whose
    date cannot be read: one of the first patient (it may be her dose: not proof), one of a
    patient with no dose decided earlier (it cannot be the second's: her dose is proof;
    decision 89)."""
    _decide_a(tmp_path)
    kept = [row for row in SEPTEMBER if row[0] not in {PEOPLE[0], PEOPLE[1]}]
    unreadable = [(PEOPLE[0], "31/02/2024"), (PEOPLE[8], "yesterday")]
    (tmp_path / "b.csv").write_text(_search(kept + unreadable), encoding="utf-8")
    review, email, stderr = _check(
        tmp_path,
        "--search", "b.csv", "--claim", "pertussis_pregnant:2024-09=6", "--carry",
        "A.cqrsreview", "--save", "B.cqrsreview",
    )  # fmt: skip
    assert len(review["unassigned_rows"]) == 2
    assert [g["nhs_number"] for g in review["gone_from_search"]] == [PEOPLE[1]]
    assert "1 dose decided earlier not found in this search, but neither taken as " in stderr
    line = next(x for x in email.splitlines() if "September 2024" in x)
    assert "besides these, 1 given by another provider, found in an earlier check, is no " in line


def test_doses_outside_the_months_searched_are_not_taken_as_gone(tmp_path: Path) -> None:
    _decide_a(tmp_path)
    (tmp_path / "oct.csv").write_text(_search(OCTOBER), encoding="utf-8")  # October only
    review, email, _ = _check(
        tmp_path, "--search", "oct.csv", "--claim", "pertussis_pregnant:2024-10=3",
        "--carry", "A.cqrsreview",
    )  # fmt: skip
    assert "gone_from_search" not in review  # SPEC's shape, where there are none
    assert "no longer counted" not in email
    # Stated to cover September too: now they are gone from a search that covers it.
    review, _, _ = _check(
        tmp_path, "--search", "oct.csv@2024-09..2024-10", "--claim",
        "pertussis_pregnant:2024-10=3", "--carry", "A.cqrsreview",
    )  # fmt: skip
    assert {g["nhs_number"] for g in review["gone_from_search"]} == set(PEOPLE[:3])


def test_an_earlier_review_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    (tmp_path / "s.csv").write_text(_search(SEPTEMBER[:1]), encoding="utf-8")
    (tmp_path / "junk.cqrsreview").write_bytes(b"SQLite format 3\x00" + b"\x17" * 4000)
    (tmp_path / "text.cqrsreview").write_text("not a review\n", encoding="utf-8")
    cases = {
        "missing.cqrsreview": "missing.cqrsreview: file not found",
        "junk.cqrsreview": "junk.cqrsreview: not a CQRS Desktop review, or damaged",
        "text.cqrsreview": "text.cqrsreview: this is a text file, not a CQRS Desktop review (a "
        ".cqrsreview file): a search export or CQRS figures are imported as files of the new "
        "review, not brought as an earlier review",
        "s.csv": "s.csv: this is a text file, not a CQRS Desktop review (a .cqrsreview file): a "
        "search export or CQRS figures are imported as files of the new review, not brought "
        "as an earlier review",
        "reviews": "reviews: a folder, not a file",
    }
    (tmp_path / "reviews").mkdir()
    for name, said in cases.items():
        result = run(
            "check", *PRACTICE, "--search", "s.csv", "--carry", name, "--out", f"o_{name}",
            cwd=tmp_path,
        )  # fmt: skip
        assert result.returncode == 2, (name, result.stderr)
        (line,) = [x for x in result.stderr.splitlines() if x.startswith("error:")]
        assert line == f"error: {said}", line
        assert "Traceback" not in result.stderr
        assert not (tmp_path / f"o_{name}").exists()


def _copy_of_a(folder: Path, name: str) -> Path:
    copy = folder / name
    copy.write_bytes((folder / "A.cqrsreview").read_bytes())
    return copy


def _carry_in_process(folder: Path, name: str, out: str) -> tuple[int, str]:
    """A check carrying `name`, through the command line's own `main` in this process
    (a refusal comes before anything is written; a new process each time is slow under
    Wine): its exit code and stderr."""
    from cqrs_desktop import cli

    said = io.StringIO()
    with contextlib.redirect_stderr(said), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(
            ["check", *PRACTICE, "--search", str(folder / "a.csv"),
             "--carry", str(folder / name), "--out", str(folder / out)]
        )  # fmt: skip
    return code, said.getvalue()


def _carry_refused(folder: Path, name: str) -> str:
    """The one error line of a check carrying `name`, refused (exit 2), its file unchanged."""
    before = (folder / name).read_bytes()
    code, stderr = _carry_in_process(folder, name, f"o_{name}")
    assert code == 2, stderr
    assert "Traceback" not in stderr
    assert (folder / name).read_bytes() == before, "an earlier review is only read"
    assert not (folder / f"o_{name}").exists()
    (line,) = [x for x in stderr.splitlines() if x.startswith("error:")]
    return line


def test_an_earlier_review_damaged_where_the_carry_does_not_read_is_refused(
    tmp_path: Path,
) -> None:
    """As opening it would refuse it (`cqrs-desktop export` says "damaged"): before, its
    decisions were carried as though nothing were wrong (decision 130)."""
    _decide_a(tmp_path)
    damaged = _copy_of_a(tmp_path, "damaged.cqrsreview")
    with contextlib.closing(sqlite3.connect(damaged)) as db:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        (root,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'claims'").fetchone()
    with damaged.open("r+b") as handle:  # the claims table's page: no b-tree page at all
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * 8)
    assert _carry_refused(tmp_path, damaged.name) == (
        "error: damaged.cqrsreview: the earlier review is damaged (its contents do not hold "
        "together); open a copy saved earlier"
    )


def test_an_earlier_review_holding_a_decision_that_is_none_is_refused(tmp_path: Path) -> None:
    """Two decisions edited to a word that is no decision were left out without a word."""
    _decide_a(tmp_path)
    edited = _copy_of_a(tmp_path, "edited.cqrsreview")
    with contextlib.closing(sqlite3.connect(edited)) as db:
        db.execute(
            "UPDATE decisions SET decision = 'bogus' WHERE rowid IN "
            "(SELECT rowid FROM decisions LIMIT 2)"
        )
        db.commit()
    assert _carry_refused(tmp_path, edited.name) == (
        "error: edited.cqrsreview: the earlier review is damaged (its contents do not hold "
        "together); open a copy saved earlier"
    )


def test_an_earlier_review_left_part_saved_says_to_open_it_once(tmp_path: Path) -> None:
    """The app stopped while saving a change (a power cut): its journal is beside it. Only
    read, it cannot be finished here; opening it in the app finishes it."""
    _decide_a(tmp_path)
    cut = left_part_saved(_copy_of_a(tmp_path, "cut.cqrsreview"))
    journal = cut.with_name(cut.name + "-journal")
    assert _carry_refused(tmp_path, cut.name) == (
        "error: cut.cqrsreview: the earlier review was left part-saved (the app stopped while "
        "saving a change); open it once in CQRS Desktop, which finishes it, then bring its "
        "decisions"
    )
    from cqrs_desktop.store import ReviewFile

    ReviewFile.open(cut).close()  # as the window opens it: the change cut short is undone
    assert not journal.exists() or journal.stat().st_size == 0
    code, stderr = _carry_in_process(tmp_path, cut.name, "o")
    assert code == 0, stderr


def test_an_earlier_review_open_in_the_app_is_refused_and_left_alone(tmp_path: Path) -> None:
    _decide_a(tmp_path)
    from cqrs_desktop.store import ReviewFile

    with ReviewFile.open(tmp_path / "A.cqrsreview"):  # as the window holds it
        result = run(
            "check", *PRACTICE, "--search", "a.csv", "--carry", "A.cqrsreview", "--out", "o",
            cwd=tmp_path,
        )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "error: A.cqrsreview: the earlier review is open in CQRS Desktop; close it there" in (
        result.stderr
    )


def test_three_reviews_in_a_row(tmp_path: Path) -> None:
    """A, then B carrying A, then C carrying B: every carried decision keeps the review it
    was made in, and each search is the evidence for what it shows, and no more."""
    _decide_a(tmp_path)  # PEOPLE 0-2 given elsewhere, 3-5 given here
    # B: September re-run (PEOPLE[0] now marked Non-GMS, PEOPLE[1] recoded: gone) and
    # October, decided in B (OCTOBER[0] given elsewhere and ticked as updated).
    kept = [r for r in SEPTEMBER if r[0] != PEOPLE[1]]
    (tmp_path / "b.csv").write_text(_search(kept + OCTOBER, {PEOPLE[0]}), encoding="utf-8")
    october = [
        (OCTOBER[0][0], OCTOBER[0][1], "other_provider", "yes"),
        (OCTOBER[1][0], OCTOBER[1][1], "practice", "no"),
        (OCTOBER[2][0], OCTOBER[2][1], "other_provider", "no"),
    ]
    (tmp_path / "b_decisions.csv").write_text(_decisions(october), encoding="utf-8")
    claims = ["--claim", "pertussis_pregnant:2024-09=6", "--claim", "pertussis_pregnant:2024-10=3"]
    review_b, _, _ = _check(
        tmp_path, "--search", "b.csv", *claims, "--carry", "A.cqrsreview",
        "--decisions", "b_decisions.csv", "--save", "B.cqrsreview",
    )  # fmt: skip
    b = _events(review_b)
    first = b[(PEOPLE[0], _iso(SEPTEMBER[0][1]))]
    assert (first["action_done"], first["action_evidence"], first["export_check"]) == (
        True, "export", "corrected",
    )  # fmt: skip
    assert first["evidence"].startswith("seen corrected in b.csv, row ")
    assert first["evidence"].endswith("(marked not GMS)")
    still = b[(PEOPLE[2], _iso(SEPTEMBER[2][1]))]
    assert (still["action_done"], still["export_check"]) == (False, "not_corrected")
    assert still["evidence"].startswith("still the practice's own dose in b.csv, row ")
    assert [g["nhs_number"] for g in review_b["gone_from_search"]] == [PEOPLE[1]]
    ticked = b[(OCTOBER[0][0], _iso(OCTOBER[0][1]))]  # decided in B itself: the tick counts
    assert (ticked["action_evidence"], ticked["carried_from"], ticked["export_check"]) == (
        "reviewer", None, None,
    )  # fmt: skip

    # C: the search run again: PEOPLE[1]'s dose is back (the recoding undone), PEOPLE[2] and
    # OCTOBER[2] now marked Non-GMS, OCTOBER[0] still the practice's own despite B's tick.
    marked = {PEOPLE[0], PEOPLE[2], OCTOBER[2][0]}
    (tmp_path / "c.csv").write_text(_search(SEPTEMBER + OCTOBER, marked), encoding="utf-8")
    review_c, email, stderr = _check(
        tmp_path, "--search", "c.csv", *claims, "--carry", "B.cqrsreview",
    )  # fmt: skip
    c = _events(review_c)
    assert all(e["decision"] for e in c.values())  # nothing left to decide
    assert "gone_from_search" not in review_c
    expected = {
        # (carried from, action done, evidence, export check)
        PEOPLE[0]: ("A.cqrsreview", True, "export", "corrected"),
        PEOPLE[1]: ("A.cqrsreview", False, None, "not_corrected"),  # back in the search
        PEOPLE[2]: ("A.cqrsreview", True, "export", "corrected"),
        PEOPLE[3]: ("A.cqrsreview", False, None, None),  # given here: nothing to check
        OCTOBER[0][0]: ("B.cqrsreview", False, None, "not_corrected"),
        OCTOBER[1][0]: ("B.cqrsreview", False, None, None),
        OCTOBER[2][0]: ("B.cqrsreview", True, "export", "corrected"),
    }
    for (nhs, _date), event in c.items():
        if nhs in expected:
            found = (event["carried_from"], event["action_done"], event["action_evidence"],
                     event["export_check"])  # fmt: skip
            assert found == expected[nhs], nhs
        if event["export_check"]:
            assert f"in c.csv, row {event['row']}" in event["evidence"], nhs
    # B's tick is not taken as done while the search still counts the dose: the words say so.
    assert c[(OCTOBER[0][0], _iso(OCTOBER[0][1]))]["evidence"].endswith(
        "(the earlier review says it was updated: check the record)"
    )
    assert "3 now show as corrected in this search and 2 not yet" in stderr
    # The email counts what the search shows: 2 and 1 marked, 1 and 1 not yet.
    september = next(x for x in email.splitlines() if "September 2024" in x)
    assert "(2 now marked in our clinical system as given elsewhere, as our latest" in september
    assert "1 not yet marked in our clinical system" in september
    assert "no longer counted" not in email


def test_a_patient_whose_nhs_number_is_missing_one_month_keeps_the_decision(
    tmp_path: Path,
) -> None:
    """A's dose given elsewhere comes back in B's export without its NHS number (real
    exports do): it is found by surname and date of birth, not taken as gone from the search
    (and counted twice); in C the number is back, and it is found again."""
    _decide_a(tmp_path)
    blank = PEOPLE[0]
    lines = _search(SEPTEMBER + OCTOBER).splitlines()
    lines = [line.removeprefix(blank) if line.startswith(blank) else line for line in lines]
    (tmp_path / "b.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    review, email, stderr = _check(
        tmp_path, "--search", "b.csv", "--claim", "pertussis_pregnant:2024-09=6",
        "--carry", "A.cqrsreview", "--save", "B.cqrsreview",
    )  # fmt: skip
    assert "gone_from_search" not in review
    assert "no longer counted" not in email and "no longer" not in stderr
    (event,) = [e for e in review["events"] if e["date"] == _iso(SEPTEMBER[0][1])]
    assert event["nhs_number"] in (None, "")
    assert (event["decision"], event["carried_from"]) == ("other_provider", "A.cqrsreview")
    assert (event["action_done"], event["action_evidence"]) == (False, None)
    assert "6 decisions carried from earlier reviews" in stderr
    september = next(i for i in review["items"] if i["month"] == "2024-09")
    assert september["in_search"] == 6

    # C: the number is back; the decision, made in A, is found from B by name
    (tmp_path / "c.csv").write_text(_search(SEPTEMBER, {blank}), encoding="utf-8")
    review_c, email_c, _ = _check(
        tmp_path, "--search", "c.csv", "--carry", "B.cqrsreview",
    )  # fmt: skip
    assert "gone_from_search" not in review_c
    back = _events(review_c)[(blank, _iso(SEPTEMBER[0][1]))]
    assert (back["decision"], back["carried_from"]) == ("other_provider", "A.cqrsreview")
    assert (back["action_done"], back["action_evidence"]) == (True, "export")  # now Non-GMS
    assert "no longer counted" not in email_c


def _a_without_her_number(folder: Path, decision: str, note: str) -> str:
    """Review A.cqrsreview of September, PEOPLE[0] with no NHS number (keyed by name),
    decided `decision` with `note` (by event id); the search's text, for reuse."""
    blank, day = PEOPLE[0], SEPTEMBER[0][1]
    lines = _search(SEPTEMBER).splitlines()
    unnumbered = "\n".join(x.removeprefix(blank) if x.startswith(blank) else x for x in lines)
    (folder / "a.csv").write_text(unnumbered + "\n", encoding="utf-8")
    first, _, _ = _check(folder, "--search", "a.csv")
    (alice,) = [e["id"] for e in first["events"] if e["date"] == _iso(day)]
    (folder / "a_decisions.csv").write_text(
        f"event_id,decision,note,reviewer\n{alice},{decision},{note},A. Reviewer\n",
        encoding="utf-8",
    )
    _check(folder, "--search", "a.csv", "--decisions", "a_decisions.csv", "--save", "A.cqrsreview")
    return unnumbered


def test_a_decision_replaced_by_a_decisions_file_does_not_come_back_by_name(
    tmp_path: Path,
) -> None:
    """A: Alice has no NHS number, decided given elsewhere (by name). B: her number is
    there, and B's decisions file says given here: B's decision replaces A's (said so, not
    "could not be matched"). D: her number is missing again; carrying B gives B's decision,
    never A's superseded one."""
    blank, day = PEOPLE[0], SEPTEMBER[0][1]
    unnumbered = _a_without_her_number(tmp_path, "other_provider", "hospital")
    (tmp_path / "b.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    (tmp_path / "b_decisions.csv").write_text(
        _decisions([(blank, day, "practice", "no")]), encoding="utf-8"
    )
    _, _, stderr = _check(
        tmp_path, "--search", "b.csv", "--decisions", "b_decisions.csv", "--carry",
        "A.cqrsreview", "--save", "B.cqrsreview",
    )  # fmt: skip
    assert "could not be matched with certainty" not in stderr
    assert (
        "1 vaccination decided earlier was decided in this review already (the decisions "
        "file, or by hand): this review's decision stands, and differs from the earlier one"
    ) in stderr
    (tmp_path / "d.csv").write_text(unnumbered + "\n", encoding="utf-8")
    review_d, _, _ = _check(tmp_path, "--search", "d.csv", "--carry", "B.cqrsreview")
    (event,) = [e for e in review_d["events"] if e["date"] == _iso(day)]
    assert (event["decision"], event["carried_from"]) == ("practice", "B.cqrsreview")


def test_a_vaccination_marked_unsure_in_a_is_said_not_carried(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    decided = [(PEOPLE[0], SEPTEMBER[0][1], "unsure", "no")]
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(
        tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv", "--save",
        "A.cqrsreview",
    )  # fmt: skip
    review, _, stderr = _check(
        tmp_path, "--search", "a.csv", "--carry", "A.cqrsreview", "--save", "B.cqrsreview"
    )
    assert "1 vaccination marked unsure in an earlier review is not carried" in stderr
    event = _events(review)[(PEOPLE[0], _iso(SEPTEMBER[0][1]))]
    assert (event["decision"], event["carried_from"]) == (None, None)
    # who doubted it, and the note, travel with it: kept in B, shown in its workbook
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "out" / "review.xlsx", read_only=True)
    texts = [str(c) for r in book["Events"].iter_rows(values_only=True) for c in r if c]
    assert any(
        t.startswith("Marked unsure in an earlier review, not carried: Unsure in A.cqrsreview")
        and "by A. Reviewer (note: from A)" in t
        for t in texts
    )
    with contextlib.closing(sqlite3.connect(tmp_path / "B.cqrsreview")) as db:
        assert db.execute("SELECT decision, note FROM earlier_decisions").fetchall() == [
            ("unsure", "from A")
        ]


def test_decisions_for_months_a_review_did_not_search_travel_on_to_the_next(
    tmp_path: Path,
) -> None:
    """B searched October only, carrying A (September): A's decisions are kept in B; C
    searches September and October carrying B alone and still finds them, decided in A."""
    _decide_a(tmp_path)
    (tmp_path / "oct.csv").write_text(_search(OCTOBER), encoding="utf-8")
    _, email, stderr = _check(
        tmp_path, "--search", "oct.csv", "--carry", "A.cqrsreview", "--save", "B.cqrsreview",
        "--claim", "pertussis_pregnant:2024-09=6",
    )  # fmt: skip
    assert (
        "6 decisions for months, days or programmes this review's searches do not cover, kept for "
        "later reviews" in stderr
    )
    # B's email does not call September unchecked: it says A's check is not repeated
    assert (
        "September 2024: 6 claimed; our search did not cover September 2024, so this email "
        "does not check this claim (an earlier check decided 6 of its vaccinations; they are "
        "not checked again here)" in email
    )
    notes = (tmp_path / "out" / "declaration_notes.txt").read_text(encoding="utf-8")
    assert "An earlier check decided 6 of its vaccinations" in notes
    (tmp_path / "c.csv").write_text(_search(SEPTEMBER + OCTOBER, {PEOPLE[0]}), encoding="utf-8")
    review, _email, stderr = _check(
        tmp_path, "--search", "c.csv", "--carry", "B.cqrsreview", "--save", "C.cqrsreview",
    )  # fmt: skip
    events = _events(review)
    for i, (nhs, date) in enumerate(SEPTEMBER):
        event = events[(nhs, _iso(date))]
        assert event["decision"] == ("other_provider" if i < 3 else "practice")
        assert (event["carried_from"], event["note"]) == ("A.cqrsreview", "from A")
    first = events[(PEOPLE[0], _iso(SEPTEMBER[0][1]))]
    assert (first["action_done"], first["action_evidence"]) == (True, "export")  # Non-GMS now
    second = events[(PEOPLE[1], _iso(SEPTEMBER[1][1]))]
    assert (second["action_done"], second["action_evidence"]) == (False, None)
    assert "kept for later reviews" not in stderr  # all found again: none left over
    with contextlib.closing(sqlite3.connect(tmp_path / "C.cqrsreview")) as db:
        assert db.execute("SELECT COUNT(*) FROM held_decisions").fetchone() == (0,)


def test_a_vaccination_decided_earlier_now_in_the_search_twice_is_said(tmp_path: Path) -> None:
    _decide_a(tmp_path)
    (tmp_path / "b.csv").write_text(_search(SEPTEMBER + SEPTEMBER[:1]), encoding="utf-8")
    review, _, stderr = _check(tmp_path, "--search", "b.csv", "--carry", "A.cqrsreview")
    assert "5 decisions carried from earlier reviews" in stderr
    assert (
        "1 vaccination decided earlier is in this search twice (a duplicate entry): no "
        "earlier decision is carried (kept for later reviews), decide each entry again" in stderr
    )
    twice = [e for e in review["events"] if e["nhs_number"] == PEOPLE[0]]
    assert len(twice) == 2 and all(e["decision"] is None for e in twice)


def test_an_earlier_review_given_twice_is_read_once_and_said(tmp_path: Path) -> None:
    _decide_a(tmp_path)
    _, _, stderr = _check(
        tmp_path, "--search", "a.csv", "--carry", "A.cqrsreview", "--carry", "./A.cqrsreview"
    )
    assert "notice: A.cqrsreview: given twice with --carry, read once" in stderr
    assert "6 decisions carried from earlier reviews" in stderr
    # a copy under another name: the same decisions, read once, named by the review made
    # first, alike in all else the shorter name, whatever the order given (decision 471)
    import shutil

    shutil.copyfile(tmp_path / "A.cqrsreview", tmp_path / "A copy.cqrsreview")
    review, _, stderr = _check(
        tmp_path, "--search", "a.csv", "--carry", "A.cqrsreview", "--carry", "A copy.cqrsreview"
    )
    assert "A copy.cqrsreview has the same contents as A.cqrsreview: read once" in stderr
    assert "left to decide again" not in stderr
    carried = {e["carried_from"] for e in review["events"] if e["decision"]}
    assert carried == {"A.cqrsreview"}
    # two different reviews of one name (in two folders): refused, not shown as two "A"s
    _check(tmp_path, "--search", "a.csv", "--save", "other/A.cqrsreview")
    result = run(
        "check", *PRACTICE, "--search", "a.csv", "--carry", "A.cqrsreview",
        "--carry", "other/A.cqrsreview", "--out", "o_same", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert (
        "error: A.cqrsreview: two different earlier reviews of this name were given; their "
        "decisions could not be told apart"
    ) in result.stderr
    # and a review given as a search says what it is, and how to bring it
    result = run("check", *PRACTICE, "--search", "A.cqrsreview", "--out", "o_r", cwd=tmp_path)
    assert result.returncode == 2
    assert "A.cqrsreview: this is a CQRS Desktop review, not a table of data" in result.stderr
    assert "--carry" in result.stderr


def test_a_dose_recoded_as_given_by_another_provider_names_the_row(tmp_path: Path) -> None:
    """Recoded in the clinical system: the search has the 'given by another provider' code
    where the dose was: gone from the claim, and the evidence names that row."""
    _decide_a(tmp_path)
    lines = _search(SEPTEMBER).splitlines()
    lines[1] = lines[1].replace(CODE, "956971000000108")  # PEOPLE[0], row 2
    (tmp_path / "b.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    review, _, stderr = _check(tmp_path, "--search", "b.csv", "--carry", "A.cqrsreview")
    (gone,) = review["gone_from_search"]
    assert gone["nhs_number"] == PEOPLE[0]
    assert gone["evidence"] == "now a 'given by another provider' code in b.csv, row 2"
    # the notice says what the search shows of it: recoded, not "no longer in this search"
    # (its row is there, with the other code: decision 235)
    assert (
        "1 dose decided earlier as needing a change in the clinical system now recoded as "
        "given by another provider in this search (taken as corrected)"
    ) in stderr, stderr
    assert "no longer in this search (taken as corrected)" not in stderr


def _line(nhs: str, surname: str, date: str, forename: str = "Alice") -> str:
    return f"{nhs},{surname},{forename},05/05/1990,F,{date},{CODE},F99001,"


def test_two_patients_of_one_name_and_day_are_not_told_apart_by_name(tmp_path: Path) -> None:
    """A held two Smiths born the same day, vaccinated the same day: Xena with an NHS
    number (given here), Yara without (given elsewhere). In B Xena's number is missing and
    Yara is not there: which Smith it is cannot be told by name, so she takes neither
    decision, and Yara's is not "gone" (she may be that row)."""
    day = "12/09/2024"
    xena = PEOPLE[0]
    (tmp_path / "a.csv").write_text(
        "\n".join([HEADER, _line(xena, "Smith", day, "Xena"), _line("", "Smith", day, "Yara")])
        + "\n",
        encoding="utf-8",
    )
    first, _, _ = _check(tmp_path, "--search", "a.csv")
    yara = next(e["id"] for e in first["events"] if not e["nhs_number"])
    (tmp_path / "a_decisions.csv").write_text(
        "event_id,nhs_number,programme,date,decision,action_done,note\n"
        f",{xena},pertussis_pregnant,{day},practice,no,Xena\n"
        f"{yara},,pertussis_pregnant,{day},other_provider,yes,Yara\n",
        encoding="utf-8",
    )
    _check(
        tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv", "--save", "A.cqrsreview"
    )
    (tmp_path / "b.csv").write_text(
        "\n".join([HEADER, _line("", "Smith", day, "Xena")]) + "\n", encoding="utf-8"
    )
    review, email, stderr = _check(
        tmp_path, "--search", "b.csv", "--claim", "pertussis_pregnant:2024-09=1",
        "--carry", "A.cqrsreview", "--save", "B.cqrsreview",
    )  # fmt: skip
    (event,) = review["events"]
    assert (event["decision"], event["carried_from"]) == (None, None)
    assert "gone_from_search" not in review
    assert "no longer counted" not in email
    assert "0 decisions carried from earlier reviews" in stderr
    assert (
        "2 decisions of earlier reviews not carried: the patient could not be matched with "
        "certainty (an NHS number missing or not valid on one side, or two patients of one "
        "name and birth date; kept for later reviews)"
    ) in stderr
    # Both are kept in B: in C, carrying B alone, Xena has her number again and is found.
    (tmp_path / "c.csv").write_text(
        "\n".join([HEADER, _line(xena, "Smith", day, "Xena")]) + "\n", encoding="utf-8"
    )
    review_c, _, _ = _check(tmp_path, "--search", "c.csv", "--carry", "B.cqrsreview")
    (event,) = review_c["events"]
    assert (event["decision"], event["carried_from"]) == ("practice", "A.cqrsreview")


def test_a_mistyped_nhs_number_is_found_by_name_not_taken_as_gone(tmp_path: Path) -> None:
    """B's row has a mistyped number (not valid: the app flags it): the patient is found by
    surname and date of birth, and her dose is not "no longer in the search"."""
    _decide_a(tmp_path)
    first = PEOPLE[0]
    typo = first[:-1] + str((int(first[-1]) + 1) % 10)
    lines = _search(SEPTEMBER).splitlines()
    lines[1] = lines[1].replace(first, typo, 1)
    (tmp_path / "b.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    review, email, stderr = _check(
        tmp_path, "--search", "b.csv", "--claim", "pertussis_pregnant:2024-09=6",
        "--carry", "A.cqrsreview",
    )  # fmt: skip
    assert "gone_from_search" not in review
    assert "no longer counted" not in email
    (event,) = [e for e in review["events"] if e["date"] == _iso(SEPTEMBER[0][1])]
    assert (event["decision"], event["carried_from"]) == ("other_provider", "A.cqrsreview")
    assert "6 decisions carried from earlier reviews" in stderr


def test_a_number_mistyped_in_a_and_put_right_since_finds_her_decision(tmp_path: Path) -> None:
    """A's row had a mistyped number (flagged); her dose was decided as given elsewhere. B
    has her number put right, the dose still the practice's own: she is found by surname
    and date of birth (decision 133), her dose is not "no longer in the search" (taken as
    corrected, and counted twice once decided again), and it is not yet corrected. A
    search still holding the mistyped number finds her too."""
    first, day = SEPTEMBER[0]
    typo = first[:-1] + str((int(first[-1]) + 1) % 10)
    mistyped = [(typo, day), *SEPTEMBER[1:3]]
    (tmp_path / "a.csv").write_text(_search(mistyped), encoding="utf-8")
    decided = [(nhs, date, "other_provider", "no") for nhs, date in mistyped]
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(
        tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv", "--save", "A.cqrsreview"
    )
    for search, number in ((SEPTEMBER[:3], first), (mistyped, typo)):
        # (with October's first: not the very file A read, which would prove nothing)
        (tmp_path / "b.csv").write_text(_search([*search, OCTOBER[0]]), encoding="utf-8")
        review, email, stderr = _check(
            tmp_path, "--search", "b.csv", "--claim", "pertussis_pregnant:2024-09=3",
            "--carry", "A.cqrsreview",
        )  # fmt: skip
        assert "gone_from_search" not in review
        assert "no longer counted" not in email
        event = _events(review)[number, _iso(day)]
        assert (event["decision"], event["carried_from"]) == ("other_provider", "A.cqrsreview")
        assert (event["action_done"], event["export_check"]) == (False, "not_corrected")
        assert "3 decisions carried from earlier reviews" in stderr
        assert "taken as corrected" not in stderr


def test_a_dose_given_here_no_longer_found_is_said_to_the_team(tmp_path: Path) -> None:
    """A dose A decided as given by the practice that B's search of the same month no
    longer holds (the patient left, a code changed): the claim's count falls by one, and
    the email, the notes and the notice say why; the review file keeps it (decision 86)."""
    decided = [(nhs, date, "practice", "no") for nhs, date in SEPTEMBER]
    (tmp_path / "a.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(
        tmp_path, "--search", "a.csv", "--claim", "pertussis_pregnant:2024-09=6",
        "--decisions", "a_decisions.csv", "--save", "A.cqrsreview",
    )  # fmt: skip
    # (one of the days it looked at, between its first and last: decision 138)
    (tmp_path / "b.csv").write_text(_search(SEPTEMBER[:2] + SEPTEMBER[3:]), encoding="utf-8")
    review_b, email, stderr = _check(
        tmp_path, "--search", "b.csv", "--claim", "pertussis_pregnant:2024-09=6",
        "--carry", "A.cqrsreview", "--save", "B.cqrsreview",
    )  # fmt: skip
    said = (
        "1 given by this practice, found in an earlier check, is no longer found by our "
        "latest search, so it is not counted"
    )
    (line,) = [x for x in email.splitlines() if x.startswith("- Pertussis")]
    assert "to be amended from 6 to 5" in line and said in line
    notes = (tmp_path / "out" / "declaration_notes.txt").read_text(encoding="utf-8")
    assert (
        "A further vaccination, found by an earlier check to be given by this practice, is no "
        "longer found by the practice search, so it is not counted in this claim." in notes
    )
    assert "1 dose decided earlier as needing no change" in stderr
    assert "gone_from_search" not in review_b  # not taken as a correction
    # which dose it is: in review.json, the workbook and the report
    (lost,) = review_b["no_longer_found"]
    assert (lost["nhs_number"], lost["decision"], lost["action_evidence"]) == (
        SEPTEMBER[2][0],
        "practice",
        None,
    )
    assert lost["evidence"] == "not in b.csv, which covers September 2024"
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "out" / "review.xlsx", read_only=True)
    rows = list(book["No longer in search"].iter_rows(values_only=True))
    book.close()
    assert [(r[3], r[4]) for r in rows[1:]] == [(SEPTEMBER[2][0], "Given here")]
    from pypdf import PdfReader

    pages = PdfReader(str(tmp_path / "out" / "report.pdf")).pages
    report = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert (
        "Decided earlier and no longer in the search (listed in the workbook): 1 given by "
        "this practice" in report
    )
    # reopened from the review file, it is still said
    result = run("export", "B.cqrsreview", "--out", "again", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert said in (tmp_path / "again" / "email.txt").read_text(encoding="utf-8")


def test_a_patient_without_nhs_number_marked_unsure_in_a_is_said_too(tmp_path: Path) -> None:
    """Unsure in A for a patient with no NHS number (keyed by name), found here by name,
    and, with her number back, by her other identifier: said both times."""
    _a_without_her_number(tmp_path, "unsure", "ask the midwife")
    for search in ("a.csv", "numbered.csv"):
        (tmp_path / "numbered.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
        _, _, stderr = _check(tmp_path, "--search", search, "--carry", "A.cqrsreview")
        assert "1 vaccination marked unsure in an earlier review is not carried" in stderr, search


def test_a_patient_an_earlier_search_held_twice_is_shown_with_both_decisions(
    tmp_path: Path,
) -> None:
    """Review A's search had a patient twice on one day (a duplicate entry): one entry
    decided given here, the other not given. Next month's search has her once: which entry
    it is cannot be told, so nothing is carried, and the event, the notice and the workbook
    show both decisions (decision 108; before, both were dropped without a word)."""
    twice = [SEPTEMBER[0], SEPTEMBER[0], SEPTEMBER[1]]
    (tmp_path / "a.csv").write_text(_search(twice), encoding="utf-8")
    first, _, _ = _check(tmp_path, "--search", "a.csv")
    ids = sorted(e["id"] for e in first["events"] if e["nhs_number"] == PEOPLE[0])
    assert len(ids) == 2
    date = SEPTEMBER[0][1]
    (tmp_path / "a_decisions.csv").write_text(
        "event_id,nhs_number,programme,date,decision,action_done,note,reviewer\n"
        f"{ids[0]},{PEOPLE[0]},pertussis_pregnant,{date},practice,no,seen,A. Reviewer\n"
        f"{ids[1]},{PEOPLE[0]},pertussis_pregnant,{date},not_given,no,duplicate entry,"
        "A. Reviewer\n",
        encoding="utf-8",
    )
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip

    (tmp_path / "b.csv").write_text(_search(SEPTEMBER[:2]), encoding="utf-8")
    review_b, _, stderr = _check(tmp_path, "--search", "b.csv", "--carry", "A.cqrsreview")
    event = _events(review_b)[(PEOPLE[0], _iso(date))]
    assert (event["decision"], event["carried_from"]) == (None, None)
    assert "1 event whose vaccination an earlier review's search held more than once" in stderr
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "out" / "review.xlsx", read_only=True)
    cells = [str(c) for r in book.worksheets[1].iter_rows(values_only=True) for c in r if c]
    shown = [c for c in cells if c.startswith("Held twice in an earlier review")]
    assert len(shown) == 1
    assert "Given here in A.cqrsreview" in shown[0] and "Not given in A.cqrsreview" in shown[0]
    assert "(note: duplicate entry)" in shown[0]
    rows = list(book["Events"].iter_rows(values_only=True))
    reasons = rows[0].index("Reasons")
    (hers,) = [r for r in rows[1:] if r[rows[0].index("NHS number")] == PEOPLE[0]]
    assert "ERLY" in hers[reasons]  # an earlier word not carried: a reason to check it


def test_a_duplicate_entry_decided_once_and_marked_unsure_once_is_not_carried(
    tmp_path: Path,
) -> None:
    """Review A's search had a patient twice on one day: one entry decided not given
    (duplicate entry), the other marked unsure. Next month's search has her once: the "not
    given" was carried to her one dose (which entry it is cannot be told, and the doubt
    was set aside), and the email would have asked to take a dose off the claim. Nothing is
    carried; both entries are shown (decision 113)."""
    twice = [SEPTEMBER[0], SEPTEMBER[0], SEPTEMBER[1]]
    (tmp_path / "a.csv").write_text(_search(twice), encoding="utf-8")
    first, _, _ = _check(tmp_path, "--search", "a.csv")
    ids = sorted(e["id"] for e in first["events"] if e["nhs_number"] == PEOPLE[0])
    date = SEPTEMBER[0][1]
    (tmp_path / "a_decisions.csv").write_text(
        "event_id,nhs_number,programme,date,decision,action_done,note,reviewer\n"
        f"{ids[0]},{PEOPLE[0]},pertussis_pregnant,{date},not_given,no,duplicate entry,"
        "A. Reviewer\n"
        f"{ids[1]},{PEOPLE[0]},pertussis_pregnant,{date},unsure,no,ask the midwife,"
        "A. Reviewer\n",
        encoding="utf-8",
    )
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip

    (tmp_path / "b.csv").write_text(_search(SEPTEMBER[:2]), encoding="utf-8")
    review_b, _, stderr = _check(tmp_path, "--search", "b.csv", "--carry", "A.cqrsreview")
    event = _events(review_b)[(PEOPLE[0], _iso(date))]
    assert (event["decision"], event["carried_from"]) == (None, None)
    assert "1 event whose vaccination an earlier review's search held more than once" in stderr
    assert "marked unsure in an earlier review" not in stderr  # said once, as held twice
    email = (tmp_path / "out" / "email.txt").read_text(encoding="utf-8")
    assert "recorded in error" not in email
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "out" / "review.xlsx", read_only=True)
    cells = [str(c) for r in book.worksheets[1].iter_rows(values_only=True) for c in r if c]
    book.close()
    (shown,) = [c for c in cells if c.startswith("Held twice in an earlier review")]
    assert "Not given in A.cqrsreview" in shown and "(note: duplicate entry)" in shown
    assert "Unsure in A.cqrsreview" in shown and "(note: ask the midwife)" in shown


def test_an_october_search_with_one_late_september_dose_proves_nothing_of_september(
    tmp_path: Path,
) -> None:
    """Review A checked September (four given here, two given elsewhere). This month's
    search is of October, holding one dose of 30 September recorded late: by SPEC 3 it
    "covers" September, so each of A's September doses was gone: two taken as corrected in
    the clinical system ("action_evidence": "export") and four as no longer found, and the
    email said the two were no longer counted, as if corrected. It never searched those
    days: the two are not taken as gone, they are kept for later reviews, and the notice
    says why (decision 120). Nor are the four given here said to be no longer found: the
    email would then ask to take them off the claim for days never searched (decision 138)."""
    (tmp_path / "a.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    decided = [
        (nhs, date, "other_provider" if i < 2 else "practice", "no")
        for i, (nhs, date) in enumerate(SEPTEMBER)
    ]
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip

    late = (PEOPLE[8], "30/09/2024")  # not in A's search
    (tmp_path / "october.csv").write_text(_search([late, *OCTOBER[:2]]), encoding="utf-8")
    review_b, email, stderr = _check(
        tmp_path, "--search", "october.csv", "--carry", "A.cqrsreview",
        "--claim", "pertussis_pregnant:2024-09=6",
    )  # fmt: skip
    assert review_b.get("gone_from_search", []) == []
    assert review_b.get("no_longer_found", []) == []
    assert "found in an earlier check, are no longer" not in email
    assert "6 doses decided earlier not found in this search, neither taken as corrected" in stderr
    assert "dated before the search's first vaccination (or after its last)" in stderr
    # the same search stated to cover September whole (the practice says it searched it):
    # the doses it lacks are gone, as before
    review_c, email, _ = _check(
        tmp_path, "--search", "october.csv@2024-09..2024-10", "--carry", "A.cqrsreview",
    )  # fmt: skip
    assert len(review_c["gone_from_search"]) == 2
    assert len(review_c["no_longer_found"]) == 4


def test_a_column_that_marks_every_dose_alike_proves_no_correction(tmp_path: Path) -> None:
    """A decided two doses given elsewhere, of six. The next export names the practice
    differently in its organisation column ("Riverside Health Centre" for every dose), or
    leaves its Non-GMS column "Yes" on every row: the two were taken as corrected on the
    export's evidence, though the same column says the same of the four doses given here,
    and the email said both were marked. Such a column proves nothing (decision 122)."""
    (tmp_path / "a.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    decided = [
        (nhs, date, "other_provider" if i < 2 else "practice", "no")
        for i, (nhs, date) in enumerate(SEPTEMBER)
    ]
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip

    named = _search(SEPTEMBER).replace(",F99001,", ",Riverside Health Centre,")
    every = _search(SEPTEMBER, non_gms={nhs for nhs, _date in SEPTEMBER})
    for name, text, why in (
        ("named.csv", named, "names another organisation for doses not known to be given"),
        ("every.csv", every, "marks not GMS doses not known to be given elsewhere too"),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
        review_b, email, stderr = _check(tmp_path, "--search", name, "--carry", "A.cqrsreview")
        elsewhere = [e for e in review_b["events"] if e["decision"] == "other_provider"]
        assert len(elsewhere) == 2, name
        for event in elsewhere:
            assert event["action_evidence"] != "export", name
            assert why in event["evidence"], (name, event["evidence"])
        assert "as our latest search shows" not in email, name
    # the notice counts the two the Non-GMS column cannot check (decision 126)
    assert (
        "2 cannot be checked against this search, whose GMS or Non-GMS column marks doses "
        "not known to be given elsewhere too (none counts as updated" in stderr
    )


def test_one_dose_given_here_now_marked_does_not_void_the_marks_of_the_rest(
    tmp_path: Path,
) -> None:
    """Attack round F. A decided two doses given elsewhere and four given here. The
    practice marked one of the two Non-GMS, and found one "given here" was another
    provider's after all, and marked it too. That one mark on a dose decided given here
    voided every mark in the export: the real correction was "not yet marked" in the
    email. The three doses given here that are not marked show the column tells doses
    apart: the correction is proved, the dose decided given here is decided again
    (decision 88) and the other given elsewhere is not yet corrected (decision 126)."""
    (tmp_path / "a.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    decided = [
        (nhs, date, "other_provider" if i < 2 else "practice", "no")
        for i, (nhs, date) in enumerate(SEPTEMBER)
    ]
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip
    marked = _search(SEPTEMBER, non_gms={PEOPLE[0], PEOPLE[4]})
    (tmp_path / "b.csv").write_text(marked, encoding="utf-8")
    review_b, _, stderr = _check(tmp_path, "--search", "b.csv", "--carry", "A.cqrsreview")
    events = _events(review_b)
    first, second = (events[(nhs, _iso(date))] for nhs, date in SEPTEMBER[:2])
    assert (first["action_done"], first["action_evidence"]) == (True, "export")
    assert "seen corrected in b.csv" in first["evidence"]
    assert (second["action_done"], second["action_evidence"]) == (False, None)
    assert second["evidence"].startswith("still the practice's own dose in b.csv")
    assert events[(PEOPLE[4], _iso(SEPTEMBER[4][1]))]["decision"] is None  # decided again
    assert "1 now shows as corrected in this search and 1 not yet" in stderr


def test_a_given_here_decided_again_knowingly_does_not_void_the_export(tmp_path: Path) -> None:
    """Attack round F. A decided one dose given here and one given elsewhere; B, carrying
    A, decided the first again as given elsewhere (knowing A's word). The practice marked
    both Non-GMS. Carrying A and B, the overruled "given here" of A counted as a dose given
    here marked Non-GMS, so the mark on every dose proved nothing. B's decision stands
    (decision 104): both doses are known to be given elsewhere, and the marks prove both
    corrected (decision 126)."""
    two = SEPTEMBER[:2]
    (tmp_path / "a.csv").write_text(_search(two), encoding="utf-8")
    (tmp_path / "a_decisions.csv").write_text(
        _decisions([(two[0][0], two[0][1], "practice", "no"),
                    (two[1][0], two[1][1], "other_provider", "no")]),
        encoding="utf-8",
    )  # fmt: skip
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip
    (tmp_path / "b_decisions.csv").write_text(
        _decisions([(two[0][0], two[0][1], "other_provider", "no")]), encoding="utf-8"
    )
    _check(tmp_path, "--search", "a.csv", "--carry", "A.cqrsreview",
           "--decisions", "b_decisions.csv", "--save", "B.cqrsreview")  # fmt: skip
    marked = _search(two, non_gms={nhs for nhs, _date in two})
    (tmp_path / "c.csv").write_text(marked, encoding="utf-8")
    review_c, email, stderr = _check(
        tmp_path, "--search", "c.csv", "--carry", "A.cqrsreview", "--carry", "B.cqrsreview"
    )
    for event in review_c["events"]:
        assert (event["decision"], event["action_done"], event["action_evidence"]) == (
            "other_provider", True, "export"
        ), event["evidence"]  # fmt: skip
    assert "1 vaccination decided differently in earlier reviews, the later review" in stderr
    assert "not yet marked" not in email


def test_a_search_of_doses_all_given_elsewhere_all_marked_proves_them(tmp_path: Path) -> None:
    """Both doses of a small search were decided given elsewhere; the practice ticked
    Non-GMS on both and the next export shows both so. Every dose is marked alike, but none
    is one the practice gave: the marks prove the corrections (decision 122 discounts a
    uniform column only where it says the same of a dose given here)."""
    two = SEPTEMBER[:2]
    (tmp_path / "a.csv").write_text(_search(two), encoding="utf-8")
    decided = [(nhs, date, "other_provider", "no") for nhs, date in two]
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip
    marked = _search(two, non_gms={nhs for nhs, _date in two})
    (tmp_path / "marked.csv").write_text(marked, encoding="utf-8")
    review_b, email, _ = _check(tmp_path, "--search", "marked.csv", "--carry", "A.cqrsreview")
    for event in review_b["events"]:
        assert (event["decision"], event["action_done"], event["action_evidence"]) == (
            "other_provider",
            True,
            "export",
        )
    assert "not yet marked" not in email


def test_a_re_export_proves_corrections_at_the_months_ends_and_a_stray_dose_does_not(
    tmp_path: Path,
) -> None:
    """A's October search held four doses; only the two given elsewhere (3 and 28 October)
    were decided. The practice corrected both and re-ran the search of GMS doses: it holds
    the 10 and 20 October doses, so its first and last vaccinations no longer reach the 3rd
    and the 28th, yet it searched October as A did (it holds A's other doses): both are
    gone, proof of the corrections. A November search holding one dose of 31 October,
    which A's search did not hold, looked elsewhere: A's doses prove nothing there
    (decision 120)."""
    october = [(PEOPLE[i], f"{day:02d}/10/2024") for i, day in enumerate((3, 10, 20, 28))]
    (tmp_path / "a.csv").write_text(_search(october), encoding="utf-8")
    given_elsewhere = [october[0], october[3]]
    decided = [(nhs, date, "other_provider", "no") for nhs, date in given_elsewhere]
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip

    (tmp_path / "again.csv").write_text(_search(october[1:3]), encoding="utf-8")
    review_b, _, _ = _check(tmp_path, "--search", "again.csv", "--carry", "A.cqrsreview")
    gone = sorted((g["nhs_number"], g["action_evidence"]) for g in review_b["gone_from_search"])
    assert gone == sorted((nhs, "export") for nhs, _date in given_elsewhere)

    stray = [(PEOPLE[8], "31/10/2024"), (PEOPLE[7], "05/11/2024")]
    (tmp_path / "november.csv").write_text(_search(stray), encoding="utf-8")
    review_d, _, stderr = _check(tmp_path, "--search", "november.csv", "--carry", "A.cqrsreview")
    assert review_d.get("gone_from_search", []) == []
    assert "2 doses decided earlier not found in this search, neither taken as corrected" in stderr
    assert "this review's searches do not cover" not in stderr  # October is covered: said once


def test_a_stray_dose_proves_nothing_down_a_chain_nor_a_search_started_late(
    tmp_path: Path,
) -> None:
    """Decision 120, attacked again. A checked September (two given elsewhere, on the 2nd
    and 3rd; four given here). (1) B, an October search with one late dose of 30 September,
    keeps A's September decisions unproven; C, the same October export again carrying only
    B, took B's search (the stray dose) for September's and proved the two: B's search never
    held them, so it says nothing. (2) A search run from 5 September holds A's doses of
    the 5th on, some of A's search, but it lacks the dose of the 4th, decided given here:
    it is no search of September run again, and the two prove nothing."""
    (tmp_path / "a.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    decided = [
        (nhs, date, "other_provider" if i < 2 else "practice", "no")
        for i, (nhs, date) in enumerate(SEPTEMBER)
    ]
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip
    october = _search([(PEOPLE[8], "30/09/2024"), *OCTOBER[:2]])
    (tmp_path / "october.csv").write_text(october, encoding="utf-8")
    _check(tmp_path, "--search", "october.csv", "--carry", "A.cqrsreview",
           "--save", "B.cqrsreview")  # fmt: skip
    (tmp_path / "again.csv").write_text(october, encoding="utf-8")
    review_c, _, stderr = _check(tmp_path, "--search", "again.csv", "--carry", "B.cqrsreview")
    assert review_c.get("gone_from_search", []) == []
    assert "6 doses decided earlier not found in this search, neither taken as corrected" in stderr

    # (2) the dose of the 4th, decided given here, is missing: no proof of the 2nd and 3rd,
    # nor is the 4th "no longer found" (a day it may not have searched: decision 138)
    late = [row for row in SEPTEMBER if row[1] >= "05/09/2024"]
    (tmp_path / "late.csv").write_text(_search(late), encoding="utf-8")
    review_d, _, stderr = _check(tmp_path, "--search", "late.csv", "--carry", "A.cqrsreview")
    assert review_d.get("gone_from_search", []) == []
    assert review_d.get("no_longer_found", []) == []
    assert "3 doses decided earlier not found in this search, neither taken as corrected" in stderr


def test_a_uniform_column_is_discounted_whatever_is_decided_after(tmp_path: Path) -> None:
    """Decision 122, attacked: A decided two September doses given elsewhere; the next
    export marks every dose Non-GMS, three October doses (not yet decided) among them.
    Carried before those are decided (the window's order), the two were proved; decided
    first (a decisions file), they were not. Now whether the column proves anything is
    worked out from what is known when carrying: doses not known to be given elsewhere
    share the mark, so it proves nothing, whatever is decided after."""
    two = SEPTEMBER[:2]
    (tmp_path / "a.csv").write_text(_search(two), encoding="utf-8")
    decided = [(nhs, date, "other_provider", "no") for nhs, date in two]
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip
    rows = [*two, *OCTOBER]
    (tmp_path / "all.csv").write_text(_search(rows, {n for n, _d in rows}), encoding="utf-8")
    review_b, email, _ = _check(tmp_path, "--search", "all.csv", "--carry", "A.cqrsreview")
    for event in review_b["events"]:
        if event["decision"] == "other_provider":
            assert event["action_evidence"] != "export"
            assert "marks not GMS doses not known to be given elsewhere" in event["evidence"]
    assert "as our latest search shows" not in email


def test_an_empty_month_inside_a_search_and_a_uniform_mark_beside_one_other_prove_nothing(
    tmp_path: Path,
) -> None:
    """Attack round E. (1) An October search holding one late dose of 30 August "covers"
    September, a month between its doses in which it holds none: A's September doses were
    gone, proved corrected. A month between counts whole only where the file holds a dose
    in it (decision 120). (2) A re-export whose organisation column names the practice
    differently on every September row, one new October dose by its code: the mark was
    not on every dose, so it proved A's two given elsewhere corrected, though it is on the
    four A decided given here. A mark on a dose decided given here proves nothing
    (decision 122)."""
    (tmp_path / "a.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    decided = [
        (nhs, date, "other_provider" if i < 2 else "practice", "no")
        for i, (nhs, date) in enumerate(SEPTEMBER)
    ]
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip
    stray = _search([(PEOPLE[8], "30/08/2024"), *OCTOBER])
    (tmp_path / "october.csv").write_text(stray, encoding="utf-8")
    review_b, email, _ = _check(tmp_path, "--search", "october.csv", "--carry", "A.cqrsreview")
    assert review_b.get("gone_from_search", []) == []
    assert "no longer counted" not in email

    named = _search(SEPTEMBER).replace(",F99001,", ",Riverside Health Centre,")
    named += _search(OCTOBER[:1]).split("\n", 1)[1]  # one October dose, F99001
    (tmp_path / "named.csv").write_text(named, encoding="utf-8")
    review_c, email, _ = _check(tmp_path, "--search", "named.csv", "--carry", "A.cqrsreview")
    elsewhere = [e for e in review_c["events"] if e["decision"] == "other_provider"]
    assert len(elsewhere) == 2
    assert all(e["action_evidence"] != "export" for e in elsewhere)
    assert "as our latest search shows" not in email


def test_a_dose_recoded_on_its_own_day_is_proof_whatever_the_search_s_days(
    tmp_path: Path,
) -> None:
    """A decided doses of 2 and 27 September given elsewhere; the practice recoded both,
    so the next search holds a 'given by another provider' code row on each one's day. The
    2nd lies before the search's first vaccination that month, yet its code row is there:
    proof of its own (decision 120 no longer keeps it back)."""
    doses = [(PEOPLE[0], "02/09/2024"), (PEOPLE[1], "27/09/2024")]
    (tmp_path / "a.csv").write_text(_search(doses), encoding="utf-8")
    decided = [(nhs, date, "other_provider", "no") for nhs, date in doses]
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip
    recoded = _search([(PEOPLE[2], "15/09/2024"), *OCTOBER]).replace("\n", "\n", 1)
    for i, (nhs, date) in enumerate(doses):
        recoded += f"{nhs},Testperson,Alice{i},01/01/1990,F,{date},956971000000108,F99001,\n"
    (tmp_path / "recoded.csv").write_text(recoded, encoding="utf-8")
    review_b, _, _ = _check(tmp_path, "--search", "recoded.csv", "--carry", "A.cqrsreview")
    gone = {g["nhs_number"]: g for g in review_b["gone_from_search"]}
    assert set(gone) == {PEOPLE[0], PEOPLE[1]}
    assert all("'given by another provider' code" in g["evidence"] for g in gone.values())


def test_an_organisation_left_blank_proves_no_correction(tmp_path: Path) -> None:
    """Attack round F. A decided two doses given elsewhere, recorded by the practice. In the
    next export the organisation of one is blank, of the other another organisation's code.
    A blank organisation is flagged for review ("is not your practice, or is blank") but
    names no one: it was taken as "now recorded by another organisation", a correction
    proved. Only an organisation named proves it (decision 127)."""
    two = SEPTEMBER[:2]
    (tmp_path / "a.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    decided = [(nhs, date, "other_provider", "no") for nhs, date in two]
    decided += [(nhs, date, "practice", "no") for nhs, date in SEPTEMBER[2:]]
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip
    lines = _search(SEPTEMBER).splitlines()
    lines[1] = lines[1].replace(",F99001,", ",,")
    lines[2] = lines[2].replace(",F99001,", ",RJ100,")
    (tmp_path / "b.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    review_b, _, stderr = _check(tmp_path, "--search", "b.csv", "--carry", "A.cqrsreview")
    events = _events(review_b)
    blank, named = (events[(nhs, _iso(date))] for nhs, date in two)
    assert (blank["action_done"], blank["action_evidence"]) == (False, None)
    assert "its organisation is blank in this search, so that is no sign" in blank["evidence"]
    assert (named["action_done"], named["action_evidence"]) == (True, "export")
    assert "now recorded by another organisation" in named["evidence"]
    assert "1 now shows as corrected in this search and 1 not yet" in stderr


def _review_a(folder: Path, rows: list[tuple[str, str]], decisions: list[str], text: str) -> None:
    """Review A of `rows` (the search `text`), decided one by one as `decisions`."""
    (folder / "a.csv").write_text(text, encoding="utf-8")
    decided = [(nhs, date, d, "no") for (nhs, date), d in zip(rows, decisions, strict=True)]
    (folder / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _once(
        folder, f"review_a {text} {_decisions(decided)}", ("A.cqrsreview", "out"),
        lambda: _check(folder, "--search", "a.csv", "--decisions", "a_decisions.csv",
                       "--save", "A.cqrsreview"),
    )  # fmt: skip


def _proved(review: dict[str, Any], nhs: str) -> bool:
    (event,) = [e for e in review["events"] if e["nhs_number"] == nhs]
    return bool(event["action_evidence"] == "export")


def test_a_mark_a_dose_given_here_had_when_decided_proves_nothing(tmp_path: Path) -> None:
    """Attack round F, on decision 126. (1) A's search left the GMS column blank on two rows
    (Non-GMS): one decided given elsewhere, not yet updated, and one the reviewer decided
    given here, seeing the blank. The next export is the same: the column marks a dose of
    the practice's own, so the blank on the other proves nothing. (2) The next export names
    a branch surgery in its organisation column for a dose given elsewhere and for one given
    here: the same organisation for a dose given here proves nothing (decided given here in
    this review or earlier; decision 128). A pharmacy named for the first, the branch for
    the other, proves the first (the dose given here is decided again, decision 88)."""
    six = SEPTEMBER
    blank = {six[0][0], six[2][0]}
    _review_a(tmp_path, six, ["other_provider", "practice", "practice", "practice",
                              "practice", "practice"], _search(six, non_gms=blank))  # fmt: skip
    (tmp_path / "b.csv").write_text(_search([*six, *OCTOBER], non_gms=blank), encoding="utf-8")
    review_b, email, _ = _check(tmp_path, "--search", "b.csv", "--carry", "A.cqrsreview")
    assert not _proved(review_b, six[0][0])
    assert "as our latest search shows" not in email

    (tmp_path / "A.cqrsreview").unlink()
    _review_a(tmp_path, six, ["other_provider", *["practice"] * 5], _search(six))
    (tmp_path / "c_decisions.csv").write_text(
        _decisions([(six[1][0], six[1][1], "practice", "no")]), encoding="utf-8"
    )
    for first, second, decided_here, proved in (
        ("Hill Road Surgery", "Hill Road Surgery", True, False),
        ("Hill Road Surgery", "Hill Road Surgery", False, False),
        ("FA123", "Hill Road Surgery", False, True),
    ):
        lines = _search(six).splitlines()
        lines[1] = lines[1].replace(",F99001,", f",{first},")  # the dose given elsewhere
        lines[2] = lines[2].replace(",F99001,", f",{second},")  # one given here
        (tmp_path / "c.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        decisions = ["--decisions", "c_decisions.csv"] if decided_here else []
        review_c, _, _ = _check(tmp_path, "--search", "c.csv", "--carry", "A.cqrsreview",
                                *decisions)  # fmt: skip
        assert _proved(review_c, six[0][0]) is proved, (first, second, decided_here)
        if not proved:
            (event,) = [e for e in review_c["events"] if e["nhs_number"] == six[0][0]]
            assert "no sign of a change" in event["evidence"]


def test_a_gms_cell_left_blank_proves_only_as_a_change(tmp_path: Path) -> None:
    """Attack round G, decision 128. The GMS column holds "Y", or nothing. (1) A decided
    a dose whose GMS cell was blank as given elsewhere (not yet updated); the next export
    is the same row: it said "seen corrected (marked not GMS)" though nothing changed. (2)
    A's search had no GMS column; the next has one, blank for that dose: no proof either.
    (3) The dose was "Y" in A and is blank now: that is a change, proof. (4) A dose given
    here was blank when decided, and still is; the dose given elsewhere went from "Y" to
    "N": the change on its own row proves it, the blank elsewhere notwithstanding."""
    header = "NHS Number,Surname,Forename,Date of Birth,Sex,Date,Code,Organisation,GMS"

    def search(gms: list[str], rows: list[tuple[str, str]] = SEPTEMBER) -> str:
        lines = [header] + [
            f"{nhs},Testperson,Alice{i},01/01/1990,F,{date},{CODE},F99001,{flag}"
            for i, ((nhs, date), flag) in enumerate(zip(rows, gms, strict=True))
        ]
        return "\n".join(lines) + "\n"

    decisions = ["other_provider", *["practice"] * 5]
    cases = (  # A's GMS column (None: none), the next export's, proved
        (["", *["Y"] * 5], ["", *["Y"] * 5], False),
        (None, ["", *["Y"] * 5], False),
        (["Y"] * 6, ["", *["Y"] * 5], True),
        (["Y", "", *["Y"] * 4], ["N", "", *["Y"] * 4], True),
    )
    for n, (before, after, proved) in enumerate(cases):
        folder = tmp_path / str(n)
        folder.mkdir()
        no_column = _search(SEPTEMBER).replace(",Non-GMS", ",Notes")
        _review_a(folder, SEPTEMBER, decisions, search(before) if before else no_column)
        # (with a new October dose: another file than A's, so it is checked)
        (folder / "b.csv").write_text(
            search([*after, "Y"], [*SEPTEMBER, OCTOBER[0]]), encoding="utf-8"
        )
        review_b, email, stderr = _check(folder, "--search", "b.csv", "--carry", "A.cqrsreview")
        assert _proved(review_b, SEPTEMBER[0][0]) is proved, n
        if not proved:
            assert "as our latest search shows" not in email, n
            assert "whose GMS cell for it is blank (no mark written)" in stderr, n


def test_doses_not_eligible_are_not_taken_as_given_elsewhere(tmp_path: Path) -> None:
    """Attack round F, on decision 126: A decided two doses given elsewhere and three not
    eligible (doses the practice gave, outside the programme: left as they are). The next
    export marks all five Non-GMS: each was taken as "known not to be the practice's", so
    the column marking every dose proved both corrected. Only a dose decided given
    elsewhere is known to be so: the column proves nothing."""
    five = SEPTEMBER[:5]
    _review_a(tmp_path, five, ["other_provider", "other_provider", *["not_eligible"] * 3],
              _search(five))  # fmt: skip
    every = _search(five, non_gms={nhs for nhs, _date in five})
    (tmp_path / "b.csv").write_text(every, encoding="utf-8")
    review_b, email, _ = _check(tmp_path, "--search", "b.csv", "--carry", "A.cqrsreview")
    assert not any(_proved(review_b, nhs) for nhs, _date in five[:2])
    assert "as our latest search shows" not in email


def test_the_only_dose_given_here_newly_marked_leaves_the_column_in_doubt(
    tmp_path: Path,
) -> None:
    """Decision 126's doubt: A decided one dose given elsewhere and one given here; the
    next export marks both Non-GMS (three new October doses not). Whether the practice
    marked the one given here (found to be another provider's after all) or the column
    changed for the practice's doses cannot be told with no other dose given here to
    compare: the mark proves nothing, and the notice says the dose cannot be checked."""
    two = SEPTEMBER[:2]
    _review_a(tmp_path, two, ["other_provider", "practice"], _search(two))
    marked = _search([*two, *OCTOBER], non_gms={nhs for nhs, _date in two})
    (tmp_path / "b.csv").write_text(marked, encoding="utf-8")
    review_b, _, stderr = _check(tmp_path, "--search", "b.csv", "--carry", "A.cqrsreview")
    assert not _proved(review_b, two[0][0])
    assert "1 cannot be checked against this search, whose GMS or Non-GMS column" in stderr


def test_a_decision_carried_down_a_chain_is_shown_once_in_a_disagreement(
    tmp_path: Path,
) -> None:
    """A decided a dose given here; B carried A's decision on; A2, made apart, decided it
    given elsewhere. Carrying A, B and A2, the disagreement listed A's decision twice (read
    from A, and from B, which holds it as decided in A), as if two reviews had said so
    (helper-50's acceptance run). It is one decision: shown once, beside A2's."""
    one = SEPTEMBER[:1]
    _review_a(tmp_path, one, ["practice"], _search(one))
    _check(tmp_path, "--search", "a.csv", "--carry", "A.cqrsreview", "--save", "B.cqrsreview")
    (tmp_path / "a2_decisions.csv").write_text(
        _decisions([(one[0][0], one[0][1], "other_provider", "no")]), encoding="utf-8"
    )
    _check(tmp_path, "--search", "a.csv", "--decisions", "a2_decisions.csv",
           "--save", "A2.cqrsreview")  # fmt: skip
    review_c, _, _ = _check(
        tmp_path, "--search", "a.csv", "--carry", "A.cqrsreview", "--carry", "B.cqrsreview",
        "--carry", "A2.cqrsreview", "--save", "C.cqrsreview",
    )  # fmt: skip
    assert review_c["events"][0]["decision"] is None  # left to decide again
    with contextlib.closing(sqlite3.connect(tmp_path / "C.cqrsreview")) as db:
        shown = db.execute("SELECT decided_in, decision FROM earlier_decisions").fetchall()
    assert sorted(shown) == [("A.cqrsreview", "practice"), ("A2.cqrsreview", "other_provider")]


def test_another_organisation_named_for_a_dose_given_here_hides_no_other_change(
    tmp_path: Path,
) -> None:
    """Attack round G: a dose given here has a blank organisation, or a PCN hub's code,
    when decided and still; the dose given elsewhere went from the practice's code to a
    pharmacy's. That organisation, on a dose given here, voided every organisation in the
    file: the change was "no sign". Only the same organisation on a dose given here is no
    sign (decision 128): the pharmacy proves the correction."""
    for n, hub in enumerate(("", "U81234")):
        folder = tmp_path / str(n)
        folder.mkdir()
        lines = _search(SEPTEMBER).splitlines()
        lines[2] = lines[2].replace(",F99001,", f",{hub},")  # a dose given here
        _review_a(folder, SEPTEMBER, ["other_provider", *["practice"] * 5],
                  "\n".join(lines) + "\n")  # fmt: skip
        lines[1] = lines[1].replace(",F99001,", ",FA123,")  # now the pharmacy's
        (folder / "b.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        review_b, _, _ = _check(folder, "--search", "b.csv", "--carry", "A.cqrsreview")
        assert _proved(review_b, SEPTEMBER[0][0]), hub


def test_a_decision_kept_down_a_chain_is_no_proof_by_what_its_search_could_not_show(
    tmp_path: Path,
) -> None:
    """Attack round H (decision 129). A decided a September dose given elsewhere on a search
    with no organisation column (or no GMS column); B searched October only, and kept it;
    C searches both months, now with the column, and the dose shows the hospital's code (or
    a blank GMS cell), as it always did. Carrying B, the kept decision's search was taken
    to have shown everything, so the mark was new: "now marked ... as our latest search
    shows". What a search B never had could show is not known: no change is told. The same
    holds for a file of the same name as B's own (a monthly search saved under one name)."""
    plain = _search(SEPTEMBER).replace(",Organisation,Non-GMS", ",Notes,Notes2")
    header_org = "NHS Number,Surname,Forename,Date of Birth,Sex,Date,Code,Organisation"
    header_gms = "NHS Number,Surname,Forename,Date of Birth,Sex,Date,Code,GMS"

    def later(header: str, first: str) -> str:
        rows = [*SEPTEMBER, *OCTOBER]
        lines = [header] + [
            f"{nhs},Testperson,Alice{i},01/01/1990,F,{date},{CODE},"
            f"{first if i == 0 else ('F99001' if 'Organisation' in header else 'Y')}"
            for i, (nhs, date) in enumerate(rows)
        ]
        return "\n".join(lines) + "\n"

    for n, (header, first) in enumerate(((header_org, "R1H"), (header_gms, ""))):
        folder = tmp_path / str(n)
        (folder / "sep").mkdir(parents=True)
        (folder / "oct").mkdir()
        (folder / "nov").mkdir()
        (folder / "sep" / "search.csv").write_text(plain, encoding="utf-8")
        (folder / "a_decisions.csv").write_text(
            _decisions([(SEPTEMBER[0][0], SEPTEMBER[0][1], "other_provider", "no")]),
            encoding="utf-8",
        )
        _check(folder, "--search", "sep/search.csv", "--decisions", "a_decisions.csv",
               "--save", "A.cqrsreview")  # fmt: skip
        october = _search(OCTOBER)  # October alone, with both columns, under the same name
        (folder / "oct" / "search.csv").write_text(october, encoding="utf-8")
        _check(folder, "--search", "oct/search.csv", "--carry", "A.cqrsreview",
               "--save", "B.cqrsreview")  # fmt: skip
        (folder / "nov" / "search.csv").write_text(later(header, first), encoding="utf-8")
        review_c, email, _ = _check(folder, "--search", "nov/search.csv",
                                    "--carry", "B.cqrsreview")  # fmt: skip
        assert not _proved(review_c, SEPTEMBER[0][0]), header
        assert "as our latest search shows" not in email, header


def test_a_practice_named_with_its_code_in_brackets_is_its_own_organisation(
    tmp_path: Path,
) -> None:
    """Attack round H: an organisation column reading "Riverside Medical Centre (F99001)"
    on every dose flagged every one as another organisation's, and a real change to
    "Birmingham Women's Hospital (RLU)" proved nothing. A name with the practice's ODS code
    in it as a word is the practice's (decision 129)."""
    lines = _search(SEPTEMBER).replace(",F99001,", ",Riverside Medical Centre (F99001),")
    (tmp_path / "a.csv").write_text(lines, encoding="utf-8")
    _review_a(tmp_path, SEPTEMBER, ["other_provider", *["practice"] * 5], lines)
    review_a = json.loads((tmp_path / "out" / "review.json").read_text(encoding="utf-8"))
    assert not any("other_organisation" in e["flags"] for e in review_a["events"])
    changed = lines.splitlines()
    changed[1] = changed[1].replace("Riverside Medical Centre (F99001)",
                                    "Birmingham Women's Hospital (RLU)")  # fmt: skip
    (tmp_path / "b.csv").write_text("\n".join(changed) + "\n", encoding="utf-8")
    review_b, _, _ = _check(tmp_path, "--search", "b.csv", "--carry", "A.cqrsreview")
    assert _proved(review_b, SEPTEMBER[0][0])


def test_twins_one_with_a_mistyped_number_keep_their_own_decisions(tmp_path: Path) -> None:
    """A held twins (one surname and date of birth, one day): Amy, and Beth with a mistyped
    number. Carried into the same rows each keeps her own decision; with Beth's number put
    right she cannot be told from Amy by name, so she takes nothing, and her dose is not
    "no longer in the search" (decision 133)."""
    day = "10/09/2024"
    amy, good = PEOPLE[0], PEOPLE[1]
    beth = good[:-1] + str((int(good[-1]) + 1) % 10)
    for name, number in (("a", beth), ("b", good)):
        lines = [HEADER, _line(amy, "Okafor", day, "Amy"), _line(number, "Okafor", day, "Beth")]
        (tmp_path / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    decided = [(amy, day, "practice", "no"), (beth, day, "other_provider", "no")]
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(
        tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv", "--save", "A.cqrsreview"
    )
    review, _, _ = _check(tmp_path, "--search", "a.csv", "--carry", "A.cqrsreview")
    taken = {e["nhs_number"]: (e["decision"], e["carried_from"]) for e in review["events"]}
    assert taken == {amy: ("practice", "A.cqrsreview"), beth: ("other_provider", "A.cqrsreview")}
    review, email, stderr = _check(tmp_path, "--search", "b.csv", "--carry", "A.cqrsreview")
    taken = {e["nhs_number"]: (e["decision"], e["carried_from"]) for e in review["events"]}
    assert taken == {amy: ("practice", "A.cqrsreview"), good: (None, None)}
    assert "gone_from_search" not in review and "no longer counted" not in email
    assert "could not be matched with certainty" in stderr


def test_a_given_here_a_review_set_aside_is_not_called_a_disagreement_later(
    tmp_path: Path,
) -> None:
    """C set aside A's "given here" (its search marks the dose Non-GMS: decision 88) and left
    it undecided; D carrying C and A weighs A's decision as C did, against D's search, and
    does not call one decision "decided differently" (decision 134 is for disagreements)."""
    rows = SEPTEMBER[:2]
    (tmp_path / "a.csv").write_text(_search(rows), encoding="utf-8")
    (tmp_path / "a_decisions.csv").write_text(
        _decisions([(PEOPLE[0], rows[0][1], "practice", "no")]), encoding="utf-8"
    )
    _check(
        tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv", "--save", "A.cqrsreview"
    )
    _marked_searches(tmp_path, rows, PEOPLE[0], ("c", "d"))  # (D's is not the file C read)
    _, _, said_c = _check(
        tmp_path, "--search", "c.csv", "--carry", "A.cqrsreview", "--save", "C.cqrsreview"
    )
    assert "1 decision 'given here' not carried" in said_c
    review, _, said_d = _check(
        tmp_path, "--search", "d.csv", "--carry", "C.cqrsreview", "--carry", "A.cqrsreview"
    )
    assert "1 decision 'given here' not carried" in said_d
    assert "decided differently" not in said_d
    event = next(e for e in review["events"] if e["nhs_number"] == PEOPLE[0])
    assert event["decision"] is None


def test_a_disagreement_decided_later_in_the_review_that_left_it_open_is_settled(
    tmp_path: Path,
) -> None:
    """D carried A and C (which disagree) and left the vaccination undecided; D's reviewer
    then decided it in D. E carrying D with A, or with C, takes D's decision: D was made
    knowing both (decisions 104 and 134)."""
    _a_and_c_disagree(tmp_path)
    _check(
        tmp_path, "--search", "s.csv", "--carry", "A.cqrsreview", "--carry", "C.cqrsreview",
        "--save", "D.cqrsreview",
    )  # fmt: skip
    before = _decide_in(
        tmp_path / "D.cqrsreview", PEOPLE[0], Decision.OTHER_PROVIDER, "looked again in D",
        "D. Reviewer",
    )  # fmt: skip
    assert before is None  # (D left it undecided)
    for order in (("A", "D"), ("D", "C")):
        carry = [f for name in order for f in ("--carry", f"{name}.cqrsreview")]
        review, _, stderr = _check(tmp_path, "--search", "s.csv", *carry)
        event = next(e for e in review["events"] if e["nhs_number"] == PEOPLE[0])
        assert (event["decision"], event["carried_from"], event["note"]) == (
            "other_provider", "D.cqrsreview", "looked again in D",
        ), order  # fmt: skip
        assert "left to decide again" not in stderr, order


def test_days_a_search_says_it_did_not_search_prove_nothing_and_lose_nothing(
    tmp_path: Path,
) -> None:
    """A checked September: two given elsewhere (2nd, 3rd), four given here (4th-7th). The
    next search says it ran from 5 September: A's doses of the 2nd-4th are of days it did
    not search. None is taken as corrected, nor as no longer found (which took given doses
    off the claim); the email asks to amend only counting the days searched, and says so
    (decisions 137 and 138)."""
    (tmp_path / "a.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    decided = [
        (nhs, date, "other_provider" if i < 2 else "practice", "no")
        for i, (nhs, date) in enumerate(SEPTEMBER)
    ]
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip
    late = [row for row in SEPTEMBER if row[1] >= "05/09/2024"] + OCTOBER[:2]
    said = "Search period: 05/09/2024 to 31/10/2024\n"
    (tmp_path / "b.csv").write_text(said + _search(late), encoding="utf-8")
    review, email, stderr = _check(
        tmp_path, "--search", "b.csv", "--carry", "A.cqrsreview",
        "--claim", "pertussis_pregnant:2024-09=6",
    )  # fmt: skip
    assert review.get("gone_from_search", []) == []
    assert review.get("no_longer_found", []) == []
    assert "September 2024 was searched only in part" in stderr
    (line,) = [x for x in email.splitlines() if x.startswith("- Pertussis (pregnant women), Sep")]
    assert "not yet confirmed or amended: our search covered only 05/09/2024 to 30/09/2024" in line
    assert ": 3 given by this practice" in line and "amended from" not in line
    assert "no longer" not in line
    # A's doses of the days not searched are not lost from sight: said, not counted (144)
    assert (
        "an earlier check found 1 given by this practice and 2 given by other providers that "
        "our latest search does not show (they are kept in our records and not counted here"
    ) in line


def _carried_from(folder: Path) -> dict[str, tuple[str, str]]:
    """By NHS number, the workbook's reasons and "Carried from (earlier review)" cells."""
    import openpyxl

    book = openpyxl.load_workbook(folder / "out" / "review.xlsx", read_only=True)
    rows = list(book["Events"].iter_rows(values_only=True))
    book.close()  # read-only workbooks hold their file: Windows would refuse the next run
    header = list(rows[0])
    nhs, reasons = header.index("NHS number"), header.index("Reasons")
    carried = header.index("Carried from (earlier review)")
    return {str(r[nhs]): (str(r[reasons] or ""), str(r[carried] or "")) for r in rows[1:]}


def test_what_a_review_showed_of_an_earlier_review_travels_on_with_it(tmp_path: Path) -> None:
    """A marked one vaccination unsure and decided another as given here; B carried A,
    showed the doubt and set the "given here" aside (B's search marks that dose Non-GMS),
    and left both undecided. C carrying B alone shows each as B did, an unsure mark (ERLY,
    not "decided differently") and a decision set aside, and counts them; with A too, once
    each (decision 140)."""
    rows = SEPTEMBER[:2]
    (tmp_path / "a.csv").write_text(_search(rows), encoding="utf-8")
    decided = [(PEOPLE[0], rows[0][1], "unsure", "no"), (PEOPLE[1], rows[1][1], "practice", "no")]
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(
        tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv", "--save", "A.cqrsreview"
    )
    _marked_searches(tmp_path, rows, PEOPLE[1], ("b", "c"))  # (C's is not the file B read)
    _, _, said_b = _check(
        tmp_path, "--search", "b.csv", "--carry", "A.cqrsreview", "--save", "B.cqrsreview"
    )
    shown_b = _carried_from(tmp_path)
    for carry in (["B"], ["B", "A"], ["A", "B"]):
        given = [f for name in carry for f in ("--carry", f"{name}.cqrsreview")]
        review, _, said = _check(tmp_path, "--search", "c.csv", *given)
        for words in (
            "1 vaccination marked unsure in an earlier review is not carried",
            "1 decision 'given here' not carried",
        ):
            assert words in said and words in said_b, carry
        assert "decided differently" not in said, carry
        events = {e["nhs_number"]: e for e in review["events"]}
        assert [events[p]["decision"] for p in PEOPLE[:2]] == [None, None], carry
        shown = _carried_from(tmp_path)
        doubt, aside = shown[PEOPLE[0]], shown[PEOPLE[1]]
        assert doubt == shown_b[PEOPLE[0]], carry  # as B showed it, once
        assert "ERLY" in doubt[0] and "DIFF" not in doubt[0], carry
        assert doubt[1].startswith(
            "Marked unsure in an earlier review, not carried: Unsure in A.cqrsreview"
        ) and doubt[1].endswith("by A. Reviewer (note: from A)"), carry
        assert aside == shown_b[PEOPLE[1]], carry
        assert (
            aside[1].startswith(
                "Decided earlier, not carried as this search says otherwise: Given here in "
                "A.cqrsreview"
            )
            and aside[1].count("Given here") == 1
        ), carry


def test_a_decisions_file_over_a_carry_keeps_what_the_export_shows(tmp_path: Path) -> None:
    """Attack: A decided two doses given elsewhere (neither marked) and four given here. The
    practice has since marked the first Non-GMS, and found a dose A had as given here was
    another provider's, and marked that too. B's decisions file says so (both given
    elsewhere, "action done" left at no) and repeats the second of A's, not yet marked.
    Carried alone, the first was "seen corrected"; with the decisions file its decision
    stood and the export was thrown away: the email said "not yet marked" of both marked
    doses, and the note "they have not been marked". This review's decision still stands,
    and is checked against the export as the carried one is (decision 139)."""
    decided = [
        (nhs, date, "other_provider" if i < 2 else "practice", "no")
        for i, (nhs, date) in enumerate(SEPTEMBER)
    ]
    (tmp_path / "a.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip
    marked = {PEOPLE[0], PEOPLE[4]}
    (tmp_path / "b.csv").write_text(_search(SEPTEMBER, marked), encoding="utf-8")
    again = [(nhs, date, "other_provider", "no") for nhs, date in SEPTEMBER if nhs in marked]
    again.append((PEOPLE[1], SEPTEMBER[1][1], "other_provider", "no"))
    (tmp_path / "b_decisions.csv").write_text(_decisions(again), encoding="utf-8")
    review_b, email, stderr = _check(
        tmp_path, "--search", "b.csv", "--claim", "pertussis_pregnant:2024-09=6",
        "--carry", "A.cqrsreview", "--decisions", "b_decisions.csv", "--save", "B.cqrsreview",
    )  # fmt: skip
    events = _events(review_b)
    for n in (0, 4):
        event = events[(PEOPLE[n], _iso(SEPTEMBER[n][1]))]
        assert event["decision"] == "other_provider" and event["carried_from"] is None
        assert (event["action_done"], event["action_evidence"], event["export_check"]) == (
            True,
            "export",
            "corrected",
        ), n
        assert event["evidence"] == f"seen corrected in b.csv, row {n + 2} (marked not GMS)"
    unmarked = events[(PEOPLE[1], _iso(SEPTEMBER[1][1]))]  # the reviewer's word stands
    assert (unmarked["action_done"], unmarked["export_check"]) == (False, None)
    assert "3 vaccinations decided earlier were decided in this review already" in stderr
    assert "2 of them need a change in the clinical system, which this search shows made" in (
        stderr
    )
    assert (
        "3 given by other providers (2 now marked in our clinical system as given elsewhere, "
        "as our latest search shows; 1 not yet marked in our clinical system)" in email
    )
    notes = (tmp_path / "out" / "declaration_notes.txt").read_text(encoding="utf-8")
    assert "2 were marked in the clinical system as given elsewhere and 1 not" in notes
    # the review file keeps it: its results, written again, say the same
    result = run_command("export", "B.cqrsreview", "--out", "again", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "again" / "email.txt").read_text(encoding="utf-8") == email


def test_a_non_gms_mark_is_no_proof_that_a_dose_to_recode_or_remove_was(tmp_path: Path) -> None:
    """A decided one dose recorded in error, one not eligible, one given elsewhere; B's
    search still finds all three under their code, marked Non-GMS. Only the one given
    elsewhere is corrected by that: the others are corrected by recoding or removing the
    entry, which a mark is not (decision 143), carried or decided again in a decisions
    file."""
    kinds = ["not_given", "not_eligible", "other_provider"]
    decided = [
        (nhs, date, kinds[i] if i < 3 else "practice", "no")
        for i, (nhs, date) in enumerate(SEPTEMBER)
    ]
    (tmp_path / "a.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(
        tmp_path, "--search", "a.csv", "--claim", "pertussis_pregnant:2024-09=6",
        "--decisions", "a_decisions.csv", "--save", "A.cqrsreview",
    )  # fmt: skip
    marked = {PEOPLE[0], PEOPLE[1], PEOPLE[2]}
    (tmp_path / "b.csv").write_text(_search(SEPTEMBER, non_gms=marked), encoding="utf-8")
    (tmp_path / "b_decisions.csv").write_text(_decisions(decided[:3]), encoding="utf-8")
    for again in ((), ("--decisions", "b_decisions.csv")):
        review, email, _ = _check(
            tmp_path, "--search", "b.csv", "--claim", "pertussis_pregnant:2024-09=6",
            *again, "--carry", "A.cqrsreview",
        )  # fmt: skip
        events = {e["nhs_number"]: e for e in review["events"]}
        for nhs in (PEOPLE[0], PEOPLE[1]):
            assert (events[nhs]["action_done"], events[nhs]["action_evidence"]) == (False, None)
            if not again:  # carried: checked against this search (a file's own word stands)
                assert events[nhs]["export_check"] == "not_corrected"
                assert (
                    "not yet recoded or removed; it is marked not GMS" in (events[nhs]["evidence"])
                )
        given_elsewhere = events[PEOPLE[2]]
        assert (given_elsewhere["export_check"], given_elsewhere["action_done"]) == (
            "corrected", True,
        )  # fmt: skip
        line = next(x for x in email.splitlines() if "September 2024" in x)
        assert "1 given by another provider (now marked in our clinical system as given " in line
        assert "1 not eligible for this programme (not yet corrected in our clinical system" in line
        assert "1 recorded in error, not given (not yet corrected in our clinical system" in line
        assert line.count("as our latest search shows") == 1


def test_a_vaccination_marked_unsure_in_a_month_not_searched_travels_on(tmp_path: Path) -> None:
    """An acceptance run's five months: A marked a September dose unsure ("ask Dr Shah");
    B searched October only, carrying A: the doubt was neither kept nor said, and C,
    searching September again carrying B alone, showed the dose as never looked at. Now B
    keeps the mark for later reviews and says so, and C shows who doubted it, and the note."""
    (tmp_path / "a.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    decided = [(PEOPLE[0], SEPTEMBER[0][1], "unsure", "no")]
    decided += [(nhs, date, "practice", "no") for nhs, date in SEPTEMBER[1:]]
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(
        tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv", "--save",
        "A.cqrsreview",
    )  # fmt: skip
    (tmp_path / "oct.csv").write_text(_search(OCTOBER), encoding="utf-8")
    _, email, stderr = _check(
        tmp_path, "--search", "oct.csv", "--carry", "A.cqrsreview", "--save", "B.cqrsreview",
        "--claim", "pertussis_pregnant:2024-09=6",
    )  # fmt: skip
    assert "5 decisions for months, days or programmes" in stderr  # the unsure is no decision
    assert (
        "1 vaccination marked unsure in an earlier review, in months or programmes not "
        "searched here, kept for later reviews (still to decide: its card will show who "
        "marked it, and the note)" in stderr
    )
    assert "an earlier check decided 5 of its vaccinations" in email
    (tmp_path / "c.csv").write_text(_search(SEPTEMBER + OCTOBER), encoding="utf-8")
    review, _email, stderr = _check(
        tmp_path, "--search", "c.csv", "--carry", "B.cqrsreview", "--save", "C.cqrsreview"
    )
    assert "1 vaccination marked unsure in an earlier review is not carried" in stderr
    event = _events(review)[(PEOPLE[0], _iso(SEPTEMBER[0][1]))]
    assert (event["decision"], event["carried_from"]) == (None, None)
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "out" / "review.xlsx", read_only=True)
    texts = [str(c) for r in book["Events"].iter_rows(values_only=True) for c in r if c]
    book.close()
    assert any(
        t.startswith("Marked unsure in an earlier review, not carried: Unsure in A.cqrsreview")
        and "by A. Reviewer (note: from A)" in t
        for t in texts
    )


def test_a_disagreement_in_a_month_not_searched_travels_on(tmp_path: Path) -> None:
    """An acceptance run's five months: reviews A and C decided a September dose
    differently; D, searching October only, carrying both, said "not kept" and dropped
    both decisions, so E, searching September again carrying D alone, showed the dose as
    never looked at. Now D keeps the two decisions for later reviews, and E (and F after
    it, carrying E for October alone, then G) shows both and leaves it to decide."""
    rows = _a_and_c_disagree(tmp_path)
    (tmp_path / "oct.csv").write_text(_search(OCTOBER), encoding="utf-8")
    _, _email, stderr = _check(
        tmp_path, "--search", "oct.csv", "--carry", "A.cqrsreview", "--carry", "C.cqrsreview",
        "--save", "D.cqrsreview",
    )  # fmt: skip
    assert (
        "1 vaccination decided differently in earlier reviews, in months, days or programmes "
        "not searched here, kept for later reviews (to decide again when searched" in stderr
    )
    assert "not kept" not in stderr
    _check(tmp_path, "--search", "oct.csv", "--carry", "D.cqrsreview", "--save", "F.cqrsreview")
    (tmp_path / "e.csv").write_text(_search(rows + OCTOBER), encoding="utf-8")
    import openpyxl

    for earlier in ("D.cqrsreview", "F.cqrsreview"):
        review, _email, stderr = _check(tmp_path, "--search", "e.csv", "--carry", earlier)
        event = next(e for e in review["events"] if e["nhs_number"] == PEOPLE[0])
        assert (event["decision"], event["carried_from"]) == (None, None)
        assert "1 vaccination decided differently in earlier reviews, left to decide" in stderr
        book = openpyxl.load_workbook(tmp_path / "out" / "review.xlsx", read_only=True)
        sheet = list(book["Events"].iter_rows(values_only=True))
        book.close()
        header = sheet[0]
        (mine,) = [r for r in sheet[1:] if r[header.index("NHS number")] == PEOPLE[0]]
        said = mine[header.index("Carried from (earlier review)")]
        assert said.startswith(
            "Decided differently in earlier reviews: Given here in A.cqrsreview on "
        )
        assert "; Other provider in C.cqrsreview on " in said


def test_a_disagreement_in_two_overlapping_searches_is_not_called_gone(tmp_path: Path) -> None:
    """The acceptance run's month 3 given last month's search beside this month's (which
    overlap): a dose reviews A and C decided differently, in both searches, was said to be
    "no longer in this search" as well as "in this search twice". It is in it twice: said
    so once, and its two decisions kept for later reviews."""
    rows = _a_and_c_disagree(tmp_path)
    (tmp_path / "again.csv").write_text(_search(rows + OCTOBER[:1]), encoding="utf-8")
    _, _email, stderr = _check(
        tmp_path, "--search", "s.csv", "--search", "again.csv", "--carry", "A.cqrsreview",
        "--carry", "C.cqrsreview", "--save", "D.cqrsreview",
    )  # fmt: skip
    assert "no longer in this search" not in stderr
    assert "in this search twice (a duplicate entry)" in stderr
    review, _email, stderr = _check(tmp_path, "--search", "s.csv", "--carry", "D.cqrsreview")
    event = next(e for e in review["events"] if e["nhs_number"] == PEOPLE[0])
    assert (event["decision"], event["carried_from"]) == (None, None)
    assert "1 vaccination decided differently in earlier reviews, left to decide" in stderr


def test_this_review_s_own_workbook_as_decisions_keeps_carried_decisions_carried(
    tmp_path: Path,
) -> None:
    """The acceptance run's month 5: the workbook of the review's first run, filled in for
    the two vaccinations still to check, given back with --decisions (as the help offers)
    and the earlier review carried again. Every decision the workbook showed as carried
    came back as this review's own: the email said all were "checked against the patient
    record" with no word of the earlier check, the report's sign-off had this reviewer
    confirm each record checked, and a dose the export showed marked Non-GMS as ticked by
    hand. A row that is the earlier decision itself (the same decision, reviewer, time and
    note) is now the carried decision it was; a row changed is this review's, as before."""
    _decide_a(tmp_path)
    (tmp_path / "b.csv").write_text(_search(SEPTEMBER, {PEOPLE[0]}), encoding="utf-8")
    first, email, _stderr = _check(
        tmp_path, "--search", "b.csv", "--carry", "A.cqrsreview",
        "--claim", "pertussis_pregnant:2024-09=6",
    )  # fmt: skip
    assert "(all of them in an earlier check" in email
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "out" / "review.xlsx")
    sheet = book["Events"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("NHS number")].value == PEOPLE[5]:  # changed here: this review's
            row[header.index("Decision")].value = "Other provider"
            row[header.index("Reviewer")].value = "B. Reviewer"
            row[header.index("Decided at")].value = dt.datetime(2024, 11, 2, 10, 0)
    book.save(tmp_path / "filled.xlsx")
    book.close()
    review, email, stderr = _check(
        tmp_path, "--search", "b.csv", "--carry", "A.cqrsreview", "--decisions",
        "filled.xlsx", "--claim", "pertussis_pregnant:2024-09=6", "--save", "B.cqrsreview",
    )  # fmt: skip
    assert "5 decisions carried from earlier reviews" in stderr
    with contextlib.closing(sqlite3.connect(tmp_path / "B.cqrsreview")) as db:
        (once,) = db.execute(
            "SELECT COUNT(*) FROM audit_log WHERE event_id IS NOT NULL AND what != 'stood over' "
            "GROUP BY event_id ORDER BY 1 DESC LIMIT 1"
        ).fetchone()
        # the one changed stands over A's decision, and the log says so (decision 360)
        stood = db.execute(
            "SELECT e.nhs_number FROM audit_log a JOIN events e ON e.id = a.event_id "
            "WHERE a.what = 'stood over'"
        ).fetchall()
    assert once == 1  # each decision recorded once: as carried, or from the file
    assert stood == [(PEOPLE[5],)]
    events = _events(review)
    for i, (nhs, date) in enumerate(SEPTEMBER):
        event = events[(nhs, _iso(date))]
        was = _events(first)[(nhs, _iso(date))]
        if i == 5:
            assert (event["decision"], event["carried_from"]) == ("other_provider", None)
            continue
        assert event["carried_from"] == "A.cqrsreview"
        assert (event["action_done"], event["action_evidence"]) == (
            was["action_done"],
            was["action_evidence"],
        )
    assert "(5 of them in an earlier check" in email


def test_a_disagreement_left_undecided_now_in_the_search_twice_is_kept(tmp_path: Path) -> None:
    """An acceptance run: D left a dose undecided between A's and C's decisions (decision
    134); E, carrying D alone, its search holding the dose twice (a duplicate entry) and no
    review's decision for it, kept neither decision, so F, carrying E, showed the dose as
    never looked at. Now E says the duplicate and keeps both decisions for later reviews."""
    rows = _a_and_c_disagree(tmp_path)
    _check(
        tmp_path, "--search", "s.csv", "--carry", "A.cqrsreview", "--carry", "C.cqrsreview",
        "--save", "D.cqrsreview",
    )  # fmt: skip
    (tmp_path / "twice.csv").write_text(_search([rows[0], rows[0]]), encoding="utf-8")
    _, _email, stderr = _check(
        tmp_path, "--search", "twice.csv", "--carry", "D.cqrsreview", "--save", "E.cqrsreview"
    )
    # (two decisions, not "the earlier decision")
    assert "in this search twice (a duplicate entry): no earlier decision is carried" in stderr
    assert "no longer in this search" not in stderr
    review, _email, stderr = _check(tmp_path, "--search", "s.csv", "--carry", "E.cqrsreview")
    event = next(e for e in review["events"] if e["nhs_number"] == PEOPLE[0])
    assert (event["decision"], event["carried_from"]) == (None, None)
    assert "1 vaccination decided differently in earlier reviews, left to decide" in stderr


def test_a_later_doubt_over_a_decision_in_a_month_not_searched_travels_on(
    tmp_path: Path,
) -> None:
    """An acceptance run: A decided a September dose Other provider; B, carrying A and
    searching September, marked it unsure ("ask Dr Shah"); C, carrying both and searching
    October only, kept A's decision for later reviews and lost B's doubt, so D, carrying C
    alone and searching September again, carried Other provider as settled. Now C keeps
    the doubt (decision 99 weighs it where the month is searched) and D shows it."""
    (tmp_path / "sep.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    first = [(PEOPLE[0], SEPTEMBER[0][1], "other_provider", "no")]
    (tmp_path / "a.csv").write_text(_decisions(first), encoding="utf-8")
    _check(tmp_path, "--search", "sep.csv", "--decisions", "a.csv", "--save", "A.cqrsreview")
    doubt = _decisions([(PEOPLE[0], SEPTEMBER[0][1], "unsure", "no")])
    (tmp_path / "b.csv").write_text(doubt.replace("from A", "ask Dr Shah"), encoding="utf-8")
    _check(
        tmp_path, "--search", "sep.csv", "--carry", "A.cqrsreview", "--decisions", "b.csv",
        "--save", "B.cqrsreview",
    )  # fmt: skip
    (tmp_path / "oct.csv").write_text(_search(OCTOBER), encoding="utf-8")
    _, _email, stderr = _check(
        tmp_path, "--search", "oct.csv", "--carry", "A.cqrsreview", "--carry", "B.cqrsreview",
        "--save", "C.cqrsreview",
    )  # fmt: skip
    assert "decisions for months, days or programmes" not in stderr  # A's is not kept as one
    assert "1 vaccination marked unsure in an earlier review, in months or programmes" in stderr
    review, _email, stderr = _check(
        tmp_path, "--search", "sep.csv", "--carry", "C.cqrsreview", "--save", "D.cqrsreview"
    )
    event = _events(review)[(PEOPLE[0], _iso(SEPTEMBER[0][1]))]
    assert (event["decision"], event["carried_from"]) == (None, None)
    assert "1 vaccination marked unsure in an earlier review is not carried" in stderr
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "out" / "review.xlsx", read_only=True)
    texts = [str(c) for r in book["Events"].iter_rows(values_only=True) for c in r if c]
    book.close()
    assert any(
        t.startswith("Marked unsure in an earlier review, not carried: Unsure in B.cqrsreview")
        and "(note: ask Dr Shah)" in t
        for t in texts
    )


def test_a_doubted_decision_gone_from_a_search_of_its_month_is_not_taken_as_corrected(
    tmp_path: Path,
) -> None:
    """A decided a September dose Other provider; B, carrying A, marked it unsure ("ask Dr
    Shah"); C, carrying both, searched September again and the dose was no longer there. C
    said it "taken as corrected" and its email counted it as corrected, B's doubt unweighed
    (decision 159 left this). Now the doubt stands: the dose is neither taken as corrected
    nor as no longer found, it is said, and the mark travels on to the next review."""
    (tmp_path / "sep.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    first = [(PEOPLE[0], SEPTEMBER[0][1], "other_provider", "no")]
    (tmp_path / "a.csv").write_text(_decisions(first), encoding="utf-8")
    _check(tmp_path, "--search", "sep.csv", "--decisions", "a.csv", "--save", "A.cqrsreview")
    doubt = _decisions([(PEOPLE[0], SEPTEMBER[0][1], "unsure", "no")])
    (tmp_path / "b.csv").write_text(doubt.replace("from A", "ask Dr Shah"), encoding="utf-8")
    _check(
        tmp_path, "--search", "sep.csv", "--carry", "A.cqrsreview", "--decisions", "b.csv",
        "--save", "B.cqrsreview",
    )  # fmt: skip
    (tmp_path / "again.csv").write_text(_search(SEPTEMBER[1:]), encoding="utf-8")
    review, email, stderr = _check(
        tmp_path, "--search", "again.csv", "--carry", "A.cqrsreview", "--carry",
        "B.cqrsreview", "--save", "C.cqrsreview",
    )  # fmt: skip
    assert "(taken as corrected)" not in stderr
    assert "gone_from_search" not in review
    assert "no_longer_found" not in review
    assert "corrected" not in email.lower()
    assert (
        "1 vaccination marked unsure in an earlier review not found in this search, though "
        "it covers its month: not taken as corrected, nor as no longer found" in stderr
    )
    assert "in months or programmes not searched here" not in stderr
    review, _email, stderr = _check(
        tmp_path, "--search", "sep.csv", "--carry", "C.cqrsreview", "--save", "D.cqrsreview"
    )
    event = _events(review)[(PEOPLE[0], _iso(SEPTEMBER[0][1]))]
    assert (event["decision"], event["carried_from"]) == (None, None)
    assert "1 vaccination marked unsure in an earlier review is not carried" in stderr


def test_an_unsure_mark_whose_dose_a_search_of_its_month_lacks_is_said_and_kept(
    tmp_path: Path,
) -> None:
    """A marked a September dose unsure and decided nothing; B searched September again
    without the dose: the mark was dropped without a word, so C, carrying B and finding the
    dose back, showed it as never looked at. Now B says it and keeps the mark."""
    (tmp_path / "sep.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    doubt = _decisions([(PEOPLE[0], SEPTEMBER[0][1], "unsure", "no")])
    (tmp_path / "a.csv").write_text(doubt.replace("from A", "ask Dr Shah"), encoding="utf-8")
    _check(tmp_path, "--search", "sep.csv", "--decisions", "a.csv", "--save", "A.cqrsreview")
    (tmp_path / "again.csv").write_text(_search(SEPTEMBER[1:]), encoding="utf-8")
    _, _email, stderr = _check(
        tmp_path, "--search", "again.csv", "--carry", "A.cqrsreview", "--save", "B.cqrsreview"
    )
    assert (
        "1 vaccination marked unsure in an earlier review not found in this search, though "
        "it covers its month" in stderr
    )
    review, _email, stderr = _check(
        tmp_path, "--search", "sep.csv", "--carry", "B.cqrsreview", "--save", "C.cqrsreview"
    )
    event = _events(review)[(PEOPLE[0], _iso(SEPTEMBER[0][1]))]
    assert (event["decision"], event["carried_from"]) == (None, None)
    assert "1 vaccination marked unsure in an earlier review is not carried" in stderr


def test_a_dose_given_here_that_the_next_search_may_not_have_looked_at_holds_the_claim(
    tmp_path: Path, qapp: object
) -> None:
    """A checked September: all six given here. B's search begins on the 3rd (its months
    worked out from its dates), so A's dose of the 2nd is of a day it may not have looked
    at: kept, not counted. B's count is then 5 against a claim of 6, but the sixth dose is
    one an earlier check found given by this practice: the email must not ask to amend
    the claim from 6 to 5 (never ask to amend what was not searched), nor the note say it
    should be; both hold the claim as still being checked (decision 233)."""
    (tmp_path / "a.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    decided = [(nhs, date, "practice", "no") for nhs, date in SEPTEMBER]
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip
    (tmp_path / "b.csv").write_text(_search(SEPTEMBER[1:]), encoding="utf-8")
    review, email, stderr = _check(
        tmp_path, "--search", "b.csv", "--carry", "A.cqrsreview",
        "--claim", "pertussis_pregnant:2024-09=6", "--save", "B.cqrsreview",
    )  # fmt: skip
    assert "it may not have searched that day" in stderr
    (item,) = review["items"]
    assert (item["status"], item["corrected"]) == ("amend", 5)  # SPEC 5's, unchanged
    (line,) = [x for x in email.splitlines() if x.startswith("- Pertussis (pregnant women), Sep")]
    assert "amended from" not in line
    assert "not yet confirmed or amended" in line
    assert "an earlier check found 1 given by this practice that our latest search" in line
    assert "To be amended" not in email and "Still being checked" in email
    notes = (tmp_path / "out" / "declaration_notes.txt").read_text(encoding="utf-8")
    assert "amended from" not in notes and "No note yet" in notes
    book = load_workbook(tmp_path / "out" / "review.xlsx", read_only=True)
    cells = [str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row]
    assert "Still being checked (earlier check not in search)" in cells, cells
    # the window's tables say it as the email does, not "Amend"
    store, opened = open_review(tmp_path / "B.cqrsreview", for_writing=False)
    try:
        model = ItemsTableModel()
        model.set_review(opened)
        (claim,) = model.items
        assert model.text(claim, STATUS) == "Earlier check not in search"
        said = model.details(claim)
        assert "the email says the claim is not yet confirmed or amended" in said, said
        assert "1 vaccination an earlier check found given by this practice" in said, said
    finally:
        store.close()


def test_a_claim_found_correct_still_says_a_dose_given_here_the_search_does_not_show(
    tmp_path: Path,
) -> None:
    """A checked six doses given here; B's search begins on the 3rd, so A's dose of the
    2nd is kept, not counted, and B's five agree with a claim of 5. The declaration note
    says an earlier check found one more given here that the search does not show; the
    email's "correct" line said nothing of it (decision 234)."""
    (tmp_path / "a.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    decided = [(nhs, date, "practice", "no") for nhs, date in SEPTEMBER]
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip
    (tmp_path / "b.csv").write_text(_search(SEPTEMBER[1:]), encoding="utf-8")
    review, email, _ = _check(
        tmp_path, "--search", "b.csv", "--carry", "A.cqrsreview",
        "--claim", "pertussis_pregnant:2024-09=5",
    )  # fmt: skip
    assert review["items"][0]["status"] == "validated"
    (line,) = [x for x in email.splitlines() if x.startswith("- Pertussis (pregnant women), Sep")]
    assert line.startswith("- Pertussis (pregnant women), September 2024: 5 claimed, correct")
    kept = "an earlier check found 1 given by this practice that our latest search does not show"
    assert kept in line, line
    notes = (tmp_path / "out" / "declaration_notes.txt").read_text(encoding="utf-8")
    assert "An earlier check found 1 given by this practice that the practice search" in notes
