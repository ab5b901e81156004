"""The signed report and the workbook say a claim the email holds back is still being
checked, and the report's value total leaves it out (decision 232): a search "after
14/09/2024" did not look at 1-14 September, so September's claim is neither confirmed nor
amended. Real command line, real PDF and workbook. Invented people, 999 numbers."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from tests.e2e.test_spec_v2 import PERTUSSIS, _numbers, check, search_csv


def _run(tmp_path: Path, preamble: str) -> tuple[str, str]:
    nhs = _numbers(2)
    rows = [(n, "01/01/1990", "20/09/2024", PERTUSSIS) for n in nhs]
    decisions = "nhs_number,programme,date,decision,action_done,note,reviewer\n" + "".join(
        f"{n},pertussis_pregnant,2024-09-20,practice,no,,A. Reviewer\n" for n in nhs
    )
    files = {"search.csv": preamble + search_csv(rows), "decisions.csv": decisions}
    review, _email = check(
        tmp_path, files, "--search", "search.csv", "--decisions", "decisions.csv",
        "--claim", "pertussis_pregnant:2024-09=5",
    )  # fmt: skip
    assert review is not None
    (item,) = review["items"]
    assert item["status"] == "amend"  # SPEC's status, as ever
    pages = PdfReader(tmp_path / "out" / "report.pdf").pages
    report = " ".join(" ".join((p.extract_text() or "").split()) for p in pages)
    workbook = load_workbook(tmp_path / "out" / "review.xlsx", read_only=True)
    cells = " | ".join(
        str(c) for ws in workbook.worksheets for r in ws.iter_rows(values_only=True) for c in r
    )
    workbook.close()
    return report, cells


def test_a_claim_held_back_is_still_being_checked_and_not_in_the_total(tmp_path: Path) -> None:
    report, cells = _run(tmp_path, "Pertussis\nDate of event after 14/09/2024\n\n")
    assert "Still being checked (month searched in part)" in report
    assert "Still being checked (month searched in part)" in cells
    assert "on what the search holds, the count to claim would be 2" in report
    assert "not confirmed or amended until the whole month has been searched" in report
    assert "value difference not known yet (no claim is final: each is still being" in report
    assert "Status: Amend" not in report


def test_the_total_leaves_out_a_claim_held_back_beside_one_final(tmp_path: Path) -> None:
    """October searched whole and amended; September held back: the total is October's."""
    nhs = _numbers(3)
    rows = [(n, "01/01/1990", "20/09/2024", PERTUSSIS) for n in nhs[:2]]
    rows.append((nhs[2], "01/01/1990", "10/10/2024", PERTUSSIS))
    decisions = "nhs_number,programme,date,decision,action_done,note,reviewer\n" + "".join(
        f"{n},pertussis_pregnant,{d},practice,no,,A. Reviewer\n"
        for n, d in ((nhs[0], "2024-09-20"), (nhs[1], "2024-09-20"), (nhs[2], "2024-10-10"))
    )
    files = {
        "search.csv": "Pertussis\nDate of event after 14/09/2024\n\n" + search_csv(rows),
        "decisions.csv": decisions,
    }
    check(
        tmp_path, files, "--search", "search.csv", "--decisions", "decisions.csv",
        "--claim", "pertussis_pregnant:2024-09=5", "--claim", "pertussis_pregnant:2024-10=3",
    )  # fmt: skip
    pages = PdfReader(tmp_path / "out" / "report.pdf").pages
    report = " ".join(" ".join((p.extract_text() or "").split()) for p in pages)
    # October's (3 - 1) x £10.06; September's (5 - 2) x £10.06 is not in it
    assert "value difference £20.12 over-claimed (claimed minus count to claim" in report
    assert "1 claim still being checked or not checked is not in it" in report


def test_a_claim_searched_whole_is_amend_as_ever(tmp_path: Path) -> None:
    report, cells = _run(tmp_path, "")
    assert "Still being checked" not in cells
    assert "Status: Amend, count to claim 2" in report
    assert "Still being checked" not in report
    assert "still being checked or not checked" not in report
