"""Bytes to text: what kind of file this really is, and which encoding it is in.

The extension is only a hint: practices rename files, and Excel saves "Unicode text" as
UTF-16 with a .txt name. We look at the bytes themselves.
"""

from __future__ import annotations

import codecs
import re
from enum import StrEnum

from cqrs_desktop.sources.errors import SourceError


class FileKind(StrEnum):
    TEXT = "text"
    XLSX = "xlsx"  # a zip package (xlsx, xlsm, ods)
    XLS = "xls"  # an old OLE2 workbook


_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

# Other files people pick by mistake, by their first bytes.
_NOT_TABLES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"GIF8", "a GIF picture"),
    (b"BM", "a bitmap picture"),
    (b"%PDF", "a PDF document"),
    (b"II*\x00", "a TIFF picture"),
    (b"MM\x00*", "a TIFF picture"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"SQLite format 3", "a database file"),
    (b"{\\rtf", "a Word (RTF) document"),
)

# A web page saved with a .csv (or .xls) name: its tags, read as cells, hold no header, and
# "no vaccination date column found" would send the user looking for a column that is not
# the problem. The page may start with a comment ("<!-- saved from url=... -->", as Internet
# Explorer and Edge write) or an XML declaration (XHTML) before its first tag.
_WEB_PAGE = re.compile(r"<(?:!doctype\s+html|html|head|body|table)[\s>]")
_WEB_PAGE_AFTER_PROLOGUE = re.compile(r"<(?:!doctype\s+html|html)[\s>]")
WEB_PAGE = "this is a web page (HTML), not a CSV or Excel file: export it again as CSV"


def file_kind(name: str, data: bytes) -> FileKind:
    """What the bytes are; SourceError for empty, encrypted or plainly non-table files."""
    if not data.strip():
        raise SourceError(name, "the file is empty")
    if data.startswith(_ZIP):
        return FileKind.XLSX
    if data.startswith(_OLE):
        if _ENCRYPTED_STREAM in data:
            raise SourceError(
                name,
                "the workbook is password-protected; open it in Excel, remove the "
                "password (File > Info > Protect Workbook) and save it again",
            )
        return FileKind.XLS
    if data.startswith(b"SQLite format 3") and name.lower().endswith(".cqrsreview"):
        raise SourceError(
            name,
            "this is a CQRS Desktop review, not a table of data: to bring its decisions "
            "into a new review, tick it under 'Bring decisions from earlier reviews' (on "
            "the command line: --carry), or open it to go on with it",
        )
    for magic, what in _NOT_TABLES:
        if data.startswith(magic):
            raise SourceError(name, f"this is {what}, not a table of data")
    return FileKind.TEXT


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a byte order mark: every other byte is zero in ordinary text."""
    sample = data[:4096]
    if len(sample) < 8:
        return False
    half = len(sample) // 2
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    return (odd > 0.4 * half and even < 0.05 * half) or (even > 0.4 * half and odd < 0.05 * half)


def decode(name: str, data: bytes) -> str:
    """The text, line endings made "\\n"; SourceError if it is not text.

    UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252, the encoding Excel
    uses for "CSV" on English Windows. UTF-16 without a BOM is refused with a plain message.
    """
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        le = data.startswith(codecs.BOM_UTF16_LE)
        text = data[2:].decode("utf-16-le" if le else "utf-16-be", errors="replace")
    elif _looks_utf16(data):
        # SPEC names UTF-16 with a byte order mark only: without one, the byte order is a
        # guess, so the user is asked to save the file again rather than risk misreading it.
        raise SourceError(
            name,
            "the file is UTF-16 text without a byte order mark, which cannot be read "
            "reliably; open it in Excel and save it as 'CSV UTF-8' or 'Unicode Text'",
        )
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            if _UTF8_SEQUENCE.search(data):
                # UTF-8 with some Windows-1252 in it (rows added from another file): each
                # part read as written, not the UTF-8 names garbled ("NovÃ¡k", decision 188)
                text = data.decode("utf-8", errors=_CP1252_FALLBACK)
            else:
                # The five bytes cp1252 leaves undefined become U+FFFD, not the whole file
                # latin-1 (which would make its curly quotes and dashes control characters).
                text = data.decode("cp1252", errors="replace")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _is_binary(text):
        raise SourceError(
            name,
            "the file does not contain readable text (it may be a picture, a damaged file "
            "or another kind of document); export the search again as CSV or Excel",
        )
    if _is_web_page(text):
        raise SourceError(name, WEB_PAGE)
    if _is_email(text):
        raise SourceError(
            name,
            "this is an email (such as the email.txt or email.eml a check writes), not a "
            "table of data (CSV or Excel)",
        )
    if (json_kind := _json_kind(text)) is not None:
        raise SourceError(name, f"this is {json_kind}, not a table of data (CSV or Excel)")
    return text


_EMAIL_HEADER = re.compile(r"^([A-Za-z][A-Za-z0-9-]*):[ \t]")


def _is_email(text: str) -> bool:
    """The text is an email: its first lines are header lines ("To: ...", "Subject: ...")
    naming whom it is to or from and its subject. Read as a table, "To: ...@nhs.net" was
    taken for an NHS number column, and the file was refused as a list of patients without
    dates, or as CQRS figures (decision 187)."""
    names = set()
    for line in text.lstrip("\n\ufeff").split("\n", 12)[:12]:
        m = _EMAIL_HEADER.match(line)
        if not m:
            break
        names.add(m.group(1).lower())
    return "subject" in names and bool(names & {"to", "from"})


def _json_kind(text: str) -> str | None:
    """What a JSON file is ("the review.json a check writes", "a JSON file"); None for
    any other text. Its lines, read as a table, gave made-up columns ('"date": "2024-10-01"'
    taken as the vaccination date) and an import of nothing without an error (decision
    186). Text that only starts with a bracket ("[Report]") is not JSON."""
    import json

    head = text.lstrip(" \t\n\f\v\ufeff")
    if not head.startswith(("{", "[")):
        return None
    try:
        found = json.loads(head)
    except (ValueError, RecursionError):
        return None
    if isinstance(found, dict) and {"schema", "events", "items"} <= found.keys():
        return "the review.json a CQRS Desktop check writes (its results)"
    return "a JSON file"


# A character UTF-8 writes in two to four bytes ("á" is C3 A1): Windows-1252 text almost
# never holds one by chance ("Ã¡").
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_CP1252_FALLBACK = "cqrs-desktop-cp1252"


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    """Bytes that are not UTF-8, read as Windows-1252 (undefined ones as U+FFFD)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("cp1252", errors="replace"), error.end


codecs.register_error(_CP1252_FALLBACK, _cp1252_bytes)


def _is_web_page(text: str) -> bool:
    """The text is HTML: it starts (after blank lines, spaces or a byte order mark) with a
    page's or a table's first tag, or with a comment or XML declaration and then a page's
    tag. An Excel 2003 XML workbook (`<?xml` then `<Workbook>`) is not taken for one."""
    head = text[:4096].lstrip(" \t\n\f\v\ufeff").lower()
    if _WEB_PAGE.match(head):
        return True
    return head.startswith(("<!--", "<?xml")) and _WEB_PAGE_AFTER_PROLOGUE.search(head) is not None


def _is_binary(text: str) -> bool:
    """Many control characters (NULs too) near the start: not text. A few are a cell's
    stray characters, cleaned when the table is read."""
    sample = text[:65536]
    if not sample:
        return False
    control = sum(1 for ch in sample if (ch < " " and ch not in "\t\n\f\v") or ch == "\ufffd")
    return control > max(2, len(sample) // 100)
