"""Small invented files for the reader tests: invented people, NHS numbers in the 999 range."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

HEADER = ["NHS Number", "Surname", "Forename", "Date of Birth", "Sex", "Date", "Code", "Term"]
PERTUSSIS = "956951000000104"
PERTUSSIS_OTHER = "956971000000108"
PERTUSSIS_DECLINED = "866641000000105"
RSV = "1303503001"
ROWS = [
    ["999 068 2887", "Patel", "Anya", "27/03/1993", "F", "04/09/2024", PERTUSSIS, "Pertussis"],
    ["9996317064", "Jones", "Tereza", "25/10/1994", "Female", "05/09/2024", PERTUSSIS, "Pertussis"],
]


def csv_text(rows: Sequence[Sequence[str]], delimiter: str = ",") -> str:
    def cell(value: str) -> str:
        needs = any(ch in value for ch in (delimiter, '"', "\n"))
        return '"' + value.replace('"', '""') + '"' if needs else value

    return "".join(delimiter.join(cell(v) for v in row) + "\n" for row in rows)


def write_csv(
    path: Path,
    rows: Sequence[Sequence[str]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    preamble: str = "",
    footer: str = "",
) -> Path:
    path.write_bytes((preamble + csv_text(rows, delimiter) + footer).encode(encoding))
    return path


def write_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
