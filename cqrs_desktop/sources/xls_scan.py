"""How big an old .xls workbook really is, measured before calamine reads it.

The same danger as in `xlsx_scan`: calamine makes each sheet one dense grid up to its last
value and copies a shared string into every cell that uses it, so a 6 KB file with a
value in the last cell asks for 1.4 GB, and 1 MB of cells all using one long string for
several gigabytes. Here the compound file is opened by hand (its sector tables), the
workbook stream's records are walked without keeping them, and each sheet's last row and
column with a value and the text its shared-string cells expand to are counted. Blank
cells (formatting only) are left out, as calamine leaves them out. Anything that cannot be
made sense of is left for calamine to refuse as damaged.
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Iterator

from cqrs_desktop.sources.errors import SourceError
from cqrs_desktop.sources.limits import MAX_CELLS, MAX_TEXT_CHARS, SheetSize

_END_OF_CHAIN = 0xFFFFFFFA  # any sector number from here on ends a chain
_MAX_STRINGS = 1_000_000  # different texts in one workbook (exports have far fewer)

_BOF, _EOF, _BOUNDSHEET, _SST, _CONTINUE, _CODEPAGE = 0x0809, 0x000A, 0x0085, 0x00FC, 0x003C, 0x0042
_LABELSST, _MULRK = 0x00FD, 0x00BD
# Records of one cell with a value, the row and column first: FORMULA, NUMBER, LABEL, RK,
# BOOLERR, RSTRING (BLANK and MULBLANK hold a format only).
_CELLS = frozenset({0x0006, 0x0203, 0x0204, 0x027E, 0x0205, 0x00D6, _LABELSST})


class _Unreadable(Exception):
    """The file is not what it claims: calamine will say it is damaged."""


def scan_xls(name: str, data: bytes) -> dict[str, SheetSize]:
    """Each sheet's real size, by name (empty when the file cannot be made sense of:
    calamine then refuses it as damaged). SourceError for shared text too large to read."""
    try:
        stream = _workbook_stream(data)
        return _sheet_sizes(name, stream)
    except (_Unreadable, struct.error, IndexError, UnicodeDecodeError):
        return {}


# ---------------------------------------------------------------- the compound file


def _workbook_stream(data: bytes) -> bytes:
    if len(data) < 512:
        raise _Unreadable
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        raise _Unreadable
    size = 1 << shift
    sectors = (len(data) - size) // size + 1
    (fat_count, first_directory, _signature, cutoff, first_mini_fat, mini_fat_count) = (
        struct.unpack_from("<IIIIII", data, 0x2C)
    )
    first_difat, difat_count = struct.unpack_from("<II", data, 0x44)
    fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
    difat = first_difat
    for _ in range(min(difat_count, sectors)):
        if difat >= _END_OF_CHAIN:
            break
        listed = struct.unpack_from(f"<{size // 4}I", data, (difat + 1) * size)
        fat_sectors.extend(listed[:-1])
        difat = listed[-1]
    fat = array("I")
    for sector in fat_sectors[: min(fat_count, sectors)]:
        if sector >= _END_OF_CHAIN:
            continue
        fat.frombytes(_sector(data, sector, size))

    def chain(start: int) -> Iterator[int]:
        seen = 0
        while start < _END_OF_CHAIN:
            if start >= len(fat) or seen > sectors:
                raise _Unreadable
            yield start
            seen += 1
            start = fat[start]

    directory = b"".join(_sector(data, s, size) for s in chain(first_directory))
    entries = [directory[at : at + 128] for at in range(0, len(directory) - 127, 128)]
    if not entries:
        raise _Unreadable
    stream = None
    for wanted in ("workbook", "book"):
        stream = next((e for e in entries if _entry_name(e) == wanted and e[0x42] == 2), None)
        if stream is not None:
            break
    if stream is None:
        raise _Unreadable
    start, length = struct.unpack_from("<II", stream, 0x74)
    if length >= cutoff:
        return b"".join(_sector(data, s, size) for s in chain(start))[:length]
    root_start, root_length = struct.unpack_from("<II", entries[0], 0x74)
    mini_stream = b"".join(_sector(data, s, size) for s in chain(root_start))[:root_length]
    mini_fat = array("I")
    for sector in list(chain(first_mini_fat))[:mini_fat_count]:
        mini_fat.frombytes(_sector(data, sector, size))
    pieces: list[bytes] = []
    mini = start
    while mini < _END_OF_CHAIN and len(pieces) * 64 < length:
        if mini >= len(mini_fat):
            raise _Unreadable
        pieces.append(mini_stream[mini * 64 : mini * 64 + 64])
        mini = mini_fat[mini]
    return b"".join(pieces)[:length]


def _sector(data: bytes, number: int, size: int) -> bytes:
    at = (number + 1) * size
    if at >= len(data):
        raise _Unreadable
    return data[at : at + size].ljust(size, b"\0")


def _entry_name(entry: bytes) -> str:
    (length,) = struct.unpack_from("<H", entry, 0x40)
    return entry[: max(0, min(length, 64) - 2)].decode("utf-16-le", "replace").lower()


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
                raise _Unreadable
            if kind == _EOF:
                break
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
    except _Unreadable:
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
            raise _Unreadable
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
                raise _Unreadable
            self.at += step * width
            count -= step
