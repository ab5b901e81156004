"""The email's "agrees with our search" and "still being checked" lines say the doses
earlier checks found that the next export no longer counts, as the other lines do, through
the real command line (decision 510). Invented people, NHS numbers in the 999 range."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.test_carry_forward import _check, _decisions, _search
from tests.reports.reports_factory import nhs_numbers

_NUMBERS = nhs_numbers(640)
PEOPLE = [next(_NUMBERS) for _ in range(9)]
# September: two doses marked Non-GMS; November: seven, one marked Non-GMS
SEPTEMBER = [(PEOPLE[0], "04/09/2024"), (PEOPLE[1], "11/09/2024")]
NOVEMBER = [(PEOPLE[2 + i], f"{4 + i:02d}/11/2024") for i in range(7)]
CLAIMS = "pertussis_pregnant:2024-09={}", "pertussis_pregnant:2024-11={}"


def _line(email: str, month: str) -> str:
    return next(line for line in email.splitlines() if line.startswith(f"- {month}"))


def test_a_claim_lowered_after_records_were_corrected_says_them_in_every_line(
    tmp_path: Path,
) -> None:
    """A takes 2 off September's claim and 1 off November's (given elsewhere, marked), and
    decides one November dose given here. Next month's GMS search (B) no longer holds the
    three marked (corrected, from the export) nor that dose; the practice claims 0 and 5.
    September now agrees with the search, November is still being checked: each line says
    what an earlier check found that the search no longer counts, counts only."""
    marked = {SEPTEMBER[0][0], SEPTEMBER[1][0], NOVEMBER[6][0]}
    (tmp_path / "a.csv").write_text(_search(SEPTEMBER + NOVEMBER, marked), encoding="utf-8")
    decided = [(nhs, date, "other_provider", "yes") for nhs, date in SEPTEMBER]
    decided += [(*NOVEMBER[6], "other_provider", "yes"), (*NOVEMBER[5], "practice", "no")]
    (tmp_path / "a_dec.csv").write_text(_decisions(decided), encoding="utf-8")
    claims = [CLAIMS[0].format(2), CLAIMS[1].format(7)]
    _check(tmp_path, "--search", "a.csv@2024-09..2024-11", "--claim", *claims,
           "--decisions", "a_dec.csv", "--save", "A.cqrsreview")  # fmt: skip
    (tmp_path / "b.csv").write_text(_search(NOVEMBER[:5]), encoding="utf-8")
    claims = [CLAIMS[0].format(0), CLAIMS[1].format(5)]
    review, email, _stderr = _check(
        tmp_path, "--search", "b.csv@2024-09..2024-11", "--claim", *claims,
        "--carry", "A.cqrsreview",
    )  # fmt: skip
    assert len(review["gone_from_search"]) == 3 and len(review["no_longer_found"]) == 1
    agrees = _line(email, "Pertussis (pregnant women), September 2024")
    assert agrees == (
        "- Pertussis (pregnant women), September 2024: 0 claimed; our search found none, the "
        "same; 2 given by other providers, found in an earlier check, are no longer counted "
        "by our latest search"
    )
    still = _line(email, "Pertussis (pregnant women), November 2024")
    assert still == (
        "- Pertussis (pregnant women), November 2024: 5 claimed; 5 of 5 records still to be "
        "checked; 1 given by another provider, found in an earlier check, is no longer "
        "counted by our latest search; 1 given by this practice, found in an earlier check, "
        "is no longer found by our latest search, so it is not counted"
    )
    headings = email.split("\n\n")
    assert any(h.startswith("Agrees with our search") and agrees in h for h in headings)
    assert any(h.startswith("Still being checked") and still in h for h in headings)
    assert not any(n in email for n in PEOPLE)
