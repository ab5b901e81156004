"""The walkthrough's progress line and the Overview's "Checked" column count alike (an
unsure one is seen, not checked), and a long progress line never widens the window past a
laptop's screen."""

from __future__ import annotations

from cqrs_desktop.domain.model import ClaimItem
from cqrs_desktop.domain.walkthrough import Progress
from cqrs_desktop.ui.event_detail import EventDetail
from cqrs_desktop.ui.items_model import CHECKED, ItemsTableModel


def test_the_overview_counts_checked_as_the_walkthrough_does(qtbot) -> None:  # type: ignore[no-untyped-def]
    item = ClaimItem(
        "pertussis_pregnant", "2024-09", 7, 7, 7, (),
        decisions={"practice": 5, "other_provider": 1}, unsure=1, pending=0, unsure_flagged=1,
    )  # fmt: skip
    model = ItemsTableModel()
    model.items = [item]
    assert model.text(item, CHECKED) == "6 of 7, 1 unsure"
    assert Progress(checked=7, total=7, unsure=1).text() == "6 of 7 checked, 1 unsure"
    # a month no search covered was not checked: not "none needed"
    claimed = ClaimItem("pertussis_pregnant", "2024-12", 6, 0, 0, (), covered=False)
    assert model.text(claimed, CHECKED) == "not searched"


def test_a_long_progress_line_wraps_and_never_widens_the_page(qtbot) -> None:  # type: ignore[no-untyped-def]
    detail = EventDetail("EMIS Web")
    qtbot.addWidget(detail)
    detail.show_progress(Progress(checked=6, total=7, unsure=1))
    short = detail.minimumSizeHint().width()
    detail.show_progress(Progress(checked=1250, total=1250, unsure=1249))
    assert detail.progress_label.text() == (
        "1 of 1250 checked, 1249 unsure · all seen, unsure ones to settle"
    )
    assert detail.progress_label.minimumSizeHint().width() < 300
    assert detail.minimumSizeHint().width() <= max(short, 340)


def test_a_month_not_searched_says_an_earlier_check_decided_some(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """October's search only, carrying A (September, claimed 6): September is not checked
    here, and the line under the table says, as the email does, that an earlier check
    decided its six vaccinations and they are not checked again."""
    from cqrs_desktop import session
    from cqrs_desktop.domain.model import Claim, ItemStatus
    from cqrs_desktop.domain.review import Review

    from . import carry_months as months

    review_a = months.review_a(tmp_path)
    search = tmp_path / "october.csv"
    search.write_text(months.search_text(months.OCTOBER), encoding="utf-8")
    rules, _ = session.load_rules()
    claims = (Claim("pertussis_pregnant", "2024-09", 6),)
    imported = session.import_inputs(
        months.PRACTICE, [session.SearchFile(search)], [], claims, rules
    )
    review = Review(imported.inputs, rules)
    session.carry_decisions(review, [review_a])
    model = ItemsTableModel()
    model.set_review(review)
    (september,) = [i for i in model.items if i.month == "2024-09"]
    assert september.status is ItemStatus.NOT_CHECKED
    assert model.details(september) == (
        "Pertussis (pregnant women), September 2024: Not checked: no search covered this "
        "month. An earlier check decided 6 of its vaccinations; they are not checked again "
        "here."
    )
    (october,) = [i for i in model.items if i.month == "2024-10"]
    assert "earlier check" not in model.details(october)


def test_a_mark_of_unsure_on_a_vaccination_not_flagged_is_not_counted_as_a_flagged_one() -> None:
    """HPV August: two vaccinations, one flagged (another organisation) and decided given
    here, the other not flagged and marked unsure. The walk-through and the report say
    the one needing a check has a decision; the "Checked" column said "0 of 1, 1 unsure",
    counting the unflagged mark as the flagged vaccination's."""
    from cqrs_desktop.domain.model import Claim, Decision
    from cqrs_desktop.domain.review import Review
    from cqrs_desktop.reports.summary import build_summary
    from tests.reports.reports_factory import build_review, record, search_rows

    rows = search_rows([("hpv", "2024-08", 2)], organisation=True)
    plain = build_review(rows, [Claim("hpv", "2024-08", 2)])
    flagged = {e.id: e.needs_review for e in plain.events}
    assert sorted(flagged.values()) == [False, True]
    review: Review = build_review(
        rows,
        [Claim("hpv", "2024-08", 2)],
        lambda e, _i: record(e, Decision.PRACTICE if e.needs_review else Decision.UNSURE),
    )
    model = ItemsTableModel()
    model.set_review(review)
    (item,) = model.items
    assert model.text(item, CHECKED) == "1 of 1"
    assert "1 more marked unsure" in (model.data(model.index(0, CHECKED), 3) or "")
    summary = build_summary(review)
    assert (summary.decided, summary.needs_review) == (1, 1)
