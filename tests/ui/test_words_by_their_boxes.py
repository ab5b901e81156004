"""Words stay by the boxes they name, and dialogs are as tall as their words: the email's
"Body" level with the body's first line (decision 431); Practice details as tall as its
words at its width, taller for the ODS code's problem and back again, its boxes never
squeezed (decision 432); and each field's name drawn whole (decision 433)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from cqrs_desktop import settings
from cqrs_desktop.ui.dialogs import PracticeDialog
from cqrs_desktop.ui.main_window import RESULTS

from .conftest import wait_idle


def _middle(widget: QLabel, top: object) -> int:
    return widget.mapTo(top, QPoint(0, widget.contentsRect().center().y())).y()  # type: ignore[arg-type]


def test_body_is_level_with_the_first_line_of_the_email(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    window.show_page(RESULTS)
    page = window.results
    qtbot.waitUntil(lambda: page.body.toPlainText() != "")
    qtbot.wait(50)
    body = page.body
    (label,) = [w for w in page.findChildren(QLabel) if w.buddy() is body]
    first = body.blockBoundingGeometry(body.document().firstBlock())
    line_top = body.viewport().mapTo(
        page, QPoint(0, round(first.translated(body.contentOffset()).top()))
    )
    line_middle = line_top.y() + body.fontMetrics().height() // 2
    assert abs(_middle(label, page) - line_middle) <= 3, (_middle(label, page), line_middle)
    # "To" and "Subject" stay in the middle of their one-line boxes
    to_label = next(w for w in page.findChildren(QLabel) if w.buddy() is page.to)
    to_middle = page.to.mapTo(page, page.to.rect().center()).y()
    assert abs(_middle(to_label, page) - to_middle) <= 2


def _need(dialog: PracticeDialog) -> int:
    return dialog.layout().totalHeightForWidth(dialog.width())


def _boxes_whole(dialog: PracticeDialog) -> bool:
    return all(
        box.height() + 2 >= box.sizeHint().height() for box in dialog.findChildren(QLineEdit)
    )


@pytest.mark.parametrize("text_size", ["100", "150"])
def test_practice_details_is_as_tall_as_its_words(qtbot, window, monkeypatch, text_size) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CQRS_TEXT_SCALE", text_size)
    from cqrs_desktop.ui import look

    look.apply(QApplication.instance())
    try:
        dialog = PracticeDialog(window, settings.Settings())  # the first run: nothing yet
        qtbot.addWidget(dialog)
        dialog.open()
        qtbot.waitUntil(dialog.isVisible)
        qtbot.waitUntil(lambda: dialog.height() == _need(dialog))
        qtbot.wait(100)  # and it stays so
        assert dialog.height() == _need(dialog)
        first_height = dialog.height()
        # the ODS code's problem said: taller by its lines, the boxes whole
        dialog.fields["ods_code"].setText("Y9901")
        assert dialog.ods_problem.isVisible()
        qtbot.waitUntil(lambda: dialog.height() == _need(dialog))
        assert dialog.height() > first_height
        qtbot.wait(50)
        assert _boxes_whole(dialog)
        # put right: back as it was
        dialog.fields["ods_code"].setText("Y99001")
        qtbot.waitUntil(lambda: dialog.height() == first_height)
        assert _boxes_whole(dialog)
        dialog.reject()
    finally:
        monkeypatch.setenv("CQRS_TEXT_SCALE", "100")
        look.apply(QApplication.instance())


def test_practice_details_keeps_the_height_the_user_gave_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = PracticeDialog(window, settings.Settings())
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.height() == _need(dialog))
    dialog.resize(dialog.width(), dialog.height() + 60)  # pulled taller by its edge
    qtbot.waitUntil(lambda: dialog.height() == _need(dialog) + 60)
    dialog.fields["ods_code"].setText("Y9901")
    qtbot.waitUntil(lambda: dialog.height() == _need(dialog) + 60)
    assert _boxes_whole(dialog)
    # the height to spare goes over the buttons, not between the fields
    buttons_top = dialog.buttons.mapTo(dialog, QPoint(0, 0)).y()
    problem_bottom = dialog.ods_problem.mapTo(dialog, QPoint(0, dialog.ods_problem.height())).y()
    assert buttons_top - problem_bottom >= 60


def _ink_right(label: QLabel, width: int) -> int:
    """The rightmost column the label's words are drawn in, at `width`."""
    label.resize(width, label.sizeHint().height())
    image: QImage = label.grab().toImage()
    ratio = image.devicePixelRatio()
    background = QColor(image.pixelColor(image.width() - 1, 0))
    right = -1
    for x in range(image.width()):
        if any(image.pixelColor(x, y) != background for y in range(image.height())):
            right = x
    return int(right / ratio)


def test_each_field_name_is_drawn_whole(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Drawn with room to spare, no field's name reaches past the width Qt gives it: the
    star of "T&eam email *" was cut (its underlined e drawn unkerned, a pixel wider)."""
    dialog = PracticeDialog(window, settings.Settings())
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(dialog.isVisible)
    names = [w for w in dialog.findChildren(QLabel) if w.buddy() is not None]
    assert len(names) == 5
    for name in names:
        given = name.width()
        assert _ink_right(name, given + 40) < given, name.text()
    assert "Team &email *" in [n.text() for n in names]
