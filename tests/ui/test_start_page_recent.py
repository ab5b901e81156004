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
