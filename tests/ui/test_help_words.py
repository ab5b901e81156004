"""The help page names the keys and buttons the app really has, so it cannot drift again.

Every key in the help's key tables is a key of the one shortcut table, and every key of
that table is in the help; every button the help names (marked `<b class="button">`) is a
button of the window with that text, and every other word of the window it names (a
label, a box's title, a tick box, a choice in a list: marked `class="label"`) is there too.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QWidget

from cqrs_desktop import paths
from cqrs_desktop.store.earlier_review import ReviewAbout
from cqrs_desktop.ui import shortcuts

from .conftest import wait_idle

HELP = paths.resource("help") / "index.html"
SAID_AS = {"page up": "PgUp", "page down": "PgDown"}  # the help's words for two keys


def _plain(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def help_keys() -> set[str]:
    """The keys in the first column of the help's key tables, as Qt writes them."""
    text = HELP.read_text(encoding="utf-8")
    cells = re.findall(r"<tr><td>(.*?)</td>", text, flags=re.DOTALL)
    keys = set()
    for cell in cells:
        for key in re.split(r"\s*[/,]\s*", _plain(cell)):
            key = SAID_AS.get(key.lower(), key)
            keys.add(QKeySequence(key).toString())
    return keys


def help_buttons() -> set[str]:
    text = HELP.read_text(encoding="utf-8")
    found = re.findall(r'<b\s+class="button">(.*?)</b>', text, flags=re.DOTALL)
    return {_plain(name) for name in found}


def help_labels() -> set[str]:
    text = HELP.read_text(encoding="utf-8")
    found = re.findall(r'<([bi])\s+class="label">(.*?)</\1>', text, flags=re.DOTALL)
    return {_plain(name) for _tag, name in found}


def label_texts(*roots: QWidget) -> set[str]:
    """The words the window shows other than on buttons: labels, box titles, choices."""
    seen: set[str] = set()
    for root in roots:
        seen |= {_plain(label.text()) for label in root.findChildren(QLabel) if label.text()}
        seen |= {_plain(box.title()) for box in root.findChildren(QGroupBox) if box.title()}
        for combo in root.findChildren(QComboBox):
            seen |= {_plain(combo.itemText(i)) for i in range(combo.count())}
    return seen


def _button_words(text: str) -> str:
    """'Pre&view…' -> 'Preview': the words the user reads."""
    return " ".join(text.replace("&", "").replace("…", "").split())


def button_texts(*roots: QWidget) -> set[str]:
    return {
        _button_words(button.text())
        for root in roots
        for button in root.findChildren(QAbstractButton)
        if button.text()
    }


def test_every_key_in_the_help_works_and_every_key_is_in_the_help() -> None:
    listed = help_keys()
    real = {QKeySequence(k).toString() for s in shortcuts.SHORTCUTS for k in s.keys}
    assert listed - real == set(), "the help lists keys that do nothing"
    assert real - listed == set(), "keys that work are missing from the help"


def test_every_button_the_help_names_is_in_the_window(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    named = help_buttons()
    assert {"Start a new review", "Import and start checking", "Open in mail app"} <= named
    seen = button_texts(window)  # the start page
    window.start.show_this_month(
        ReviewAbout(tmp_path / "F99001 CQRS check.cqrsreview", "F99001", None, None)
    )
    seen |= button_texts(window)
    window.new_review()  # a new review's Files page
    seen |= button_texts(window)
    window.open_demo()
    wait_idle(qtbot, window)
    seen |= button_texts(window)  # every page of an open review
    dialog = window.print_or_save()
    assert dialog is not None
    seen |= button_texts(dialog)
    dialog.close()
    missing = {
        name
        for name in named
        if not any(text == name or text.startswith(name + " ") for text in seen)
    }
    assert missing == set(), f"the help names buttons the window does not have: {missing}"


def test_every_file_menu_item_named_is_in_the_file_menu(window) -> None:  # type: ignore[no-untyped-def]
    """ "File > Open" in a message sent the user to a menu item called "Open review…"."""
    file_menu = window.menuBar().actions()[0].menu()
    items = [_button_words(a.text()) for a in file_menu.actions() if a.text()]
    texts = [HELP.read_text(encoding="utf-8")] + [
        p.read_text(encoding="utf-8") for p in sorted(Path(paths.__file__).parent.glob("ui/*.py"))
    ]
    named = [
        html.unescape(after)
        for text in texts
        for after in re.findall(r"File (?:>|&gt;) ([^\"\n]+)", text)
    ]
    assert named
    for after in named:
        assert any(re.match(re.escape(item) + r"\b", after) for item in items), after


def test_every_label_the_help_names_is_in_the_window(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The help sent the reader to "Covers: from ... to ..." where the page says "Covers"."""
    named = help_labels()
    assert {"Covers", "Claimed counts (CQRS)", "Recent reviews"} <= named
    seen = label_texts(window) | button_texts(window)  # the start page
    window.new_review()  # a new review's Files page
    wait_idle(qtbot, window)
    seen |= label_texts(window) | button_texts(window)
    window.open_demo()
    wait_idle(qtbot, window)
    window.show_page(2)  # Check events: the decision bar's tick box
    seen |= label_texts(window) | button_texts(window)
    missing = {
        name
        for name in named
        if not any(text == name or text.startswith(name + " ") for text in seen)
    }
    assert missing == set(), f"the help names words the window does not show: {missing}"
