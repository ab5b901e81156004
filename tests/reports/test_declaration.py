from __future__ import annotations

from cqrs_desktop.reports.declaration import declaration_notes, declaration_notes_text
from cqrs_desktop.reports.summary import build_summary
from tests.reports.reports_factory import mixed_review


def test_notes_only_for_final_claims_at_threshold() -> None:
    summary = build_summary(mixed_review())
    notes = declaration_notes(summary)
    assert [(n.programme, n.month) for n in notes] == [
        ("pertussis_pregnant", "2024-09"),  # 7 claimed, amend
        ("hpv", "2024-09"),  # 5 claimed, validated
    ]  # not: Oct (3 claimed), RSV (incomplete), HepB (no claim), MenACWY (not checked)


def test_amend_note_wording() -> None:
    note = declaration_notes(build_summary(mixed_review()))[0]
    assert note.text == (
        "Pertussis (pregnant women) September 2024: The practice checked each of the 7 "
        "vaccinations found by its search against the patient record on 26/11/2026 by "
        "J. Reviewer. 5 were given by this practice. 2 were given by other providers; both "
        "were marked in the clinical system as given elsewhere. The claim should be amended "
        "from 7 to 5."
    )


def test_validated_note_wording() -> None:
    note = declaration_notes(build_summary(mixed_review()))[1]
    assert note.text.startswith(
        "HPV September 2024: The practice checked each of the 5 vaccinations found by its "
        "search against the patient record"
    )
    assert note.text.endswith("All 5 were given by this practice. The claim of 5 is correct.")
    assert "so far" not in note.text


def test_notes_file_has_a_block_per_item() -> None:
    summary = build_summary(mixed_review())
    text = declaration_notes_text(summary)
    assert "Riverside Medical Centre (F99001)" in text
    for item in summary.items:
        assert f"{item.programme_name} {item.month_label}\n" in text
    assert "No note needed: the claim of 3 is below 5." in text
    assert "No note yet: 2 records still to check, 1 of them marked unsure." in text
    assert "No note needed: no claimed count." in text
    assert "No note: not checked here, as no search of this review covered September 2024." in text
    assert "so far" not in text
    for event in summary.events:
        assert event.nhs_number and event.nhs_number not in text


def test_a_claim_amended_up_to_the_threshold_is_told_it_will_need_a_note() -> None:
    """Claimed 3, the search holds 6 given here: no note for the claim of 3, but the
    amended claim of 6 will need one (it is not "no note needed" and nothing more)."""
    import dataclasses

    from cqrs_desktop.domain.model import ItemStatus
    from cqrs_desktop.reports.declaration import _no_note_line

    item = next(i for i in build_summary(mixed_review()).items if i.claimed == 3)
    up = dataclasses.replace(item, corrected=6, status=ItemStatus.AMEND)
    assert _no_note_line(up, 5) == (
        "No note now: the claim of 3 is below 5. Amended to 6, the claim will need one when "
        "it is declared."
    )
    assert _no_note_line(dataclasses.replace(item, corrected=3), 5) == (
        "No note needed: the claim of 3 is below 5."
    )


def test_the_report_lists_the_claims_still_waiting_for_a_note() -> None:
    """SPEC 5: a claim of 5 or more with no note yet is listed, with why; the report once
    said "No claim needs a declaration note yet" over a claim of 6 not checked."""
    from cqrs_desktop.reports.document_model import Paragraph
    from cqrs_desktop.reports.report_content import report_document

    summary = build_summary(mixed_review())
    texts = [b.text for b in report_document(summary).blocks if isinstance(b, Paragraph)]
    assert all(note.text in texts for note in declaration_notes(summary))
    assert [t for t in texts if ": No note" in t] == [
        "RSV (pregnant women) November 2024: No note yet: 2 records still to check, 1 of them "
        "marked unsure. The note is written when every record is checked.",
        "MenACWY September 2024: No note: not checked here, as no search of this review "
        "covered September 2024. Import a search that covers it to check this claim.",
    ]
    assert "No claim in this review needs a declaration note." not in texts


def test_still_to_check_counts_the_unsure_everywhere() -> None:
    """The email and the notes count a record marked unsure as still to check; the report
    once said "22 marked unsure; 145 still to check" for the command line's 167. Its
    table's column of records with no decision at all is named so."""
    from cqrs_desktop.reports.document_model import Paragraph, Table
    from cqrs_desktop.reports.report_content import report_document

    summary = build_summary(mixed_review())
    assert summary.unsure and summary.pending
    blocks = report_document(summary).blocks
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    still = summary.pending + summary.unsure
    assert any(
        t.startswith(f"{summary.decided} of {summary.needs_review} vaccinations") for t in texts
    )
    assert any(
        f"; {still} still to check ({summary.unsure} of them marked unsure)" in t for t in texts
    )
    results = next(b for b in blocks if isinstance(b, Table))
    assert "No decision yet" in [c.title for c in results.columns]
    assert "Still to check" not in [c.title for c in results.columns]
