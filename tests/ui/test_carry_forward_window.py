"""Month after month in the window (issue 14): this month's review started from last
month's on the start page, its decisions brought on the Files page, the next search showing
which records were corrected; the card, the list and the Overview say so. Invented people,
NHS numbers in the 999 range."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt

from cqrs_desktop import paths, settings
from cqrs_desktop.domain.model import Decision
from cqrs_desktop.reports.summary import build_summary
from cqrs_desktop.ui import messages
from cqrs_desktop.ui.event_table import NOT_CARRIED, NOT_CORRECTED, STATUS, WHY
from cqrs_desktop.ui.main_window import OVERVIEW, SOURCES, WALKTHROUGH
from cqrs_desktop.ui.start_page import MONTH_HINT
from tests.support.cut_short import left_part_saved

from . import carry_months as months
from .conftest import earlier_read, wait_idle


def _recent(window, *reviews: Path) -> None:  # type: ignore[no-untyped-def]
    """The reviews as the window would have listed them once opened (the last, latest)."""
    for review in reviews:
        window.settings = window.settings.with_recent(review)
    settings.save(window.settings)
    window.close_review()  # back on the start page: the offers are read again


def _made_on(review: Path, when: str) -> Path:
    """The review as if made at `when` (ISO), not today."""
    with sqlite3.connect(review) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'created_at'", (when,))
    db.close()
    return review


def _of_another_practice(review: Path, name: str = "Elsewhere") -> Path:
    """The review made a review of practice Y99002 (`name`)."""
    with sqlite3.connect(review) as db:
        db.execute(
            "UPDATE meta SET value = ? WHERE key = 'practice'",
            (json.dumps({"ods_code": "Y99002", "name": name, "reviewer": None}),),
        )
    db.close()
    return review


def _start_this_month(qtbot, window, search: Path) -> None:  # type: ignore[no-untyped-def]
    """From the start page, as the user would: this month's review from the latest, with
    `search` added and imported."""
    qtbot.waitUntil(window.start.month_button.isVisible, timeout=5000)
    qtbot.mouseClick(window.start.month_button, Qt.MouseButton.LeftButton)
    earlier_read(qtbot, window)
    window.sources.add_files([search])
    wait_idle(qtbot, window)
    qtbot.mouseClick(window.sources.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)


def _by_nhs(window) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {e.nhs_number: e.id for e in window.session.review.events}


def _status_cell(window, event_id: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    model = window.walkthrough.events.model
    row = model.row_of(window.session.review.index_of(event_id))
    assert row is not None
    index = model.index(row, STATUS)
    return model.data(index), model.data(index, Qt.ItemDataRole.ToolTipRole)


def test_this_months_review_from_the_start_page(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reviews = paths.reviews_dir()
    reviews.mkdir(parents=True, exist_ok=True)
    review_a = months.review_a(reviews)
    a_bytes = review_a.read_bytes()
    _recent(window, review_a)

    # the start page offers this month's review from A, and a click starts it
    start = window.start
    qtbot.waitUntil(start.month_button.isVisible, timeout=5000)
    assert start.month_button.text() == "Start this month's review from A…"
    assert start.month_hint.text().startswith(
        "It covers Sep 2024 and holds 6 decisions. The same practice"
    )
    qtbot.mouseClick(start.month_button, Qt.MouseButton.LeftButton)
    earlier_read(qtbot, window)
    assert window.pages.currentIndex() == SOURCES and window.session is None
    page = window.sources
    panel = page.earlier
    assert panel.isVisible() and panel.list.count() == 1
    # how many decisions it brings, and the months it is of
    assert panel.list.item(0).text().startswith("A · 6 decisions · made ")
    assert panel.list.item(0).text().endswith(" · for Sep 2024")
    assert panel.paths() == [review_a]  # ticked
    assert "Decisions are brought from A." in page.import_hint.text()

    # next month's search: September again (two of A's outside doses now Non-GMS) and
    # October's new vaccinations; imported with A's decisions
    page.add_files([months.next_month_search(tmp_path)])
    wait_idle(qtbot, window)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)
    session = window.session
    review = session.review
    ids = _by_nhs(window)
    assert "6 decisions carried from earlier reviews" in window.statusBar().currentMessage()

    # the overlapping vaccinations carry A's decisions; only October's need deciding
    for nhs, decision, _done in months.A_DECISIONS:
        record = review.decision(ids[nhs])
        assert record is not None and record.decision.value == decision
        assert record.carried_from == "A.cqrsreview" and record.note == "from A"
    october = {ids[nhs] for nhs, _date in months.OCTOBER}
    pending = {e.id for e in review.events if e.needs_review and review.decision(e.id) is None}
    assert pending == october
    assert session.walk.progress().remaining == 3
    assert session.walk.current.id in october  # the walk starts where the work is
    assert window.pages.currentIndex() == WALKTHROUGH

    # the card: decided in A, by whom; the two now marked Non-GMS show the export's proof
    page = window.walkthrough
    for nhs in months.CORRECTED:
        page.show_event(ids[nhs])
        said = page.bar.decided_label.text()
        assert "Recorded: Other provider, decided in A on " in said and "by Sam Earlier" in said
        assert page.action_done.isChecked()
        assert page.action_done.text() == "Clinical system updated: Yes (seen in the export)"
        assert page.bar.evidence.isVisible()
        assert page.bar.evidence.text().startswith("Seen corrected in october_search.csv, row ")
        # its Non-GMS mark is the correction, not a new thing to check (helper-52)
        why = page.reasons.text.text()
        assert "Marked as not GMS" in why and "this is the correction, seen in the export" in why
        assert "Confirm whether the practice" not in why
        text, tip = _status_cell(window, ids[nhs])
        assert text == "Other provider ↩ ✓" and "decided in A on " in tip
    # the rest still show the practice's own dose: not yet corrected, whatever A said
    for nhs in months.NOT_YET:
        page.show_event(ids[nhs])
        assert not page.action_done.isChecked()
        assert page.bar.evidence.text().startswith(
            "Not yet corrected in the clinical system: still the practice's own dose in "
            "october_search.csv, row "
        )
        assert page.bar.follow_up.isVisible()  # what to change, then A
        assert "this is the correction" not in page.reasons.text.text()
    page.show_event(ids[months.PEOPLE[4]])  # given here, carried: nothing to change
    assert "decided in A" in page.bar.decided_label.text()
    assert not page.bar.evidence.isVisible()
    # a new vaccination is the reviewer's own
    page.show_event(next(iter(october)))
    assert page.bar.decided_label.text() == "Not decided yet: what does the record show?"

    # the list narrowed to those not yet corrected: the two
    window.show_page(WALKTHROUGH)
    page.show_list(NOT_CORRECTED)
    shown = {review.events[i].id for i in page.events.model.rows}
    assert shown == {ids[nhs] for nhs in months.NOT_YET}

    # the Overview counts both, as the email does
    window.show_page(OVERVIEW)
    overview = window.overview
    line = overview.carried.text()
    assert "From earlier reviews: 6 decisions brought" in line
    assert "2 seen corrected in the latest search" in line
    assert (
        "2 still shown as the practice's own dose in the latest search and not ticked as "
        "updated" in line
    )
    summary = build_summary(review)
    assert (summary.seen_corrected, summary.not_yet_corrected, summary.carried) == (2, 2, 6)
    assert (review.seen_corrected, review.not_yet_corrected, review.carried) == (2, 2, 6)

    # the Files page says where the decisions came from
    window.show_page(SOURCES)
    said_made = (
        "6 decisions made in A.\nWhen this review was made: of the doses needing a change "
        "in the clinical system, 2 now show as corrected in this search and 2 not yet."
    )
    assert window.sources.earlier.carried_label.text() == said_made
    # ... with no list of reviews to tick, however the window is sized (the review is made)
    window.resize(1093, 614)
    qtbot.wait(50)
    window.resize(1366, 700)
    qtbot.wait(50)
    assert window.sources.earlier.list.isHidden()

    # the audit log names A and its SHA-256; A itself was only read
    import hashlib

    carried = [json.loads(e.new or "") for e in session.store.audit_log() if e.what == "carried"]
    assert len(carried) == 6
    assert {(c["read_from"], c["read_from_sha256"]) for c in carried} == {
        ("A.cqrsreview", hashlib.sha256(a_bytes).hexdigest())
    }
    assert review_a.read_bytes() == a_bytes

    # opened again another day: the Files page still says what carrying did
    path = session.path
    window.close_review()
    window.open_review(path)
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)
    assert window.sources.earlier.carried_label.text() == said_made


def test_earlier_reviews_that_disagree_show_both_on_the_card(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = months.SEPTEMBER[:2]
    first = months.PEOPLE[0]
    review_a = months.make_review(
        tmp_path, "A", rows, [(first, "practice", "no")], "seen at clinic"
    )
    review_c = months.make_review(
        tmp_path, "C", rows, [(first, "other_provider", "no")], "maternity"
    )
    _recent(window, review_a, review_c)

    window.new_review()
    earlier_read(qtbot, window)
    panel = window.sources.earlier
    assert panel.list.count() == 2 and len(panel.paths()) == 1  # the latest ticked
    # the other one ticked too, from the keyboard
    panel.list.setFocus()
    unticked = next(
        r for r in range(2) if panel.list.item(r).checkState() == Qt.CheckState.Unchecked
    )
    panel.list.setCurrentRow(unticked)
    qtbot.keyClick(panel.list, Qt.Key.Key_Space)
    assert sorted(p.name for p in panel.paths()) == ["A.cqrsreview", "C.cqrsreview"]

    search = tmp_path / "again.csv"
    search.write_text(months.search_text(rows), encoding="utf-8")
    window.sources.add_files([search])
    wait_idle(qtbot, window)
    window.sources.request_import()
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)
    ids = _by_nhs(window)
    assert window.session.review.decision(ids[first]) is None  # left to decide again
    page = window.walkthrough
    page.show_event(ids[first])
    assert page.bar.decided_label.text() == (
        "Not decided yet: earlier reviews decided it differently (see Reasons)"
    )
    why = page.reasons.text.text()
    assert "Decided differently in earlier reviews" in why
    assert "<b>Given here</b>: decided in A on " in why and "(note: seen at clinic)" in why
    assert "<b>Other provider</b>: decided in C on " in why and "(note: maternity)" in why
    # found from the list: its code under Why, and a filter of its own (helper-52's
    # acceptance run: it read "To check", like any new vaccination)
    model = page.events.model
    row = model.row_of(window.session.review.index_of(ids[first]))
    assert row is not None
    assert model.data(model.index(row, WHY)) == "DIFF"
    assert "Decided differently in earlier reviews" in model.data(
        model.index(row, WHY), Qt.ItemDataRole.ToolTipRole
    )
    page.show_list(NOT_CARRIED)
    assert [window.session.review.events[i].id for i in model.rows] == [ids[first]]
    assert page.events.status_box.currentText() == f"{NOT_CARRIED} (1)"
    window.show_page(OVERVIEW)
    line = window.overview.carried.text()
    assert "1 vaccination whose earlier decision was not carried" in line
    window.show_page(WALKTHROUGH)
    page.show_event(ids[first])
    page.decide(Decision.OTHER_PROVIDER)  # decided here: no longer to decide
    assert window.session.review.decision(ids[first]) is not None
    window.show_page(OVERVIEW)
    said = window.overview.carried
    assert said.isHidden() or "whose earlier decision was not carried" not in said.text()


def test_only_the_practices_own_reviews_are_offered(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ours = months.make_review(tmp_path, "Ours", months.SEPTEMBER[:1], [])
    theirs = tmp_path / "Theirs.cqrsreview"
    other = _of_another_practice(months.make_review(tmp_path, "Other", months.SEPTEMBER[:1], []))
    other.rename(theirs)
    _recent(window, ours, theirs)

    window.new_review()
    earlier_read(qtbot, window)
    panel = window.sources.earlier
    assert [panel.list.item(r).text().split(" · ")[0] for r in range(panel.list.count())] == [
        "Ours"
    ]
    # chosen by hand, another practice's review is refused, with the reason
    window.sources._earlier_chosen(theirs)
    earlier_read(qtbot, window)
    assert "a review of practice Y99002, not F99001" in messages.last_problem[0].text()
    assert panel.paths() == [ours]


def test_a_review_open_elsewhere_is_listed_but_cannot_be_ticked(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from cqrs_desktop.store import ReviewFile

    busy = months.make_review(tmp_path, "Busy", months.SEPTEMBER[:1], [])
    _recent(window, busy)
    with ReviewFile.open(busy):  # another window has it
        window.new_review()
        earlier_read(qtbot, window)
        panel = window.sources.earlier
        assert panel.list.count() == 1
        assert "open in CQRS Desktop: close it there" in panel.list.item(0).text()
        assert panel.paths() == []


def test_a_ticked_review_opened_elsewhere_meanwhile_stops_the_import(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from cqrs_desktop.store import ReviewFile

    review_a = months.review_a(tmp_path)
    _recent(window, review_a)
    window.new_review()
    earlier_read(qtbot, window)
    page = window.sources
    assert page.earlier.paths() == [review_a]
    page.add_files([months.next_month_search(tmp_path)])
    wait_idle(qtbot, window)
    window.statusBar().showMessage("1 decision carried from earlier reviews (an old one)")
    with ReviewFile.open(review_a):  # someone opened it in another window since
        page.request_import()
        wait_idle(qtbot, window)
    assert window.session is None
    assert window.statusBar().currentMessage() == ""  # nothing said of another import
    assert "close it there first" in page.import_hint.text()
    untick = "(to import without it, untick it under “Bring decisions from earlier reviews”)"
    assert page.import_hint.text().endswith(untick)
    assert [e.name for e in page.waiting] == ["october_search.csv"]  # the files wait
    review_a.unlink()  # deleted since it was listed, still ticked
    page.request_import()
    wait_idle(qtbot, window)
    assert window.session is None
    assert (
        "A.cqrsreview: the earlier review is no longer there (moved or deleted) " + untick
    ) in page.import_hint.text()


def test_a_dose_gone_from_the_next_search_is_counted_on_the_overview(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    reviews = paths.reviews_dir()
    reviews.mkdir(parents=True, exist_ok=True)
    _recent(window, months.review_a(reviews))
    start = window.start
    qtbot.waitUntil(start.month_button.isVisible, timeout=5000)
    qtbot.mouseClick(start.month_button, Qt.MouseButton.LeftButton)
    earlier_read(qtbot, window)
    # the next search no longer finds one of A's doses given elsewhere (recoded)
    search = tmp_path / "november_search.csv"
    rows = [r for r in months.SEPTEMBER if r[0] != months.PEOPLE[0]]
    search.write_text(months.search_text(rows), encoding="utf-8")
    window.sources.add_files([search])
    wait_idle(qtbot, window)
    qtbot.mouseClick(window.sources.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)
    said = window.statusBar().currentMessage()
    assert said.startswith("5 decisions carried from earlier reviews (what the latest search")
    (gone,) = window.session.review.gone
    assert gone.evidence == "not in november_search.csv, which covers September 2024"
    window.show_page(OVERVIEW)
    assert (
        "1 dose decided earlier as needing a change no longer in the latest search"
        in window.overview.carried.text()
    )
    assert window.overview.carried.isVisible()
    # the month's line names the dose: given all the lines it needs, on a laptop's window
    window.resize(1093, 614)
    window.overview.view.selectRow(0)
    details = window.overview.details
    assert "No longer in the search" in details.text()
    two_lines = 2 * details.fontMetrics().lineSpacing()  # (it wraps at this width)
    qtbot.waitUntil(
        lambda: details.width() > 0 and details.heightForWidth(details.width()) >= two_lines
    )
    qtbot.waitUntil(lambda: details.height() >= details.heightForWidth(details.width()))


def test_a_search_with_no_gms_column_is_said_on_the_overview_and_the_card(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The next search has no GMS, Non-GMS or organisation column: the four doses given
    elsewhere cannot be checked against it; the Overview counts them as the notice does,
    and the card says GMS is not in the search (decision 94)."""
    reviews = paths.reviews_dir()
    reviews.mkdir(parents=True, exist_ok=True)
    _recent(window, months.review_a(reviews))
    start = window.start
    qtbot.waitUntil(start.month_button.isVisible, timeout=5000)
    qtbot.mouseClick(start.month_button, Qt.MouseButton.LeftButton)
    earlier_read(qtbot, window)
    search = tmp_path / "no_gms.csv"
    lines = months.search_text(months.SEPTEMBER).splitlines()
    search.write_text(
        "\n".join(",".join(line.split(",")[:7]) for line in lines) + "\n", encoding="utf-8"
    )
    window.sources.add_files([search])
    wait_idle(qtbot, window)
    qtbot.mouseClick(window.sources.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)
    review = window.session.review
    assert (review.cannot_check, review.seen_corrected, review.not_yet_corrected) == (4, 0, 0)
    window.show_page(OVERVIEW)
    assert (
        "4 cannot be checked against the latest search (it has no GMS or Non-GMS column)"
        in window.overview.carried.text()
    )
    window.show_page(WALKTHROUGH)
    window.walkthrough.show_event(_by_nhs(window)[months.PEOPLE[3]])  # A ticked it updated
    page = window.walkthrough
    assert page.vaccination.values["GMS"].text().startswith("not in the search")
    assert page.bar.action_done.isChecked()  # the earlier word stands
    assert "cannot show whether the record was marked" in page.bar.evidence.text()


def test_decisions_kept_for_later_reviews_are_said_on_the_files_page(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """October's search only, from A (September): A's decisions are kept for later
    reviews, and the window says so (the status bar, then the Files page)."""
    review_a = months.review_a(tmp_path)
    _recent(window, review_a)
    window.new_review()
    earlier_read(qtbot, window)
    assert window.sources.earlier.paths() == [review_a]
    search = tmp_path / "october.csv"
    search.write_text(months.search_text(months.OCTOBER), encoding="utf-8")
    window.sources.add_files([search])
    wait_idle(qtbot, window)
    window.sources.request_import()
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)
    said = window.statusBar().currentMessage()
    assert said.startswith("0 decisions carried from earlier reviews")
    assert said.endswith(", and what was not: see the Overview and Files")
    assert window.session.review.decisions == {}
    panel = window.sources.earlier
    assert panel.isVisibleTo(window.sources)
    assert panel.carried_label.text() == (
        "When this review was made: 6 decisions for months, days or programmes this review's "
        "searches do not cover, kept for later reviews."
    )
    # opened again from its file: what carrying did when it was made is still said
    made = panel.carried_label.text()
    path = window.session.path
    window.close_review()
    window.open_review(path)
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)
    assert window.sources.earlier.carried_label.text() == made
    assert window.statusBar().currentMessage() == ""  # not said again as news


def _damaged(path: Path) -> Path:
    """The review cut short (a copy interrupted, a USB stick pulled out)."""
    with path.open("r+b") as handle:
        handle.truncate(4096)
    return path


def test_a_latest_review_that_cannot_be_read_is_said_not_passed_over(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Last month's review damaged: the start page says so, and offers the one before it
    as the one before it; the Files page lists it greyed, with why, and ticks the one
    before. Open in another window: the same, with what to do."""
    from cqrs_desktop.store import ReviewFile

    september = months.make_review(tmp_path, "F99001 September", months.SEPTEMBER[:1], [])
    october = months.make_review(tmp_path, "F99001 October", months.SEPTEMBER[:1], [])
    _made_on(september, "2024-10-02T10:00:00+01:00")
    _made_on(october, "2024-11-04T10:00:00+00:00")  # (made last month or before)
    _recent(window, september, october)
    start = window.start
    qtbot.waitUntil(start.month_button.isVisible, timeout=5000)
    assert start.month_button.text() == "Start this month's review from F99001 October…"
    assert start.month_button.hasFocus()  # Enter starts it

    with ReviewFile.open(october):  # open in another window
        window.close_review()
        qtbot.waitUntil(lambda: "September" in start.month_button.text(), timeout=5000)
        words = start.month_hint.text()
        assert words.startswith(
            "F99001 October was changed more recently and is open in CQRS Desktop, so it "
            "cannot be read just now: close it there, then come back to this page. This offer "
            "is from the latest review that can be read, made "
        )

    _damaged(october)
    window.close_review()
    qtbot.waitUntil(lambda: window.offer_reading is None, timeout=5000)  # (read off-thread)
    assert start.month_button.text() == "Start this month's review from F99001 September…"
    assert start.month_hint.text().startswith(
        "F99001 October was changed more recently but cannot be read (not a CQRS Desktop "
        "review, or damaged: open a copy saved earlier, or start afresh). This offer is from "
        "the latest review that can be read, made "
    )

    window.new_review()
    earlier_read(qtbot, window)
    panel = window.sources.earlier
    lines = [panel.list.item(r).text() for r in range(panel.list.count())]
    assert lines[0].startswith("F99001 October · ") and "damaged" in lines[0]
    assert lines[1].startswith("F99001 September · 0 decisions · made ")
    assert panel.paths() == [september]


def test_a_review_made_this_month_is_carried_on_with_by_enter(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Mid-month, the app opened again: Enter on the start page started another review
    from the one being worked on (its Files page, empty). A review made this month is now
    selected under Recent reviews, where Enter opens it; the offer to start another from
    it stays, and says so. One made last month is still the offer Enter takes."""
    reviews = paths.reviews_dir()
    reviews.mkdir(parents=True, exist_ok=True)
    november = _made_on(
        months.make_review(reviews, "F99001 November", months.SEPTEMBER[:1], []),
        "2024-11-04T10:00:00+00:00",
    )
    december = months.review_a(reviews)  # made today
    _recent(window, december, november)  # November's opened last, to look at it
    start = window.start
    qtbot.waitUntil(start.month_button.isVisible, timeout=5000)
    assert start.month_button.text() == "Start this month's review from A…"
    assert start.month_hint.text().endswith(
        f"{MONTH_HINT} You made A this month: to carry on with it, open it under Recent "
        "reviews (Enter opens it)."
    )
    window.activateWindow()
    start.focus_first()
    assert start.recent.hasFocus() and start.recent.currentItem().text().startswith("A ")
    qtbot.keyClick(start.recent, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)
    assert window.session.path == december

    window.close_review()
    _made_on(december, "2024-12-02T09:00:00+00:00")  # an earlier month, now
    _recent(window, december)
    qtbot.waitUntil(lambda: "You made" not in start.month_hint.text(), timeout=5000)
    window.activateWindow()
    start.focus_first()
    assert start.month_button.hasFocus()  # Enter starts this month's review from it


def test_a_latest_review_made_by_a_newer_version_is_said_not_offered(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """October's review made on a PC with a newer CQRS Desktop: this one cannot read its
    decisions, so it is neither offered on the start page nor ticked on the Files page
    (it was, and Import then stopped on it); the start page says what to do. Only read."""
    from cqrs_desktop.store.schema import SCHEMA_VERSION

    september = months.make_review(tmp_path, "F99001 September", months.SEPTEMBER[:1], [])
    october = months.make_review(tmp_path, "F99001 October", months.SEPTEMBER[:1], [])
    with sqlite3.connect(october) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = (october.read_bytes(), october.stat().st_mtime_ns)
    _recent(window, september, october)
    start = window.start
    qtbot.waitUntil(start.month_button.isVisible, timeout=5000)
    assert start.month_button.text() == "Start this month's review from F99001 September…"
    assert start.month_hint.text().startswith(
        "F99001 October was made by a newer version of CQRS Desktop, which this one cannot "
        "read: to start from it, ask IT to update CQRS Desktop on this PC. This offer is from "
        "the latest review that can be read, made "
    )

    window.new_review()
    earlier_read(qtbot, window)
    panel = window.sources.earlier
    lines = [panel.list.item(r).text() for r in range(panel.list.count())]
    assert lines[0] == (
        "F99001 October · made by a newer version of CQRS Desktop: to bring its decisions, "
        "the app here needs updating"
    )
    assert lines[1].startswith("F99001 September · 0 decisions · made ")
    assert panel.paths() == [september]
    assert (october.read_bytes(), october.stat().st_mtime_ns) == before


def test_a_review_opened_more_recently_and_moved_since_is_said_not_passed_over(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """October's review moved to another folder (filed away) after it was opened: the start
    page offered September's as if it were the latest, without a word, so October's
    decisions would not be brought. It now says October's is no longer there and how to
    bring it back; opened where it is now, it is offered again."""
    september = months.make_review(tmp_path, "F99001 September", months.SEPTEMBER[:1], [])
    october = months.make_review(tmp_path, "F99001 October", months.SEPTEMBER[:1], [])
    _recent(window, september, october)
    # moved once the start page has read it (off the GUI thread): Windows refuses to move
    # a file another program has open, as Explorer would say (a sharing violation)
    qtbot.waitUntil(lambda: window.offer_reading is None, timeout=5000)
    filed = tmp_path / "Sent to NHS England"
    filed.mkdir()
    moved = october.rename(filed / october.name)
    window.close_review()  # looked at again
    qtbot.waitUntil(lambda: window.offer_reading is None, timeout=5000)
    start = window.start
    qtbot.waitUntil(start.month_button.isVisible, timeout=5000)
    assert start.month_button.text() == "Start this month's review from F99001 September…"
    words = start.month_hint.text()
    assert words.startswith(
        f"F99001 October, opened more recently, is not found in {tmp_path} (moved or "
        "deleted, or on a drive not connected now): if it is a later review, open it where it "
        "is now with Open a review file…, then come back to this page (if not, Enter on it "
        "under Recent reviews takes it off the list). This offer is from the latest review "
        "found, made "
    )
    assert "It covers Sep 2024" in words
    # ... and the Files page lists it, greyed, with why
    qtbot.mouseClick(start.month_button, Qt.MouseButton.LeftButton)
    earlier_read(qtbot, window)
    panel = window.sources.earlier
    lines = [panel.list.item(r).text() for r in range(panel.list.count())]
    assert lines[0].startswith("F99001 September · 0 decisions · made ")
    assert lines[1] == (
        "F99001 October · not found (moved or deleted, or on a drive not connected now)"
    )
    assert not panel.list.item(1).flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert panel.paths() == [september]
    window.close_review()

    # Enter on it under Recent reviews: not there, so taken off the list, and not said again
    start.recent.setFocus()
    start.recent.setCurrentRow(0)
    assert start.recent.currentItem().text().startswith("F99001 October ")
    qtbot.keyClick(start.recent, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not found in" not in start.month_hint.text(), timeout=5000)
    assert "does not exist" in messages.last_problem[0].text()
    messages.last_problem[0].close()
    assert start.month_button.text() == "Start this month's review from F99001 September…"

    window.open_review(moved)
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)
    window.close_review()
    qtbot.waitUntil(lambda: "October" in start.month_button.text(), timeout=5000)
    assert "not found in" not in start.month_hint.text()

    # one opened before the review offered, moved since, is not said
    moved.unlink()
    _recent(window, moved, september)
    qtbot.waitUntil(lambda: "September" in start.month_button.text(), timeout=5000)
    assert "not found in" not in start.month_hint.text()


def test_an_older_review_damaged_since_is_not_called_the_latest(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """September's review cut short after October's was made (a copy back from a USB
    stick): its file is now the newest, but nothing says it is the latest review; October's
    is offered as the latest that can be read."""
    september = months.make_review(tmp_path, "F99001 September", months.SEPTEMBER[:1], [])
    october = months.make_review(tmp_path, "F99001 October", months.SEPTEMBER[:1], [])
    _recent(window, september, october)
    _damaged(september)
    window.close_review()
    start = window.start
    qtbot.waitUntil(start.month_button.isVisible, timeout=5000)
    assert start.month_button.text() == "Start this month's review from F99001 October…"
    words = start.month_hint.text()
    assert "latest review, F99001 September" not in words
    assert words.startswith("F99001 September was changed more recently but cannot be read")
    assert "This offer is from the latest review that can be read, made " in words


def test_a_damaged_review_named_for_another_practice_is_not_listed(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ours = months.make_review(tmp_path, "F99001 CQRS check 2024-10-01", months.SEPTEMBER[:1], [])
    theirs = _damaged(
        months.make_review(tmp_path, "Y99002 CQRS check 2024-10-02", months.SEPTEMBER[:1], [])
    )
    unnamed = _damaged(months.make_review(tmp_path, "Backup", months.SEPTEMBER[:1], []))
    _recent(window, ours, theirs, unnamed)
    window.new_review()
    earlier_read(qtbot, window)
    panel = window.sources.earlier
    names = [panel.list.item(r).text().split(" · ")[0] for r in range(panel.list.count())]
    assert sorted(names) == ["Backup", "F99001 CQRS check 2024-10-01"]
    assert panel.paths() == [ours]


def test_the_offer_from_another_practices_review_says_so(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = _of_another_practice(
        months.make_review(tmp_path, "Elsewhere", months.SEPTEMBER[:1], []), "Elsewhere Surgery"
    )
    _recent(window, other)
    start = window.start
    qtbot.waitUntil(start.month_button.isVisible, timeout=5000)
    assert (
        "It is a review of Elsewhere Surgery (Y99002), not of your practice (F99001): starting "
        "from it makes Y99002 your practice, its decisions brought forward."
        in start.month_hint.text()
    )


def test_given_here_not_carried_shows_what_was_decided_on_the_card(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A's "given here" for Ellis, whose dose the next search marks Non-GMS, is not carried
    (decision 88); her card still shows what A decided, by whom, with its note, and says
    why it was not carried. Reopened, the review says the same."""
    review_a = months.review_a(tmp_path)
    _recent(window, review_a)
    window.new_review()
    earlier_read(qtbot, window)
    page = window.sources
    ellis = months.PEOPLE[4]
    search = tmp_path / "october_search.csv"
    search.write_text(
        months.search_text(months.SEPTEMBER + months.OCTOBER, (ellis,)), encoding="utf-8"
    )
    page.add_files([search])
    wait_idle(qtbot, window)
    page.request_import()
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)
    path = window.session.path
    for _ in range(2):
        walk = window.walkthrough
        event_id = _by_nhs(window)[ellis]
        assert window.session.review.decision(event_id) is None
        walk.show_event(event_id)
        card = walk.detail.reasons.text.text()
        assert "Decided earlier, not carried" in card and "Decided differently" not in card
        assert "Given here</b>: decided in A on " in card and "(note: from A)" in card
        assert "This search now shows the dose as not the practice's" in card
        assert walk.bar.decided_label.text() == (
            "Not decided yet: the earlier decision was not carried, as this search says "
            "otherwise (see Reasons)"
        )
        window.close_review()
        window.open_review(path)
        qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)
    summary = build_summary(window.session.review)
    (row,) = [e for e in summary.events if e.nhs_number == ellis]
    assert row.provenance.startswith(
        "Decided earlier, not carried as this search says otherwise: Given here in A.cqrsreview"
    )
    assert "by Sam Earlier (note: from A)" in row.provenance  # the report and workbook too
    assert "earlier_reviews_differ" not in row.reason_codes


def test_next_months_review_opens_on_the_work_not_on_the_last_reviews_filter(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Review A left with its list filtered to "Unsure" (none: nothing shown) and its last
    message in the status bar: this month's review from A opens on every event needing a
    check, at the first to decide, with that event's note (not A's), and a status bar
    that speaks of this review only."""
    from cqrs_desktop.ui.event_table import NEEDS_CHECK, UNSURE, status_filter

    reviews = paths.reviews_dir()
    reviews.mkdir(parents=True, exist_ok=True)
    review_a = months.review_a(reviews)
    _recent(window, review_a)
    window.open_review(review_a)
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)
    window.show_page(WALKTHROUGH)
    page = window.walkthrough
    page.show_event(_by_nhs(window)[months.PEOPLE[0]])
    assert page.note.toPlainText() == "from A"
    page.events.status_box.setCurrentIndex(status_filter(UNSURE))
    assert page.events.model.rows == []  # A has none unsure: nothing shown
    window.statusBar().showMessage("Saved: Unsure")
    window.close_review()
    assert window.statusBar().currentMessage() == ""
    _start_this_month(qtbot, window, months.next_month_search(tmp_path))
    assert window.pages.currentIndex() == WALKTHROUGH
    assert page.events.status_box.currentIndex() == status_filter(NEEDS_CHECK)
    assert len(page.events.model.rows) == 9  # every one needing a check, decided or not
    current = window.session.walk.current
    assert current is not None and current.nhs_number == months.OCTOBER[0][0]
    assert page.bar.isEnabled() and page.note.toPlainText() == ""
    assert "Unsure" not in window.statusBar().currentMessage()


def test_deciding_a_carried_vaccination_again_says_whose_note_it_was(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A's "Given here" with A's note, decided Other provider here: the note box says the
    note came with A's decision (it is not this reviewer's, nor about this decision), and
    moving on keeps it so; Undo brings A's decision and note back to the box."""

    reviews = paths.reviews_dir()
    reviews.mkdir(parents=True, exist_ok=True)
    _recent(window, months.review_a(reviews))
    _start_this_month(qtbot, window, months.next_month_search(tmp_path))
    page = window.walkthrough
    event_id = _by_nhs(window)[months.PEOPLE[4]]  # A: given here, "from A"
    page.show_event(event_id)
    assert page.note.toPlainText() == "from A"
    page.decide(Decision.OTHER_PROVIDER)
    said = "With the earlier decision (Given here, by Sam Earlier in A.cqrsreview): from A"
    assert page.note.toPlainText() == said
    page.step(1)  # moving on saves what the box holds: the same
    record = window.session.review.decision(event_id)
    assert (record.decision, record.note, record.carried_from) == (
        Decision.OTHER_PROVIDER, said, None,
    )  # fmt: skip
    page.show_event(event_id)
    page.undo()
    assert page.note.toPlainText() == "from A"
    assert window.session.review.decision(event_id).carried_from == "A.cqrsreview"
    # the reviewer's own words, typed then decided on: theirs, not said to be A's
    page.note.setPlainText("Mum says given at the antenatal clinic")
    page.decide(Decision.OTHER_PROVIDER)
    record = window.session.review.decision(event_id)
    assert (record.note, record.carried_from) == ("Mum says given at the antenatal clinic", None)
    assert page.note.toPlainText() == record.note


def test_a_latest_review_left_part_saved_says_what_finishes_it(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """It was called damaged, with "open a copy saved earlier, or start afresh": a month's
    decisions thrown away for what opening it once puts right."""
    from cqrs_desktop.store.earlier_review import PART_SAVED

    september = months.make_review(tmp_path, "F99001 September", months.SEPTEMBER, [])
    october = months.make_review(tmp_path, "F99001 October", months.SEPTEMBER, months.A_DECISIONS)
    _recent(window, september, left_part_saved(october))
    start = window.start
    qtbot.waitUntil(start.month_button.isVisible, timeout=5000)
    assert start.month_button.text() == "Start this month's review from F99001 September…"
    assert start.month_hint.text().startswith(
        "F99001 October was changed more recently and was left part-saved (the app stopped "
        "while saving a change): open it once with Open a review file…, which finishes it, "
        "then come back to this page."
    )
    assert "start afresh" not in start.month_hint.text()
    window.new_review()
    earlier_read(qtbot, window)
    panel = window.sources.earlier
    line = panel.list.item(0)
    assert line.text() == "F99001 October · left part-saved: open it once, which finishes it"
    assert line.toolTip().endswith(f"Its decisions cannot be brought: {PART_SAVED}.")

    window.open_review(october)  # opening it once finishes it
    wait_idle(qtbot, window)
    assert window.session is not None and window.session.path == october
    window.close_review()
    qtbot.waitUntil(lambda: "October" in start.month_button.text(), timeout=5000)


def test_a_latest_review_damaged_in_its_decisions_is_not_offered(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A decision that is none (or a damaged page of decisions) was found only at Import,
    and the review stayed offered and ticked after the import failed: a loop."""
    september = months.make_review(tmp_path, "F99001 September", months.SEPTEMBER, [])
    october = months.make_review(tmp_path, "F99001 October", months.SEPTEMBER, months.A_DECISIONS)
    with sqlite3.connect(october) as db:
        db.execute("UPDATE decisions SET decision = 'bogus' WHERE rowid = "
                   "(SELECT MIN(rowid) FROM decisions)")  # fmt: skip
    db.close()
    _recent(window, september, october)
    start = window.start
    qtbot.waitUntil(start.month_button.isVisible, timeout=5000)
    assert start.month_button.text() == "Start this month's review from F99001 September…"
    assert start.month_hint.text().startswith(
        "F99001 October was changed more recently but cannot be read (damaged: "
    )
    window.new_review()
    earlier_read(qtbot, window)
    panel = window.sources.earlier
    assert panel.list.item(0).text() == "F99001 October · damaged"
    assert panel.paths() == [september]


def test_starting_from_another_practices_review_says_the_practice_changed(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The words were put in the status bar, then cleared at once by starting the review."""
    other = _of_another_practice(
        months.make_review(tmp_path, "Y99002 October", months.SEPTEMBER, months.A_DECISIONS)
    )
    _recent(window, other)
    start = window.start
    qtbot.waitUntil(start.month_button.isVisible, timeout=5000)
    qtbot.mouseClick(start.month_button, Qt.MouseButton.LeftButton)
    earlier_read(qtbot, window)
    assert window.settings.ods_code == "Y99002"
    said = window.statusBar().currentMessage()
    assert said == "Practice details taken from Y99002 October: Elsewhere (Y99002)"


def test_files_waiting_for_a_new_review_are_said_when_another_review_is_opened(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """File > Open on a new review's Files page set its waiting files aside without a word."""
    review_a = months.review_a(tmp_path)
    window.new_review()
    earlier_read(qtbot, window)
    window.sources.add_files([months.next_month_search(tmp_path)])
    wait_idle(qtbot, window)
    assert len(window.sources.waiting) == 1
    window.open_review(review_a)
    wait_idle(qtbot, window)
    assert window.session is not None and window.session.path == review_a
    assert (
        window.statusBar()
        .currentMessage()
        .startswith(
            "1 file was waiting on the Files page of a new review: not imported (add them again "
            "to start it)"
        )
    )


def test_a_review_made_from_the_files_waiting_does_not_call_them_set_aside(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window.new_review()
    earlier_read(qtbot, window)
    window.sources.add_files([months.next_month_search(tmp_path)])
    wait_idle(qtbot, window)
    window.sources.request_import()
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)
    assert "waiting on the Files page" not in window.statusBar().currentMessage()


def test_a_review_file_added_as_a_file_is_offered_to_bring_decisions_from(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Dropped or added with the exports, it was listed "To import · Not recognised" (a
    database file): for a new review it is ticked under "Bring decisions from earlier
    reviews"; to an open review it is said to be a review file."""
    review_a = months.review_a(tmp_path)
    window.new_review()
    earlier_read(qtbot, window)
    page = window.sources
    page.add_files([review_a, months.next_month_search(tmp_path)])
    wait_idle(qtbot, window)
    assert [e.name for e in page.waiting] == ["october_search.csv"]
    assert review_a in page.earlier.paths()

    window.open_review(review_a)
    wait_idle(qtbot, window)
    messages.last_problem.clear()
    page.add_files([review_a])
    (box,) = messages.last_problem
    assert box.windowTitle() == "Not added"
    assert box.text().startswith("A.cqrsreview: a review file, not a search export")
    assert page.waiting == []


def test_a_tick_made_here_on_a_carried_dose_is_said_to_be_this_reviews(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A dose A decided as given elsewhere, still the practice's own in the new search:
    ticked here with A, the card says the tick is this review's, not A's reviewer's."""
    reviews = paths.reviews_dir()
    reviews.mkdir(parents=True, exist_ok=True)
    _recent(window, months.review_a(reviews))
    _start_this_month(qtbot, window, months.next_month_search(tmp_path))
    window.show_page(WALKTHROUGH)
    page = window.walkthrough
    event_id = _by_nhs(window)[months.NOT_YET[0]]
    page.show_event(event_id)
    assert "clinical system updated" not in page.bar.decided_label.text()
    qtbot.keyClick(page.patient, Qt.Key.Key_A)
    assert window.session.review.decision(event_id).action_done
    page.show_event(event_id)
    said = page.bar.decided_label.text()
    assert "by Sam Earlier" in said
    assert said.endswith(" · clinical system updated (ticked in this review)")


def test_the_same_decision_recorded_again_keeps_the_exports_proof(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A dose A decided as given elsewhere, now marked Non-GMS in the new search: "seen in
    the export". The reviewer presses O on it again (Other provider, as A decided): the
    decision is theirs now, but the export's proof stays, and the email still says "as our
    latest search shows". One still the practice's own keeps saying so (UPD). Another
    decision replaces what the search showed of the old one."""
    from cqrs_desktop.reports.email import build_email
    from cqrs_desktop.ui.event_table import WHY

    reviews = paths.reviews_dir()
    reviews.mkdir(parents=True, exist_ok=True)
    _recent(window, months.review_a(reviews))
    _start_this_month(qtbot, window, months.next_month_search(tmp_path))
    window.show_page(WALKTHROUGH)
    page = window.walkthrough
    review = window.session.review
    ids = _by_nhs(window)
    proved, still = ids[months.CORRECTED[0]], ids[months.NOT_YET[0]]
    shows = "2 now marked in our clinical system as given elsewhere, as our latest search shows"
    assert shows in build_email(build_summary(review), "team@nhs.net").body

    for event_id in (proved, still):
        page.show_event(event_id)
        qtbot.keyClick(page.patient, Qt.Key.Key_O)  # Other provider, as A decided
    record = review.decision(proved)
    assert record.decision is Decision.OTHER_PROVIDER and record.carried_from is None
    assert record.reviewer != "Sam Earlier"  # the reviewer's own decision now
    assert (record.action_done, record.action_evidence, record.export_check) == (
        True, "export", "corrected",
    )  # fmt: skip
    assert record.evidence.startswith("seen corrected in october_search.csv, row ")
    page.show_event(proved)
    assert page.action_done.text() == "Clinical system updated: Yes (seen in the export)"
    assert page.bar.evidence.text().startswith("Seen corrected in october_search.csv, row ")
    assert shows in build_email(build_summary(review), "team@nhs.net").body
    # the one the search still counts is still to correct, and said so (UPD)
    record = review.decision(still)
    assert (record.action_done, record.export_check) == (False, "not_corrected")
    model = page.events.model
    assert "UPD" in model.data(model.index(model.row_of(review.index_of(still)), WHY))

    # another decision is the reviewer's own, with nothing the search showed of the old one
    page.show_event(proved)
    qtbot.keyClick(page.patient, Qt.Key.Key_X)  # Not given
    record = review.decision(proved)
    assert record.decision is Decision.NOT_GIVEN
    assert (record.action_done, record.action_evidence, record.export_check, record.evidence) == (
        False, None, None, "",
    )  # fmt: skip


def test_the_list_of_carried_doses_tells_corrected_from_not_yet(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The list "From earlier reviews": the two doses the new search shows marked Non-GMS
    read "Other provider ↩ ✓"; the two it still shows as the practice's own read "Other
    provider ↩" with UPD under Why. Before, all four read alike in the Status column and
    the corrected ones had nothing to tell them apart from a dose ticked by hand or one the
    search cannot check. Text, not colour alone; the column's tip says what each mark is."""
    from cqrs_desktop.ui.event_table import CARRIED, STATUS, EventTableModel

    reviews = paths.reviews_dir()
    reviews.mkdir(parents=True, exist_ok=True)
    _recent(window, months.review_a(reviews))
    _start_this_month(qtbot, window, months.next_month_search(tmp_path))
    window.show_page(WALKTHROUGH)
    page = window.walkthrough
    page.show_list(CARRIED)
    model = page.events.model
    ids = _by_nhs(window)

    def cells(nhs: str) -> tuple[str, str]:
        row = model.row_of(window.session.review.index_of(ids[nhs]))
        assert row is not None  # listed
        return model.data(model.index(row, STATUS)), model.data(model.index(row, WHY))

    for nhs in months.CORRECTED:
        status, why = cells(nhs)
        assert status == "Other provider ↩ ✓" and "UPD" not in why
    for nhs in months.NOT_YET:
        status, why = cells(nhs)
        assert status == "Other provider ↩" and "UPD" in why.split()
    assert cells(months.PEOPLE[4])[0] == "Given here ↩"  # nothing to change: no mark
    tip = EventTableModel.COLUMN_TIPS[STATUS]
    assert "↩ marks a decision brought from an earlier review, ✓ one whose change" in tip
    # ... and the line under the list says it, in sight (decision 541): a tip alone left
    # "↩ ✓" to be guessed at
    assert page.events.count_label.text() == (
        "Showing 6 of 9 events. ↩ brought from an earlier review, ✓ seen corrected in the "
        "latest search"
    )
    assert page.events.count_label.isVisible()
    # the Status column is sized to hold the marks
    assert "Other provider ↩ ✓" in model.widest_values()[STATUS]
    # ticked by hand, a dose the search still counts gets no ✓ (it is the reviewer's word)
    page.show_event(ids[months.NOT_YET[0]])
    qtbot.keyClick(page.patient, Qt.Key.Key_A)
    assert cells(months.NOT_YET[0]) == ("Other provider ↩", "")


def test_a_review_that_cannot_be_brought_is_reached_by_the_arrow_keys(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The greyed line says why a review's decisions cannot be brought, but the arrow keys
    passed over it, so a screen reader never read it out: last month's review open
    elsewhere went unheard. It is reached, and read, and still cannot be ticked
    (decision 255)."""
    from cqrs_desktop.store import ReviewFile

    september = months.make_review(tmp_path, "F99001 September", months.SEPTEMBER[:1], [])
    october = months.make_review(tmp_path, "F99001 October", months.SEPTEMBER[:1], [])
    _recent(window, september, october)
    with ReviewFile.open(october):  # open in another window
        window.new_review()
        earlier_read(qtbot, window)
        panel = window.sources.earlier
        view = panel.list
        assert "open in CQRS Desktop" in view.item(0).text()
        view.setCurrentRow(1)
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_Up)
        assert view.currentRow() == 0
        qtbot.keyClick(view, Qt.Key.Key_Space)
        assert panel.paths() == [september]


def test_a_review_with_nothing_carried_has_no_key_to_the_marks(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """No decision brought, no mark in the list: the line under it is the count alone."""
    search = tmp_path / "october.csv"
    search.write_text(months.search_text(months.OCTOBER), encoding="utf-8")
    window.new_review()
    earlier_read(qtbot, window)
    window.sources.add_files([search])
    wait_idle(qtbot, window)
    window.sources.request_import()
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)
    assert window.walkthrough.events.count_label.text() == "Showing 3 of 3 events"


def test_a_review_and_its_copy_in_another_folder_are_told_apart(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A and a copy of A kept in a backup folder: listed, each names its folder (they
    read alike, "A · 6 decisions · made ..."); both ticked, the notice after the import
    names both folders, not one file's whole path beside the other's bare name."""
    import shutil

    reviews = paths.reviews_dir()
    reviews.mkdir(parents=True, exist_ok=True)
    review_a = months.review_a(reviews)
    backup = tmp_path / "backup"
    backup.mkdir()
    copy = backup / review_a.name
    shutil.copy(review_a, copy)
    _recent(window, copy, review_a)
    window.new_review()
    earlier_read(qtbot, window)
    panel = window.sources.earlier
    lines = sorted(panel.list.item(row).text() for row in range(panel.list.count()))
    assert [line.split(" · ")[0] for line in lines] == ["A (in backup)", "A (in reviews)"]
    assert all(line.split(" · ")[1] == "6 decisions" for line in lines)
    for row in range(panel.list.count()):
        panel.list.item(row).setCheckState(Qt.CheckState.Checked)
    window.sources.add_files([months.next_month_search(tmp_path)])
    wait_idle(qtbot, window)
    # the line beside Import names them as the list does, never "A, A" (decision 544)
    assert re.search(
        r"Decisions are brought from A \(in (backup|reviews)\) and A \(in (backup|reviews)\)\.",
        window.sources.import_hint.text(),
    ), window.sources.import_hint.text()
    window.sources.request_import()
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)
    said = window.sources.earlier.carried_label.text()
    once = next(line for line in said.splitlines() if "read once" in line)
    assert once in (
        f"• A.cqrsreview in {one} has the same contents as the one in {other}: read once"
        for one, other in ((backup, reviews), (reviews, backup))
    )


def test_the_reviews_brought_are_named_apart_beside_import(tmp_path: Path) -> None:
    """Names of several words are quoted, so "A, C Sep check by the nurse lead, A" no
    longer runs together; one name two folders share says each folder (decision 544)."""
    from cqrs_desktop.ui.earlier_reviews import brought_words

    one = tmp_path / "reviews" / "A.cqrsreview"
    assert brought_words([one]) == "A"
    assert brought_words([one, tmp_path / "reviews" / "B.cqrsreview"]) == "A and B"
    nurse = tmp_path / "reviews" / "C Sep check by the nurse lead.cqrsreview"
    backup = tmp_path / "backup" / "A.cqrsreview"
    assert brought_words([one, nurse, backup]) == (
        "\u201cA\u201d (in reviews), \u201cC Sep check by the nurse lead\u201d and "
        "\u201cA\u201d (in backup)"
    )
