"""The app's look: the Fusion style, a gentle light palette and the shipped stylesheet.

Kept apart from `ui.theme` (the colours and words of statuses), which needs the domain
model: applying the look is part of opening the first window and must stay cheap.

The stylesheet's font sizes are written as they are at Windows' default text size and drawn
bigger when the user has asked Windows for bigger text (decision 303).
"""

from __future__ import annotations

import os
import re
import sys

from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication

from cqrs_desktop import paths

# Windows' message font (the font Qt 6 takes as the application's) at the default text
# size: Segoe UI 9pt. The stylesheet's 10pt body text is drawn at 10pt on such a machine.
SYSTEM_PT = 9.0
LARGEST = 2.25  # Windows' "Make text bigger" goes from 100% to 225%
FONT_SIZE = re.compile(r"(font-size:\s*)(\d+(?:\.\d+)?)pt")
MIN_HEIGHT = re.compile(r"(min-height:\s*)(\d+)px")
BODY_PT = 10.0  # the stylesheet's body text (QWidget's font-size)
_SYSTEM_PT_PROPERTY = "cqrsSystemFontPt"
_SCALE_PROPERTY = "cqrsTextScale"
_FUSION_PROPERTY = "cqrsFusion"  # set on the application once it has Fusion


def text_size_setting() -> int:
    """Windows' Settings > Accessibility > Text size, 100 to 225 (%): 100 where it is not
    set or cannot be read. CQRS_TEXT_SCALE, when set, stands in for it, to see the app at
    a text size on any machine. Nothing else is read from the registry."""
    raw = os.environ.get("CQRS_TEXT_SCALE")
    if raw is not None:
        try:
            return _in_range(int(raw.strip()))
        except ValueError:
            return 100
    if sys.platform == "win32":
        try:
            import winreg

            with winreg.OpenKey(
                winreg.HKEY_CURRENT_USER, r"Software\Microsoft\Accessibility"
            ) as key:
                value, kind = winreg.QueryValueEx(key, "TextScaleFactor")
            return _in_range(int(value)) if kind == winreg.REG_DWORD else 100
        except (OSError, ValueError, TypeError):
            return 100
    return 100


def _in_range(percent: int) -> int:
    return percent if 100 <= percent <= 225 else 100


def text_scale(system_pt: float, setting: int) -> float:
    """How much bigger than at the default the app's text is drawn: the larger of what the
    system's font says (its size against Windows' 9pt) and the text size setting, never
    the two multiplied. Windows enlarges the message font Qt takes by that setting, so on
    most PCs the two say the same; where one of them was not applied, the other still is.
    Never smaller than at the default, never bigger than Windows' largest."""
    by_font = system_pt / SYSTEM_PT if system_pt > 0 else 1.0
    return min(max(by_font, setting / 100, 1.0), LARGEST)


def scaled_stylesheet(qss: str, scale: float) -> str:
    """Every `font-size: Npt` of the stylesheet times `scale` (to a tenth of a point):
    the sizes keep their proportions to the body text, and at 1.0 nothing changes."""

    def bigger(match: re.Match[str]) -> str:
        size = round(float(match.group(2)) * scale, 1)
        return f"{match.group(1)}{size:g}pt"

    return qss if scale == 1.0 else FONT_SIZE.sub(bigger, qss)


def floors_under_text(qss: str, line: int) -> str:
    """Every `min-height: Npx` (a button's floor: 32 pixels at the default text) made at
    least `line`, the height of a line of the body text as shown. Qt takes the floor as
    the button's least height, so a page squeezed to its least drew a button's bigger
    text cut (Print… at 150%); at the default text the line is shorter and nothing
    changes."""
    return MIN_HEIGHT.sub(lambda m: f"{m.group(1)}{max(int(m.group(2)), line)}px", qss)


def scale_now() -> float:
    """The text scale the look was last applied at (1.0 before): for a width in pixels
    that must grow with the text, such as the widest a column of text may be."""
    app = QApplication.instance()
    found = app.property(_SCALE_PROPERTY) if app is not None else None
    return found if isinstance(found, float) else 1.0


def _system_pt(app: QApplication) -> float:
    """The application font's size as Qt first gave it (the system's), remembered on the
    application: `apply` may enlarge it, and may run again."""
    found = app.property(_SYSTEM_PT_PROPERTY)
    if isinstance(found, float):
        return found
    size = app.font().pointSizeF()
    app.setProperty(_SYSTEM_PT_PROPERTY, float(size))
    return float(size)


def apply(app: QApplication) -> None:
    """A calm light look on every platform: Fusion, a gentle palette, the shipped stylesheet.

    Run again with nothing changed (a text size set the same), it changes nothing: Qt
    would restyle every widget of the application for each style, palette or stylesheet
    set again, the same or not (decision 358)."""
    if not app.property(_FUSION_PROPERTY):  # (with a stylesheet, style() names no style)
        app.setStyle("Fusion")
        app.setProperty(_FUSION_PROPERTY, True)
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f6f7f9"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f3f5f8"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#202124"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#202124"))
    palette.setColor(QPalette.ColorRole.Button, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor("#202124"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#1a5fb4"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor("#202124"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#6b7075"))
    if palette != app.palette():
        app.setPalette(palette)
    system_pt = _system_pt(app)
    scale = text_scale(system_pt, text_size_setting())
    app.setProperty(_SCALE_PROPERTY, float(scale))
    if system_pt > 0:
        # the application's own font too (what a cell or box the stylesheet does not reach
        # draws in): as Windows makes it at that text size, or as it was
        wanted = system_pt * scale / max(system_pt / SYSTEM_PT, 1.0)
        font = app.font()
        if abs(font.pointSizeF() - wanted) > 0.01:
            font.setPointSizeF(wanted)
            app.setFont(font)
    qss = paths.resource("style.qss")
    if qss.is_file():
        body = QFont(app.font())
        body.setPointSizeF(BODY_PT * scale)
        line = QFontMetrics(body).height()
        sheet = floors_under_text(scaled_stylesheet(qss.read_text(encoding="utf-8"), scale), line)
        if sheet != app.styleSheet():
            app.setStyleSheet(sheet)
