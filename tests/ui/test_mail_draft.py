"""'Open in mail app' hands the mail app the draft just written, or nothing at all."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl

from cqrs_desktop.ui import messages, results_page
from cqrs_desktop.ui.main_window import RESULTS

from .conftest import wait_idle


def _open_demo_results(qtbot, window):  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    window.show_page(RESULTS)
    return window.results


def test_the_mail_app_gets_the_draft_just_written(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened: list[QUrl] = []
    monkeypatch.setattr(results_page.QDesktopServices, "openUrl", lambda url: opened.append(url))
    results = _open_demo_results(qtbot, window)
    results.open_in_mail_app()
    assert len(opened) == 1
    draft = Path(opened[0].toLocalFile())
    assert draft.suffix == ".eml" and b"X-Unsent: 1" in draft.read_bytes()


def test_a_draft_that_cannot_be_written_is_not_opened(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened: list[QUrl] = []
    monkeypatch.setattr(results_page.QDesktopServices, "openUrl", lambda url: opened.append(url))
    results = _open_demo_results(qtbot, window)
    results.open_in_mail_app()  # an older draft now exists
    opened.clear()

    def locked(self: Path, data: bytes) -> int:  # Outlook holds the old draft open
        raise PermissionError(13, "The process cannot access the file", str(self))

    monkeypatch.setattr(Path, "write_bytes", locked)
    results.open_in_mail_app()
    assert opened == []
    assert messages.last_problem[-1].windowTitle() == "The draft was not saved"


def test_copy_buttons_say_what_was_copied(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QGuiApplication

    results = _open_demo_results(qtbot, window)
    said: list[str] = []
    results.status_message.connect(said.append)
    results.copy_body.click()
    assert QGuiApplication.clipboard().text() == results.body.toPlainText()
    assert said == ["Email body copied"]
