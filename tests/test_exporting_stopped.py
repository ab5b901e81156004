"""Ctrl+C while a large review's workbook is written in its second process: the main
process stops at once (Windows could not interrupt its wait), the second process is
stopped too rather than waited for, and no result or temporary file is left."""

from __future__ import annotations

import multiprocessing
import signal
import time
from pathlib import Path

import pytest

from cqrs_desktop import exporting, session
from cqrs_desktop.domain.review import Review
from cqrs_desktop.domain.rules import Rules


def test_stopping_during_the_parallel_write_leaves_nothing(
    rules: Rules, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    imported = session.import_inputs(
        session.demo_practice(), session.demo_searches(), session.demo_cqrs_files(), [], rules
    )
    review = Review(imported.inputs, rules)

    def pressed(_summary: object, _path: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(exporting, "write_worksheet_pdf", pressed)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        exporting.write_outputs(review, tmp_path / "out", [], parallel_from=1)
    assert time.monotonic() - started < 30
    assert not (tmp_path / "out").exists(), "nothing left: not even the folder made for it"
    deadline = time.monotonic() + 10
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert multiprocessing.active_children() == []


def test_the_second_process_leaves_ctrl_c_to_the_main_one() -> None:
    before = signal.getsignal(signal.SIGINT)
    try:
        exporting._leave_ctrl_c()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before)
