"""Workbooks written by hand, XML and all, as an attacker or a broken exporter would write
them: Excel or openpyxl would never write a value in XFD1048576 beside a 6-row table, nor
a shared string used by every cell. Invented data only."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

HEADER = ["NHS Number", "Surname", "Date", "Code"]
ROW = ["9990682887", "Patel", "04/09/2024", "956951000000104"]


def column(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell(ref: str, value: object) -> str:
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def rows_xml(rows: Sequence[Sequence[object]], first: int = 1) -> str:
    out = []
    for number, row in enumerate(rows, start=first):
        cells = "".join(
            cell(f"{column(c)}{number}", v) for c, v in enumerate(row, 1) if v is not None
        )
        out.append(f'<row r="{number}">{cells}</row>')
    return "".join(out)


def sheet(body: str, dimension: str | None = None) -> str:
    claimed = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{claimed}'
        f"<sheetData>{body}</sheetData></worksheet>"
    )


def table_sheet(rows: int = 5, extra: str = "", dimension: str | None = None) -> str:
    """A small table of invented rows, and `extra` XML after it (a far cell, say)."""
    return sheet(rows_xml([HEADER] + [ROW] * rows) + extra, dimension)


def shared_strings(strings: Sequence[str]) -> str:
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">{items}</sst>'


def write_workbook(
    path: Path,
    sheets: dict[str, str],
    strings: str | None = None,
    extra: dict[str, bytes] | None = None,
) -> Path:
    """An .xlsx of the given sheets' XML, by name, in order."""
    names = list(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(names) + 1)
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f"{overrides}</Types>"
    )
    root_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}"><Relationship '
        f'Id="rId1" Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    entries = "".join(
        f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(names, 1)
    )
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{DOC}">'
        f"<sheets>{entries}</sheets></workbook>"
    )
    links = "".join(
        f'<Relationship Id="rId{i}" Type="{DOC}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(names) + 1)
    )
    if strings is not None:
        links += f'<Relationship Id="rIdS" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>'
    workbook_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">{links}'
        "</Relationships>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", types)
        package.writestr("_rels/.rels", root_rels)
        package.writestr("xl/workbook.xml", workbook)
        package.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        for i, name in enumerate(names, 1):
            package.writestr(f"xl/worksheets/sheet{i}.xml", sheets[name])
        if strings is not None:
            package.writestr("xl/sharedStrings.xml", strings)
        for part, data in (extra or {}).items():
            package.writestr(part, data)
    return path
