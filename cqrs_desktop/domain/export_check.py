"""Proof from the next export: what a later search shows of a dose an earlier review
decided as needing a change in the clinical system (decisions 36, 62, 85, 94, 101, 105).

Marked not GMS proves the change; a "given by another provider" code or another
organisation proves it only as a change from what the earlier search showed; a search
without the columns to show it cannot tell, and says so. `record_maker` makes the carried
decision of an event from an earlier review's row, checked so.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

from cqrs_desktop.domain.earlier import (
    CORRECTED,
    EXPORT,
    GONE,
    NOT_CORRECTED,
    EarlierReview,
    EarlierRow,
    made_knowing,
)
from cqrs_desktop.domain.earlier import source_sha256 as made_on
from cqrs_desktop.domain.flags import NON_GMS, OTHER_ORGANISATION, OTHER_PROVIDER_CODE
from cqrs_desktop.domain.model import Decision, DecisionRecord, VaccinationEvent
from cqrs_desktop.domain.review import CANNOT_SHOW, Review
from cqrs_desktop.domain.vaccination_keys import event_key

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
_BLANK_ORGANISATION = "its organisation is blank in this search"
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


# What such a flag is, in the evidence's words (`uniform_flags`): true of both kinds.
UNIFORM_NON_GMS = "the search marks not GMS doses not known to be given elsewhere too"
_EVERY_DOSE = {
    NON_GMS: UNIFORM_NON_GMS,
    OTHER_ORGANISATION: (
        "the search names another organisation for doses not known to be given elsewhere too"
    ),
}


def uniform_flags(
    review: Review, earlier: Sequence[EarlierReview] = ()
) -> dict[str, frozenset[str]]:
    """By search file: the flags against a dose being the practice's (marked not GMS,
    another organisation) that prove nothing in it (decisions 122 and 126), as known when
    the decisions are carried (deciding afterwards must not change what the export proved).
    A dose is known to be given here, or given elsewhere, by the review's own decision, else
    the earlier reviews' (`_known`). The flag proves nothing in a file where:
    - it was on a dose given here when that was decided (by this review, on this very row,
      or by an earlier one, whose search showed it): the column says it of the practice's
      own doses (an organisation named other than by the practice's code, a GMS column left
      blank);
    - it is new on every dose known to be given here: the column changed for all of them
      (new on one dose given here among others that lack it, the practice marked that one:
      it is decided again, decision 88, and the flag still tells doses apart);
    - it is on every one of the file's doses, unless each is known to be given elsewhere:
      it tells no dose from another.
    A file of doses all given elsewhere, all corrected, still proves them."""
    every: dict[str, set[str]] = {}
    found: dict[str, set[str]] = {}  # by file: flags a dose given here had when decided
    new_here: dict[str, set[str]] = {}  # by file: flags new on a dose given here
    elsewhere: dict[str, bool] = {}  # by file: every dose known to be given elsewhere
    known = _known(review, earlier)
    for event in review.events:
        marks = event.flags
        if NON_GMS not in marks and OTHER_ORGANISATION not in marks:  # most: quickly
            if every.get(event.source, True):
                every[event.source] = set()
                elsewhere[event.source] = False
            continue
        flags = {f for f in _EVERY_DOSE if f in marks}
        got = every.get(event.source)
        if got is None:
            every[event.source] = set(flags)
        elif got:
            got.intersection_update(flags)
        kind, before = known(event)
        if kind == _HERE:
            found.setdefault(event.source, set()).update(flags & before)
            new_here.setdefault(event.source, set()).update(flags - before)
        elsewhere[event.source] = elsewhere.get(event.source, True) and kind == _ELSEWHERE
    # a flag new on a dose given here, that another dose given here lacks, tells doses apart
    if any(new_here.values()):
        for event in review.events:
            suspect = new_here.get(event.source)
            if suspect and not suspect.issubset(event.flags) and known(event)[0] == _HERE:
                suspect.intersection_update(event.flags)
    for file, flags in new_here.items():
        found.setdefault(file, set()).update(flags)
    for file, flags in every.items():
        if flags and not elsewhere.get(file, False):
            found.setdefault(file, set()).update(flags)
    return {file: frozenset(flags) for file, flags in found.items() if flags}


_HERE, _ELSEWHERE = "here", "elsewhere"
_KIND = {Decision.PRACTICE.value: _HERE, Decision.OTHER_PROVIDER.value: _ELSEWHERE}


def _known(
    review: Review, earlier: Sequence[EarlierReview]
) -> Callable[[VaccinationEvent], tuple[str | None, frozenset[str]]]:
    """`known(event)`: whether the dose is known to be given here (`_HERE`) or given
    elsewhere (`_ELSEWHERE`), or neither (None: not decided, decided otherwise, or earlier
    reviews differ), by the review's own decision, else the earlier reviews' (where they
    differ, the one made again knowingly stands, as carried; with none, given here if any
    says so); and, given here, the flags it had when so decided (here: its flags now)."""
    none: tuple[str | None, frozenset[str]] = (None, frozenset())

    def known(event: VaccinationEvent) -> tuple[str | None, frozenset[str]]:
        own = review.decision(event.id)
        if own is not None and own.decision is not None and own.decision is not Decision.UNSURE:
            return _KIND.get(own.decision.value), frozenset(event.flags)
        key = event_key(event)
        found = [done.rows.get(key) for done in earlier] if key else []
        rows = [row for row in found if row is not None]
        if not rows:
            return none
        if len({row[1] for row in rows}) > 1:
            informed = made_knowing(earlier, found)
            if informed is not None and (chosen := found[informed]) is not None:
                rows = [chosen]
        here = [row for row in rows if _KIND.get(row[1]) == _HERE]
        if here:
            return _HERE, frozenset(flag for row in here for flag in (row[10] or "").split())
        kinds = {_KIND.get(row[1]) for row in rows}
        return (kinds.pop(), frozenset()) if len(kinds) == 1 else none

    return known


def export_check(
    event: VaccinationEvent,
    earlier_flags: Sequence[str],
    earlier_check: str | None = None,
    earlier_shows: Collection[str] = EVERYTHING_SHOWN,
    shows: Collection[str] = EVERYTHING_SHOWN,
    earlier_evidence: str = "",
    uniform: Collection[str] = (),
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
    `earlier_shows`, the earlier one's: decision 94). A flag the search gives every one of
    its doses (`uniform`) proves nothing (decision 122); nor does an organisation left
    blank (decision 127)."""
    where = f"{event.source}, row {event.row}"
    if earlier_check == GONE:
        earlier_shows = ()
    alike = "".join(
        f"; {_EVERY_DOSE[f]}, so that is no sign of a change" for f in _EVERY_DOSE if f in uniform
    )
    blank = OTHER_ORGANISATION in event.flags and not (event.organisation or "").strip()
    if blank and OTHER_ORGANISATION not in uniform:  # flagged for review, but names no one
        alike += f"; {_BLANK_ORGANISATION}, so that is no sign of a change"
        uniform = {*uniform, OTHER_ORGANISATION}
    # the record says: not the practice's
    shown = [NON_GMS] if NON_GMS in event.flags and NON_GMS not in uniform else []
    for flag in _CHANGE_FLAGS:  # only as a change (decisions 36, 85, 94 and 101)
        if (
            flag in event.flags
            and flag not in uniform
            and (
                (flag not in earlier_flags and flag in earlier_shows)
                or (earlier_check == CORRECTED and _HOW[flag] in earlier_evidence)
            )
        ):
            shown.append(flag)
    if shown:
        return CORRECTED, f"seen corrected in {where} ({', '.join(_HOW[f] for f in shown)})"
    if NON_GMS in uniform:  # a GMS column that tells no dose from another
        return None, f"still in {where}{alike}"
    # shown before too: no proof
    unchanged = [f for f in _CHANGE_FLAGS if f in event.flags and f not in uniform]
    seen_before = [f for f in unchanged if f in earlier_flags]
    unseen = [f for f in unchanged if f not in earlier_flags]  # the earlier search was blind
    blind = _NO_COLUMN if earlier_check != GONE else dict.fromkeys(_NO_COLUMN, _NOT_HELD)
    why = alike + "".join(
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
    return NOT_CORRECTED, f"{_STILL_OWN}{where}{alike}"


_DECISIONS = {d.value: d for d in Decision}
_GIVEN_ELSEWHERE = Decision.OTHER_PROVIDER.value


def _earlier_said(evidence_by: str | None, earlier_check: str | None, own: bool) -> str:
    """Added to "still the practice's own dose in FILE, row N" (or "no change seen in ...")
    when the earlier review had the change as made: by its reviewer's tick, or by what its
    own search showed. `own`: the decision is this review's own (a search imported again)."""
    if evidence_by != EXPORT:
        if own:
            return " (ticked as updated in this review: check the record)"
        return " (the earlier review says it was updated: check the record)"
    if earlier_check == GONE:
        return " (an earlier search no longer held it: check the record)"
    return " (an earlier search showed it corrected: check the record)"


def record_maker(
    review: Review, source_sha256: Mapping[str, str], earlier: Sequence[EarlierReview] = ()
) -> Callable[[VaccinationEvent, EarlierReview, EarlierRow], DecisionRecord]:
    """`make(event, earlier review, row)`: the earlier record, for this event. Its note,
    reviewer and time are kept; a decision that needs a change in the clinical system is
    checked against this review's search, unless the search is the very file the earlier
    review used."""
    needs = review.rules.needs_action
    shown = sources_shown(review)
    uniform = uniform_flags(review, earlier)

    def make(event: VaccinationEvent, done: EarlierReview, row: EarlierRow) -> DecisionRecord:
        (_key, decision, ticked, note, reviewer, decided_at,
         carried_from, evidence_by, check, evidence, flags, source) = row  # fmt: skip
        action_done = bool(ticked)
        if not needs(event.programme, decision):
            if action_done or evidence_by or check:
                action_done, evidence_by, check, evidence = False, None, None, ""
        elif source_sha256.get(event.source) != made_on(done.source_sha256, source):
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
                uniform.get(event.source, frozenset()),
            )
            if decision != _GIVEN_ELSEWHERE and words.startswith(_STILL_OWN):
                # not eligible, not given: put right by recoding or removing the entry
                words = f"still in {event.source}, row {event.row}: not yet recoded or removed"
            if check is None:  # this search cannot tell: the earlier word stands, said so
                if action_done or evidence_by == EXPORT:
                    words += _earlier_said(
                        evidence_by, earlier_check, not (done.file or carried_from)
                    )
                if not action_done:  # (a dose back after it left a search: no proof now)
                    evidence_by = None
            elif check == CORRECTED:
                action_done, evidence_by = True, EXPORT
            else:
                if action_done or evidence_by == EXPORT:  # (a gone dose keeps no tick)
                    words += _earlier_said(
                        evidence_by, earlier_check, not (done.file or carried_from)
                    )
                action_done, evidence_by = False, None
            evidence = words
        return DecisionRecord(
            event.id, _DECISIONS[decision], action_done, note or "", reviewer, decided_at,
            carried_from or done.file or None, evidence_by, check, evidence or "",
        )  # fmt: skip

    return make
