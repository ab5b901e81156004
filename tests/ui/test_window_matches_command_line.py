"""The window and the command line make the same review (issue 14): the same monthly carry
done both ways gives the same `review.json`, email and declaration notes, and what the
window shows of the carried decisions is what `review.json` says. Invented people, NHS
numbers in the 999 range.

The months: A decided September (two given elsewhere, one of them ticked as updated, two
given here, one unsure); A2, made later from the same search, decided one of A's "given
elsewhere" doses "given here" and agreed on another. B's search is September again and
October: one of A's doses given elsewhere is now marked Non-GMS, another is gone from it
(a search covering September), and two October vaccinations are new."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from cqrs_desktop import settings
from cqrs_desktop.ui.event_table import STATUS
from cqrs_desktop.ui.main_window import OVERVIEW, WALKTHROUGH
from tests.reports.reports_factory import nhs_numbers
from tests.support.command_line import run_command

from .conftest import PRACTICE as WINDOW_PRACTICE
from .conftest import earlier_read, wait_idle

HEADER = "NHS Number,Surname,Forename,Date of Birth,Sex,Date,Code,Organisation,Non-GMS"
CODE = "956951000000104"  # pertussis in pregnancy
PRACTICE = [
    "--practice-ods", WINDOW_PRACTICE.ods_code, "--practice-name", WINDOW_PRACTICE.practice_name,
    "--reviewer", WINDOW_PRACTICE.reviewer,
]  # fmt: skip
_numbers = nhs_numbers(700)
PEOPLE = [next(_numbers) for _ in range(8)]
SURNAMES = ["Ashby", "Brook", "Carter", "Dalton", "Ellis", "Fenwick", "Garner", "Holt"]
SEPTEMBER = [(PEOPLE[i], f"{2 + i:02d}/09/2024") for i in range(6)]
OCTOBER = [(PEOPLE[6], "03/10/2024"), (PEOPLE[7], "09/10/2024")]
A_DECISIONS = [
    (PEOPLE[0], "other_provider", "no"),  # Non-GMS in B: corrected
    (PEOPLE[1], "other_provider", "no"),  # A2: given here (the disagreement)
    (PEOPLE[2], "other_provider", "yes"),  # gone from B's search
    (PEOPLE[3], "practice", "no"),
    (PEOPLE[4], "practice", "no"),
    (PEOPLE[5], "unsure", "no"),
]
A2_DECISIONS = [(PEOPLE[1], "practice", "no"), (PEOPLE[3], "practice", "no")]
# A and A2 decided PEOPLE[3] alike at the time their decisions files state, the same one
# (both typed from one worksheet): a tie the order the reviews are given in could break
# (the window gives the newest first, the command line as typed): decision 470
SAME_TIME = "30/09/2024 10:00"
NON_GMS = {PEOPLE[0]}
GONE = {PEOPLE[2]}
CQRS = (
    "Programme,Month,Count\n"
    "Pertussis (pregnant women),Sep 2024,6\nPertussis (pregnant women),Oct 2024,3\n"
)


def _search(rows: list[tuple[str, str]]) -> str:
    lines = [HEADER]
    for nhs, date in rows:
        i = PEOPLE.index(nhs)
        flag = "Yes" if nhs in NON_GMS else ""
        lines.append(f"{nhs},{SURNAMES[i]},Alice,01/0{1 + i}/1990,F,{date},{CODE},F99001,{flag}")
    return "\n".join(lines) + "\n"


def _decisions(rows: list[tuple[str, str, str]], note: str, reviewer: str) -> str:
    dates = dict(SEPTEMBER)
    lines = ["nhs_number,programme,date,decision,action_done,note,reviewer,decided_at"]
    for nhs, decision, done in rows:
        when = SAME_TIME if nhs == PEOPLE[3] else ""
        lines.append(
            f"{nhs},pertussis_pregnant,{dates[nhs]},{decision},{done},{note},{reviewer},{when}"
        )
    return "\n".join(lines) + "\n"


def _cli(folder: Path, *args: str) -> str:
    result = run_command(*args, cwd=folder)
    assert result.returncode == 0, result.stderr
    return result.stderr


@pytest.fixture(scope="module")
def earlier(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A and A2 through the real command line, and B's inputs; A made before A2."""
    folder = tmp_path_factory.mktemp("earlier")
    (folder / "sep.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    for name, rows, who in (("A", A_DECISIONS, "Sam Earlier"), ("A2", A2_DECISIONS, "Jo Later")):
        (folder / f"{name}.csv").write_text(_decisions(rows, f"from {name}", who), "utf-8")
        _cli(folder, "check", *PRACTICE, "--search", "sep.csv", "--decisions", f"{name}.csv",
             "--save", f"{name}.cqrsreview", "--out", f"{name}_out")  # fmt: skip
    for name, when in (("A", "2024-10-01T09:00:00+01:00"), ("A2", "2024-10-02T09:00:00+01:00")):
        with sqlite3.connect(folder / f"{name}.cqrsreview") as db:
            db.execute("UPDATE meta SET value = ? WHERE key = 'created_at'", (when,))
        db.close()
    gone_left = [row for row in SEPTEMBER if row[0] not in GONE]
    (folder / "b.csv").write_text(_search(gone_left + OCTOBER), encoding="utf-8")
    (folder / "cqrs.csv").write_text(CQRS, encoding="utf-8")
    yield folder


def _by_command_line(earlier: Path, folder: Path, *carry: str) -> Path:
    """B made by `check --carry ...`, its results in `folder`/cli."""
    for name in ("b.csv", "cqrs.csv", *carry):
        if not (folder / name).exists():  # (a copy made here: already there)
            shutil.copyfile(earlier / name, folder / name)
    args = [a for name in carry for a in ("--carry", name)]
    _cli(folder, "check", *PRACTICE, "--search", "b.csv", "--cqrs", "cqrs.csv", *args,
         "--save", "B.cqrsreview", "--out", "cli")  # fmt: skip
    return folder / "cli"


def _recent(window, *reviews: Path) -> None:  # type: ignore[no-untyped-def]
    for review in reviews:
        window.settings = window.settings.with_recent(review)
    settings.save(window.settings)
    window.close_review()  # back on the start page: the offers are read again


def _imported(qtbot, window, earlier: Path) -> None:  # type: ignore[no-untyped-def]
    window.sources.add_files([earlier / "b.csv", earlier / "cqrs.csv"])
    wait_idle(qtbot, window)
    qtbot.mouseClick(window.sources.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)


def _exported(window, folder: Path) -> Path:  # type: ignore[no-untyped-def]
    """The window's review closed and written by `export` through the real command line."""
    review = window.session.path
    window.close_review()
    _cli(folder, "export", str(review), "--out", "window")
    return folder / "window"


# What must differ between two reviews made at different times, in different files:
# `generated_at` (when review.json was written). Nothing else: the sources are the same
# files by name, the events' ids come from the inputs, the carried decisions keep their
# earlier times, reviewers and notes (decision 470).
IGNORED_TOP = ("generated_at",)


def _comparable(results: Path) -> dict[str, Any]:
    review = json.loads((results / "review.json").read_text(encoding="utf-8"))
    for key in IGNORED_TOP:
        review.pop(key)
    return review


def _same_review(cli: Path, window: Path) -> None:
    by_cli, by_window = _comparable(cli), _comparable(window)
    assert sorted(by_cli) == sorted(by_window)
    for key in by_cli:
        if key == "events":
            continue
        assert by_window[key] == by_cli[key], key
    cli_events = {e["id"]: e for e in by_cli["events"]}
    window_events = {e["id"]: e for e in by_window["events"]}
    assert sorted(window_events) == sorted(cli_events)
    for event_id, event in cli_events.items():
        for field, value in event.items():
            assert window_events[event_id][field] == value, (event["nhs_number"], field)
    for name in ("email.txt", "declaration_notes.txt"):
        assert (window / name).read_text("utf-8") == (cli / name).read_text("utf-8"), name
    assert _workbook(window) == _workbook(cli)


def _workbook(results: Path) -> dict[str, list[tuple[object, ...]]]:
    """review.xlsx's sheets, but when it was written (Summary's "Generated") and when each
    audit entry was made (the Audit log's first column): decision 470."""
    from openpyxl import load_workbook

    book = load_workbook(results / "review.xlsx", read_only=True)
    try:
        sheets = {name: [tuple(r) for r in book[name].iter_rows(values_only=True)]
                  for name in book.sheetnames}  # fmt: skip
    finally:
        book.close()
    sheets["Summary"] = [r for r in sheets["Summary"] if r[:1] != ("Generated",)]
    sheets["Audit log"] = [r[1:] for r in sheets["Audit log"]]
    return sheets


def test_bringing_a_and_a2_on_the_files_page_makes_the_command_lines_review(
    qtbot, window, earlier: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    cli = _by_command_line(earlier, tmp_path, "A.cqrsreview", "A2.cqrsreview")
    _recent(window, earlier / "A.cqrsreview", earlier / "A2.cqrsreview")
    window.new_review()
    earlier_read(qtbot, window)
    panel = window.sources.earlier
    assert panel.paths() == [earlier / "A2.cqrsreview"]  # the latest, ticked
    panel.list.setFocus()
    unticked = next(
        r for r in range(panel.list.count())
        if panel.list.item(r).checkState() == Qt.CheckState.Unchecked
    )  # fmt: skip
    panel.list.setCurrentRow(unticked)
    qtbot.keyClick(panel.list, Qt.Key.Key_Space)
    assert sorted(p.name for p in panel.paths()) == ["A.cqrsreview", "A2.cqrsreview"]
    _imported(qtbot, window, earlier)
    _shown_as_written(window, cli)
    _same_review(cli, _exported(window, tmp_path))


def test_this_months_review_from_the_start_page_makes_the_command_lines_review(
    qtbot, window, earlier: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    cli = _by_command_line(earlier, tmp_path, "A2.cqrsreview")
    _recent(window, earlier / "A.cqrsreview", earlier / "A2.cqrsreview")
    start = window.start
    qtbot.waitUntil(start.month_button.isVisible, timeout=5000)
    assert start.month_button.text() == "Start this month's review from A2…"
    qtbot.mouseClick(start.month_button, Qt.MouseButton.LeftButton)
    earlier_read(qtbot, window)
    assert window.sources.earlier.paths() == [earlier / "A2.cqrsreview"]
    _imported(qtbot, window, earlier)
    _shown_as_written(window, cli)
    _same_review(cli, _exported(window, tmp_path))


def _shown_as_written(window, cli: Path) -> None:  # type: ignore[no-untyped-def]
    """The card, the list and the Overview say of each carried vaccination what the
    command line's review.json says."""
    review = json.loads((cli / "review.json").read_text(encoding="utf-8"))
    events = {e["id"]: e for e in review["events"]}
    page = window.walkthrough
    window.show_page(WALKTHROUGH)
    model = page.events.model
    carried = 0
    for event_id, event in events.items():
        page.show_event(event_id)
        said = page.bar.decided_label.text()
        row = model.row_of(window.session.review.index_of(event_id))
        tip = model.data(model.index(row, STATUS), Qt.ItemDataRole.ToolTipRole) or ""
        if event["carried_from"] is None:
            assert " decided in " not in said, event["nhs_number"]
            continue
        carried += 1
        earlier_name = event["carried_from"].removesuffix(".cqrsreview")
        whose = f"decided in {earlier_name} on {_day_shown(event['decided_at'])}"
        assert f"{whose} by {event['reviewer']}" in said, (event["nhs_number"], said)
        assert whose in tip, (event["nhs_number"], tip)
        assert page.action_done.isChecked() == event["action_done"], event["nhs_number"]
    window.show_page(OVERVIEW)
    line = window.overview.carried.text()
    assert f"From earlier reviews: {carried} decisions brought" in line, line
    checked = [e.get("export_check") for e in events.values()]
    corrected, not_yet = checked.count("corrected"), checked.count("not_corrected")
    if corrected or not_yet:
        assert f" · {corrected} seen corrected in the latest search" in line, line
        assert f" · {not_yet} still shown as the practice's own" in line, line
    else:
        assert "seen corrected" not in line, line
    gone = len(review.get("gone_from_search", []))
    if gone:
        assert f" · {gone} dose decided earlier as needing a change no longer in" in line
    else:
        assert "no longer in the latest search" not in line, line


def _day_shown(iso: str) -> str:
    """The day of an ISO time as the window shows it, in the computer's time zone."""
    return dt.datetime.fromisoformat(iso).astimezone().strftime("%d %b %Y")


def test_a_review_and_its_copy_brought_together_make_the_command_lines_review(
    qtbot, window, earlier: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A and "A copy" (File > Save a copy as...) are the same review, read once: the same
    one of the two whichever way, and in whatever order, they were given (decision 471)."""
    from cqrs_desktop.session import open_review

    store, _ = open_review(shutil.copyfile(earlier / "A.cqrsreview", tmp_path / "A.cqrsreview"))
    try:
        store.save_as(tmp_path / "A copy.cqrsreview")
    finally:
        store.close()
    cli = _by_command_line(earlier, tmp_path, "A.cqrsreview", "A copy.cqrsreview")
    _recent(window, tmp_path / "A.cqrsreview", tmp_path / "A copy.cqrsreview")
    window.new_review()
    earlier_read(qtbot, window)
    panel = window.sources.earlier
    panel.list.setFocus()
    for row in range(panel.list.count()):
        if panel.list.item(row).checkState() == Qt.CheckState.Unchecked:
            panel.list.setCurrentRow(row)
            qtbot.keyClick(panel.list, Qt.Key.Key_Space)
    assert sorted(p.name for p in panel.paths()) == ["A copy.cqrsreview", "A.cqrsreview"]
    _imported(qtbot, window, earlier)
    _shown_as_written(window, cli)
    _same_review(cli, _exported(window, tmp_path))
