from __future__ import annotations

from cqrs_desktop.domain.labels import patient_name
from cqrs_desktop.domain.model import Decision, ItemStatus
from cqrs_desktop.reports.summary import Correction, build_summary, format_money
from tests.reports.reports_factory import mixed_review


def test_items_carry_words_and_counts() -> None:
    summary = build_summary(mixed_review())
    by_title = {item.title: item for item in summary.items}
    sep = by_title["Pertussis (pregnant women), September 2024"]
    assert sep.status is ItemStatus.AMEND
    assert sep.status_word == "Amend"
    assert (sep.claimed, sep.corrected, sep.value_difference) == (7, 5, 20.12)
    assert sep.corrections == (Correction(Decision.OTHER_PROVIDER, 2, True, 2),)
    assert (sep.covered, sep.record_checked, sep.not_practice) == (True, True, 2)
    assert sep.reason_codes == ("PER", "5+")
    assert by_title["MenACWY, September 2024"].status is ItemStatus.NOT_CHECKED
    assert by_title["RSV (pregnant women), November 2024"].still_to_check == 2


def test_totals_and_progress() -> None:
    summary = build_summary(mixed_review())
    assert summary.totals.claimed == 27
    assert summary.totals.value_difference == 20.12
    assert (summary.pending, summary.unsure) == (1, 1)
    assert not summary.is_complete
    assert summary.reviewer == "J. Reviewer"
    assert summary.practice_label == "Riverside Medical Centre (F99001)"


def test_events_formatted_for_people() -> None:
    summary = build_summary(mixed_review())
    event = summary.events[0]
    assert event.nhs_number_display == "999 000 0018"
    assert event.name == "TESTPERSON, Alice"
    assert event.decision_word == "Given here"
    assert event.reason_codes == ("PER", "5+")
    assert len(summary.events_for(summary.items[0])) == 7
    assert {e.code for e in summary.legend} == {"PER", "5+"}


def test_select_defaults_to_events_needing_review() -> None:
    summary = build_summary(mixed_review())
    assert [e.id for e in summary.select(None)] == [e.id for e in summary.events if e.needs_review]
    first = summary.events[3].id
    assert [e.id for e in summary.select([first])] == [first]


def test_helpers() -> None:
    assert patient_name("smith", "Jane") == "SMITH, Jane"
    assert patient_name(None, "Jane") == "Jane"
    assert format_money(-10.06) == "-£10.06"
    assert format_money(None) == ""


def test_no_value_difference_is_said_before_any_claim_is_checked_to_the_end() -> None:
    """Nothing decided: the value is not known, never "£0.00" (which reads as no
    over-claim); part checked: the total is of the claims checked so far, and says so."""
    from cqrs_desktop.reports.report_content import _progress, _result_rows
    from tests.reports.reports_factory import MIXED_CLAIMS, MIXED_PLAN, build_review, search_rows

    nothing = build_summary(build_review(search_rows(MIXED_PLAN), list(MIXED_CLAIMS)))
    assert nothing.totals.value_difference is None and nothing.totals.value_unknown >= 2
    assert "value difference not known yet (no claim is checked to the end)." in _progress(nothing)
    assert _result_rows(nothing)[-1][-1] == "–"
    some = build_summary(mixed_review())
    assert some.totals.value_unknown == 2  # one incomplete, one not checked
    assert (
        "£20.12 over-claimed (claimed minus count to claim, at the fee per dose, over the "
        "claims checked so far: 2 claims still being checked or not checked are not in it)."
    ) in _progress(some)


def test_no_value_difference_is_said_as_why_it_is_not_known() -> None:
    from cqrs_desktop.domain.model import Claim
    from cqrs_desktop.reports.report_content import _progress, _result_rows
    from tests.reports.reports_factory import build_review, record, search_rows

    rows = search_rows([("pertussis_pregnant", "2024-09", 2)])
    decided = lambda e, _i: record(e, Decision.PRACTICE)  # noqa: E731
    no_claims = build_summary(build_review(rows, [], decided))
    # not "Claimed 0 in total": no claimed count was given (decision 394)
    said = _progress(no_claims)
    assert "Claimed" not in said
    assert said.endswith(
        ". No claimed counts were given, so there is no value difference to work out."
    )
    assert _result_rows(no_claims)[-1][1] == ""  # the total's Claimed, blank as each row's
    unsearched = build_summary(build_review(rows, [Claim("menacwy", "2024-09", 6)], decided))
    assert "value difference not known (no search covers the months claimed)." in _progress(
        unsearched
    )
    # ... however many months searched, unclaimed, are still being checked
    pending = build_summary(build_review(rows, [Claim("menacwy", "2024-09", 6)]))
    assert "value difference not known (no search covers the months claimed)." in _progress(pending)
