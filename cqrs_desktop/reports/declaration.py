"""Declaration notes to paste into the CQRS Notes field (claims at or over the threshold).

Plain, factual, editable text: London has not published the wording it expects (DOMAIN.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from cqrs_desktop.domain.model import Decision, ItemStatus
from cqrs_desktop.reports.summary import ItemRow, ReportSummary, format_date


@dataclass(frozen=True)
class DeclarationNote:
    programme: str
    month: str
    heading: str  # "Pertussis (pregnant women) September 2024"
    text: str


def needs_note(item: ItemRow, threshold: int) -> bool:
    """A claim at or over the threshold whose result is final (validated or amend)."""
    return item.claimed is not None and item.claimed >= threshold and item.is_final


def _who_and_when(item: ItemRow, summary: ReportSummary) -> str:
    when = item.last_decided or summary.generated_at
    who = summary.reviewer or (item.reviewers[0] if item.reviewers else None)
    text = f"on {format_date(when.date())}"
    return f"{text} by {who}" if who else text


def _were(count: int) -> str:
    return f"{count} was" if count == 1 else f"{count} were"


def _outcome(item: ItemRow) -> str:
    """'5 were given by this practice and 2 by other providers (marked ... system)'."""
    parts = [f"{_were(item.corrected or 0)} given by this practice"]
    other = item.decided(Decision.OTHER_PROVIDER)
    not_eligible = item.decided(Decision.NOT_ELIGIBLE)
    not_given = item.decided(Decision.NOT_GIVEN)
    if other:
        parts.append(f"{other} by {'other providers' if other > 1 else 'another provider'}")
    if not_eligible:
        parts.append(f"{not_eligible} not eligible for the programme")
    if not_given:
        parts.append(f"{not_given} recorded in error")
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    if item.not_practice:
        if item.not_practice_marked == item.not_practice:
            text += " (marked Non-GMS or recoded in the clinical system)"
        else:
            text += (
                f" ({item.not_practice_marked} of {item.not_practice} marked Non-GMS or "
                "recoded in the clinical system so far)"
            )
    return text


def declaration_note(item: ItemRow, summary: ReportSummary) -> DeclarationNote:
    heading = f"{item.programme_name} {item.month_label}"
    checked = _who_and_when(item, summary)
    if item.claimed == item.in_search:
        scope = (
            f"all {item.claimed} vaccinations claimed were checked against the patient "
            f"records {checked}"
        )
    else:
        scope = (
            f"{item.claimed} vaccinations were claimed and the practice search found "
            f"{item.in_search}; all {item.in_search} were checked against the patient "
            f"records {checked}"
        )
    if item.status is ItemStatus.VALIDATED:
        everything_here = item.not_practice == 0
        outcome = "all were given by this practice" if everything_here else _outcome(item)
        ending = f"Claim of {item.claimed} confirmed as correct."
    else:
        outcome = _outcome(item)
        ending = f"Claim to be amended from {item.claimed} to {item.corrected}."
    text = f"{heading}: {scope}; {outcome}. {ending}"
    return DeclarationNote(item.programme, item.month, heading, text)


def declaration_notes(summary: ReportSummary) -> list[DeclarationNote]:
    return [
        declaration_note(item, summary)
        for item in summary.items
        if needs_note(item, summary.declaration_threshold)
    ]


def _no_note_line(item: ItemRow, threshold: int) -> str:
    if item.status is ItemStatus.NOT_CHECKED:
        return "No note yet: not checked (no search of the patient records was imported)."
    if item.claimed is None:
        return "No note needed: no claimed count."
    if item.claimed < threshold:
        return f"No note needed: the claim of {item.claimed} is below {threshold}."
    return (
        f"No note yet: {item.still_to_check} still to check. Write the note when the check "
        "is complete."
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
