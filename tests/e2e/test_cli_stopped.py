"""The command line stopped part-way (Ctrl+C, SIGTERM): one line that says what was done,
exit 130 (or 143), and no folder made for nothing; and an option given an empty name. In
process, through `cli.main` (quick under Wine too), with the stop raised by a real signal
where it matters. Invented people, 999 numbers."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from cqrs_desktop import cli, exporting
from tests.e2e.test_cli_hostile import search_rows, write_search


def _check(tmp_path: Path, *more: str) -> int:
    write_search(tmp_path / "s.csv", search_rows(3))
    return cli.main(
        ["check", "--practice-ods", "F99001", "--search", str(tmp_path / "s.csv"),
         "--out", str(tmp_path / "out"), *more]
    )  # fmt: skip


def test_a_stop_once_the_review_is_saved_says_it_was_saved_and_how_to_finish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def pressed(*_args: object, **_kwargs: object) -> list[Path]:
        raise KeyboardInterrupt

    monkeypatch.setattr(exporting, "write_outputs", pressed)
    code = _check(tmp_path, "--save", str(tmp_path / "S.cqrsreview"))
    assert code == cli.STOPPED
    assert capsys.readouterr().err.strip().splitlines() == [
        "error: stopped (Ctrl+C); the review file S.cqrsreview was saved whole: write its "
        "results with 'cqrs-desktop export S.cqrsreview --out FOLDER'"
    ]
    monkeypatch.undo()
    # and it was: its results are written from it
    assert cli.main(["export", str(tmp_path / "S.cqrsreview"), "--out", str(tmp_path / "x")]) == 0
    assert (tmp_path / "x" / "review.json").is_file()


def test_ctrl_c_that_comes_out_of_a_qt_call_as_another_error_is_still_a_stop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl+C pressed while Qt draws a PDF: PySide can turn the stop raised in its call into
    another error (an AttributeError was seen). It is the stop the user asked for, not an
    internal fault, and no results folder is left behind."""
    real = exporting.write_worksheet_pdf

    def drawing(*args: object) -> None:
        try:
            signal.raise_signal(signal.SIGINT)  # the real signal, to the real handler
        except KeyboardInterrupt:
            raise AttributeError("as PySide reports it") from None
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(exporting, "write_worksheet_pdf", drawing)
    code = _check(tmp_path)
    assert code == cli.STOPPED
    assert capsys.readouterr().err.strip().splitlines() == ["error: stopped (Ctrl+C)"]
    assert not (tmp_path / "out").exists(), "the results folder made for this run is gone"
    assert signal.getsignal(signal.SIGINT) is not cli._stop, "the handler was put back"


def test_a_fault_after_the_review_is_saved_says_it_was_saved_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_args: object, **_kwargs: object) -> list[Path]:
        raise ValueError("a cell quoted: Patel")

    monkeypatch.setattr(exporting, "write_outputs", broken)
    assert _check(tmp_path, "--save", str(tmp_path / "S.cqrsreview")) == cli.INTERNAL_FAULT
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("error: internal fault (ValueError); nothing was saved over ")
    assert line.endswith("; the review file S.cqrsreview was saved whole: write its results "
                         "with 'cqrs-desktop export S.cqrsreview --out FOLDER'")  # fmt: skip
    assert "Patel" not in line


def test_once_the_program_has_finished_a_late_ctrl_c_changes_nothing() -> None:
    """As the program, the handlers are set to ignore once the command has said what it
    did: Python would otherwise end a whole run with 130."""
    before = cli._stop_on_signals()
    try:
        cli._done_with_signals(before, program=True)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_IGN
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]


def test_a_results_folder_that_was_there_already_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "out").mkdir()

    def pressed(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(exporting, "write_report_pdf", pressed)
    assert _check(tmp_path) == cli.STOPPED
    assert (tmp_path / "out").is_dir() and list((tmp_path / "out").iterdir()) == []


def test_an_empty_file_name_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--carry ""` (a script's variable left unset) said "error: : a folder, not a file"."""
    for option in ("--carry", "--decisions", "--cqrs", "--save", "--search"):
        assert _check(tmp_path, option, "") == cli.BAD_INPUT
        assert capsys.readouterr().err.strip().splitlines() == [
            f"error: {option}: no file or folder named (the name is empty)"
        ]
        assert not (tmp_path / "out").exists()
