"""Proof from the next export: what a later search shows of a dose an earlier review
decided as needing a change in the clinical system (decisions 36, 62, 85, 94, 101, 105).

Of a dose given elsewhere: marked not GMS proves the change; a "given by another
provider" code or another organisation proves it only as a change from what the earlier
search showed; a search without the columns to show it cannot tell, and says so. A dose
not eligible or recorded in error is put right by recoding or removing the entry: still
found under its code it is not, whatever its marks (decision 143). `record_maker` makes
the carried decision of an event from an earlier review's row, checked so.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from cqrs_desktop.domain.earlier import (
    CORRECTED,
    EXPORT,
    GONE,
    NOT_CORRECTED,
    EarlierReview,
    EarlierRow,
    made_knowing,
    source_name,
)
from cqrs_desktop.domain.earlier import source_sha256 as made_on
from cqrs_desktop.domain.flags import NON_GMS, OTHER_ORGANISATION, OTHER_PROVIDER_CODE
from cqrs_desktop.domain.marker_places import marker_places
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
_NOT_KNOWN = "is not known to have shown it"
_BLANK_ORGANISATION = "its organisation is blank in this search"
_ORGANISATION_HERE = "the search names the same organisation for a dose given here"
BLANK_GMS = "its GMS cell is blank, not marked Non-GMS in so many words"
_STILL_OWN = "still the practice's own dose in "


def _no_recoding(event: VaccinationEvent) -> str:
    """What marks the dose bears, said to one put right by recoding or removing it: none
    of them does either (decision 143)."""
    marks = [words for flag, words in _MARKED.items() if flag in event.flags]
    if NON_GMS in event.flags and not event.non_gms_said:  # a GMS cell left blank
        marks.remove(_MARKED[NON_GMS])
    if not marks:
        return ""
    return f"; it is {' and '.join(marks)}, which neither recodes nor removes it"


_MARKED = {
    NON_GMS: "marked not GMS",
    OTHER_PROVIDER_CODE: "beside a 'given by another provider' code",
    OTHER_ORGANISATION: "recorded by another organisation",
}


def _how(flag: str, code_row: str | None) -> str:
    """A mark that proves the change, in words; a code row is named by its file and row,
    as the dose's own row still shows the practice's code (decision 330)."""
    if flag == OTHER_PROVIDER_CODE and code_row:
        return f"a {_HOW[flag]} in {code_row}"
    return _HOW[flag]


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


# What such a flag is, in the evidence's words (`discounts`): true of both kinds.
UNIFORM_NON_GMS = "the search marks not GMS doses not known to be given elsewhere too"
_EVERY_DOSE = {
    NON_GMS: UNIFORM_NON_GMS,
    OTHER_ORGANISATION: (
        "the search names another organisation for doses not known to be given elsewhere too"
    ),
}


@dataclass(frozen=True)
class Discount:
    """What proves nothing of a correction in one search file (decisions 122, 126, 128)."""

    # flags that prove nothing, even new on the dose since it was decided
    anyhow: frozenset[str] = frozenset()
    # flags that prove nothing unless new on the dose (a dose given here had them)
    unchanged: frozenset[str] = frozenset()
    # organisations (as `_org`) the file names for doses given here: no sign of a change
    organisations: frozenset[str] = frozenset()


NO_DISCOUNT = Discount()


def _org(name: str | None) -> str:
    return " ".join((name or "").casefold().split())


def discounts(review: Review, earlier: Sequence[EarlierReview] = ()) -> dict[str, Discount]:
    """By search file: what its marks against a dose being the practice's (marked not GMS,
    another organisation) prove nothing of (decisions 122, 126, 128), as known when the
    decisions are carried (deciding afterwards must not change what the export proved). A
    dose is known to be given here or given elsewhere by the review's own decision, else
    the earlier reviews' (`_known`). A mark proves nothing in a file:
    - anyhow, where this review decides a dose bearing it given here (the reviewer says
      the column marks the practice's own doses), where it is new on every dose given here
      (the column changed for all of them; with only one, whether the practice marked that
      one or the column changed cannot be told), or where it is on every dose, unless all
      are known to be given elsewhere (it tells no dose from another);
    - unless new on the dose (a change the practice made), where a dose given here bore it
      when an earlier review decided it (a GMS column left blank on the practice's doses);
    - an organisation, where a dose given here names the same one (a branch surgery, the
      practice named another way).
    A mark new on one dose given here among others that lack it is the practice's
    correction of that dose (decided again, decision 88): the mark still tells doses apart.
    A file of doses all given elsewhere, all corrected, still proves them."""
    every: dict[str, set[str]] = {}
    anyhow: dict[str, set[str]] = {}
    unchanged: dict[str, set[str]] = {}
    organisations: dict[str, set[str]] = {}
    new_here: dict[str, set[str]] = {}  # by file: flags new on a dose given here
    elsewhere: dict[str, bool] = {}  # by file: every dose known to be given elsewhere
    known = _known(review, earlier)
    for event in review.events:
        marks, file = event.flags, event.source
        if NON_GMS not in marks and OTHER_ORGANISATION not in marks:  # most: quickly
            if every.get(file, True):
                every[file] = set()
                elsewhere[file] = False
            continue
        flags = {f for f in _EVERY_DOSE if f in marks}
        got = every.get(file)
        if got is None:
            every[file] = set(flags)
        elif got:
            got.intersection_update(flags)
        kind, before, own = known(event)
        if kind == _HERE:
            if OTHER_ORGANISATION in flags and (name := _org(event.organisation)):
                organisations.setdefault(file, set()).add(name)
            if own:
                anyhow.setdefault(file, set()).update(flags)
            else:
                unchanged.setdefault(file, set()).update(flags & before)
                new_here.setdefault(file, set()).update(flags - before)
        elsewhere[file] = elsewhere.get(file, True) and kind == _ELSEWHERE
    # a flag new on a dose given here, that another dose given here lacks, tells doses apart
    if any(new_here.values()):
        for event in review.events:
            suspect = new_here.get(event.source)
            if suspect and not suspect.issubset(event.flags) and known(event)[0] == _HERE:
                suspect.intersection_update(event.flags)
    for file, flags in new_here.items():
        anyhow.setdefault(file, set()).update(flags)
    for file, flags in every.items():
        if flags and not elsewhere.get(file, False):
            anyhow.setdefault(file, set()).update(flags)
    return {
        file: Discount(
            frozenset(anyhow.get(file, ())),
            frozenset(unchanged.get(file, ())),
            frozenset(organisations.get(file, ())),
        )
        for file in {*anyhow, *unchanged, *organisations}
    }


_HERE, _ELSEWHERE = "here", "elsewhere"
_KIND = {Decision.PRACTICE.value: _HERE, Decision.OTHER_PROVIDER.value: _ELSEWHERE}


def _known(
    review: Review, earlier: Sequence[EarlierReview]
) -> Callable[[VaccinationEvent], tuple[str | None, frozenset[str], bool]]:
    """`known(event)`: whether the dose is known to be given here (`_HERE`) or given
    elsewhere (`_ELSEWHERE`), or neither (None: not decided, decided otherwise, or earlier
    reviews differ), by the review's own decision, else the earlier reviews' (where they
    differ, the one made again knowingly stands, as carried; with none, given here if any
    says so); given here, the flags it had when an earlier review so decided; and whether
    the decision is this review's own."""
    none: tuple[str | None, frozenset[str], bool] = (None, frozenset(), False)

    def known(event: VaccinationEvent) -> tuple[str | None, frozenset[str], bool]:
        own = review.decision(event.id)
        if own is not None and own.decision is not None and own.decision is not Decision.UNSURE:
            return _KIND.get(own.decision.value), frozenset(event.flags), True
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
            flags = frozenset(flag for row in here for flag in (row[10] or "").split())
            return _HERE, flags, False
        kinds = {_KIND.get(row[1]) for row in rows}
        return (kinds.pop(), frozenset(), False) if len(kinds) == 1 else none

    return known


def export_check(
    event: VaccinationEvent,
    earlier_flags: Sequence[str],
    earlier_check: str | None = None,
    earlier_shows: Collection[str] = EVERYTHING_SHOWN,
    shows: Collection[str] = EVERYTHING_SHOWN,
    earlier_evidence: str = "",
    discount: Discount = NO_DISCOUNT,
    recode: bool = False,
    code_row: str | None = None,
) -> tuple[str | None, str]:
    """What the event's own (later) search says of a dose decided as given elsewhere:
    (CORRECTED, NOT_CORRECTED or None where it cannot tell, the words with the file and
    row). A mark new on the dose since the earlier search (which could show it) proves the
    change: marked not GMS, a "given by another provider" code, another organisation
    named; so does one the earlier review had itself seen as the dose corrected
    (`earlier_check` CORRECTED, its `earlier_evidence` naming it: a review carried on from
    one that did, where the flag is already in its flags). Marked not GMS in so many words
    (not a GMS cell left blank) proves it whenever that was done (decision 85). A dose an
    earlier search no longer held (`earlier_check` GONE) has no earlier flags to compare
    (decision 101). Still the practice's own dose only where the search could show it
    marked not GMS (`shows`, what the search's columns can show; `earlier_shows`, the
    earlier one's: decision 94). What the file's marks prove nothing of (`discount`:
    decisions 122, 126, 128) and an organisation left blank (decision 127) prove nothing.
    `recode`: the decision is put right by recoding the entry or removing it (not eligible,
    recorded in error): the dose still found is not, and no mark proves it (decision 143).
    `code_row`: the file and row of the "given by another provider" code beside the dose,
    named where that code proves the change (decision 330)."""
    where = f"{event.source}, row {event.row}"
    if recode:
        return NOT_CORRECTED, f"still in {where}: not yet recoded or removed{_no_recoding(event)}"
    blind = _NO_COLUMN
    if earlier_check == GONE:
        earlier_shows, blind = (), dict.fromkeys(_NO_COLUMN, _NOT_HELD)
    elif earlier_shows is NOT_KNOWN_SHOWN:
        earlier_shows, blind = (), dict.fromkeys(_NO_COLUMN, _NOT_KNOWN)
    uniform: set[str] = set(discount.anyhow)
    alike = "".join(
        f"; {_EVERY_DOSE[f]}, so that is no sign of a change" for f in _EVERY_DOSE if f in uniform
    )
    flags = set(event.flags)
    new = {f for f in flags if f not in earlier_flags and f in earlier_shows}
    # the same mark as on a dose given here: uniform unless new on this dose (decision 128)
    if NON_GMS in flags and NON_GMS in discount.unchanged and NON_GMS not in new | uniform:
        alike += f"; {_EVERY_DOSE[NON_GMS]}, so that is no sign of a change"
        uniform.add(NON_GMS)
    if OTHER_ORGANISATION in flags and OTHER_ORGANISATION not in uniform:
        name = _org(event.organisation)
        if not name:  # flagged for review, but names no one (decision 127)
            alike += f"; {_BLANK_ORGANISATION}, so that is no sign of a change"
            uniform.add(OTHER_ORGANISATION)
        elif name in discount.organisations:  # the organisation of doses given here
            alike += f"; {_ORGANISATION_HERE}, so that is no sign of a change"
            uniform.add(OTHER_ORGANISATION)
    # a GMS cell left blank, as when decided: flagged, but no mark (decision 128)
    blank_gms = NON_GMS in flags and not event.non_gms_said and NON_GMS not in new | uniform
    if blank_gms:
        alike += f"; {BLANK_GMS}, so that is no sign of a change"
        uniform.add(NON_GMS)
    # the record says: not the practice's
    shown = [NON_GMS] if NON_GMS in flags and NON_GMS not in uniform else []
    for flag in _CHANGE_FLAGS:  # only as a change (decisions 36, 85, 94 and 101)
        if (
            flag in flags
            and flag not in uniform
            and (flag in new or (earlier_check == CORRECTED and _HOW[flag] in earlier_evidence))
        ):
            shown.append(flag)
    if shown:
        how = [_how(f, code_row) for f in shown]
        return CORRECTED, f"seen corrected in {where} ({', '.join(how)})"
    if NON_GMS in uniform:  # a GMS column that tells no dose from another, or blank
        return None, f"still in {where}{alike}"
    # shown before too: no proof
    unchanged = [f for f in _CHANGE_FLAGS if f in flags and f not in uniform]
    seen_before = [f for f in unchanged if f in earlier_flags]
    unseen = [f for f in unchanged if f not in earlier_flags]  # the earlier search was blind
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


# What a search could show is not known (a decision kept in a review from another's
# search, or made on another file of the same name): a change cannot be told (decision 129).
NOT_KNOWN_SHOWN: frozenset[str] = frozenset({"not known"})


def _shown_when_decided(done: EarlierReview, source: str | None) -> Collection[str]:
    """What the search the earlier decision was made on could show: that review's own file
    of that name, if it is the very file (its SHA-256); else not known."""
    name = source_name(source)
    shows = done.source_shows.get(name) if name else None
    if shows is None:
        return NOT_KNOWN_SHOWN
    made, own = made_on(done.source_sha256, source), done.source_sha256.get(name)
    return NOT_KNOWN_SHOWN if made and own and made != own else shows


def record_maker(
    review: Review, source_sha256: Mapping[str, str], earlier: Sequence[EarlierReview] = ()
) -> Callable[[VaccinationEvent, EarlierReview, EarlierRow], DecisionRecord]:
    """`make(event, earlier review, row)`: the earlier record, for this event. Its note,
    reviewer and time are kept; a decision that needs a change in the clinical system is
    checked against this review's search, unless the search is the very file the earlier
    review used."""
    needs = review.rules.needs_action
    shown = sources_shown(review)
    discounted = discounts(review, earlier)
    code_row = marker_places(review)

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
                _shown_when_decided(done, source),
                # a dose given elsewhere is put right by marking it not GMS, which only a
                # GMS column shows; one not eligible or not given is recoded, so still
                # found under its code it is not put right, whatever the columns
                shown.get(event.source, EVERYTHING_SHOWN)
                if decision == _GIVEN_ELSEWHERE
                else EVERYTHING_SHOWN,
                evidence or "",
                discounted.get(event.source, NO_DISCOUNT),
                # not eligible, not given: put right by recoding or removing the entry, which
                # no mark on a dose still found under its code shows (decision 143)
                recode=decision != _GIVEN_ELSEWHERE,
                code_row=code_row(event) if OTHER_PROVIDER_CODE in event.flags else None,
            )
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
