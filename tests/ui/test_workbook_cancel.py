"""The audit workbook (minutes for 200,000 events) is written off the GUI thread, the audit
log read there too, with the rows written so far; Cancel stops it, leaves no workbook and
nothing beside it, and says nothing was saved."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from cqrs_desktop.reports.summary import build_summary
from cqrs_desktop.reports.xlsx import write_workbook
from cqrs_desktop.store import ReviewFile
from cqrs_desktop.ui import backend
from cqrs_desktop.ui.main_window import RESULTS

from . import synthetic
from .conftest import wait_idle


def _results(qtbot, window, tmp_path: Path):  # type: ignore[no-untyped-def]
    review = synthetic.review(20)
    store = synthetic.review_file(tmp_path, review)
    window.set_session(backend.Opened(tmp_path / "invented.cqrsreview", store, review))
    window.show_page(RESULTS)
    wait_idle(qtbot, window)
    return window.results


@pytest.fixture
def slow_audit_log(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, list[str]]:
    """The audit log read only once released; the threads it was read on."""
    release = threading.Event()
    threads: list[str] = []
    real = ReviewFile.audit_log

    def audit_log(self):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        release.wait(10)
        return real(self)

    monkeypatch.setattr(ReviewFile, "audit_log", audit_log)
    return release, threads


def test_the_workbook_is_written_off_the_gui_thread(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, slow_audit_log: tuple[threading.Event, list[str]]
) -> None:
    release, threads = slow_audit_log
    results = _results(qtbot, window, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    results.write_workbook(out / "audit.xlsx")  # returns while the log is still being read
    assert window.ops.busy
    release.set()
    wait_idle(qtbot, window)
    assert threads == ["Saving the workbook"]
    assert [p.name for p in out.iterdir()] == ["audit.xlsx"]
    assert window.statusBar().currentMessage() == "Workbook saved as audit.xlsx"


def test_cancel_saves_nothing_and_says_so(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, slow_audit_log: tuple[threading.Event, list[str]]
) -> None:
    release, _threads = slow_audit_log
    results = _results(qtbot, window, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    results.write_workbook(out / "audit.xlsx")
    window.ops.running[0].cancel()
    release.set()
    wait_idle(qtbot, window)
    assert list(out.iterdir()) == []  # no workbook, no sheets or temporary beside it
    said = window.statusBar().currentMessage()
    assert said == "Saving the workbook cancelled: nothing was saved"
    # one already there is left as it was
    (out / "audit.xlsx").write_bytes(b"last month's")
    results.write_workbook(out / "audit.xlsx")
    window.ops.running[0].cancel()
    wait_idle(qtbot, window)
    assert (out / "audit.xlsx").read_bytes() == b"last month's"
    assert [p.name for p in out.iterdir()] == ["audit.xlsx"]
    assert "cancelled: nothing was saved and the audit.xlsx already there is unchanged" in (
        window.statusBar().currentMessage()
    )


def test_the_rows_written_are_told_every_thousand(tmp_path: Path) -> None:
    summary = build_summary(synthetic.review(2500))
    heard: list[tuple[int, int]] = []
    write_workbook(summary, [], tmp_path / "a.xlsx", lambda done, n: heard.append((done, n)))
    assert heard == [(1000, 2500), (2000, 2500), (2500, 2500)]

    class Stop(Exception):
        pass

    def stop(done: int, _total: int) -> None:
        if done == 2000:
            raise Stop

    with pytest.raises(Stop):
        write_workbook(summary, [], tmp_path / "b.xlsx", stop)
    assert [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]  # no sheets left beside it
