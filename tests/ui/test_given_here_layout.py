"""The "Given here?" question fits its words: no bands of empty space, the Note label over
its own box, and the suggested note read from its start (decision 403). Qt sized the
dialog for a narrower width than it was shown at, and the height to spare went between
every line: the label "Note" stood a line's height away from the box it names."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from cqrs_desktop.domain.model import Decision
from cqrs_desktop.ui.main_window import WALKTHROUGH

from .conftest import wait_idle


@pytest.mark.parametrize("text_size", ["100", "150"])
def test_the_question_fits_its_words(qtbot, window, monkeypatch, text_size) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CQRS_TEXT_SCALE", text_size)
    from cqrs_desktop.ui import look

    look.apply(QApplication.instance())
    try:
        window.open_demo()
        wait_idle(qtbot, window)
        window.show_page(WALKTHROUGH)
        page = window.walkthrough
        review = window.session.review
        flagged = next(
            e
            for e in review.events
            if e.needs_review and {"non_gms", "other_organisation"} & set(e.flags)
        )
        page.show_event(flagged.id)
        page.decide(Decision.PRACTICE)
        dialog = page.confirm_dialog
        qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
        qtbot.wait(100)  # (sized to its words once shown)
        layout = dialog.layout()
        assert dialog.height() == layout.totalHeightForWidth(dialog.width())
        label = next(
            w for w in dialog.findChildren(type(dialog.evidence)) if w.buddy() is dialog.note
        )
        label_bottom = label.mapTo(dialog, QPoint(0, label.height())).y()
        box_top = dialog.note.mapTo(dialog, QPoint(0, 0)).y()
        assert 0 <= box_top - label_bottom <= 6, (label_bottom, box_top)
        assert dialog.note.cursorPosition() == 0  # read from the start
        dialog.reject()
    finally:
        monkeypatch.setenv("CQRS_TEXT_SCALE", "100")
        look.apply(QApplication.instance())
