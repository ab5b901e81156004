"""What carrying decisions forward did, in one line for the command line and the window
(the Files page shows it a clause to a line): how many were carried, what the new search
showed of them, and each kind of earlier decision not carried, or kept for later reviews,
and why."""

from __future__ import annotations

from collections.abc import Callable

from cqrs_desktop.domain.earlier import RECODED, Carried
from cqrs_desktop.domain.explain import counted
from cqrs_desktop.domain.export_check import BLANK_GMS, UNIFORM_NON_GMS
from cqrs_desktop.domain.review import CANNOT_SHOW

# Why a carried dose cannot be checked against this search (words its evidence holds),
# and what the notice says of the search for n such doses.
_CANNOT_CHECK: dict[str, Callable[[int], str]] = {
    CANNOT_SHOW: lambda n: "which has no GMS or Non-GMS column",
    UNIFORM_NON_GMS: lambda n: (
        "whose GMS or Non-GMS column marks doses not known to be given elsewhere too"
    ),
    BLANK_GMS: lambda n: (
        f"whose GMS cell for {'it' if n == 1 else 'them'} is blank (no mark written)"
    ),
}


def carried_notice(carried: Carried) -> str:
    """What carrying did, in a line for the command line and the window."""
    text = f"{counted(len(carried.records), 'decision')} carried from earlier reviews"
    text += _held_alike(carried)
    checked = [c.record for c in carried.records if c.record.export_check]
    if checked:
        corrected = sum(1 for r in checked if r.export_check == "corrected")
        text += (
            f"; of the doses needing a change in the clinical system, {corrected} now "
            f"{'shows' if corrected == 1 else 'show'} as corrected in this search "
            f"and {len(checked) - corrected} not yet"
        )
    # doses this search cannot check, by why (the first of these words in the evidence)
    unchecked: dict[str, list[bool]] = {why: [] for why in _CANNOT_CHECK}
    for c in carried.records:
        if c.record.export_check is None:
            why = next((w for w in _CANNOT_CHECK if w in c.record.evidence), None)
            if why is not None:
                unchecked[why].append(c.record.action_done)
    for why, done in unchecked.items():
        if done:
            text += (
                f"; {len(done)} cannot be checked against this search, "
                f"{_CANNOT_CHECK[why](len(done))} {_earlier_word(done)}"
            )
    # a row recoded as "given by another provider" is in the search, so not "no longer in
    # it" (decision 235)
    recoded = sum(1 for g in carried.gone if g.evidence.startswith(RECODED))
    if recoded:
        text += (
            f"; {counted(recoded, 'dose')} decided earlier as needing a change in the clinical "
            "system now recoded as given by another provider in this search (taken as corrected)"
        )
    if len(carried.gone) > recoded:
        text += (
            f"; {counted(len(carried.gone) - recoded, 'dose')} decided earlier as needing a "
            "change in the clinical system no longer in this search (taken as corrected)"
        )
    if carried.replaced:
        one = carried.replaced == 1
        text += (
            f"; {counted(carried.replaced, 'vaccination')} decided earlier "
            f"{'was' if one else 'were'} decided in this review already (the decisions file, "
            f"or by hand): this review's {'decision stands' if one else 'decisions stand'}"
        )
        if carried.replaced_differently:
            text += (
                ", and differs from the earlier one"
                if one
                else f", {carried.replaced_differently} of them different from an earlier one"
            )
        if older := carried.replaced_older:
            text += (
                " (this review's decision is dated before the earlier one it replaces: check "
                "the decisions file is not an old one)"
                if one
                else f" ({older} of them dated before the earlier decision "
                f"{'it replaces' if older == 1 else 'they replace'}: check the decisions file "
                "is not an old one)"
            )
        if seen := len(carried.seen_corrected):
            text += (
                "; it needs a change in the clinical system, which this search shows made"
                if one
                else f"; {seen} of them {'needs' if seen == 1 else 'need'} a change in the "
                f"clinical system, which this search shows made"
            )
    if carried.unsure_earlier:
        one = carried.unsure_earlier == 1
        text += (
            f"; {counted(carried.unsure_earlier, 'vaccination')} marked unsure in an earlier "
            f"review {'is' if one else 'are'} not carried (unsure is no decision): decide "
            f"{'it' if one else 'them'} here ({'its' if one else 'each'} card shows who "
            "marked it, and the note)"
        )
    if carried.contradicted:
        text += (
            f"; {counted(carried.contradicted, 'decision')} 'given here' not carried: this "
            "search now shows the dose as not the practice's (marked not GMS, a 'given by "
            "another provider' code, or another organisation), so decide "
            f"{'it' if carried.contradicted == 1 else 'them'} again"
        )
    if carried.maybe_unplaced:
        text += (
            f"; {counted(carried.maybe_unplaced, 'dose')} decided earlier not found in this "
            "search, but neither taken as corrected nor as no longer found: rows of it that "
            "could not be placed may be them (kept for later reviews)"
        )
    if carried.unproven:
        one = carried.unproven == 1
        text += (
            f"; {counted(carried.unproven, 'dose')} decided earlier not found in this search, "
            "neither taken as corrected nor as no longer found: "
            f"{'it is' if one else 'they are'} dated before the search's first vaccination (or "
            "after its last), so it may not have searched that day (its months are worked out "
            "from its dates: state the months it covers if it searched them whole; kept for "
            "later reviews)"
        )
    if carried.near:
        one = carried.near == 1
        text += (
            f"; {counted(carried.near, 'dose')} decided earlier not found in this search on "
            f"{'its' if one else 'their'} day, neither taken as corrected nor as no longer "
            f"found: the search holds a dose of the same programme for "
            f"{'that patient' if one else 'those patients'} a few days away, which may be "
            f"the same dose with {'its' if one else 'their'} date put right (decide that "
            "dose here; kept for later reviews)"
        )
    if carried.from_empty:
        text += (
            f"; {counted(carried.from_empty, 'dose')} decided earlier not taken as corrected "
            "nor as no longer found: the search covering "
            f"{'its' if carried.from_empty == 1 else 'their'} month holds no vaccinations of "
            f"{'its' if carried.from_empty == 1 else 'their'} programme, which proves nothing "
            "(kept for later reviews)"
        )
    if carried.no_longer_found:
        text += (
            f"; {counted(carried.no_longer_found, 'dose')} decided earlier as needing no change "
            "(given here, or not to be claimed for another reason) no longer in this search, "
            f"though it covers {'its' if carried.no_longer_found == 1 else 'their'} month: the "
            "claim counts only what the search finds (kept for later reviews, should "
            f"{'it' if carried.no_longer_found == 1 else 'they'} come back)"
        )
    if carried.duplicated:
        text += (
            f"; {counted(carried.duplicated, 'vaccination')} decided earlier "
            f"{'is' if carried.duplicated == 1 else 'are'} in this search twice (a duplicate "
            "entry): no earlier decision is carried (kept for later reviews), decide each "
            "entry again"
        )
    if carried.maybe_here:
        text += (
            f"; {counted(carried.maybe_here, 'decision')} of earlier reviews not carried: the "
            "patient could not be matched with certainty (an NHS number missing or not valid on "
            "one side, or two patients of one name and birth date; kept for later reviews)"
        )
    if carried.held_not_searched:
        text += (
            f"; {counted(carried.held_not_searched, 'decision')} for months, days or programmes "
            "this review's searches do not cover, kept for later reviews"
        )
    if carried.unsure_gone:
        one = carried.unsure_gone == 1
        text += (
            f"; {counted(carried.unsure_gone, 'vaccination')} marked unsure in an earlier "
            f"review not found in this search, though it covers {'its' if one else 'their'} "
            "month: not taken as corrected, nor as no longer found (the doubt was never "
            f"settled; the mark kept for later reviews, should {'it' if one else 'they'} come "
            "back)"
        )
    if (not_searched := len(carried.held_unsure) - carried.unsure_searched) > 0:
        one = not_searched == 1
        text += (
            f"; {counted(not_searched, 'vaccination')} marked unsure in an earlier "
            "review, in months or programmes not searched here, kept for later reviews (still "
            f"to decide: {'its' if one else 'their'} card will show who marked "
            f"{'it' if one else 'them'}, and the note)"
        )
    if carried.differ_not_kept:
        text += (
            f"; {counted(carried.differ_not_kept, 'vaccination')} decided differently in "
            "earlier reviews, in months, days or programmes not searched here, kept for later "
            "reviews (to decide again when searched: each decision will be shown)"
        )
    if carried.differ_gone:
        text += (
            f"; {counted(carried.differ_gone, 'vaccination')} decided differently in earlier "
            "reviews no longer in this search: neither decision kept, nor taken as proof of "
            "a correction"
        )
    if carried.superseded:
        one = carried.superseded == 1
        text += (
            f"; {counted(carried.superseded, 'vaccination')} decided differently in earlier "
            f"reviews, the later review made knowing the earlier decision: the later "
            f"{'decision is' if one else 'decisions are'} taken"
        )
    if carried.disagreements:
        text += (
            f"; {counted(len(carried.disagreements), 'vaccination')} decided differently in "
            "earlier reviews, left to decide again"
        )
    if carried.held_twice:
        one = len(carried.held_twice) == 1
        text += (
            f"; {counted(len(carried.held_twice), 'event')} whose vaccination an earlier "
            "review's search held more than once (a duplicate entry): which entry "
            f"{'this one is' if one else 'each here is'} cannot be told, so "
            f"{'it is' if one else 'they are'} left to decide again, each earlier entry shown"
        )
    if carried.twice_not_here:
        text += (
            f"; {counted(carried.twice_not_here, 'vaccination')} an earlier review's search "
            "held more than once (a duplicate entry) and this review's searches do not hold: "
            "not carried, not kept for later reviews"
        )
    if carried.no_patient:
        one = carried.no_patient == 1
        text += (
            f"; {counted(carried.no_patient, 'decision')} of earlier reviews not carried: "
            f"{'its vaccination has' if one else 'their vaccinations have'} no patient "
            "details there (no NHS number, nor surname and date of birth, as in a report "
            "that prints them on a patient's first row only), so "
            f"{'it cannot' if one else 'they cannot'} be matched with this search "
            f"(decide {'it' if one else 'them'} here)"
        )
    return "".join((text, *(f"; {twin}" for twin in carried.read_once)))


def _held_alike(carried: Carried) -> str:
    """'; of these, C.cqrsreview held all 3 and A.cqrsreview all 3, each the same
    decision': with more than one review brought, how many of the decisions carried each
    held (decided alike: decisions that differ are not carried), so no review brought is
    passed over where another one's decisions are the ones carried (decision 550). One
    review brought is named where some of its decisions were made in another (it carried
    them); "" where the decisions carried were all made in the one review brought, or none
    was carried."""
    total = len(carried.records)
    if not total or not carried.held_alike:
        return ""
    if len(carried.held_alike) == 1:
        only = carried.held_alike[0][0]
        if all(c.record.carried_from in (only, None) for c in carried.records):
            return ""
    # most held first; of those holding as many, the review made last (read last) first
    ranked = sorted(enumerate(carried.held_alike), key=lambda pair: (-pair[1][1], -pair[0]))
    said = [
        f"{name}{' held' if not place else ''} {_how_many(n, total)}"
        for place, (_i, (name, n)) in enumerate(ranked)
    ]
    listed = said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]
    alike = sum(1 for _name, n in carried.held_alike if n) > 1
    same = (", each the same decision" if total > 1 else ", the same decision") if alike else ""
    return f"; of these, {listed}{same}"


def _how_many(held: int, total: int) -> str:
    """'all 3', '2', 'none' of `total` decisions carried ('it' of one)."""
    if not held:
        return "none"
    if held == total:
        return "it" if total == 1 else f"all {total}"
    return str(held)


def _earlier_word(done: list[bool]) -> str:
    """What stands of doses this search cannot check (`done`: each counted as updated)."""
    if all(done):
        return "(the earlier review's word on the clinical system stands)"
    # not updated earlier, or back in a search after an earlier one left it out
    if any(done):
        n, rest = sum(done), len(done) - sum(done)
        return (
            f"({n} counted as updated earlier still {'counts' if n == 1 else 'count'}; the "
            f"other {rest} {'is' if rest == 1 else 'are'} still to update, or to tick once "
            "updated)"
        )
    return "(none counts as updated: each is still to update, or to tick once updated)"
