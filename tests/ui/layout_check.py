"""Is everything the user needs on screen, and readable? A walk over a shown window.

No scroll area shows an up-and-down scroll bar inside another showing one. For every
visible control (buttons, tick boxes, drop-downs, text boxes, labels, tables) of a window,
the checks are: it lies inside the window, or inside a scroll area that scrolls up and down
only (never sideways); no parent cuts it off; a button's, tick box's or label's text is not
cut (a button no shorter or narrower than Qt's least size for it, however tall); a
drop-down shows its choice whole (or says it whole in its tooltip) and opens a list wide
enough for every choice; a table's columns fit it without a sideways scroll and its
headings are not cut. Data grids the user scrolls on purpose (the claims grid, a file
preview) are only checked to be reachable. A label with no words and a table's header with
no column (a preview before a file is chosen, which Qt draws 0 pixels high) have nothing
to cut, and are not checked.

Words stay by what they name (decision 430): a label with a buddy (the "&Note" kind) has
its words over its box, with at most `BUDDY_GAP_ABOVE` pixels of empty space between
(other words between, a hint, are not empty space), or beside it in a form row, at most
`BUDDY_GAP_BESIDE` pixels to its left and level with its first line. A dialog is no taller
than its layout needs at its width by more than `SPARE_HEIGHT` pixels, unless the height
to spare goes where it was put on purpose: a stretch, or a box that grows (a list, a text
box); else it goes as bands of empty space between its lines.

Used by `test_layout_sizes.py`, which renders every page at laptop sizes and scale factors,
and by `build_scripts/screenshots.py`-style probes while developing.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QTreeView,
    QWidget,
)

# data grids: scrolled sideways on purpose, like a spreadsheet
SCROLLED_GRIDS = frozenset(
    {
        "Claimed counts by programme and month",
        "Preview of the selected file",
        "Columns and first rows",  # Fix columns: a choice over each of the file's columns
    }
)
CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QLabel, QAbstractItemView)
# decision 430: a label's words and its box, and a dialog's height to spare (pixels)
BUDDY_GAP_ABOVE = 6
BUDDY_GAP_HEADING = 12  # a section's title over the list it heads
BUDDY_GAP_BESIDE = 12
BUDDY_LEVEL = 4
SPARE_HEIGHT = 12


def _name(w: QWidget) -> str:
    text = ""
    if isinstance(w, QAbstractButton | QLabel):
        text = w.text()
    elif isinstance(w, QComboBox):
        text = w.currentText()
    label = w.accessibleName() or w.objectName() or type(w).__name__
    short = " ".join(text.split())[:50]
    return f"{type(w).__name__} '{label}'" + (f" [{short}]" if short and short != label else "")


def _rect_in(w: QWidget, ancestor: QWidget) -> QRect:
    return QRect(w.mapTo(ancestor, QPoint(0, 0)), w.size())


def _scroll_area_of(w: QWidget, top: QWidget) -> QScrollArea | None:
    parent = w.parentWidget()
    while parent is not None and parent is not top:
        if (
            isinstance(parent, QScrollArea)
            and parent.widget() is not None
            and parent.widget().isAncestorOf(w)
        ):
            return parent
        parent = parent.parentWidget()
    return None


def _inside(w: QWidget, top: QWidget) -> list[str]:
    """In the window (or its scroll area), and cut off by no parent on the way."""
    problems = []
    scroll = _scroll_area_of(w, top)
    # the widget a control must lie within: the scroll area's content, or the window
    bound = scroll.widget() if scroll is not None else top
    own = _rect_in(w, bound)
    if not bound.rect().adjusted(-1, -1, 1, 1).contains(own):
        where = "its scroll area" if scroll is not None else "the window"
        problems.append(f"{_name(w)} lies outside {where}: {own} not in {bound.rect()}")
    parent = w.parentWidget()
    while parent is not None and parent is not bound:
        if isinstance(parent, QAbstractItemView | QScrollArea):
            break  # a view's or scroll area's own viewport: checked as a whole
        if not parent.rect().adjusted(-1, -1, 1, 1).contains(_rect_in(w, parent)):
            problems.append(f"{_name(w)} is cut off by {_name(parent)}")
            break
        parent = parent.parentWidget()
    if scroll is not None:
        content, viewport = scroll.widget().width(), scroll.viewport().width()
        if content > viewport + 1:
            problems.append(
                f"{_name(scroll)} scrolls sideways ({content} wide in {viewport}) for {_name(w)}"
            )
    return problems


def _text_cut(w: QWidget) -> list[str]:
    if isinstance(w, QPushButton | QCheckBox | QRadioButton):
        need = w.minimumSizeHint() if isinstance(w, QPushButton) else w.sizeHint()
        if w.width() + 1 < need.width() or w.height() + 1 < need.height():
            return [f"{_name(w)} is cut: {w.size()} for {need}"]
    elif isinstance(w, QComboBox):
        return _combo_cut(w)
    elif isinstance(w, QLineEdit) and w.height() + 2 < w.sizeHint().height():
        # squeezed below a line of its text, its words or placeholder cut below (the box
        # with the focus asks 2 pixels more for its border, which its row need not give)
        return [f"{_name(w)} is cut: {w.height()} high for {w.sizeHint().height()}"]
    elif isinstance(w, QLabel) and w.text() and w.pixmap().isNull():
        if w.wordWrap():
            need_height = w.heightForWidth(w.width())
            if need_height > w.height() + 2:
                return [f"{_name(w)} is cut below: {w.height()} high for {need_height}"]
        elif w.width() + 1 < w.minimumSizeHint().width() and w.toolTip() != w.text():
            full = getattr(w, "full_text", None)
            if not (callable(full) and w.toolTip() == full()):
                return [f"{_name(w)} is cut: {w.width()} wide for {w.minimumSizeHint().width()}"]
    return []


def _combo_cut(box: QComboBox) -> list[str]:
    problems = []
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    field = box.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox,
        option,
        QStyle.SubControl.SC_ComboBoxEditField,
        box,
    )
    text = box.currentText()
    metrics = box.fontMetrics()
    if metrics.horizontalAdvance(text) > field.width() + 1 and text not in box.toolTip():
        problems.append(f"{_name(box)} cuts its choice and does not say it in its tooltip")
    list_width = max(box.view().minimumWidth(), box.width())
    view_metrics = box.view().fontMetrics()
    for i in range(box.count()):
        item = box.itemText(i)
        if view_metrics.horizontalAdvance(item) + 16 > list_width:
            problems.append(f"{_name(box)} opens too narrow for its choice '{item}'")
            break
    return problems


def _items_cut(view: QListWidget) -> list[str]:
    """A list of words (the steps of a review): every item whole."""
    metrics = view.fontMetrics()
    problems = []
    for row in range(min(view.count(), 50)):
        item = view.item(row)
        rect = view.visualItemRect(item)
        if metrics.horizontalAdvance(item.text()) + 36 > rect.width():  # padding, margins
            problems.append(f"{_name(view)}: the item '{item.text()}' is cut")
    return problems


def _columns_cut(view: QAbstractItemView) -> list[str]:
    if isinstance(view, QListWidget) and view.objectName() == "nav":
        return _items_cut(view)
    if view.accessibleName() in SCROLLED_GRIDS or not isinstance(view, QTableView | QTreeView):
        return []
    header: QHeaderView = view.horizontalHeader() if isinstance(view, QTableView) else view.header()
    if header.isHidden() or view.model() is None:
        return []
    problems = []
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    total = sum(header.sectionSize(c) for c in shown)
    if total > view.viewport().width() + 1:
        problems.append(
            f"{_name(view)} needs a sideways scroll: {total} wide in {view.viewport().width()}"
        )
    bold = QFont(header.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    model = view.model()
    for c in shown:
        title = str(model.headerData(c, header.orientation()) or "")
        widest = max((metrics.horizontalAdvance(line) for line in title.split("\n")), default=0)
        if widest + 8 > header.sectionSize(c):
            problems.append(f"{_name(view)}: the heading '{title}' is cut")
    return problems


def nested_scrolls(top: QWidget) -> list[str]:
    """A scroll area showing its up-and-down scroll bar inside another showing one: two
    bars for one region, and the inner one's content reached only by scrolling both."""
    problems = []
    for area in top.findChildren(QScrollArea):
        if not area.isVisible() or not area.verticalScrollBar().isVisible():
            continue
        outer = area.parentWidget()
        while outer is not None and outer is not top.parentWidget():
            if isinstance(outer, QScrollArea) and outer.verticalScrollBar().isVisible():
                problems.append(f"{_name(area)} scrolls up and down inside {_name(outer)}")
                break
            outer = outer.parentWidget()
    return problems


def hidden_scrolls(top: QWidget) -> list[str]:
    """A scroll area whose up-and-down scroll bar is turned off but has somewhere to go:
    part of what it holds is out of sight with no bar to show it (only a mouse wheel turned
    over it reaches it). The cards under the list under Windows' fonts (decision 363)."""
    return [
        f"{_name(area)} hides {area.verticalScrollBar().maximum()} px of what it holds "
        "(its scroll bar turned off)"
        for area in top.findChildren(QScrollArea)
        if area.isVisible()
        and area.verticalScrollBarPolicy() is Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        and area.verticalScrollBar().maximum() > 0
    ]


def _in_scrolled_grid(w: QWidget, top: QWidget) -> bool:
    parent = w.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractItemView) and parent.accessibleName() in SCROLLED_GRIDS:
            return True
        parent = parent.parentWidget()
    return False


def _nothing_to_show(w: QWidget) -> bool:
    """A label with no words, or a header with no heading shown: nothing in it can be cut."""
    if isinstance(w, QLabel):
        return not w.text()
    if isinstance(w, QHeaderView):
        return all(w.isSectionHidden(i) for i in range(w.count()))
    return False


def _words_rect(label: QLabel, top: QWidget) -> QRect:
    """Where a label's words are drawn, in `top`: a label given more height than its
    words need draws them in its middle (or at its top or bottom, as aligned)."""
    rect = _rect_in(label, top)
    contents = label.contentsRect()
    need = label.heightForWidth(label.width()) if label.wordWrap() else -1
    if need < 0:
        need = label.sizeHint().height()
    words = min(contents.height(), need - (label.height() - contents.height()))
    spare = contents.height() - words
    align = label.alignment()
    if align & Qt.AlignmentFlag.AlignTop:
        down = 0
    elif align & Qt.AlignmentFlag.AlignBottom:
        down = spare
    else:
        down = spare // 2
    return QRect(rect.left(), rect.top() + contents.top() + down, rect.width(), words)


def _empty_above(words: QRect, box: QRect, label: QLabel, buddy: QWidget, top: QWidget) -> int:
    """The widest band of empty space between a label's words and the box under them:
    other words between them (a hint) are not empty space."""
    left, right = min(words.left(), box.left()), max(words.right(), box.right())
    covered = []
    for w in top.findChildren(QWidget):
        if (
            w is label
            or w is buddy
            or not isinstance(w, CONTROLS)
            or not w.isVisible()
            or w.window() is not top
            or buddy.isAncestorOf(w)
        ):
            continue
        r = _rect_in(w, top)
        if r.right() >= left and r.left() <= right:
            covered.append((r.top(), r.bottom() + 1))
    start, end, widest = words.bottom() + 1, box.top(), 0
    for a, b in sorted(covered):
        if b <= start or a >= end:
            continue
        widest = max(widest, a - start)
        start = max(start, b)
    return max(widest, end - start)


def _first_line(buddy: QWidget, top: QWidget) -> QRect:
    """Where the box's first line of words is, in `top`: a one-line box's middle, a text
    box's or a list's first line (a label beside a tall box is level with that)."""
    box = _rect_in(buddy, top)
    line = buddy.fontMetrics().height()
    if isinstance(buddy, QPlainTextEdit):
        block = buddy.firstVisibleBlock()
        at = buddy.blockBoundingGeometry(block).translated(buddy.contentOffset())
        lines = block.layout().lineCount() if block.layout() is not None else 0
        height = at.height() / lines if lines else line
        top_left = buddy.viewport().mapTo(top, QPoint(0, round(at.top())))
        return QRect(box.left(), top_left.y(), box.width(), round(height))
    if isinstance(buddy, QAbstractItemView) and buddy.model() is not None:
        model = buddy.model()
        if model.rowCount() and model.columnCount():
            row = buddy.visualRect(model.index(0, 0))
            at = buddy.viewport().mapTo(top, row.topLeft())
            return QRect(box.left(), at.y(), box.width(), row.height())
        at = buddy.viewport().mapTo(top, QPoint(0, 0))
        return QRect(box.left(), at.y(), box.width(), line)
    return box


def buddies_apart(top: QWidget) -> list[str]:
    """A label more than a few pixels from the box it names (decision 430)."""
    pairs = []
    for label in top.findChildren(QLabel):
        buddy = label.buddy()
        if (
            buddy is not None
            and label.isVisible()
            and buddy.isVisible()
            and label.window() is top
            and buddy.window() is top
            and label.text()
        ):
            pairs.append((label, buddy, _rect_in(label, top), _rect_in(buddy, top)))
    # a form's column of labels, left-aligned: each box's distance is from the column's
    # widest label, its right edge, as for the rest of the column
    column_ends: dict[int, int] = {}
    for _label, _buddy, own, box in pairs:
        if own.right() < box.left() and own.bottom() >= box.top() and own.top() <= box.bottom():
            column_ends[box.left()] = max(column_ends.get(box.left(), own.right()), own.right())
    problems = []
    for label, buddy, own, box in pairs:
        words = _words_rect(label, top)
        if own.right() >= box.left() and own.left() <= box.right() and words.bottom() < box.top():
            most = BUDDY_GAP_HEADING if label.objectName() == "sectionTitle" else BUDDY_GAP_ABOVE
            gap = _empty_above(words, box, label, buddy, top)
            if gap > most:
                problems.append(
                    f"{_name(label)} stands {gap} px of empty space above {_name(buddy)}"
                )
        elif own.right() < box.left() and own.bottom() >= box.top() and own.top() <= box.bottom():
            gap = box.left() - column_ends[box.left()] - 1
            first = _first_line(buddy, top)
            off = abs(words.center().y() - first.center().y())
            if gap > BUDDY_GAP_BESIDE:
                problems.append(f"{_name(label)} stands {gap} px to the left of {_name(buddy)}")
            elif off > BUDDY_LEVEL:
                problems.append(f"{_name(label)} is {off} px off the first line of {_name(buddy)}")
        else:
            problems.append(f"{_name(label)} is neither over nor beside {_name(buddy)}")
    return problems


def spare_height(top: QWidget) -> list[str]:
    """A dialog taller than its words need at its width, the height to spare going to no
    stretch and no box that grows: bands of empty space between its lines (decision 430)."""
    layout = top.layout()
    if not isinstance(top, QDialog) or layout is None:
        return []
    if layout.hasHeightForWidth():
        need = layout.totalHeightForWidth(top.width())
    else:
        need = layout.totalSizeHint().height()
    need = max(need, top.minimumHeight())
    spare = top.height() - need
    if spare <= SPARE_HEIGHT or layout.expandingDirections() & Qt.Orientation.Vertical:
        return []
    return [
        f"{_name(top)} has {spare} px of empty space between its lines ({top.height()} "
        f"high for {need})"
    ]


def check_window(top: QWidget) -> list[str]:
    """Every problem found in `top` as shown now."""
    problems: list[str] = nested_scrolls(top) + hidden_scrolls(top)
    problems += buddies_apart(top) + spare_height(top)
    for w in top.findChildren(QWidget):
        if not isinstance(w, CONTROLS) or not w.isVisible() or w.window() is not top:
            continue
        if _nothing_to_show(w):
            continue
        if w.width() <= 0 or w.height() <= 0:
            problems.append(f"{_name(w)} has no room at all")
            continue
        if isinstance(w.parentWidget(), QComboBox | QAbstractItemView):
            continue  # a drop-down's line edit, a view's own editor
        if _in_scrolled_grid(w, top):
            continue  # a choice in a grid's cell, reached by scrolling the grid sideways
        problems += _inside(w, top)
        problems += _text_cut(w)
        if isinstance(w, QAbstractItemView):
            problems += _columns_cut(w)
    return problems
