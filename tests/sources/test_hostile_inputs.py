"""Files made to fool or flood the readers: each gets a clear error or a correct result.

Stray quotes that would swallow rows, files past the limits (size, lines, rows, columns,
cells, one cell's length), workbooks whose few bytes ask for gigabytes (a value in the
last cell, a shared string in every cell, a zip bomb) and control characters in cells.
Generated here, invented people and NHS numbers in the 999 range only.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest

from cqrs_desktop.domain.rules import Rules
from cqrs_desktop.sources import SourceError, read_decisions, read_search
from cqrs_desktop.sources.table import read_table

from . import hostile
from .helpers import HEADER, PERTUSSIS, ROWS, csv_text

NAMES = ["Patel", "Jones", "Okafor", "Novak", "Rossi"]


def search_rows(count: int) -> list[list[str]]:
    """`count` invented data rows, all pertussis vaccinations in September 2024."""
    rows = []
    for i in range(count):
        number = f"999{i:07d}"
        rows.append(
            [number, NAMES[i % 5], "Anya", "27/03/1993", "F", "04/09/2024", PERTUSSIS, "Pertussis"]
        )
    return rows


def refused(path: Path, rules: Rules) -> str:
    """The problem, after checking the message is one line naming the file."""
    with pytest.raises(SourceError) as caught:
        read_search(path, rules)
    message = str(caught.value)
    assert message.startswith(f"{path.name}: ") and "\n" not in message
    return caught.value.problem


class _Unread:
    """A workbook opened by calamine whose sheets must not be read (that would allocate
    them): reading one raises, which the reader reports as a damaged workbook."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.sheet_names = book.sheet_names

    def __enter__(self) -> _Unread:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.book.close()

    def get_sheet_by_name(self, _name: str) -> None:
        raise AssertionError("calamine was asked to read a sheet that is too big")


@pytest.fixture
def no_calamine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if a sheet is handed to calamine, or an .xls opened at all (calamine
    reads all its sheets when it opens it)."""
    import python_calamine

    real = python_calamine.CalamineWorkbook.from_filelike

    def guarded(filelike: io.BytesIO) -> _Unread:
        if filelike.getvalue().startswith(b"\xd0\xcf\x11\xe0"):
            raise AssertionError("calamine was asked to open an .xls that is too big")
        return _Unread(real(filelike))

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", guarded)


def with_stray_quote(line: str, delimiter: str = ",", at: int = 0) -> str:
    """The line with a quote put into its second cell, at character `at` of it."""
    first, rest = line.split(delimiter, 1)
    return f'{first}{delimiter}{rest[:at]}"{rest[at:]}'


# ---------------------------------------------------------------- quotes


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_a_quote_never_closed_in_a_long_file_is_an_error_naming_its_line(
    tmp_path: Path, rules: Rules, delimiter: str
) -> None:
    """3,000 rows, a stray quote opening a cell on line 7: it used to import 5 rows with
    exit 0, the warning only inside review.json."""
    rows = search_rows(3000)
    lines = csv_text([HEADER, *rows], delimiter).splitlines(keepends=True)
    lines[6] = with_stray_quote(lines[6], delimiter)
    path = tmp_path / ("search.csv" if delimiter == "," else "search.txt")
    path.write_text("".join(lines), encoding="utf-8")
    assert refused(path, rules).startswith('line 7: a quote (") opens a cell that is never closed')


def test_a_quote_never_closed_near_the_end_says_how_much_it_would_swallow(
    tmp_path: Path, rules: Rules
) -> None:
    lines = csv_text([HEADER, *search_rows(20)]).splitlines(keepends=True)
    lines[15] = with_stray_quote(lines[15])
    path = tmp_path / "search.csv"
    path.write_text("".join(lines), encoding="utf-8")
    assert refused(path, rules) == (
        'line 16: a quote (") opens a cell that is never closed, so the rest of the file '
        "(6 lines) would be read as one cell; correct the quote in the file, or export it again"
    )


def test_a_quote_closed_rows_later_is_an_error_naming_both_lines(
    tmp_path: Path, rules: Rules
) -> None:
    """Two stray quotes: the rows between them would be read as one cell."""
    lines = csv_text([HEADER, *search_rows(40)], "\t").splitlines(keepends=True)
    lines[10] = with_stray_quote(lines[10], "\t")
    lines[30] = with_stray_quote(lines[30], "\t", at=3)
    path = tmp_path / "search.txt"
    path.write_text("".join(lines), encoding="utf-8")
    assert refused(path, rules).startswith(
        'line 11: a quote (") opens a cell that runs on to line 31, so 21 lines would be read '
        "as one cell"
    )


@pytest.mark.parametrize("preamble", [0, 2])
def test_a_quote_left_open_in_the_header_names_its_line(
    tmp_path: Path, rules: Rules, preamble: int
) -> None:
    """It ran the header's cells together: once called "looks like CQRS figures"."""
    lines = csv_text([HEADER, *search_rows(30)]).splitlines(keepends=True)
    lines[0] = with_stray_quote(lines[0])
    path = tmp_path / "search.csv"
    path.write_text("Search report\n" * preamble + "".join(lines), encoding="utf-8")
    assert refused(path, rules) == (
        f'line {preamble + 1}: a quote (") opens a cell that is never closed, so no header row '
        "could be read; correct the quote in the file, or export it again"
    )


def test_a_note_over_several_lines_still_imports(tmp_path: Path, rules: Rules) -> None:
    rows = search_rows(6)
    rows[2][7] = "Pertussis\ngiven at the clinic, left arm\nbatch checked"
    rows[5][7] = "Pertussis\nlast row, note over two lines"  # the file ends inside it
    path = tmp_path / "search.csv"
    path.write_text(csv_text([HEADER, *rows]).rstrip("\n"), encoding="utf-8")
    result = read_search(path, rules)
    assert [r.row for r in result.rows] == [2, 3, 4, 7, 8, 9]
    assert result.rows[2].term == "Pertussis\ngiven at the clinic, left arm\nbatch checked"
    assert result.summary.warnings == ()


def test_a_first_cell_over_two_lines_still_imports(tmp_path: Path, rules: Rules) -> None:
    """The line a quote closes on carries the rest of its row: not a swallowed row."""
    rows = search_rows(3)
    rows[1][0] = "999 000\n0001"
    path = tmp_path / "search.csv"
    text = csv_text([HEADER, *rows]).replace("NHS Number", '"NHS\nNumber"', 1)
    path.write_text(text, encoding="utf-8")
    result = read_search(path, rules)
    assert [r.row for r in result.rows] == [3, 4, 6]
    assert result.rows[1].nhs_number == "9990000001"


# ---------------------------------------------------------------- limits of text files


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, rules: Rules, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cqrs_desktop.sources.limits import MAX_FILE_BYTES

    path = tmp_path / "search.csv"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used

    def never(_self: Path) -> bytes:
        raise AssertionError("a file over the limit was read")

    monkeypatch.setattr(Path, "read_bytes", never)
    assert refused(path, rules).startswith("the file is 100 MB, more than the 100 MB this app")


def test_a_million_lines_are_refused_at_once(tmp_path: Path, rules: Rules) -> None:
    path = tmp_path / "search.csv"
    path.write_bytes(csv_text([HEADER, *ROWS]).encode() + b"9990682887,x\n" * 1_000_000)
    assert refused(path, rules).startswith(
        "the file has 1,000,003 lines, more than the 100,000 rows this app reads"
    )


def test_more_data_rows_than_the_limit_are_refused(
    tmp_path: Path, rules: Rules, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cqrs_desktop.sources.table.MAX_ROWS", 100)
    monkeypatch.setattr("cqrs_desktop.sources.limits.MAX_ROWS", 100)
    path = tmp_path / "search.csv"
    path.write_text(csv_text([HEADER, *search_rows(101)]), encoding="utf-8")
    assert refused(path, rules).startswith("the file has 101 rows, more than the 100 rows")
    path.write_text(csv_text([HEADER, *search_rows(100)]), encoding="utf-8")
    assert len(read_search(path, rules).rows) == 100


def test_a_line_of_thousands_of_columns_is_refused(tmp_path: Path, rules: Rules) -> None:
    path = tmp_path / "search.csv"
    path.write_text(csv_text([HEADER, ROWS[0]]) + "x," * 5000 + "\n", encoding="utf-8")
    assert refused(path, rules) == "a line has more than 1,000 columns; this is not a search export"


def test_more_cells_than_the_limit_are_refused_before_parsing(
    tmp_path: Path, rules: Rules, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cqrs_desktop.sources.table.MAX_CELLS", 100)
    path = tmp_path / "search.csv"
    path.write_text(csv_text([HEADER, *search_rows(20)]), encoding="utf-8")
    assert refused(path, rules).startswith("the table is 21 rows by 8 columns, more than the")


def test_a_cell_longer_than_excel_allows_is_refused_naming_where(
    tmp_path: Path, rules: Rules
) -> None:
    rows = search_rows(3)
    rows[1][7] = "x" * 40_000
    path = tmp_path / "search.csv"
    path.write_text(csv_text([HEADER, *rows]), encoding="utf-8")
    assert refused(path, rules).startswith(
        "line 3, column 8: a cell holds more than 32,767 characters"
    )


# ---------------------------------------------------------------- control characters


def test_control_characters_are_read_as_spaces_with_a_warning(tmp_path: Path, rules: Rules) -> None:
    """A vertical tab pasted from Word, a NUL and a C1 code: cleaned, and said per column."""
    rows = search_rows(4)
    rows[0][1] = "Pa\x0btel"
    rows[1][1] = "Jones\x0b"
    rows[2][7] = "Pertussis\x00vaccine\x85"
    path = tmp_path / "search.csv"
    path.write_text(csv_text([HEADER, *rows]), encoding="utf-8")
    result = read_search(path, rules)
    assert [r.surname for r in result.rows[:2]] == ["Pa tel", "Jones"]
    assert result.rows[2].term == "Pertussis vaccine"
    assert result.summary.warnings == (
        "column 'Surname': 2 cells held control characters (such as a vertical tab pasted "
        "from Word), read as spaces",
        "column 'Term': 1 cell held control characters (such as a vertical tab pasted from "
        "Word), read as spaces",
    )


def test_windows_text_with_an_undefined_byte_keeps_its_curly_quotes(
    tmp_path: Path, rules: Rules
) -> None:
    rows = search_rows(2)
    rows[0][1] = "O’Brien"
    data = csv_text([HEADER, *rows]).encode("cp1252").replace(b"Anya", b"An\x81ya", 1)
    path = tmp_path / "search.csv"
    path.write_bytes(data)
    result = read_search(path, rules)
    assert result.rows[0].surname == "O’Brien"
    assert result.rows[0].forenames == "An\ufffdya"


def test_control_characters_in_a_decisions_note_are_read_as_spaces(tmp_path: Path) -> None:
    path = tmp_path / "decisions.csv"
    path.write_text(
        "nhs_number,programme,date,decision,note\n"
        "9990682887,pertussis_pregnant,04/09/2024,practice,Called\x0bthe patient\x1b\n",
        encoding="utf-8",
    )
    (row,) = read_decisions(path)
    assert row.note == "Called the patient"


def test_control_characters_in_a_workbook_cell_are_read_as_spaces(
    tmp_path: Path, rules: Rules
) -> None:
    body = hostile.rows_xml(
        [hostile.HEADER, ["9990682887", "Pa_x000B_tel", "04/09/2024", PERTUSSIS]]
    )
    path = hostile.write_workbook(tmp_path / "search.xlsx", {"Search": hostile.sheet(body)})
    result = read_search(path, rules)
    assert result.rows[0].surname == "Pa tel"
    assert "column 'Surname': 1 cell held control characters" in result.summary.warnings[0]


# ---------------------------------------------------------------- workbooks


def test_one_value_in_the_last_cell_is_refused_without_allocating_the_sheet(
    tmp_path: Path, rules: Rules, no_calamine: None
) -> None:
    """6 KB that used to abort the process (17 billion cells)."""
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    path = hostile.write_workbook(
        tmp_path / "search.xlsx", {"Search": hostile.table_sheet(extra=far)}
    )
    assert refused(path, rules).startswith(
        "sheet 'Search' has a value in column XFD, beyond the 1,000 columns a search export "
        "could have; if that is a stray entry, delete it (Ctrl+End in Excel goes to the last cell)"
    )


def test_the_files_page_preview_of_such_a_workbook_shows_the_problem(
    tmp_path: Path, rules: Rules, no_calamine: None
) -> None:
    """Choosing it in Add files used to kill the app."""
    from cqrs_desktop.sources import inspect_file

    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    path = hostile.write_workbook(
        tmp_path / "search.xlsx", {"Search": hostile.table_sheet(extra=far)}
    )
    preview = inspect_file(path, rules)
    assert preview.kind == "unknown"
    assert preview.problems[0].startswith("search.xlsx: sheet 'Search' has a value in column XFD")


def test_a_stray_note_in_column_xfd_of_a_large_sheet_is_refused(
    tmp_path: Path, rules: Rules, no_calamine: None
) -> None:
    """5,000 rows and one note far right: it took 36 s and 3.9 GB."""
    rows: list[list[object]] = [hostile.HEADER] + [list(hostile.ROW) for _ in range(5000)]
    note = '<row r="5002"><c r="XFD5002" t="inlineStr"><is><t>checked</t></is></c></row>'
    sheet = hostile.sheet(hostile.rows_xml(rows) + note)
    path = hostile.write_workbook(tmp_path / "search.xlsx", {"Search": sheet})
    assert "has a value in column XFD" in refused(path, rules)


def test_a_far_value_in_a_row_is_found_below_the_limit_of_rows(
    tmp_path: Path, rules: Rules, no_calamine: None
) -> None:
    far = '<row r="900000"><c r="A900000"><v>1</v></c></row>'
    path = hostile.write_workbook(
        tmp_path / "search.xlsx", {"Search": hostile.table_sheet(extra=far)}
    )
    assert refused(path, rules).startswith(
        "sheet 'Search' has a value in row 900,000, beyond the 100,000 rows this app reads"
    )


def test_a_sheet_too_big_beside_the_table_is_left_out_with_a_warning(
    tmp_path: Path, rules: Rules
) -> None:
    far = '<row r="3"><c r="XFD3"><v>1</v></c></row>'
    path = hostile.write_workbook(
        tmp_path / "search.xlsx",
        {"Search": hostile.table_sheet(), "Notes": hostile.sheet(far)},
    )
    result = read_search(path, rules)
    assert len(result.rows) == 5
    assert result.summary.warnings[0].startswith(
        "sheet 'Notes' was not read: it has a value in column XFD"
    )


@pytest.mark.parametrize(
    "sheet",
    [
        hostile.table_sheet(dimension="A1:XFD1048576"),  # the claimed size is ignored
        hostile.table_sheet(extra='<row r="1048576"><c r="XFD1048576" s="1"/></row>'),  # a style
    ],
    ids=["claimed dimension", "formatted far cell"],
)
def test_a_sheet_that_only_claims_to_be_huge_imports(
    tmp_path: Path, rules: Rules, sheet: str
) -> None:
    path = hostile.write_workbook(tmp_path / "search.xlsx", {"Search": sheet})
    assert len(read_search(path, rules).rows) == 5


@pytest.mark.parametrize(
    "far",
    [
        "<row>" + "<c><v>1</v></c>" * 16_384 + "</row>",  # cells placed by their order
        '<row r="9"><c r="XFD9" ><v>1</v></c></row>'.replace('r="XFD9"', "r='XFD9'"),
        '<x:row r="9"><x:c r="XFD9"><x:v>1</x:v></x:c></x:row>',  # a namespace prefix
    ],
    ids=["no references", "single quotes", "prefixed"],
)
def test_a_far_value_written_an_unusual_way_is_still_found(
    tmp_path: Path, rules: Rules, no_calamine: None, far: str
) -> None:
    sheet = hostile.table_sheet(extra=far).replace(
        "<worksheet ", f'<worksheet xmlns:x="{hostile.MAIN}" '
    )
    path = hostile.write_workbook(tmp_path / "search.xlsx", {"Search": sheet})
    assert "has a value in column XFD" in refused(path, rules)


def test_a_shared_string_used_by_every_cell_is_refused(
    tmp_path: Path, rules: Rules, no_calamine: None
) -> None:
    """A 30,000-character string used by 4,000 cells: 120 million characters once calamine
    copies it into each (the 4 MB bomb took 5.5 GB)."""
    cells = "".join(f'<row r="{r}"><c r="E{r}" t="s"><v>0</v></c></row>' for r in range(7, 4007))
    sheet = hostile.table_sheet(extra=cells)
    strings = hostile.shared_strings(["y" * 30_000])
    path = hostile.write_workbook(tmp_path / "search.xlsx", {"Search": sheet}, strings)
    assert refused(path, rules).startswith(
        "sheet 'Search' holds more than 100,000,000 characters of text"
    )


def test_a_shared_string_longer_than_excel_allows_is_refused(tmp_path: Path, rules: Rules) -> None:
    cells = '<row r="3"><c r="D3" t="s"><v>0</v></c></row>'
    sheet = hostile.sheet(hostile.rows_xml([hostile.HEADER, hostile.ROW]) + cells)
    path = hostile.write_workbook(
        tmp_path / "search.xlsx", {"Search": sheet}, hostile.shared_strings(["z" * 40_000])
    )
    assert refused(path, rules).startswith("row 3, column 4: a cell holds more than 32,767")


def test_a_zip_bomb_is_refused_as_it_unpacks(
    tmp_path: Path, rules: Rules, monkeypatch: pytest.MonkeyPatch, no_calamine: None
) -> None:
    """Counted as it is unpacked, whatever size the zip's own headers claim."""
    monkeypatch.setattr("cqrs_desktop.sources.xlsx_scan.MAX_UNZIPPED_BYTES", 1_000_000)
    sheet = hostile.table_sheet(extra=" " * 2_000_000)
    path = hostile.write_workbook(tmp_path / "search.xlsx", {"Search": sheet})
    _claim_small_sizes(path)
    assert refused(path, rules).startswith("the workbook unpacks to more than")


def _claim_small_sizes(path: Path) -> None:
    """Make every entry of the central directory claim to unpack to 100 bytes."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        struct.pack_into("<I", data, at + 24, 100)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def test_a_package_of_too_many_parts_is_refused(tmp_path: Path, rules: Rules) -> None:
    path = hostile.write_workbook(
        tmp_path / "search.xlsx",
        {"Search": hostile.table_sheet()},
        extra={f"xl/media/part{i}.bin": b"" for i in range(10_001)},
    )
    assert refused(path, rules).startswith("the workbook has more than 10,000 parts")


def test_a_document_type_declaration_is_refused(tmp_path: Path, rules: Rules) -> None:
    sheet = hostile.table_sheet().replace(
        "<worksheet", '<!DOCTYPE worksheet [<!ENTITY e SYSTEM "file:///etc/passwd">]><worksheet'
    )
    path = hostile.write_workbook(tmp_path / "search.xlsx", {"Search": sheet})
    assert refused(path, rules).startswith("the workbook contains a document type declaration")


@pytest.mark.parametrize(
    ("part", "what"),
    [
        ("content.xml", "an OpenDocument spreadsheet (.ods)"),
        ("xl/workbook.bin", "an Excel binary workbook (.xlsb)"),
        ("word/document.xml", "a Word document"),
        ("other.txt", "a zip archive"),
    ],
)
def test_other_zip_packages_are_named(tmp_path: Path, rules: Rules, part: str, what: str) -> None:
    path = tmp_path / "search.xlsx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr(part, "<x/>")
    assert refused(path, rules).startswith(f"this is {what}")


def test_an_xls_with_a_value_in_the_last_cell_is_refused_unopened(
    tmp_path: Path, rules: Rules, no_calamine: None
) -> None:
    """5.6 KB that took 1.4 GB: calamine reads every sheet of an .xls when it opens it."""
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("Search")
    for c, value in enumerate(hostile.HEADER):
        sheet.write(0, c, value)
    sheet.write(65535, 255, "x")
    path = tmp_path / "search.xls"
    book.save(str(path))
    assert refused(path, rules).startswith("sheet 'Search' spans 65,536 rows by 256 columns")


def test_an_xls_with_a_shared_string_in_every_cell_is_refused_unopened(
    tmp_path: Path, rules: Rules, no_calamine: None
) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("Search")
    for c, value in enumerate(hostile.HEADER):
        sheet.write(0, c, value)
    long = "A" * 30_000
    for r in range(1, 3501):
        sheet.write(r, 5, long)
    path = tmp_path / "search.xls"
    book.save(str(path))
    assert refused(path, rules).startswith("sheet 'Search' holds more than 100,000,000 characters")


def test_a_table_read_from_a_workbook_keeps_its_sheet_and_rows(tmp_path: Path) -> None:
    """The measuring changes nothing for an ordinary workbook."""
    from cqrs_desktop.sources.columns import find_search_header

    path = hostile.write_workbook(tmp_path / "search.xlsx", {"Search": hostile.table_sheet(3)})
    table = read_table(path, find_search_header, "columns")
    assert (table.sheet, table.header_row, table.rows) == ("Search", 1, (2, 3, 4))


# ---------------------------------------------------------------- damaged old workbooks
# calamine trusts an .xls file's own numbers: each of these aborted the process (or looped
# until memory ran out) before the compound file was walked first.


def _small_xls(tmp_path: Path) -> bytearray:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("Search")
    for r, row in enumerate([hostile.HEADER, hostile.ROW, hostile.ROW]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    path = tmp_path / "seed.xls"
    book.save(str(path))
    return bytearray(path.read_bytes())


def _first_directory(data: bytearray) -> int:
    return int(struct.unpack_from("<I", data, 0x30)[0])


def _fat_entry(data: bytearray, sector: int) -> int:
    """Where the FAT says what follows `sector` (the FAT's first sector, 512-byte sectors)."""
    (first_fat,) = struct.unpack_from("<I", data, 0x4C)
    return (first_fat + 1) * 512 + 4 * sector


def _damage_first_directory(data: bytearray) -> None:
    struct.pack_into("<I", data, 0x30, 0xFFFFFFFF)  # a 2 TB offset for calamine


def _damage_loop(data: bytearray) -> None:
    directory = _first_directory(data)
    struct.pack_into("<I", data, _fat_entry(data, directory), directory)


def _damage_cut_directory(data: bytearray) -> None:
    del data[(_first_directory(data) + 1) * 512 + 100 :]


def _damage_fat_size(data: bytearray) -> None:
    struct.pack_into("<I", data, 0x2C, 0x40000000)  # FAT sectors: 4 GB reserved


@pytest.mark.parametrize(
    "damage",
    [_damage_first_directory, _damage_loop, _damage_cut_directory, _damage_fat_size],
    ids=["sector outside the file", "chain that loops", "cut short", "FAT size"],
)
def test_an_xls_whose_own_numbers_are_wrong_is_damaged(
    tmp_path: Path, rules: Rules, no_calamine: None, damage: Any
) -> None:
    data = _small_xls(tmp_path)
    damage(data)
    path = tmp_path / "search.xls"
    path.write_bytes(bytes(data))
    assert refused(path, rules).startswith("the workbook is damaged or incomplete")


def test_an_xls_claiming_more_rows_than_a_sheet_holds_is_refused(
    tmp_path: Path, rules: Rules, no_calamine: None
) -> None:
    data = _small_xls(tmp_path)
    at = data.find(b"\x00\x02\x0e\x00")  # the DIMENSIONS record (BIFF8: 14 bytes)
    struct.pack_into("<I", data, at + 8, 0xFFFFFFFF)  # last row + 1
    path = tmp_path / "search.xls"
    path.write_bytes(bytes(data))
    assert "more than an .xls sheet can hold" in refused(path, rules)


def test_an_xls_claiming_millions_of_shared_strings_is_refused(
    tmp_path: Path, rules: Rules, no_calamine: None
) -> None:
    data = _small_xls(tmp_path)
    at = data.find(b"\xfc\x00")  # the SST record: total, then unique strings
    struct.pack_into("<I", data, at + 8, 0x7FFFFFFF)
    path = tmp_path / "search.xls"
    path.write_bytes(bytes(data))
    assert "more than 1,000,000 different texts" in refused(path, rules)


def test_an_xls_with_macros_is_refused(tmp_path: Path, rules: Rules, no_calamine: None) -> None:
    data = _small_xls(tmp_path)
    name = "Workbook".encode("utf-16-le")
    at = data.find(name)
    second = data.find(name, at + 1) if at >= 0 else -1
    entry = bytearray(128)
    vba = "_VBA_PROJECT_CUR".encode("utf-16-le") + b"\0\0"
    entry[: len(vba)] = vba
    struct.pack_into("<H", entry, 0x40, len(vba))
    entry[0x42] = 1  # a storage
    struct.pack_into("<III", entry, 0x44, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
    start = (_first_directory(data) + 1) * 512
    free = next(i for i in range(start, start + 512, 128) if data[i : i + 2] == b"\0\0")
    data[free : free + 128] = entry
    assert second < 0
    path = tmp_path / "search.xls"
    path.write_bytes(bytes(data))
    assert refused(path, rules).startswith("the workbook contains macros")


def test_an_unreferenced_cell_takes_its_rows_number_as_calamine_does(
    tmp_path: Path, rules: Rules, no_calamine: None
) -> None:
    """A cell without a reference is placed at its <row>'s number, whatever the cell before
    it said: here row 1,215,752,191 once calamine wraps 99,999,999,999 (155 GB)."""
    far = '<row r="99999999999"><c r="A9"><v>1</v></c><c><v>1</v></c></row>'
    path = hostile.write_workbook(tmp_path / "search.xlsx", {"S": hostile.table_sheet(extra=far)})
    assert "has a value in row 99,999,999,999" in refused(path, rules)


def test_calamine_s_own_report_of_a_panic_stays_off_the_console(
    capfd: pytest.CaptureFixture[str],
) -> None:
    """Rust prints a panic on the process's stderr before pyo3 raises it; the user must
    see only the one 'error:' line."""
    import os
    import sys

    from cqrs_desktop.sources.workbook import _native_errors_hidden

    with _native_errors_hidden():
        os.write(2, b"thread '<unnamed>' panicked at src/cfb.rs:345:44\n")
    print("after", file=sys.stderr)
    err = capfd.readouterr().err
    assert "panicked" not in err and "after" in err


def test_values_that_cannot_be_read_are_said_as_read_blank_their_rows_kept(
    tmp_path: Path, rules: Rules
) -> None:
    """An NHS number Excel saved as 9.99004E+09, and dates of birth of "tbc": each read as
    blank, its row kept (an event, flagged), and said so in plain words."""
    rows = search_rows(4)
    rows[0][0] = "9.99004E+09"
    rows[1][3] = "tbc"
    rows[2][3] = "unknown"
    path = tmp_path / "search.csv"
    path.write_text(csv_text([HEADER, *rows]), encoding="utf-8")
    result = read_search(path, rules)
    assert len(result.rows) == 4
    assert result.rows[0].nhs_number is None
    assert (result.rows[1].date_of_birth, result.rows[2].date_of_birth) == (None, None)
    assert result.summary.warnings == (
        "column 'NHS Number': 1 value is not an NHS number: read as blank (the row is kept)",
        "column 'Date of Birth': 2 values are not dates: read as blank (the rows are kept)",
    )
