"""Under one of Windows' contrast themes the window is drawn in the theme's colours, not
the app's own (decision 400): a user who needs them reads the app as every other program.
The theme's palette is given to Qt here as Windows gives it (`contrast_themes`), and
CQRS_HIGH_CONTRAST stands in for the setting, as the app reads it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QMenu,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollBar,
    QSplitter,
    QStyle,
    QStyleOptionButton,
    QTableWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cqrs_desktop import paths
from cqrs_desktop.domain.model import Decision
from cqrs_desktop.ui import look
from cqrs_desktop.ui.main_window import OVERVIEW, RESULTS, WALKTHROUGH

from .conftest import wait_idle
from .contrast_themes import DESERT, NIGHT_SKY, ContrastTheme, contrast_palette

# Every colour of the app's own look (its palette, stylesheet and statuses' tones).
OWN_COLOURS = {
    "#1a5fb4", "#15519a", "#f6f7f9", "#f3f5f8", "#eef1f5", "#f3f6fb", "#e6f4ea", "#fef3d6",
    "#e8f0fe", "#fce8e6", "#f1f3f4", "#1b5e20", "#a50e0e", "#7a4f00", "#174ea6", "#5c3b00",
    "#d6dae0", "#b8bfc8", "#2e7d32", "#e8eaed", "#202124", "#1f2937", "#4b5563",
}  # fmt: skip


@pytest.fixture
def contrast(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The contrast theme on for the test; the app's own look again after it."""
    monkeypatch.setenv("CQRS_HIGH_CONTRAST", "1")
    yield
    monkeypatch.setenv("CQRS_HIGH_CONTRAST", "0")
    qapp.setPalette(QPalette())
    look.apply(qapp)


def _under(qapp: QApplication, theme: ContrastTheme) -> None:
    """The look applied with the theme on, and the theme's colours given as Windows does."""
    look.apply(qapp)
    qapp.setPalette(contrast_palette(theme))


def _qt_asked(qtbot, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    """Until the look has asked Qt (once the first window is painted)."""
    qtbot.waitUntil(lambda: isinstance(qapp.property("cqrsContrastQtSays"), bool))


def _colours(widget: QWidget) -> Counter[str]:
    image = widget.grab().toImage()
    return Counter(
        QColor(image.pixel(x, y)).name()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )


@pytest.mark.parametrize("theme", [NIGHT_SKY, DESERT], ids=lambda t: t.name)
def test_every_page_is_drawn_in_the_themes_colours(qtbot, qapp, window, contrast, theme) -> None:  # type: ignore[no-untyped-def]
    _under(qapp, theme)
    window.open_demo()
    wait_idle(qtbot, window)
    session = window.session
    for decision in (Decision.PRACTICE, Decision.OTHER_PROVIDER, Decision.UNSURE):
        session.decide(decision)  # statuses of each kind in the lists
    for page in (0, OVERVIEW, WALKTHROUGH, RESULTS):
        window.show_page(page)
        qtbot.wait(100)
        found = _colours(window)
        own = {c: n for c, n in found.items() if c in OWN_COLOURS}
        assert not own, f"page {page} under {theme.name}: the app's own colours {own}"
        assert found.most_common(1)[0][0] == theme.background
        assert found[theme.selected_background] > 0  # the chosen page, in the theme's


def test_the_stylesheet_names_no_colour_of_its_own(contrast) -> None:  # type: ignore[no-untyped-def]
    sheet = look.contrast_stylesheet(paths.resource("style.qss").read_text(encoding="utf-8"))
    assert not re.findall(r"#[0-9a-fA-F]{6}\b", sheet)
    assert "palette(highlight)" in sheet and "palette(highlighted-text)" in sheet


def test_a_button_that_cannot_be_used_shows_it_in_the_theme(qtbot, qapp, contrast) -> None:  # type: ignore[no-untyped-def]
    """The filled "Add files to the review" when there is nothing to add: the theme's
    colour for what cannot be used, not the highlighted text on the window."""
    _under(qapp, NIGHT_SKY)
    holder = QWidget()
    qtbot.addWidget(holder)
    button = QPushButton("Add files to the review")
    button.setObjectName("primary")
    QVBoxLayout(holder).addWidget(button)
    holder.show()
    qtbot.waitExposed(holder)
    button.setEnabled(False)
    qtbot.wait(30)
    found = _colours(button)
    assert found[NIGHT_SKY.unavailable] > 0
    assert found[NIGHT_SKY.selected_text] == 0 and found[NIGHT_SKY.selected_background] == 0
    button.setEnabled(True)
    qtbot.wait(30)
    assert _colours(button).most_common(1)[0][0] == NIGHT_SKY.selected_background


def test_a_status_is_said_in_words_without_colour(qtbot, qapp, window, contrast) -> None:  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    window.show_page(OVERVIEW)
    model = window.overview.model
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    status = heads.index("Status")
    index = model.index(0, status)
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None  # the app's look
    _under(qapp, NIGHT_SKY)
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(index, Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(index, Qt.ItemDataRole.DisplayRole)  # the words stay


def test_the_theme_turned_on_and_off_while_the_app_is_open(qtbot, qapp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Windows says so while the app runs (Qt's signal): the look follows, both ways."""
    monkeypatch.delenv("CQRS_HIGH_CONTRAST", raising=False)
    look.apply(qapp)
    _qt_asked(qtbot, qapp)
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == "#f6f7f9"
    hints = look.accessibility_hints(qapp)
    try:
        hints.contrastPreferenceChanged.emit(Qt.ContrastPreference.HighContrast)
        assert look.high_contrast_now()
        assert qapp.palette().color(QPalette.ColorRole.Window).name() != "#f6f7f9"
        assert "#1a5fb4" not in qapp.styleSheet()
    finally:
        hints.contrastPreferenceChanged.emit(Qt.ContrastPreference.NoPreference)
    assert not look.high_contrast_now()
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == "#f6f7f9"
    assert "#1a5fb4" in qapp.styleSheet()


def test_qt_has_the_last_word_once_the_window_is_up(qtbot, qapp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Before the first window, the setting Windows keeps (off here, and under Wine, which
    keeps none); once the first window is painted, what Qt reads from Windows."""
    monkeypatch.delenv("CQRS_HIGH_CONTRAST", raising=False)
    assert look._contrast_in_registry() is False
    look.apply(qapp)
    _qt_asked(qtbot, qapp)
    said = look.accessibility_hints(qapp).contrastPreference()
    assert look.contrast_theme_on(qapp) == (said == Qt.ContrastPreference.HighContrast)
    assert look.high_contrast_now() == look.contrast_theme_on(qapp)


def _shown(qtbot, *widgets: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    for widget in widgets:
        layout.addWidget(widget)
    holder.show()
    qtbot.waitExposed(holder)
    return holder


@pytest.mark.parametrize("theme", [NIGHT_SKY, DESERT], ids=lambda t: t.name)
def test_a_check_box_and_a_radio_button_show_their_box(qtbot, qapp, contrast, theme) -> None:  # type: ignore[no-untyped-def]
    """Fusion outlined them in the window colour made darker: on Night sky no box at all
    beside "Clinical system updated", on Desert a faint grey one. In the text colour now,
    and in the colour for what cannot be used when so."""
    _under(qapp, theme)
    box, radio = QCheckBox(), QRadioButton()
    holder = _shown(qtbot, box, radio)
    for each in (box, radio):
        assert _colours(each)[theme.text] > 0, type(each).__name__
        each.setEnabled(False)
        qtbot.wait(30)
        found = _colours(each)
        assert found[theme.unavailable] > 0 and found[theme.text] == 0, type(each).__name__
    assert holder.isVisible()


@pytest.mark.parametrize("theme", [NIGHT_SKY, DESERT], ids=lambda t: t.name)
def test_a_scroll_bars_handle_shows(qtbot, qapp, contrast, theme) -> None:  # type: ignore[no-untyped-def]
    """Fusion drew it in shades of the button colour: a dark outline on black, where the
    list and the card of Check events and the Files page scroll."""
    _under(qapp, theme)
    bar = QScrollBar(Qt.Orientation.Vertical)
    bar.setRange(0, 100)
    bar.setPageStep(20)
    bar.setFixedSize(16, 200)
    holder = _shown(qtbot, bar)
    assert holder.isVisible()
    assert _colours(bar)[theme.text] >= 50  # the handle: about a sixth of the bar


def test_focus_on_a_filled_button_shows(qtbot, qapp, contrast) -> None:  # type: ignore[no-untyped-def]
    """The frame that marks the focus on "Start a new review…" and on a chosen decision
    was the highlighted text (Night sky's dark grey) on the window's black: the same
    button with and without the focus looked alike. A ring in the text colour now."""
    _under(qapp, NIGHT_SKY)
    primary, chosen, other = (
        QPushButton("Start a new review…"),
        QPushButton("Given here"),
        QPushButton("Unsure"),
    )
    primary.setObjectName("primary")
    for decision in (chosen, other):
        decision.setObjectName("decision")
        decision.setCheckable(True)
    chosen.setChecked(True)
    holder = _shown(qtbot, primary, chosen, other)
    holder.activateWindow()
    for button in (primary, chosen):
        other.setFocus()
        qtbot.wait(30)
        assert _colours(button)[NIGHT_SKY.text] == 0, button.text()  # no ring without it
        button.setFocus()
        qtbot.waitUntil(button.hasFocus)
        qtbot.wait(30)
        assert _colours(button)[NIGHT_SKY.text] > 20, button.text()


@pytest.mark.parametrize("theme", [NIGHT_SKY, DESERT], ids=lambda t: t.name)
def test_the_focus_on_a_check_box_shows(qtbot, qapp, contrast, theme) -> None:  # type: ignore[no-untyped-def]
    """Tab to "Clinical system updated", or to a choice of Print/Save: Fusion framed the
    words in its highlight made darker and see-through (on Night sky dark grey on black,
    and the app's own blue words for the focus are left out under a theme)."""
    _under(qapp, theme)
    before, box, radio = (
        QPushButton("Before"),
        QCheckBox("Clinical system updated (A)"),
        QRadioButton("Worksheet"),
    )
    holder = _shown(qtbot, before, box, radio)
    holder.activateWindow()
    before.setFocus()
    qtbot.waitUntil(before.hasFocus)
    unfocused = {each: _colours(each)[theme.text] for each in (box, radio)}
    for each in (box, radio):
        qtbot.keyClick(qapp.focusWidget(), Qt.Key.Key_Tab)
        qtbot.waitUntil(each.hasFocus)
        qtbot.wait(30)
        # the frame round the words: their width and height over again, sampled every 2
        framed = _colours(each)[theme.text] - unfocused[each]
        assert framed >= each.height(), type(each).__name__


def test_a_progress_bars_words_are_readable_on_what_is_done(qtbot, qapp, contrast) -> None:  # type: ignore[no-untyped-def]
    """Reading files, saving a PDF: the stylesheet's progress bar wrote its "40%" in the
    text colour over the highlight of the part done (white on lavender on Night sky).
    On the part done its words are the highlighted text now, beside it the text colour,
    and the bar has a frame."""
    _under(qapp, NIGHT_SKY)
    bar = QProgressBar()
    bar.setRange(0, 100)
    bar.setFixedSize(240, 24)
    holder = _shown(qtbot, bar)
    bar.setValue(95)  # the words on the part done
    qtbot.wait(30)
    assert _colours(bar)[NIGHT_SKY.selected_text] > 0
    bar.setValue(40)  # the words beside it
    qtbot.wait(30)
    image = bar.grab().toImage()
    done = Counter(
        QColor(image.pixel(x, y)).name()
        for x in range(3, image.width() * 35 // 100)
        for y in range(3, image.height() - 3)
    )
    assert done[NIGHT_SKY.text] == 0, "words in the text colour on the highlight"
    assert _colours(bar)[NIGHT_SKY.text] > 20 and holder.isVisible()


@pytest.mark.parametrize("theme", [NIGHT_SKY, DESERT], ids=lambda t: t.name)
def test_a_tables_grid_shows(qtbot, qapp, contrast, theme) -> None:  # type: ignore[no-untyped-def]
    """The claimed counts on the Files page, before any is typed: Fusion drew the grid in
    the window colour made darker, none at all on Night sky (no cells to be seen), a pale
    line on Desert. In the theme's text colour now."""
    _under(qapp, theme)
    table = QTableWidget(3, 3)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # (no frame round a current cell)
    holder = _shown(qtbot, table)
    table.selectionModel().clearCurrentIndex()
    qtbot.wait(30)
    image = table.viewport().grab().toImage()  # (every pixel: a line is one wide)
    lines = sum(
        QColor(image.pixel(x, y)).name() == theme.text
        for x in range(image.width())
        for y in range(image.height())
    )
    assert lines > image.width() and holder.isVisible()


@pytest.mark.parametrize("theme", [NIGHT_SKY, DESERT], ids=lambda t: t.name)
@pytest.mark.parametrize("orientation", [Qt.Orientation.Horizontal, Qt.Orientation.Vertical])
def test_the_handle_between_the_list_and_the_card_shows(
    qtbot, qapp, contrast, theme, orientation
) -> None:  # type: ignore[no-untyped-def]
    """Check events' list and card, side by side or one above the other: Fusion's grip
    is see-through white and black shades, a few grey dots on Night sky's black."""
    _under(qapp, theme)
    splitter = QSplitter(orientation)
    splitter.addWidget(QWidget())
    splitter.addWidget(QWidget())
    splitter.setHandleWidth(8)
    splitter.setMinimumSize(200, 200)
    holder = _shown(qtbot, splitter)
    qtbot.wait(30)
    image = splitter.handle(1).grab().toImage()  # (every pixel: a dot is two wide)
    dots = sum(
        QColor(image.pixel(x, y)).name() == theme.text
        for x in range(image.width())
        for y in range(image.height())
    )
    assert dots >= 6 * 4 and holder.isVisible()


def test_an_open_menu_shows_its_edge_and_its_lines(qtbot, qapp, contrast) -> None:  # type: ignore[no-untyped-def]
    """File, Go, Help: Fusion draws an open menu's edge and the line between its groups in
    the window colour made darker, so on Night sky a black menu lay on the black window
    with nothing to say where it ended or where its groups parted."""
    _under(qapp, NIGHT_SKY)
    menu = QMenu()
    qtbot.addWidget(menu)
    menu.addAction("Open a review…")
    menu.addSeparator()
    menu.addAction("Quit")
    menu.popup(QPoint(0, 0))
    qtbot.waitExposed(menu)
    image = menu.grab().toImage()
    text = QColor(NIGHT_SKY.text).rgb()
    edge = [image.pixel(0, y) == text for y in range(image.height())]
    assert all(edge), "the menu's left edge"
    x = image.width() // 2
    lines = [y for y in range(image.height()) if image.pixel(x, y) == text]
    assert len(lines) >= 3, lines  # the top and bottom edges and the line between
    menu.close()


@pytest.mark.parametrize("theme", [NIGHT_SKY, DESERT], ids=lambda t: t.name)
def test_the_chosen_radio_buttons_dot_is_the_text_colour(qtbot, qapp, contrast, theme) -> None:  # type: ignore[no-untyped-def]
    """Print or save: which document, which events. Fusion's dot is the text colour made
    darker (a grey dot on Night sky, between the empty ring and the words)."""
    _under(qapp, theme)
    chosen, other = QRadioButton(), QRadioButton()
    holder = _shown(qtbot, chosen, other)
    chosen.setChecked(True)
    qtbot.wait(30)

    def centre(radio: QRadioButton) -> str:
        image = radio.grab().toImage()
        box = radio.style().subElementRect(
            QStyle.SubElement.SE_RadioButtonIndicator, _radio_option(radio), radio
        )
        ratio = image.devicePixelRatio()
        return QColor(
            image.pixel(int(box.center().x() * ratio), int(box.center().y() * ratio))
        ).name()

    assert centre(chosen) == theme.text
    assert centre(other) != theme.text and holder.isVisible()


def _radio_option(radio: QRadioButton) -> QStyleOptionButton:
    option = QStyleOptionButton()
    option.initFrom(radio)
    return option


def test_a_tool_button_that_is_on_shows_it(qtbot, qapp, contrast) -> None:  # type: ignore[no-untyped-def]
    """The print preview's "Fit width" or "Fit page", "Portrait" or "Landscape": the one
    that is on had Fusion's sunken panel, the window colour made darker, so on Night sky
    nothing said which was on."""
    _under(qapp, NIGHT_SKY)
    on, off = QToolButton(), QToolButton()
    for button, words in ((on, "Fit width"), (off, "Fit page")):
        button.setText(words)
        button.setCheckable(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    on.setChecked(True)
    holder = _shown(qtbot, on, off)
    qtbot.wait(30)
    assert _colours(on)[NIGHT_SKY.text] > 20
    assert _colours(off)[NIGHT_SKY.text] == 0 and holder.isVisible()
