"""The status bar's messages wrap rather than being cut off mid-word (decision 231): at
1366x768 and 125% what a carry did ended "... see the Overview and Files) (an"."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel

from cqrs_desktop.domain.model import Decision
from cqrs_desktop.ui.main_window import WALKTHROUGH

from .conftest import wait_idle

LONG = (
    "16 decisions carried from earlier reviews (2 seen corrected in the latest search, "
    "1 not yet corrected: see the Overview and Files) (and 3 vaccinations left to decide "
    "again: earlier reviews differ)"
)


def test_a_long_message_is_shown_whole_on_more_lines(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.resize(900, 600)  # a laptop's window at 125%, or narrower
    QApplication.processEvents()
    bar = win.statusBar()
    line = bar.fontMetrics().height()
    bar.showMessage("Saved", 5000)
    qtbot.wait(100)
    short_height = bar.height()
    assert short_height < 2 * line

    bar.showMessage(LONG, 10000)
    assert bar.currentMessage() == LONG
    # the bar grows to the lines the message needs beside "N of M checked" and "saved"
    qtbot.waitUntil(lambda: bar.height() >= short_height + line)
    bar.clearMessage()
    assert bar.currentMessage() == ""
    qtbot.waitUntil(lambda: bar.height() < short_height + line)


def test_a_message_goes_after_its_time(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    bar = window.statusBar()
    bar.showMessage("Files added to the review and saved", 50)
    assert bar.currentMessage() == "Files added to the review and saved"
    qtbot.waitUntil(lambda: bar.currentMessage() == "", timeout=2000)
    bar.showMessage("Kept", 0)
    qtbot.wait(100)
    assert bar.currentMessage() == "Kept"


def test_a_message_is_said_to_a_screen_reader(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The status bar never takes the focus: its message is announced, and the label is
    heard by its words, not as "Message"."""
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    said: list[str] = []

    def update(event: object) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent):
            said.append(event.message())

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(update))
    bar = window.statusBar()
    bar.showMessage("Saved: Given here", 5000)
    assert said == ["Saved: Given here"]
    (label,) = [w for w in bar.findChildren(QLabel) if w.text() == "Saved: Given here"]
    face = QAccessible.queryAccessibleInterface(label)
    assert face.text(QAccessible.Text.Name) == "Saved: Given here"
    bar.clearMessage()
    assert face.text(QAccessible.Text.Name) == "Message"
    assert said == ["Saved: Given here"]  # nothing said as it goes


def test_the_saved_and_progress_lines_are_heard_by_their_words(window) -> None:  # type: ignore[no-untyped-def]
    """The line saying a change was not saved was heard as its name, "Saved"."""
    from PySide6.QtGui import QAccessible

    for label, text in (
        (window.saved_label, "Not saved: the last change was not recorded"),
        (window.progress_label, "3 of 12 checked"),
    ):
        label.setText(text)
        face = QAccessible.queryAccessibleInterface(label)
        assert face.text(QAccessible.Text.Name) == text


def test_note_saved_is_shown_but_not_said(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """ "Note saved" comes at each pause while a note is typed: said aloud, it cut across
    the typing every time (decision 287). It is shown; other messages are still said."""
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    said: list[str] = []

    def update(event: object) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent):
            said.append(event.message())

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(update))
    window.open_demo()
    wait_idle(qtbot, window)
    page = window.walkthrough
    window.show_page(WALKTHROUGH)
    page.note.setFocus()
    qtbot.keyClicks(page.note, "rang the midwife")
    assert page.flush_note()
    assert window.statusBar().currentMessage() == "Note saved"
    assert "Note saved" not in said
    window.statusBar().showMessage("Saved: Given here", 5000)
    assert said[-1] == "Saved: Given here"


def test_saved_is_set_apart_from_the_count(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """ "1 of 49 checked, 1 unsure All changes saved at ..." read as one line with big text:
    the saved line keeps an em of room before it, at any text size (style.qss)."""
    window.open_demo()
    wait_idle(qtbot, window)
    window.show_page(WALKTHROUGH)
    window.walkthrough.decide(Decision.PRACTICE)
    count, saved = window.progress_label, window.saved_label
    assert count.text() and saved.text().startswith("All changes saved")
    metrics = saved.fontMetrics()
    room = saved.sizeHint().width() - metrics.horizontalAdvance(saved.text())
    assert room >= metrics.horizontalAdvance("M")
    assert saved.x() > count.x() + count.width() - 1
