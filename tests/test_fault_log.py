"""An internal fault: exit 1, one line naming a log for IT, and the log holds where it
happened but never the error's message (which can quote a patient's details)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cqrs_desktop import cli, commands, paths

SECRET = "9991234567 TESTPERSON, Alice 01/01/1990"


def test_a_fault_is_logged_without_its_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(argv: list[str]) -> int:
        raise RuntimeError(SECRET)  # as a bug quoting a cell would

    monkeypatch.setattr(commands, "run", broken)
    assert cli.main(["check", "--help-not-reached"]) == cli.INTERNAL_FAULT
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("error: internal fault (RuntimeError)")
    assert SECRET not in line
    logs = sorted((paths.data_dir() / "logs").glob("fault-*.log"))
    assert len(logs) == 1 and str(logs[0]) in line
    text = logs[0].read_text(encoding="utf-8")
    assert "builtins.RuntimeError" in text and "broken" in text
    assert SECRET not in text and "9991234567" not in text


def test_a_problem_of_the_users_is_not_a_fault(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.cqrsreview"
    assert cli.main(["export", str(missing), "--out", str(tmp_path / "out")]) == cli.BAD_INPUT
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("error: nowhere.cqrsreview")
    assert not (paths.data_dir() / "logs").exists()
