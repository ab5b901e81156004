"""The workbook and the email draft saved from the window: a save the system refuses is
said by the name of the file the user chose, never by the hidden temporary file written
beside it (".~review.xlsx.c77a217e.partial"), and says what refused: the folder, or a
folder already there under the name chosen. Real refusals, no mocks; nothing is left
behind."""

from __future__ import annotations

from pathlib import Path

from cqrs_desktop.ui import messages
from cqrs_desktop.ui.main_window import RESULTS
from tests.support.disks import make_read_only, small_disk

from .conftest import wait_idle

WORKBOOK_FAILED = "Saving the workbook: it did not work"
DRAFT_FAILED = "The draft was not saved"


def _results(qtbot, window):  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    window.show_page(RESULTS)
    messages.last_problem.clear()
    return window.results


def _said(title: str, chosen: Path) -> str:
    """The box shown: its title, and a message naming the file chosen and no temporary."""
    assert messages.last_problem, "the failure is said"
    box = messages.last_problem[-1]
    assert box.windowTitle() == title
    text = box.text().replace(messages.BREAK, "")  # as read: where it may wrap is unseen
    assert text.startswith(f"{chosen.name} was not saved: "), text
    assert ".partial" not in text and "~" not in text, "named by the file chosen: " + text
    box.close()
    return text


def _save_workbook(qtbot, window, results, path: Path) -> None:  # type: ignore[no-untyped-def]
    results.write_workbook(path)
    wait_idle(qtbot, window)


def test_a_workbook_in_a_folder_that_is_a_file_names_the_workbook(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path
) -> None:
    results = _results(qtbot, window)
    (tmp_path / "reviews").write_text("a file, not a folder")
    chosen = tmp_path / "reviews" / "wb.xlsx"
    _save_workbook(qtbot, window, results, chosen)
    text = _said(WORKBOOK_FAILED, chosen)
    assert f"{chosen.parent} is not a folder; choose another folder" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reviews"]


def test_a_workbook_where_a_folder_has_its_name_says_so(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path
) -> None:
    results = _results(qtbot, window)
    chosen = tmp_path / "wb.xlsx"
    (chosen / "kept").mkdir(parents=True)
    _save_workbook(qtbot, window, results, chosen)
    text = _said(WORKBOOK_FAILED, chosen)
    assert "a folder of that name is in the way" in text and "nothing was saved" in text
    assert [p.name for p in tmp_path.iterdir()] == ["wb.xlsx"], "no temporary left"
    assert [p.name for p in chosen.iterdir()] == ["kept"]


def test_a_workbook_on_a_read_only_drive_names_the_workbook_and_its_folder(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path
) -> None:
    results = _results(qtbot, window)
    with small_disk(tmp_path / "locked", 1024) as locked:
        make_read_only(locked)
        chosen = locked / "wb.xlsx"
        _save_workbook(qtbot, window, results, chosen)
        text = _said(WORKBOOK_FAILED, chosen)
        assert f"the folder {locked} does not let you make files there" in text
        assert "choose another folder" in text
        assert list(locked.iterdir()) == []
    assert "Workbook saved" not in window.statusBar().currentMessage()


def test_a_draft_in_a_folder_that_is_a_file_names_the_draft(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path
) -> None:
    results = _results(qtbot, window)
    (tmp_path / "mail").write_text("a file, not a folder")
    chosen = tmp_path / "mail" / "draft.eml"
    assert results.write_draft(chosen) is False
    text = _said(DRAFT_FAILED, chosen)
    assert f"{chosen.parent} is not a folder" in text


def test_a_draft_where_a_folder_has_its_name_says_so(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path
) -> None:
    results = _results(qtbot, window)
    chosen = tmp_path / "draft.eml"
    chosen.mkdir()
    assert results.write_draft(chosen) is False
    text = _said(DRAFT_FAILED, chosen)
    assert "a folder of that name is in the way" in text
    assert [p.name for p in tmp_path.iterdir()] == ["draft.eml"] and chosen.is_dir()


def test_a_draft_on_a_read_only_drive_names_the_draft(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path
) -> None:
    results = _results(qtbot, window)
    with small_disk(tmp_path / "locked", 1024) as locked:
        make_read_only(locked)
        chosen = locked / "draft.eml"
        assert results.write_draft(chosen) is False
        text = _said(DRAFT_FAILED, chosen)
        assert "does not let you make files there (Read-only file system)" in text


def test_a_draft_saved_over_an_old_one_replaces_it(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path
) -> None:
    results = _results(qtbot, window)
    chosen = tmp_path / "draft.eml"
    chosen.write_bytes(b"an older draft")
    assert results.write_draft(chosen) is True
    assert b"X-Unsent: 1" in chosen.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["draft.eml"]
    assert not messages.last_problem
