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
    assert message.subject == ("CQRS vaccination claims review: Riverside Medical Centre (F99001)")


def _group(body: str, heading: str) -> list[str]:
    """The lines of one group of the email (after its heading, up to a blank line)."""
    lines = body.splitlines()
    if heading not in lines:
        return []
    start = lines.index(heading) + 1
    end = lines.index("", start)
    return lines[start:end]


def test_each_item_the_team_asks_about_is_in_one_group() -> None:
    from cqrs_desktop.reports.email import (
        CHECKED_AND_CORRECT,
        NOT_CHECKED,
        STILL_BEING_CHECKED,
        TO_BE_AMENDED,
    )

    _, message = _message()
    body = message.body
    assert _group(body, CHECKED_AND_CORRECT) == [
        "- Pertussis (pregnant women), October 2024: 3 claimed, correct; all 3 vaccinations "
        "our search found were checked against the patient record: 3 given by this practice",
        "- HPV, September 2024: 5 claimed, correct; all 5 vaccinations our search found were "
        "checked against the patient record: 5 given by this practice",
    ]
    assert _group(body, TO_BE_AMENDED) == [
        "- Pertussis (pregnant women), September 2024: to be amended from 7 to 5; all 7 "
        "vaccinations our search found were checked against the patient record: 5 given by "
        "this practice; 2 given by other providers (both now marked in our clinical system "
        "as given elsewhere)"
    ]
    assert _group(body, STILL_BEING_CHECKED) == [
        "- RSV (pregnant women), November 2024: 6 claimed; 2 of 6 records still to be checked"
    ]
    assert _group(body, NOT_CHECKED) == [
        "- MenACWY, September 2024: 6 claimed; our search did not cover September 2024, so "
        "this email does not check this claim"
    ]
    # HepB October has no claim and no reason: the team did not ask about it.
    assert "Hepatitis B" not in body
    assert 'Please amend the claims listed under "To be amended" as shown.' in body
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
    assert lines[1].startswith("Subject: CQRS vaccination claims review")
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
    assert message.subject == "CQRS vaccination claims review: F99001"
    assert "No claims were found to check." in message.body
    assert "checked against" not in message.body
    assert "No claims to declare." in declaration_notes_text(summary)


def test_doses_still_counted_are_told_apart_from_those_decided_against_this_search() -> None:
    """Of two doses given elsewhere not yet marked, one was found in an earlier check (the
    latest search still counts it); the other was decided against this very search: the
    words do not suggest the search no longer counts it."""
    from cqrs_desktop.domain.model import Decision
    from cqrs_desktop.reports.email import _follow_up
    from cqrs_desktop.reports.summary import Correction

    done, not_done = "now marked", "not yet marked"
    mixed = Correction(Decision.OTHER_PROVIDER, 2, True, not_corrected=1)
    assert _follow_up(mixed, done, not_done) == (
        " (not yet marked; 1 of them was found in an earlier check and our latest search "
        "still counts it)"
    )
    both = Correction(Decision.OTHER_PROVIDER, 2, True, not_corrected=2)
    assert _follow_up(both, done, not_done) == (
        " (not yet marked: our latest search still counts both of them)"
    )
    one = Correction(Decision.OTHER_PROVIDER, 3, True, done=1, not_corrected=1)
    assert _follow_up(one, done, not_done) == (
        " (1 now marked; 2 not yet marked; 1 of them was found in an earlier check and our "
        "latest search still counts it)"
    )


def test_a_claim_partly_flagged_says_the_breakdown_is_of_them_all() -> None:
    """'1 of the 3 ... checked; the others were not flagged by our checks: 2 given by this
    practice; 1 given by another provider' read as if the breakdown were of the others."""
    import dataclasses

    from cqrs_desktop.domain.model import Decision
    from cqrs_desktop.reports.email import _amend_line

    summary = build_summary(mixed_review())
    item = next(i for i in summary.items if i.corrected is not None and i.not_practice)
    partly = dataclasses.replace(
        item, record_checked=False, in_search=3, corrected=2, decisions={Decision.OTHER_PROVIDER: 1}
    )
    line = _amend_line(partly)
    assert (
        "; 1 of the 3 vaccinations our search found was checked against the patient record "
        "(the others were not flagged by our checks); of all 3: 2 given by this practice; "
    ) in line, line


def test_an_amendment_says_how_many_claimed_the_search_did_not_find() -> None:
    """Claimed 8, the search found 6, all given here: the email and the declaration note
    say 6 of the 8 were found, not only that the 6 found were checked."""
    from cqrs_desktop.domain.model import Claim, Decision
    from cqrs_desktop.reports.declaration import declaration_notes
    from cqrs_desktop.reports.email import TO_BE_AMENDED
    from tests.reports.reports_factory import build_review, record, search_rows

    review = build_review(
        search_rows([("pertussis_pregnant", "2024-09", 6)]),
        [Claim("pertussis_pregnant", "2024-09", 8)],
        lambda event, _i: record(event, Decision.PRACTICE),
    )
    summary = build_summary(review)
    assert _group(build_email(summary, TEAM).body, TO_BE_AMENDED) == [
        "- Pertussis (pregnant women), September 2024: to be amended from 8 to 6; our search "
        "found 6 of the 8 vaccinations claimed; all 6 vaccinations our search found were "
        "checked against the patient record: 6 given by this practice"
    ]
    (note,) = declaration_notes(summary)
    assert note.text.startswith(
        "Pertussis (pregnant women) September 2024: The practice search of the patient records "
        "for September 2024 found 6 of the 8 vaccinations claimed. The practice checked each "
        "of the 6 vaccinations found by its search against the patient record "
    )
    assert note.text.endswith(
        "All 6 were given by this practice. The claim should be amended from 8 to 6."
    )


def test_every_line_with_a_search_figure_says_what_earlier_checks_found_gone() -> None:
    """A claim lowered from 10 to 8 after the practice corrected 2 records: "agrees with our
    search" and "still being checked" say the 2 gone, the doses no longer found and those
    kept, in the words of the other lines (decision 510)."""
    import dataclasses

    from cqrs_desktop.domain.model import Decision, ItemStatus
    from cqrs_desktop.reports.email import (
        AGREES_WITH_SEARCH,
        STILL_BEING_CHECKED,
        build_email,
        group_of,
    )

    summary = build_summary(mixed_review())
    earlier = {
        "gone": ((Decision.OTHER_PROVIDER, 2),),
        "no_longer_found": ((Decision.PRACTICE, 1),),
        "kept_earlier": ((Decision.NOT_GIVEN, 1),),
    }
    still = next(i for i in summary.items if i.status is ItemStatus.INCOMPLETE)
    agrees = dataclasses.replace(
        next(i for i in summary.items if i.status is ItemStatus.VALIDATED),
        record_checked=False,
        in_search=0,
        claimed=0,
        corrected=0,
        reasons=("In a review window",),
    )
    items = [dataclasses.replace(i, **earlier) for i in (still, agrees)]  # type: ignore[arg-type]
    assert [group_of(i) for i in items] == [STILL_BEING_CHECKED, AGREES_WITH_SEARCH]
    body = build_email(dataclasses.replace(summary, items=tuple(items)), "team@example.nhs.uk").body
    lines = [line for line in body.splitlines() if line.startswith("- ")]
    assert len(lines) == 2
    for line in lines:
        assert line.endswith(
            "; 2 given by other providers, found in an earlier check, are no longer counted by "
            "our latest search; 1 given by this practice, found in an earlier check, is no "
            "longer found by our latest search, so it is not counted; an earlier check found "
            "1 recorded in error (not given) that our latest search does not show (it is kept "
            "in our records and not counted here: on a day our search did not look at, or a "
            "record it may show otherwise)"
        ), line
        assert "besides these" not in line  # (neither line lists what was found)


def test_doses_kept_whose_date_may_have_been_put_right_are_said_apart() -> None:
    """Of 3 doses an earlier check found given here that the search does not show, 2 have
    a dose of the programme for the same patient a few days away: the email and the note
    say those 2 as dates that may have been put right, the third as before (decision
    511), and never more than "may be"."""
    import dataclasses

    from cqrs_desktop.domain.model import Decision, ItemStatus
    from cqrs_desktop.reports.declaration import declaration_note
    from cqrs_desktop.reports.email import kept_clause

    summary = build_summary(mixed_review())
    item = dataclasses.replace(
        next(i for i in summary.items if i.status is ItemStatus.VALIDATED),
        kept_earlier=((Decision.PRACTICE, 3),),
        kept_moved=((Decision.PRACTICE, 2),),
    )
    assert item.kept_not_moved == ((Decision.PRACTICE, 1),)
    assert item.kept_given_here == 1  # (only the third holds a claim to amend back: 532)
    assert kept_clause(item) == (
        "; an earlier check found 1 given by this practice that our latest search does not "
        "show (it is kept in our records and not counted here: on a day our search did not "
        "look at, or a record it may show otherwise); an earlier check found 2 given by this "
        "practice that our latest search does not show on their days, but our search holds "
        "a vaccination of this programme for each of those patients a few days away, which "
        "may be the same ones with their dates put right (kept in our records under the "
        "earlier dates, not counted here)"
    )
    note = declaration_note(item, summary).text
    assert (
        "An earlier check found 1 given by this practice that the practice search does not "
        "show; it is not counted in this claim. An earlier check found 2 given by this "
        "practice that the practice search does not show on their days; the search holds a "
        "vaccination of this programme for each of those patients a few days away, which may "
        "be the same ones with their dates put right; they are not counted in this claim "
        "under the earlier dates."
    ) in note, note
