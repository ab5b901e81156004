"""After a carry, what the window says accounts for every review brought and every dose
kept (decisions 550, 551): reviews made with the real command line, brought or opened in
the window as a user would. Invented people, NHS numbers in the 999 range."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from cqrs_desktop import paths
from cqrs_desktop.ui.main_window import OVERVIEW
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


def test_doses_kept_from_an_earlier_check_are_the_same_figure_everywhere(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A found all four of September's doses given here. B's search begins on the 4th (its
    months worked out from its dates), so A's doses of the 2nd and 3rd are of days it may
    not have looked at: kept in the records, not counted (decisions 138, 233). The Files
    page and the email said the 2; the month's line (its claim agreeing with the 2 found)
    and the Overview's "From earlier reviews" line said nothing of them."""
    decided = [(nhs, "practice", "no") for nhs in PEOPLE]
    _decided(tmp_path, "A", decided, "A. Earlier")
    _search(tmp_path, "b.csv", SEPTEMBER[2:])
    result = run_command(
        "check", *PRACTICE, "--search", "b.csv", "--carry", "A.cqrsreview",
        "--claim", "pertussis_pregnant:2024-09=2", "--save", "B.cqrsreview", "--out", "out",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    email = (tmp_path / "out" / "email.txt").read_text(encoding="utf-8")
    in_email = re.search(
        r"an earlier check found (\d+) given by this practice that our latest search does not "
        "show",
        email,
    )
    window.open_review(tmp_path / "B.cqrsreview")
    wait_idle(qtbot, window)
    files = re.search(
        r"(\d+) doses? decided earlier not found in this search, neither taken as corrected",
        window.sources.earlier.carried_label.text(),
    )
    window.show_page(OVERVIEW)
    overview = re.search(
        r"(\d+) doses? decided earlier that the latest search does not show, kept in the "
        r"records and not counted \((\d+) given by this practice",
        window.overview.carried.text(),
    )
    window.overview.view.selectRow(0)
    month = re.search(
        r"An earlier check found (\d+) given by this practice that the search does not show",
        window.overview.details.text(),
    )
    found = {
        "email": in_email, "files": files, "overview": overview, "month": month,
    }  # fmt: skip
    assert all(found.values()), {k: v for k, v in found.items() if v is None}
    figures = {where: {int(n) for n in m.groups()} for where, m in found.items() if m}
    assert figures == {where: {2} for where in found}, figures


def test_the_months_line_says_the_kept_doses_once_each() -> None:
    """Where the given-here doses kept already hold the claim back, the line says the rest
    of those kept (given elsewhere); a dose whose patient the search holds a few days away
    is said as what it may be (decision 511), never as the same dose."""
    from cqrs_desktop.domain.model import ClaimItem, Decision, ItemStatus
    from cqrs_desktop.ui.items_model import item_details

    title = "Pertussis (pregnant women), September 2024"
    held = ClaimItem(
        "pertussis_pregnant", "2024-09", 3, 2, 0, (), corrected=2, status=ItemStatus.AMEND
    )
    kept = ((Decision.PRACTICE, 1), (Decision.OTHER_PROVIDER, 1))
    said = item_details(held, title, kept_given_here=1, kept=kept)
    assert "the search does not show 1 vaccination an earlier check found given by" in said
    assert (
        "An earlier check found 1 given by another provider that the search does not show: "
        "it is kept in the records, not counted here."
    ) in said, said
    agrees = ClaimItem(
        "pertussis_pregnant", "2024-09", 2, 2, 0, (), corrected=2, status=ItemStatus.VALIDATED
    )
    said = item_details(agrees, title, kept=((Decision.PRACTICE, 1),), kept_moved=1)
    assert said.endswith(
        "An earlier check found 1 given by this practice that the search does not show: it is "
        "kept in the records, not counted here (it may be a vaccination the search holds a "
        "few days away, its date put right)."
    ), said
