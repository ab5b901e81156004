"""--demo keeps only the last few demo reviews."""

from __future__ import annotations

import os
from pathlib import Path

from cqrs_desktop.ui.backend import _tidy_demo_reviews


def test_old_demo_reviews_are_tidied(tmp_path: Path) -> None:
    for i in range(7):
        path = tmp_path / f"Demo {i}.cqrsreview"
        path.write_bytes(b"x")
        os.utime(path, (1_000_000 + i, 1_000_000 + i))
    (tmp_path / "notes.txt").write_text("keep me")
    _tidy_demo_reviews(tmp_path, keep=4)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "Demo 3.cqrsreview",
        "Demo 4.cqrsreview",
        "Demo 5.cqrsreview",
        "Demo 6.cqrsreview",
        "notes.txt",
    ]
    _tidy_demo_reviews(tmp_path / "missing")  # no folder yet: nothing to do
