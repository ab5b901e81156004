"""A web page saved with a .csv (or .xls) name is said to be one, for every kind of file
the readers take, instead of "no vaccination date column found" (which sends the user
looking for a column) or "no header row found". Invented people."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from cqrs_desktop.domain.rules import Rules
from cqrs_desktop.sources import SourceError, read_cqrs, read_search
from cqrs_desktop.sources.decisions import read_decisions
from tests.e2e.test_cli import run

from .helpers import HEADER, ROWS, write_csv

WEB_PAGE = "this is a web page (HTML), not a CSV or Excel file: export it again as CSV"

_TABLE = (
    "<table>\r\n<tr><th>NHS Number</th><th>Surname</th><th>Date</th><th>Code</th></tr>\r\n"
    "<tr><td>9990000018</td><td>Testperson</td><td>02/09/2024</td><td>956951000000104</td>"
    "</tr>\r\n</table>"
)
PAGES: dict[str, bytes] = {
    "doctype after a BOM and blank lines": codecs.BOM_UTF8
    + f"\r\n  \r\n<!DOCTYPE html>\r\n<html><body>{_TABLE}</body></html>\r\n".encode(),
    "html tag": f"<html lang='en'>\n<head><title>Search</title></head><body>{_TABLE}</body>"
    "</html>".encode(),
    "a bare table, in capitals": _TABLE.upper().encode(),
    "saved by Internet Explorer": f"<!-- saved from url=(0014)about:internet -->\r\n<HTML>"
    f"<BODY>{_TABLE}</BODY></HTML>".encode(),
    "XHTML": f'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">{_TABLE}'
    "</html>".encode(),
    "UTF-16 with a byte order mark": codecs.BOM_UTF16_LE
    + f"<!doctype html>\r\n<html>{_TABLE}</html>".encode("utf-16-le"),
}


def _search(rules: Rules) -> Callable[[Path], object]:
    return lambda path: read_search(path, rules)


def _cqrs(rules: Rules) -> Callable[[Path], object]:
    return lambda path: read_cqrs(path, rules)


def _decisions(_rules: Rules) -> Callable[[Path], object]:
    return read_decisions


READERS = {"search": _search, "CQRS figures": _cqrs, "decisions": _decisions}


@pytest.mark.parametrize("kind", READERS)
@pytest.mark.parametrize("page", PAGES)
def test_a_web_page_is_said_to_be_one(tmp_path: Path, rules: Rules, kind: str, page: str) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(PAGES[page])
    with pytest.raises(SourceError) as caught:
        READERS[kind](rules)(path)
    assert str(caught.value) == f"export.csv: {WEB_PAGE}"


def test_a_web_page_saved_as_an_excel_file_is_said_to_be_one(tmp_path: Path, rules: Rules) -> None:
    """Web reports offered "for Excel" are often HTML with a .xls name."""
    path = tmp_path / "search.xls"
    path.write_bytes(PAGES["html tag"])
    with pytest.raises(SourceError, match=r"^search\.xls: this is a web page \(HTML\)"):
        read_search(path, rules)


def test_a_search_with_tags_in_its_cells_is_still_a_search(tmp_path: Path, rules: Rules) -> None:
    rows = [[*ROWS[0][:1], "<html>", *ROWS[0][2:]], *ROWS[1:]]
    path = write_csv(tmp_path / "search.csv", [HEADER, *rows])
    found = read_search(path, rules)
    assert len(found.rows) == len(rows)


def test_an_excel_2003_xml_workbook_is_not_called_a_web_page(tmp_path: Path, rules: Rules) -> None:
    path = tmp_path / "search.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet>'
        "<Table><Row><Cell><Data>NHS Number</Data></Cell></Row></Table></Worksheet></Workbook>",
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as caught:
        read_search(path, rules)
    assert "web page" not in str(caught.value)


def test_the_command_line_says_a_web_page_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "search.csv").write_bytes(PAGES["doctype after a BOM and blank lines"])
    result = run(
        "check", "--practice-ods", "F99001", "--search", "search.csv",
        "--claim", "pertussis_pregnant:2024-09=1", "--out", "out", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [f"error: search.csv: {WEB_PAGE}"]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
