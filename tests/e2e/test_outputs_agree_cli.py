"""The real command line's results agree with one another, and the window's with them.

A small month-after-month scenario (invented people, 999 numbers): review A decides
September's pertussis; review B re-exports September (two of A's doses given elsewhere
now marked Non-GMS, one not), adds RSV October and HPV November, claims a MenACWY month
no search covers, and decides with a decisions file (given here, not eligible, not given
ticked, unsure, one left undecided). `check --carry A --save B --out DIR` writes
review.json, email.txt, declaration_notes.txt and review.xlsx; each is compared with
review.json as `tests/reports/test_outputs_agree.py` compares them in-process, and B,
opened in the window's own session, shows the same on its Overview and Results.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cqrs_desktop.domain.dates import month_label
from cqrs_desktop.domain.rules import parse_rules
from cqrs_desktop.paths import resource
from cqrs_desktop.session import open_review
from cqrs_desktop.ui.overview_page import OverviewPage
from cqrs_desktop.ui.results_page import ResultsPage
from cqrs_desktop.ui.review_session import OpenReview
from tests.reports.generated_reviews import Key
from tests.reports.outputs_agree import email_and_notes_agree, tables_agree, workbook_agrees
from tests.reports.outputs_said import email_says
from tests.reports.reports_factory import nhs_numbers
from tests.support.command_line import run_command

HEADER = "NHS Number,Surname,Forename,Date of Birth,Sex,Date,Code,Organisation,Non-GMS"
CODES = {
    "pertussis_pregnant": "956951000000104",
    "rsv_pregnant": "1303503001",
    "hpv": "428741008",
    "hepb_babies": "170370000",
}
PRACTICE = ["--practice-ods", "F99001", "--practice-name", "Riverside Medical Centre"]
REVIEWER = "J. Reviewer"
_numbers = nhs_numbers(700)
PEOPLE = [next(_numbers) for _ in range(18)]
SEPTEMBER = [("pertussis_pregnant", PEOPLE[i], f"{2 + i:02d}/09/2024", "1990") for i in range(6)]
OCTOBER = [("rsv_pregnant", PEOPLE[6 + i], f"{3 + i:02d}/10/2024", "1990") for i in range(4)]
NOVEMBER = [("hpv", PEOPLE[10 + i], f"{4 + i:02d}/11/2024", "2006") for i in range(6)]
# HepB babies, November: no reason to check the month; the first recorded elsewhere
BABIES = [("hepb_babies", PEOPLE[16 + i], f"{12 + i:02d}/11/2024", "2024") for i in range(2)]
ELSEWHERE = frozenset({NOVEMBER[5][1], BABIES[0][1]})


def _search(rows: list[tuple[str, str, str, str]], non_gms: frozenset[str] = frozenset()) -> str:
    lines = [HEADER]
    for i, (programme, nhs, date, born) in enumerate(rows):
        flag = "Yes" if nhs in non_gms else ""
        organisation = "RXX01" if nhs in ELSEWHERE else "F99001"
        lines.append(
            f"{nhs},Testperson,Alice{i},01/01/{born},F,{date},{CODES[programme]},"
            f"{organisation},{flag}"
        )
    return "\n".join(lines) + "\n"


def _decisions(rows: list[tuple[tuple[str, str, str, str], str, str]]) -> str:
    lines = ["nhs_number,programme,date,decision,action_done,note,reviewer"]
    for (programme, nhs, date, _born), decision, done in rows:
        lines.append(f"{nhs},{programme},{date},{decision},{done},noted,{REVIEWER}")
    return "\n".join(lines) + "\n"


def _check(folder: Path, *args: str) -> None:
    result = run_command("check", *PRACTICE, "--reviewer", REVIEWER, *args, cwd=folder)
    assert result.returncode == 0, result.stderr


def _titles(items: dict[Key, dict[str, Any]]) -> dict[Key, str]:
    rules = parse_rules(resource("rules.toml").read_text(encoding="utf-8"))
    return {k: f"{rules.programme(k[0]).display_name}, {month_label(k[1])}" for k in items}


def test_the_command_line_s_results_and_the_window_agree(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Review A: September; three given elsewhere (not marked), three given here.
    decided_a = [
        (r, "other_provider" if i < 3 else "practice", "no") for i, r in enumerate(SEPTEMBER)
    ]
    (tmp_path / "a.csv").write_text(_search(SEPTEMBER), encoding="utf-8")
    (tmp_path / "a_decisions.csv").write_text(_decisions(decided_a), encoding="utf-8")
    _check(
        tmp_path,
        "--search", "a.csv", "--claim", "pertussis_pregnant:2024-09=6",
        "--decisions", "a_decisions.csv", "--save", "A.cqrsreview", "--out", "a_out",
    )  # fmt: skip

    # Review B: two of A's doses given elsewhere are now marked Non-GMS; RSV and HPV new.
    marked = frozenset({PEOPLE[0], PEOPLE[1]})
    search = _search(SEPTEMBER + OCTOBER + NOVEMBER + BABIES, marked)
    (tmp_path / "b.csv").write_text(search, encoding="utf-8")
    decided_b = [
        (OCTOBER[0], "practice", "no"),
        (OCTOBER[1], "not_eligible", "no"),
        (OCTOBER[2], "unsure", "no"),  # (and OCTOBER[3] left undecided)
        *((r, "practice", "no") for r in NOVEMBER[:4]),
        (NOVEMBER[4], "not_given", "yes"),
        (NOVEMBER[5], "other_provider", "no"),
        (BABIES[0], "practice", "no"),  # the flagged one
        (BABIES[1], "unsure", "no"),  # not flagged, marked unsure by choice
    ]
    (tmp_path / "b_decisions.csv").write_text(_decisions(decided_b), encoding="utf-8")
    _check(
        tmp_path,
        "--search", "b.csv", "--carry", "A.cqrsreview", "--decisions", "b_decisions.csv",
        "--claim", "pertussis_pregnant:2024-09=6", "--claim", "rsv_pregnant:2024-10=4",
        "--claim", "hpv:2024-11=6", "--claim", "menacwy:2024-12=5",
        "--claim", "hepb_babies:2024-11=2",
        "--save", "B.cqrsreview", "--out", "out",
    )  # fmt: skip
    out = tmp_path / "out"
    document = json.loads((out / "review.json").read_text(encoding="utf-8"))
    items = {(i["programme"], i["month"]): i for i in document["items"]}
    events = document["events"]
    statuses = {k: i["status"] for k, i in items.items()}
    assert statuses == {
        ("pertussis_pregnant", "2024-09"): "amend",
        ("rsv_pregnant", "2024-10"): "incomplete",
        ("hepb_babies", "2024-11"): "incomplete",
        ("hpv", "2024-11"): "amend",
        ("menacwy", "2024-12"): "not_checked",
    }
    assert sum(1 for e in events if e["carried_from"]) == 6
    assert sum(1 for e in events if e["export_check"] == "corrected") == 2

    email_file = (out / "email.txt").read_text(encoding="utf-8")
    head, body = email_file.split("\n\n", 1)  # (read as text: CRLF as "\n")
    assert head.startswith("To: ")
    notes_text = (out / "declaration_notes.txt").read_text(encoding="utf-8")
    titles = _titles(items)
    gone_from_search = document.get("gone_from_search", [])
    no_longer_found = document.get("no_longer_found", [])
    email = email_and_notes_agree(
        items, events, body, notes_text, titles, gone_from_search, no_longer_found
    )
    assert {k: s.verdict for k, s in email.items()} == {
        ("pertussis_pregnant", "2024-09"): "amend",
        ("rsv_pregnant", "2024-10"): "still",
        ("hpv", "2024-11"): "amend",
        ("menacwy", "2024-12"): "not_checked",
    }
    gone = len(document.get("gone_from_search", [])) + len(document.get("no_longer_found", []))
    workbook_agrees(out / "review.xlsx", items, events, email, gone)

    # B opened in the window: its Overview and Results say the same as the files
    store, review = open_review(tmp_path / "B.cqrsreview")
    session = OpenReview(store.path, store, review, REVIEWER)
    try:
        overview = OverviewPage()
        qtbot.addWidget(overview)
        overview.set_session(session)
        overview.show()
        qtbot.waitExposed(overview)
        line = overview.summary.text()
        assert "2 to amend" in line and "2 incomplete" in line and "1 not checked" in line
        to_do = sum(
            1
            for e in events
            if e["decision"] in ("other_provider", "not_given") and not e["action_done"]
        )
        assert f"{to_do} records not yet updated in the clinical system" in line
        tables_agree(session.review, items, events, email)  # the table: Overview's and Results'
        carried = overview.carried.text()
        assert "6 decisions brought" in carried
        assert "2 seen corrected in the latest search" in carried
        assert "1 still shown as the practice's own dose" in carried
        results = _results_page(qtbot, session)
        window = email_says(results.body.toPlainText(), titles)
        assert {k: (s.verdict, s.claimed, s.corrected) for k, s in window.items()} == {
            k: (s.verdict, s.claimed, s.corrected) for k, s in email.items()
        }
        assert results.body.toPlainText() == body
        noted = {(n.programme, n.month): n.text for n in results.notes}
        for key, text in noted.items():
            assert text in notes_text, key
    finally:
        session.close()


def _results_page(qtbot, session: OpenReview) -> ResultsPage:  # type: ignore[no-untyped-def]
    from cqrs_desktop.ui.operations import Operations

    page = ResultsPage(Operations())
    qtbot.addWidget(page)
    page.set_session(session)
    page.show()
    qtbot.waitExposed(page)
    return page
