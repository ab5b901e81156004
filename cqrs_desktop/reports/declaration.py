"""Declaration notes to paste into the CQRS Notes field (claims at or over the threshold).

Plain, factual, editable text: London has not published the wording it expects (DOMAIN.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from cqrs_desktop.domain.explain import counted
from cqrs_desktop.domain.model import Decision, ItemStatus
from cqrs_desktop.reports.summary import (
    Correction,
    ItemRow,
    ReportSummary,
    amend_held_back,
    days_words,
    format_date,
    gone_kind_words,
    held_back_words,
    kept_words,
    no_longer_found_words,
    one_line,
)


@dataclass(frozen=True)
class DeclarationNote:
    programme: str
    month: str
    heading: str  # "Pertussis (pregnant women) September 2024"
    text: str


def needs_note(item: ItemRow, threshold: int) -> bool:
    """A claim at or over the threshold whose result is final (validated or amend), unless
    it is to amend by a search that may not hold all its doses: not yet (decisions 163,
    164)."""
    return (
        item.claimed is not None
        and item.claimed >= threshold
        and item.is_final
        and not amend_held_back(item)
    )


def _who_and_when(item: ItemRow, summary: ReportSummary) -> str:
    """'on 03/12/2026 by J. Reviewer': who recorded the item's decisions and when (several
    people and days when decisions were carried from earlier reviews), never just the
    person sending the email."""
    last = item.last_decided or summary.generated_at
    first = item.first_decided or last
    if first.date() == last.date():
        text = f"on {format_date(last.date())}"
    else:
        text = f"between {format_date(first.date())} and {format_date(last.date())}"
    people = list(item.reviewers) or ([summary.reviewer] if summary.reviewer else [])
    people = [one_line(p) for p in people if one_line(p)]  # (one line: decision 265)
    if not people:
        return text
    who = people[0] if len(people) == 1 else ", ".join(people[:-1]) + " and " + people[-1]
    return f"{text} by {who}"


def _were(count: int) -> str:
    return f"{count} was" if count == 1 else f"{count} were"


def _kind_sentence(correction: Correction) -> str:
    """One formal, past-tense sentence per kind of dose taken off the claim, saying what was
    recorded in the clinical system and no more."""
    n = correction.count
    if correction.decision is Decision.OTHER_PROVIDER:
        text = f"{_were(n)} given by {'other providers' if n > 1 else 'another provider'}"
        done, not_done = "marked in the clinical system as given elsewhere", "marked"
    elif correction.decision is Decision.NOT_ELIGIBLE:
        text = f"{_were(n)} not eligible for this programme"
        older = correction.older_adult_rsv
        if older == n:
            text += " (older-adult RSV doses)" if n > 1 else " (an older-adult RSV dose)"
        done, not_done = "corrected in the clinical system", "corrected"
    else:
        text = f"{_were(n)} recorded in error"
        done, not_done = "corrected in the clinical system", "corrected"
    shown = correction.shown_not_gms
    if correction.needs_action and shown:  # never "not been marked" of a row shown so
        if correction.done == 0:
            text += f"; {'it is' if n == 1 else 'they are'} not recorded as marked"
        else:
            text += (
                f"; {_were(correction.done)} {done} and {correction.to_do} not recorded as marked"
            )
        if shown == correction.to_do:
            them = {1: "it", 2: "both of them"}.get(shown, "all of them")
            text += f", but the practice search shows {them} as not GMS"
        else:
            text += f", though the practice search shows {shown} of them as not GMS"
    elif correction.needs_action:
        if correction.done == n:
            every = {1: "it was", 2: "both were"}.get(n, "all were")
            text += f"; {every} {done}"
        elif correction.done == 0:
            text += f"; {'it has' if n == 1 else 'they have'} not been {not_done}"
        else:
            text += f"; {_were(correction.done)} {done} and {correction.to_do} not"
    return text + "."


def _gone_sentence(kind: Decision, count: int) -> str:
    """A dose an earlier check took off the claim that the search no longer counts."""
    further = "A further vaccination" if count == 1 else f"A further {count} vaccinations"
    return (
        f"{further}, found by an earlier check to be {gone_kind_words(kind, count)}, "
        f"{'is' if count == 1 else 'are'} no longer counted by the practice search."
    )


def _checked_sentences(item: ItemRow, summary: ReportSummary) -> list[str]:
    """What the practice checked of the vaccinations its search found, and what it found."""
    if item.record_checked:
        scope = (
            "the vaccination"
            if item.in_search == 1
            else f"each of the {item.in_search} vaccinations"
        )
        sentences = [
            f"The practice checked {scope} found by its search against the patient record "
            f"{_who_and_when(item, summary)}."
        ]
        if item.not_practice == 0:
            every = {1: "It was", 2: "Both were"}.get(item.in_search, f"All {item.in_search} were")
            sentences.append(f"{every} given by this practice.")
        else:
            sentences.append(f"{_were(item.corrected or 0).capitalize()} given by this practice.")
            sentences.extend(_kind_sentence(c) for c in item.corrections)
        return sentences
    decided = sum(item.decisions.values())
    return [
        f"The practice search found {item.in_search} vaccinations; {decided} flagged by the "
        f"practice's checks {'was' if decided == 1 else 'were'} checked against the patient "
        f"record {_who_and_when(item, summary)}.",
        *(_kind_sentence(c) for c in item.corrections),
    ]


def declaration_note(item: ItemRow, summary: ReportSummary) -> DeclarationNote:
    """Formal and past tense; records are said to be checked only when every event of the
    item has a decision (`record_checked`)."""
    heading = f"{item.programme_name} {item.month_label}"
    sentences: list[str] = []
    if item.searched_part is not None:  # never more than was searched (decision 137)
        sentences.append(
            f"The practice search covered only {days_words(item.searched_part)} of "
            f"{item.month_label}; vaccinations given on other days of the month were not "
            "searched."
        )
    if item.in_search == 0:
        sentences.append(
            f"The practice search of the patient records for {item.month_label} found none "
            f"of the {item.claimed} vaccinations claimed."
            if item.months_stated
            else f"The practice search of the patient records, which held vaccinations from "
            f"before and after {item.month_label}, found none of the {item.claimed} "
            "vaccinations claimed for that month."
        )
    else:
        if item.claimed is not None and item.claimed > item.in_search:  # some not found
            sentences.append(
                f"The practice search of the patient records for {item.month_label} found "
                f"{item.in_search} of the {item.claimed} vaccinations claimed."
            )
        sentences.extend(_checked_sentences(item, summary))
    sentences.extend(_gone_sentence(kind, n) for kind, n in item.gone)
    sentences.extend(
        f"{'A further vaccination' if n == 1 else f'A further {n} vaccinations'}, found by an "
        f"earlier check to be {no_longer_found_words(kind, n)}, {'is' if n == 1 else 'are'} "
        "no longer found by the practice search"
        + (
            f", so {'it is' if n == 1 else 'they are'} not counted in this claim."
            if kind is Decision.PRACTICE
            else "."
        )
        for kind, n in item.no_longer_found
    )
    if rest := item.kept_not_moved:  # (decision 144)
        n = sum(count for _kind, count in rest)
        sentences.append(
            f"An earlier check found {kept_words(rest)} that the practice search "
            f"does not show; {'it is' if n == 1 else 'they are'} not counted in this claim."
        )
    if item.kept_moved:  # (decision 511)
        one = sum(count for _kind, count in item.kept_moved) == 1
        sentences.append(
            f"An earlier check found {kept_words(item.kept_moved)} that the practice search "
            f"does not show on {'its day' if one else 'their days'}; the search holds a "
            "vaccination of this programme for "
            f"{'the same patient' if one else 'each of those patients'} a few days away, "
            f"which may be the same {'one with its date' if one else 'ones with their dates'} "
            f"put right; {'it is' if one else 'they are'} not counted in this claim under the "
            f"earlier {'date' if one else 'dates'}."
        )
    if item.unplaced:
        n = item.unplaced
        sentences.append(
            f"{'1 row' if n == 1 else f'{n} rows'} of the practice search that may be of this "
            f"month could not be placed in a programme and month and {'was' if n == 1 else 'were'} "
            "not counted."
        )
    if item.status is ItemStatus.VALIDATED:
        agrees = "agrees with the vaccinations counted" if item.unplaced else "is correct"
        sentences.append(f"The claim of {item.claimed} {agrees}.")
    else:
        claim = "On the vaccinations counted, the claim" if item.unplaced else "The claim"
        sentences.append(f"{claim} should be amended from {item.claimed} to {item.corrected}.")
    return DeclarationNote(item.programme, item.month, heading, f"{heading}: {' '.join(sentences)}")


def declaration_notes(summary: ReportSummary) -> list[DeclarationNote]:
    return [
        declaration_note(item, summary)
        for item in summary.items
        if needs_note(item, summary.declaration_threshold)
    ]


def notes_to_come(summary: ReportSummary) -> list[tuple[str, str]]:
    """The claims that need a declaration note, or will, but have none yet (still being
    checked, not checked, or amended to the threshold or more): (heading, why)."""
    threshold = summary.declaration_threshold
    return [
        (f"{item.programme_name} {item.month_label}", _no_note_line(item, threshold))
        for item in summary.items
        if not needs_note(item, threshold)
        and (
            any(n is not None and n >= threshold for n in (item.claimed, item.corrected))
            or _may_need_one(item, threshold)
        )
    ]


def _may_need_one(item: ItemRow, threshold: int) -> bool:
    """A claim below the threshold (or none) still being checked, whose search found the
    threshold or more: amended, it may need a note."""
    # the most the count can become: all found, but those decided as not the practice's
    most = item.in_search - sum(n for kind, n in item.decisions.items() if kind != "practice")
    return (
        item.corrected is None
        and item.status is not ItemStatus.NOT_CHECKED
        and most >= threshold
        and (item.claimed is None or item.claimed < threshold)
    )


def _no_note_line(item: ItemRow, threshold: int) -> str:
    # a claim made, or amended, to the threshold or more will need one when declared
    later = item.corrected is not None and item.corrected >= threshold
    if amend_held_back(item) and (
        later or (item.claimed is not None and item.claimed >= threshold)
    ):  # (decisions 163, 164)
        why, when = held_back_words(item, "the practice search")
        return (
            f"No note yet: {why}: the claim can be neither confirmed nor amended. The note is "
            f"written when {when}."
        )
    if _may_need_one(item, threshold):
        found = (
            f"the search found {item.in_search}, {counted(item.still_to_check, 'record')} "
            "still to check"
        )
        if item.claimed is None:
            return (
                f"No note yet: no claimed count; {found}. A claim of {threshold} or more "
                "will need one when it is declared."
            )
        return (
            f"No note yet: the claim of {item.claimed} is below {threshold}, but {found}. "
            f"Amended to {threshold} or more, the claim will need one when it is declared."
        )
    if item.claimed is None:
        if later:
            return (
                f"No note now: no claimed count. A claim of {item.corrected} will need one "
                "when it is declared."
            )
        return "No note needed: no claimed count."
    if item.claimed < threshold:
        if later:
            return (
                f"No note now: the claim of {item.claimed} is below {threshold}. Amended to "
                f"{item.corrected}, the claim will need one when it is declared."
            )
        return f"No note needed: the claim of {item.claimed} is below {threshold}."
    if item.status is ItemStatus.NOT_CHECKED:
        earlier = (
            f" An earlier check decided {item.decided_earlier} of its vaccinations: any note "
            "it needed is in that review's results."
            if item.decided_earlier
            else ""
        )
        return (
            f"No note: not checked here, as no search of this review covered "
            f"{item.month_label}.{earlier} Import a search that covers it to check this claim."
        )
    n = item.still_to_check
    unsure = (
        ("" if not item.unsure else f", {item.unsure} of them marked unsure")
        if item.unsure != n
        else {1: ", marked unsure", 2: ", both marked unsure"}.get(n, ", all marked unsure")
    )
    return (
        f"No note yet: {counted(item.still_to_check, 'record')} still to check{unsure}. "
        "The note is written when every record is checked."
    )


def declaration_notes_text(summary: ReportSummary) -> str:
    """`declaration_notes.txt`: one block per programme and month, headed, ready to copy."""
    threshold = summary.declaration_threshold
    header = [
        f"CQRS declaration notes: {summary.practice_label}",
        f"Prepared {format_date(summary.generated_at.date())}. Claims of {threshold} or more "
        "need a note in the CQRS Notes field (Achievement tab, Declare).",
        "Copy the text under each heading into CQRS. Edit it if your records say otherwise.",
    ]
    blocks = ["\n".join(header)]
    for item in summary.items:
        title = f"{item.programme_name} {item.month_label}"
        rule = "=" * len(title)
        if needs_note(item, threshold):
            body = declaration_note(item, summary).text
        else:
            body = _no_note_line(item, threshold)
        blocks.append(f"{title}\n{rule}\n{body}")
    if not summary.items:
        blocks.append("No claims to declare.")
    return "\n\n".join(blocks) + "\n"
