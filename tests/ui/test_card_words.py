"""Words on the walkthrough's cards and bar that must not say more than is known: the
Vaccination card says only what the search can show (decision 94), and an empty list leaves
no earlier event's words on the bar."""

from __future__ import annotations

import dataclasses
import datetime as dt

from cqrs_desktop.domain.export_check import search_shows
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.ui.event_cards import VaccinationCard
from tests.factories import PRACTICE, row


def test_what_the_search_has_no_column_for_is_not_guessed(qtbot, rules) -> None:  # type: ignore[no-untyped-def]
    (event,) = Review(
        ReviewInputs(PRACTICE, (), (row(date=dt.date(2024, 9, 3), organisation=None),), (), ()),
        rules,
    ).events
    card = VaccinationCard()
    qtbot.addWidget(card)
    card.show_event(event, search_shows(["nhs_number", "event_date", "code"]))
    assert card.values["GMS"].text() == "not in the search (no GMS or Non-GMS column)"
    assert card.values["Organisation"].text() == "not in the search (no organisation column)"
    card.show_event(
        event, search_shows(["nhs_number", "event_date", "code", "gms", "organisation"])
    )
    shown = (card.values["GMS"].text(), card.values["Organisation"].text())
    assert shown == ("Yes", "not recorded")


def test_an_empty_list_leaves_no_earlier_events_tick_words(qtbot) -> None:  # type: ignore[no-untyped-def]
    from cqrs_desktop.ui.decision_bar import ACTION_DONE, NOT_NEEDED, DecisionBar

    bar = DecisionBar()
    qtbot.addWidget(bar)
    bar.action_done.setText(NOT_NEEDED)  # as the last event shown left it
    bar.show_nothing()
    assert bar.action_done.text() == ACTION_DONE and not bar.action_done.isChecked()


def test_a_vaccination_marked_unsure_earlier_shows_the_doubt_to_settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    from cqrs_desktop.domain.earlier import EarlierDecision
    from cqrs_desktop.domain.model import Decision
    from cqrs_desktop.domain.walkthrough import ActionState
    from cqrs_desktop.ui.decision_bar import DecisionBar
    from cqrs_desktop.ui.event_cards import disagreement_text

    doubt = EarlierDecision(
        "A.cqrsreview", "a" * 64, "A.cqrsreview", Decision.UNSURE, False,
        "Maternity letter? Ask Dr Shah", "A. Reviewer", "2026-10-01T10:00:00+00:00",
    )  # fmt: skip
    text = disagreement_text([doubt])
    assert "Marked unsure in an earlier review" in text
    assert "Maternity letter? Ask Dr Shah" in text and "A. Reviewer" in text
    assert "this search now shows" not in text.lower()
    assert "Unsure</b>: marked in A on " in text  # not "decided": unsure is no decision
    settled = disagreement_text([doubt], settled=True)
    assert "Settled in this review since." in settled and "settle it from" not in settled
    bar = DecisionBar()
    qtbot.addWidget(bar)
    bar.show_state(None, True, ActionState.NOT_NEEDED, None, False, None, 1, earlier_unsure=True)
    assert bar.decided_label.text() == (
        "Not decided yet: marked unsure in an earlier review (see Reasons)"
    )


def test_the_entries_of_a_duplicate_in_an_earlier_search_are_not_called_a_disagreement(
    qtbot,
) -> None:  # type: ignore[no-untyped-def]
    from cqrs_desktop.domain.earlier import EarlierDecision
    from cqrs_desktop.domain.model import Decision
    from cqrs_desktop.domain.walkthrough import ActionState
    from cqrs_desktop.ui.decision_bar import DecisionBar
    from cqrs_desktop.ui.event_cards import disagreement_text

    def entry(decision: Decision, note: str) -> EarlierDecision:
        return EarlierDecision(
            "A.cqrsreview", "a" * 64, "A.cqrsreview", decision, False, note, "A. Reviewer",
            "2026-10-01T10:00:00+00:00",
        )  # fmt: skip

    entries = [entry(Decision.PRACTICE, ""), entry(Decision.NOT_GIVEN, "duplicate entry")]
    text = disagreement_text(entries)
    assert "Held twice in an earlier review (a duplicate entry), not carried" in text
    assert "Which entry this is cannot be told" in text and "differently" not in text
    assert "duplicate entry" in text and "Given here" in text and "Not given" in text
    other = dataclasses.replace(entries[1], review="B.cqrsreview", review_sha256="b" * 64)
    assert "Decided differently in earlier reviews" in disagreement_text([entries[0], other])
    bar = DecisionBar()
    qtbot.addWidget(bar)
    bar.show_state(None, True, ActionState.NOT_NEEDED, None, False, None, 2, earlier_twice=True)
    assert bar.decided_label.text() == (
        "Not decided yet: an earlier review held it twice (see Reasons)"
    )


def test_what_carrying_did_reads_a_line_each_on_the_files_page() -> None:
    from cqrs_desktop.ui.earlier_reviews import _clauses

    said = (
        "2 now show as corrected; 1 cannot be checked (3 counted as updated earlier still "
        "count; the other 1 is still to update); 3 decisions kept for later reviews"
    )
    assert _clauses(said) == [
        "2 now show as corrected",
        "1 cannot be checked (3 counted as updated earlier still count; the other 1 is still "
        "to update)",
        "3 decisions kept for later reviews",
    ]
    assert _clauses("") == []


def test_a_review_that_cannot_be_read_is_not_called_more_recent_with_nothing_beside_it() -> None:
    from pathlib import Path

    from cqrs_desktop.store.earlier_review import ReviewAbout
    from cqrs_desktop.ui.start_page import month_words

    locked = ReviewAbout(
        Path("F99001 October.cqrsreview"), None, None, None, "open in CQRS Desktop"
    )
    assert month_words(None, locked, "F99001") == (
        "F99001 October is open in CQRS Desktop, so it cannot be read just now: close it "
        "there, then come back to this page."
    )
    damaged = ReviewAbout(Path("F99001 October.cqrsreview"), None, None, None, "damaged")
    assert month_words(None, damaged, "F99001") == (
        "F99001 October cannot be read (damaged: open a copy saved earlier, or start afresh)."
    )


def test_a_recent_review_not_found_with_nothing_offered_is_not_called_more_recent() -> None:
    from pathlib import Path

    from cqrs_desktop.ui.start_page import month_words

    gone = Path("S:/CQRS/F99001 October.cqrsreview")
    assert month_words(None, None, "F99001", gone).startswith(
        f"F99001 October is not found in {gone.parent} (moved or deleted, or on a drive not "
        "connected now): if it is a later review, "
    )


def test_the_offer_of_this_months_review_says_which_months_that_review_covers() -> None:
    """The button names the review; the words under it say the months it was of, so a
    practice with two reviews a month can tell which it is starting from."""
    from pathlib import Path

    from cqrs_desktop.store.earlier_review import ReviewAbout
    from cqrs_desktop.ui.start_page import MONTH_HINT, month_words

    path = Path("F99001 CQRS check 2026-11-05.cqrsreview")
    two = ReviewAbout(path, "F99001", "Riverside", "2026-11-05T10:00:00+00:00", None,
                      ("2026-09", "2026-10"))  # fmt: skip
    assert month_words(two, two, "F99001") == f"It covers Sep 2026 to Oct 2026. {MONTH_HINT}"
    unknown = ReviewAbout(path, "F99001", "Riverside", "2026-11-05T10:00:00+00:00")
    assert month_words(unknown, unknown, "f99001") == MONTH_HINT  # nothing said it cannot know


def test_the_overview_names_the_doses_no_longer_in_the_search(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A dose A decided as given elsewhere, gone from this month's search of September:
    the line under the Overview's table names her (before, only the workbook did)."""
    from cqrs_desktop import session
    from cqrs_desktop.ui.items_model import ItemsTableModel
    from tests.ui import carry_months as months

    a = months.review_a(tmp_path)
    search = tmp_path / "next.csv"
    rows = [r for r in months.SEPTEMBER if r[0] != months.PEOPLE[2]]  # decided elsewhere in A
    search.write_text(months.search_text(rows), encoding="utf-8")
    rules, _text = session.load_rules()
    imported = session.import_inputs(months.PRACTICE, [session.SearchFile(search)], [], [], rules)
    review = Review(imported.inputs, rules)
    session.carry_decisions(review, [a])
    model = ItemsTableModel()
    model.set_review(review)
    (item,) = model.items
    nhs = months.PEOPLE[2]
    said = model.details(item)
    assert (
        f"No longer in the search: {nhs[:3]}\u00a0{nhs[3:6]}\u00a0{nhs[6:]}, vaccinated "
        "04/09/2024 (Other provider, decided in A). The workbook's sheet \"No longer in "
        'search" lists each, with why.'
    ) in said
    # wrapped at any width, as the Overview's line is, the number is never split over two
    # lines (decision 543): "999 000" then "5036" reads as two numbers
    from PySide6.QtGui import QFont, QTextLayout, QTextOption

    from cqrs_desktop.ui.widgets import WrappedLabel

    label = WrappedLabel(said)
    qtbot.addWidget(label)
    number = f"{nhs[:3]}\u00a0{nhs[3:6]}\u00a0{nhs[6:]}"
    start = said.index(number)
    for width in range(120, 900, 7):
        layout = QTextLayout(said, QFont(label.font()))
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        breaks = []
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            breaks.append(line.textStart())
        layout.endLayout()
        assert not [b for b in breaks if start < b < start + len(number)], width


def test_why_to_check_names_the_tick_as_the_bar_does() -> None:
    """A dose still to correct said "then tick System updated": the bar's tick (A) is
    "Clinical system updated", so the card sent the reviewer looking for a box it has not."""
    from cqrs_desktop.domain.explain import STILL_TO_CORRECT, reason
    from cqrs_desktop.ui.decision_bar import ACTION_DONE

    assert f"tick {ACTION_DONE}" in reason(STILL_TO_CORRECT).check


def test_a_row_with_no_patient_details_is_not_sent_to_find_her_by_them(qtbot, rules) -> None:  # type: ignore[no-untyped-def]
    """A row with no NHS number, name or date of birth was told to find the patient by
    name and date of birth, which it lacks: it says where the row is instead (decision
    294); a row with a name and date of birth is still sent to find her by them."""
    from cqrs_desktop.ui.event_cards import ReasonsCard

    def check_words(**changes: object) -> str:
        (event,) = Review(
            ReviewInputs(PRACTICE, (), (row(nhs_number=None, row=7, **changes),), (), ()), rules
        ).events
        card = ReasonsCard()
        qtbot.addWidget(card)
        card.show_event(event, None)
        return card.text.text()

    nothing = check_words(surname=None, forenames=None, date_of_birth=None)
    assert "NHS number missing or not valid" in nothing
    assert "by name and date of birth" not in nothing
    assert "no name or date of birth" in nothing
    assert "row 7 of search.csv" in nothing and "05 Nov 2024" in nothing
    assert "by name and date of birth" in check_words()
    assert "by name" in check_words(date_of_birth=None)
    assert "by name and date of birth" not in check_words(date_of_birth=None)
    assert "by date of birth" in check_words(surname=None, forenames=None)


def test_the_patient_card_names_its_fields_as_the_worksheet_does(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The card said "Born" where the worksheet she ticks says "Date of birth" (decision
    297): the same thing under the same name on the screen and the paper."""
    from cqrs_desktop.reports.worksheet_content import WORKSHEET_COLUMNS
    from cqrs_desktop.ui.event_cards import PatientCard

    card = PatientCard()
    qtbot.addWidget(card)
    printed = {column.title for column in WORKSHEET_COLUMNS}
    assert {"NHS number", "Name", "Date of birth"} <= printed
    assert {"Name", "Date of birth"} <= set(card.values)
