"""The start page's recent reviews: each listed review is shown whole, a long folder name's
sideways scroll bar included (it took the second row's room on a laptop's window)."""

from __future__ import annotations

from pathlib import Path

from cqrs_desktop import settings


def _recent_rows_shown(window) -> bool:  # type: ignore[no-untyped-def]
    recent = window.start.recent
    bottom = recent.viewport().height()
    return all(
        recent.visualItemRect(recent.item(row)).bottom() < bottom for row in range(recent.count())
    )


def test_every_recent_review_is_shown_whole_beside_a_long_folder(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / ("Practice shared drive " * 6).strip() / "Vaccination claim reviews"
    for name in ("September 2024 maternal pertussis - Riverside", "October 2024 second check"):
        window.settings = window.settings.with_recent(folder / f"{name}.cqrsreview")
    settings.save(window.settings)
    window.start.show_settings(window.settings)
    for size in ((1093, 614), (1366, 700), (1280, 720)):
        window.resize(*size)
        qtbot.waitUntil(lambda: _recent_rows_shown(window), timeout=2000)
    assert window.start.recent.count() == 2
