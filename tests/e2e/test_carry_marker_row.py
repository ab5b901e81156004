"""The row that proves a dose was recoded is the row named, through the real command line
(decision 330). A dose decided in review A as given elsewhere is still in next month's
search as the practice's own code, and the practice added a "given by another provider"
code row beside it: the evidence that it was corrected must point at the row that holds
that code, not only at the dose's own row, which an auditor opening the file would find
unchanged. Invented people, NHS numbers in the 999 range."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.test_carry_forward import CODE, PEOPLE, _check, _decisions, _events

OTHER = "956971000000108"  # pertussis in pregnancy given by other healthcare provider
HEADER = "NHS Number,Surname,Forename,Date of Birth,Sex,Date,Code,Organisation,Non-GMS"


def _row(i: int, date: str, code: str = CODE) -> str:
    return f"{PEOPLE[i]},Testperson,Alice{i},01/01/1990,F,{date},{code},F99001,"


def test_a_recoding_beside_the_dose_names_the_row_of_the_code(tmp_path: Path) -> None:
    days = ["03/09/2024", "10/09/2024", "17/09/2024"]
    a = [HEADER] + [_row(i, day) for i, day in enumerate(days)]
    (tmp_path / "a.csv").write_text("\n".join(a) + "\n", encoding="utf-8")
    decided = [(PEOPLE[0], days[0], "practice", "no"), (PEOPLE[1], days[1], "practice", "no")]
    decided.append((PEOPLE[2], days[2], "other_provider", "no"))
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided), encoding="utf-8")
    _check(tmp_path, "--search", "a.csv", "--decisions", "a_decisions.csv",
           "--save", "A.cqrsreview")  # fmt: skip
    # October's search: a title line, the three doses, then the code the practice added
    # for the third (row 6 of the file), a day after the dose
    b = ["Pertussis search - run on 01-Nov-2024", HEADER]
    b += [_row(i, day) for i, day in enumerate(days)]
    b.append(_row(2, "18/09/2024", OTHER))
    (tmp_path / "b.csv").write_text("\n".join(b) + "\n", encoding="utf-8")
    review, _email, _stderr = _check(tmp_path, "--search", "b.csv", "--carry", "A.cqrsreview")
    event = _events(review)[(PEOPLE[2], "2024-09-17")]
    assert event["row"] == 5
    assert (event["action_done"], event["action_evidence"], event["export_check"]) == (
        True,
        "export",
        "corrected",
    )
    assert event["evidence"] == (
        "seen corrected in b.csv, row 5 (a 'given by another provider' code in b.csv, row 6)"
    )
