"""The completed review report's content: results, every decision, files checked, sign-off."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from cqrs_desktop.domain import labels
from cqrs_desktop.domain.explain import (
    COUNT_TO_CLAIM,
    CQRS_STATUS_WORDS,
    NOT_COVERED,
    counted,
    value_difference_words,
)
from cqrs_desktop.domain.model import Decision, ItemStatus
from cqrs_desktop.reports.declaration import declaration_notes, notes_to_come
from cqrs_desktop.reports.document_model import (
    Block,
    Column,
    Document,
    Heading,
    Paragraph,
    SignOff,
    Table,
)
from cqrs_desktop.reports.document_parts import (
    ORGANISATION_AT,
    PATIENT_DATA_NOTE,
    counts_line,
    legend_table,
    organisation_shown,
    patient_cells,
    patient_columns,
    subtitle,
    without_organisation,
)
from cqrs_desktop.reports.email import build_email
from cqrs_desktop.reports.summary import (
    EventRow,
    ItemRow,
    ReportSummary,
    amend_held_back,
    covers_words,
    format_datetime,
    gone_kind_words,
    held_back_words,
    no_longer_found_words,
)

RESULT_COLUMNS: tuple[Column, ...] = (
    Column("Programme and month", 53),
    Column("Claimed", 16, align="right"),
    Column(labels.FOUND_IN_SEARCH, 15, align="right"),
    Column("Needing review", 17, align="right"),
    Column("Given here", 16, align="right"),
    Column("Other provider", 20, align="right"),
    Column("Not eligible", 16, align="right"),
    Column("Not given", 15, align="right"),
    Column("Unsure", 15, align="right"),
    Column("No decision yet", 18, align="right"),
    Column(COUNT_TO_CLAIM, 21, align="right"),
    Column("Status", 30),
    Column("Value difference", 25, align="right"),
)


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _result_rows(summary: ReportSummary) -> tuple[tuple[str, ...], ...]:
    rows = [
        (
            item.title,
            _number(item.claimed),
            str(item.in_search),
            str(item.flagged),
            str(item.decisions.get("practice", 0)),
            str(item.decisions.get("other_provider", 0)),
            str(item.decisions.get("not_eligible", 0)),
            str(item.decisions.get("not_given", 0)),
            str(item.unsure),
            str(item.pending),
            _number(item.corrected),
            NOT_COVERED if not item.covered else item.status_word,
            # not the claim's while held back: its heading says what it would be
            "–" if amend_held_back(item) else value_difference_words(item.value_difference),
        )
        for item in summary.items
    ]
    t = summary.totals
    rows.append(
        (
            "Total",
            str(t.claimed) if any(i.claimed is not None for i in summary.items) else "",
            str(t.in_search),
            str(t.flagged),
            str(sum(i.decisions.get("practice", 0) for i in summary.items)),
            str(sum(i.decisions.get("other_provider", 0) for i in summary.items)),
            str(sum(i.decisions.get("not_eligible", 0) for i in summary.items)),
            str(sum(i.decisions.get("not_given", 0) for i in summary.items)),
            str(summary.unsure),
            str(summary.pending),
            "",
            "",
            value_difference_words(t.value_difference) or "–",
        )
    )
    return tuple(rows)


REPORT_EVENT_COLUMNS: tuple[Column, ...] = (
    *patient_columns(12, 26, 36, 22, 22, 25, 19),
    Column(labels.DECISION, 24),
    Column(labels.CLINICAL_SYSTEM_UPDATED.replace(" ", "\n"), 17),
    Column(labels.NOTE, 31),
    Column(labels.REVIEWER, 22),
    Column(labels.DECIDED_AT, 21),
)


def report_event_columns(organisation: bool = True) -> tuple[Column, ...]:
    """The report's table of vaccinations, with or without Organisation: left out when no
    row of the report has anything in it, its width given to the Note, where long notes
    made very tall rows (decision 533)."""
    if organisation:
        return REPORT_EVENT_COLUMNS
    freed = REPORT_EVENT_COLUMNS[ORGANISATION_AT].width_mm
    return tuple(
        dataclasses.replace(c, width_mm=c.width_mm + freed) if c.title == labels.NOTE else c
        for c in without_organisation(REPORT_EVENT_COLUMNS)
    )


def _report_row(number: int, event: EventRow, organisation: bool = True) -> tuple[str, ...]:
    patient = patient_cells(number, event)
    return (
        *(patient if organisation else without_organisation(patient)),
        event.decision_word,
        event.action_word,
        ". ".join(p for p in (event.note, event.provenance) if p),
        event.reviewer or "",
        event.decided_at_display,
    )


def _report_events(summary: ReportSummary, event_ids: Iterable[str] | None) -> list[EventRow]:
    if event_ids is not None:
        return summary.select(event_ids)
    return [e for e in summary.events if e.needs_review or e.decision is not None]


def _progress(summary: ReportSummary) -> str:
    text = (
        f"{summary.decided} of {summary.needs_review} vaccinations needing review have a decision"
    )
    still = summary.pending + summary.unsure  # "still to check", as the email says it
    if still:
        text += f"; {still} still to check"
        if summary.unsure:
            unflagged = summary.unsure - sum(
                1 for e in summary.events if e.needs_review and e.decision is Decision.UNSURE
            )
            text += f" ({summary.unsure} of them marked unsure"
            text += f", {unflagged} of those not flagged by the checks)" if unflagged else ")"
    text += f". {summary.action_done} marked as updated in the clinical system"
    if summary.action_to_do:
        text += f"; {summary.action_to_do} still to be updated there"
    text += _claimed_words(summary)
    if not summary.is_complete:
        text += " The review is not complete: items still being checked are not validated."
    return text


def _claimed_words(summary: ReportSummary) -> str:
    """'. Claimed 12 in total; value difference ...': what the claims given come to."""
    totals = summary.totals
    claimed = [i for i in summary.items if i.claimed is not None]
    if not claimed:  # not "claimed 0": the claims were not given to us (decision 394)
        return ". No claimed counts were given, so there is no value difference to work out."
    text = f". Claimed {totals.claimed} in total; value difference "
    if totals.value_difference is None:  # never £0.00 for what is not known
        if all(i.status is ItemStatus.NOT_CHECKED for i in claimed):
            text += "not known (no search covers the months claimed)."
        else:
            held = any(amend_held_back(i) for i in claimed)
            text += (
                "not known yet (no claim is final: each is still being checked or not checked)."
                if held
                else "not known yet (no claim is checked to the end)."
            )
    else:
        text += (
            f"{value_difference_words(totals.value_difference)} (claimed minus count to "
            "claim, at the fee per dose"
        )
        unknown = totals.value_unknown
        if unknown:
            text += (
                f", over the claims checked so far: {counted(unknown, 'claim')} still being "
                f"checked or not checked {'is' if unknown == 1 else 'are'} not in it"
            )
        text += ")."
    return text


def report_document(summary: ReportSummary, event_ids: Iterable[str] | None = None) -> Document:
    """The completed review, for filing: results, every decision, sources and sign-off."""
    blocks: list[Block] = [
        Heading("Results"),
        Paragraph(_progress(summary)),
        Table(
            RESULT_COLUMNS, _result_rows(summary), font_pt=9.0, header_pt=8.0, bold_last_row=True
        ),
    ]
    listed = _report_events(summary, event_ids)
    selected = {e.id for e in listed}
    organisation = organisation_shown(listed)
    columns = report_event_columns(organisation)
    number = 0
    for item in summary.items:
        events = [e for e in summary.events_for(item) if e.id in selected]
        if not events and not (item.gone or item.unplaced):
            continue  # nothing listed, and nothing more to say than the table above
        status = f"Status: {item.status_word}"
        if amend_held_back(item):  # (decision 232)
            why, when = held_back_words(item, "the search")
            status += (
                f": on what the search holds, the count to claim would be {item.corrected}"
                f" ({value_difference_words(item.value_difference) or 'no value difference'}), "
                f"but {why}; not confirmed or amended until {when}"
            )
        elif item.corrected is not None:
            status += f", count to claim {item.corrected}"
        sentences = [status, counts_line(item), _cqrs_words(item), _gone_words(item)]
        sentences.append(_unplaced_words(item))
        blocks.append(Heading(item.title, ". ".join(s for s in sentences if s) + "."))
        if not events:
            continue
        rows = []
        for event in events:
            number += 1
            rows.append(_report_row(number, event, organisation))
        blocks.append(Table(columns, tuple(rows), font_pt=9.0, header_pt=8.0))
    if summary.legend:
        blocks.append(Heading("Reason codes"))
        blocks.append(legend_table(summary))
    blocks.append(Heading("Files checked"))
    blocks.append(_sources_table(summary))
    # what each file's reading left out or could not be sure of: rows skipped, columns and
    # sheets not read, a practice never named (the signed report says it, not only stderr)
    blocks.extend(
        Paragraph(f"{source.file}: {'; '.join(source.warnings)}.")
        for source in summary.sources
        if source.warnings
    )
    if summary.unassigned:
        n = len(summary.unassigned)
        blocks.append(
            Paragraph(
                f"{_rows_phrase(n)} of the search files could not be placed in a programme "
                f"and month and {'was' if n == 1 else 'were'} not used (each with its reason "
                "in the workbook's 'Rows not used')."
            )
        )
    blocks.extend(_what_is_signed(summary))
    return Document(
        title="CQRS claim review report",
        practice=summary.practice_label,
        subtitle=subtitle(summary, f"Prepared {format_datetime(summary.generated_at)}"),
        printed=format_datetime(summary.generated_at),
        footer_note=PATIENT_DATA_NOTE,
        landscape=True,
        blocks=tuple(blocks),
    )


def _gone_words(item: ItemRow) -> str:
    """'Decided earlier and no longer in the search ...: 2 given by other providers' (a
    sentence without its full stop), or ""."""
    parts = [f"{n} {gone_kind_words(kind, n)}" for kind, n in item.gone]
    parts += [f"{n} {no_longer_found_words(kind, n)}" for kind, n in item.no_longer_found]
    if not parts:
        return ""
    listed = "; ".join(parts)
    return f"Decided earlier and no longer in the search (listed in the workbook): {listed}"


def _unplaced_words(item: ItemRow) -> str:
    """'2 rows of the search could not be placed ...' (a sentence without its full stop),
    or ""."""
    if not item.unplaced:
        return ""
    were = "was" if item.unplaced == 1 else "were"
    return (
        f"{_rows_phrase(item.unplaced)} of the search that may be of this month could not "
        f"be placed in a programme and month and {were} not counted (listed in the workbook): "
        "the count may be incomplete"
    )


def _cqrs_words(item: ItemRow) -> str:
    """'In CQRS: awaiting approval (note: ...)' (a sentence without its full stop) when the
    CQRS figures said, or ""."""
    if not item.cqrs_status and not item.cqrs_note:
        return ""
    text = "In CQRS: " + (CQRS_STATUS_WORDS.get(item.cqrs_status or "", "") or "status not given")
    if item.cqrs_note:
        text += f" (note: {item.cqrs_note})"
    return text


SIGN_OFF_STATEMENT = (
    "I confirm that, for each vaccination with a decision in this report, the patient record "
    "was checked and the decision shown is what it recorded; that where 'Clinical system "
    "updated' says Yes, the record was changed as the decision needs; and that the email and "
    "declaration notes above say no more than this review found."
)


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def sign_off_statement(summary: ReportSummary) -> str:
    """What the signer confirms: the decisions of this review itself; decisions carried
    from earlier reviews are said to be those reviews' checks, by the reviewers named, not
    confirmed again by this signature (decision 141)."""
    decided = [e for e in summary.events if e.decision not in (None, Decision.UNSURE)]
    carried = [e for e in decided if e.carried_from]
    if not carried:
        return SIGN_OFF_STATEMENT
    own = len(decided) - len(carried)
    n = len(carried)
    reviews = list(dict.fromkeys(e.carried_from or "" for e in carried))
    one = len(reviews) == 1
    if own:
        which = f"{n} of the decisions in this report {'was' if n == 1 else 'were'}"
    else:
        which = {
            1: "The 1 decision in this report was",
            2: "Both decisions in this report were",
        }.get(n, f"All {n} decisions in this report were")
    people = [e.reviewer or "" for e in carried]
    by = _names(list(dict.fromkeys(people))) if all(people) else "the reviewers recorded there"
    earlier = (
        f"{which} carried from {'an earlier review' if one else 'earlier reviews'} "
        f"({_names(reviews)}; the Note column names the review and when): "
        f"{'its record was' if n == 1 else 'their records were'} checked in "
        f"{'that review' if one else 'those reviews'}, by {by}, and not again for this review."
    )
    those = "that earlier review" if one else "those earlier reviews"
    if not own:
        return (
            f"{earlier} I confirm that where 'Clinical system updated' says Yes for a "
            "decision ticked in this review, the record was changed as the decision needs; "
            f"and that the email and declaration notes above say no more than {those} and "
            "this review's search found."
        )
    return (
        "I confirm that, for each vaccination decided in this review itself, the patient "
        "record was checked and the decision shown is what it recorded; that where 'Clinical "
        "system updated' says Yes for a decision made or ticked in this review, the record "
        "was changed as the decision needs; and that the email and declaration notes above "
        f"say no more than this review and {those} found. {earlier}"
    )


def _what_is_signed(summary: ReportSummary) -> list[Block]:
    """The email and declaration notes as they were prepared, and the sign-off statement."""
    blocks: list[Block] = [
        Heading(
            "Email to the immunisation team",
            "As prepared by CQRS Desktop on "
            f"{format_datetime(summary.generated_at)}; counts only, no patient details.",
        )
    ]
    body = build_email(summary, "").body
    blocks.extend(Paragraph(line, font_pt=9.5) for line in body.splitlines() if line.strip())
    blocks.append(Heading("Declaration notes", "For the CQRS Notes field of claims of 5 or more."))
    texts = [note.text for note in declaration_notes(summary)]  # each names its claim
    # the claims that need one but have none yet, said (not left out)
    texts += [f"{heading}: {why}" for heading, why in notes_to_come(summary)]
    for text in texts or ["No claim in this review needs a declaration note."]:
        blocks.append(Paragraph(text, font_pt=9.5))
    blocks.append(Heading("Sign-off"))
    statement = sign_off_statement(summary)
    if not summary.is_complete:
        statement += (
            " Vaccinations still to check, or marked unsure, are not confirmed by this signature."
        )
    blocks.append(Paragraph(statement))
    blocks.append(SignOff(("Name", "Role", "Signature", "Date")))
    return blocks


def _rows_phrase(count: int) -> str:
    return "1 row" if count == 1 else f"{count} rows"


def _sources_table(summary: ReportSummary) -> Table:
    return Table(
        columns=(
            Column("File", 66),
            Column("Kind", 16),
            Column("Rows read", 16, align="right"),
            Column("Events", 16, align="right"),
            Column("Markers", 18, align="right"),
            Column("Skipped", 18, align="right"),
            Column("Covers", 60),
            Column("SHA-256 fingerprint", 67, mono=True),
        ),
        rows=tuple(
            (
                s.file,
                s.kind,
                str(s.rows_read),
                str(s.events),
                str(s.markers),
                str(s.skipped),
                covers_words(summary, i),
                s.sha256,
            )
            for i, s in enumerate(summary.sources)
        ),
        font_pt=8.5,
        striped=False,
    )
