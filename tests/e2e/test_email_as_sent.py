"""The email and the notes as they leave the practice: the files the real writer puts in
the results folder, parsed back as a mail program reads them."""

from __future__ import annotations

import email
import email.policy
import json
import os
import sqlite3
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

from cqrs_desktop.domain.model import Practice
from cqrs_desktop.exporting import write_outputs
from tests.reports.reports_factory import (
    MIXED_CLAIMS,
    MIXED_PLAN,
    build_review,
    mixed_decider,
    search_rows,
)

REPO = Path(__file__).resolve().parents[2]
TEAM = "england.londonimms@nhs.net"
NAME = "St Mary’s & St Anne’s Surgery – Hove"
SUBJECT = f"CQRS vaccination claims review: {NAME} (Y99001)"


def _parsed(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def _check_draft(out: Path, reviewer: str) -> None:
    """email.eml is a draft any mail program reads as email.txt says it."""
    data = (out / "email.eml").read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n")
    assert all(len(line) <= 998 for line in data.split(b"\r\n"))
    message = _parsed(data)
    assert message["Subject"] == SUBJECT
    assert message["To"] == TEAM and message["To"].addresses[0].addr_spec == TEAM
    assert message["X-Unsent"] == "1"
    assert not message.defects and not message["Subject"].defects
    text = (out / "email.txt").read_text(encoding="utf-8").split("\n")
    assert text[:3] == [f"To: {TEAM}", f"Subject: {SUBJECT}", ""]
    body = message.get_content().replace("\r\n", "\n")
    assert "\n".join(text[3:]) == body
    assert body.endswith(f"\n{reviewer}\n{NAME} (Y99001)\n")
    notes = (out / "declaration_notes.txt").read_text(encoding="utf-8")
    assert notes.startswith(f"CQRS declaration notes: {NAME} (Y99001)\n")


def test_a_practice_name_with_a_line_break_still_makes_a_draft(tmp_path: Path) -> None:
    """Practice details saved by version 0.1.0 (before pasted line breaks and tabs were made
    spaces) may hold them, and so may its settings' team email: the draft failed with an
    internal fault (a header may not hold a line break) and email.txt's Subject ran onto a
    second line. The email and notes now say each as one line."""
    practice = Practice("Y99001", "St Mary’s & St Anne’s\r\nSurgery –\tHove", "Zoë\tO'Brien")
    rows = search_rows(list(MIXED_PLAN))
    review = build_review(rows, list(MIXED_CLAIMS), mixed_decider, practice=practice)
    write_outputs(review, tmp_path / "out", [], team_email=f" {TEAM}\n")
    _check_draft(tmp_path / "out", "Zoë O'Brien")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cqrs_desktop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def test_export_of_a_review_whose_practice_name_has_a_line_break(
    samples: Path, tmp_path: Path
) -> None:
    """`export` of a review file made by 0.1.0 with a line break in its practice name."""
    saved = tmp_path / "september.cqrsreview"
    made = _cli(
        "check", "--practice-ods", "Y99001", "--practice-name", NAME, "--reviewer", "Zoë",
        "--search", str(samples / "emis_pertussis_search.csv"),
        "--cqrs", str(samples / "cqrs_figures.csv"),
        "--save", str(saved), "--out", str(tmp_path / "first"),
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    with sqlite3.connect(saved) as db:  # as 0.1.0's practice details could save it
        practice = {"ods_code": "Y99001", "name": NAME.replace(" – ", "\n– "), "reviewer": "Zoë"}
        db.execute("UPDATE meta SET value = ? WHERE key = 'practice'", (json.dumps(practice),))
    db.close()
    result = _cli("export", str(saved), "--out", str(tmp_path / "again"))
    assert result.returncode == 0, result.stderr
    _check_draft(tmp_path / "again", "Zoë")
