"""Write the synthetic demo data in resources/demo/ (invented people, 999 NHS numbers).

Deterministic: run it again and the files come out the same. Every flag of SPEC section 4
appears at least once, and both a preamble dialect and a plain dialect are used.
Run: uv run python build_scripts/make_demo_data.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "demo"
ODS = "Y99001"
PRACTICE = "Meadowbank Surgery"

SURNAMES = [
    "Adeyemi",
    "Brennan",
    "Chowdhury",
    "Dubois",
    "Evans",
    "Fernández",
    "Gallagher",
    "Hussain",
    "Ivanova",
    "Jones",
    "Kowalski",
    "Lindqvist",
    "Mensah",
    "Nowak",
    "O'Brien",
    "Patel",
    "Quinn",
    "Rossi",
    "Singh",
    "Thompson",
    "Usman",
    "Varga",
    "Williams",
    "Yilmaz",
]
FEMALE = [
    "Aoife",
    "Amara",
    "Chloé",
    "Folake",
    "Giulia",
    "Hannah",
    "Leila",
    "Maryam",
    "Mei",
    "Niamh",
    "Olga",
    "Priya",
    "Sadia",
    "Siobhán",
    "Tereza",
    "Zara",
]
MALE = ["Kwame", "Oliver", "Tomasz", "Rahul", "Callum"]

PERTUSSIS = ("956951000000104", "Pertussis vaccination in pregnancy")
PERTUSSIS_OTHER = (
    "956971000000108",
    "Pertussis vaccination in pregnancy given by other healthcare provider",
)
RSV = (
    "1303503001",
    "Administration of vaccine product containing only Human orthopneumovirus antigen",
)
HPV = ("428741008", "Administration of first dose of human papillomavirus vaccine")
MENACWY = ("871873006", "Meningococcal ACWY conjugate vaccine")
HEPB = ("170370000", "First hepatitis B vaccination")
FLU = ("822851000000102", "Seasonal influenza vaccination")


class People:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.used: set[str] = set()

    def nhs_number(self) -> str:
        while True:
            stem = "999" + "".join(str(self.rng.randrange(10)) for _ in range(6))
            total = sum(int(d) * w for d, w in zip(stem, range(10, 1, -1), strict=True))
            check = 11 - total % 11
            check = 0 if check == 11 else check
            if check != 10 and stem + str(check) not in self.used:
                self.used.add(stem + str(check))
                return stem + str(check)

    def person(self, age: int, on: dt.date, sex: str = "F") -> dict[str, object]:
        born = on - dt.timedelta(days=int(age * 365.25) + self.rng.randrange(1, 300))
        names = FEMALE if sex == "F" else MALE
        return {
            "nhs": self.nhs_number(),
            "surname": self.rng.choice(SURNAMES),
            "forename": self.rng.choice(names),
            "dob": born,
            "sex": sex,
        }


def ddmmyyyy(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def spaced(nhs: str) -> str:
    return f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}"


def maternal_rows(people: People) -> list[list[str]]:
    """EMIS-like rows: pertussis and RSV in pregnancy, Sep to Dec 2024."""
    rng = people.rng
    rows: list[list[str]] = []

    def add(
        person: dict[str, object],
        day: dt.date,
        code: tuple[str, str],
        org: str = ODS,
        non_gms: str = "",
        edd: dt.date | None = None,
    ) -> None:
        rows.append(
            [
                spaced(str(person["nhs"])),
                str(person["surname"]),
                str(person["forename"]),
                ddmmyyyy(person["dob"]),  # type: ignore[arg-type]
                "Female" if person["sex"] == "F" else "Male",
                ddmmyyyy(day),
                code[0],
                code[1],
                org,
                non_gms,
                ddmmyyyy(edd),
            ]
        )

    for month, count in ((9, 7), (10, 6), (11, 3), (12, 2)):
        for _ in range(count):
            day = dt.date(2024, month, rng.randrange(1, 28))
            person = people.person(rng.randrange(19, 42), day)
            add(person, day, PERTUSSIS, edd=day + dt.timedelta(days=rng.randrange(60, 150)))
    for month, count in ((9, 5), (10, 4), (11, 3), (12, 2)):
        for _ in range(count):
            day = dt.date(2024, month, rng.randrange(1, 28))
            person = people.person(rng.randrange(19, 42), day)
            add(person, day, RSV, edd=day + dt.timedelta(days=rng.randrange(20, 80)))

    # The cases worth a second look.
    day = dt.date(2024, 9, 12)
    maternity = people.person(31, day)
    add(maternity, day, PERTUSSIS, org="RQX")  # recorded by a maternity unit
    day = dt.date(2024, 9, 18)
    ravs = people.person(27, day)
    add(ravs, day, PERTUSSIS, non_gms="Yes")  # Non-GMS ticked
    day = dt.date(2024, 10, 3)
    elsewhere = people.person(35, day)
    add(elsewhere, day, PERTUSSIS)
    add(elsewhere, day + dt.timedelta(days=4), PERTUSSIS_OTHER)  # marker: other provider
    day = dt.date(2024, 10, 9)
    twice = people.person(29, day)
    add(twice, day, PERTUSSIS)
    add(twice, day + dt.timedelta(days=6), PERTUSSIS, org="R1H", non_gms="Yes")  # duplicate
    day = dt.date(2024, 11, 14)
    add(people.person(57, day), day, PERTUSSIS)  # age outside programme
    day = dt.date(2024, 9, 24)
    add(people.person(76, day, "M"), day, RSV)  # older-adult RSV, sex male
    day = dt.date(2024, 10, 17)
    early = people.person(30, day)
    add(early, day, RSV, edd=day + dt.timedelta(days=120))  # before 28 weeks
    day = dt.date(2024, 11, 21)
    late = people.person(33, day)
    add(late, day, RSV, edd=day - dt.timedelta(days=20))  # after the due date
    day = dt.date(2024, 12, 5)
    bad = people.person(26, day)
    bad["nhs"] = "9990000001"  # fails the check digit
    add(bad, day, RSV, edd=day + dt.timedelta(days=40))
    day = dt.date(2024, 11, 2)
    add(people.person(38, day), day, FLU)  # not a programme here: left out, with a warning
    return rows


def school_rows(people: People) -> list[list[str]]:
    """SystmOne-like rows: HPV, MenACWY and HepB babies, with a GMS column."""
    rng = people.rng
    rows: list[list[str]] = []

    def add(
        person: dict[str, object],
        day: dt.date,
        code: tuple[str, str],
        gms: str = "Y",
        org: str = ODS,
    ) -> None:
        rows.append(
            [
                str(person["nhs"]),
                ddmmyyyy(person["dob"]),  # type: ignore[arg-type]
                str(person["sex"]),
                ddmmyyyy(day),
                code[0],
                code[1],
                org,
                gms,
                str(person["surname"]),
                str(person["forename"]),
            ]
        )

    for month, count in ((9, 4), (10, 6), (11, 2)):
        for _ in range(count):
            day = dt.date(2025, month, rng.randrange(1, 28))
            add(people.person(rng.randrange(14, 24), day, rng.choice("FM")), day, HPV)
    for month, count in ((9, 3), (10, 2)):
        for _ in range(count):
            day = dt.date(2025, month, rng.randrange(1, 28))
            add(people.person(rng.randrange(17, 24), day, rng.choice("FM")), day, MENACWY)
    day = dt.date(2025, 10, 20)
    add(people.person(26, day, "M"), day, MENACWY)  # 25 or over
    for month in (9, 10):
        day = dt.date(2025, month, rng.randrange(1, 28))
        add(people.person(0, day, rng.choice("FM")), day, HEPB)
    day = dt.date(2025, 10, 8)
    add(people.person(15, day), day, HPV, gms="N")  # not GMS
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder (resources/demo)")
    out: Path = parser.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)
    people = People(20241126)
    maternal = maternal_rows(people)
    with (out / "emis_maternal_search.csv").open("w", encoding="utf-8-sig", newline="") as f:
        f.write('"Maternal vaccinations - practice search"\r\n"Run on 06-Jan-2025 09:14"\r\n')
        f.write(f'"Population count: {len(maternal)}"\r\n\r\n')
        writer = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(
            [
                "NHS Number",
                "Surname",
                "Forename",
                "Date of Birth",
                "Sex",
                "Date",
                "Code",
                "Term",
                "Organisation",
                "Non-GMS",
                "EDD",
            ]
        )
        writer.writerows(maternal)
    school = school_rows(people)
    with (out / "systmone_school_search.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(
            [
                "NHS number",
                "Date of birth",
                "Gender",
                "Event date",
                "SNOMED code",
                "Description",
                "Event done at",
                "GMS",
                "Surname",
                "First name",
            ]
        )
        writer.writerows(school)
    awaiting, approved = "Awaiting approval", "Approved"
    figures = [
        ("Pertussis (Pregnant Women) Vaccination Programme", "PT001", "30/09/2024", 9, awaiting),
        ("Pertussis (Pregnant Women) Vaccination Programme", "PT001", "31/10/2024", 9, awaiting),
        ("Pertussis (Pregnant Women) Vaccination Programme", "PT001", "30/11/2024", 4, awaiting),
        ("Pertussis (Pregnant Women) Vaccination Programme", "PT001", "31/12/2024", 2, awaiting),
        # a month no search of the demo covers: "Not checked", never "amend to 0"
        ("Pertussis (Pregnant Women) Vaccination Programme", "PT001", "31/01/2025", 3, awaiting),
        ("RSV Pregnant Women", "RSVP001", "30/09/2024", 6, awaiting),
        ("RSV Pregnant Women", "RSVP001", "31/10/2024", 5, awaiting),
        ("RSV Pregnant Women", "RSVP001", "30/11/2024", 4, awaiting),
        ("RSV Pregnant Women", "RSVP001", "31/12/2024", 3, awaiting),
        ("HPV Programme", "HPV003", "30/09/2025", 4, awaiting),
        ("HPV Programme", "HPV003", "31/10/2025", 7, awaiting),
        ("Meningococcal ACWY", "MENACWY001", "31/10/2025", 3, approved),
        ("Hepatitis B at risk (newborn)", "HEPB001", "30/09/2025", 1, approved),
        ("RSV older adults", "RSV003", "30/09/2024", 12, awaiting),
        ("Shingles Vaccination Programme", "SHI001", "30/09/2024", 4, approved),
    ]
    # LF line ends, as the figures were first committed by hand (decision 392)
    with (out / "cqrs_figures.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["Service", "Indicator", "Achievement Date", "Value", "Item Status"])
        writer.writerows(figures)
    (out / "practice.json").write_text(
        json.dumps({"ods_code": ODS, "name": PRACTICE, "reviewer": "Alex Morgan (demo)"}, indent=1)
        + "\n",
        encoding="utf-8",
        newline="",  # as written: Windows would turn each \n into \r\n
    )
    (out / "README.txt").write_text(
        "Synthetic demo data for CQRS Desktop: invented people, NHS numbers in the 999 test\r\n"
        'range. Try:\r\n  cqrs-desktop check --practice-ods Y99001 --practice-name "Meadowbank '
        'Surgery"\r\n    --search emis_maternal_search.csv --search systmone_school_search.csv'
        "\r\n    --cqrs cqrs_figures.csv --out results\r\n",
        encoding="utf-8",
        newline="",  # as written: Windows would turn each \n into \r\n
    )


if __name__ == "__main__":
    main()
