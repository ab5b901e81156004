"""A note typed just before the window is closed is saved first; when the review file does
not take it (a full disk), the window stays open with the note in its box, and says so."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from cqrs_desktop.paths import resource
from cqrs_desktop.store import ReviewFile
from cqrs_desktop.ui import messages
from cqrs_desktop.ui.main_window import WALKTHROUGH
from tests.support.disks import fill, small_disk

from .conftest import wait_idle
from .test_save_failures import _review

NOTE = "Given at the antenatal clinic, see letter of 3 Sept"


def test_a_note_the_full_disk_refuses_keeps_the_window_open_with_the_note(
    qtbot,  # type: ignore[no-untyped-def]
    window,
    rules,
    tmp_path: Path,
) -> None:
    with small_disk(tmp_path / "disk", 1024) as disk:
        path = disk / "review.cqrsreview"
        text = resource("rules.toml").read_text(encoding="utf-8")
        ReviewFile.create(path, _review(rules), text).close()
        window.open_review(path)
        wait_idle(qtbot, window)
        window.show_page(WALKTHROUGH)
        page = window.walkthrough
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        session = window.session
        first = session.walk.current
        page.note.setFocus()
        messages.last_problem.clear()
        fill(disk)

        qtbot.keyClicks(page.note, NOTE)  # and closed at once, before the note's timer
        assert window.close() is False
        assert window.isVisible()
        assert page.note.toPlainText() == NOTE
        assert window.session is session and session.review.decision(first.id) is None
        assert "NOT SAVED" in window.windowTitle()
        assert len(messages.last_problem) == 1
        box = messages.last_problem[0]
        assert box.isVisible()
        assert "review.cqrsreview" in box.text() and "the disk is full" in box.text()
        assert "note" in box.text() and "could not be saved" in box.text()
        assert "window stayed open" in box.text()
        box.close()

        (disk / "filler.bin").unlink()  # room again: closing saves the note, and closes
        assert window.close() is True
        assert not window.isVisible()
        assert window.session is None
        with ReviewFile.open(path) as store:
            notes = {d.event_id: d.note for d in store.load_decisions()}
        assert notes[first.id] == NOTE


def test_a_note_cleared_after_a_refused_save_lets_the_window_close(
    qtbot,  # type: ignore[no-untyped-def]
    window,
    rules,
    tmp_path: Path,
) -> None:
    """The way out when the disk stays full: clear the note (having copied it)."""
    with small_disk(tmp_path / "disk", 1024) as disk:
        path = disk / "review.cqrsreview"
        text = resource("rules.toml").read_text(encoding="utf-8")
        ReviewFile.create(path, _review(rules), text).close()
        window.open_review(path)
        wait_idle(qtbot, window)
        window.show_page(WALKTHROUGH)
        page = window.walkthrough
        page.note.setFocus()
        fill(disk)
        qtbot.keyClicks(page.note, NOTE)
        assert window.close() is False
        messages.last_problem[0].close()
        page.note.clear()
        assert window.close() is True
        assert not window.isVisible()
