"""What a keyboard-only or screen-reader user meets in a window or dialog, gathered as a
list of plain findings (empty: nothing found): the Tab chain (every control reached, in
reading order, never stuck, wrapping round, nothing hidden or disabled), the name each
control is heard by, and the Alt letters shown (each once). Used by
`test_accessibility_audit.py`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QRadioButton,
    QTextBrowser,
    QWidget,
)

MOST_PRESSES = 600  # a claims grid of five programmes by a year of months, and more


@dataclass
class TabWalk:
    stops: list[QWidget]  # each control once, in the order Tab reached it
    findings: list[str]
    tall_stops: list[QWidget] | None = None


def describe(widget: QWidget | None) -> str:
    if widget is None:
        return "nothing"
    words = heard_name(widget) or widget.objectName() or "no name"
    return f"{type(widget).__name__} '{words}'"


def _plain(text: str) -> str:
    """A label's or button's words as said: no markup, no '&' of an Alt letter."""
    text = re.sub(r"<[^>]+>", " ", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split())


def _owner(widget: QWidget) -> QWidget:
    """The control a focused part belongs to: an editable combo box's line, say."""
    parent = widget.parentWidget()
    if isinstance(widget, QLineEdit) and isinstance(parent, QComboBox):
        return parent
    return widget


def buddy_words(widget: QWidget) -> str:
    top = widget.window()
    for label in top.findChildren(QLabel):
        if label.buddy() is widget:
            return _plain(label.text())
    return ""


def heard_name(widget: QWidget) -> str:
    """The name a screen reader gives `widget` when it takes the focus: Qt's accessible
    name (set, or a button's words, or a buddy label's words). A line's placeholder and a
    tooltip are not names: NVDA says the first as a hint at most, and never the second."""
    widget = _owner(widget)
    if widget.accessibleName().strip():
        return _plain(widget.accessibleName())
    if isinstance(widget, QAbstractButton):
        return _plain(widget.text())
    if isinstance(widget, QGroupBox):
        return _plain(widget.title())
    return buddy_words(widget)


def takes_tab(widget: QWidget, top: QWidget) -> bool:
    """A control Tab should reach: shown, enabled, with room on screen, in `top`."""
    return (
        widget.window() is top
        and widget.isVisible()
        and widget.isEnabled()
        and widget.focusProxy() is None
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.width() > 0
        and widget.height() > 0
    )


def tab_controls(top: QWidget) -> list[QWidget]:
    return [w for w in top.findChildren(QWidget) if takes_tab(w, top)]


def _cell(widget: QWidget) -> object:
    """Where Tab is inside a control it moves within: a table's cell, a help page's link."""
    if isinstance(widget, QAbstractItemView) and widget.tabKeyNavigation():
        index = widget.currentIndex()
        return (index.row(), index.column())
    if isinstance(widget, QTextBrowser):
        cursor = widget.textCursor()
        return (cursor.selectionStart(), cursor.selectionEnd())
    return None


def walk_tabs(qtbot, top: QWidget, start: QWidget, back: bool = False) -> TabWalk:  # type: ignore[no-untyped-def]
    """Tab (`back`: Shift+Tab) from `start` until the focus is back on it: the controls
    reached, each once, and what went wrong (stuck, never back, hidden or disabled
    controls reached)."""
    key = Qt.Key.Key_Backtab if back else Qt.Key.Key_Tab
    shift = Qt.KeyboardModifier.ShiftModifier if back else Qt.KeyboardModifier.NoModifier
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)
    first = QApplication.focusWidget()
    stops: list[QWidget] = [first]
    findings: list[str] = []
    last, last_cell = first, _cell(first)
    for _ in range(MOST_PRESSES):
        qtbot.keyClick(last, key, shift)
        now = QApplication.focusWidget()
        if now is None:
            findings.append(f"Tab from {describe(last)} left the focus nowhere")
            break
        if now is last:
            cell = _cell(now)
            if cell is not None and cell != last_cell:  # on to its next cell or link
                last_cell = cell
                continue
            if now is not first:
                findings.append(f"Tab is stuck on {describe(now)}")
            break  # (the only control: round to itself)
        if now is first:
            break
        if now.window() is not top:
            findings.append(f"Tab left {describe(top)} for {describe(now.window())}")
            break
        if not (now.isVisible() and now.isEnabled() and now.width() > 0 and now.height() > 0):
            findings.append(f"Tab reached {describe(now)}, hidden, empty or disabled")
        if now in stops:
            findings.append(f"Tab went round without coming back to {describe(first)}")
            break
        stops.append(now)
        last, last_cell = now, _cell(now)
    else:
        findings.append(f"Tab never came back to {describe(first)}")
    reached = set(stops)
    for widget in tab_controls(top):
        if widget not in reached:
            findings.append(f"Tab never reaches {describe(widget)}")
    return TabWalk(stops, findings)


def unscrolled(widget: QWidget, top: QWidget) -> QRect:
    """Where `widget` lies in `top` with every scroll area it is in scrolled to its start:
    the order a reader's eye takes, whatever is scrolled into view just now."""
    corner = widget.mapTo(top, QPoint(0, 0))
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent, QAbstractItemView):
            corner += QPoint(
                parent.horizontalScrollBar().value(), parent.verticalScrollBar().value()
            )
        parent = parent.parentWidget()
    return QRect(corner, widget.size())


def out_of_order(stops: list[QWidget], top: QWidget) -> list[str]:
    """The steps of the Tab chain (round, back to the first) against reading order: down
    the page, left to right along a row, up again only into a column to the right. One
    step back to the start is the wrap; any other is a finding."""
    places = [unscrolled(w, top) for w in stops]
    wrong: list[str] = []
    for i, (here, there) in enumerate(zip(places, places[1:] + places[:1], strict=True)):
        same_row = here.top() <= there.center().y() <= here.bottom() or (
            there.top() <= here.center().y() <= there.bottom()
        )
        if same_row:
            forward = there.left() >= here.left()
        else:
            forward = there.top() >= here.center().y() or there.left() >= here.right()
        if not forward:
            after = stops[(i + 1) % len(stops)]
            wrong.append(f"Tab goes back from {describe(stops[i])} to {describe(after)}")
    return wrong[1:] if len(wrong) == 1 else wrong  # the one step back is the wrap


def nameless(stops: list[QWidget]) -> list[str]:
    return [f"{describe(w)} has no name a screen reader says" for w in stops if not heard_name(w)]


def alt_letter(text: str) -> str:
    """The Alt letter `text` shows ('&Print' is P), or ''."""
    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).lower() if found else ""


def _shown_texts(top: QWidget) -> list[tuple[str, str]]:
    """(words, Alt letter) of the buttons, labels and group boxes shown in `top`."""
    texts: list[tuple[str, str]] = []
    for widget in top.findChildren(QWidget):
        if widget.window() is not top or not widget.isVisible():
            continue
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            text = widget.text()
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            text = widget.title()
        else:
            continue
        if alt_letter(text):
            texts.append((_plain(text), alt_letter(text)))
    bar = top.findChild(QMenuBar)
    if bar is not None and bar.window() is top and bar.isVisible():
        for action in bar.actions():
            if alt_letter(action.text()):
                texts.append((f"menu {_plain(action.text())}", alt_letter(action.text())))
    return texts


def alt_clashes(top: QWidget) -> list[str]:
    """Alt letters shown twice at once in `top` (the menu bar's and the page's): Qt then
    goes from one to the next at each press, and does neither."""
    by_letter: dict[str, list[str]] = {}
    for words, letter in _shown_texts(top):
        by_letter.setdefault(letter, []).append(words)
    return [
        f"Alt+{letter.upper()} is shown for " + " and ".join(f"'{w}'" for w in words)
        for letter, words in sorted(by_letter.items())
        if len(words) > 1
    ]


def _arrows_reach(button: QAbstractButton, stops: list[QWidget]) -> bool:
    """A choice of a set (radio buttons): Tab goes to the one chosen, the arrows to the
    others."""
    if not isinstance(button, QRadioButton):
        return False
    group = button.group()
    for stop in stops:
        if isinstance(stop, QRadioButton) and stop is not button:
            if group is not None and stop.group() is group:
                return True
            if group is None and button.autoExclusive() and stop.parent() is button.parent():
                return True
    return False


def buttons_without_a_key(top: QWidget, stops: list[QWidget]) -> list[str]:
    """Buttons shown with no way to them from the keyboard: not on the Tab chain, no Alt
    letter, no shortcut."""
    found = []
    for button in top.findChildren(QAbstractButton):
        if button.window() is not top or not button.isVisible() or not button.isEnabled():
            continue
        if button.objectName().startswith("qt_") or isinstance(button.parent(), QLineEdit):
            continue  # a table's corner (Ctrl+A) and a find box's clear (Ctrl+A, Delete)
        if _arrows_reach(button, stops):
            continue
        if button in stops or alt_letter(button.text()) or not button.shortcut().isEmpty():
            continue
        found.append(f"{describe(button)} has no keyboard route")
    return found


def menu_findings(bar: QMenuBar) -> list[str]:
    """Each menu by an Alt letter, each item in it by its letter or a shortcut, no letter
    twice in one menu (nor twice in the bar)."""
    findings: list[str] = []
    titles = [a.text() for a in bar.actions() if a.menu() is not None]
    letters = [alt_letter(t) for t in titles]
    for title, letter in zip(titles, letters, strict=True):
        if not letter:
            findings.append(f"menu '{_plain(title)}' has no Alt letter")
        elif letters.count(letter) > 1:
            findings.append(f"menu '{_plain(title)}' shares Alt+{letter.upper()}")
    for action in bar.actions():
        menu = action.menu()
        if not isinstance(menu, QMenu):
            continue
        items = [a for a in menu.actions() if not a.isSeparator()]
        seen: dict[str, str] = {}
        for item in items:
            letter = alt_letter(item.text())
            if not letter and item.shortcut().isEmpty():
                findings.append(f"'{_plain(item.text())}' in {_plain(menu.title())} has no key")
            if letter and letter in seen:
                findings.append(
                    f"'{_plain(item.text())}' and '{seen[letter]}' in {_plain(menu.title())} "
                    f"share the letter {letter.upper()}"
                )
            if letter:
                seen.setdefault(letter, _plain(item.text()))
    return findings


def audit(qtbot, top: QWidget, start: QWidget) -> tuple[TabWalk, list[str]]:  # type: ignore[no-untyped-def]
    """Every finding in `top`, Tab walked from `start`; the order of the chain with `top`
    made tall enough for nothing to scroll (a button pinned under a part that scrolls is
    then below all of it, as it is read)."""
    walk = walk_tabs(qtbot, top, start)
    size = top.size()
    top.resize(size.width(), max(size.height(), 2400))
    qtbot.wait(50)
    tall = walk_tabs(qtbot, top, start)
    order = out_of_order(tall.stops, top)
    walk.tall_stops = tall.stops
    top.resize(size)
    qtbot.wait(50)
    back = walk_tabs(qtbot, top, start, back=True)
    if back.stops[1:] != walk.stops[1:][::-1]:
        order.append(
            "Shift+Tab does not go back the way Tab came: "
            + ", ".join(describe(w) for w in back.stops)
        )
    findings = (
        walk.findings
        + back.findings
        + order
        + nameless(walk.stops)
        + alt_clashes(top)
        + buttons_without_a_key(top, walk.stops)
    )
    return walk, findings
