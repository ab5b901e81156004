"""The earlier decisions no event of a new review took (`left_over`): doses gone from a
search that covers them (the export's evidence of a correction), decisions kept for later
reviews (months not searched, patients that may be here by another identifier), and those
counted so the reviewer is told.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence
from operator import itemgetter
from typing import NamedTuple

from cqrs_desktop.domain.dates import month_label
from cqrs_desktop.domain.earlier import (
    GONE,
    NO_LONGER_FOUND,
    RECODED,
    EarlierDecision,
    EarlierReview,
    EarlierRow,
    GoneDose,
    kept_source,
    made_knowing,
    once_each,
    source_name,
    source_sha256,
    took_in,
)
from cqrs_desktop.domain.model import Decision, RowKind
from cqrs_desktop.domain.nhs import is_valid_nhs_number
from cqrs_desktop.domain.review import Review
from cqrs_desktop.domain.vaccination_keys import (
    by_name,
    event_key,
    has_valid_number,
    iso,
    may_be_same_patient,
    name_key,
    patient_text,
    vaccination_key,
)


class LeftOver(NamedTuple):
    """The earlier decisions no event here took (`left_over`)."""

    gone: tuple[GoneDose, ...]
    held: tuple[EarlierRow, ...]
    maybe_here: int
    differ_not_kept: int
    not_searched: int  # of `held`, those no search here covers
    maybe_unplaced: int = 0  # of `held`, those rows not placed may be
    no_longer_found: int = 0  # of `held`, needing no change, no longer in the search
    superseded: int = 0  # decided differently, the later review knowing the other's
    # of `held`, of a day before the first (or after the last) vaccination of a search
    # whose months are worked out from its dates: not proof (decision 120)
    unproven: int = 0
    # decided differently (or left undecided knowingly, decision 134), no longer in a
    # search that covers them: neither decision kept, nor taken as proof (decision 135)
    differ_gone: int = 0
    # of `held`, doses whose patient has a dose of the programme days away in the search
    # (its date may have been put right), and doses lacking from a search that holds no
    # vaccination at all: not proof, nor "no longer found" (decision 138)
    near: int = 0
    from_empty: int = 0
    # vaccinations an earlier review marked unsure (no review decided them), that no event
    # here has and no search here covers: the mark kept for later reviews, as it was
    held_unsure: tuple[EarlierRow, ...] = ()
    # vaccinations earlier reviews decided differently (`differ_not_kept` of them), no search
    # here covers: each with the decisions, kept for later reviews to show (decision 154)
    held_open: tuple[tuple[str, tuple[EarlierDecision, ...]], ...] = ()
    # of `held_unsure`, those of vaccinations a search here covers; of them, those not in
    # it at all (neither twice nor maybe by the other identifier): decision 160
    unsure_searched: int = 0
    unsure_gone: int = 0


def left_over(
    review: Review,
    earlier: Sequence[EarlierReview],
    present: Collection[str],
    unsure: Collection[str] = (),
    twice: Collection[str] = (),
    removed: Mapping[str, str] | None = None,
) -> LeftOver:
    """The earlier decisions for vaccinations no event here has (`present`: the keys of the
    events here, and of the rows taken by another key), in one pass:
    - one whose patient may still be here under the other identifier (`_may_be_here`, or
      `unsure`: a name the earlier review held for two patients): not taken as gone, but
      counted (`maybe_here`), so the reviewer is told, and kept for later reviews;
    - one this search holds twice (`twice`, a duplicate entry): said apart, and kept;
    - a vaccination no search here covers (another month, or a programme not searched):
      kept for later reviews as it was, with the review it was decided in (`held`), so a
      later review carrying this one alone still finds it;
    - a dose decided as needing a change in the clinical system, that a search of its
      programme covering its month no longer holds: gone (`GoneDose`), the search's
      evidence that the change was made (decision 62), unless a row of the search that
      could not be placed (an unreadable date, an unknown code) may be it (of its
      programme, month and patient, where the row says them): then it is
      kept and counted (`maybe_unplaced`), never taken as proof (decision 86);
    - a dose decided as needing no change (given here, ...) that such a search no longer
      holds: kept for later reviews (should it come back) and counted
      (`no_longer_found`), so the reviewer is told (decision 86).
    Earlier reviews that disagree give no kept decision and no gone dose (the next review
    would take one of them as if there were no disagreement); those not searched here are
    counted (`differ_not_kept`). A decision made on a search file the user removed from the
    review (`removed`: their SHA-256, by name) is kept as not searched, never gone: its file
    was taken away, which proves nothing (decision 109). A kept decision keeps the SHA-256 of
    the file it was made on (`kept_source`)."""
    superseded = 0
    found: dict[str, list[tuple[EarlierReview, EarlierRow]]] = {}
    for done in earlier:
        for key in done.rows.keys() - present:  # most are present: the set difference is quick
            found.setdefault(key, []).append((done, done.rows[key]))
        for key in (*unsure, *twice):  # (those not already found: an event here has them)
            if key in done.rows and key in present:
                found.setdefault(key, []).append((done, done.rows[key]))
    doubts = _unsure_not_decided(review, earlier, present, found)
    # (a mark alone, in a month searched here: not found in the search, decision 160)
    unsure_searched = unsure_gone = sum(
        bool(covering_files(review, *key.split("|", 2)[:2])) for key, *_ in doubts
    )
    if not found and not any(done.left_open for done in earlier):
        return LeftOver(
            (), (), 0, 0, 0, held_unsure=doubts, unsure_searched=unsure_searched,
            unsure_gone=unsure_gone,
        )  # fmt: skip
    may_be_here = _may_be_here(review, found)
    unplaced = _unplaced_rows(review)
    markers = _marker_rows(review)
    searched_day = _searched_day(review)
    not_alike = _not_alike(review)
    gone: list[GoneDose] = []
    held: list[EarlierRow] = []
    maybe = differ = not_searched = maybe_unplaced = no_longer_found = unproven = 0
    differ_gone = near = from_empty = 0
    moved = _moved(review, earlier)
    holds_any = _holds_any(review)
    openers = [done for done in reversed(earlier) if done.left_open]  # the latest first
    kept_open: dict[str, tuple[EarlierDecision, ...]] = {}  # disagreements not searched here
    doubted: dict[str, EarlierRow] = {}  # decisions a later review doubted, not searched here
    for key, rows in found.items():
        programme, date, _patient = key.split("|", 2)
        files = (
            ()
            if removed and any(_made_on(row, done, removed) for done, row in rows)
            else covering_files(review, programme, date)
        )
        # why a dose a search covering its month lacks is still no proof (kept, and said)
        why_kept = ""
        if files and key not in markers:  # (recoded: the code on its day is proof of its own)
            # judged by the decisions that can be taken: not one a later review stood over
            # knowingly, nor one from before a review left it undecided (decision 364)
            weighed = _weighed(key, rows, openers)
            needs = any(review.rules.needs_action(programme, row[1]) for _done, row in weighed)
            # (decided differently: kept for a later search of that day to show, 367)
            differ_here = len({row[1] for _done, row in weighed}) > 1
            if not any(holds_any(file, programme) for file in files):
                why_kept = "empty"  # a search holding none of it shows nothing gone
            elif not searched_day(programme, date) and (
                not needs or differ_here or not_alike(key, weighed, present)
            ):
                # proof of a correction only where the search looked at that day (decision
                # 120); nor is a dose needing no change "no longer found" on a day it may
                # not have looked at (the email would ask to take it off the claim: 138)
                why_kept = "unproven"
            elif moved(key):
                why_kept = "near"  # a dose of it days away: its date may have been put right
        searched = bool(files)  # (a search here covers it: its lack is said, decision 160)
        if why_kept:
            files = []  # kept as for a month not searched
        doubled = key in twice
        # a number that failed its check says nothing of who she is: not being in the search
        # by it is no proof (she may be here, her number put right: decision 133)
        mistyped = _patient.startswith("nhs:") and not is_valid_nhs_number(_patient[4:])
        here = not doubled and bool(files) and (key in unsure or may_be_here(key) or mistyped)
        maybe += here
        informed = None
        if openers and (opener := next((d for d in openers if key in d.left_open), None)):
            # left undecided by a review that took these in: only one that took it in since
            since = [(done, row) for done, row in rows if took_in(done, opener)]
            if not since:
                differ += not files
                # (one here twice, or maybe here by another identifier, is not gone: said
                # so, and its decisions kept with the rest)
                differ_gone += bool(files) and not (doubled or here)
                if not files or doubled or here:  # what it showed, with the others' here
                    kept_open[key] = _shown_with(opener.left_open[key], rows)
                continue
            rows = since
        if len({row[1] for _done, row in rows}) > 1:
            reviews = [done for done, _row in rows]
            informed = made_knowing(reviews, [row for _done, row in rows])
            if informed is None:
                differ += not files
                differ_gone += bool(files) and not (doubled or here)
                if not files or doubled or here:
                    kept_open[key] = _shown_with((), rows)
                continue
            superseded += 1
        # the latest decision; of the same time, the later review's (decided again knowing
        # the other's: that review's)
        done, row = (
            rows[informed]
            if informed is not None
            else max(reversed(rows), key=lambda found_row: found_row[1][5] or "")
        )
        if (doubt := _doubted_since(earlier, done, key)) is not None:
            # a later review's doubt over it (decision 99): the doubt travels, not the
            # decision it doubted (decision 159); one a search covering its month lacks is
            # no proof of a correction the doubt may have stopped (decision 160)
            doubted[key] = doubt
            unsure_searched += searched
            unsure_gone += searched and not (here or doubled)
            continue
        needs = review.rules.needs_action(programme, row[1])  # (or programme not in the rules)
        among_unplaced = bool(files) and not (here or doubled) and _may_be_unplaced(unplaced, key)
        lost = bool(files) and not (here or doubled or among_unplaced or needs)
        source = kept_source(row[11], source_sha256(done.source_sha256, row[11]))
        if lost:
            missing = gone_words(files, date[:7])
            held.append((*row[:6], row[6] or done.file or None, row[7], NO_LONGER_FOUND, missing,
                         row[10], source))  # fmt: skip
            no_longer_found += 1
        elif here or doubled or not files or among_unplaced:
            # (a dose no longer found before, now not searched or maybe here: no longer said)
            check, said = (None, "") if row[8] == NO_LONGER_FOUND else (row[8], row[9])
            held.append(
                (*row[:6], row[6] or done.file or None, row[7], check, said, row[10], source)
            )
            not_searched += not files and not why_kept
            unproven += why_kept == "unproven"
            near += why_kept == "near"
            from_empty += why_kept == "empty"
            maybe_unplaced += among_unplaced
        else:
            gone.append(
                GoneDose(
                    key, Decision(row[1]), bool(row[2]), row[3] or "", row[4], row[5],
                    row[6] or done.file, done.sha256 if not row[6] else "",
                    markers.get(key) or gone_words(files, date[:7]),
                )
            )  # fmt: skip
    # left undecided by a review (decision 134), no one event here of it and no review's
    # decision for it: said as the disagreements they were (decision 135); one this search
    # holds twice is no disagreement gone: said as the duplicate it is, and kept (158)
    for key in {k for done in openers for k in done.left_open}.difference(found):
        doubled = key in twice
        if key in present and not doubled:
            continue  # an event here has it: left to decide there (`_kept_undecided`)
        programme, date, _patient = key.split("|", 2)
        covered = bool(covering_files(review, programme, date))
        differ += not covered
        differ_gone += covered and not doubled
        if not covered or doubled:  # as the latest review that left it undecided showed it
            kept_open[key] = next(d.left_open[key] for d in openers if key in d.left_open)
    return LeftOver(
        tuple(sorted(gone, key=lambda g: (g.programme, g.date, g.key))),
        tuple(sorted(held, key=itemgetter(0))),
        maybe,
        differ,
        not_searched,
        maybe_unplaced,
        no_longer_found,
        superseded,
        unproven,
        differ_gone,
        near,
        from_empty,
        tuple(sorted((*doubts, *doubted.values()), key=itemgetter(0))) if doubted else doubts,
        tuple(sorted(kept_open.items())),
        unsure_searched,
        unsure_gone,
    )


def _weighed(
    key: str,
    rows: Sequence[tuple[EarlierReview, EarlierRow]],
    openers: Sequence[EarlierReview],
) -> Sequence[tuple[EarlierReview, EarlierRow]]:
    """Of the earlier reviews' decisions for `key`, those `left_over` may take: where a
    review left it undecided, those made since; where they differ and one was made knowing
    the others, that one alone (decision 104); else all of them."""
    opener = next((d for d in openers if key in d.left_open), None)
    if opener is not None:
        since = [(done, row) for done, row in rows if took_in(done, opener)]
        if not since:
            return rows
        rows = since
    if len({row[1] for _done, row in rows}) > 1:
        informed = made_knowing([done for done, _row in rows], [row for _done, row in rows])
        if informed is not None:
            return [rows[informed]]
    return rows


def _shown_with(
    shown: tuple[EarlierDecision, ...], rows: Sequence[tuple[EarlierReview, EarlierRow]]
) -> tuple[EarlierDecision, ...]:
    """The decisions of a vaccination decided differently, as a later review is to show
    them: those a review that left it undecided showed, then each review's here, each once.
    A review that one showed, as it was then, is not shown a second time: two decisions of
    one review read as the entries of a duplicate in its search (decision 366)."""
    showing = {(d.review, d.review_sha256) for d in shown}
    here = (
        EarlierDecision.of(done, row)
        for done, row in rows
        if (done.file, done.sha256) not in showing
    )
    return once_each((*shown, *here))


def _doubted_since(
    earlier: Sequence[EarlierReview], decided_in: EarlierReview, key: str
) -> EarlierRow | None:
    """The latest mark of unsure of `key` (by it, or by the patient's other identifier) of
    a review made after `decided_in` (`earlier` is in the order the reviews were made), kept
    as it was marked (who, when, the note, the review), or None."""
    after = False
    mark: tuple[EarlierReview, EarlierRow] | None = None
    for done in earlier:
        if done is decided_in:
            after = True
            continue
        if not after or not done.unsure_rows:
            continue
        found = next((k for k in (key, done.aliases.get(key)) if k in done.unsure_rows), None)
        if found is not None:
            mark = (done, done.unsure_rows[found])
    if mark is None:
        return None
    done, row = mark
    source = kept_source(row[11], source_sha256(done.source_sha256, row[11]))
    return (key, *row[1:6], row[6] or done.file or None, row[7], None, "", row[10], source)


def _unsure_not_decided(
    review: Review,
    earlier: Sequence[EarlierReview],
    present: Collection[str],
    decided: Collection[str],
) -> tuple[EarlierRow, ...]:
    """The marks of unsure of earlier reviews (with who marked it, when, the note and the
    review it was marked in) for vaccinations no event here has and no earlier review
    decided (`decided`): kept for later reviews as they were, so a review carrying this one
    alone still shows the doubt when it searches that month again. (A mark is no decision:
    it is kept apart from them, never counted as one.) The latest mark of each. One in a
    month searched here was once dropped without a word; it is kept, and said, as the
    doubt it is (decision 160)."""
    kept: dict[str, EarlierRow] = {}
    for done in earlier:
        for key, row in done.unsure_rows.items():
            if key in present or key in decided or key in done.rows or key in done.twice:
                continue
            if key in kept and (kept[key][5] or "") > (row[5] or ""):
                continue
            source = kept_source(row[11], source_sha256(done.source_sha256, row[11]))
            kept[key] = (*row[:6], row[6] or done.file or None, row[7], None, "", row[10], source)
    return tuple(kept[key] for key in sorted(kept))


def _moved(review: Review, earlier: Sequence[EarlierReview]) -> Callable[[str], bool]:
    """`moved(key)`: whether the patient of `key` has a dose of its programme here on
    another day within the programme's duplicate window that no earlier review knew: the
    same dose, its date put right, may be that one (decision 138). A dose an earlier review
    had decided is one of its own where that review's search held this one too (a duplicate
    entry removed leaves the other one, decided: that is no moved date); one it decided
    beside this one kept from another review, its search never holding it, may be this
    dose with its date put right (decision 331). By NHS number, or by surname and date of
    birth."""
    days: dict[tuple[str, str], list[dt.date]] = {}  # made when first asked (most never are)
    windows = {p.id: p.duplicate_window_days for p in review.rules.programmes}

    def moved(key: str) -> bool:
        if not days:
            for event in review.events:
                for found in (event_key(event), name_key(event)):
                    if found is not None:
                        programme, _date, patient = found.split("|", 2)
                        days.setdefault((programme, patient), []).append(event.date)
        programme, date, patient = key.split("|", 2)
        near = days.get((programme, patient))
        if not near:
            return False
        day = dt.date.fromisoformat(date)
        window = windows.get(programme, 28)
        return any(
            0 < abs((other - day).days) <= window
            and not any(
                vaccination_key(programme, iso(other), patient) in done.rows
                and _held_there(done, key, programme, date[:7])
                for done in earlier
            )
            for other in near
        )

    return moved


def _held_there(done: EarlierReview, key: str, programme: str, month: str) -> bool:
    """Whether the earlier review's own search held the dose of `key` (not only a decision
    kept from another review); not known (no `searched`): taken as held, as before."""
    return done.searched is None or key in done.searched(programme, month)


def _holds_any(review: Review) -> Callable[[str, str], bool]:
    """`holds_any(file, programme)`: whether the search file holds any vaccination of the
    programme: one that holds none (empty, or given for a programme it has no rows of)
    shows nothing gone (decision 138)."""
    holding = {(r.source, r.programme) for r in review.inputs.rows if r.kind is RowKind.EVENT}
    return lambda file, programme: (file, programme) in holding


def _searched_day(review: Review) -> Callable[[str, str], bool]:
    """`searched_day(programme, date)`: whether this review's searches show they looked at
    that day, so a dose of it no longer there is gone. A search covers a month from its
    earliest to its latest vaccination unless its months were stated (SPEC 3), so an
    October search holding one late-recorded dose of 30 September "covers" September, and
    each of last month's September doses would be gone: proof of corrections no one made,
    and "no longer found" taking given doses off the claim. So in the first and last month
    of a span worked out from a file's dates, only the days from its earliest to its latest
    vaccination count as searched; a month between them counts whole where the file holds a
    dose in it (of any programme), and a stated span counts whole (decision 120)."""
    dated: dict[tuple[str, str], tuple[str, str]] = {}  # (file, programme): first, last day
    held: set[tuple[str, str]] = set()  # (file, month) with a dose of any programme
    for row in review.inputs.rows:
        if row.kind is RowKind.EVENT:
            day, at = iso(row.date), (row.source, row.programme)
            held.add((row.source, day[:7]))
            seen = dated.get(at)
            if seen is None:
                dated[at] = (day, day)
            elif not seen[0] <= day <= seen[1]:
                dated[at] = (min(seen[0], day), max(seen[1], day))
    files = list(zip(review.inputs.sources, review.source_covers, strict=False))

    def searched_day(programme: str, date: str) -> bool:
        month = date[:7]
        for source, covers in files:
            span = covers.get(programme)
            if span is None or not span[0] <= month <= span[1]:
                continue
            if source.span is not None:
                return True
            first, last = dated.get((source.file, programme), (date, date))
            # the days its own lines say it searched count as searched (decision 137)
            if source.searched_from and source.searched_from[:7] == month:
                first = min(first, source.searched_from)
            if source.searched_to and source.searched_to[:7] == month:
                last = max(last, source.searched_to)
            if span[0] < month < span[1]:  # between: where the file holds a dose that month
                if (source.file, month) in held:
                    return True
            elif first <= date <= last:  # its first or last month: from its first dose on,
                return True  # or up to its last
        return False

    return searched_day


def _not_alike(
    review: Review,
) -> Callable[[str, Sequence[tuple[EarlierReview, EarlierRow]], Collection[str]], bool]:
    """`not_alike(key, rows, present)`: whether no search here can be taken for the earlier
    search that held the dose of `key` run again (decision 120). One can where an earlier
    review's own search held that dose, this review holds at least one of that search's
    vaccinations of the programme and month, and every one of them it lacks (this dose
    too) was decided there as needing a change in the clinical system, so may have been
    corrected since: the same search again, less the doses put right, whatever days they
    fell on. A review that only kept the decision from another (its search never held the
    dose) says nothing; nor does a dose given here that is missing (its absence is then
    unexplained, not proof). Where a review's search is not known (`searched` None), its
    decisions of that month stand for it, and one that decided only this dose says nothing
    either way."""
    needs = review.rules.needs_action

    def not_alike(
        key: str, rows: Sequence[tuple[EarlierReview, EarlierRow]], present: Collection[str]
    ) -> bool:
        programme, date, _patient = key.split("|", 2)
        month = date[:7]
        others = False
        for done, row in rows:
            if done.searched is None:
                of_month = [k for k in done.rows if k.startswith(f"{programme}|{month}")]
                if any(k in present for k in of_month) or len(of_month) < 2:
                    return False
                others = True
                continue
            theirs = done.searched(programme, month)
            others = True
            if key not in theirs and row[8] not in (GONE, NO_LONGER_FOUND):
                continue  # kept from another review: its search did not look for it
            # (one it found gone, or no longer found, its search did look for: and lacked)
            missing = [k for k in theirs if k not in present]
            if len(missing) < len(theirs) and all(
                (theirs_row := done.rows.get(k)) is not None and needs(programme, theirs_row[1])
                for k in missing
            ):
                return False
        return others

    return not_alike


def _made_on(row: EarlierRow, done: EarlierReview, removed: Mapping[str, str]) -> bool:
    """Whether the decision was made on one of the search files removed (by name, and its
    SHA-256 where kept with it)."""
    name, sha = source_name(row[11]), source_sha256(done.source_sha256, row[11])
    return name in removed and (sha is None or sha == removed[name])


Unplaced = tuple[str | None, str | None, str | None]  # programme, month, patient


def _unplaced_rows(review: Review) -> set[Unplaced]:
    """The (programme, month, patient) of each row of the review's searches that could not
    be placed but could be a dose a claim counts (None where that is not known)."""
    return {(u.programme, u.month, u.patient) for u in review.inputs.unassigned if u.countable}


def _may_be_unplaced(unplaced: Collection[Unplaced], key: str) -> bool:
    """Whether a row not placed may be the dose of `key` (programme|date|patient): of its
    programme and month, and of its patient, where those are known (decisions 86, 89)."""
    programme, date, patient = key.split("|", 2)
    month = date[:7]
    return any(
        p in (None, programme) and m in (None, month) and may_be_same_patient(who, patient)
        for p, m, who in unplaced
    )


def _may_be_here(review: Review, keys: Collection[str]) -> Callable[[str], bool]:
    """`may_be_here(key)`: whether a vaccination no event here has by `key` may still be
    one of them under the patient's other identifier: keyed by name, an event with an NHS
    number here has that name; either way, an event of its programme and day has no valid
    number here (whose patient cannot be told)."""
    unnumbered = {(e.programme, iso(e.date)) for e in review.events if not has_valid_number(e)}
    named = {
        name for e in review.events if e.nhs_number_as_found and (name := name_key(e))
    } if any(map(by_name, keys)) else set()  # fmt: skip

    def may_be_here(key: str) -> bool:
        programme, date, _patient = key.split("|", 2)
        # (one keyed by name too: a patient with no number is told by a name that may
        # have been spelt otherwise since, decision 138)
        return key in named or (programme, date) in unnumbered

    return may_be_here


def _marker_rows(review: Review) -> dict[str, str]:
    """For each vaccination a "given by another provider" code row of the review's
    searches records (a dose recoded so), the evidence naming that row."""
    found: dict[str, str] = {}
    for row in review.inputs.rows:
        if row.kind is not RowKind.MARKER:
            continue
        born = iso(row.date_of_birth) if row.date_of_birth else None
        patient = patient_text(row.nhs_number, row.surname, born)
        if patient is not None:
            key = vaccination_key(row.programme, iso(row.date), patient)
            found[key] = f"{RECODED} in {row.source}, row {row.row}"
    return found


def covering_files(review: Review, programme: str, date: str) -> list[str]:
    """The review's search files that cover `programme` on `date` (ISO): in its month,
    and on that day where a file's own lines say it searched only part of the month
    (`SourceSummary.searched_from`/`searched_to`, decision 137)."""
    month = date[:7]
    return [
        source.file
        for source, covers in zip(review.inputs.sources, review.source_covers, strict=False)
        if (span := covers.get(programme)) is not None
        and span[0] <= month <= span[1]
        and not (source.searched_from and date < source.searched_from)
        and not (source.searched_to and date > source.searched_to)
    ]


def gone_words(files: Sequence[str], month: str) -> str:
    """'not in september.csv, which covers September 2024'."""
    names = files[0] if len(files) == 1 else ", ".join(files[:-1]) + " or " + files[-1]
    return f"not in {names}, which cover{'s' if len(files) == 1 else ''} {month_label(month)}"
