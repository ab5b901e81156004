"""A review's inputs (practice, sources, rows, claims) and its events, to and from tables."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence

from cqrs_desktop.domain.model import (
    Claim,
    RowKind,
    SearchRow,
    SourceSummary,
    UnassignedRow,
    VaccinationEvent,
)
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.store.meta_table import practice_text, read_meta, read_practice, write_meta


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _searched(value: str | None) -> tuple[str | None, str | None]:
    """A source's `searched` column: its first and last day searched, where said."""
    if not value:
        return None, None
    first, last = json.loads(value)
    return first, last


def _span(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    first, last = json.loads(value)
    return (str(first), str(last))


def refresh_event_flags(db: sqlite3.Connection, events: Iterable[VaccinationEvent]) -> int:
    """Store the flags (and need for review) of the events whose flags changed, and the
    copy kept beside each of their decisions (inside a transaction): practice details
    changed, so the organisation check did. Returns how many changed."""
    stored = {r[0]: (r[1], r[2]) for r in db.execute("SELECT id, flags, needs_review FROM events")}
    changed: list[tuple[str, int, str]] = []
    for event in events:
        now = (" ".join(event.flags), int(event.needs_review))
        if event.id in stored and stored[event.id] != now:
            changed.append((*now, event.id))
    db.executemany("UPDATE events SET flags = ?, needs_review = ? WHERE id = ?", changed)
    db.executemany(
        "UPDATE decisions SET event_flags = ? WHERE event_id = ?",
        [(flags, event_id) for flags, _needs, event_id in changed],
    )
    return len(changed)


PRACTICES_NAMED = "practices_named"  # meta: {position: [[code or name, line], ...]}


def _practices_named_text(sources: Sequence[SourceSummary]) -> str:
    return json.dumps(
        {
            str(i): [list(n) for n in s.practices_named]
            for i, s in enumerate(sources)
            if s.practices_named
        }
    )


def write_inputs(db: sqlite3.Connection, review: Review) -> None:
    """Replace the stored inputs and events with `review`'s (inside a transaction)."""
    inputs = review.inputs
    for table in ("sources", "search_rows", "unassigned_rows", "claims", "events"):
        db.execute(f"DELETE FROM {table}")
    write_meta(db, "practice", practice_text(inputs.practice))
    db.executemany(
        "INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (
                i,
                s.kind,
                s.file,
                s.sha256,
                s.rows_read,
                s.events,
                s.markers,
                s.skipped,
                json.dumps(list(s.warnings)),
                s.programme,
                json.dumps([list(m) for m in s.mapping]),
                json.dumps(list(s.span)) if s.span else None,
                json.dumps([s.searched_from, s.searched_to])
                if s.searched_from or s.searched_to
                else None,
            )
            for i, s in enumerate(inputs.sources)
        ],
    )
    # What the lines above each search's header name the practice by (decision 296), by the
    # search's place in the list: in the meta table, so the file's format is unchanged and
    # an older version still opens it (and keeps each warning as it was).
    write_meta(db, PRACTICES_NAMED, _practices_named_text(inputs.sources))
    db.executemany(
        "INSERT INTO search_rows VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            (
                i,
                r.source,
                r.row,
                r.programme,
                r.kind.value,
                r.date.isoformat(),
                r.nhs_number,
                r.surname,
                r.forenames,
                _iso(r.date_of_birth),
                r.age,
                r.sex,
                r.code,
                r.term,
                r.organisation,
                int(r.has_organisation_column),
                int(r.non_gms),
                _iso(r.edd),
            )
            for i, r in enumerate(inputs.rows)
        ),
    )
    db.executemany(
        "INSERT INTO unassigned_rows VALUES (?,?,?,?,?,?,?,?)",
        [
            (i, u.source, u.row, u.reason, u.programme, u.month, int(u.countable), u.patient)
            for i, u in enumerate(inputs.unassigned)
        ],
    )
    write_claims(db, inputs.claims)
    db.executemany(
        "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?)",
        (
            (
                e.id,
                e.programme,
                e.month,
                e.date.isoformat(),
                e.nhs_number,
                " ".join(e.flags),
                int(e.needs_review),
                e.source,
                e.row,
            )
            for e in review.events
        ),
    )


def inputs_summary(review: Review) -> str:
    """What `write_inputs` wrote, in short, for the audit log."""
    inputs = review.inputs
    return json.dumps(
        {
            "sources": [s.file for s in inputs.sources],
            "events": len(review.events),
            "claims": len(inputs.claims),
        }
    )


def write_claims(db: sqlite3.Connection, claims: Iterable[Claim]) -> None:
    """Add `claims` in order (the caller empties the table first)."""
    db.executemany(
        "INSERT INTO claims VALUES (?,?,?,?,?,?,?)",
        [
            (i, c.programme, c.month, c.count, c.source, c.cqrs_status, c.cqrs_note)
            for i, c in enumerate(claims)
        ],
    )


def read_claim_counts(db: sqlite3.Connection) -> list[list[object]]:
    """Each claim's programme, month and count, as the audit log shows them."""
    return [
        list(r) for r in db.execute("SELECT programme, month, count FROM claims ORDER BY position")
    ]


def read_inputs(db: sqlite3.Connection) -> ReviewInputs:
    """The inputs as `write_inputs` stored them (the events are rebuilt from these)."""
    sources = tuple(
        SourceSummary(
            file=r[2],
            sha256=r[3],
            rows_read=r[4],
            events=r[5],
            markers=r[6],
            skipped=r[7],
            warnings=tuple(json.loads(r[8])),
            kind=r[1],
            programme=r[9],
            mapping=tuple(tuple(m) for m in json.loads(r[10])),
            span=_span(r[11]),
            searched_from=searched[0],
            searched_to=searched[1],
            practices_named=tuple((n[0], n[1]) for n in named.get(str(r[0]), ())),
        )
        for named in (json.loads(read_meta(db, PRACTICES_NAMED) or "{}"),)
        for r in db.execute("SELECT * FROM sources ORDER BY position")
        for searched in (_searched(r[12]),)
    )
    kinds = {kind.value: kind for kind in RowKind}
    rows = tuple(
        SearchRow(
            source=r[1],
            row=r[2],
            programme=r[3],
            kind=kinds[r[4]],
            date=dt.date.fromisoformat(r[5]),
            nhs_number=r[6],
            surname=r[7],
            forenames=r[8],
            date_of_birth=_date(r[9]),
            age=r[10],
            sex=r[11],
            code=r[12],
            term=r[13],
            organisation=r[14],
            has_organisation_column=bool(r[15]),
            non_gms=bool(r[16]),
            edd=_date(r[17]),
        )
        for r in db.execute("SELECT * FROM search_rows ORDER BY position")
    )
    unassigned = tuple(
        UnassignedRow(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6])
        for r in db.execute(
            "SELECT source, row, reason, programme, month, countable, patient FROM unassigned_rows "
            "ORDER BY position"
        )
    )
    claims = tuple(
        Claim(*r)
        for r in db.execute(
            "SELECT programme, month, count, source, cqrs_status, cqrs_note FROM claims "
            "ORDER BY position"
        )
    )
    return ReviewInputs(read_practice(db), sources, rows, unassigned, claims)
