"""A large review's results (seconds to work out at 200,000 events) are worked out off the
GUI thread, with progress and Cancel; a Cancel leaves no email or note of an older state
to copy or save, and says the results were not worked out."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from cqrs_desktop.domain.model import Decision
from cqrs_desktop.reports.summary import ReportSummary
from cqrs_desktop.ui import backend, results_page
from cqrs_desktop.ui.main_window import RESULTS

from . import synthetic
from .conftest import wait_idle


def _open(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    review = synthetic.review(20)
    store = synthetic.review_file(tmp_path, review)
    window.set_session(backend.Opened(tmp_path / "invented.cqrsreview", store, review))


def _copy_buttons(window) -> list[QPushButton]:  # type: ignore[no-untyped-def]
    page = window.results
    found = [b for b in page.findChildren(QPushButton) if b.accessibleName().startswith("Copy ")]
    return [*found, page.save_eml, page.open_mail]


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every review taken as large; the threads the results were worked out on."""
    monkeypatch.setattr(results_page, "BUILT_HERE_UP_TO", 0, raising=False)
    threads: list[str] = []
    real = results_page.build_summary

    def build(review, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real(review, **kwargs)

    monkeypatch.setattr(results_page, "build_summary", build)
    return threads


def test_a_large_review_s_results_are_worked_out_off_the_gui_thread(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, large: list[str]
) -> None:
    _open(window, tmp_path)
    window.show_page(RESULTS)
    wait_idle(qtbot, window)
    assert large == ["Working out the results"]  # the operation's thread, not the GUI's
    page = window.results
    assert isinstance(page.summary, ReportSummary)
    assert page.body.toPlainText().strip()
    assert page.to.text() == "england.londonimms@nhs.net"
    assert all(b.isEnabled() for b in _copy_buttons(window))


def test_cancel_leaves_nothing_of_an_older_state_to_copy(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, large: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _open(window, tmp_path)
    window.show_page(RESULTS)  # the results as they first stand
    wait_idle(qtbot, window)
    assert window.results.body.toPlainText().strip()
    window.show_page(0)
    window.session.decide(Decision.PRACTICE)  # the results shown are now out of date
    release = threading.Event()
    real = results_page.build_summary

    def slow(review, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(10)
        return real(review, **kwargs)

    monkeypatch.setattr(results_page, "build_summary", slow)
    window.show_page(RESULTS)
    page = window.results
    assert window.ops.busy
    assert page.body.toPlainText() == ""  # the email before the decision is not on show
    window.ops.running[0].cancel()
    release.set()
    wait_idle(qtbot, window)
    assert page.summary is None and page.email is None and page.notes == []
    assert page.body.toPlainText() == "" and page.subject.text() == ""
    assert "not worked out: cancelled" in page.warning.text()
    assert not any(b.isEnabled() for b in _copy_buttons(window))
    assert "No declaration note is needed" not in " ".join(
        w.text() for w in page.notes_box.findChildren(results_page.QLabel)
    )
    # shown again, they are worked out
    monkeypatch.setattr(results_page, "build_summary", real)
    window.show_page(0)
    window.show_page(RESULTS)
    wait_idle(qtbot, window)
    assert page.body.toPlainText().strip()
    assert all(b.isEnabled() for b in _copy_buttons(window))


def test_a_large_review_s_preview_works_out_the_results_first_off_the_gui_thread(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, large: list[str]
) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    _open(window, tmp_path)
    window.session.decide(Decision.PRACTICE)  # no results at hand: they are out of date
    dialog = window.print_or_save("worksheet")
    assert dialog is not None
    assert dialog.preview() is None  # not yet: the results are being worked out
    wait_idle(qtbot, window)
    assert large == ["Preparing the worksheet"]
    previews = [w for w in dialog.findChildren(QPrintPreviewDialog) if w.isVisible()]
    assert len(previews) == 1
    previews[0].close()
    dialog.reject()
