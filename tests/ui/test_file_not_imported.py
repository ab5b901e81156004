"""A file on the Files page that is not recognised is never imported: it stays listed,
"Not imported", with its problem, and the import says so (it used to vanish unsaid)."""

from __future__ import annotations

from pathlib import Path

from cqrs_desktop.ui.main_window import WALKTHROUGH

from .conftest import new_review_with, wait_idle


def _wrong_file(folder: Path) -> Path:
    """Not an export at all: a note saved as CSV by mistake."""
    path = folder / "notes.csv"
    path.write_text("Hello,World\nthis is,not a search\n", encoding="utf-8", newline="")
    return path


def _states(win) -> dict[str, str]:  # type: ignore[no-untyped-def]
    model = win.sources.model
    return {e.name: model.data(model.index(i, 1)) for i, e in enumerate(model.entries)}


def test_a_file_not_recognised_stays_listed_after_a_new_review_is_made(  # type: ignore[no-untyped-def]
    qtbot, window, samples: Path, tmp_path: Path
) -> None:
    win = window
    win.new_review()
    wrong = _wrong_file(tmp_path)
    win.sources.add_files([samples / "emis_pertussis_search.csv", wrong])
    wait_idle(qtbot, win)
    assert _states(win)["notes.csv"] == "Not imported"
    assert "notes.csv is not recognised" in win.sources.import_hint.text()

    win.sources.request_import()
    wait_idle(qtbot, win)
    assert win.session is not None and win.pages.currentIndex() == WALKTHROUGH
    message = win.statusBar().currentMessage()
    assert message.startswith("Not imported: notes.csv (not recognised"), message
    states = _states(win)
    assert states == {"emis_pertussis_search.csv": "In review", "notes.csv": "Not imported"}
    assert "notes.csv is not recognised" in win.sources.import_hint.text()
    assert not win.sources.import_button.isEnabled()  # nothing there to import


def test_a_file_not_recognised_stays_listed_when_files_join_an_open_review(  # type: ignore[no-untyped-def]
    qtbot, window, samples: Path, tmp_path: Path
) -> None:
    win = window
    new_review_with(qtbot, win, samples / "emis_pertussis_search.csv")
    assert win.session is not None

    win.sources.add_files([samples / "systmone_rsv_search.csv", _wrong_file(tmp_path)])
    wait_idle(qtbot, win)
    win.sources.request_import()
    wait_idle(qtbot, win)
    assert "systmone_rsv_search.csv" in {s.file for s in win.session.review.inputs.sources}
    assert _states(win)["notes.csv"] == "Not imported"
    assert win.statusBar().currentMessage().startswith("Not imported: notes.csv")

    # Remove takes it off the list, as for any file waiting
    win.sources.view.selectRow([e.name for e in win.sources.model.entries].index("notes.csv"))
    win.sources.remove_selected()
    assert "notes.csv" not in _states(win)
    assert "not recognised" not in win.sources.import_hint.text()
