"""What the report, email and workbook say of decisions carried from earlier reviews
(decision 141): the signer confirms what this review checked, the email says how many
records were checked in an earlier review, and the workbook says what each dose no longer
in the search means for the claim, with a key to its reason codes. Invented people."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import openpyxl

from cqrs_desktop.domain.earlier import NO_LONGER_FOUND, GoneDose
from cqrs_desktop.domain.explain import REASONS, STILL_TO_CORRECT
from cqrs_desktop.domain.model import AuditEntry, Decision, DecisionRecord, VaccinationEvent
from cqrs_desktop.domain.review import Review
from cqrs_desktop.reports.audit_words import audit_line
from cqrs_desktop.reports.document_plain import document_text
from cqrs_desktop.reports.email import build_email
from cqrs_desktop.reports.report_content import (
    SIGN_OFF_STATEMENT,
    report_document,
    sign_off_statement,
)
from cqrs_desktop.reports.summary import build_summary
from cqrs_desktop.reports.worksheet_content import worksheet_document
from cqrs_desktop.reports.xlsx import write_workbook
from tests.reports.reports_factory import (
    MIXED_CLAIMS,
    MIXED_PLAN,
    SOURCE,
    build_review,
    mixed_decider,
    nhs_numbers,
    rules,
    search_rows,
)

SEPTEMBER = ("pertussis_pregnant", "2024-09")
EARLIER = "A.cqrsreview"


def _carried(record: DecisionRecord, reviewer: str = "Alex Month1") -> DecisionRecord:
    return dataclasses.replace(
        record, carried_from=EARLIER, reviewer=reviewer, decided_at="2026-10-01T09:00:00+00:00"
    )


def _review(carried: int | None, reviewers: tuple[str, ...] = ("Alex Month1",)) -> Review:
    """The mixed review, with the first `carried` decisions of Pertussis September (7
    found, 5 given here and 2 elsewhere) carried from A (None: every decision of the
    review carried)."""

    def decide(event: VaccinationEvent, index: int) -> DecisionRecord | None:
        record = mixed_decider(event, index)
        if record is None or record.decision is Decision.UNSURE:
            return record
        if carried is None or ((event.programme, event.month) == SEPTEMBER and index < carried):
            return _carried(record, reviewers[index % len(reviewers)])
        return record

    return build_review(search_rows(MIXED_PLAN), list(MIXED_CLAIMS), decide)


def _line(body: str, start: str) -> str:
    return next(line for line in body.splitlines() if line.startswith(start))


def test_the_sign_off_confirms_this_reviews_own_decisions_and_names_the_carried() -> None:
    # none carried: as before
    assert sign_off_statement(build_summary(_review(0))) == SIGN_OFF_STATEMENT
    summary = build_summary(_review(4))
    statement = sign_off_statement(summary)
    assert statement.startswith(
        "I confirm that, for each vaccination decided in this review itself, the patient "
        "record was checked and the decision shown is what it recorded;"
    )
    assert (
        "4 of the decisions in this report were carried from an earlier review (A.cqrsreview; "
        "the Note column names the review and when): their records were checked in that "
        "review, by Alex Month1, and not again for this review." in statement
    )
    assert "for each vaccination with a decision in this report" not in statement
    # the printed report signs this statement
    text = " ".join(document_text(report_document(summary)).split())
    assert " ".join(statement.split()) in text


def test_a_review_whose_decisions_were_all_carried_confirms_no_check_of_its_own() -> None:
    summary = build_summary(_review(None, ("Alex Month1", "Blake Earlier")))
    statement = sign_off_statement(summary)
    assert statement.startswith(
        "All 19 decisions in this report were carried from an earlier review (A.cqrsreview; "
        "the Note column names the review and when): their records were checked in that "
        "review, by Alex Month1 and Blake Earlier, and not again for this review. I confirm "
        "that where 'Clinical system updated' says Yes for a decision ticked in this review"
    )
    assert "the patient record was checked" not in statement


def test_the_email_says_how_many_records_were_checked_in_an_earlier_review() -> None:
    body = build_email(build_summary(_review(4)), "").body
    assert _line(body, "- Pertussis (pregnant women), September 2024").startswith(
        "- Pertussis (pregnant women), September 2024: to be amended from 7 to 5; all 7 "
        "vaccinations our search found were checked against the patient record (4 of them "
        "in an earlier check, by the reviewer named in our records): 5 given by this practice"
    )
    # a claim checked here alone says nothing of earlier checks
    october = _line(body, "- Pertussis (pregnant women), October 2024")
    assert "earlier" not in october
    body = build_email(build_summary(_review(7, ("Alex Month1", "Blake Earlier"))), "").body
    assert (
        "all 7 vaccinations our search found were checked against the patient record (all of "
        "them in an earlier check, by the reviewers named in our records): 5 given"
        in _line(body, "- Pertussis (pregnant women), September 2024")
    )


def test_a_carried_decision_of_no_named_reviewer_is_not_said_to_be_by_one() -> None:
    body = build_email(build_summary(_review(2, ("Alex Month1", ""))), "").body
    line = _line(body, "- Pertussis (pregnant women), September 2024")
    assert "(2 of them in an earlier check): 5 given by this practice" in line
    statement = sign_off_statement(build_summary(_review(2, ("Alex Month1", ""))))
    assert "by the reviewers recorded there" in statement


def _with_doses_gone(review: Review) -> Review:
    """Review A decided two September doses the search here no longer holds: one given
    elsewhere (taken as corrected) and one given here (no longer found, not counted)."""
    numbers = nhs_numbers(900)
    gone_key = f"pertussis_pregnant|2024-09-12|nhs:{next(numbers)}"
    lost_key = f"pertussis_pregnant|2024-09-20|nhs:{next(numbers)}"
    evidence = f"not in {SOURCE}, which covers September 2024"
    gone = GoneDose(
        gone_key, Decision.OTHER_PROVIDER, True, "hospital gave it", "Alex Month1",
        "2026-10-01T09:00:00+00:00", EARLIER, "ab" * 32, evidence,
    )  # fmt: skip
    held = (
        lost_key, "practice", 0, "our nurse", "Alex Month1", "2026-10-02T10:30:00+00:00",
        EARLIER, None, NO_LONGER_FOUND, evidence, "", SOURCE,
    )  # fmt: skip
    return Review(review.inputs, rules(), review.decisions.values(), gone=(gone,), held=(held,))


def _sheet(path: Path, name: str) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in book[name].iter_rows(values_only=True)]
    finally:
        book.close()


def test_the_workbook_says_what_each_dose_no_longer_in_the_search_counts_as(
    tmp_path: Path,
) -> None:
    summary = build_summary(_with_doses_gone(_review(4)))
    assert len(summary.gone) == 1 and len(summary.no_longer_found) == 1
    path = tmp_path / "review.xlsx"
    write_workbook(summary, [], path)
    header, *rows = _sheet(path, "No longer in search")
    assert "Counted as" in header and "Decided at" in header
    counted = header.index("Counted as")
    decided_at = header.index("Decided at")
    decision = header.index("Decision")
    assert [(r[decision], r[counted]) for r in rows] == [
        ("Other provider", "Taken as corrected (off the claim)"),
        ("Given here", "No longer found: not counted"),
    ]
    assert [r[decided_at] for r in rows] == [
        _local("2026-10-01T09:00:00+00:00"),
        _local("2026-10-02T10:30:00+00:00"),
    ]
    # the audit log's count is of those taken as corrected, and says so
    line = audit_line(
        AuditEntry("2026-10-03T09:00:00+00:00", None, None, "no longer in the search", "0", "1"),
        lambda _decision: False,
        {},
    )
    assert line.change.endswith("no longer in the search (taken as corrected)")
    assert (line.old, line.new) == ("0 doses", "1 dose")


def _local(iso: str) -> dt.datetime:
    return dt.datetime.fromisoformat(iso).astimezone().replace(tzinfo=None)


def test_the_workbook_has_a_key_to_its_reason_codes(tmp_path: Path) -> None:
    summary = build_summary(_review(4))
    path = tmp_path / "review.xlsx"
    write_workbook(summary, [], path)
    header, *rows = _sheet(path, "Reason codes")
    assert header == ("Code", "Meaning", "What to check in the record")
    key = {r[0]: r[1] for r in rows}
    by_code = {r.code: r for r in REASONS.values()}
    assert key == {code: by_code[code].title for code in key}
    # every code the Summary and Events sheets give has its words
    used: set[str] = set()
    for sheet, column in (("Summary", "Reasons"), ("Events", "Reasons")):
        table = _sheet(path, sheet)
        start = next(i for i, r in enumerate(table) if column in r)
        at = table[start].index(column)
        for r in table[start + 1 :]:
            used.update(c.strip() for c in str(r[at] or "").split(",") if c.strip())
    assert used and used <= set(key)


def test_the_meaning_of_upd_holds_for_a_dose_another_organisation_recorded() -> None:
    """A dose decided as given elsewhere that the latest search shows unchanged, still
    recorded by RJ1 (as when decided): UPD must not say the search shows it as the
    practice's own."""
    upd = REASONS[STILL_TO_CORRECT]
    assert "practice's own" not in upd.check
    assert "does not show it corrected" in upd.check
    assert "whichever organisation" in upd.check
    text = " ".join(document_text(worksheet_document(build_summary(_review(4)))).split())
    assert "still shows the dose as the practice's own" not in text
    assert "the reason UPD still needs its record changed (the latest search does not show" in text
