"""The text of a PDF as laid out on its pages (pages split by form feeds), and each word's box,
for the tests that read printed documents back.

Two readers give the same: poppler's `pdftotext` (`-layout`, `-bbox-layout`) where it is
installed (Linux), else pypdf (pure Python, a dev dependency: the Windows Python, under Wine
or on a PC, where the printed layout depends on Windows' fonts). `pdftotext` stays first
where it is there: it is over ten times faster and its layout is the one the tests' line
patterns were written against. `CQRS_PDF_TEXT=pypdf` makes Linux use pypdf, as Windows does;
`tests/reports/test_pdf_text.py` holds the two to the same words, boxes and lines
(decision 580)."""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject

PDFTOTEXT = None if os.environ.get("CQRS_PDF_TEXT") == "pypdf" else shutil.which("pdftotext")

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True)
class Word:
    """A word as printed: its page (from 1), its box in points from the page's top left."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass(frozen=True)
class Words:
    words: list[Word]
    sizes: list[tuple[float, float]]  # each page's width and height, in points


def layout_text(path: Path) -> str:
    """The PDF at `path` as `pdftotext -layout` prints it: each page's lines, each page
    ended by a form feed, words in their columns by runs of spaces."""
    if PDFTOTEXT is not None:
        return subprocess.run(
            [PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
    pages = [page.extract_text(extraction_mode="layout") for page in PdfReader(path).pages]
    # Qt's PDFs map the space glyph to U+0009 in their ToUnicode maps: pypdf gives it as a tab
    return "".join(page.replace("\t", " ").rstrip("\n") + "\n\f" for page in pages)


def word_boxes(path: Path) -> Words:
    """Each word of the PDF at `path` with its box, as `pdftotext -bbox-layout` gives them."""
    if PDFTOTEXT is not None:
        return _poppler_words(path)
    reader = PdfReader(path)
    words: list[Word] = []
    sizes = []
    for number, page in enumerate(reader.pages, start=1):
        box = page.mediabox
        sizes.append((float(box.width), float(box.height)))
        words += _page_words(number, page, reader, float(box.top))
    return Words(words, sizes)


def _poppler_words(path: Path) -> Words:
    assert PDFTOTEXT is not None
    boxes = subprocess.run(
        [PDFTOTEXT, "-bbox-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", boxes).replace(' xmlns="', ' x="'))
    words = []
    pages = root.findall(".//page")
    for number, page in enumerate(pages, start=1):
        for word in page.iter("word"):
            x0, y0, x1, y1 = (float(word.get(k, "0")) for k in ("xMin", "yMin", "xMax", "yMax"))
            words.append(Word(number, x0, y0, x1, y1, word.text or ""))
    sizes = [(float(p.get("width", "0")), float(p.get("height", "0"))) for p in pages]
    return Words(words, sizes)


# --- pypdf: the glyphs of Qt's PDFs, placed by their operators ---------------------------
#
# Qt's PDF engine writes each glyph as its own `Td` and `Tj` in a `BT` block of one font
# (a Type0 font with 2-byte glyph ids, its widths in /W and its characters in /ToUnicode),
# under one `cm` a page. The reader below follows exactly those operators and stops on any
# other text operator, so a change in how Qt writes text fails loudly, never reads wrong.

HANDLED = {b"q", b"Q", b"cm", b"BT", b"ET", b"Tf", b"Tm", b"Td", b"Tj"}
TEXT_OPERATORS = {b"TJ", b"'", b'"', b"TD", b"T*", b"Tc", b"Tw", b"Tz", b"TL", b"Ts", b"Tr"}


@dataclass(frozen=True)
class _Font:
    widths: dict[int, float]  # glyph id: width in thousandths of the size
    default_width: float
    characters: dict[int, str]
    ascent: float
    descent: float


@dataclass(frozen=True)
class _Glyph:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float  # the font's size on the page, in points
    block: int  # the BT block it is in: a word never spans two


def _multiply(a: Matrix, b: Matrix) -> Matrix:
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _page_words(number: int, page: Any, reader: PdfReader, top: float) -> list[Word]:
    fonts: dict[str, _Font] = {}
    resources = page["/Resources"].get("/Font", DictionaryObject())
    glyphs: list[_Glyph] = []
    stack: list[Matrix] = []
    ctm = IDENTITY
    line = text = IDENTITY
    font: _Font | None = None
    size = 0.0
    block = 0
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        assert operator not in TEXT_OPERATORS, f"page {number}: {operator!r} is not read"
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop()
        elif operator == b"cm":
            ctm = _multiply(tuple(float(v) for v in operands), ctm)  # type: ignore[arg-type]
        elif operator == b"BT":
            line = text = IDENTITY
            block += 1
        elif operator == b"Tf":
            name = str(operands[0])
            if name not in fonts:
                fonts[name] = _read_font(resources[name].get_object())
            font, size = fonts[name], float(operands[1])
        elif operator == b"Tm":
            line = text = tuple(float(v) for v in operands)  # type: ignore[assignment]
        elif operator == b"Td":
            line = text = _multiply((1, 0, 0, 1, float(operands[0]), float(operands[1])), line)
        elif operator == b"Tj":
            assert font is not None, f"page {number}: text before a font"
            shown = operands[0]
            data = shown.original_bytes if isinstance(shown, str) else bytes(shown)
            for i in range(0, len(data), 2):
                gid = int.from_bytes(data[i : i + 2], "big")
                width = font.widths.get(gid, font.default_width) * size / 1000
                place = _multiply(text, ctm)
                corners = [
                    _apply(place, x, y)
                    for x in (0.0, width)
                    for y in (font.descent * size / 1000, font.ascent * size / 1000)
                ]
                xs, ys = [c[0] for c in corners], [top - c[1] for c in corners]
                character = font.characters.get(gid, "")
                scale = size * math.hypot(place[2], place[3])
                glyphs.append(_Glyph(min(xs), min(ys), max(xs), max(ys), character, scale, block))
                text = _multiply((1, 0, 0, 1, width, 0), text)
    return _words(number, glyphs)


def _words(number: int, glyphs: list[_Glyph]) -> list[Word]:
    """Glyphs joined into words as poppler joins them: glyphs of one block on one line, split
    at white space and where the next starts a tenth of the size after the last ends (or
    overlaps it by half the size: kerned pairs such as "Y," overlap a little)."""
    words: list[Word] = []
    run: list[_Glyph] = []

    def close() -> None:
        if run:
            words.append(
                Word(
                    number,
                    run[0].x0,
                    min(g.y0 for g in run),
                    run[-1].x1,
                    max(g.y1 for g in run),
                    "".join(g.text for g in run),
                )
            )
            run.clear()

    for glyph in glyphs:
        if not glyph.text.strip():
            close()
            continue
        if run:
            last = run[-1]
            gap = glyph.x0 - last.x1
            apart = not -0.5 * last.size <= gap <= 0.1 * last.size
            apart = apart or abs(glyph.y0 - last.y0) > 0.2 * last.size
            if glyph.block != last.block or apart:
                close()
        run.append(glyph)
    close()
    return words


def _read_font(font: DictionaryObject) -> _Font:
    assert font["/Subtype"] == "/Type0" and font["/Encoding"] == "/Identity-H", font
    descendant = font["/DescendantFonts"][0].get_object()
    descriptor = descendant["/FontDescriptor"].get_object()
    return _Font(
        _cid_widths(descendant),
        float(descendant.get("/DW", 1000)),
        _to_unicode(font["/ToUnicode"].get_object().get_data().decode("latin-1")),
        float(descriptor["/Ascent"]),
        float(descriptor["/Descent"]),
    )


def _cid_widths(descendant: DictionaryObject) -> dict[int, float]:
    """The /W array: `first [w w ...]` or `first last w`."""
    entries = list(descendant.get("/W", []))
    widths: dict[int, float] = {}
    i = 0
    while i < len(entries):
        first = int(entries[i])
        following = entries[i + 1].get_object()
        if isinstance(following, list):
            for offset, width in enumerate(following):
                widths[first + offset] = float(width)
            i += 2
        else:
            for gid in range(first, int(following) + 1):
                widths[gid] = float(entries[i + 2])
            i += 3
    return widths


def _hex(text: str) -> str:
    data = bytes.fromhex(text)
    return data.decode("utf-16-be", "surrogatepass")


def _to_unicode(cmap: str) -> dict[int, str]:
    """A ToUnicode CMap's `bfchar` and `bfrange` sections (Qt writes both kinds of range)."""
    characters: dict[int, str] = {}
    for section in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, char in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", section):
            characters[int(code, 16)] = _hex(char)
    for section in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        pattern = r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]*>)"
        for first, last, target in re.findall(pattern, section):
            start, end = int(first, 16), int(last, 16)
            if target.startswith("["):
                for offset, char in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", target)):
                    characters[start + offset] = _hex(char)
            else:
                base = int(target[1:-1], 16)
                for offset in range(end - start + 1):
                    characters[start + offset] = chr(base + offset)
    return characters
