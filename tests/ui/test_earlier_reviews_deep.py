"""A review kept deep in a shared drive's folders (past Windows' old 260-character limit,
accents and spaces in the names), listed on the Files page and then chosen again with
"Choose a review…" under another spelling: listed once, ticked once, its path shown as the
user knows it (decision 299). Invented people, NHS numbers in the 999 range."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cqrs_desktop.store.earlier_review import about_review
from cqrs_desktop.ui.earlier_reviews import EarlierReviewsPanel
from tests.deep_folders import LEVEL, deep_folder
from tests.ui import carry_months as months


def test_a_deep_review_chosen_again_is_listed_once(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = deep_folder(tmp_path)
    review = months.review_a(folder)

    def refused(self: Path, strict: bool = False) -> Path:  # as Windows' resolve() here
        raise OSError(234, "More data available", str(self))

    monkeypatch.setattr(Path, "resolve", refused)
    monkeypatch.setattr(os.path, "realpath", lambda *a, **k: refused(Path(a[0])))
    panel = EarlierReviewsPanel()
    qtbot.addWidget(panel)
    panel.offer([about_review(review)], months.ODS)
    panel.add_review(about_review(folder / ".." / LEVEL / review.name))
    assert panel.list.count() == 1
    assert panel.paths() == [review]
    assert panel.list.item(0).toolTip() == str(review)
