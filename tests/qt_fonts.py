"""The sans-serif font of Qt's offscreen platform on Windows, for the tests.

On Windows the offscreen platform (the tests) reads fonts from the folder QT_QPA_FONTDIR
names, with no fontconfig to say which family is the sans-serif: asked for Qt's default,
"Sans Serif", it takes the first family it finds. Under Wine that folder holds the Liberation
fonts, so every widget was measured in Liberation Mono, far wider than the proportional UI
font of any Windows PC, and the layout tests found pages that do not fit. Naming the
substitutes Windows itself would use, then the Liberation font with the same metrics as
Arial, makes the tests measure as a PC does. Call it before the first QApplication.
"""

from __future__ import annotations

import os
import sys

SANS_SERIF = ("Segoe UI", "Arial", "Liberation Sans")


def windows_sans_serif() -> None:
    if sys.platform != "win32" or os.environ.get("QT_QPA_PLATFORM") not in ("offscreen", "minimal"):
        return
    from PySide6.QtGui import QFont

    QFont.insertSubstitutions("Sans Serif", list(SANS_SERIF))
