"""Old-style Excel 97-2003 (.xls) exports, as some practices still save them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cqrs_desktop.cli import main

xlwt = pytest.importorskip("xlwt")

HEADER = [
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
]
ROWS = [
    [
        "999 631 7064",
        "Jones",
        "Tereza",
        dt.date(1994, 10, 25),
        "Female",
        dt.date(2024, 9, 3),
        956951000000104,
        "Pertussis vaccination in pregnancy",
        "F99001",
        "",
    ],
    [
        "999 743 9155",
        "Okafor",
        "Olga",
        dt.date(1989, 12, 31),
        "Female",
        dt.date(2024, 9, 5),
        956951000000104,
        "Pertussis vaccination in pregnancy",
        "R1H",
        "",
    ],
    [
        "999 806 3604",
        "Rossi",
        "Amara",
        dt.date(2001, 12, 21),
        "Female",
        dt.date(2024, 9, 9),
        956951000000104,
        "Pertussis vaccination in pregnancy",
        "F99001",
        "Yes",
    ],
]


def write_xls(path: Path, with_title: bool = True) -> None:
    book = xlwt.Workbook()
    book.add_sheet("Notes").write(0, 0, "Nothing here")
    sheet = book.add_sheet("Search")
    dates = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    start = 0
    if with_title:
        sheet.write(0, 0, "Pertussis vaccination in pregnancy - practice search")
        start = 2
    for col, title in enumerate(HEADER):
        sheet.write(start, col, title)
    for r, values in enumerate(ROWS, start=start + 1):
        for c, value in enumerate(values):
            if isinstance(value, dt.date):
                sheet.write(r, c, value, dates)
            else:
                sheet.write(r, c, value)
    book.save(str(path))


def test_xls_export_reads_like_the_csv(tmp_path: Path) -> None:
    source = tmp_path / "search.xls"
    write_xls(source)
    out = tmp_path / "out"
    assert (
        main(["check", "--practice-ods", "F99001", "--search", str(source), "--out", str(out)]) == 0
    )
    review = json.loads((out / "review.json").read_text(encoding="utf-8"))
    events = review["events"]
    assert [e["nhs_number"] for e in events] == ["9996317064", "9997439155", "9998063604"]
    assert [e["date"] for e in events] == ["2024-09-03", "2024-09-05", "2024-09-09"]
    assert events[0]["date_of_birth"] == "1994-10-25"
    assert events[0]["code"] == "956951000000104"
    assert events[1]["flags"] == ["other_organisation"]
    assert events[2]["flags"] == ["non_gms"]
    assert [e["row"] for e in events] == [4, 5, 6]


def test_truncated_xls_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "broken.xls"
    write_xls(source)
    source.write_bytes(source.read_bytes()[:700])
    assert (
        main(
            [
                "check",
                "--practice-ods",
                "F99001",
                "--search",
                str(source),
                "--out",
                str(tmp_path / "out"),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: broken.xls: ")
