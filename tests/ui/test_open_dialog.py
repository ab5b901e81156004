"""File > Open a review starts in the reviews folder, even before the first review."""

from __future__ import annotations

from pathlib import Path

from cqrs_desktop import paths
from cqrs_desktop.ui import main_window

from .conftest import earlier_read


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


def test_choose_a_review_starts_where_the_reviews_are(qtbot, window, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """'Choose a review…' on the Files page opened wherever the system chose (on Windows,
    often the app's own folder): it starts in the folder of the newest review listed, else
    the reviews folder."""
    from cqrs_desktop.ui import earlier_reviews
    from tests.ui import carry_months as months

    asked: list[str] = []

    def fake_dialog(parent, caption, folder, filters):  # type: ignore[no-untyped-def]
        asked.append(folder)
        return "", ""

    monkeypatch.setattr(earlier_reviews.QFileDialog, "getOpenFileName", fake_dialog)
    window.new_review()
    earlier_read(qtbot, window)
    window.sources.earlier.choose_button.click()
    assert asked == [str(paths.reviews_dir())] and paths.reviews_dir().is_dir()

    shared = tmp_path / "Práctica Ü"
    shared.mkdir()
    review = months.review_a(shared)
    window.settings = window.settings.with_recent(review)
    window.new_review()
    earlier_read(qtbot, window)
    window.sources.earlier.choose_button.click()
    assert asked[1] == str(shared)
