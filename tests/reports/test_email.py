from __future__ import annotations

import email
import email.policy
import re

from cqrs_desktop.reports.email import build_email, email_eml, email_text
from cqrs_desktop.reports.summary import build_summary, format_date
from tests.reports.reports_factory import mixed_review

TEAM = "england.londonimms@nhs.net"


def _message():  # type: ignore[no-untyped-def]
    summary = build_summary(mixed_review())
    return summary, build_email(summary, TEAM)


def test_subject_names_practice_and_ods_code() -> None:
    _, message = _message()
    assert message.to == TEAM
    assert message.subject == ("CQRS vaccination claims checked: Riverside Medical Centre (F99001)")


def test_body_says_validated_amend_and_still_checking() -> None:
    _, message = _message()
    body = message.body
    assert "Pertussis (pregnant women), October 2024: 3 claimed, validated as correct" in body
    assert "HPV, September 2024: 5 claimed, validated as correct" in body
    assert (
        "Pertussis (pregnant women), September 2024: 7 claimed, to be amended from 7 to 5" in body
    )
    assert "checked against the patient record" in body
    assert "marked in our clinical system" in body
    # every decision that takes a dose off the claim is named, not only "given elsewhere"
    assert (
        "not the practice's to claim (given elsewhere, not eligible or recorded in error)" in body
    )
    # The incomplete RSV month is listed as still being checked, never as validated.
    rsv_lines = [line for line in body.splitlines() if "RSV" in line]
    assert rsv_lines and all("validated as correct" not in line for line in rsv_lines)
    assert "Still being checked" in body
    assert "2 records still to be checked" in body
    assert "MenACWY, September 2024: 6 claimed; not yet checked" in body
    assert body.rstrip().endswith("J. Reviewer\nRiverside Medical Centre (F99001)")


def test_email_has_no_patient_identifiers() -> None:
    summary, message = _message()
    text = email_text(message)
    for event in summary.events:
        assert event.nhs_number and event.nhs_number not in text
        assert event.nhs_number_display not in text
        assert event.surname and event.surname not in text
        assert event.forenames and event.forenames not in text
        assert event.date_of_birth is not None
        assert format_date(event.date_of_birth) not in text
        assert event.date_of_birth.isoformat() not in text
    assert not re.search(r"\d{3}\s?\d{3}\s?\d{4}", text)


def test_email_text_layout() -> None:
    _, message = _message()
    lines = email_text(message).splitlines()
    assert lines[0] == f"To: {TEAM}"
    assert lines[1].startswith("Subject: CQRS vaccination claims checked")
    assert lines[2] == ""
    assert lines[3] == "Dear London Immunisation Team,"


def test_eml_parses_back_as_unsent_draft() -> None:
    _, message = _message()
    data = email_eml(message)
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert parsed["X-Unsent"] == "1"
    assert parsed["To"] == TEAM
    assert parsed["Subject"] == message.subject
    assert parsed.get_content_charset() == "utf-8"
    assert parsed.get_content().replace("\r\n", "\n") == message.body
    assert parsed["From"] is None


def test_eml_with_sender_and_non_ascii_name() -> None:
    _, message = _message()
    data = email_eml(message, from_name="Zoë Reviewer", from_address="zoe@example.nhs.uk")
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert parsed["From"].addresses[0].display_name == "Zoë Reviewer"
    assert parsed["From"].addresses[0].addr_spec == "zoe@example.nhs.uk"


def test_empty_review_email_and_notes() -> None:
    from cqrs_desktop.domain.model import Practice
    from cqrs_desktop.reports.declaration import declaration_notes_text
    from tests.reports.reports_factory import build_review

    summary = build_summary(build_review([], [], practice=Practice("F99001")))
    message = build_email(summary, TEAM)
    assert message.subject == "CQRS vaccination claims checked: F99001"
    assert "No claims were found to check." in message.body
    assert "validated as correct" not in message.body
    assert "No claims to declare." in declaration_notes_text(summary)
