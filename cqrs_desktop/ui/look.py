"""The app's look: the Fusion style, a gentle light palette and the shipped stylesheet.

Kept apart from `ui.theme` (the colours and words of statuses), which needs the domain
model: applying the look is part of opening the first window and must stay cheap.

The stylesheet's font sizes are written as they are at Windows' default text size and drawn
bigger when the user has asked Windows for bigger text (decision 303). Under one of Windows'
contrast themes the window takes the theme's colours instead of the app's own (decision 400).
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any

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
_FUSION_PROPERTY = "cqrsFusion"  # "fusion" or "contrast": the style the application has
_CONTRAST_PROPERTY = "cqrsHighContrast"  # the look was last applied for a contrast theme
_OWN_PALETTE_PROPERTY = "cqrsOwnPalette"  # the app's palette is set, not the system's
_WATCHING_PROPERTY = "cqrsWatchingContrast"  # applied again when the contrast theme changes
_QT_SAYS_PROPERTY = "cqrsContrastQtSays"  # Qt's word on the contrast theme, once asked
ASK_QT_AFTER_MS = 300  # Qt is asked once the first window is painted (it builds its enums)


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


def contrast_theme_on(app: QApplication | None = None) -> bool:
    """Whether Windows' Settings > Accessibility > Contrast themes is on (the old "High
    contrast"). Qt's word for it once the first window is up (`_watch_contrast`); before
    that, the setting Windows keeps in the registry (asking Qt builds all of its enums,
    and ctypes takes a while to load: neither before the first window). CQRS_HIGH_CONTRAST,
    when set ("1" on, "0" off), stands in for it, to see the app so on any machine;
    elsewhere than Windows, off."""
    raw = os.environ.get("CQRS_HIGH_CONTRAST")
    if raw is not None:
        return raw.strip() == "1"
    said = app.property(_QT_SAYS_PROPERTY) if app is not None else None
    if isinstance(said, bool):
        return said
    return _contrast_in_registry()


def _contrast_in_registry() -> bool:
    """HKCU\\Control Panel\\Accessibility\\HighContrast's Flags, as SystemParametersInfo
    keeps them: HCF_HIGHCONTRASTON (1) on. Off where it is not set or cannot be read."""
    if sys.platform != "win32":
        return False
    try:
        import winreg

        with winreg.OpenKey(
            winreg.HKEY_CURRENT_USER, r"Control Panel\Accessibility\HighContrast"
        ) as key:
            value, _kind = winreg.QueryValueEx(key, "Flags")
        return bool(int(value) & 1)
    except (OSError, ValueError, TypeError):
        return False


_style_hints: list[object] = []  # each application's style hints, held while it runs


def accessibility_hints(app: QApplication) -> Any:
    """Qt's accessibility hints (its `QAccessibilityHints`, Qt 6.10 and later; None before).
    Its style hints are held for as long as the application runs: PySide6 drops the
    accessibility hints' wrapper with the style hints' ("Internal C++ object already
    deleted"), so a wrapper taken from a passing one fails when next used."""
    style_hints = app.styleHints()
    if style_hints not in _style_hints:
        _style_hints.append(style_hints)
    get = getattr(style_hints, "accessibility", None)
    return None if get is None else get()


def high_contrast_now() -> bool:
    """Whether the look was last applied for a contrast theme: then nothing is drawn in the
    app's own colours (a status's words stand without its colour)."""
    app = QApplication.instance()
    return bool(app is not None and app.property(_CONTRAST_PROPERTY))


# The app's blues and green: a filled button, the chosen page, a focus frame. In a contrast
# theme each becomes the theme's highlight; every other colour gives way to the theme's own.
_ACCENTS = frozenset({"#1a5fb4", "#15519a", "#0b2e5c", "#2e7d32"})
_FILLED_FRAME = "#0b2e5c"  # the focus frame of a filled button, and a chosen decision's
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
_DECLARATION = re.compile(r"\s*([a-z-]+)\s*:\s*([^;]*?)\s*(?:;|$)")


# Drawn by the style alone in a contrast theme: a progress bar styled by a stylesheet
# writes its "40%" in the text colour across the whole bar, over the highlight of the part
# done (white on lavender on Night sky); Fusion's writes it in the highlighted text there.
_LEFT_TO_THE_STYLE = ("QProgressBar",)


def contrast_stylesheet(qss: str) -> str:
    """The stylesheet with every colour taken from the palette (a contrast theme's colours):
    text in the colour each widget's role takes (none of the app's greys and greens), a
    filled accent in the theme's highlight with its highlighted text, every border and
    frame in the theme's text colour (focus frames in its highlight), every box in the
    theme's window, base or button colour. Sizes, spacing and weights stay; a progress
    bar is left to the style (decision 413)."""

    def rule(match: re.Match[str]) -> str:
        selectors, body = match.group(1), match.group(2)
        if selectors.strip().startswith(_LEFT_TO_THE_STYLE):
            return ""
        found = [(m.group(1), m.group(2)) for m in _DECLARATION.finditer(body)]
        filled = any(
            p in ("background", "background-color") and v.lower() in _ACCENTS for p, v in found
        )
        kept = []
        for prop, value in found:
            new = _contrast_value(selectors, prop, value, filled)
            if new is not None:
                kept.append(f"{prop}: {new};")
        if filled and ":disabled" not in selectors:
            # filled only while it can be used: a colour set here would hold when disabled
            # too (a stylesheet's palette() is the enabled one), so what cannot be used is
            # left to the theme's own colour for it
            lead = selectors[: len(selectors) - len(selectors.lstrip())]
            each = (f"{one.strip()}:enabled" for one in selectors.split(","))
            selectors = f"{lead}{', '.join(each)} "
        return f"{selectors}{{ {' '.join(kept)} }}"

    return _RULE.sub(rule, re.sub(r"/\*.*?\*/", "", qss, flags=re.DOTALL)) + _ONLY_IN_A_THEME


# Rules only a theme has. A chosen decision is the theme's highlight edge to edge, and
# the one with the keyboard focus has a ring in the theme's text colour round it, as a
# filled button has (its frame in the app's look is a darker blue: in a theme, a dark ring
# on Night sky's black; decision 411). A table's grid is in the theme's text colour: Fusion
# draws it in the window colour made darker, none at all on black (decision 414).
_ONLY_IN_A_THEME = """
QPushButton#decision:checked:enabled { border-color: palette(highlight); }
QPushButton#decision:checked:enabled:focus { border: 2px solid palette(window-text); }
QTableView { gridline-color: palette(window-text); }
"""


def _contrast_value(selectors: str, prop: str, value: str, filled: bool) -> str | None:
    """One declaration's value in a contrast theme (None: left out, the palette decides)."""
    disabled = ":disabled" in selectors
    if prop in ("color", "border-color") and disabled:
        return None  # the theme's own colour for what cannot be used
    if prop == "color":  # (text only on the background it is meant for: match, don't mix)
        return "palette(highlighted-text)" if filled else None
    if prop == "selection-color":
        return "palette(highlighted-text)"
    if prop == "selection-background-color":
        return "palette(highlight)"
    if prop in ("background", "background-color"):
        colour = value.lower()
        if not _HEX.fullmatch(colour):
            return value  # transparent
        if colour in _ACCENTS:
            return "palette(window)" if disabled else "palette(highlight)"
        if colour != "#ffffff":
            return "palette(window)"
        button = selectors.lstrip().startswith("QPushButton")
        return "palette(button)" if button else "palette(base)"
    return _HEX.sub(lambda m: _contrast_line(m.group(0)), value)


def _contrast_line(colour: str) -> str:
    """A border's colour in a contrast theme: the highlight for the app's accent (a focus
    frame), the theme's text colour for any other, the focus frame of a filled button
    too (round the highlight, on the window: the highlighted text there was a dark ring
    on Night sky's black)."""
    if colour.lower() == _FILLED_FRAME:
        return "palette(window-text)"
    return "palette(highlight)" if colour.lower() in _ACCENTS else "palette(window-text)"


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
    """A calm light look on every platform: Fusion, a gentle palette, the shipped stylesheet;
    under a Windows contrast theme, the theme's colours in the same layout.

    Run again with nothing changed (a text size set the same), it changes nothing: Qt
    would restyle every widget of the application for each style, palette or stylesheet
    set again, the same or not (decision 358)."""
    _watch_contrast(app)
    contrast = contrast_theme_on(app)
    _fusion(app, contrast)
    app.setProperty(_CONTRAST_PROPERTY, contrast)
    if not contrast:
        _own_palette(app)
    elif app.property(_OWN_PALETTE_PROPERTY):  # back to the system's (the theme's) colours
        app.setPalette(QPalette())
        app.setProperty(_OWN_PALETTE_PROPERTY, False)
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
        if contrast:
            sheet = contrast_stylesheet(sheet)
        if sheet != app.styleSheet():
            app.setStyleSheet(sheet)


def _fusion(app: QApplication, contrast: bool) -> None:
    """Fusion, as it is for the app's own look; under a contrast theme with its outlines
    in the theme's text colour (`ContrastStyle`). Set only when it changes (the property:
    with a stylesheet, style() names no style)."""
    wanted = "contrast" if contrast else "fusion"
    if app.property(_FUSION_PROPERTY) == wanted:
        return
    if contrast:
        from cqrs_desktop.ui.contrast_style import ContrastStyle

        app.setStyle(ContrastStyle())
    else:
        app.setStyle("Fusion")
    app.setProperty(_FUSION_PROPERTY, wanted)


def _own_palette(app: QApplication) -> None:
    """The app's gentle light palette (every other role as the system gives it)."""
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
    app.setProperty(_OWN_PALETTE_PROPERTY, True)


def _watch_contrast(app: QApplication) -> None:
    """Apply the look again when the contrast theme is turned on or off while the app is
    open (once for the application; from when the first window is painted, as asking Qt
    builds all of its enums)."""
    if app.property(_WATCHING_PROPERTY):
        return
    app.setProperty(_WATCHING_PROPERTY, True)

    def watch() -> None:
        hints = accessibility_hints(app)
        if hints is not None:
            hints.contrastPreferenceChanged.connect(lambda said: _qt_says(app, said))
            _qt_says(app, hints.contrastPreference())

    from PySide6.QtCore import QTimer

    QTimer.singleShot(ASK_QT_AFTER_MS, watch)


def _qt_says(app: QApplication, preference: object) -> None:
    """Qt's word on the contrast theme (from Windows), kept as the one that counts, and
    the look applied again if it differs from what it was applied for."""
    from PySide6.QtCore import Qt

    on = preference == Qt.ContrastPreference.HighContrast
    app.setProperty(_QT_SAYS_PROPERTY, on)
    if contrast_theme_on(app) != high_contrast_now():
        apply(app)
