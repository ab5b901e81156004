"""Fonts and text fitting for the printed pages: how a text sets in a cell, and drawing it.

Measures how a text wraps in a given width (`_Fitter`, `wrap_flags`) and, where Qt's
rectangle `drawText` would only place plain lines, works out those lines once (`_plan`) so
they can be drawn at points (`_draw`) with the same glyphs at the same positions.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPainter,
    QTextLayout,
    QTextOption,
)

SANS = ["Arial", "Liberation Sans", "DejaVu Sans", "Helvetica"]
MONO = ["Consolas", "Courier New", "Liberation Mono", "DejaVu Sans Mono"]


def _font(size_pt: float, bold: bool = False, mono: bool = False, italic: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(MONO if mono else SANS)
    font.setPointSizeF(size_pt)
    font.setBold(bold)
    font.setItalic(italic)
    font.setStyleHint(QFont.StyleHint.Monospace if mono else QFont.StyleHint.SansSerif)
    font.setFeature(QFont.Tag("liga"), 0)  # keep "fi" as two letters: PDF text stays searchable
    return font


WRAP = int(Qt.TextFlag.TextWordWrap)
WRAP_ANYWHERE = int(Qt.TextFlag.TextWrapAnywhere)
# (for `_plan` only) wrap at spaces, breaking inside a word only where it is wider than the line
WRAP_WORD_OR_ANYWHERE = WRAP | WRAP_ANYWHERE
TOP_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
TOP_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
TOP_CENTER = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
ALIGN = {"left": TOP_LEFT, "right": TOP_RIGHT, "center": TOP_CENTER}

# Beyond Latin Extended-A a fallback font or right-to-left text may change the line: such
# text is drawn by the full text layout.
_PLAIN_END = "\u0180"
_SEEN_LIMIT = 50_000

# (height, wrap flags, advance): advance is -1.0 unless the text is one line that fits and
# can be drawn at a point (same glyph positions as the rectangle call, without its layout).
Fit = tuple[float, int, float]
RowFits = list[Fit | None]


class _Fitter:
    """How one font sets texts in one cell width; repeated texts (dates, codes) measured once.

    A text with a word wider than the cell (a long double-barrelled surname) is laid out
    breaking only that word, its other words whole (`plans`, drawn by `_draw`); Qt's own
    rectangle call could only break every word of it anywhere ("Anastasi / a").
    """

    __slots__ = ("_seen", "device", "font", "line", "metrics", "plans", "width")

    def __init__(
        self,
        metrics: QFontMetricsF,
        width: float,
        font: QFont | None = None,
        device: QPagedPaintDevice | None = None,
    ) -> None:
        self.metrics = metrics
        self.width = width
        self.font = font
        self.device = device
        self.line = metrics.height()
        self._seen: dict[str, Fit] = {}
        self.plans: dict[str, Plan] = {}

    def fit(self, text: str) -> Fit:
        found = self._seen.get(text)
        if found is None:
            found = self._measure(text)
            if len(self._seen) >= _SEEN_LIMIT:
                self._seen.clear()
            self._seen[text] = found
        return found

    def _measure(self, text: str) -> Fit:
        metrics, width = self.metrics, self.width
        if not text:
            return (self.line, WRAP, -1.0)
        advance = None
        if "\n" not in text:
            advance = metrics.horizontalAdvance(text)
            if advance <= width:
                simple = (
                    text.isprintable()
                    and text[0] != " "
                    and text[-1] != " "
                    and max(text) < _PLAIN_END
                )
                return (self.line, WRAP, advance if simple else -1.0)
        flags = wrap_flags(metrics, text, width, advance)
        if flags & WRAP_ANYWHERE and self.font is not None and self.device is not None:
            plan = _plan(
                self.font, metrics, self.device, text, width, 1e7, WRAP_WORD_OR_ANYWHERE | TOP_LEFT
            )
            if plan is not None:
                if len(self.plans) >= _SEEN_LIMIT:
                    self.plans.clear()
                self.plans[text] = plan
                return (_plan_height(plan, metrics), flags, -1.0)
        height = metrics.boundingRect(QRectF(0, 0, width, 1e7), flags | TOP_LEFT, text).height()
        return (height, flags, -1.0)


def _plan_height(plan: Plan, metrics: QFontMetricsF) -> float:
    """The height of a plan's lines: from the top to the last line's descent."""
    if not plan:
        return metrics.height()
    return plan[-1][1] + metrics.descent()


# Lines of a text as (x offset, baseline offset, text) from the top left of its box.
Plan = list[tuple[float, float, str]]
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight)
_ALIGN_CENTER = int(Qt.AlignmentFlag.AlignHCenter)
_NOT_TOP = int(Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignVCenter)
_LINE_SEPARATOR = "\u2028"


def _plan(
    font: QFont,
    metrics: QFontMetricsF,
    device: QPagedPaintDevice,
    text: str,
    width: float,
    height: float,
    flags: int,
) -> Plan | None:
    """Where `drawText(QRectF(0, 0, width, height), flags, text)` puts each line, or None.

    Drawing those lines at points gives the same glyphs at the same positions as the rectangle
    call (Qt lays the lines out the same way: top alignment, lines on whole device units) but
    skips the layout on every page. None when that call would clip or the text is not plain.
    """
    if not text:
        return []
    if (
        flags & _NOT_TOP
        or text[0] == " "
        or text[-1] == " "
        or max(text) >= _PLAIN_END
        or not text.replace("\n", "").isprintable()
    ):
        return None
    wrap = flags & (WRAP | WRAP_ANYWHERE)
    if "\n" not in text:
        advance = metrics.horizontalAdvance(text)
        if advance <= width and metrics.height() <= height:
            return [(_offset(flags, width, advance), metrics.ascent(), text)]
    if not wrap:
        return None
    source = text.replace("\n", _LINE_SEPARATOR)
    layout = QTextLayout(source, font, device)
    option = QTextOption()
    option.setAlignment(Qt.AlignmentFlag.AlignLeft)
    if flags & WRAP_WORD_OR_ANYWHERE == WRAP_WORD_OR_ANYWHERE:
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    elif flags & WRAP_ANYWHERE:
        option.setWrapMode(QTextOption.WrapMode.WrapAnywhere)
    else:
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    leading = metrics.leading()
    total = -leading
    lines = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        total = math.ceil(total + leading)
        line.setPosition(QPointF(0, total))
        total += line.height()
        lines.append(line)
    layout.endLayout()
    plan: Plan = []
    for line in lines:
        start = line.textStart()
        part = source[start : start + line.textLength()].rstrip(" " + _LINE_SEPARATOR)
        if line.naturalTextWidth() > width or part.startswith(" "):
            return None
        if part:
            advance = line.horizontalAdvance()
            plan.append((_offset(flags, width, advance), line.y() + line.ascent(), part))
    return plan if total <= height else None


def _offset(flags: int, width: float, advance: float) -> float:
    if flags & _ALIGN_RIGHT:
        return width - advance
    if flags & _ALIGN_CENTER:
        return (width - advance) / 2
    return 0.0


def _draw(p: QPainter, plan: Plan | None, rect: QRectF, flags: int, text: str) -> None:
    """`p.drawText(rect, flags, text)`, through its plan when there is one."""
    if plan is None:
        p.drawText(rect, flags, text)
        return
    left, top = rect.x(), rect.y()
    for dx, dy, part in plan:
        p.drawText(QPointF(left + dx, top + dy), part)


_BREAKS = re.compile(r"[\s\-/]+")


def wrap_flags(
    metrics: QFontMetricsF, text: str, width: float, advance: float | None = None
) -> int:
    """Wrap at spaces, or anywhere when one word is wider than the cell (nothing clipped).

    `advance` is the text's width when the caller has measured it already.
    """
    if (metrics.horizontalAdvance(text) if advance is None else advance) <= width:
        return WRAP
    words = _BREAKS.split(text)
    longest = max((metrics.horizontalAdvance(word + "-") for word in words), default=0.0)
    return WRAP_ANYWHERE if longest > width else WRAP
