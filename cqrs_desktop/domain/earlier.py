"""What an earlier review holds, as read for carrying its decisions forward, and what
carrying gives a review (`Carried`).

Earlier reviews hold hundreds of thousands of decisions, so they arrive as plain rows keyed
by a text key (`vaccination_key`); objects are made only for what is carried. Reviews know
of each other: a review records the reviews it took in, as they stood, so a decision made
again knowing an earlier one is not a disagreement with it (`made_knowing`, decision 104).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from cqrs_desktop.domain.model import FINAL_DECISIONS, Decision, DecisionRecord

CORRECTED = "corrected"
NOT_CORRECTED = "not_corrected"
GONE = "gone"  # no longer in the search (a `GoneDose`)
# A decision needing no change (given here, ...) whose dose a search covering its month no
# longer holds: kept for later reviews with this check and the words (decision 86)
# How a gone dose's evidence begins when the search holds its row recoded as "given by
# another provider" (decision 72), not lacking it
RECODED = "now a 'given by another provider' code"
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
    # The vaccinations its search held twice (a duplicate entry), each with the decision of
    # every entry: which entry an event here is cannot be told, so none is carried; they
    # are shown on the event to decide again (decision 108)
    twice: Mapping[str, tuple[EarlierRow, ...]] = dataclasses.field(default_factory=dict)
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
    # `searched(programme, month)`: the keys of the vaccinations its search held of that
    # programme and month, decided or not (read again from its file only when asked: a
    # dose no longer found, on a day the new search may not have looked at, decision 120);
    # None where not known
    searched: Callable[[str, str], Collection[str]] | None = dataclasses.field(
        default=None, compare=False
    )
    # The vaccinations it left undecided knowing the decisions of the reviews it took in,
    # which disagreed, each with those decisions as its card showed them: a review it took
    # in does not settle them (decision 134); and those whose card showed one entry (a
    # "given here" set aside, a mark of unsure), which travel on as that entry (decision 140)
    left_open: Mapping[str, tuple[EarlierDecision, ...]] = dataclasses.field(default_factory=dict)
    # By surname and date of birth (`name_key`), the key (by the number as found) of the one
    # patient of that name whose NHS number failed its check: she is found by name where her
    # number has been put right since (decision 133); "" where the review held another
    # patient of that name that day (which one cannot be told)
    mistyped: Mapping[str, str] = dataclasses.field(default_factory=dict)
    # Its final decisions of vaccinations with no patient details (no NHS number, nor
    # surname and date of birth: a grouped report's later rows), which no key can match
    # here: not carried, said (decision 447)
    no_patient: int = 0


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


def once_each(decisions: Iterable[EarlierDecision]) -> tuple[EarlierDecision, ...]:
    """Earlier reviews' decisions for one vaccination, each decision once: one review
    carried from another holds the other's decision too (decided in it, by the same
    reviewer, at the same time), which is not a second decision. (Two entries of one
    review, a duplicate in its search, are each kept.)"""
    kept: list[EarlierDecision] = []
    for d in decisions:
        same = (d.decided_in, d.decision, d.action_done, d.note, d.reviewer, d.decided_at)
        if not any(
            k.review != d.review
            and (k.decided_in, k.decision, k.action_done, k.note, k.reviewer, k.decided_at) == same
            for k in kept
        ):
            kept.append(d)
    return tuple(kept)


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

    @property
    def who(self) -> str:
        """The patient as a person reads it: the NHS number as found, or 'surname, born
        YYYY-MM-DD' where there was none."""
        kind, _, patient = self.patient.partition(":")
        return patient if kind == "nhs" else patient.replace(":", ", born ")

    def as_row(self) -> EarlierRow:
        """As an earlier review's row, so it is carried again (and, should the dose come
        back in a later search, finds its vaccination)."""
        return (
            self.key, self.decision.value, int(self.action_done), self.note, self.reviewer,
            self.decided_at, self.decided_in or None, EXPORT, GONE, self.evidence, "", None,
        )  # fmt: skip


# A kept decision's search file is named with the SHA-256 of the file it was made on
# ("search.csv|<sha256>"; no Windows file name holds "|"): EMIS names every export
# search.csv, so a name alone may be another file's by the time the decision is used, and
# the same file imported again, even reviews later, must prove nothing new (decision 109).
_WITH_SHA = "|"


def kept_source(name: str | None, sha256: str | None) -> str | None:
    """The search file of a decision kept for later, with its SHA-256 where known."""
    if not name or not sha256 or _WITH_SHA in name:
        return name
    return f"{name}{_WITH_SHA}{sha256}"


def source_sha256(by_name: Mapping[str, str], source: str | None) -> str | None:
    """The SHA-256 of the file a decision was made on: its own where kept with it, else its
    review's file of that name (`by_name`)."""
    if source and _WITH_SHA in source:
        return source.rsplit(_WITH_SHA, 1)[1]
    return by_name.get(source or "")


def source_name(source: str | None) -> str:
    """The file name of a decision's search file ('' for none)."""
    return (source or "").split(_WITH_SHA, 1)[0]


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
class Replaced:
    """A vaccination this review had decided already (a decisions file, or by hand) that
    earlier reviews decided too: the review's own decision stands, over theirs (each
    once), and the audit log says what it stood over."""

    record: DecisionRecord  # this review's decision (with a search's evidence, decision 139)
    over: tuple[EarlierDecision, ...]


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
    # Vaccinations an earlier review's search held twice (a duplicate entry), decided in
    # each entry: nothing carried, each entry's decision shown (decision 108)
    held_twice: tuple[Disagreement, ...] = ()
    twice_not_here: int = 0  # such vaccinations no event here is of: not carried, not kept
    # Of `held`, doses no longer in a search whose months are worked out from its dates,
    # of a day before its first (or after its last) vaccination: it may not have searched
    # that day, so they prove nothing (decision 120)
    unproven: int = 0
    # Earlier review files given that were copies of another given (the same contents):
    # read once, each said ("B.cqrsreview has the same contents as A.cqrsreview: read once")
    read_once: tuple[str, ...] = ()
    # Vaccinations earlier reviews decided differently where the later review was made
    # knowing the other decision (it carried that review): the later one is taken, not
    # left to decide (decision 104); and the reviews this review now takes in (`knew`)
    superseded: int = 0
    knew: frozenset[str] = frozenset()
    # Vaccinations decided differently (or left undecided knowingly, decision 134) no
    # longer in a search that covers them: neither decision kept, nor taken as proof of a
    # correction (decision 135)
    differ_gone: int = 0
    # Of `held`: doses whose patient has a dose of the programme days away in this search
    # (its date may have been put right), and doses lacking from a search holding no
    # vaccination at all: neither taken as corrected nor as no longer found (decision 138)
    near: int = 0
    from_empty: int = 0
    # Of `replaced_differently`, those this review's decision (a decisions file's "Decided
    # at") is dated before the earlier decision it replaces: an old file? said (decision 146)
    replaced_older: int = 0
    # Of `replaced`, the review's own decisions needing a change in the clinical system that
    # this search shows made since the earlier decision: with the export's evidence, as a
    # carried one would have it (decision 139); the review's decision stands either way
    seen_corrected: tuple[DecisionRecord, ...] = ()
    # Each of `replaced`, with the earlier decisions it stands over, for the audit log
    stood: tuple[Replaced, ...] = ()
    # Marks of unsure of earlier reviews for vaccinations no search here covers and no
    # review decided: kept for later reviews apart from `held` (a mark is no decision),
    # and said
    held_unsure: tuple[EarlierRow, ...] = ()
    # Of `held_unsure`, marks of vaccinations a search here covers, no event here has
    # (`unsure_gone`: not found in it, neither taken as corrected nor as no longer found;
    # the rest are in it twice, or may be by the other identifier, and said so): a doubt
    # over a decision, or no decision, is no proof of a correction (decision 160)
    unsure_searched: int = 0
    unsure_gone: int = 0
    # Vaccinations earlier reviews decided differently that no search here covers, each with
    # the decisions (`differ_not_kept` of them): kept for later reviews, which show them
    # and leave the vaccination to decide again (decision 154)
    held_open: tuple[tuple[str, tuple[EarlierDecision, ...]], ...] = ()
    # Earlier decisions of vaccinations with no patient details there: not matched, said
    no_patient: int = 0
    # Each earlier review read (its file name), with how many of `records` it held the
    # same decision for: a review whose decisions another one read made too is brought
    # as much as that one, and is named, never passed over (decision 550)
    held_alike: tuple[tuple[str, int], ...] = ()

    @property
    def shown_earlier(self) -> dict[str, tuple[EarlierDecision, ...]]:
        """What the card shows of earlier reviews for vaccinations not carried: decisions
        that differ, a "given here" set aside, a vaccination marked unsure; by event id."""
        return {
            d.event_id: d.decisions
            for d in (*self.disagreements, *self.set_aside, *self.unsure_shown, *self.held_twice)
        }

    @property
    def contradicted(self) -> int:
        """Decided earlier as given here, but the new search now shows the dose as not the
        practice's (marked not GMS, ...): not carried, left to decide again (decision 88)."""
        return len(self.set_aside)


def entries_of_one_review(decisions: Sequence[EarlierDecision]) -> bool:
    """Whether decisions shown for a vaccination are those of the entries of a duplicate in
    an earlier review's search (`Carried.held_twice`; one review or more, each with every
    entry's), not of reviews that disagree (each review gives one decision)."""
    per_review = Counter((d.review, d.review_sha256) for d in decisions)
    return len(decisions) > 1 and min(per_review.values()) > 1


def made_knowing(
    earlier: Sequence[EarlierReview], found: Sequence[EarlierRow | None]
) -> int | None:
    """Of earlier reviews that decided one vaccination differently (`found`: each review's
    row, or None), the one made knowing the decision of each review that decided otherwise
    (`knew_of`: it took in that very review, carried directly or down the chain, which has not
    changed that decision since). Its decision was made again knowingly, so it stands
    (decision 104); None where no review knew all of those."""
    for i in range(len(found) - 1, -1, -1):  # the review made last first
        mine, knew = found[i], earlier[i].knew
        if mine is None or not knew:
            continue
        if all(
            row is None or row[1] == mine[1] or knew_of(knew, earlier[j], row)
            for j, row in enumerate(found)
        ):
            return i
    return None


def took_in(later: EarlierReview, done: EarlierReview) -> bool:
    """Whether `later` took in the review `done` (carried directly or down the chain), as
    it stands or as it stood before a change since (`still`)."""
    return bool(later.knew) and (
        done.known_as in later.knew or any(token in later.knew for token in done.still)
    )


def knew_of(knew: Collection[str], done: EarlierReview, row: EarlierRow) -> bool:
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
