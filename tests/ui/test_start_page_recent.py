"""The start page's recent reviews: each listed review is shown whole, a long folder name's
sideways scroll bar included (it took the second row's room on a laptop's window)."""

from __future__ import annotations

from pathlib import Path

from cqrs_desktop import paths, settings


def _recent_rows_shown(window) -> bool:  # type: ignore[no-untyped-def]
    recent = window.start.recent
    bottom = recent.viewport().height()
    return all(
        recent.visualItemRect(recent.item(row)).bottom() < bottom for row in range(recent.count())
    )


def test_every_recent_review_is_shown_whole_beside_a_long_folder(
    qtbot, practice_settings: settings.Settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """As the app starts: the reviews listed before the window is shown or sized."""
    from cqrs_desktop.app import make_app
    from cqrs_desktop.ui import look
    from cqrs_desktop.ui.main_window import MainWindow

    from . import carry_months as months

    folder = paths.reviews_dir() / "Vaccination claim reviews kept for the practice manager"
    folder.mkdir(parents=True)
    saved = practice_settings
    for name in ("September 2024 maternal pertussis - Riverside", "Sept second check"):
        saved = saved.with_recent(months.review_a(folder).rename(folder / f"{name}.cqrsreview"))
    settings.save(saved)
    look.apply(make_app([]))
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.resize(1093, 614)
    qtbot.waitExposed(window)
    assert window.start.recent.count() == 2
    qtbot.waitUntil(window.start.month_button.isVisible, timeout=5000)  # the offer, read after
    for size in ((1093, 614), (1366, 700), (1280, 720), (1093, 614)):
        window.resize(*size)
        qtbot.waitUntil(lambda: _recent_rows_shown(window), timeout=2000)


def test_a_recent_review_gone_leaves_the_focus_on_starting_one(
    qtbot, practice_settings: settings.Settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Enter on the only recent review, its file gone: the box says so and the list goes.
    The focus went on to "Change practice details…", so the next Enter opened those; it is
    on "Start a new review…" (decision 256)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from cqrs_desktop.app import make_app
    from cqrs_desktop.ui import look, messages
    from cqrs_desktop.ui.main_window import MainWindow

    settings.save(practice_settings.with_recent(tmp_path / "F99001 gone.cqrsreview"))
    look.apply(make_app([]))
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    start = window.start
    assert window.focusWidget() is start.recent
    messages.last_problem.clear()
    qtbot.keyClick(start.recent, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.ops.busy and bool(messages.last_problem))
    box = messages.last_problem[0]
    assert box.windowTitle() == "The review could not be opened"
    box.accept()
    assert not start.recent.isVisible()
    assert window.focusWidget() is start.new_button


def test_recent_reviews_on_a_slow_drive_do_not_hold_the_window(
    qtbot, practice_settings: settings.Settings, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The offer reads every recent review's file; one on a network drive not connected can
    keep Windows waiting for many seconds. It was read on the GUI thread: the start page
    froze with it (decision 264). It is read off the GUI thread, and the offer shows once
    read; the window answers meanwhile."""
    import threading
    import time

    from cqrs_desktop.app import make_app
    from cqrs_desktop.ui import backend, look
    from cqrs_desktop.ui.main_window import MainWindow

    from . import carry_months as months

    settings.save(practice_settings.with_recent(months.review_a(tmp_path)))
    look.apply(make_app([]))
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.start.month_button.isVisible, timeout=5000)

    drive = threading.Event()  # the drive answers when the test says
    read_on = []
    real = backend.about_reviews

    def slow(recent):  # type: ignore[no-untyped-def]
        read_on.append(threading.current_thread() is threading.main_thread())
        drive.wait(10)
        return real(recent)

    monkeypatch.setattr(backend, "about_reviews", slow)
    window.start.month_button.hide()
    started = time.monotonic()
    window._offer_this_month()
    assert time.monotonic() - started < 1  # (it waited the full 10 s on the GUI thread)
    assert read_on == [False]
    qtbot.wait(200)  # the window goes on answering, the offer not yet there
    assert window.offer_reading is not None and not window.start.month_button.isVisible()
    drive.set()
    qtbot.waitUntil(lambda: window.offer_reading is None, timeout=5000)
    assert window.start.month_button.isVisible()
    assert window.start.month_button.text() == "Start this month's review from A…"
