"""Which claims a search row that could not be placed may belong to (`ItemRow.unplaced`):
only those it could be a dose of, by what is known of it. Invented people, 999 numbers."""

from __future__ import annotations

from pathlib import Path

from cqrs_desktop import session
from cqrs_desktop.domain.model import Claim, ItemStatus
from cqrs_desktop.domain.review import Review
from cqrs_desktop.reports.email import build_email
from cqrs_desktop.reports.summary import build_summary
from tests.factories import NHS, PRACTICE

HEADER = "NHS Number,Surname,Date of Birth,Date,Code,Term,Organisation\n"
PERTUSSIS = "956951000000104,Pertussis vaccination in pregnancy"
RSV = "1303503001,RSV vaccination in pregnancy"
ELSEWHERE = "956971000000108,Pertussis vaccination in pregnancy given by other provider"


def _line(n: int, date: str, code_term: str) -> str:
    return f"{NHS[n]},Testperson,01/01/1990,{date},{code_term},F99001\n"


def _unplaced(tmp_path: Path, rules, files: dict[str, str], claims: list[Claim]):  # type: ignore[no-untyped-def]
    searches = []
    for name, text in files.items():
        (tmp_path / name).write_text(HEADER + text, encoding="utf-8")
        searches.append(session.SearchFile(tmp_path / name))
    imported = session.import_inputs(PRACTICE, searches, [], claims, rules)
    summary = build_summary(Review(imported.inputs, rules))
    return summary, {(i.programme, i.month): i.unplaced for i in summary.items}


def test_a_row_counts_only_for_the_claims_it_could_be_a_dose_of(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    main = "".join(
        [
            _line(0, "03/09/2024", PERTUSSIS),
            _line(1, "04/10/2024", PERTUSSIS),
            _line(2, "05/11/2024", RSV),
            _line(3, "15/10/2024", "123,Pertussis vaccine"),  # its term and month known
            _line(4, "", ELSEWHERE),  # a marker with no date: no dose of any claim
            _line(5, "not known", PERTUSSIS),  # a pertussis dose of some month
        ]
    )
    # every row of this one unplaced: it covers nothing, but says pertussis, September
    extra = _line(6, "05/09/2024", "EMISX1,Pertussis vaccination in pregnancy")
    claims = [
        Claim("pertussis_pregnant", "2024-09", 2),
        Claim("pertussis_pregnant", "2024-10", 2),
        Claim("rsv_pregnant", "2024-11", 1),
    ]
    summary, unplaced = _unplaced(tmp_path, rules, {"main.csv": main, "extra.csv": extra}, claims)
    assert len(summary.unassigned) == 4
    assert unplaced == {
        ("pertussis_pregnant", "2024-09"): 2,  # the undated dose, extra.csv's row
        ("pertussis_pregnant", "2024-10"): 2,  # the undated dose, code 123
        ("rsv_pregnant", "2024-11"): 0,
    }


def test_a_programme_named_but_not_checked_here_casts_no_doubt(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = "NHS Number,Date,Programme\n" + "".join(
        f"{NHS[i]},0{i + 3}/09/2024,{programme}\n"
        for i, programme in enumerate(["Pertussis", "Travel", "Hepatitis A"])
    )
    (tmp_path / "p.csv").write_text(text, encoding="utf-8")
    imported = session.import_inputs(
        PRACTICE, [session.SearchFile(tmp_path / "p.csv")], [],
        [Claim("pertussis_pregnant", "2024-09", 1)], rules,
    )  # fmt: skip
    summary = build_summary(Review(imported.inputs, rules))
    assert len(summary.unassigned) == 2 and summary.items[0].unplaced == 0


def test_an_approved_claim_with_rows_not_placed_is_in_the_email(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Approved in CQRS and validated is left out of the email (SPEC 5), but not when rows
    that may be its doses could not be placed: "our check agrees" would say too much."""
    import dataclasses

    main = _line(0, "03/09/2024", PERTUSSIS) + _line(1, "2024-09-??", PERTUSSIS)
    claims = [Claim("pertussis_pregnant", "2024-09", 1, cqrs_status="approved")]
    summary, unplaced = _unplaced(tmp_path, rules, {"main.csv": main}, claims)
    assert unplaced == {("pertussis_pregnant", "2024-09"): 1}
    item = dataclasses.replace(  # as when its one dose has been checked
        summary.items[0], status=ItemStatus.VALIDATED, corrected=1, record_checked=True,
        decisions={"practice": 1}, pending=0,
    )  # fmt: skip
    assert item.reasons
    summary = dataclasses.replace(summary, items=(item,))
    body = build_email(summary, "team@example.nhs.uk").body
    assert "already approved in CQRS and our check agrees" not in body
    assert "could not be placed" in body


def test_a_claim_still_being_checked_says_the_rows_not_placed(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """ "2 of 2 records still to be checked" counts the records found: a row that may be a
    third dose of the month, not placed, is none of them, and the line says so as every
    other line with a figure of the search does (decision 552), never "will confirm"
    of a claim whose search may lack a dose without saying it."""
    main = (
        _line(0, "03/09/2024", PERTUSSIS)
        + _line(1, "10/09/2024", PERTUSSIS)
        + _line(2, "2024-09-??", PERTUSSIS)
    )
    claims = [Claim("pertussis_pregnant", "2024-09", 3)]
    summary, unplaced = _unplaced(tmp_path, rules, {"main.csv": main}, claims)
    assert unplaced == {("pertussis_pregnant", "2024-09"): 1}
    assert summary.items[0].status is ItemStatus.INCOMPLETE  # September: every dose to check
    body = build_email(summary, "team@example.nhs.uk").body
    (line,) = [x for x in body.splitlines() if x.startswith("- Pertussis")]
    assert line == (
        "- Pertussis (pregnant women), September 2024: 3 claimed; 2 of 2 records still to be "
        "checked; 1 row of our search that may be of this month could not be placed in a "
        "programme and month and is not counted here, so this count may be incomplete"
    )


def test_the_report_says_what_each_file_left_out(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A row skipped, a column not read: the signed report says so, not only stderr."""
    from cqrs_desktop.reports.document_model import Heading, Paragraph
    from cqrs_desktop.reports.report_content import report_document

    main = _line(0, "03/09/2024", PERTUSSIS) + _line(
        1, "04/09/2024", "822851000000102,Seasonal influenza vaccination"
    )
    summary, _ = _unplaced(
        tmp_path, rules, {"main.csv": main}, [Claim("pertussis_pregnant", "2024-09", 1)]
    )
    blocks = report_document(summary).blocks
    start = next(
        i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == "Files checked"
    )
    said = [b.text for b in blocks[start:] if isinstance(b, Paragraph)]
    assert "main.csv: 1 row for Seasonal flu left out." in said
