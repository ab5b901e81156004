"""Two of Windows 11's contrast themes as Qt's palette would take them from Windows (its
system colours), to see the app under them on any machine: Night sky (light text on black)
and Desert (dark text on cream). The colours are the themes' text, background, selected
text, button, link and unavailable text."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette


@dataclass(frozen=True)
class ContrastTheme:
    name: str
    background: str
    text: str
    selected_background: str
    selected_text: str
    button_background: str
    button_text: str
    link: str
    unavailable: str


NIGHT_SKY = ContrastTheme(
    "Night sky", "#000000", "#ffffff", "#d6b4fd", "#2b2b2b", "#000000", "#ffee32", "#8080ff",
    "#a6a6a6",
)  # fmt: skip
DESERT = ContrastTheme(
    "Desert", "#fffaef", "#3d3d3d", "#903909", "#fff5e3", "#fffaef", "#3d3d3d", "#1c5e75",
    "#676767",
)  # fmt: skip


def contrast_palette(theme: ContrastTheme) -> QPalette:
    """The palette Qt gives the application under `theme` on Windows."""
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    palette = QPalette()
    for each in (group.Active, group.Inactive, group.Disabled):
        for which, colour in (
            (role.Window, theme.background),
            (role.Base, theme.background),
            (role.AlternateBase, theme.background),
            (role.WindowText, theme.text),
            (role.Text, theme.text),
            (role.Button, theme.button_background),
            (role.ButtonText, theme.button_text),
            (role.Highlight, theme.selected_background),
            (role.HighlightedText, theme.selected_text),
            (role.Link, theme.link),
            (role.ToolTipBase, theme.background),
            (role.ToolTipText, theme.text),
            (role.PlaceholderText, theme.unavailable),
            (role.Light, theme.text),
            (role.Midlight, theme.background),
            (role.Mid, theme.unavailable),
            (role.Dark, theme.text),
            (role.Shadow, theme.text),
        ):
            palette.setColor(each, which, QColor(colour))
    for which in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, which, QColor(theme.unavailable))
    return palette
