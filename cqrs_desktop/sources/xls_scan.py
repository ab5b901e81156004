"""How big an old .xls workbook really is, measured before calamine reads it.

The same danger as in `xlsx_scan`: calamine makes each sheet one dense grid up to its last
value and copies a shared string into every cell that uses it, so a 6 KB file with a
value in the last cell asks for 1.4 GB, and 1 MB of cells all using one long string for
several gigabytes. Worse, it trusts the file's own numbers: a sector number in a chain
makes it grow its buffer to that offset, a chain that loops is followed for ever, and the
sizes in the header, the directory, the shared strings and each sheet's DIMENSIONS record
are reserved before anything is read; one bad number aborts the process. So the compound
file is walked here by hand exactly as calamine walks it, and any number that points
outside the file, or a chain that loops, refuses the file as damaged; then the workbook
stream's records are walked without keeping them, and each sheet's last row and column
with a value (blank cells, formatting only, are left out, as calamine leaves them out)
and the text its shared-string cells expand to are counted. A workbook with macros (a VBA
project, which calamine would also parse) is refused: an export has none.
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections.abc import Iterator

from cqrs_desktop.sources.errors import SourceError
from cqrs_desktop.sources.limits import MAX_CELLS, MAX_TEXT_CHARS, SheetSize

_REGULAR = 0xFFFFFFFA  # sector numbers below this are sectors; above, markers
_DIFAT_SECTOR = 0xFFFFFFFC
_END_OF_CHAIN = 0xFFFFFFFE
_MAX_STRINGS = 1_000_000  # different texts in one workbook (exports have far fewer)
_MINI_CUTOFF = 4096  # calamine's, whatever the header says
_SHEET_ROWS, _SHEET_COLUMNS = 65_536, 256  # an .xls sheet's grid

_BOF, _EOF, _BOUNDSHEET, _SST, _CONTINUE, _CODEPAGE = 0x0809, 0x000A, 0x0085, 0x00FC, 0x003C, 0x0042
_LABELSST, _MULRK, _DIMENSIONS = 0x00FD, 0x00BD, 0x0200
# Records of one cell with a value, the row and column first: FORMULA, NUMBER, LABEL, RK,
# BOOLERR, RSTRING (BLANK and MULBLANK hold a format only).
_CELLS = frozenset({0x0006, 0x0203, 0x0204, 0x027E, 0x0205, 0x00D6, _LABELSST})

_DAMAGED = (
    "the workbook is damaged or incomplete and could not be opened; open it in Excel and "
    "save it again, or export the search again"
)


class _Damaged(Exception):
    """The file is not what it claims, in a way calamine would choke on."""


def scan_xls(name: str, data: bytes) -> dict[str, SheetSize]:
    """Each sheet's real size, by name. SourceError for a file calamine must not be given:
    damaged (a number pointing outside the file, a chain that loops), with macros, or with
    shared text or a claimed sheet size too large to read."""
    try:
        stream = _Compound(data).workbook_stream(name)
        sizes = _sheet_sizes(name, stream)
    except (_Damaged, struct.error, IndexError, ValueError):
        raise SourceError(name, _DAMAGED) from None
    cells = sum(size.rows * size.columns for size in sizes.values())
    if cells > MAX_CELLS and all(size.problem() is None for size in sizes.values()):
        raise SourceError(  # calamine holds every sheet of an .xls at once
            name,
            f"the workbook's sheets together span {cells:,} cells, more than the "
            f"{MAX_CELLS:,} this app reads; copy the table to a new workbook and save it",
        )
    return sizes


# ---------------------------------------------------------------- the compound file


class _Compound:
    """The compound file's sector tables, read as calamine reads them (cfb.rs)."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512:
            raise _Damaged
        self.data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            raise _Damaged
        self.size = 1 << shift
        self.sectors = max(0, (len(data) - self.size + self.size - 1) // self.size)
        directories, fat_count, first_directory = struct.unpack_from("<III", data, 0x28)
        self.first_directory = first_directory
        self.first_mini_fat, mini_fat_count, first_difat = struct.unpack_from("<III", data, 0x3C)
        (quirk,) = struct.unpack_from("<I", data, 62)  # calamine reserves this many u32s
        limit = len(data)
        if (
            fat_count > self.sectors + 1
            or quirk > 1 << 25
            or directories * self.size > limit
            or mini_fat_count * self.size > limit
        ):
            raise _Damaged
        difat = list(struct.unpack_from("<109I", data, 0x4C))
        sector = first_difat
        seen = 0
        while sector < _REGULAR:  # the DIFAT chain: its last entry is the next sector
            difat.extend(_numbers(self._sector(sector)))
            sector = difat.pop()
            seen += 1
            if seen > self.sectors:
                raise _Damaged  # a loop: calamine would follow it until memory ran out
        fat = array("I")
        for sector in difat:
            if sector < _DIFAT_SECTOR:
                fat.extend(_numbers(self._sector(sector)))
        self.fat = fat
        directory = self._read(self.first_directory, directories * self.size)
        if not directory or len(directory) % 128:  # calamine would panic on the short entry
            raise _Damaged
        self.entries = [directory[at : at + 128] for at in range(0, len(directory), 128)]
        self.mini_stream = b""
        self.mini_fat = array("I")
        if mini_fat_count:  # calamine reads both whenever the header has a mini FAT
            root_start, root_length = _entry_place(self.entries[0], self.size)
            self.mini_stream = self._read(root_start, root_length)
            table = self._read(self.first_mini_fat, mini_fat_count * self.size)
            self.mini_fat.extend(_numbers(table))

    def _sector(self, number: int) -> bytes:
        """A regular sector; one outside the file is damage (calamine would grow its
        buffer to reach it: 2 TB for the marker 0xFFFFFFFF)."""
        if number >= self.sectors:
            raise _Damaged
        at = (number + 1) * self.size
        return self.data[at : at + self.size]  # short at the end of a cut file, as calamine

    def _chain(self, start: int, table: array[int], count: int) -> Iterator[int]:
        """The sectors of a chain; calamine stops only at END_OF_CHAIN."""
        sector = start
        seen = 0
        while sector != _END_OF_CHAIN:
            if sector >= len(table) or sector >= count or seen > count:
                raise _Damaged
            yield sector
            seen += 1
            sector = table[sector]

    def _read(self, start: int, length: int) -> bytes:
        """A chain of regular sectors; `length` (0: all) is reserved by calamine first."""
        if length > len(self.data):
            raise _Damaged
        pieces = [self._sector(s) for s in self._chain(start, self.fat, self.sectors)]
        data = b"".join(pieces)
        return data[:length] if length else data

    def workbook_stream(self, name: str) -> bytes:
        entries = self.entries
        names = [_entry_name(e) for e in entries]
        if "_VBA_PROJECT_CUR" in names:
            raise SourceError(
                name,
                "the workbook contains macros, which a search export never has; save it as "
                "an Excel Workbook (.xlsx) or CSV and add it again",
            )
        found = next((e for n, e in zip(names, entries, strict=True) if n == "Workbook"), None)
        if found is None:
            found = next((e for n, e in zip(names, entries, strict=True) if n == "Book"), None)
        if found is None:
            raise _Damaged
        start, length = _entry_place(found, self.size)
        if length >= _MINI_CUTOFF:
            return self._read(start, length)
        blocks = len(self.mini_stream) // 64  # none without a mini FAT: damage, as for calamine
        pieces = [
            self.mini_stream[block * 64 : block * 64 + 64]
            for block in self._chain(start, self.mini_fat, blocks)
        ]
        return b"".join(pieces)[:length]


def _numbers(data: bytes) -> array[int]:
    """Little-endian u32s, a short end left out (as calamine's to_u32 does)."""
    numbers = array("I")
    numbers.frombytes(data[: len(data) - len(data) % 4])
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers


def _entry_name(entry: bytes) -> str:
    """The name as calamine reads it: all 64 bytes, cut at the first NUL."""
    return entry[:64].decode("utf-16-le", "replace").split("\0", 1)[0]


def _entry_place(entry: bytes, size: int) -> tuple[int, int]:
    (start,) = struct.unpack_from("<I", entry, 116)
    (length,) = struct.unpack_from("<I" if size == 512 else "<Q", entry, 120)
    return start, length


# ---------------------------------------------------------------- the workbook stream


def _records(stream: bytes, at: int = 0) -> Iterator[tuple[int, int, int]]:
    """(type, start of body, length) of each record from `at` on."""
    end = len(stream)
    while at + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, at)
        yield kind, at + 4, length
        at += 4 + length


def _sheet_sizes(name: str, stream: bytes) -> dict[str, SheetSize]:
    sheets: list[tuple[str, int]] = []
    lengths = array("L")
    biff8 = True
    codepage = "cp1252"
    for kind, body, length in _records(stream):
        if kind == _EOF:
            break  # the end of the workbook globals
        if kind == _BOF and length >= 2:
            (version,) = struct.unpack_from("<H", stream, body)
            biff8 = version == 0x0600
        elif kind == _CODEPAGE and length >= 2:
            (page,) = struct.unpack_from("<H", stream, body)
            codepage = {1200: "utf-16-le", 1252: "cp1252"}.get(page, "cp1252")
        elif kind == _BOUNDSHEET and length >= 8:
            (position,) = struct.unpack_from("<I", stream, body)
            sheets.append((_sheet_name(stream, body + 6, biff8, codepage), position))
        elif kind == _SST:
            lengths = _string_lengths(name, stream, body, length)
    sizes = {}
    walked = 0
    for sheet, position in sheets:
        rows = columns = text = 0
        for kind, body, length in _records(stream, position):
            walked += length + 4
            if walked > 2 * len(stream) + 4096:  # sheets laid over each other: never Excel
                raise _Damaged
            if kind == _EOF:
                break
            if kind == _DIMENSIONS:
                _refuse_claimed_size(name, sheet, stream, body, length)
            if kind in _CELLS and length >= 4:
                row, column = struct.unpack_from("<HH", stream, body)
            elif kind == _MULRK and length >= 6:
                row, _first = struct.unpack_from("<HH", stream, body)
                (column,) = struct.unpack_from("<H", stream, body + length - 2)
            else:
                continue
            rows, columns = max(rows, row + 1), max(columns, column + 1)
            if kind == _LABELSST and length >= 10:
                (index,) = struct.unpack_from("<I", stream, body + 6)
                text += lengths[index] if index < len(lengths) else 0
        sizes[sheet] = SheetSize(rows, columns, text)
    return sizes


def _refuse_claimed_size(name: str, sheet: str, stream: bytes, body: int, length: int) -> None:
    """calamine reserves room for the rows and columns a sheet's DIMENSIONS record claims
    (in wrapping 32-bit arithmetic) before reading one cell: up to an .xls sheet's own size
    (65,536 x 256, formatted blank cells included) that is address space only, never used;
    a claim beyond it is damage, and can ask for more memory than there is."""
    if length == 10:
        first_row, last_row, first_column, last_column = struct.unpack_from("<HHHH", stream, body)
    elif length == 14:
        first_row, last_row, first_column, last_column = struct.unpack_from("<IIHH", stream, body)
    else:
        return  # calamine refuses the record
    if last_row < 1 or last_column < 1:
        return
    rows = ((last_row - 1 - first_row) % 2**32 + 1) % 2**32
    columns = ((last_column - 1 - first_column) % 2**32 + 1) % 2**32
    if rows > _SHEET_ROWS or columns > _SHEET_COLUMNS:
        raise SourceError(
            name,
            f"sheet '{sheet}' says it spans {rows:,} rows by {columns:,} columns, more than "
            "an .xls sheet can hold: the file is damaged; open it in Excel and save it again",
        )


def _sheet_name(stream: bytes, at: int, biff8: bool, codepage: str) -> str:
    count = stream[at]
    if not biff8:
        return stream[at + 1 : at + 1 + count].decode(codepage, "replace")
    if stream[at + 1] & 1:
        return stream[at + 2 : at + 2 + 2 * count].decode("utf-16-le", "replace")
    return stream[at + 2 : at + 2 + count].decode("latin-1")


def _string_lengths(name: str, stream: bytes, body: int, length: int) -> array[int]:
    """The length of each shared string, in order. The table runs on into CONTINUE
    records; a string's characters that cross into one start again with a flags byte."""
    parts = [(body, body + length)]
    for kind, more, more_length in _records(stream, body + length):
        if kind != _CONTINUE:
            break
        parts.append((more, more + more_length))
    reader = _Parts(stream, parts)
    reader.skip(4)
    (unique,) = struct.unpack("<I", reader.take(4))
    if unique > _MAX_STRINGS:
        raise SourceError(
            name,
            f"the workbook holds more than {_MAX_STRINGS:,} different texts; it is not a "
            "search export (or it is damaged)",
        )
    lengths = array("L")
    total = 0
    try:
        for _ in range(unique):
            count, flags = struct.unpack("<HB", reader.take(3))
            runs = struct.unpack("<H", reader.take(2))[0] if flags & 0x08 else 0
            extra = struct.unpack("<I", reader.take(4))[0] if flags & 0x04 else 0
            reader.skip_characters(count, bool(flags & 0x01))
            reader.skip(4 * runs + extra)
            lengths.append(count)
            total += count
    except _Damaged:
        pass  # a short table: calamine decides
    if total > MAX_TEXT_CHARS or len(lengths) > MAX_CELLS:
        raise SourceError(
            name,
            f"the workbook's shared text is larger than any search export (more than "
            f"{MAX_TEXT_CHARS:,} characters)",
        )
    return lengths


class _Parts:
    """Reads across the SST record and its CONTINUE records as one run of bytes."""

    def __init__(self, stream: bytes, parts: list[tuple[int, int]]) -> None:
        self.stream = stream
        self.parts = parts
        self.index = 0
        self.at = parts[0][0]

    def _left(self) -> int:
        while self.index < len(self.parts) and self.at >= self.parts[self.index][1]:
            self.index += 1
            if self.index < len(self.parts):
                self.at = self.parts[self.index][0]
        if self.index >= len(self.parts):
            raise _Damaged
        return self.parts[self.index][1] - self.at

    def take(self, count: int) -> bytes:
        out = b""
        while len(out) < count:
            step = min(count - len(out), self._left())
            out += self.stream[self.at : self.at + step]
            self.at += step
        return out

    def skip(self, count: int) -> None:
        while count > 0:
            step = min(count, self._left())
            self.at += step
            count -= step

    def skip_characters(self, count: int, wide: bool) -> None:
        while count > 0:
            if self.at >= self.parts[self.index][1]:  # into a CONTINUE: flags again
                self._left()
                wide = bool(self.stream[self.at] & 0x01)
                self.at += 1
            width = 2 if wide else 1
            step = min(count, (self.parts[self.index][1] - self.at) // width)
            if step == 0:
                raise _Damaged
            self.at += step * width
            count -= step
