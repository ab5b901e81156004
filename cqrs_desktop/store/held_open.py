"""Vaccinations earlier reviews decided differently, kept for later reviews where no search
of the review covered them (decision 154), in the `held_decisions` table: a row for each
decision, its decision written "open:DECISION" (which no version's carry takes as a
decision to carry), the review it was read from in `evidence` and that review's SHA-256 in
`event_flags`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from cqrs_desktop.domain.earlier import EarlierDecision, EarlierRow
from cqrs_desktop.domain.model import Decision

OPEN = "open:"

_HELD_OPEN = """
SELECT vaccination_key, decision, action_done, note, reviewer, decided_at, decided_in,
       evidence, event_flags
FROM held_decisions
WHERE decision LIKE 'open:%'
ORDER BY position
"""


def held_open_rows(held: Iterable[tuple[str, tuple[EarlierDecision, ...]]]) -> list[EarlierRow]:
    """Each decision of each vaccination, as a row of `held_decisions`."""
    return [
        (
            key,
            f"{OPEN}{d.decision.value}",
            int(d.action_done),
            d.note,
            d.reviewer,
            d.decided_at,
            d.decided_in,
            None,
            None,
            d.review,
            d.review_sha256,
            None,
        )
        for key, decisions in held
        for d in decisions
    ]


def held_open_of(db: sqlite3.Connection) -> dict[str, tuple[EarlierDecision, ...]]:
    """The vaccinations a review kept so, each with its decisions, by vaccination key."""
    found: dict[str, list[EarlierDecision]] = {}
    for key, decision, done, note, reviewer, at, decided_in, review, sha in db.execute(_HELD_OPEN):
        found.setdefault(key, []).append(
            EarlierDecision(
                review,
                sha,
                decided_in or review,
                Decision(decision[len(OPEN) :]),
                bool(done),
                note or "",
                reviewer,
                at,
            )
        )
    return {key: tuple(decisions) for key, decisions in found.items()}
