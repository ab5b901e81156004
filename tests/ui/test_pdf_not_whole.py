"""A PDF saved from the window is whole or not saved at all: a file cut short (a full disk,
which Qt's PDF writer does not report) never replaces a good PDF, and the window says that
nothing was saved, and why, naming the file the user chose (never the partial one)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from cqrs_desktop.errors import ReviewError
from cqrs_desktop.ui import messages, printing
from cqrs_desktop.ui.main_window import RESULTS
from cqrs_desktop.ui.print_dialog import PrintDialog
from tests.support.disks import fill, small_disk

from .conftest import wait_idle


def _open_demo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    assert window.session is not None
    window.show_page(RESULTS)


def _save_worksheet(qtbot, window, target: Path) -> None:  # type: ignore[no-untyped-def]
    """As the user does: Results page, Print worksheet, save as PDF."""
    window.results.print_worksheet.click()
    dialog = next(d for d in window.findChildren(PrintDialog) if d.isVisible())
    dialog.save_pdf(target)
    wait_idle(qtbot, window)


def _assert_said_not_saved(window, target: Path) -> None:  # type: ignore[no-untyped-def]
    assert messages.last_problem, "the failure is said"
    box = messages.last_problem[-1]
    assert box.windowTitle() == "The worksheet was not saved"
    text = box.text()
    assert target.name in text and "nothing was saved" in text
    assert "the disk is full" in text
    assert "~" not in text and ".part" not in text, "named by the file chosen, not the partial"
    status = window.statusBar().currentMessage()
    assert not status.startswith("Saved") and "not saved" in status
    box.close()


def test_a_pdf_cut_short_by_a_full_disk_leaves_the_old_pdf_as_it_was(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path
) -> None:
    with small_disk(tmp_path / "disk", 2048) as disk:
        target = disk / "worksheet.pdf"
        _open_demo(qtbot, window)
        _save_worksheet(qtbot, window, target)
        assert "Saved worksheet.pdf" in window.statusBar().currentMessage()
        old = target.read_bytes()
        assert len(PdfReader(str(target)).pages) >= 1
        messages.last_problem.clear()
        window.statusBar().clearMessage()

        fill(disk, leave_bytes=4096)  # room for the start of a PDF, not for all of it
        _save_worksheet(qtbot, window, target)

        assert target.read_bytes() == old, "the good PDF is not replaced by half of one"
        assert sorted(p.name for p in disk.iterdir()) == ["filler.bin", "worksheet.pdf"]
        _assert_said_not_saved(window, target)
        window.set_session(None)


def test_a_pdf_the_writer_cut_short_is_not_saved(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same without a small disk: the writer leaves 4096 bytes, as on a full one."""
    target = tmp_path / "worksheet.pdf"
    _open_demo(qtbot, window)
    _save_worksheet(qtbot, window, target)
    old = target.read_bytes()
    messages.last_problem.clear()
    window.statusBar().clearMessage()
    real = printing.write_worksheet_pdf

    def cut_short(summary, path, event_ids=None, progress=None):  # type: ignore[no-untyped-def]
        pages = real(summary, path, event_ids, progress)
        with Path(path).open("r+b") as handle:
            handle.truncate(4096)
        return pages

    monkeypatch.setattr(printing, "write_worksheet_pdf", cut_short)
    full = shutil.disk_usage(tmp_path)._replace(free=10_000)  # as on a full disk
    monkeypatch.setattr(shutil, "disk_usage", lambda _folder: full)
    _save_worksheet(qtbot, window, target)

    assert target.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir()] == ["worksheet.pdf"], "no partial file left"
    _assert_said_not_saved(window, target)


def test_a_new_pdf_cut_short_leaves_no_file(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open_demo(qtbot, window)
    summary = window.results.summary_now()
    real = printing.write_report_pdf

    def cut_short(summary, path, event_ids=None, progress=None):  # type: ignore[no-untyped-def]
        pages = real(summary, path, event_ids, progress)
        Path(path).write_bytes(b"")
        return pages

    monkeypatch.setattr(printing, "write_report_pdf", cut_short)
    target = tmp_path / "report.pdf"
    with pytest.raises(
        ReviewError, match=r"^report\.pdf could not be written whole .*nothing was saved$"
    ):
        printing.write_pdf("report", summary, target)
    assert list(tmp_path.iterdir()) == []
