"""The Overview on a short window with the line about earlier reviews: nothing on it is
drawn over another (decision 374). The words under the table wrap to more lines than
the page asked room for, so the page was laid out shorter than its parts and the table
covered the end of the line about earlier reviews."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from cqrs_desktop.domain.model import Decision
from cqrs_desktop.ui import look
from cqrs_desktop.ui.main_window import OVERVIEW

from . import carry_months as months
from .conftest import wait_idle


def _overlaps(page: QWidget) -> list[str]:
    layout = page.layout()
    assert layout is not None
    parts = [layout.itemAt(i) for i in range(layout.count())]
    boxes = [p.geometry() for p in parts if p is not None and not p.isEmpty()]
    shown = []
    for w in page.findChildren(QWidget):
        if w.isVisible() and w.parentWidget() is page and w.height() > 0:
            shown.append((w.objectName() or type(w).__name__, w.geometry()))
    found = []
    for i, (name, rect) in enumerate(shown):
        for other, other_rect in shown[i + 1 :]:
            if rect.intersects(other_rect):
                found.append(f"{name} {rect.getRect()} and {other} {other_rect.getRect()}")
    assert boxes  # (the page has its parts)
    return found


def test_nothing_on_the_overview_is_drawn_over_another(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    """With Windows' text at 150% on a 1366x768 laptop at 125% (1093x614 for the window)."""
    monkeypatch.setenv("CQRS_TEXT_SCALE", "150")
    look.apply(QApplication.instance())  # (the next test's window applies it again)
    review_a = months.review_a(tmp_path)
    search = months.next_month_search(tmp_path)
    window.new_review()
    wait_idle(qtbot, window)
    window.sources._earlier_chosen(review_a)
    wait_idle(qtbot, window)
    window.sources.add_files([search])
    wait_idle(qtbot, window)
    window.sources.request_import()
    wait_idle(qtbot, window)
    session = window.session
    review = session.review
    october = next(
        e for e in review.events if e.month == "2024-10" and review.decision(e.id) is None
    )
    session.go_to(october.id)
    session.decide(Decision.OTHER_PROVIDER)  # a record to update that no earlier review has
    window.show_page(OVERVIEW)
    page = window.overview
    assert page.carried.isVisible() and page.carried.text().startswith("From earlier reviews")
    assert page.not_corrected_button.isVisible()  # beside the line, narrowing it
    for width, height in ((1093, 614), (1024, 600), (1280, 688)):
        window.resize(width, height)
        try:  # (a page takes a few rounds of layout to settle: decision 361)
            qtbot.waitUntil(lambda: _overlaps(page) == [], timeout=3000)
        except qtbot.TimeoutError:
            raise AssertionError((width, height, _overlaps(page))) from None
        # its rows in sight (three at most), the page scrolling for them (decision 375)
        view = page.view
        rows = view.viewport().height() // view.verticalHeader().defaultSectionSize()
        assert rows >= min(view.model().rowCount(), 3) == 2, (width, height, rows)


def test_a_wrapped_label_laid_out_narrow_then_wide_is_as_tall_as_its_lines(qtbot) -> None:  # type: ignore[no-untyped-def]
    """QLabel never answers a height for a width below its least height, which this label
    sets from its width: once narrow, it kept that height when wide again."""
    from cqrs_desktop.ui.widgets import WrappedLabel

    label = WrappedLabel("Double-click a row, or select it and press Enter, to check its events.")
    qtbot.addWidget(label)
    label.resize(40, 20)
    label.show()
    qtbot.waitExposed(label)
    tall = label.minimumHeight()
    line = label.fontMetrics().lineSpacing()
    assert tall > 4 * line  # many lines at 40 pixels
    label.resize(label.fontMetrics().horizontalAdvance(label.text()) + 40, tall)
    qtbot.waitUntil(lambda: label.minimumHeight() < tall)
    assert label.minimumHeight() <= 2 * line  # one line, with the label's margins


def test_a_wrapped_label_with_room_to_spare_is_given_its_lines_height(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Above a table that takes the rest of the page, one line of words was given three
    lines' height (QLabel's own size hint guesses a narrow width for wrapped words), a band
    above and below it and rows of the table out of sight (decision 395)."""
    from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableView, QVBoxLayout

    from cqrs_desktop.ui.widgets import WrappedLabel

    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    label = WrappedLabel(
        "Flagged vaccinations: 0 of 49 checked · 2 months validated · 11 incomplete · "
        "1 not checked: no search covered it"
    )
    row = QHBoxLayout()  # as the Overview's: the words, and a button shown at times
    row.addWidget(label, 1)
    button = QPushButton("Records to update")
    row.addWidget(button)
    button.hide()
    table = QTableView()
    layout.addLayout(row)
    layout.addWidget(table, 1)
    page.resize(1100, 600)
    page.show()
    qtbot.waitExposed(page)
    line = label.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: label.height() <= 2 * line, timeout=2000)
    assert label.height() >= line  # its line in full
    # narrowed, it takes the lines it needs (and wide again, gives them back)
    page.resize(200, 600)
    qtbot.waitUntil(lambda: label.height() >= 3 * line, timeout=2000)
    page.resize(1100, 600)
    qtbot.waitUntil(lambda: label.height() <= 2 * line, timeout=2000)
