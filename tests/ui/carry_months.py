"""Month after month, for the window's tests (and screenshots): review A of September, made
and decided as the command line would, and the next month's search, where two of A's doses
given elsewhere are now marked Non-GMS. Invented people, NHS numbers in the 999 range."""

from __future__ import annotations

from pathlib import Path

from cqrs_desktop import session
from cqrs_desktop.domain.model import Claim, Practice
from cqrs_desktop.domain.review import Review
from tests.reports.reports_factory import nhs_numbers

HEADER = "NHS Number,Surname,Forename,Date of Birth,Sex,Date,Code,Organisation,Non-GMS"
CODE = "956951000000104"  # pertussis in pregnancy
ODS = "F99001"
PRACTICE = Practice(ODS, "Riverside Medical Centre", "Sam Earlier")

_numbers = nhs_numbers(500)
PEOPLE = [next(_numbers) for _ in range(9)]
SURNAMES = ["Ashby", "Brook", "Carter", "Dalton", "Ellis", "Fenwick", "Garner", "Holt", "Irving"]
SEPTEMBER = [(PEOPLE[i], f"{2 + i:02d}/09/2024") for i in range(6)]
OCTOBER = [(PEOPLE[6 + i], f"{3 + i:02d}/10/2024") for i in range(3)]
# A's decisions: four given elsewhere (one ticked as updated), two given here
A_DECISIONS = [
    (PEOPLE[0], "other_provider", "no"),
    (PEOPLE[1], "other_provider", "no"),
    (PEOPLE[2], "other_provider", "no"),
    (PEOPLE[3], "other_provider", "yes"),
    (PEOPLE[4], "practice", "no"),
    (PEOPLE[5], "practice", "no"),
]
CORRECTED = (PEOPLE[0], PEOPLE[1])  # marked Non-GMS in the next month's search
NOT_YET = (PEOPLE[2], PEOPLE[3])  # still the practice's own dose there


def search_text(rows: list[tuple[str, str]], non_gms: tuple[str, ...] = ()) -> str:
    lines = [HEADER]
    for nhs, date in rows:
        i = PEOPLE.index(nhs)
        flag = "Yes" if nhs in non_gms else ""
        lines.append(f"{nhs},{SURNAMES[i]},Alice,01/0{1 + i % 9}/1990,F,{date},{CODE},{ODS},{flag}")
    return "\n".join(lines) + "\n"


def make_review(
    folder: Path,
    name: str,
    rows: list[tuple[str, str]],
    decided: list[tuple[str, str, str]],
    note: str = "from A",
    claims: tuple[Claim, ...] = (),
) -> Path:
    """A saved, decided review `name`.cqrsreview of `rows` (closed again)."""
    search = folder / f"{name.lower()}_search.csv"
    search.write_text(search_text(rows), encoding="utf-8")
    dates = dict(rows)
    decisions = folder / f"{name.lower()}_decisions.csv"
    lines = ["nhs_number,programme,date,decision,action_done,note,reviewer"]
    for nhs, decision, done in decided:
        lines.append(f"{nhs},pertussis_pregnant,{dates[nhs]},{decision},{done},{note},Sam Earlier")
    decisions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rules, text = session.load_rules()
    imported = session.import_inputs(PRACTICE, [session.SearchFile(search)], [], claims, rules)
    review = Review(imported.inputs, rules)
    records, _said, _stated = session.read_decision_file(review, decisions, "Sam Earlier")
    session.apply_decisions(review, records, None)
    path = folder / f"{name}.cqrsreview"
    session.new_review(path, review, text, records).close()
    return path


def review_a(folder: Path) -> Path:
    return make_review(
        folder, "A", SEPTEMBER, A_DECISIONS, claims=(Claim("pertussis_pregnant", "2024-09", 6),)
    )


def next_month_search(folder: Path) -> Path:
    """September again (re-run: overlapping) with two of A's outside doses now marked
    Non-GMS, and October's new vaccinations."""
    path = folder / "october_search.csv"
    path.write_text(search_text(SEPTEMBER + OCTOBER, CORRECTED), encoding="utf-8")
    return path
