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
from cqrs_desktop.reports.summary import ItemRow, ReportSummary

GREETING = "Dear London Immunisation Team,"


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    body: str


def _breakdown(item: ItemRow) -> str:
    """'5 given by this practice, 2 by other providers' (only the non-zero parts)."""
    parts = [f"{item.corrected} given by this practice"]
    other = item.decided(Decision.OTHER_PROVIDER)
    not_eligible = item.decided(Decision.NOT_ELIGIBLE)
    not_given = item.decided(Decision.NOT_GIVEN)
    if other:
        parts.append(f"{other} by other providers" if other > 1 else "1 by another provider")
    if not_eligible:
        parts.append(f"{not_eligible} not eligible for the programme")
    if not_given:
        parts.append(f"{not_given} recorded in error (not given)")
    return ", ".join(parts)


def _validated_line(item: ItemRow) -> str:
    return f"- {item.title}: {item.claimed} claimed, validated as correct"


def _amend_line(item: ItemRow) -> str:
    return (
        f"- {item.title}: {item.claimed} claimed, to be amended from {item.claimed} to "
        f"{item.corrected} ({_breakdown(item)})"
    )


def _incomplete_line(item: ItemRow) -> str:
    claimed = f"{item.claimed} claimed" if item.claimed is not None else "no claimed count supplied"
    return (
        f"- {item.title}: {claimed}; {counted(item.still_to_check, 'record')} still to be checked"
    )


def _no_claim_line(item: ItemRow) -> str:
    return (
        f"- {item.title}: no claimed count was supplied; "
        f"{counted(item.in_search, 'vaccination')} found in the patient records, "
        f"{item.corrected} confirmed as given by this practice"
    )


def _not_checked_line(item: ItemRow) -> str:
    claimed = f"{item.claimed} claimed" if item.claimed is not None else "no claimed count"
    return f"- {item.title}: {claimed}; not yet checked against the patient records"


def _marking_sentence(summary: ReportSummary, finals: list[ItemRow]) -> str | None:
    elsewhere = sum(i.not_practice for i in finals)
    marked = sum(i.not_practice_marked for i in finals)
    if elsewhere == 0:
        return None
    if marked == elsewhere:
        return (
            "Vaccinations that are not the practice's to claim (given elsewhere, not eligible "
            "or recorded in error) have been marked in our clinical system (Non-GMS ticked or "
            "recoded as given by another healthcare provider) so they are no longer counted "
            "as the practice's."
        )
    return (
        f"{marked} of the {counted(elsewhere, 'vaccination')} that are not the practice's to "
        "claim (given elsewhere, not eligible or recorded in error) have been marked in our "
        "clinical system (Non-GMS ticked or recoded); the rest will be marked shortly."
    )


def build_email(summary: ReportSummary, team_email: str) -> Email:
    """The confirmation email for the team: which claims are right and which must change."""
    label = summary.practice_label
    subject = f"CQRS vaccination claims checked: {label}"
    by_status: dict[ItemStatus, list[ItemRow]] = {s: [] for s in ItemStatus}
    for item in summary.items:
        by_status[item.status].append(item)
    validated = by_status[ItemStatus.VALIDATED]
    amend = by_status[ItemStatus.AMEND]
    finals = validated + amend + by_status[ItemStatus.NO_CLAIM]

    lines = [GREETING, ""]
    lines.append(f"{label} has checked its CQRS vaccination claims against the patient records.")
    if finals:
        lines.append(
            "Each vaccination in the claims below was checked against the patient record to "
            "confirm whether it was given by this practice."
        )
    lines.append("")
    if validated:
        lines.append("Validated as correct:")
        lines.extend(_validated_line(i) for i in validated)
        lines.append("")
    if amend:
        lines.append("To be amended:")
        lines.extend(_amend_line(i) for i in amend)
        lines.append("")
    marking = _marking_sentence(summary, finals)
    if marking:
        lines.extend([marking, ""])
    if by_status[ItemStatus.NO_CLAIM]:
        lines.append("Found in our records with no claimed count supplied:")
        lines.extend(_no_claim_line(i) for i in by_status[ItemStatus.NO_CLAIM])
        lines.append("")
    if by_status[ItemStatus.INCOMPLETE]:
        lines.append("Still being checked (not yet validated; we will confirm these separately):")
        lines.extend(_incomplete_line(i) for i in by_status[ItemStatus.INCOMPLETE])
        lines.append("")
    if by_status[ItemStatus.NOT_CHECKED]:
        lines.append("Not checked (no search of the patient records was made for these):")
        lines.extend(_not_checked_line(i) for i in by_status[ItemStatus.NOT_CHECKED])
        lines.append("")
    if not summary.items:
        lines.extend(["No claims were found to check.", ""])
    if amend:
        lines.extend(["Please amend the claims above as shown.", ""])
    lines.append("Kind regards,")
    lines.append("")
    if summary.reviewer:
        lines.append(summary.reviewer)
    lines.append(label)
    return Email(to=team_email, subject=subject, body="\n".join(lines) + "\n")


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
