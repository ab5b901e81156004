"""After a carry, what the window says accounts for every review brought and every dose
kept (decisions 550, 551): reviews made with the real command line, brought or opened in
the window as a user would. Invented people, NHS numbers in the 999 range."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from cqrs_desktop import paths
from tests.reports.reports_factory import nhs_numbers
from tests.support.command_line import run_command

from .conftest import earlier_read, wait_idle
from .test_carry_forward_window import _recent

HEADER = "NHS Number,Surname,Forename,Date of Birth,Sex,Date,Code,Organisation,Non-GMS"
CODE = "956951000000104"  # pertussis in pregnancy
PRACTICE = ["--practice-ods", "F99001", "--practice-name", "Riverside Medical Centre"]
_numbers = nhs_numbers(700)
PEOPLE = [next(_numbers) for _ in range(4)]
SEPTEMBER = [(nhs, f"{2 + i:02d}/09/2024") for i, nhs in enumerate(PEOPLE)]


def _search(folder: Path, name: str, rows: list[tuple[str, str]]) -> Path:
    lines = [HEADER] + [
        f"{nhs},Testperson,Alice{i},01/01/1990,F,{date},{CODE},F99001,"
        for i, (nhs, date) in enumerate(rows)
    ]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _decided(folder: Path, name: str, decided: list[tuple[str, str, str]], who: str) -> None:
    """Review NAME.cqrsreview of SEPTEMBER, made and decided by the command line."""
    _search(folder, "september.csv", SEPTEMBER)
    dates = dict(SEPTEMBER)
    lines = ["nhs_number,programme,date,decision,action_done,note,reviewer"]
    lines += [
        f"{nhs},pertussis_pregnant,{dates[nhs]},{decision},{done},by {who},{who}"
        for nhs, decision, done in decided
    ]
    (folder / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_command(
        "check", *PRACTICE, "--search", "september.csv", "--decisions", f"{name}.csv",
        "--save", f"{name}.cqrsreview", "--out", f"out_{name}", cwd=folder,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_a_review_that_decided_the_same_doses_alike_is_named_not_passed_over(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A and C decided September's first three doses alike; both ticked, the Files page
    said "3 decisions made in C." and nothing of A: a practice manager reading it thinks A
    was ignored. It now says how many of them each review brought held; the command line's
    notice says the same."""
    reviews = paths.reviews_dir()
    reviews.mkdir(parents=True, exist_ok=True)
    alike = [
        (PEOPLE[0], "other_provider", "no"),
        (PEOPLE[1], "practice", "no"),
        (PEOPLE[2], "practice", "no"),
    ]
    _decided(reviews, "A", alike, "A. Earlier")
    _decided(reviews, "C", alike, "C. Later")
    _recent(window, reviews / "A.cqrsreview", reviews / "C.cqrsreview")
    window.new_review()
    earlier_read(qtbot, window)
    panel = window.sources.earlier
    for row in range(panel.list.count()):
        panel.list.item(row).setCheckState(Qt.CheckState.Checked)
    assert sorted(p.name for p in panel.paths()) == ["A.cqrsreview", "C.cqrsreview"]
    search = shutil.copy(reviews / "september.csv", tmp_path / "october.csv")
    window.sources.add_files([Path(search)])
    wait_idle(qtbot, window)
    window.sources.request_import()
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)
    said = window.sources.earlier.carried_label.text()
    held = "of these, C.cqrsreview held all 3 and A.cqrsreview all 3, each the same decision"
    assert said.startswith("3 decisions made in C.\n"), said
    assert held in said, said

    # the command line says it in the same words
    result = run_command(
        "check", *PRACTICE, "--search", str(search), "--carry", "A.cqrsreview",
        "--carry", "C.cqrsreview", "--out", "out", cwd=reviews,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"notice: 3 decisions carried from earlier reviews; {held}" in result.stderr

