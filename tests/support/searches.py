"""A plain search export of invented people (999 numbers) for tests that need many rows."""

from __future__ import annotations

from pathlib import Path

from tests.reports.reports_factory import nhs_numbers


def write_search(path: Path, rows: int) -> None:
    """`rows` September pertussis vaccinations, each a different invented patient."""
    numbers = nhs_numbers()
    lines = ["NHS Number,Surname,Forename,Date of Birth,Sex,Date,Code,Organisation"]
    for i in range(rows):
        lines.append(
            f"{next(numbers)},Testperson,Alice,01/01/1990,F,{1 + i % 28:02d}/09/2024,"
            "956951000000104,F99001"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
