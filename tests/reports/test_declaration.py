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
        "Pertussis (pregnant women) September 2024: all 7 vaccinations claimed were checked "
        "against the patient records on 26/11/2026 by J. Reviewer; 5 were given by this "
        "practice and 2 by other providers (marked Non-GMS or recoded in the clinical "
        "system). Claim to be amended from 7 to 5."
    )


def test_validated_note_wording() -> None:
    note = declaration_notes(build_summary(mixed_review()))[1]
    assert note.text.startswith("HPV September 2024: all 5 vaccinations claimed were checked")
    assert note.text.endswith("all were given by this practice. Claim of 5 confirmed as correct.")


def test_notes_file_has_a_block_per_item() -> None:
    summary = build_summary(mixed_review())
    text = declaration_notes_text(summary)
    assert "Riverside Medical Centre (F99001)" in text
    for item in summary.items:
        assert f"{item.programme_name} {item.month_label}\n" in text
    assert "No note needed: the claim of 3 is below 5." in text
    assert "No note yet: 2 still to check." in text
    assert "No note needed: no claimed count." in text
    assert "No note yet: not checked" in text
    for event in summary.events:
        assert event.nhs_number and event.nhs_number not in text
