"""The Results page's banner: "final" only when nothing is left open."""

from __future__ import annotations

from cqrs_desktop.domain.model import Decision
from cqrs_desktop.reports.summary import build_summary


def test_the_results_are_called_final_only_with_nothing_left_open() -> None:
    """Every flagged vaccination decided, but two doses given elsewhere are still to mark
    in the clinical system and a claim had no search: the banner says what is still open."""
    from cqrs_desktop.domain.model import Claim
    from cqrs_desktop.ui.results_page import complete_words
    from tests.reports.reports_factory import build_review, record, search_rows

    claims = [Claim("pertussis_pregnant", "2024-09", 2), Claim("menacwy", "2024-09", 6)]
    rows = search_rows([("pertussis_pregnant", "2024-09", 2)])
    open_ = build_summary(
        build_review(rows, claims, lambda e, _i: record(e, Decision.OTHER_PROVIDER))
    )
    assert open_.is_complete
    assert complete_words(open_) == (
        "✔ Every flagged vaccination has a decision. Still open: 2 records to update in the "
        "clinical system; 1 claim not checked (no search covers its month)."
    )
    done = build_summary(
        build_review(rows, claims[:1], lambda e, _i: record(e, Decision.OTHER_PROVIDER, True))
    )
    assert complete_words(done) == (
        "✔ Every flagged vaccination has a decision: the results are final."
    )
