"""The steps shared by the window and the command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cqrs_desktop import paths, session
from cqrs_desktop.domain.model import Decision, Practice
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.errors import ReviewError
from cqrs_desktop.sources import DecisionRow
from tests.factories import NHS, PRACTICE, row


def test_user_rules_override(private_home: Path) -> None:
    text = paths.resource("rules.toml").read_text(encoding="utf-8")
    override = paths.config_dir() / "rules.toml"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text(
        text.replace("declaration_threshold = 5", "declaration_threshold = 3"), encoding="utf-8"
    )
    rules, _ = session.load_rules()
    assert rules.declaration_threshold == 3


def test_broken_rules_override_is_a_clear_error(private_home: Path) -> None:
    override = paths.config_dir() / "rules.toml"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text("programmes = [", encoding="utf-8")
    with pytest.raises(ReviewError, match=r"^rules.toml: not valid TOML"):
        session.load_rules()


def _review(rules) -> Review:  # type: ignore[no-untyped-def]
    rows = (
        row(row=2, date=dt.date(2024, 9, 3)),
        row(row=3, date=dt.date(2024, 9, 3)),  # same patient, same day: two events
        row(row=4, nhs_number=NHS[1], date=dt.date(2024, 9, 5)),
    )
    return Review(ReviewInputs(PRACTICE, (), rows, (), ()), rules)


def decision_row(
    n: int,
    nhs: str,
    day: dt.date,
    event_id: str | None = None,
    programme: str = "pertussis_pregnant",
) -> DecisionRow:
    return DecisionRow(
        row=n,
        nhs_number=nhs,
        programme=programme,
        date=day,
        decision=Decision.PRACTICE,
        event_id=event_id,
        action_done=False,
        note="",
        reviewer=None,
    )


def test_decisions_match_one_event(rules) -> None:  # type: ignore[no-untyped-def]
    review = _review(rules)
    records = session.match_decisions(
        review,
        [decision_row(2, NHS[1], dt.date(2024, 9, 5), programme="Pertussis")],
        "d.csv",
        "J. Reviewer",
    )
    assert [r.event_id for r in records] == [review.events[2].id]
    assert records[0].reviewer == "J. Reviewer"


@pytest.mark.parametrize(
    ("nhs", "day", "message"),
    [
        (NHS[0], dt.date(2024, 9, 3), "d.csv: row 7: 2 vaccinations match; add an event_id"),
        (NHS[2], dt.date(2024, 9, 3), "d.csv: row 7: no vaccination matches"),
    ],
)
def test_ambiguous_or_unmatched_decision_rows(rules, nhs, day, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ReviewError, match=message):
        session.match_decisions(_review(rules), [decision_row(7, nhs, day)], "d.csv", None)


def test_event_id_settles_ambiguity(rules) -> None:  # type: ignore[no-untyped-def]
    review = _review(rules)
    wanted = review.events[1].id
    records = session.match_decisions(
        review, [decision_row(2, NHS[0], dt.date(2024, 9, 3), event_id=wanted)], "d.csv", None
    )
    assert records[0].event_id == wanted
    with pytest.raises(ReviewError, match="no vaccination of this review has the event_id") as e:
        session.match_decisions(
            review, [decision_row(2, NHS[0], dt.date(2024, 9, 3), "nope")], "d.csv", None
        )
    assert "nope" not in str(e.value)  # the cell is not quoted
    assert "bring its decisions with --carry" in str(e.value)  # (last month's workbook?)


def test_demo_inputs_import(rules) -> None:  # type: ignore[no-untyped-def]
    practice = session.demo_practice()
    result = session.import_inputs(
        practice, session.demo_searches(), session.demo_cqrs_files(), [], rules
    )
    review = Review(result.inputs, rules)
    assert len(review.events) > 50
    assert any("Shingles" in n for n in result.notices)
    assert isinstance(practice, Practice) and practice.ods_code == "Y99001"


def test_import_can_be_cancelled(rules) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(session.OperationCancelled):
        session.import_inputs(
            session.demo_practice(), session.demo_searches(), [], [], rules, cancelled=lambda: True
        )


def test_two_rows_deciding_one_vaccination_differently_are_refused(rules) -> None:  # type: ignore[no-untyped-def]
    """Once the last row won without a word; the same decision twice is harmless."""
    import dataclasses

    review = _review(rules)
    first = decision_row(2, NHS[1], dt.date(2024, 9, 5), programme="Pertussis")
    again = dataclasses.replace(first, row=9)
    records = session.match_decisions(review, [first, again], "d.csv", None)
    assert len(records) == 1
    # a note differing only in case, a tick "given here" does not use: the same decision
    same = dataclasses.replace(first, row=9, note=first.note.upper(), action_done=True)
    assert len(session.match_decisions(review, [first, same], "d.csv", None)) == 1
    other = dataclasses.replace(first, row=9, decision=Decision.OTHER_PROVIDER)
    with pytest.raises(
        ReviewError,
        match=r"d\.csv: row 9: the same vaccination as row 2, with another decision "
        r"\(practice, then other_provider\); keep one of the two rows",
    ):
        session.match_decisions(review, [first, other], "d.csv", None)


def test_a_file_back_two_reviews_on_proves_nothing_new(tmp_path: Path) -> None:
    """September's review (A) ticked a dose given elsewhere as updated; October's (B)
    carried A with an October search only, keeping September's decisions; November's (C)
    imports September's very file again with B's decisions: nothing new is shown, so the
    tick stands (before, B did not know which file they were made on: every tick undone)."""
    from cqrs_desktop import session
    from tests.ui import carry_months as months

    a = months.review_a(tmp_path)
    rules, text = session.load_rules()

    def made(name: str, searches: list[Path], earlier: Path) -> tuple[Review, object]:
        files = [session.SearchFile(s) for s in searches]
        imported = session.import_inputs(months.PRACTICE, files, [], [], rules)
        review = Review(imported.inputs, rules)
        carried = session.carry_decisions(review, [earlier])
        session.new_review(tmp_path / name, review, text, (), carried).close()
        return review, carried

    october = tmp_path / "october.csv"
    october.write_text(months.search_text(months.OCTOBER), encoding="utf-8")
    made("B.cqrsreview", [october], a)
    c, _ = made("C.cqrsreview", [tmp_path / "a_search.csv", october], tmp_path / "B.cqrsreview")
    ticked = months.PEOPLE[3]  # "other provider", ticked as updated in A
    (event,) = [e for e in c.events if e.nhs_number == ticked]
    record = c.decision(event.id)
    assert record is not None and record.action_done and record.export_check is None


def test_a_carry_cancelled_stops_between_files_and_leaves_the_review_as_it_was(
    tmp_path: Path,
) -> None:
    """Cancel is asked after each earlier review read (a large one takes seconds): the
    next file is not read, and the review takes no decision."""
    from cqrs_desktop import session
    from tests.ui import carry_months as months

    a = months.review_a(tmp_path)
    rules, _ = session.load_rules()
    files = [session.SearchFile(tmp_path / "a_search.csv")]
    review = Review(session.import_inputs(months.PRACTICE, files, [], [], rules).inputs, rules)
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1  # the user pressed Cancel while the first file was read

    missing = tmp_path / "not-read.cqrsreview"  # never opened: it would be refused
    with pytest.raises(session.OperationCancelled):
        session.carry_decisions(review, [a, missing], cancelled)
    assert len(asked) == 2
    assert all(review.decision(e.id) is None for e in review.events)
    assert session.carry_decisions(review, [a]).records  # (not cancelled, it carries)


def test_a_decisions_file_s_decided_at_is_kept(rules) -> None:  # type: ignore[no-untyped-def]
    """A row that says when it was decided keeps that time; one that does not is decided
    now (the import)."""
    import dataclasses

    review = _review(rules)
    said = "2026-11-06T10:15:00+00:00"
    wanted = review.events[0].id
    first = dataclasses.replace(
        decision_row(2, NHS[0], dt.date(2024, 9, 3), wanted), decided_at=said
    )
    second = decision_row(3, NHS[1], dt.date(2024, 9, 5))
    records = session.match_decisions(review, [first, second], "d.csv", None)
    assert records[0].decided_at == said
    assert records[1].decided_at and records[1].decided_at > "2026-12"


def test_a_decision_said_to_be_made_before_its_vaccination_is_refused(rules) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    review = _review(rules)
    early = dataclasses.replace(
        decision_row(4, NHS[1], dt.date(2024, 9, 5)), decided_at="2024-09-01T10:00:00+01:00"
    )
    with pytest.raises(ReviewError, match=r"d\.csv: row 4: it says it was decided before the "):
        session.match_decisions(review, [early], "d.csv", None)
