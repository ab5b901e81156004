"""Schema 4 keeps each decision's vaccination key, flags and search file beside it, so an
earlier review is read in one table scan: what it reads must be exactly what the join of
earlier schemas reads, and stay true when the events are written again."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from cqrs_desktop.domain.model import Claim, Decision, SourceSummary
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.paths import resource
from cqrs_desktop.review.review_session import ReviewSession
from cqrs_desktop.store.earlier_review import changed_since, read_earlier_review
from tests.factories import NHS, PRACTICE, row


def _inputs(organisation: str = "F99001") -> ReviewInputs:
    rows = [
        row(row=2 + i, nhs_number=NHS[i], date=dt.date(2024, 9, 2 + i), organisation=organisation)
        for i in range(5)
    ]
    # one without an NHS number: matched by surname and date of birth
    rows.append(row(row=9, nhs_number=None, surname="Ó Briain", date=dt.date(2024, 9, 20)))
    source = SourceSummary("search.csv", "a" * 64, len(rows), len(rows), 0, 0)
    claim = Claim("pertussis_pregnant", "2024-09", len(rows))
    return ReviewInputs(PRACTICE, (source,), tuple(rows), (), (claim,))


def _decided(path: Path, rules) -> None:  # type: ignore[no-untyped-def]
    text = resource("rules.toml").read_text(encoding="utf-8")
    with ReviewSession.create(path, Review(_inputs(), rules), text, reviewer="J. R") as session:
        for i, event in enumerate(session.review.events):
            session.walk.go_to(event.id)
            decision = Decision.OTHER_PROVIDER if i % 2 else Decision.PRACTICE
            session.decide(decision, note=f"note {i}")
        # the search exported again, now naming another organisation: every event's flags
        # change, its decision stays
        session.replace_inputs(_inputs(organisation="Y99999"))


def test_one_scan_reads_what_the_join_reads(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "A.cqrsreview"
    _decided(path, rules)
    scanned = read_earlier_review(path)
    assert len(scanned.rows) == 6
    unnumbered = "pertussis_pregnant|2024-09-20|name:óbriain:"
    assert any(key.startswith(unnumbered) for key in scanned.rows)
    # The same file read as schema 3 (the join of the events and decisions):
    older = tmp_path / "old" / "A.cqrsreview"
    older.parent.mkdir()
    shutil.copyfile(path, older)
    db = sqlite3.connect(older)
    db.execute("PRAGMA user_version = 3")
    db.commit()
    db.close()
    joined = read_earlier_review(older)
    assert joined.rows == scanned.rows
    # the flags kept beside each decision are the events' as written last
    db = sqlite3.connect(path)
    stale = db.execute(
        "SELECT COUNT(*) FROM decisions d JOIN events e ON e.id = d.event_id "
        "WHERE d.event_flags IS NOT e.flags OR d.event_source IS NOT e.source"
    ).fetchone()[0]
    assert stale == 0
    assert db.execute("SELECT COUNT(*) FROM events WHERE flags LIKE '%other_org%'").fetchone()[0]
    db.close()


def test_new_practice_details_reach_the_stored_flags(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The practice's ODS code corrected after the import: the organisation check is done
    again, and the stored events and the flags kept beside each decision follow, so a later
    review does not take "now recorded by another organisation" as a correction when this
    review's search already showed it so."""
    from cqrs_desktop.domain.flags import OTHER_ORGANISATION
    from cqrs_desktop.domain.model import Practice

    path = tmp_path / "A.cqrsreview"
    text = resource("rules.toml").read_text(encoding="utf-8")
    inputs = _inputs()  # every row says organisation F99001, the practice's own
    with ReviewSession.create(path, Review(inputs, rules), text, reviewer="J. R") as session:
        for event in session.review.events:
            session.walk.go_to(event.id)
            session.decide(Decision.OTHER_PROVIDER)
        assert not any(OTHER_ORGANISATION in e.flags for e in session.review.events)
        session.set_practice(Practice("Y99002", "Riverside Medical Centre"))
        assert all(OTHER_ORGANISATION in e.flags for e in session.review.events)
    earlier = read_earlier_review(path)
    assert len(earlier.rows) == 6
    assert all(OTHER_ORGANISATION in row[10].split() for row in earlier.rows.values())
    db = sqlite3.connect(path)
    stale = db.execute(
        "SELECT COUNT(*) FROM decisions d JOIN events e ON e.id = d.event_id "
        "WHERE d.event_flags IS NOT e.flags OR e.flags NOT LIKE '%other_organisation%'"
    ).fetchone()[0]
    practice_entries = db.execute(
        "SELECT COUNT(*) FROM audit_log WHERE what = 'practice'"
    ).fetchone()[0]
    db.close()
    assert (stale, practice_entries) == (0, 1)


def test_what_a_review_changed_since_it_was_taken_in(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """What a later review records of an earlier one it carried (decision 104), and what
    that one changed since: nothing for a look, the vaccination ticked again after; a copy
    changed apart from it before is another line, of which nothing is known."""
    path = tmp_path / "A.cqrsreview"
    _decided(path, rules)
    taken_in = read_earlier_review(path).known_as
    assert taken_in
    copy = tmp_path / "A copy.cqrsreview"
    shutil.copyfile(path, copy)
    ReviewSession.open(path).close()  # looked at only
    assert read_earlier_review(path).known_as == read_earlier_review(copy).known_as == taken_in
    assert changed_since(path, [taken_in]) == {taken_in: frozenset()}

    def decide_again(file: Path, n: int) -> str:
        with ReviewSession.open(file, reviewer="C. Again") as session:
            event = session.review.events[n]
            session.walk.go_to(event.id)
            session.decide(Decision.NOT_GIVEN)
            return f"pertussis_pregnant|{event.date.isoformat()}|nhs:{event.nhs_number_as_found}"

    first = decide_again(path, 0)
    now = read_earlier_review(path).known_as
    assert now != taken_in
    assert changed_since(path, [taken_in]) == {taken_in: frozenset({first})}
    decide_again(copy, 1)  # the copy changed apart: A as it is now is not its past
    assert changed_since(copy, [now]) == {}
    assert changed_since(tmp_path / "missing.cqrsreview", [now]) == {}


def test_a_note_or_a_tick_after_it_was_taken_in_changes_no_decision(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A review taken in, then given a note and a tick on a vaccination, the decision kept:
    what another review knew of that decision still holds (decision 104); the decision
    changed after, that vaccination counts as changed, and undone, it still does."""
    path = tmp_path / "A.cqrsreview"
    _decided(path, rules)
    taken_in = read_earlier_review(path).known_as
    with ReviewSession.open(path, reviewer="C. Again") as session:
        event = session.review.events[1]  # given elsewhere: the tick applies
        key = f"pertussis_pregnant|{event.date.isoformat()}|nhs:{event.nhs_number_as_found}"
        session.go_to(event.id)
        assert session.set_note("rang the hospital: confirmed").decisions == (event.id,)
        session.go_to(event.id)
        assert session.toggle_action_done().decisions == (event.id,)
    assert read_earlier_review(path).known_as != taken_in  # entries were added
    assert changed_since(path, [taken_in]) == {taken_in: frozenset()}
    with ReviewSession.open(path, reviewer="C. Again") as session:
        session.go_to(event.id)
        session.decide(Decision.PRACTICE)
        session.go_to(event.id)
        session.decide(Decision.OTHER_PROVIDER)  # back as it was: it was changed meanwhile
    assert changed_since(path, [taken_in]) == {taken_in: frozenset({key})}
