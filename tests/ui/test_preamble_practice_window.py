"""A practice named in the lines above a search's header that is not the review's (decision
260) is warned of on the Files page as the practice details are now: changed in Practice
details to that practice, the warning goes; changed away again, it comes back, as a search
whose organisation column never names the practice is (decision 296). Invented people."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from cqrs_desktop.domain.flags import PREAMBLE_NAMES
from tests.sources.helpers import HEADER, ROWS, write_csv

from .conftest import wait_idle


def _said(window) -> list[str]:  # type: ignore[no-untyped-def]
    (entry,) = [e for e in window.sources.model.entries if e.name == "search.csv"]
    return [p for p in entry.problems if p.startswith(PREAMBLE_NAMES)]


def _practice(qtbot, window, ods_code: str) -> None:  # type: ignore[no-untyped-def]
    dialog = window.edit_practice()
    qtbot.waitUntil(dialog.isVisible)
    dialog.fields["ods_code"].setText(ods_code)
    dialog.accept()
    wait_idle(qtbot, window)
    assert window.session.review.practice.ods_code == ods_code


def test_the_warning_follows_the_practice_details_both_ways(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    search = write_csv(tmp_path / "search.csv", [HEADER, *ROWS], preamble="ODS code: F99002\n")
    window.new_review()
    window.sources.add_files([search])
    wait_idle(qtbot, window)
    qtbot.mouseClick(window.sources.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)
    wait_idle(qtbot, window)
    assert [w.split(" (“")[0] for w in _said(window)] == [PREAMBLE_NAMES + "F99002"]

    _practice(qtbot, window, "F99002")  # the practice the lines name: nothing to warn of
    assert _said(window) == []
    _practice(qtbot, window, "F99001")  # and back: warned again
    assert [w.split(" (“")[0] for w in _said(window)] == [PREAMBLE_NAMES + "F99002"]
    _practice(qtbot, window, "F99003")
    (said,) = _said(window)
    assert said.startswith(PREAMBLE_NAMES + "F99002") and "not F99003 (" in said
