"""Decisions carried forward from earlier reviews, and what a later search shows.

Month after month the same patients come back in the practice's searches. An event takes
the decision an earlier review made for the same vaccination: the same programme, date and
patient (NHS number, or surname and date of birth without one; a patient with a number in
one review and none in the other is found by name, where only one patient has that name).
Earlier reviews that disagree leave the event undecided, with both decisions to see.
Decisions for months or programmes no search here covers are kept, for later reviews.

A decision that needs a change in the clinical system (a dose given elsewhere) is then
checked against the new search: if it now shows the dose as not the practice's (marked not
GMS, a "given by another provider" code, or recorded by another organisation where before it
was the practice), the change is proved by the export; if it still shows it as the
practice's own dose, it is "not yet corrected in the clinical system". If the dose is gone
from the new search altogether, though a search of its programme covers its month, it is a
`GoneDose`: the search no longer counts it (recoded, or marked and left out by a search of
GMS doses), and that is the export's evidence.

Earlier reviews hold hundreds of thousands of decisions, so they arrive as plain rows keyed
by a text key (`vaccination_key`); objects are made only for what is carried.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

from cqrs_desktop.domain.dates import month_label
from cqrs_desktop.domain.flags import NON_GMS, OTHER_ORGANISATION, OTHER_PROVIDER_CODE
from cqrs_desktop.domain.model import (
    FINAL_DECISIONS,
    Decision,
    DecisionRecord,
    RowKind,
    VaccinationEvent,
)
from cqrs_desktop.domain.review import CANNOT_SHOW, Review
from cqrs_desktop.domain.vaccination_keys import (
    aliases_of,
    by_name,
    event_key,
    has_valid_number,
    iso,
    may_be_same_patient,
    name_key,
    patient_text,
    vaccination_key,
)

CORRECTED = "corrected"
NOT_CORRECTED = "not_corrected"
GONE = "gone"  # no longer in the search (a `GoneDose`)
# A decision needing no change (given here, ...) whose dose a search covering its month no
# longer holds: kept for later reviews with this check and the words (decision 86)
NO_LONGER_FOUND = "no_longer_found"
EXPORT = "export"
REVIEWER = "reviewer"
FINAL_VALUES = frozenset(d.value for d in FINAL_DECISIONS)  # what an earlier review carries


# One decision of an earlier review, as read (straight from SQLite, so no field is copied):
# its vaccination key, decision, action_done (0/1), note, reviewer, decided_at,
# carried_from, action_evidence, export_check, evidence, the event's flags (space-separated)
# and the name of the search file it came from (`EarlierReview.source_sha256` has its
# SHA-256).
EarlierRow = tuple[
    str, str, int, str | None, str | None, str | None, str | None, str | None, str | None,
    str | None, str, str | None,
]  # fmt: skip


@dataclass(frozen=True)
class EarlierReview:
    """The final decisions of one earlier review (not "unsure"), by vaccination key (keys
    the review held twice, a duplicate entry, are left out)."""

    file: str
    sha256: str
    ods_code: str | None
    created_at: str | None
    rows: Mapping[str, EarlierRow]
    source_sha256: Mapping[str, str] = dataclasses.field(default_factory=dict)
    # The patient's other identifier, for the events here with no valid NHS number: by
    # surname and date of birth (`name_key`), the key of the one patient of that name the
    # review held who had a number; "" where it held more than one patient of that name
    # (which one cannot be told); none where its only one had no number (the name is its
    # key). And whether any row is keyed by name (its patient had no NHS number there).
    aliases: Mapping[str, str] = dataclasses.field(default_factory=dict)
    named: bool = False
    # The vaccinations it had marked unsure (not carried: no decision), by key, and where
    # read from its file, each with who marked it, when and the note (`EarlierRow`)
    unsure: frozenset[str] = frozenset()
    unsure_rows: Mapping[str, EarlierRow] = dataclasses.field(default_factory=dict)
    # What each of its search files could show against a dose being the practice's own
    # (`search_shows`), by file name; a file not named here (held from an older review):
    # everything, as before decision 94
    source_shows: Mapping[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    # Which review it is, as it stands (its id and its latest audit entry: any change to
    # it makes another, as does a copy changed apart), and the reviews, as they stood, whose
    # decisions it took in when it was made (carried, directly or down the chain): where
    # it decided a vaccination differently from one of those, it did so knowing that
    # decision (decision 104)
    known_as: str | None = None
    knew: frozenset[str] = frozenset()
    # For the ways other reviews here took this one in (their `knew`), where it is the
    # same review: the vaccinations whose decision it changed since (`changed_since`;
    # "*": any may have)
    still: Mapping[str, frozenset[str]] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class EarlierDecision:
    """A decision an earlier review holds for one vaccination, in full."""

    review: str  # the file name of the earlier review it was read from
    review_sha256: str
    decided_in: str  # the review it was first decided in (it may itself have been carried)
    decision: Decision
    action_done: bool
    note: str
    reviewer: str | None
    decided_at: str | None

    @classmethod
    def of(cls, review: EarlierReview, row: EarlierRow) -> EarlierDecision:
        return cls(
            review.file, review.sha256, row[6] or review.file, Decision(row[1]),
            bool(row[2]), row[3] or "", row[4], row[5],
        )  # fmt: skip


@dataclass(frozen=True)
class Disagreement:
    """Earlier reviews decided one vaccination differently: it is left to decide again."""

    event_id: str
    decisions: tuple[EarlierDecision, ...]


class CarriedDecision(NamedTuple):  # hundreds of thousands: a tuple is made quickest
    record: DecisionRecord
    review: str  # the earlier file it was read from
    review_sha256: str


@dataclass(frozen=True)
class GoneDose:
    """A dose an earlier decision took off the claim as needing a change in the clinical
    system (given elsewhere, ...) that the latest search no longer holds, though a search of
    its programme covers its month: the search is the evidence the change was made."""

    key: str  # `vaccination_key`: programme|date|patient
    decision: Decision
    action_done: bool  # the earlier reviewer's tick
    note: str
    reviewer: str | None
    decided_at: str | None
    decided_in: str  # the review it was decided in ("" for this review itself)
    review_sha256: str  # of the earlier file it was read from ("" for this review)
    evidence: str  # "not in FILE, which covers September 2024", or the recoded row

    @property
    def programme(self) -> str:
        return self.key.split("|", 1)[0]

    @property
    def date(self) -> str:
        return self.key.split("|", 2)[1]

    @property
    def month(self) -> str:
        return self.date[:7]

    @property
    def patient(self) -> str:
        """'nhs:9990001234', or 'name:surname:YYYY-MM-DD'."""
        return self.key.split("|", 2)[2]

    def as_row(self) -> EarlierRow:
        """As an earlier review's row, so it is carried again (and, should the dose come
        back in a later search, finds its vaccination)."""
        return (
            self.key, self.decision.value, int(self.action_done), self.note, self.reviewer,
            self.decided_at, self.decided_in or None, EXPORT, GONE, self.evidence, "", None,
        )  # fmt: skip


def no_longer_found(held: Iterable[EarlierRow]) -> tuple[GoneDose, ...]:
    """The decisions kept from earlier reviews whose dose, needing no change (given here,
    ...), a search covering its month no longer holds (decision 86), as `GoneDose`s for
    listing (their `evidence`: "not in FILE, which covers September 2024")."""
    found = [row for row in held if row[8] == NO_LONGER_FOUND]
    return tuple(
        GoneDose(
            r[0], Decision(r[1]), bool(r[2]), r[3] or "", r[4], r[5], r[6] or "", "", r[9] or ""
        )
        for r in found
    )


def decided_earlier(held: Iterable[EarlierRow]) -> Counter[tuple[str, str]]:
    """The decisions kept from earlier reviews for months no search here covers, by
    programme and month (not those a covering search no longer holds)."""
    found: Counter[tuple[str, str]] = Counter()
    for row in held:
        if row[8] != NO_LONGER_FOUND:
            programme, date = row[0].split("|", 2)[:2]
            found[programme, date[:7]] += 1
    return found


@dataclass(frozen=True)
class Carried:
    """What carrying gives a review: decisions to record, the disagreements, the doses
    decided earlier that the latest search no longer holds, and the earlier decisions for
    vaccinations no search of the review covers (`left_over`), kept for later reviews."""

    records: tuple[CarriedDecision, ...]
    disagreements: tuple[Disagreement, ...]
    gone: tuple[GoneDose, ...] = ()
    held: tuple[EarlierRow, ...] = ()
    # Vaccinations an earlier review decided that this review's search holds twice (a
    # duplicate entry): no one decision is carried to both, so each is decided again.
    duplicated: int = 0
    # Earlier decisions whose patient may be one here without a valid NHS number (kept too,
    # in `held`), and vaccinations earlier reviews decided differently, for months not
    # searched here (not kept): `left_over`
    maybe_here: int = 0
    differ_not_kept: int = 0
    held_not_searched: int = 0  # of `held`, those no search here covers
    # Of `held`: doses not taken as gone (nor as no longer found) because rows of the
    # search that could not be placed (an unreadable date, an unknown code) may be them;
    # and doses decided as needing no change (given here, ...) no longer in a search that
    # covers them
    maybe_unplaced: int = 0
    no_longer_found: int = 0
    # Vaccinations the review had decided already (a decisions file), which earlier reviews
    # decided too: the review's own decision stands; and of them, those decided differently
    replaced: int = 0
    replaced_differently: int = 0
    # Vaccinations here an earlier review marked unsure (and none decided): not carried
    unsure_earlier: int = 0
    # The "given here" decisions not carried (`contradicted`), each with its event, so the
    # card still shows what was decided earlier, and by whom
    set_aside: tuple[Disagreement, ...] = ()
    # Of `unsure_earlier`, each with the earlier entry (who marked it unsure, when, the
    # note), so the card shows the doubt it is to settle (decision 100)
    unsure_shown: tuple[Disagreement, ...] = ()
    # Earlier review files given that were copies of another given (the same contents):
    # read once, each said ("B.cqrsreview has the same contents as A.cqrsreview: read once")
    read_once: tuple[str, ...] = ()
    # Vaccinations earlier reviews decided differently where the later review was made
    # knowing the other decision (it carried that review): the later one is taken, not
    # left to decide (decision 104); and the reviews this review now takes in (`knew`)
    superseded: int = 0
    knew: frozenset[str] = frozenset()

    @property
    def shown_earlier(self) -> dict[str, tuple[EarlierDecision, ...]]:
        """What the card shows of earlier reviews for vaccinations not carried: decisions
        that differ, a "given here" set aside, a vaccination marked unsure; by event id."""
        return {
            d.event_id: d.decisions
            for d in (*self.disagreements, *self.set_aside, *self.unsure_shown)
        }

    @property
    def contradicted(self) -> int:
        """Decided earlier as given here, but the new search now shows the dose as not the
        practice's (marked not GMS, ...): not carried, left to decide again (decision 88)."""
        return len(self.set_aside)


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
    return EarlierReview(
        "", "", review.practice.ods_code, None, kept, dict(source_sha256),
        aliases_of(patients), any(map(by_name, kept)), source_shows=sources_shown(review),
    )  # fmt: skip


def _unique_keys(
    events: Iterable[VaccinationEvent],
) -> tuple[dict[str, VaccinationEvent], set[str]]:
    """Events by vaccination, and every key the events have. A key two events share (a
    duplicate entry) is left out of the dict: no one decision can be carried to both."""
    found: dict[str, VaccinationEvent] = {}
    shared: set[str] = set()
    for event in events:
        number = event.nhs_number_as_found  # most have one: `event_key`'s quick way, inline
        key = f"{event.programme}|{iso(event.date)}|nhs:{number}" if number else event_key(event)
        if key is None:
            continue
        if key in found:
            shared.add(key)
        found[key] = event
    present = set(found)
    for key in shared:
        del found[key]
    return found, present


# A "given by another provider" code near the dose, or another organisation: proof of a
# correction only where the earlier search did not show it (an unchanged search proves
# nothing), or the earlier review had itself seen the dose corrected.
_CHANGE_FLAGS = (OTHER_PROVIDER_CODE, OTHER_ORGANISATION)
_BEFORE = {
    OTHER_PROVIDER_CODE: "had a 'given by another provider' code",
    OTHER_ORGANISATION: "was recorded by another organisation",
}
_HOW = {
    NON_GMS: "marked not GMS",
    OTHER_PROVIDER_CODE: "'given by another provider' code",
    OTHER_ORGANISATION: "now recorded by another organisation",
}


# What a search's columns let it show against a dose being the practice's own (decision
# 94): marked not GMS needs a GMS or Non-GMS column, another organisation an organisation
# column; a "given by another provider" code is a row of its own, which any search may hold.
EVERYTHING_SHOWN = frozenset((NON_GMS, OTHER_PROVIDER_CODE, OTHER_ORGANISATION))
_UNSEEN = {
    OTHER_PROVIDER_CODE: "a 'given by another provider' code",
    OTHER_ORGANISATION: "recorded by another organisation",
}
_NO_COLUMN = {
    OTHER_PROVIDER_CODE: "held no such codes",
    OTHER_ORGANISATION: "had no organisation column",
}


_NOT_HELD = "no longer held the dose"
_STILL_OWN = "still the practice's own dose in "


def search_shows(roles: Iterable[str]) -> frozenset[str]:
    """What a search with columns of these roles can show (`EVERYTHING_SHOWN`, less what
    it has no column for); with none known (a review made without its mapping), as before
    decision 94: everything."""
    roles = set(roles)
    if not roles:
        return EVERYTHING_SHOWN
    shown = {OTHER_PROVIDER_CODE}
    if roles & {"gms", "non_gms"}:
        shown.add(NON_GMS)
    if "organisation" in roles:
        shown.add(OTHER_ORGANISATION)
    return frozenset(shown)


def sources_shown(review: Review) -> dict[str, frozenset[str]]:
    """What each of the review's search files can show, by file name."""
    return {
        s.file: search_shows(role for _header, role in s.mapping)
        for s in review.inputs.sources
        if s.kind == "search"
    }


def export_check(
    event: VaccinationEvent,
    earlier_flags: Sequence[str],
    earlier_check: str | None = None,
    earlier_shows: Collection[str] = EVERYTHING_SHOWN,
    shows: Collection[str] = EVERYTHING_SHOWN,
    earlier_evidence: str = "",
) -> tuple[str | None, str]:
    """What the event's own (later) search says of a dose decided as given elsewhere:
    (CORRECTED, NOT_CORRECTED or None where it cannot tell, the words with the file and
    row). Marked not GMS proves it; a "given by another provider" code or another
    organisation proves the change only if the earlier search could show it and did not,
    or the earlier review had itself seen the dose corrected by that very change
    (`earlier_check` CORRECTED, its `earlier_evidence` naming it: a review carried on from
    one that did, where the flag is already in its flags). A dose an earlier search no
    longer held (`earlier_check` GONE) has no earlier flags to compare: a code or an
    organisation proves nothing (decision 101). Still the practice's own dose only where
    the search could show it marked not GMS (`shows`, what the search's columns can show;
    `earlier_shows`, the earlier one's: decision 94)."""
    where = f"{event.source}, row {event.row}"
    if earlier_check == GONE:
        earlier_shows = ()
    shown = [NON_GMS] if NON_GMS in event.flags else []  # the record says: not the practice's
    for flag in _CHANGE_FLAGS:  # only as a change (decisions 36, 85, 94 and 101)
        if flag in event.flags and (
            (flag not in earlier_flags and flag in earlier_shows)
            or (earlier_check == CORRECTED and _HOW[flag] in earlier_evidence)
        ):
            shown.append(flag)
    if shown:
        return CORRECTED, f"seen corrected in {where} ({', '.join(_HOW[f] for f in shown)})"
    unchanged = [f for f in _CHANGE_FLAGS if f in event.flags]  # shown before too: no proof
    seen_before = [f for f in unchanged if f in earlier_flags]
    unseen = [f for f in unchanged if f not in earlier_flags]  # the earlier search was blind
    blind = _NO_COLUMN if earlier_check != GONE else dict.fromkeys(_NO_COLUMN, _NOT_HELD)
    why = "".join(
        f"; it is {_UNSEEN[f]}, but the earlier search {blind[f]}, so that is no sign of a change"
        for f in unseen
    )
    if (
        earlier_check == CORRECTED
        and _HOW[OTHER_ORGANISATION] in earlier_evidence
        and _HOW[NON_GMS] not in earlier_evidence
        and OTHER_ORGANISATION in shows
    ):  # proved by another organisation alone, which this search shows is no longer so
        return NOT_CORRECTED, f"no longer recorded by another organisation in {where}"
    if NON_GMS not in shows:  # no GMS column: a dose marked not GMS would look the same
        return None, f"still in {where}, {CANNOT_SHOW}{why}"
    if seen_before:
        before = " and ".join(_BEFORE[f] for f in seen_before)
        return NOT_CORRECTED, f"no change seen in {where}: it {before} when decided too{why}"
    if unseen:
        return NOT_CORRECTED, f"not marked not GMS in {where}{why}"
    return NOT_CORRECTED, f"{_STILL_OWN}{where}"


def carry(
    review: Review, earlier: Sequence[EarlierReview], source_sha256: Mapping[str, str]
) -> Carried:
    """Match earlier decisions to the review's undecided events. `source_sha256` gives
    the SHA-256 of each of this review's search files, by file name."""
    if not earlier:
        return Carried((), ())
    # The review made last, last: of decisions made at the same time (a carried one keeps
    # its time, though a later review may have ticked it or added to its note), the later
    # review's counts, whatever order the reviews were given in.
    earlier = sorted(earlier, key=lambda done: done.created_at or "")
    records: list[CarriedDecision] = []
    disagreements: list[Disagreement] = []
    set_aside: list[Disagreement] = []  # "given here", the search now says otherwise
    events, present = _unique_keys(review.events)
    twice = [
        key
        for key in present.difference(events)
        if any(key in d.rows or d.aliases.get(key) in d.rows for d in earlier)
    ]
    # the earlier rows of those vaccinations (by key, or by name): kept for later reviews
    twice_rows = {
        found
        for done in earlier
        for key in twice
        for found in (key, done.aliases.get(key))
        if found and found in done.rows
    }
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
    make = _record_maker(review, source_sha256)
    doubting = [i for i, done in enumerate(earlier) if done.unsure]  # reviews with unsure ones
    replaced = replaced_differently = 0  # decided here already: the review's own stands
    superseded = 0
    for (key, event), found in zip(events.items(), zip(*found_in, strict=True), strict=True):
        if decided_here and (mine := decided_here.get(event.id)) is not None:
            theirs = [row for row in found if row is not None]
            if theirs:
                replaced += 1
                value = mine.decision.value if mine.decision else None
                replaced_differently += any(row[1] != value for row in theirs)
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
        if differ and (informed := _informed(earlier, found)) is not None:
            differ, superseded = False, superseded + 1  # decided again knowing the other
            best, best_review = found[informed], informed
        if differ:
            decisions = tuple(
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
    left = left_over(review, earlier, present, unsure, twice_rows)
    unsure_count, unsure_shown = _unsure_earlier(
        events, earlier, [*records, *disagreements, *set_aside], decided_here
    )
    knew = frozenset(known for done in earlier for known in (done.known_as, *done.knew) if known)
    return Carried(
        tuple(records), tuple(disagreements), left.gone, left.held, len(twice),
        left.maybe_here, left.differ_not_kept, left.not_searched, left.maybe_unplaced,
        left.no_longer_found, replaced, replaced_differently, unsure_count, tuple(set_aside),
        unsure_shown, superseded=superseded + left.superseded, knew=knew,
    )  # fmt: skip


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
    ids = {t.record.event_id if isinstance(t, CarriedDecision) else t.event_id for t in taken}
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


def _informed(earlier: Sequence[EarlierReview], found: Sequence[EarlierRow | None]) -> int | None:
    """Of earlier reviews that decided one vaccination differently (`found`: each review's
    row, or None), the one made knowing the decision of each review that decided otherwise
    (`_knew`: it took in that very review, carried directly or down the chain, which has not
    changed that decision since). Its decision was made again knowingly, so it stands
    (decision 104); None where no review knew all of those."""
    for i in range(len(found) - 1, -1, -1):  # the review made last first
        mine, knew = found[i], earlier[i].knew
        if mine is None or not knew:
            continue
        if all(
            row is None or row[1] == mine[1] or _knew(knew, earlier[j], row)
            for j, row in enumerate(found)
        ):
            return i
    return None


def _knew(knew: Collection[str], done: EarlierReview, row: EarlierRow) -> bool:
    """Whether a review that took in `knew` saw `done`'s decision `row`: it took in that
    very review, and the review has not changed that decision since (nor, where that
    cannot be told, any)."""
    if done.known_as in knew:
        return True  # not changed at all since
    return any(
        "*" not in changed and row[0] not in changed
        for token, changed in done.still.items()
        if token in knew
    )


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
_GIVEN_ELSEWHERE = Decision.OTHER_PROVIDER.value
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
        if not (done.named or done.aliases):
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
            if key and key in done.rows:
                wanted.setdefault(key, []).append(n)
        for key, at in wanted.items():
            if len(at) > 1 or key in here:
                continue
            row, before = done.rows[key], looked_up[at[0]]
            if before is None or (row[5] or "") > (before[5] or ""):
                looked_up[at[0]] = row
            present.add(key)  # (either way: the event's, not left over)


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


def left_over(
    review: Review,
    earlier: Sequence[EarlierReview],
    present: Collection[str],
    unsure: Collection[str] = (),
    twice: Collection[str] = (),
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
    counted (`differ_not_kept`)."""
    superseded = 0
    found: dict[str, list[tuple[EarlierReview, EarlierRow]]] = {}
    for done in earlier:
        for key in done.rows.keys() - present:  # most are present: the set difference is quick
            found.setdefault(key, []).append((done, done.rows[key]))
        for key in (*unsure, *twice):  # (those not already found: an event here has them)
            if key in done.rows and key in present:
                found.setdefault(key, []).append((done, done.rows[key]))
    if not found:
        return LeftOver((), (), 0, 0, 0)
    may_be_here = _may_be_here(review, found)
    unplaced = _unplaced_rows(review)
    markers = _marker_rows(review)
    gone: list[GoneDose] = []
    held: list[EarlierRow] = []
    maybe = differ = not_searched = maybe_unplaced = no_longer_found = 0
    for key, rows in found.items():
        programme, date, _patient = key.split("|", 2)
        files = covering_files(review, programme, date[:7])
        doubled = key in twice
        here = not doubled and bool(files) and (key in unsure or may_be_here(key))
        maybe += here
        informed = None
        if len({row[1] for _done, row in rows}) > 1:
            reviews = [done for done, _row in rows]
            informed = _informed(reviews, [row for _done, row in rows])
            if informed is None:
                differ += not files
                continue
            superseded += 1
        # the latest decision; of the same time, the later review's (decided again knowing
        # the other's: that review's)
        done, row = (
            rows[informed]
            if informed is not None
            else max(reversed(rows), key=lambda found_row: found_row[1][5] or "")
        )
        needs = review.rules.needs_action(programme, row[1])  # (or programme not in the rules)
        among_unplaced = bool(files) and not (here or doubled) and _may_be_unplaced(unplaced, key)
        lost = bool(files) and not (here or doubled or among_unplaced or needs)
        if lost:
            missing = gone_words(files, date[:7])
            held.append((*row[:6], row[6] or done.file or None, row[7], NO_LONGER_FOUND, missing,
                         *row[10:]))  # fmt: skip
            no_longer_found += 1
        elif here or doubled or not files or among_unplaced:
            # (a dose no longer found before, now not searched or maybe here: no longer said)
            check, said = (None, "") if row[8] == NO_LONGER_FOUND else (row[8], row[9])
            held.append((*row[:6], row[6] or done.file or None, row[7], check, said, *row[10:]))
            not_searched += not files
            maybe_unplaced += among_unplaced
        else:
            gone.append(
                GoneDose(
                    key, Decision(row[1]), bool(row[2]), row[3] or "", row[4], row[5],
                    row[6] or done.file, done.sha256 if not row[6] else "",
                    markers.get(key) or gone_words(files, date[:7]),
                )
            )  # fmt: skip
    return LeftOver(
        tuple(sorted(gone, key=lambda g: (g.programme, g.date, g.key))),
        tuple(sorted(held, key=itemgetter(0))),
        maybe,
        differ,
        not_searched,
        maybe_unplaced,
        no_longer_found,
        superseded,
    )


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
    number here has that name; keyed by NHS number, an event of its programme and day has
    no valid number here (whose patient cannot be told)."""
    unnumbered = {(e.programme, iso(e.date)) for e in review.events if not has_valid_number(e)}
    named = {
        name for e in review.events if e.nhs_number_as_found and (name := name_key(e))
    } if any(map(by_name, keys)) else set()  # fmt: skip

    def may_be_here(key: str) -> bool:
        programme, date, patient = key.split("|", 2)
        return key in named or (patient.startswith("nhs:") and (programme, date) in unnumbered)

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
            found[key] = f"now a 'given by another provider' code in {row.source}, row {row.row}"
    return found


def covering_files(review: Review, programme: str, month: str) -> list[str]:
    """The review's search files that cover `programme` in `month`."""
    return [
        source.file
        for source, covers in zip(review.inputs.sources, review.source_covers, strict=False)
        if (span := covers.get(programme)) is not None and span[0] <= month <= span[1]
    ]


def gone_words(files: Sequence[str], month: str) -> str:
    """'not in september.csv, which covers September 2024'."""
    names = files[0] if len(files) == 1 else ", ".join(files[:-1]) + " or " + files[-1]
    return f"not in {names}, which cover{'s' if len(files) == 1 else ''} {month_label(month)}"


_DECISIONS = {d.value: d for d in Decision}


def _earlier_said(evidence_by: str | None, earlier_check: str | None) -> str:
    """Added to "still the practice's own dose in FILE, row N" (or "no change seen in ...")
    when the earlier review had the change as made: by its reviewer's tick, or by what its
    own search showed."""
    if evidence_by != EXPORT:
        return " (the earlier review says it was updated: check the record)"
    if earlier_check == GONE:
        return " (an earlier search no longer held it: check the record)"
    return " (an earlier search showed it corrected: check the record)"


def _record_maker(
    review: Review, source_sha256: Mapping[str, str]
) -> Callable[[VaccinationEvent, EarlierReview, EarlierRow], DecisionRecord]:
    """`make(event, earlier review, row)`: the earlier record, for this event. Its note,
    reviewer and time are kept; a decision that needs a change in the clinical system is
    checked against this review's search, unless the search is the very file the earlier
    review used."""
    needs = review.rules.needs_action
    shown = sources_shown(review)

    def make(event: VaccinationEvent, done: EarlierReview, row: EarlierRow) -> DecisionRecord:
        (_key, decision, ticked, note, reviewer, decided_at,
         carried_from, evidence_by, check, evidence, flags, source) = row  # fmt: skip
        action_done = bool(ticked)
        if not needs(event.programme, decision):
            if action_done or evidence_by or check:
                action_done, evidence_by, check, evidence = False, None, None, ""
        elif source_sha256.get(event.source) != done.source_sha256.get(source or ""):
            earlier_check = check
            check, words = export_check(
                event,
                flags.split(),
                earlier_check,
                done.source_shows.get(source or "", EVERYTHING_SHOWN),
                # a dose given elsewhere is put right by marking it not GMS, which only a
                # GMS column shows; one not eligible or not given is recoded, so still
                # found under its code it is not put right, whatever the columns
                shown.get(event.source, EVERYTHING_SHOWN)
                if decision == _GIVEN_ELSEWHERE
                else EVERYTHING_SHOWN,
                evidence or "",
            )
            if decision != _GIVEN_ELSEWHERE and words.startswith(_STILL_OWN):
                # not eligible, not given: put right by recoding or removing the entry
                words = f"still in {event.source}, row {event.row}: not yet recoded or removed"
            if check is None:  # this search cannot tell: the earlier word stands, said so
                if action_done or evidence_by == EXPORT:
                    words += _earlier_said(evidence_by, earlier_check)
                if not action_done:  # (a dose back after it left a search: no proof now)
                    evidence_by = None
            elif check == CORRECTED:
                action_done, evidence_by = True, EXPORT
            else:
                if action_done or evidence_by == EXPORT:  # (a gone dose keeps no tick)
                    words += _earlier_said(evidence_by, earlier_check)
                action_done, evidence_by = False, None
            evidence = words
        return DecisionRecord(
            event.id, _DECISIONS[decision], action_done, note or "", reviewer, decided_at,
            carried_from or done.file or None, evidence_by, check, evidence or "",
        )  # fmt: skip

    return make
