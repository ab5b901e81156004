"""The Qt-free review session: every change returns what it changed, a write the disk
refuses changes nothing and is remembered, and a search imported again keeps decisions."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from cqrs_desktop.domain.earlier import Carried, Disagreement, EarlierDecision
from cqrs_desktop.domain.model import Claim, Decision, RowKind, SourceSummary
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.errors import UserError
from cqrs_desktop.paths import resource
from cqrs_desktop.review.changes import Changes
from cqrs_desktop.review.review_session import ReviewSession
from cqrs_desktop.session import carry_decisions
from cqrs_desktop.store import SaveFailed
from tests.factories import NHS, PRACTICE, row
from tests.support.disks import fill, small_disk


def _inputs(rows: list, sha: str = "a" * 64) -> ReviewInputs:  # type: ignore[type-arg]
    source = SourceSummary("search.csv", sha, len(rows), len(rows), 0, 0)
    claim = Claim("pertussis_pregnant", "2024-09", len(rows))
    return ReviewInputs(PRACTICE, (source,), tuple(rows), (), (claim,))


def _rows(n: int = 4, first_line: int = 2, non_gms: frozenset[str] = frozenset()) -> list:  # type: ignore[type-arg]
    return [
        row(
            row=first_line + i,
            nhs_number=NHS[i],
            date=dt.date(2024, 9, 2 + i),
            non_gms=NHS[i] in non_gms,
        )
        for i in range(n)
    ]


def _session(path: Path, rules) -> ReviewSession:  # type: ignore[no-untyped-def]
    text = resource("rules.toml").read_text(encoding="utf-8")
    return ReviewSession.create(path, Review(_inputs(_rows()), rules), text, reviewer="J. R")


def test_each_change_says_what_it_changed(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with _session(tmp_path / "r.cqrsreview", rules) as session:
        first = session.walk.current
        assert first is not None
        changes = session.decide(Decision.PRACTICE)
        assert changes == Changes(decisions=(first.id,), position=True, saved=True)
        assert session.saved_at is not None and session.failure is None
        assert session.move(+1) == Changes(position=True)
        assert session.undo() == Changes(decisions=(first.id,), position=True, saved=True)
        claims = session.set_claims([Claim("pertussis_pregnant", "2024-09", 9)])
        assert claims.claims and claims.review and claims.saved


def test_a_write_the_full_disk_refuses_changes_nothing_and_is_remembered(
    rules,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    with small_disk(tmp_path / "disk", 1024) as disk:
        session = _session(disk / "r.cqrsreview", rules)
        event = session.walk.current
        assert event is not None
        fill(disk)
        with pytest.raises(SaveFailed, match=r"r\.cqrsreview: .*the disk is full") as caught:
            session.set_note("x" * 20000)
        assert isinstance(caught.value, UserError)
        assert session.review.decision(event.id) is None  # nothing changed in memory
        assert session.failure and "disk is full" in session.failure
        (disk / "filler.bin").unlink()
        session.decide(Decision.PRACTICE)  # room again: saved, the failure forgotten
        assert session.failure is None
        session.close()
        with ReviewSession.open(disk / "r.cqrsreview") as again:
            assert again.review.decision(event.id).decision is Decision.PRACTICE  # type: ignore[union-attr]


def test_a_search_imported_again_keeps_its_decisions_and_shows_corrections(
    rules,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    with _session(tmp_path / "r.cqrsreview", rules) as session:
        ids = [e.id for e in session.review.events]
        session.walk.go_to(ids[0])
        session.decide(Decision.OTHER_PROVIDER)  # stays: to be marked
        session.walk.go_to(ids[1])
        session.decide(Decision.OTHER_PROVIDER)
        session.walk.go_to(ids[2])
        session.decide(Decision.PRACTICE)
        # The practice marks the first Non-GMS and runs the search again: a new file
        # whose rows come two lines lower (a longer preamble), so every event id changes.
        again = _inputs(_rows(first_line=4, non_gms=frozenset({NHS[0]})), sha="b" * 64)
        session.replace_inputs(again)
        review = session.review
        assert {e.id for e in review.events}.isdisjoint(ids)
        decided = {e.nhs_number: review.decision(e.id) for e in review.events}
        assert decided[NHS[0]].decision is Decision.OTHER_PROVIDER  # type: ignore[union-attr]
        assert decided[NHS[0]].action_evidence == "export"  # type: ignore[union-attr]
        assert review.action_done(next(e.id for e in review.events if e.nhs_number == NHS[0]))
        assert decided[NHS[1]].export_check == "not_corrected"  # type: ignore[union-attr]
        assert decided[NHS[2]].decision is Decision.PRACTICE  # type: ignore[union-attr]
        assert decided[NHS[3]] is None
        kept = [a for a in session.audit_log() if a.what == "kept"]
        assert len(kept) == 3
    with ReviewSession.open(tmp_path / "r.cqrsreview") as reopened:
        assert sum(1 for d in reopened.review.decisions.values() if d.decision) == 3
        assert dataclasses.asdict(reopened.review.inputs.sources[0])["sha256"] == "b" * 64
        assert all(r.kind is RowKind.EVENT for r in reopened.review.inputs.rows)


def test_a_dose_gone_from_the_search_imported_again_is_kept_as_proof(
    rules,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    with _session(tmp_path / "r.cqrsreview", rules) as session:
        ids = [e.id for e in session.review.events]
        session.walk.go_to(ids[0])
        session.decide(Decision.OTHER_PROVIDER, note="RAVS, St Elsewhere")
        # Recoded in the clinical system: the search run again no longer finds it.
        session.replace_inputs(_inputs(_rows()[1:], sha="b" * 64))
        (gone,) = session.review.gone
        assert (gone.decision, gone.note, gone.decided_in) == (
            Decision.OTHER_PROVIDER, "RAVS, St Elsewhere", "",
        )  # fmt: skip
        assert gone.evidence == "not in search.csv, which covers September 2024"
        assert gone.key.endswith(f"nhs:{NHS[0]}")
    with ReviewSession.open(tmp_path / "r.cqrsreview") as reopened:
        assert [g.key for g in reopened.review.gone] == [gone.key]
        words = [a.what for a in reopened.audit_log()]
        assert "no longer in the search" in words
        # The dose is back in the next search (recoding undone): its decision finds it again.
        reopened.replace_inputs(_inputs(_rows(), sha="c" * 64))
        assert reopened.review.gone == ()
        back = next(e for e in reopened.review.events if e.nhs_number == NHS[0])
        record = reopened.review.decision(back.id)
        assert record is not None and record.decision is Decision.OTHER_PROVIDER
        assert (record.note, record.export_check) == ("RAVS, St Elsewhere", "not_corrected")


def test_a_search_removed_then_added_back_unchanged_keeps_the_ticks(
    rules,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """Remove, then add the very file back: nothing new is shown, so "clinical system
    updated" stays ticked (before, every tick was undone and the card blamed an earlier
    review), through reopening; a search run again that still shows the dose as the
    practice's own undoes it, said to be this review's tick."""
    empty = ReviewInputs(PRACTICE, (), (), (), (Claim("pertussis_pregnant", "2024-09", 4),))
    with _session(tmp_path / "r.cqrsreview", rules) as session:
        ids = [e.id for e in session.review.events]
        for event_id in ids[:2]:
            session.walk.go_to(event_id)
            session.decide(Decision.OTHER_PROVIDER)
            session.toggle_action_done()
        assert all(session.review.action_done(i) for i in ids[:2])
        session.replace_inputs(empty)
        assert len(session.review.held) == 2
    # carried into next month's review from the same file: the tick stays there too
    carried = carry_decisions(Review(_inputs(_rows()), rules), [tmp_path / "r.cqrsreview"])
    assert [c.record.action_done for c in carried.records] == [True, True]
    with ReviewSession.open(tmp_path / "r.cqrsreview") as reopened:
        reopened.replace_inputs(_inputs(_rows()))  # the same file (its SHA-256) back
        review = reopened.review
        assert [review.action_done(e.id) for e in review.events] == [True, True, False, False]
        first = review.decision(review.events[0].id)
        assert first is not None and (first.export_check, first.evidence) == (None, "")
        reopened.replace_inputs(_inputs(_rows(), sha="b" * 64))  # run again, still not marked
        again = reopened.review.decision(reopened.review.events[0].id)
        assert again is not None and not again.action_done
        assert again.export_check == "not_corrected"
        assert again.evidence.endswith("(ticked as updated in this review: check the record)")


def test_decisions_for_a_month_no_longer_searched_are_kept_and_come_back(
    rules,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """The search imported again covers October only: September's decisions are kept
    (not part of the claim), through reopening, and found again when September is back."""
    october = [row(row=2, nhs_number=NHS[5], date=dt.date(2024, 10, 7))]
    with _session(tmp_path / "r.cqrsreview", rules) as session:
        ids = [e.id for e in session.review.events]
        session.walk.go_to(ids[0])
        session.decide(Decision.OTHER_PROVIDER, note="RAVS, St Elsewhere")
        session.walk.go_to(ids[1])
        session.decide(Decision.PRACTICE)
        session.replace_inputs(_inputs(october, sha="b" * 64))
        assert session.review.decisions == {} and session.review.gone == ()
        assert sorted(h[1] for h in session.review.held) == ["other_provider", "practice"]
    with ReviewSession.open(tmp_path / "r.cqrsreview") as reopened:
        assert len(reopened.review.held) == 2
        assert "kept for later reviews" in [a.what for a in reopened.audit_log()]
        reopened.replace_inputs(_inputs(_rows(), sha="c" * 64))
        assert reopened.review.held == ()
        by_nhs = {e.nhs_number: e.id for e in reopened.review.events}
        first = reopened.review.decision(by_nhs[NHS[0]])
        second = reopened.review.decision(by_nhs[NHS[1]])
        assert first is not None and second is not None
        assert (first.decision, first.note) == (Decision.OTHER_PROVIDER, "RAVS, St Elsewhere")
        assert second.decision is Decision.PRACTICE


def test_a_search_imported_again_without_a_patients_nhs_number_keeps_the_decision(
    rules,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    with _session(tmp_path / "r.cqrsreview", rules) as session:
        ids = {e.nhs_number: e.id for e in session.review.events}
        session.walk.go_to(ids[NHS[0]])
        session.decide(Decision.OTHER_PROVIDER, note="RAVS")
        rows = _rows()
        rows[0] = dataclasses.replace(rows[0], nhs_number=None)  # the number left out
        session.replace_inputs(_inputs(rows, sha="b" * 64))
        (unnumbered,) = [e for e in session.review.events if e.nhs_number_as_found is None]
        record = session.review.decision(unnumbered.id)
        assert record is not None and (record.decision, record.note) == (
            Decision.OTHER_PROVIDER, "RAVS",
        )  # fmt: skip
        assert session.review.gone == ()


def test_a_search_imported_again_keeps_what_earlier_reviews_disagreed_on(
    rules,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """Earlier reviews decided a vaccination differently: the search imported again (every
    row moved, so every event id changed) still shows both decisions, in the window's card
    and the reports, and after reopening."""
    text = resource("rules.toml").read_text(encoding="utf-8")
    review = Review(_inputs(_rows()), rules)
    first = review.events[0]
    both = tuple(
        EarlierDecision(f"{name}.cqrsreview", "c" * 64, f"{name}.cqrsreview", decision,
                        False, "", "A. Reviewer", "2026-10-01T10:00:00+00:00")
        for name, decision in (("A", Decision.PRACTICE), ("B", Decision.OTHER_PROVIDER))
    )  # fmt: skip
    carried = Carried((), (Disagreement(first.id, both),))
    review.set_disagreed({first.id: both})
    path = tmp_path / "r.cqrsreview"
    with ReviewSession.create(path, review, text, (), carried, "J. R") as session:
        assert session.earlier_decisions(first.id) == list(both)
        session.replace_inputs(_inputs(_rows(first_line=4), sha="b" * 64))
        (moved,) = [e for e in session.review.events if e.nhs_number == first.nhs_number]
        assert moved.id != first.id
        assert session.review.disagreed == {moved.id: both}
        assert session.earlier_decisions(moved.id) == list(both)
    with ReviewSession.open(path) as reopened:
        assert reopened.review.disagreed == {moved.id: both}
        assert reopened.earlier_decisions(moved.id) == list(both)
        assert reopened.earlier_decisions(first.id) == []


def test_the_warning_of_a_mistyped_practice_code_goes_when_the_code_is_corrected(
    rules,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """Imported under a mistyped code, the search's warning says no vaccination names it;
    with the code corrected the flags are worked out again and the warning goes, in the
    review and in its file; mistyped again, it comes back for the new code."""
    from cqrs_desktop import session as steps
    from cqrs_desktop.domain.model import Practice
    from tests.factories import PRACTICE

    search = tmp_path / "search.csv"
    search.write_text(
        "NHS Number,Surname,Date of Birth,Date,Code,Organisation\n"
        f"{NHS[0]},Jones,25/10/1994,05/09/2024,956951000000104,F99001\n",
        encoding="utf-8",
    )
    wrong = Practice("F99010", PRACTICE.name, PRACTICE.reviewer)
    imported = steps.import_inputs(wrong, [steps.SearchFile(search)], [], [], rules)
    (warning,) = imported.inputs.sources[0].warnings
    assert warning.startswith("no vaccination is recorded by F99010 (most say F99001)")
    text = resource("rules.toml").read_text(encoding="utf-8")
    path = tmp_path / "r.cqrsreview"
    with ReviewSession.create(path, Review(imported.inputs, rules), text) as session:
        assert session.review.events[0].flags
        session.set_practice(PRACTICE)
        assert session.review.inputs.sources[0].warnings == ()
        assert not session.review.events[0].flags
    with ReviewSession.open(path) as reopened:
        assert reopened.review.inputs.sources[0].warnings == ()
        reopened.set_practice(Practice("F99011", PRACTICE.name, PRACTICE.reviewer))
        (again,) = reopened.review.inputs.sources[0].warnings
        assert again.startswith("no vaccination is recorded by F99011")


def test_a_search_removed_beside_another_of_its_month_proves_nothing(
    rules,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """Two searches cover September; b.csv's doses were decided given elsewhere and ticked.
    Removed, b.csv's decisions are kept as not searched, not taken as gone from a.csv's
    September (its file was taken away: no proof of a correction), still after another
    file is added; b.csv back unchanged, the ticks stand."""
    a_rows = [row(source="a.csv", row=2 + i, nhs_number=NHS[i], date=dt.date(2024, 9, 2 + i))
              for i in range(2)]  # fmt: skip
    b_rows = [row(source="b.csv", row=2 + i, nhs_number=NHS[4 + i], date=dt.date(2024, 9, 20 + i))
              for i in range(2)]  # fmt: skip
    october = [row(source="c.csv", row=2, nhs_number=NHS[7], date=dt.date(2024, 10, 7))]

    def inputs(*files: tuple[str, list]) -> ReviewInputs:  # type: ignore[type-arg]
        sources = tuple(
            SourceSummary(name, name[0] * 64, len(rs), len(rs), 0, 0) for name, rs in files
        )
        rows = tuple(r for _name, rs in files for r in rs)
        return ReviewInputs(
            PRACTICE, sources, rows, (), (Claim("pertussis_pregnant", "2024-09", 4),)
        )

    text = resource("rules.toml").read_text(encoding="utf-8")
    both = inputs(("a.csv", a_rows), ("b.csv", b_rows))
    with ReviewSession.create(
        tmp_path / "r.cqrsreview", Review(both, rules), text, reviewer="J. R"
    ) as session:
        for event in [e for e in session.review.events if e.source == "b.csv"]:
            session.walk.go_to(event.id)
            session.decide(Decision.OTHER_PROVIDER)
            session.toggle_action_done()
        session.replace_inputs(inputs(("a.csv", a_rows)))
        assert session.review.gone == () and len(session.review.held) == 2
        session.replace_inputs(inputs(("a.csv", a_rows), ("c.csv", october)))
        assert session.review.gone == () and len(session.review.held) == 2
    with ReviewSession.open(tmp_path / "r.cqrsreview") as reopened:
        reopened.replace_inputs(inputs(("a.csv", a_rows), ("c.csv", october), ("b.csv", b_rows)))
        review = reopened.review
        back = [e.id for e in review.events if e.source == "b.csv"]
        assert [review.action_done(i) for i in back] == [True, True]
        assert review.held == () and review.gone == ()


def test_removing_a_search_says_what_is_kept_and_what_is_not(
    rules,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """A decision is kept by its vaccination: the two entries of a duplicate cannot be told
    apart, so theirs are not kept, and the line says so rather than "kept"."""
    from cqrs_desktop.domain.removal import removed_words

    rows = [
        row(row=2, nhs_number=NHS[0], date=dt.date(2024, 9, 2)),
        row(row=3, nhs_number=NHS[0], date=dt.date(2024, 9, 2)),  # entered twice
        row(row=4, nhs_number=NHS[1], date=dt.date(2024, 9, 3)),
    ]
    text = resource("rules.toml").read_text(encoding="utf-8")
    path = tmp_path / "r.cqrsreview"
    with ReviewSession.create(path, Review(_inputs(rows), rules), text, reviewer="J. R") as session:
        for event, decision in zip(
            session.review.events,
            (Decision.PRACTICE, Decision.NOT_GIVEN, Decision.OTHER_PROVIDER),
            strict=True,
        ):
            session.walk.go_to(event.id)
            session.decide(decision)
        before = session.review
        empty = ReviewInputs(PRACTICE, (), (), (), ())
        session.replace_inputs(empty)
        assert removed_words("search.csv", before, session.review) == (
            "Removed search.csv from the review: 1 of its 3 decisions is kept and comes back "
            "if you add it again; 2 decisions of entries that cannot be told apart (a "
            "duplicate entry, or no NHS number or date of birth) are not kept"
        )


def test_a_removed_search_keeps_its_ticks_through_another_file_of_its_name(
    rules,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """EMIS names every export search.csv. September's search.csv is removed, October's
    (another search.csv) added and removed, then September's added back: its ticks stand
    (the kept decisions know the SHA-256 of the file they were made on, not only its name)."""
    october = [row(row=2, nhs_number=NHS[6], date=dt.date(2024, 10, 7))]
    empty = ReviewInputs(PRACTICE, (), (), (), ())
    with _session(tmp_path / "r.cqrsreview", rules) as session:
        ids = [e.id for e in session.review.events][:2]
        for event_id in ids:
            session.walk.go_to(event_id)
            session.decide(Decision.OTHER_PROVIDER)
            session.toggle_action_done()
        session.replace_inputs(empty)
        session.replace_inputs(_inputs(october, sha="d" * 64))  # another search.csv
        session.replace_inputs(empty)
        session.replace_inputs(_inputs(_rows()))  # September's, as it was
        review = session.review
        assert [review.action_done(e.id) for e in review.events][:2] == [True, True]


def test_removing_one_of_two_overlapping_searches_moves_its_decision(
    rules,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """The decision made on one copy of an overlapping pair goes to the other copy, and the
    line says it is kept there, not that it is lost."""
    from cqrs_desktop.domain.removal import removed_words

    a = [row(source="a.csv", row=2, nhs_number=NHS[0], date=dt.date(2024, 9, 2))]
    b = [dataclasses.replace(a[0], source="b.csv")]
    sources = tuple(SourceSummary(f, f[0] * 64, 1, 1, 0, 0) for f in ("a.csv", "b.csv"))
    both = ReviewInputs(PRACTICE, sources, (*a, *b), (), ())
    text = resource("rules.toml").read_text(encoding="utf-8")
    path = tmp_path / "r.cqrsreview"
    with ReviewSession.create(path, Review(both, rules), text, reviewer="J. R") as session:
        (copy,) = [e for e in session.review.events if e.source == "b.csv"]
        session.walk.go_to(copy.id)
        session.decide(Decision.PRACTICE)
        before = session.review
        session.replace_inputs(ReviewInputs(PRACTICE, sources[:1], tuple(a), (), ()))
        (left,) = session.review.events
        assert session.review.decision(left.id).decision is Decision.PRACTICE  # type: ignore[union-attr]
        assert removed_words("b.csv", before, session.review) == (
            "Removed b.csv from the review: its 1 decision is kept (on the same vaccination "
            "in another search)"
        )


def test_a_search_gap_warning_follows_the_months_stated(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A September-November search with none in October warns of October; the months
    stated (the Files page's Covers), the warning goes, in the review file too; the months
    left to be worked out again, it comes back (decision 116: it went stale before)."""
    from cqrs_desktop import session as steps

    search = tmp_path / "search.csv"
    search.write_text(
        "NHS Number,Surname,Date of Birth,Date,Code,Organisation\n"
        f"{NHS[0]},Jones,25/10/1994,05/09/2024,956951000000104,F99001\n"
        f"{NHS[1]},Smith,25/10/1993,05/11/2024,956951000000104,F99001\n",
        encoding="utf-8",
    )
    imported = steps.import_inputs(PRACTICE, [steps.SearchFile(search)], [], [], rules)
    (gap,) = imported.inputs.sources[0].warnings
    assert gap.startswith("no Pertussis (pregnant women) vaccinations in October 2024")
    text = resource("rules.toml").read_text(encoding="utf-8")
    path = tmp_path / "r.cqrsreview"
    with ReviewSession.create(path, Review(imported.inputs, rules), text) as session:
        session.set_span("search.csv", ("2024-09", "2024-11"))
        assert session.review.inputs.sources[0].warnings == ()
    with ReviewSession.open(path) as reopened:
        assert reopened.review.inputs.sources[0].warnings == ()
        reopened.set_span("search.csv", None)
        assert reopened.review.inputs.sources[0].warnings == (gap,)


def test_a_carried_note_is_still_said_to_be_its_reviewers_after_the_claims_change(
    rules,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """A decision carried with its note, decided again by this review's reviewer after
    they changed a claimed count: the note is the earlier reviewer's (decision 106). The
    walk-through made again for the new claims forgot where to find the carried note, so
    the earlier reviewer's words were kept as the new reviewer's."""
    text = resource("rules.toml").read_text(encoding="utf-8")
    earlier = tmp_path / "A.cqrsreview"
    with ReviewSession.create(earlier, Review(_inputs(_rows()), rules), text, (), None, "S. E"):
        pass
    with ReviewSession.open(earlier, reviewer="S. Earlier") as first:
        first.walk.go_to(first.review.events[0].id)
        first.set_note("from A")
        first.decide(Decision.PRACTICE)
    review = Review(_inputs(_rows()), rules)
    carried = carry_decisions(review, [earlier])
    assert carried.records
    with ReviewSession.create(tmp_path / "B.cqrsreview", review, text, (), carried, "J. R") as b:
        b.set_claims([Claim("pertussis_pregnant", "2024-09", 9)])
        event = b.review.events[0].id
        b.walk.go_to(event)
        b.decide(Decision.OTHER_PROVIDER)
        note = b.review.decision(event).note
    assert note == "With the earlier decision (Given here, by S. Earlier in A.cqrsreview): from A"


def test_ctrl_z_still_undoes_a_decision_after_new_claimed_counts(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Found by the undo oracle: new claimed counts (or practice details, or a search's
    months) started a new walk-through, so Ctrl+Z after them said "Nothing to undo" and
    the decision just made stood. New files still start afresh (decision 490)."""
    with _session(tmp_path / "r.cqrsreview", rules) as session:
        first = session.walk.current
        assert first is not None
        session.decide(Decision.NOT_GIVEN)
        session.set_claims([Claim("pertussis_pregnant", "2024-09", 3)])
        session.set_practice(dataclasses.replace(PRACTICE, reviewer="J. Other"))
        assert session.undo() == Changes(decisions=(first.id,), position=True, saved=True)
        assert session.review.decision(first.id) is None
        assert session.walk.current is not None and session.walk.current.id == first.id
        session.decide(Decision.PRACTICE)
        session.replace_inputs(_inputs(_rows(), sha="b" * 64))
        assert not session.undo()  # the events are new: nothing of theirs to undo
    with ReviewSession.open(tmp_path / "r.cqrsreview") as again:
        assert again.review.decision(first.id).decision is Decision.PRACTICE  # type: ignore[union-attr]
