"""File > Open a review starts in the reviews folder, even before the first review."""

from __future__ import annotations

from pathlib import Path

from cqrs_desktop import paths
from cqrs_desktop.ui import main_window


def test_open_starts_in_the_reviews_folder_before_any_review(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def fake_dialog(parent, caption, folder, filters):  # type: ignore[no-untyped-def]
        asked.append(folder)
        return "", ""

    monkeypatch.setattr(main_window.QFileDialog, "getOpenFileName", fake_dialog)
    assert not paths.reviews_dir().exists()
    window.choose_review()
    assert asked == [str(paths.reviews_dir())]
    assert Path(asked[0]).is_dir()
