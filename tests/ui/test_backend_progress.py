"""Making a review says what it is doing at each step, up to saving the file (for 200,000
events the save alone takes seconds; the window's progress line must not still say the
step before)."""

from __future__ import annotations

from pathlib import Path

from cqrs_desktop import session
from cqrs_desktop.ui import backend


def _make(path: Path, carry: tuple[Path, ...] = ()) -> list[str]:
    said: list[str] = []
    opened = backend.create_review(
        path,
        session.demo_practice(),
        session.demo_searches(),
        session.demo_cqrs_files(),
        progress=lambda _done, _total, text: said.append(text),
        carry=carry,
    )
    opened.store.close()
    return said


def test_each_step_is_said_up_to_saving_the_file(tmp_path: Path) -> None:
    first = _make(tmp_path / "A.cqrsreview")
    assert first[-1] == "Saving the review file"
    assert "Bringing decisions from earlier reviews" not in first
    second = _make(tmp_path / "B.cqrsreview", carry=(tmp_path / "A.cqrsreview",))
    carrying = second.index("Bringing decisions from earlier reviews")
    assert second[carrying + 1 :] == ["Saving the review file"]
    assert (tmp_path / "B.cqrsreview").is_file()
