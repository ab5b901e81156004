"""What a later search can show depends on its columns (decision 94), through the real
command line: a column the earlier search lacked is no correction, and a search with no
GMS or Non-GMS column cannot say a dose is still the practice's. And what the declaration
list says of a claim below five whose search found more, still to check. Invented people."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.test_carry_forward import CODE, PEOPLE, _check, _decisions, _events, _iso

DATES = [f"{2 + 5 * i:02d}/10/2024" for i in range(5)]
CLAIM = ["--claim", "pertussis_pregnant:2024-10=5"]


def _search(columns: str, extra: list[str], title: bool = False) -> str:
    """The five October doses; `extra` is each row's value for `columns` (if any)."""
    lines = ["Pertussis search - run on 06-Jan-2025", ""] if title else []
    lines.append("NHS Number,Surname,Forename,Date of Birth,Sex,Date,Code" + columns)
    for i, date in enumerate(DATES):
        lines.append(f"{PEOPLE[i]},Testperson,Bea{i},05/05/1991,F,{date},{CODE}{extra[i]}")
    return "\n".join(lines) + "\n"


def _a(folder: Path, done: str) -> None:
    """Review A, from a search with no organisation and no GMS column: the last dose
    given elsewhere (a maternity unit's), ticked as marked or not."""
    (folder / "a.csv").write_text(_search("", [""] * 5), encoding="utf-8")
    decided = [(PEOPLE[i], DATES[i], "practice", "no") for i in range(4)]
    decided.append((PEOPLE[4], DATES[4], "other_provider", done))
    (folder / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(folder, "--search", "a.csv", *CLAIM, "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip


def _given_elsewhere(folder: Path, search: str) -> tuple[dict[str, object], str, str]:
    (folder / "b.csv").write_text(search, encoding="utf-8")
    review, email, stderr = _check(folder, "--search", "b.csv", *CLAIM, "--carry", "A.cqrsreview")
    notes = (folder / "out" / "declaration_notes.txt").read_text(encoding="utf-8")
    return _events(review)[(PEOPLE[4], _iso(DATES[4]))], email, notes + stderr


def test_an_organisation_column_the_earlier_search_lacked_proves_no_correction(
    tmp_path: Path,
) -> None:
    _a(tmp_path, "no")
    orgs = [",F99001"] * 4 + [",R1H"]  # the RAVS dose shows its trust, as it always did
    event, email, said = _given_elsewhere(tmp_path, _search(",Organisation", orgs))
    assert (event["action_done"], event["action_evidence"], event["export_check"]) == (
        False,
        None,
        None,
    )
    assert "cannot show whether the record was marked" in event["evidence"]
    assert "the earlier search had no organisation column" in event["evidence"]
    assert "now marked" not in email and "not yet marked in our clinical system)" in email
    assert "it has not been marked" in said and "now shows as corrected" not in said
    assert "1 cannot be checked against this search, which has no GMS or Non-GMS" in said
    # with a GMS column saying GMS, the search does show it is still the practice's dose
    gms = [f"{org},Y" for org in orgs]
    event, email, _ = _given_elsewhere(tmp_path, _search(",Organisation,GMS", gms))
    assert (event["action_done"], event["export_check"]) == (False, "not_corrected")
    assert event["evidence"].startswith(f"not marked not GMS in b.csv, row {2 + 4}")
    assert "our latest search still counts it" in email


def test_a_rerun_with_no_gms_column_keeps_the_reviewers_tick(tmp_path: Path) -> None:
    _a(tmp_path, "yes")
    event, email, said = _given_elsewhere(tmp_path, _search("", [""] * 5, title=True))
    assert (event["action_done"], event["action_evidence"], event["export_check"]) == (
        True,
        "reviewer",
        None,
    )
    assert event["evidence"].startswith("still in b.csv, row 8, which has no GMS or Non-GMS")
    assert "(now marked in our clinical system as given elsewhere)" in email
    assert "still counts" not in email and "as our latest search shows" not in email
    assert "it was marked in the clinical system as given elsewhere" in said


def test_a_gms_non_gms_column_not_used_keeps_the_reviewers_tick(tmp_path: Path) -> None:
    """Attack: A's search had a Non-GMS column, blank on every dose; the dose given
    elsewhere was ticked as marked. The next export has a "GMS/Non-GMS" column of yes/no
    values, which the import warns it does not use, yet the dose was checked as if the
    column showed it unmarked ("Yes" on its own row): "not yet marked ... our latest search
    still counts it", the tick overruled. A column not used is no GMS column (decision 139):
    the earlier word stands, as with none (decision 94)."""
    blank = [",F99001,"] * 5
    (tmp_path / "a.csv").write_text(_search(",Organisation,Non-GMS", blank), encoding="utf-8")
    decided = [(PEOPLE[i], DATES[i], "practice", "no") for i in range(4)]
    decided.append((PEOPLE[4], DATES[4], "other_provider", "yes"))
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(tmp_path, "--search", "a.csv", *CLAIM, "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip
    both = [",F99001,"] * 4 + [",F99001,Yes"]
    event, email, said = _given_elsewhere(tmp_path, _search(",Organisation,GMS/Non-GMS", both))
    assert "it was not used" in said
    assert (event["action_done"], event["action_evidence"], event["export_check"]) == (
        True,
        "reviewer",
        None,
    )
    assert "cannot show whether the record was marked" in event["evidence"]
    assert "(now marked in our clinical system as given elsewhere)" in email
    assert "still counts" not in email and "as our latest search shows" not in email
    assert "it was marked in the clinical system as given elsewhere" in said
    assert "1 cannot be checked against this search, which has no GMS or Non-GMS" in said


def test_a_claim_below_five_with_more_still_to_check_is_not_called_no_note_needed(
    tmp_path: Path,
) -> None:
    """Claimed 4, the search found 5, none checked yet: if they are confirmed, the claim
    becomes 5 and needs a note, so "No note needed" would be a guess."""
    (tmp_path / "s.csv").write_text(_search("", [""] * 5), encoding="utf-8")
    _check(tmp_path, "--search", "s.csv", "--claim", "pertussis_pregnant:2024-10=4")
    notes = (tmp_path / "out" / "declaration_notes.txt").read_text(encoding="utf-8")
    assert "No note needed" not in notes
    assert (
        "No note yet: the claim of 4 is below 5, but the search found 5, 5 records still to "
        "check. Amended to 5 or more, the claim will need one when it is declared." in notes
    )
    # two already decided as given elsewhere: the count can reach 3 at most, so no note
    decided = [(PEOPLE[i], DATES[i], "other_provider", "no") for i in range(2)]
    (tmp_path / "d.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(tmp_path, "--search", "s.csv", "--claim", "pertussis_pregnant:2024-10=4",
           "--decisions", "d.csv")  # fmt: skip
    notes = (tmp_path / "out" / "declaration_notes.txt").read_text(encoding="utf-8")
    assert "No note yet" not in notes and "No note needed: the claim of 4 is below 5." in notes
