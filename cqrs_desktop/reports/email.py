"""The email to the regional immunisation team: counts only, never a patient identifier.

`email_text` is the `email.txt` the command line writes; `email_eml` is a draft Outlook opens
ready to send (`X-Unsent: 1`). Both come from the same `Email`.
"""

from __future__ import annotations

import email.policy
import email.utils
from dataclasses import dataclass
from email.message import EmailMessage

from cqrs_desktop.domain.explain import counted
from cqrs_desktop.domain.model import Decision, ItemStatus
from cqrs_desktop.reports.summary import (
    Correction,
    ItemRow,
    ReportSummary,
    amend_held_back,
    days_words,
    gone_kind_words,
    held_back_words,
    kept_words,
    no_longer_found_words,
    one_line,
)

GREETING = "Dear London Immunisation Team,"

# The groups of SPEC section 5, in the order the email gives them. Only the first two may
# say that records were checked.
CHECKED_AND_CORRECT = "Checked against the patient record and correct:"
TO_BE_AMENDED = "To be amended:"
AGREES_WITH_SEARCH = "Agrees with our search (not checked record by record):"
NO_CLAIM_GIVEN = "Found by our search, with no claimed count to compare:"
STILL_BEING_CHECKED = "Still being checked (we will confirm these separately):"
NOT_CHECKED = "Not checked:"


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    body: str


def in_email(item: ItemRow) -> bool:
    """The items the team asks about: those with a reason or to be amended, except items
    CQRS has already approved that our check validates (unless rows of the search that
    may be of it could not be placed: the email then says so)."""
    if not item.reasons and item.status is not ItemStatus.AMEND:
        return False
    approved = item.cqrs_status == "approved" and item.status is ItemStatus.VALIDATED
    return not approved or item.unplaced > 0


def group_of(item: ItemRow) -> str:
    """The one group an item in the email belongs to."""
    if amend_held_back(item):
        return STILL_BEING_CHECKED
    if item.status is ItemStatus.VALIDATED:
        return CHECKED_AND_CORRECT if item.record_checked else AGREES_WITH_SEARCH
    return {
        ItemStatus.AMEND: TO_BE_AMENDED,
        ItemStatus.NO_CLAIM: NO_CLAIM_GIVEN,
        ItemStatus.INCOMPLETE: STILL_BEING_CHECKED,
        ItemStatus.NOT_CHECKED: NOT_CHECKED,
    }[item.status]


def _vaccinations(count: int) -> str:
    return counted(count, "vaccination")


def _follow_up(correction: Correction, done: str, not_done: str) -> str:
    """What is recorded about the clinical system for one kind, saying no more than that."""
    if not correction.needs_action:
        return ""
    seen = ""
    if correction.seen_in_export:
        seen = (
            ", as our latest search shows"
            if correction.seen_in_export == correction.done
            else f", {correction.seen_in_export} of them as our latest search shows"
        )
    if correction.done == correction.count:
        every = {1: "", 2: "both "}.get(correction.count, "all ")
        return f" ({every}{done}{seen})"
    still = ""
    n = correction.not_corrected
    if n and n == correction.to_do:
        still = (
            ": our latest search still counts it"
            if n == 1
            else f": our latest search still counts {'both' if n == 2 else 'all'} of them"
        )
    elif n:  # the rest were decided against this very search: no later word on them
        still = (
            f"; {n} of them {'was' if n == 1 else 'were'} found in an earlier check and our "
            f"latest search still counts {'it' if n == 1 else 'them'}"
        )
    if correction.done == 0:
        return f" ({not_done}{still})"
    return f" ({correction.done} {done}{seen}; {correction.to_do} {not_done}{still})"


def correction_parts(item: ItemRow) -> list[str]:
    """'2 given by other providers (both now marked ...)', one part per kind of dose taken
    off the claim, each with what is recorded about the clinical system."""
    parts = []
    for correction in item.corrections:
        n = correction.count
        if correction.decision is Decision.OTHER_PROVIDER:
            text = f"{n} given by {'other providers' if n > 1 else 'another provider'}"
            done = "now marked in our clinical system as given elsewhere"
            not_done = "not yet marked in our clinical system"
            shown = correction.shown_not_gms
            if shown and shown == correction.to_do:  # (decision 173)
                them = "it" if shown == 1 else ("both" if shown == 2 else "all") + " of them"
                not_done = f"not recorded as marked by us, but our search shows {them} as not GMS"
            elif shown:
                not_done = (
                    f"not recorded as marked by us, though our search shows {shown} of them "
                    "as not GMS"
                )
        elif correction.decision is Decision.NOT_ELIGIBLE:
            text = f"{n} not eligible for this programme"
            older = correction.older_adult_rsv
            if older == n:
                text += " (older-adult RSV doses)" if n > 1 else " (an older-adult RSV dose)"
            elif older:
                text += f" ({older} of them older-adult RSV doses)"
            done = "now corrected in our clinical system"
            not_done = "not yet corrected in our clinical system"
        else:
            text = f"{n} recorded in error, not given"
            done = "now corrected in our clinical system"
            not_done = "not yet corrected in our clinical system"
        parts.append(text + _follow_up(correction, done, not_done))
    return parts


def gone_clause(item: ItemRow, besides: bool = True) -> str:
    """'; besides these, 2 given by other providers, found in an earlier check, are no longer
    counted by our latest search': doses an earlier decision took off the claim that are
    gone from the search (not among those it found), or "" when there are none."""
    if not item.gone:
        return ""
    parts = [
        f"{n} {gone_kind_words(kind, n)}, found in an earlier check, "
        f"{'is' if n == 1 else 'are'} no longer counted by our latest search"
        for kind, n in item.gone
    ]
    return f"; {'besides these, ' if besides else ''}{'; '.join(parts)}"


def no_longer_found_clause(item: ItemRow) -> str:
    """'; 1 given by this practice, found in an earlier check, is no longer found by our
    latest search': a dose decided as needing no change that the search covering its month
    no longer holds (decision 86), or ""."""
    parts = [
        f"{n} {no_longer_found_words(kind, n)}, found in an earlier check, "
        f"{'is' if n == 1 else 'are'} no longer found by our latest search"
        + (
            f", so {'it is' if n == 1 else 'they are'} not counted"
            if kind is Decision.PRACTICE
            else ""
        )
        for kind, n in item.no_longer_found
    ]
    return f"; {'; '.join(parts)}" if parts else ""


def kept_clause(item: ItemRow) -> str:
    """'; an earlier check found 2 given by this practice that our latest search does not
    show (...)': decisions kept from earlier reviews for this covered month, neither in the
    search nor taken as gone (decision 144), or "". Those whose patient the search holds a
    dose of days away are said as what they may be: a date put right (decision 511)."""
    text = ""
    if rest := item.kept_not_moved:
        n = sum(count for _kind, count in rest)
        text = (
            f"; an earlier check found {kept_words(rest)} that our latest search "
            f"does not show ({'it is' if n == 1 else 'they are'} kept in our records and not "
            "counted here: on a day our search did not look at, or a record it may show "
            "otherwise)"
        )
    if item.kept_moved:
        one = sum(count for _kind, count in item.kept_moved) == 1
        text += (
            f"; an earlier check found {kept_words(item.kept_moved)} that our latest search "
            f"does not show on {'its day' if one else 'their days'}, but our search holds a "
            "vaccination of this programme for "
            f"{'the same patient' if one else 'each of those patients'} a few days away, "
            f"which may be the same {'one with its date' if one else 'ones with their dates'} "
            f"put right (kept in our records under the earlier "
            f"{'date' if one else 'dates'}, not counted here)"
        )
    return text


def earlier_found_clauses(item: ItemRow, besides: bool = True) -> str:
    """What earlier checks found of the claim that the latest search does not count: the
    doses gone from it, those no longer found and those kept (decision 510). Every line of
    the email with a figure of the search says them, so none is silent about the doses a
    claim was lowered or raised by."""
    return f"{gone_clause(item, besides)}{no_longer_found_clause(item)}{kept_clause(item)}"


def unplaced_clause(item: ItemRow) -> str:
    """'; 2 rows of our search that may be of this month could not be placed ...': rows
    that may be doses of the item and that no count includes (`ItemRow.unplaced`), or ""."""
    n = item.unplaced
    if not n:
        return ""
    rows = "1 row" if n == 1 else f"{n} rows"
    return (
        f"; {rows} of our search that may be of this month could not be placed in a "
        f"programme and month and {'is' if n == 1 else 'are'} not counted here, so this "
        "count may be incomplete"
    )


def _checked_scope(item: ItemRow) -> str:
    """How many records were opened: said only of decided events, and how many of them
    were opened in an earlier review (decisions carried, not checked again here)."""
    decided = sum(item.decisions.values())
    if item.record_checked:
        earlier = _earlier_words(item, item.in_search)
        found = {
            1: "the 1 vaccination our search found was",
            2: "both vaccinations our search found were",
        }.get(item.in_search, f"all {item.in_search} vaccinations our search found were")
        return f"{found} checked against the patient record" + (f" ({earlier})" if earlier else "")
    # the breakdown after it is of them all, not of "the others"
    earlier = _earlier_words(item, decided)
    return (
        f"{decided} of the {_vaccinations(item.in_search)} our search found "
        f"{'was' if decided == 1 else 'were'} checked against the patient record ("
        f"{earlier + '; ' if earlier else ''}the others were not flagged by our checks); of "
        f"all {item.in_search}"
    )


def _earlier_words(item: ItemRow, checked: int) -> str:
    """'4 of them in an earlier check, by the reviewer named in our records': of the
    `checked` records, those checked in an earlier review whose decision this one carried
    (not checked again here), or ""."""
    n = item.checked_earlier
    if not n:
        return ""
    every = {1: "", 2: "both "}.get(checked, "all of them ")
    share = every if n >= checked else f"{n} of them "
    check = "an earlier check" if len(item.checked_earlier_in) <= 1 else "earlier checks"
    by = ""
    if item.checked_earlier_by:
        people = "reviewer" if len(item.checked_earlier_by) == 1 else "reviewers"
        by = f", by the {people} named in our records"
    return f"{share}in {check}{by}"


def _days_clause(item: ItemRow) -> str:
    """', counting only 15/09/2025 to 30/09/2025: our search covered no other days of ...':
    the days a search its file says looked at only part of the month covered, or "" (never
    more than was searched, whatever the claim's group: decisions 137, 170)."""
    if item.searched_part is None:
        return ""
    return (
        f", counting only {days_words(item.searched_part)}: our search covered "
        f"no other days of {item.month_label} (as its file states), so vaccinations given "
        "on other days were not searched"
    )


def _checked_line(item: ItemRow) -> str:
    parts = [f"{item.corrected} given by this practice", *correction_parts(item)]
    return (
        f"- {item.title}: {item.claimed} claimed, correct"
        f"{' for the vaccinations counted' if item.unplaced else ''}{_days_clause(item)}; "
        f"{_checked_scope(item)}: "
        f"{'; '.join(parts)}{gone_clause(item)}{no_longer_found_clause(item)}"
        f"{kept_clause(item)}{unplaced_clause(item)}"
    )


def searched_words(item: ItemRow) -> str:
    """What is known of the search of a month it found none in: it covered the month, as
    the practice stated; or it held vaccinations from before and after it (its months
    worked out from its dates), which is all that can be said (decision 124)."""
    if item.months_stated:
        return f"which covered {item.month_label}"
    return f"which held vaccinations from before and after {item.month_label}"


def _found_none(claimed: int) -> str:
    """'found none of the 2 vaccinations claimed', or 'did not find the 1 vaccination
    claimed'."""
    if claimed == 1:
        return "did not find the 1 vaccination claimed"
    return f"found none of the {_vaccinations(claimed)} claimed"


def _amend_line(item: ItemRow) -> str:
    head = f"- {item.title}: to be amended from {item.claimed} to {item.corrected}"
    if item.cqrs_status == "approved":
        head += " (already approved in CQRS)"
    # (one whose search may not hold all its doses is not asked to be amended:
    # `_held_back_line`)
    if item.in_search == 0:
        return (
            f"{head}; our search of the patient records, {searched_words(item)}, "
            f"{_found_none(item.claimed or 0)}"
            f"{gone_clause(item, besides=False)}{no_longer_found_clause(item)}"
            f"{kept_clause(item)}{unplaced_clause(item)}"
        )
    parts = [f"{item.corrected} given by this practice", *correction_parts(item)]
    if item.claimed is not None and item.claimed > item.in_search:  # some claimed not found
        head += f"; our search found {item.in_search} of the {_vaccinations(item.claimed)} claimed"
    return (
        f"{head}; {_checked_scope(item)}: {'; '.join(parts)}{gone_clause(item)}"
        f"{no_longer_found_clause(item)}{kept_clause(item)}{unplaced_clause(item)}"
    )


def _held_back_line(item: ItemRow) -> str:
    """A claim to amend whose search may not hold all its doses (`amend_held_back`): what
    was found, and that the claim is not yet confirmed or amended (decisions 163, 164)."""
    why, when = held_back_words(item)
    head = (
        f"- {item.title}: {item.claimed} claimed"
        + (" (already approved in CQRS)" if item.cqrs_status == "approved" else "")
        + f"; not yet confirmed or amended: {why}, and we will confirm or amend this claim "
        f"when {when}"
    )
    counted_in = "in the days searched" if item.searched_part is not None else "of those counted"
    if item.in_search == 0:
        return (
            f"{head}; {counted_in} our search found none"
            f"{gone_clause(item, besides=False)}{no_longer_found_clause(item)}"
            f"{kept_clause(item)}"
        )
    parts = [f"{item.corrected} given by this practice", *correction_parts(item)]
    return (
        f"{head}; {counted_in}, {_checked_scope(item)}: {'; '.join(parts)}"
        f"{gone_clause(item)}{no_longer_found_clause(item)}{kept_clause(item)}"
    )


def _agrees_line(item: ItemRow) -> str:
    found = "none" if item.in_search == 0 else str(item.in_search)
    return (
        f"- {item.title}: {item.claimed} claimed; our search found {found}, the same"
        f"{_days_clause(item)}{earlier_found_clauses(item, besides=False)}"
        f"{unplaced_clause(item)}"
    )


def _no_claim_line(item: ItemRow) -> str:
    line = f"- {item.title}: no claimed count was given to us; our search found {item.in_search}"
    if item.corrected is not None:
        parts = [f"{item.corrected} decided as given by this practice"]
        parts += correction_parts(item)
        line += f": {'; '.join(parts)}"
    if item.searched_part is not None:
        line += (
            f" (searching only {days_words(item.searched_part)}, as its file states: "
            "vaccinations given on other days were not searched)"
        )
    return (
        line
        + gone_clause(item, besides=item.corrected is not None)
        + no_longer_found_clause(item)
        + kept_clause(item)
        + unplaced_clause(item)
    )


def _incomplete_line(item: ItemRow) -> str:
    """What is left to check of a claim, of the records found; and, as every other line
    with a figure of the search says, the rows not placed that may be its doses and are
    none of those records (decision 552)."""
    claimed = f"{item.claimed} claimed" if item.claimed is not None else "no claimed count"
    records = counted(item.in_search, "record")
    days = ""
    if item.searched_part is not None:
        days = (
            f" (our search covered only {days_words(item.searched_part)} of "
            f"{item.month_label}, as its file states)"
        )
    return (
        f"- {item.title}: {claimed}; {item.still_to_check} of {records} still to be checked{days}"
        f"{earlier_found_clauses(item, besides=False)}{unplaced_clause(item)}"
    )


def _not_checked_line(item: ItemRow) -> str:
    return (
        f"- {item.title}: {item.claimed} claimed; our search did not cover "
        f"{item.month_label}, so this email does not check this claim" + earlier_clause(item)
    )


def earlier_clause(item: ItemRow) -> str:
    """For a month this review does not search: that an earlier check decided some of its
    vaccinations (kept, not checked again here; decision 95)."""
    n = item.decided_earlier
    if not n:
        return ""
    again = "it is" if n == 1 else "they are"
    return f" (an earlier check decided {n} of its vaccinations; {again} not checked again here)"


def build_email(summary: ReportSummary, team_email: str) -> Email:
    """The answer for the team: which claims are right and which must change, each item
    in exactly one group, counts only."""
    label = summary.practice_label
    # "review", not "checked": the email may say that some claims are still being checked
    subject = f"CQRS vaccination claims review: {label}"
    groups: dict[str, list[str]] = {
        g: []
        for g in (
            CHECKED_AND_CORRECT,
            TO_BE_AMENDED,
            AGREES_WITH_SEARCH,
            NO_CLAIM_GIVEN,
            STILL_BEING_CHECKED,
            NOT_CHECKED,
        )
    }
    for item in summary.items:
        if not in_email(item):
            continue
        group = group_of(item)
        line = (
            _held_back_line(item)
            if amend_held_back(item)
            else {
                CHECKED_AND_CORRECT: _checked_line,
                TO_BE_AMENDED: _amend_line,
                AGREES_WITH_SEARCH: _agrees_line,
                NO_CLAIM_GIVEN: _no_claim_line,
                STILL_BEING_CHECKED: _incomplete_line,
                NOT_CHECKED: _not_checked_line,
            }[group](item)
        )
        groups[group].append(line)

    lines = [GREETING, ""]
    if any(groups.values()):
        lines.append(f"Here is our answer on the CQRS vaccination claims of {label}.")
    elif not summary.items:
        lines.append("No claims were found to check.")
    elif any(item.reasons or item.status is ItemStatus.AMEND for item in summary.items):
        lines.append(  # the only ones are approved in CQRS, and our check agrees (SPEC 5)
            "There is nothing to report: the claims in a month under review, or of "
            f"{summary.declaration_threshold} or more, are already approved in CQRS and our "
            "check agrees with them."
        )
    else:
        lines.append(
            "There is nothing to report: no claim is in a month under review, of "
            f"{summary.declaration_threshold} or more, "
            "or to be amended."
        )
    lines.append("")
    for heading, entries in groups.items():
        if entries:
            lines.append(heading)
            lines.extend(entries)
            lines.append("")
    if groups[TO_BE_AMENDED]:
        lines.extend(['Please amend the claims listed under "To be amended" as shown.', ""])
    lines.append("Kind regards,")
    lines.append("")
    if summary.reviewer and one_line(summary.reviewer):
        lines.append(one_line(summary.reviewer))
    lines.append(label)
    return Email(to=one_line(team_email), subject=subject, body="\n".join(lines) + "\n")


def email_text(message: Email) -> str:
    """`email.txt`: To and Subject lines, a blank line, then the body."""
    return f"To: {message.to}\nSubject: {message.subject}\n\n{message.body}"


def email_eml(
    message: Email, from_name: str | None = None, from_address: str | None = None
) -> bytes:
    """An RFC 5322 draft; `X-Unsent: 1` makes Outlook open it ready to send.

    Without a sender address no From header is written, so the mail program uses the
    account the user sends from.
    """
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["To"] = message.to
    msg["Subject"] = message.subject
    if from_address:
        msg["From"] = email.utils.formataddr((from_name or "", from_address))
    msg["Date"] = email.utils.formatdate(localtime=True)
    msg["X-Unsent"] = "1"
    msg.set_content(message.body, charset="utf-8")
    return msg.as_bytes()
