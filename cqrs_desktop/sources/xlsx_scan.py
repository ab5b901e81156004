"""How big an .xlsx workbook really is, measured before calamine reads it.

calamine builds a sheet as one dense grid from its first to its last value, and copies a
shared string into every cell that uses it: a 6 KB file with one value in cell XFD1048576
asks for 17 billion cells, and a 4 MB file of one long string used in every cell for
gigabytes. So the package is unpacked here first, a piece at a time and never kept, and
its XML is looked through with regular expressions (no tree is built): per sheet, the last
row and column holding a value and the text its shared-string cells expand to. The
counts are upper bounds: a cell that might hold a value counts as one, and a string's
length counts its character references as written. The claimed `<dimension>` is ignored.
"""

from __future__ import annotations

import html
import io
import posixpath
import re
import struct
import zlib
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from zipfile import ZIP_DEFLATED, ZIP_STORED, BadZipFile, LargeZipFile, ZipFile, ZipInfo

from cqrs_desktop.sources.errors import SourceError
from cqrs_desktop.sources.limits import (
    MAX_CELLS,
    MAX_TEXT_CHARS,
    MAX_UNZIPPED_BYTES,
    MAX_ZIP_ENTRIES,
    SheetSize,
)

_CHUNK = 4 * 1024 * 1024
_BIGGEST_ELEMENT = 8 * 1024 * 1024  # one cell or shared string's XML, at most
_TAIL = 65536  # where the last start tag is looked for first
_SHEET_FOLDERS = ("xl/worksheets/", "xl/macrosheets/", "xl/dialogsheets/")

_NS = rb"(?:[\w.-]+:)?"  # an element may carry a namespace prefix (<x:c ...>)
# The usual form, as Excel, LibreOffice and openpyxl write every cell: <c r="B7" ...>. A
# cell that is not empty (<c r="B7" s="1"/>) may hold a value; a shared string's number
# follows at once in <v>. Looked for only where every cell has that form (else cell by cell).
_CELL = re.compile(rb'<c r="([A-Za-z]+)([0-9]+)"([^>]*)(?<!/)>(?:\s*<v\b[^>]*>\s*([0-9]+))?')
_ANY_CELL = re.compile(rb"<c[\s>/]")
_USUAL_CELL = b'<c r="'
_ODD_REFERENCE = re.compile(rb'<c r="(?![A-Za-z]+[0-9]+")')
_PREFIXED = re.compile(rb":(?:c|v|is|f|row)[\s>/]")  # <x:c ...>
_CELL_START = re.compile(rb"<" + _NS + rb"c[\s>/]")
_ROW_OR_CELL = re.compile(rb"<" + _NS + rb"(row|c)(?=[\s>/])([^>]*?)(/?)>")
_REF = re.compile(rb"\br\s*=\s*[\"']([A-Za-z]*)([0-9]*)[\"']")
_SHARED_TYPE = re.compile(rb"\bt\s*=\s*[\"']s[\"']")
_VALUE_NUMBER = re.compile(rb"<" + _NS + rb"v\b[^>]*>\s*([0-9]+)")
_CELL_END = re.compile(rb"</" + _NS + rb"c\s*>")
_STRING_ITEM = re.compile(rb"<" + _NS + rb"si\b[^>]*?(?:/>|>(.*?)</" + _NS + rb"si\s*>)", re.S)
_STRING_START = re.compile(rb"<" + _NS + rb"si\b")
_STRING_END = re.compile(rb"</" + _NS + rb"si\s*>")
_TAG = re.compile(rb"<[^>]*>")
_HIDDEN_ROW = re.compile(
    rb"<" + _NS + rb"row\b[^>]*?\bhidden\s*=\s*[\"'](?:1|true)[\"'][^>]*>", re.IGNORECASE
)

_SHEET_TAG = re.compile(rb"<" + _NS + rb"sheet\b([^>]*)>")
_RELATIONSHIP = re.compile(rb"<" + _NS + rb"Relationship\b([^>]*)>")
_ATTRIBUTE = re.compile(rb"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")

_DAMAGED = (
    "the workbook is damaged or incomplete and could not be opened; open it in Excel and "
    "save it again, or export the search again"
)
_OTHER_PACKAGES = (
    ("content.xml", "an OpenDocument spreadsheet (.ods)"),
    ("xl/workbook.bin", "an Excel binary workbook (.xlsb)"),
    ("word/document.xml", "a Word document"),
    ("ppt/presentation.xml", "a PowerPoint presentation"),
)


@dataclass
class _Unpacked:
    """Bytes unpacked so far, over every part: the zip-bomb guard."""

    name: str
    total: int = 0

    def add(self, size: int) -> None:
        self.total += size
        if self.total > MAX_UNZIPPED_BYTES:
            raise SourceError(
                self.name,
                f"the workbook unpacks to more than {MAX_UNZIPPED_BYTES // 1024 // 1024} MB "
                "(far more than a search export; it may be a damaged or harmful file)",
            )


def scan_xlsx(name: str, data: bytes) -> dict[str, SheetSize]:
    """Each sheet's real size, by the name calamine gives it. SourceError for a package
    that is not an Excel workbook or is too big to read at all; a sheet too big to read
    is returned (its `problem()` says why), so the caller can read the others."""
    try:
        return _scan(name, data)
    except (BadZipFile, LargeZipFile, NotImplementedError, ValueError, OSError, EOFError):
        raise SourceError(name, _DAMAGED) from None
    except (struct.error, IndexError):
        raise SourceError(name, _DAMAGED) from None


def _scan(name: str, data: bytes) -> dict[str, SheetSize]:
    _refuse_many_entries(name, data)
    with ZipFile(io.BytesIO(data)) as package:  # BytesIO shares `data`, no copy
        infos = package.infolist()
    parts = {info.filename.lower(): info for info in infos}
    if "xl/workbook.xml" not in parts:
        for part, what in _OTHER_PACKAGES:
            if part in parts:
                raise SourceError(
                    name,
                    f"this is {what}, not an Excel workbook; open it and save it as an "
                    "Excel Workbook (.xlsx)",
                )
        raise SourceError(name, _zip_archive(infos))
    unpacked = _Unpacked(name)
    sheet_parts = _sheet_parts(name, data, parts, unpacked)
    named = {part: sheet for sheet, part in sheet_parts.items()}
    lengths = array("L")
    sheets: list[ZipInfo] = []
    for info in infos:
        part = info.filename.lower()
        if part in named or part.startswith(_SHEET_FOLDERS):
            sheets.append(info)
        elif posixpath.basename(part) == "sharedstrings.xml":
            lengths = _string_lengths(name, data, info, unpacked)
        elif part.endswith((".xml", ".rels", ".vml")):
            for _piece in _pieces(name, data, info, unpacked, _cut_anywhere):
                pass  # counted, and refused if it starts with a DTD
    sizes: dict[str, SheetSize] = {}
    for info in sheets:
        size = _sheet_size(name, data, info, lengths, unpacked)
        sheet = named.get(info.filename.lower())
        if sheet is not None:
            sizes[sheet] = size
        elif (problem := size.problem()) is not None:  # calamine may still read this part
            raise SourceError(name, f"a sheet {problem}")
    return sizes


_TABLE_FILES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls")


def _zip_archive(infos: list[ZipInfo]) -> str:
    """What a zip archive that is not a workbook holds, and what to do: a search saved as a
    compressed folder (often with a .csv name, as some mail systems send it) was called
    "not an Excel workbook (.xlsx)", which sent the user back to Excel (decision 257)."""
    tables = sorted(
        {
            posixpath.basename(info.filename)
            for info in infos
            if not info.is_dir()
            and not info.filename.startswith("__MACOSX/")
            and info.filename.lower().endswith(_TABLE_FILES)
        }
    )
    said = "this is a zip archive (a compressed folder), not a CSV file or an Excel workbook"
    if not tables:
        return f"{said}, and it holds no CSV or Excel file: add the search file itself"
    names = ", ".join(f"'{t}'" for t in tables[:3]) + (
        f" and {len(tables) - 3} more" if len(tables) > 3 else ""
    )
    one = len(tables) == 1
    return (
        f"{said}; it holds {names}: open it in File Explorer, copy "
        f"{'that file' if one else 'the file you need'} out of it (Extract All) and add "
        f"{'it' if one else 'that'}"
    )


def _refuse_many_entries(name: str, data: bytes) -> None:
    """The entry count from the end record, before zipfile builds an object per entry."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        raise SourceError(name, _DAMAGED)
    (entries,) = struct.unpack_from("<H", data, end + 10)
    if entries > MAX_ZIP_ENTRIES:  # 0xFFFF too: a zip64 archive, never an export
        raise SourceError(
            name,
            f"the workbook has more than {MAX_ZIP_ENTRIES:,} parts; it is not a search "
            "export (or it is damaged)",
        )


def _unpack(name: str, data: bytes, info: ZipInfo, unpacked: _Unpacked) -> Iterator[bytes]:
    """The part's bytes, a piece at a time, however small its header says it is."""
    if info.flag_bits & 0x1:
        raise SourceError(
            name, "the workbook is password-protected; remove the password in Excel and save it"
        )
    start = info.header_offset
    if data[start : start + 4] != b"PK\x03\x04":
        raise SourceError(name, _DAMAGED)
    name_length, extra_length = struct.unpack_from("<HH", data, start + 26)
    begin = start + 30 + name_length + extra_length
    packed = memoryview(data)[begin : begin + info.compress_size]
    if info.compress_type == ZIP_STORED:
        for at in range(0, len(packed), _CHUNK):
            piece = bytes(packed[at : at + _CHUNK])
            unpacked.add(len(piece))
            yield piece
        return
    if info.compress_type != ZIP_DEFLATED:
        raise SourceError(
            name, "the workbook is packed in a way Excel never uses; open it in Excel and save it"
        )
    inflater = zlib.decompressobj(-15)
    at = 0
    try:
        while not inflater.eof:
            source: bytes | memoryview
            if inflater.unconsumed_tail:
                source = inflater.unconsumed_tail
            elif at < len(packed):
                source = packed[at : at + _CHUNK]
                at += _CHUNK
            else:
                break
            piece = inflater.decompress(source, _CHUNK)
            if piece:
                unpacked.add(len(piece))
                yield piece
        piece = inflater.flush()  # no input is left: only what zlib still holds
        if piece:
            unpacked.add(len(piece))
            yield piece
    except zlib.error:
        raise SourceError(name, _DAMAGED) from None


Cut = Callable[[bytes], int]


def _pieces(
    name: str, data: bytes, info: ZipInfo, unpacked: _Unpacked, cut: Cut
) -> Iterator[bytes]:
    """The part's XML in pieces; `cut` says where a piece may end without splitting an
    element that matters (the rest goes on with the next piece)."""
    carry = b""
    first = True
    for chunk in _unpack(name, data, info, unpacked):
        buffer = carry + chunk if carry else chunk
        if first:
            if b"<!DOCTYPE" in buffer or b"<!ENTITY" in buffer:  # only ever at the start
                raise SourceError(
                    name,
                    "the workbook contains a document type declaration, which Excel never "
                    "writes; it may be a harmful file",
                )
            first = False
        at = cut(buffer)
        if at == 0 and len(buffer) > _BIGGEST_ELEMENT:
            if b"<" in buffer:  # one element, still open
                raise SourceError(
                    name, "a cell holds more text than Excel allows (32,767 characters)"
                )
            raise SourceError(
                name, "the workbook is damaged, or harmful: it holds megabytes of empty space"
            )
        carry = buffer[at:]
        if at:
            yield buffer[:at]
    if carry:
        yield carry


def _last(pattern: re.Pattern[bytes], buffer: bytes) -> re.Match[bytes] | None:
    """The last match in the buffer, looked for near its end first."""
    for window in (_TAIL, len(buffer)):
        last = None
        for last in pattern.finditer(buffer, max(0, len(buffer) - window)):  # noqa: B007
            pass
        if last is not None or window >= len(buffer):
            return last
    return None


def _cut_anywhere(buffer: bytes) -> int:
    return buffer.rfind(b">") + 1


def _cut_before_open(start: re.Pattern[bytes], end: re.Pattern[bytes]) -> Cut:
    """Cut after the last whole tag, unless the last element `start` begins is not ended
    yet (by `end`, or by being empty: <c r="A1"/>): then before it, so that it reaches
    the next piece whole."""

    def cut(buffer: bytes) -> int:
        last = _last(start, buffer)
        if last is not None:
            close = buffer.find(b">", last.start())
            empty = close > 0 and buffer[close - 1] == ord("/")
            if not empty and (close < 0 or end.search(buffer, close) is None):
                return last.start()
        return buffer.rfind(b">") + 1

    return cut


def _string_lengths(name: str, data: bytes, info: ZipInfo, unpacked: _Unpacked) -> array[int]:
    """The length of every shared string, in order (an upper bound: markup of rich text
    is left out, character references are counted as written)."""
    lengths = array("L")
    total = 0
    for piece in _pieces(name, data, info, unpacked, _cut_strings):
        for match in _STRING_ITEM.finditer(piece):
            inner = match.group(1)
            length = len(_TAG.sub(b"", inner)) if inner else 0
            lengths.append(length)
            total += length
        if len(lengths) > MAX_CELLS or total > MAX_TEXT_CHARS:
            raise SourceError(
                name,
                "the workbook's shared text is larger than any search export (more than "
                f"{MAX_TEXT_CHARS:,} characters or {MAX_CELLS:,} strings)",
            )
    return lengths


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + (letter - 64)
    return number


def _sheet_size(
    name: str, data: bytes, info: ZipInfo, lengths: array[int], unpacked: _Unpacked
) -> SheetSize:
    rows = columns = text = 0
    hidden: list[int] = []
    for piece in _pieces(name, data, info, unpacked, _cut_cells):
        usual = len(_ANY_CELL.findall(piece)) == piece.count(_USUAL_CELL)
        if not usual or _ODD_REFERENCE.search(piece) or _PREFIXED.search(piece):
            return _sheet_size_cell_by_cell(name, data, info, lengths)
        for tag in _HIDDEN_ROW.findall(piece):
            ref = _REF.search(tag)
            if ref and ref.group(2):
                hidden.append(int(ref.group(2)))
        cells = _CELL.findall(piece)
        if not cells:
            continue
        rows = max(rows, max(map(int, map(itemgetter(1), cells))))
        columns = max(columns, max(map(_column_number, set(map(itemgetter(0), cells)))))
        shared = {a for a in set(map(itemgetter(2), cells)) if _SHARED_TYPE.search(a)}
        if shared:
            numbers = [n for _c, _r, a, n in cells if a in shared]
            if not all(numbers):  # a shared string cell with something before its number
                return _sheet_size_cell_by_cell(name, data, info, lengths)
            text += _shared_text(numbers, lengths)
    return SheetSize(rows, columns, text, tuple(hidden))


def _shared_text(numbers: list[bytes], lengths: array[int]) -> int:
    try:
        return sum(map(lengths.__getitem__, map(int, numbers)))
    except IndexError:  # a damaged reference: calamine refuses the file or reads it empty
        return sum(lengths[i] for i in map(int, numbers) if i < len(lengths))


def _sheet_size_cell_by_cell(
    name: str, data: bytes, info: ZipInfo, lengths: array[int]
) -> SheetSize:
    """The same measure for a sheet in another form (a cell or row without its reference,
    a namespace prefix, single quotes), slower: each cell's place follows from the one
    before, as calamine reads it."""
    rows = columns = text = 0
    hidden: list[int] = []
    row = column = 0  # the <row> element's number (never a cell's), the last cell's column
    for piece in _pieces(name, data, info, _Unpacked(name), _cut_cells):
        for match in _ROW_OR_CELL.finditer(piece):
            kind, attributes, empty = match.groups()
            ref = _REF.search(attributes)
            if kind == b"row":
                row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                column = 0
                if _HIDDEN_ROW.match(match.group(0)):
                    hidden.append(row)
                continue
            at = row
            if ref and ref.group(1):
                column = _column_number(ref.group(1))
                at = int(ref.group(2)) if ref.group(2) else row
            else:
                column += 1
            if empty:
                continue
            rows, columns = max(rows, at, row), max(columns, column)
            if _SHARED_TYPE.search(attributes):
                end = _CELL_END.search(piece, match.end())
                value = _VALUE_NUMBER.search(piece, match.end(), end.start() if end else len(piece))
                index = int(value.group(1)) if value else len(lengths)
                text += lengths[index] if index < len(lengths) else 0
    return SheetSize(rows, columns, text, tuple(hidden))


def _attributes(tag: bytes) -> dict[str, str]:
    found = {}
    for key, double, single in _ATTRIBUTE.findall(tag):
        found[key.decode("ascii", "replace")] = html.unescape(
            (double or single).decode("utf-8", "replace")
        )
    return found


def _whole_part(name: str, data: bytes, info: ZipInfo, unpacked: _Unpacked) -> bytes:
    return b"".join(_pieces(name, data, info, unpacked, _cut_anywhere))


def _sheet_parts(
    name: str, data: bytes, parts: dict[str, ZipInfo], unpacked: _Unpacked
) -> dict[str, str]:
    """{sheet name: its part (lower case)}, from the workbook and its relationships."""
    workbook = _whole_part(name, data, parts["xl/workbook.xml"], unpacked)
    rels_info = parts.get("xl/_rels/workbook.xml.rels")
    rels = _whole_part(name, data, rels_info, unpacked) if rels_info else b""
    targets = {}
    for tag in _RELATIONSHIP.findall(rels):
        attributes = _attributes(tag)
        target = attributes.get("Target", "")
        if target:
            path = target.lstrip("/") if target.startswith("/") else "xl/" + target
            targets[attributes.get("Id", "")] = posixpath.normpath(path).lower()
    sheets = {}
    for tag in _SHEET_TAG.findall(workbook):
        attributes = _attributes(tag)
        sheet = attributes.get("name")
        rid = next((v for k, v in attributes.items() if k.endswith(":id")), None)
        if sheet is not None and rid in targets:
            sheets[sheet] = targets[rid]
    return sheets


_cut_cells = _cut_before_open(_CELL_START, _CELL_END)
_cut_strings = _cut_before_open(_STRING_START, _STRING_END)
