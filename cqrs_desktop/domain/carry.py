"""Decisions carried forward from earlier reviews: which earlier decision each event takes.

Month after month the same patients come back in the practice's searches. An event takes
the decision an earlier review made for the same vaccination: the same programme, date and
patient (NHS number, or surname and date of birth without one; a patient with a number in
one review and none in the other is found by name, where only one patient has that name).
Earlier reviews that disagree leave the event undecided, with both decisions to see, unless
the latest was made knowing the others' (`earlier.made_knowing`, decision 104).

A decision that needs a change in the clinical system (a dose given elsewhere) is checked
against the new search as it is carried (`export_check`). The earlier decisions no event
takes are gone from the search, or kept for later reviews (`left_over`). What an earlier
review holds, and what carrying gives, are in `earlier`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

from cqrs_desktop.domain.earlier import (
    CORRECTED,
    EXPORT,
    FINAL_VALUES,
    Carried,
    CarriedDecision,
    Disagreement,
    EarlierDecision,
    EarlierReview,
    EarlierRow,
    Replaced,
    entries_of_one_review,
    made_knowing,
    once_each,
    took_in,
)
from cqrs_desktop.domain.export_check import record_maker, sources_shown
from cqrs_desktop.domain.flags import NON_GMS, OTHER_ORGANISATION, OTHER_PROVIDER_CODE
from cqrs_desktop.domain.left_over import left_over
from cqrs_desktop.domain.model import Decision, DecisionRecord, VaccinationEvent
from cqrs_desktop.domain.review import Review
from cqrs_desktop.domain.vaccination_keys import (
    aliases_of,
    by_name,
    event_key,
    has_valid_number,
    iso,
    mistyped_of,
    name_key,
)


def earlier_from_review(review: Review, source_sha256: Mapping[str, str]) -> EarlierReview:
    """The review's own decisions as an "earlier review", for a search imported again into
    it: its decisions find their vaccinations by key (rows may have moved), and a dose given
    elsewhere is checked against the new export. Its file name is "" (not carried). Doses
    already gone from its search come too: still gone, or back in the new search."""
    rows: dict[str, EarlierRow | None] = {g.key: g.as_row() for g in review.all_gone}
    for event in review.events:
        record = review.decision(event.id)
        key = event_key(event)
        if record is None or record.decision is None or key is None:
            continue
        row: EarlierRow = (
            key, record.decision.value, int(record.action_done), record.note, record.reviewer,
            record.decided_at, record.carried_from, record.action_evidence,
            record.export_check, record.evidence, " ".join(event.flags), event.source,
        )  # fmt: skip
        rows[key] = None if key in rows else row
    for held in review.held:  # kept from earlier reviews, for months not searched here
        rows.setdefault(held[0], held)
    kept = {k: v for k, v in rows.items() if v is not None and v[1] in FINAL_VALUES}
    patients = ((name_key(e), event_key(e)) for e in review.events)
    searched: dict[tuple[str, str], set[str]] = {}  # its search's, made when first asked

    def in_search(programme: str, month: str) -> set[str]:
        if not searched:
            for event in review.events:
                if (key := event_key(event)) is not None:
                    searched.setdefault((event.programme, event.month), set()).add(key)
        return searched.get((programme, month), set())

    doubts = {row[0]: row for row in review.held_unsure}  # kept for later: kept again
    return EarlierReview(
        "", "", review.practice.ods_code, None, kept, dict(source_sha256),
        aliases_of(patients), any(map(by_name, kept)), source_shows=sources_shown(review),
        searched=in_search, mistyped=mistyped_of(review.events),
        unsure=frozenset(doubts), unsure_rows=doubts, left_open=dict(review.held_open),
    )  # fmt: skip


def _unique_keys(
    events: Iterable[VaccinationEvent],
) -> tuple[dict[str, VaccinationEvent], set[str], dict[str, list[VaccinationEvent]]]:
    """Events by vaccination, every key the events have, and the events of each key two or
    more share (a duplicate entry), which are left out of the first: no one decision can be
    carried to both."""
    found: dict[str, VaccinationEvent] = {}
    shared: dict[str, list[VaccinationEvent]] = {}
    for event in events:
        number = event.nhs_number_as_found  # most have one: `event_key`'s quick way, inline
        key = f"{event.programme}|{iso(event.date)}|nhs:{number}" if number else event_key(event)
        if key is None:
            continue
        if key in found:
            shared.setdefault(key, [found[key]]).append(event)
        found[key] = event
    present = set(found)
    for key in shared:
        del found[key]
    return found, present, shared


def carry(
    review: Review,
    earlier: Sequence[EarlierReview],
    source_sha256: Mapping[str, str],
    removed: Mapping[str, str] | None = None,
    stated: Collection[str] = (),
) -> Carried:
    """Match earlier decisions to the review's undecided events. `source_sha256` gives
    the SHA-256 of each of this review's search files, by file name; `removed`: the search
    files the user removed from the review, with their SHA-256 (the decisions made on them
    are kept, not gone); `stated`: the events whose decision here came with its time (a
    decisions file saying when), the only ones that can be an earlier decision copied."""
    if not earlier:
        return Carried((), ())
    earlier = [_as_shown(done) for done in earlier]  # what each left undecided, as it showed it
    # The review made last, last: of decisions made at the same time (a carried one keeps
    # its time, though a later review may have ticked it or added to its note), the later
    # review's counts, whatever order the reviews were given in. Made in the same second,
    # one that took the other in (it knows more reviews) was made after it; else by name.
    earlier = sorted(earlier, key=lambda done: (done.created_at or "", len(done.knew), done.file))
    records: list[CarriedDecision] = []
    disagreements: list[Disagreement] = []
    set_aside: list[Disagreement] = []  # "given here", the search now says otherwise
    events, present, shared = _unique_keys(review.events)
    twice = [
        key
        for key in present.difference(events)
        if any(key in d.rows or d.aliases.get(key) in d.rows or key in d.left_open for d in earlier)
    ]
    # the earlier rows of those vaccinations (by key, or by name): kept for later reviews
    twice_rows = {
        found
        for done in earlier
        for key in twice
        for found in (key, done.aliases.get(key))
        if found and found in done.rows
    }
    # and those a review left undecided, between decisions that differ (decision 158)
    twice_rows.update(key for key in twice if any(key in d.left_open for d in earlier))
    # Each earlier review's row for each event, or None, looked up in one go (C speed);
    # none by a name that review held more than one patient of (`unsure`), then the rest by
    # the patient's other identifier. Events decided here already (a decisions file) are
    # matched too, so the earlier rows they replace, by either identifier, are theirs (not
    # kept for later reviews, where they would come back).
    decided_here = review.decisions
    found_in = [list(map(done.rows.get, events)) for done in earlier]
    unsure: set[str] = set()
    for done, looked_up in zip(earlier, found_in, strict=True):
        several = {name for name, key in done.aliases.items() if not key}
        for n, (key, event) in enumerate(events.items()) if several else ():
            if key in several and looked_up[n] is not None:
                looked_up[n] = None
                if event.id not in decided_here:
                    unsure.add(key)
    _by_other_key(list(events.values()), earlier, found_in, present)
    make = record_maker(review, source_sha256, earlier)
    doubting = [i for i, done in enumerate(earlier) if done.unsure]  # reviews with unsure ones
    replaced = replaced_differently = replaced_older = 0  # decided here: the review's own stands
    seen_corrected: list[DecisionRecord] = []  # of those, shown corrected by this search
    stood: list[Replaced] = []  # of those, each with the earlier decisions it stands over
    superseded = 0
    alike = [0] * len(earlier)  # of the records, those each review held the same decision for
    opened = [i for i, done in enumerate(earlier) if done.left_open]  # (few or none)
    for (key, event), found in zip(events.items(), zip(*found_in, strict=True), strict=True):
        if decided_here and (mine := decided_here.get(event.id)) is not None:
            theirs = [row for row in found if row is not None]
            copied = _copied(make, event, mine, earlier, found) if event.id in stated else None
            if copied is not None:  # the earlier decision itself, copied: carried as it is
                records.append(copied)
                _count_alike(alike, found, copied.record.decision)
                continue
            # what an earlier review left undecided between reviews that disagreed (kept
            # for later, decision 154), which this review's decision settles (decision 445)
            shown = _kept_undecided(earlier, opened, key, event, found, present)[1]
            if theirs or shown:
                replaced += 1
                value = mine.decision.value if mine.decision else None
                replaced_differently += any(row[1] != value for row in theirs) or any(
                    d.decision.value != value for d in shown
                )
                # (a decisions file of last year's over a decision made since: said)
                replaced_older += bool(mine.decided_at) and any(
                    row[1] != value and (row[5] or "")[:10] > (mine.decided_at or "")[:10]
                    for row in theirs
                )
                if (seen := _seen_corrected(make, event, mine, earlier, found)) is not None:
                    seen_corrected.append(seen)
                over = shown or once_each(
                    EarlierDecision.of(earlier[i], row)
                    for i, row in enumerate(found)
                    if row is not None
                )
                stood.append(Replaced(seen or mine, over))
            continue
        if opened:
            found, shown = _kept_undecided(earlier, opened, key, event, found, present)
            if shown:  # left undecided knowingly, and not decided since by one that knew
                disagreements.append(Disagreement(event.id, shown))
                continue
        best: EarlierRow | None = None
        best_at = ""
        best_review = 0
        differ = False
        for i, row in enumerate(found):  # usually one to three reviews
            if row is None:
                continue
            at = row[5] or ""
            if best is None:
                best, best_at, best_review = row, at, i
                continue
            if row[1] != best[1]:
                differ = True
            if at >= best_at:  # the latest decision of those that agree (a tie: the later review)
                best, best_at, best_review = row, at, i
        if best is None:
            continue
        if differ and (informed := made_knowing(earlier, found)) is not None:
            differ, superseded = False, superseded + 1  # decided again knowing the other
            best, best_review = found[informed], informed
        if differ:
            decisions = once_each(
                EarlierDecision.of(earlier[i], row)
                for i, row in enumerate(found)
                if row is not None
            )
            disagreements.append(Disagreement(event.id, decisions))
            continue
        done = earlier[best_review]
        if doubting and any(
            _marked_unsure(earlier[i], key, event) for i in doubting if i > best_review
        ):
            continue  # a later review marked it unsure: its doubt stands (decision 99)
        if best[1] == _GIVEN_HERE and event.flags and done.file and _against(event, best):
            # the search now says otherwise: decided again (decision 88), the earlier seen
            set_aside.append(Disagreement(event.id, (EarlierDecision.of(done, best),)))
            continue
        records.append(CarriedDecision(make(event, done, best), done.file, done.sha256))
        for i, row in enumerate(found):
            alike[i] += row is not None and row[1] == best[1]
    left = left_over(review, earlier, present, unsure, twice_rows, removed)
    taken: list[CarriedDecision | Disagreement] = [*records, *disagreements, *set_aside]
    held_twice, twice_not_here = _held_twice(review, (events, shared), earlier, taken, decided_here)
    unsure_count, unsure_shown = _unsure_earlier(
        events, earlier, [*taken, *held_twice], decided_here
    )
    knew = frozenset(known for done in earlier for known in (done.known_as, *done.knew) if known)
    return Carried(
        tuple(records), tuple(disagreements), left.gone, left.held, len(twice),
        left.maybe_here, left.differ_not_kept, left.not_searched, left.maybe_unplaced,
        left.no_longer_found, replaced, replaced_differently, unsure_count, tuple(set_aside),
        unsure_shown, held_twice, superseded=superseded + left.superseded, knew=knew,
        twice_not_here=twice_not_here, unproven=left.unproven, differ_gone=left.differ_gone,
        replaced_older=replaced_older, stood=tuple(stood),
        near=left.near, from_empty=left.from_empty,
        seen_corrected=tuple(seen_corrected), held_unsure=left.held_unsure,
        held_open=left.held_open, unsure_searched=left.unsure_searched,
        unsure_gone=left.unsure_gone,
        no_patient=sum(done.no_patient for done in earlier),
        held_alike=tuple((done.file, n) for done, n in zip(earlier, alike, strict=True)),
    )  # fmt: skip


def _count_alike(
    alike: list[int], found: Sequence[EarlierRow | None], decision: Decision | None
) -> None:
    """Count a carried decision for each review that held it alike (`Carried.held_alike`)."""
    value = decision.value if decision is not None else None
    for i, row in enumerate(found):
        alike[i] += row is not None and row[1] == value


def _as_shown(done: EarlierReview) -> EarlierReview:
    """The review, with what it left undecided showing one earlier entry on the card read
    as that entry (decision 140): one marked unsure is an unsure mark of this review's (who
    marked it, when, the note, the review it was marked in), weighed as decision 99 weighs
    a doubt; one "given here" set aside (decision 88) is that decision as this review holds
    it, weighed again against the new search, not knowing what the earlier search showed
    (any sign against it sets it aside again). So what a review showed travels on with
    it, as if the review it came from were carried too. The entries of a duplicate an
    earlier search held (decision 108), shown by a review that left them undecided, are
    that review's entries held twice, as they are of the review they came from (decision
    150). The rest (decisions that differ) stays `left_open` (decision 134)."""
    doubled = {
        key: tuple(_as_row(key, d) for d in shown)
        for key, shown in done.left_open.items()
        if entries_of_one_review(shown)
        and key not in done.rows
        and key not in done.twice
        and key not in done.unsure
    }
    if doubled:
        done = dataclasses.replace(
            done,
            left_open={k: v for k, v in done.left_open.items() if k not in doubled},
            twice={**done.twice, **doubled},
        )
    travels = {
        key: shown[0]
        for key, shown in done.left_open.items()
        if len(shown) == 1
        and shown[0].decision in _TRAVELS
        and key not in done.rows
        and key not in done.twice
        and key not in done.unsure
    }
    if not travels:
        return done
    doubts = {k: _as_row(k, d) for k, d in travels.items() if d.decision is Decision.UNSURE}
    rows = {k: _as_row(k, d) for k, d in travels.items() if d.decision is not Decision.UNSURE}
    return dataclasses.replace(
        done,
        left_open={k: v for k, v in done.left_open.items() if k not in travels},
        rows={**done.rows, **rows} if rows else done.rows,
        named=done.named or any(map(by_name, rows)),
        unsure=done.unsure.union(doubts),
        unsure_rows={**done.unsure_rows, **doubts},
    )


def _as_row(key: str, shown: EarlierDecision) -> EarlierRow:
    """An entry a review showed, as its row: decided (or marked) in the review it came from,
    by its reviewer, then; what that review's search showed is not known."""
    return (
        key, shown.decision.value, int(shown.action_done), shown.note, shown.reviewer,
        shown.decided_at, shown.decided_in or None, None, None, "", "", None,
    )  # fmt: skip


def _copied(
    make: Callable[[VaccinationEvent, EarlierReview, EarlierRow], DecisionRecord],
    event: VaccinationEvent,
    mine: DecisionRecord,
    earlier: Sequence[EarlierReview],
    found: Sequence[EarlierRow | None],
) -> CarriedDecision | None:
    """Where the review's own decision (a decisions file: the review's workbook given back)
    is an earlier review's decision itself, the same decision, reviewer, time and note (and
    tick, unless the search shows the change made), that earlier decision carried: it was
    checked in that review, not in this one, and what the search shows of it is the
    export's evidence, not this reviewer's tick (decision 156). None otherwise."""
    if mine.decision is None or mine.decision is Decision.UNSURE or not mine.decided_at:
        return None
    try:
        at = dt.datetime.fromisoformat(mine.decided_at)
    except ValueError:
        return None
    for done, row in zip(earlier, found, strict=True):
        if row is None or row[1] != mine.decision.value or not row[5]:
            continue
        try:
            same_time = dt.datetime.fromisoformat(row[5]) == at
        except (ValueError, TypeError):  # (a naive time and an aware one: not the same)
            continue
        if not same_time or (row[4] or None) != (mine.reviewer or None):
            continue
        if (row[3] or "") != (mine.note or ""):
            continue
        record = make(event, done, row)
        if mine.action_done and not record.action_done:
            continue  # ticked here since: this review's own word
        return CarriedDecision(record, done.file, done.sha256)
    return None


def _seen_corrected(
    make: Callable[[VaccinationEvent, EarlierReview, EarlierRow], DecisionRecord],
    event: VaccinationEvent,
    mine: DecisionRecord,
    earlier: Sequence[EarlierReview],
    found: Sequence[EarlierRow | None],
) -> DecisionRecord | None:
    """The review's own decision of a vaccination an earlier review decided too (a
    decisions file), where it needs a change in the clinical system and this search shows
    that change made since the earlier decision (decision 139): checked as the earlier one
    would have been, carried (against the latest earlier row: its search's flags, its
    check), and given the export's evidence as a carried one is. Otherwise None: the
    review's own word stands as it is (its decision stands either way)."""
    if mine.decision is None or mine.decision is Decision.UNSURE:
        return None
    latest: tuple[EarlierReview, EarlierRow] | None = None
    for done, row in zip(earlier, found, strict=True):  # the latest decision (a tie: later)
        if row is not None and (latest is None or (row[5] or "") >= (latest[1][5] or "")):
            latest = (done, row)
    if latest is None:
        return None
    done, row = latest
    (key, _decision, _ticked, _note, _reviewer, _at,
     carried_from, evidence_by, check, evidence, flags, source) = row  # fmt: skip
    as_mine: EarlierRow = (
        key, mine.decision.value, int(mine.action_done), mine.note, mine.reviewer,
        mine.decided_at, carried_from, evidence_by, check, evidence, flags, source,
    )  # fmt: skip
    checked = make(event, done, as_mine)
    if checked.export_check != CORRECTED:
        return None
    return dataclasses.replace(
        mine,
        action_done=True,
        action_evidence=EXPORT,
        export_check=CORRECTED,
        evidence=checked.evidence,
    )


def _kept_undecided(
    earlier: Sequence[EarlierReview],
    opened: Sequence[int],
    key: str,
    event: VaccinationEvent,
    found: tuple[EarlierRow | None, ...],
    seen: set[str],
) -> tuple[tuple[EarlierRow | None, ...], tuple[EarlierDecision, ...]]:
    """Of a vaccination the latest review of `opened` left undecided knowing the decisions
    of the reviews it took in (`left_open`): the rows of the reviews that took that review
    in and decided it since (theirs stand: `found` with only those), or, none having done
    so, the decisions it showed with every other review's here, to decide again: a review
    it took in does not settle what it left open (decision 134). The key it was left open
    by joins `seen`."""
    for i in reversed(opened):  # the review made last first
        done = earlier[i]
        mistyped = done.mistyped.get(name_key(event) or "") if done.mistyped else None
        open_key = next(
            (k for k in (key, done.aliases.get(key), mistyped) if k and k in done.left_open), ""
        )
        if not open_key:
            continue
        shown = done.left_open[open_key]
        seen.add(open_key)  # the event's: not left over
        since = tuple(
            row if row is not None and took_in(earlier[j], done) else None
            for j, row in enumerate(found)
        )
        if any(row is not None for row in since):
            return since, ()
        said = {_decided(d) for d in shown}  # a review it showed, carried here too: once
        others = (EarlierDecision.of(earlier[j], row) for j, row in enumerate(found) if row)
        return found, once_each((*shown, *(d for d in others if _decided(d) not in said)))
    return found, ()


def _decided(d: EarlierDecision) -> tuple[object, ...]:
    return (d.decided_in, d.decision, d.action_done, d.note, d.reviewer, d.decided_at)


def _taken_ids(taken: Iterable[CarriedDecision | Disagreement]) -> set[str]:
    return {t.record.event_id if isinstance(t, CarriedDecision) else t.event_id for t in taken}


def _held_twice(
    review: Review,
    by_key: tuple[Mapping[str, VaccinationEvent], Mapping[str, list[VaccinationEvent]]],
    earlier: Sequence[EarlierReview],
    taken: Sequence[CarriedDecision | Disagreement],
    decided_here: Collection[str],
) -> tuple[tuple[Disagreement, ...], int]:
    """The review's events (each entry, should this search hold one twice too) of a
    vaccination an earlier review's search held twice (a duplicate entry), that take
    nothing from another review and are not decided here already: which entry an event is
    cannot be told, so each is shown with the decision of every entry, to decide again
    (decision 108). And how many such vaccinations no event here is of (not kept). Looked
    up by key (`by_key`: the events by key, and those of keys shared here), by the other
    identifier of a patient with no NHS number here (`aliases`), and, where the earlier
    review knew a patient by name only, by every numbered event's name."""
    doubled = [done for done in earlier if done.twice]
    if not doubled:
        return (), 0
    unique, shared = by_key
    found: dict[str, dict[tuple[int, str], None]] = {}  # by event id: (review, key), in order

    def take(events: Iterable[VaccinationEvent], n: int, held: str) -> None:
        for event in events:
            found.setdefault(event.id, {})[n, held] = None

    def of(key: str) -> Iterable[VaccinationEvent]:
        return (unique[key],) if key in unique else shared.get(key, ())

    for n, done in enumerate(doubled):
        for key in done.twice:
            take(of(key), n, key)
        for name, alias in done.aliases.items():  # events here with no NHS number
            if alias in done.twice:
                take(of(name), n, alias)
        if any("|name:" in key for key in done.twice):  # known there by name only
            for event in review.events:
                named = name_key(event) if has_valid_number(event) else None
                if named and named in done.twice:
                    take((event,), n, named)
    seen = {key for pairs in found.values() for _n, key in pairs}
    ids = _taken_ids(taken)
    shown = tuple(
        Disagreement(  # (a review that showed another's entries, carried with it: once)
            event_id,
            once_each(
                EarlierDecision.of(doubled[n], row)
                for n, key in pairs
                for row in doubled[n].twice[key]
            ),
        )
        for event_id, pairs in found.items()
        if event_id not in ids and event_id not in decided_here
    )
    # held twice, no event here of it, nor another review's decision for it (carried or kept)
    not_here = {k for done in doubled for k in done.twice}.difference(seen)
    return shown, sum(1 for k in not_here if not any(k in done.rows for done in earlier))


def _unsure_earlier(
    events: Mapping[str, VaccinationEvent],
    earlier: Sequence[EarlierReview],
    taken: Sequence[CarriedDecision | Disagreement],
    decided_here: Collection[str],
) -> tuple[int, tuple[Disagreement, ...]]:
    """The review's events (by key) an earlier review had marked unsure, that take nothing
    from another (`taken`: carried, or shown as decided earlier) and are not decided here
    already: left to decide, with nothing carried. How many, and each with the latest
    review's entry marking it unsure (earlier reviews are in the order they were made),
    where its file gave one (who marked it, when, the note)."""
    if not any(done.unsure for done in earlier):
        return 0, ()
    ids = _taken_ids(taken)
    marked: set[str] = set()  # the events' ids
    shown: dict[str, EarlierDecision] = {}
    for done in earlier:
        if not done.unsure:
            continue
        for key, event in events.items():
            if event.id in ids or event.id in decided_here:
                continue
            found = next(
                (
                    k
                    for k in (key, done.aliases.get(key), name_key(event))
                    if k and k in done.unsure
                ),
                None,
            )
            if found is None:
                continue
            marked.add(event.id)
            if (row := done.unsure_rows.get(found)) is not None:
                shown[event.id] = EarlierDecision.of(done, row)  # the later review's wins
    return len(marked), tuple(Disagreement(event_id, (entry,)) for event_id, entry in shown.items())


def _marked_unsure(done: EarlierReview, key: str, event: VaccinationEvent) -> bool:
    """Whether the earlier review had the event marked unsure: by its key, or by the
    patient's other identifier."""
    if not done.unsure:
        return False
    alias = done.aliases.get(key)
    return (
        key in done.unsure
        or bool(alias and alias in done.unsure)
        or (name_key(event) in done.unsure)
    )


_GIVEN_HERE = Decision.PRACTICE.value
# The one entry a review showed for a vaccination it left undecided that travels on with it
# (`_as_shown`): a mark of unsure (decision 100), a "given here" set aside (decision 88)
_TRAVELS = frozenset({Decision.UNSURE, Decision.PRACTICE})
# What a search may show against a dose being the practice's own (the walkthrough asks
# again before "Given here" on these too).
_AGAINST_PRACTICE = (NON_GMS, OTHER_PROVIDER_CODE, OTHER_ORGANISATION)


def _against(event: VaccinationEvent, row: EarlierRow) -> bool:
    """Whether the event's search shows, where the earlier one did not, that the dose is
    not the practice's (marked not GMS, a "given by another provider" code near it, now
    recorded by another organisation)."""
    shown = [f for f in _AGAINST_PRACTICE if f in event.flags]
    return bool(shown) and any(f not in row[10].split() for f in shown)


def _by_other_key(
    events: Sequence[VaccinationEvent],
    earlier: Sequence[EarlierReview],
    found_in: list[list[EarlierRow | None]],
    present: set[str],
) -> None:
    """Fill in `found_in` (each earlier review's row for each event) by the patient's other
    identifier: an event with no valid NHS number here, where its key found none, by the
    surname and date of birth of the one patient of that name who had a number there
    (`aliases`); one with a number here by the name a review keyed it by without one (that
    review may hold her twice: its own decision by name, and an earlier one by number that
    it kept; the later counts). A row two events would take, or whose key an event here
    has, is not taken (it cannot be told which); the rows taken join `present`, so they are
    not left over."""
    here = frozenset(present)  # the events' own keys (taken by another key below: still
    # weighed for each review, so a later review's row is not lost behind an earlier one's)
    for i, done in enumerate(earlier):
        if not (done.named or done.aliases or done.mistyped):
            continue  # every patient there had a number, none here lacks one: nothing to do
        looked_up = found_in[i]
        wanted: dict[str, list[int]] = {}
        for n, event in enumerate(events):
            numbered = has_valid_number(event)
            if looked_up[n] is not None and not (numbered and done.named):
                continue
            if numbered:
                key = name_key(event) if done.named else None
            else:
                other = name_key(event)
                alias = done.aliases.get(other) if other else None
                key = other if alias is None else alias  # "" (two patients of that name): none
            if not (key and key in done.rows) and looked_up[n] is None and done.mistyped:
                # her number failed its check there, put right (or mistyped again) here
                key = done.mistyped.get(name_key(event) or "")  # ("": two of that name)
            if key and key in done.rows:
                wanted.setdefault(key, []).append(n)
        for key, at in wanted.items():
            if len(at) > 1 or key in here:
                continue
            row, before = done.rows[key], looked_up[at[0]]
            if before is None or (row[5] or "") > (before[5] or ""):
                looked_up[at[0]] = row
            present.add(key)  # (either way: the event's, not left over)
