"""Reading an earlier review's decisions, to carry them into a new review.

The earlier file is only read: opened read-only for the moment it takes, never changed,
never migrated, and never locked beyond that read. Files of every schema version are read.
A review can hold 200,000 decisions, so they are read as plain rows keyed by vaccination
(`vaccination_keys.vaccination_key`): from schema 4 one scan of the decisions table, which keeps
each decision's key beside it; before, a join with the events.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
import sqlite3
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path, PurePath
from urllib.parse import quote

from cqrs_desktop.domain.earlier import (
    FINAL_VALUES,
    EarlierDecision,
    EarlierReview,
    EarlierRow,
    entries_of_one_review,
)
from cqrs_desktop.domain.export_check import search_shows
from cqrs_desktop.domain.flags import INVALID_NHS_NUMBER
from cqrs_desktop.domain.model import Decision
from cqrs_desktop.domain.vaccination_keys import aliases_of, patient_text, vaccination_key
from cqrs_desktop.errors import OperationCancelled, UserError
from cqrs_desktop.store.held_open import held_open_of
from cqrs_desktop.store.schema import APPLICATION_ID, SCHEMA_VERSION


class EarlierReviewError(UserError):
    """An earlier review cannot be read; the message is for the user."""


def read_only_uri(path: PurePath) -> str:
    r"""SQLite's read-only URI of the file at `path`, wherever Windows keeps it: C:\a, a
    network share (\\server\share\a, which `resolve()` makes of a mapped drive's S:\a) and
    a long path's \\?\C:\a. `Path.as_uri()` puts the server (or "?") where SQLite takes
    only an empty authority, and refuses the file (decision 243)."""
    text = (path if path.is_absolute() else Path(path).absolute()).as_posix()
    # C:/a -> /C:/a; //server/share/a stays: after "file://", an empty authority
    text = text if text.startswith("/") else f"/{text}"
    return f"file://{quote(text, safe='/:')}?mode=ro"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# One join, the key built by SQLite as `vaccination_key(programme, date,
# patient_text(nhs))` makes it, each row already in `EarlierRow`'s order (the search file
# by name: `EarlierReview.source_sha256` has its SHA-256).
_DECIDED = """
SELECT e.programme || '|' || e.date || '|nhs:' || e.nhs_number, d.decision, d.action_done,
       d.note, d.reviewer, d.decided_at, {extra}, e.flags, e.source
FROM decisions d
JOIN events e ON e.id = d.event_id
WHERE d.decision IN {final}
"""
# Schema 4 keeps each decision's vaccination key, flags and file beside it: one table scan.
_KEPT = """
SELECT vaccination_key, decision, action_done, note, reviewer, decided_at, carried_from,
       action_evidence, export_check, evidence, event_flags, event_source
FROM decisions
WHERE vaccination_key IS NOT NULL AND decision IN {final}
"""
_V3_EXTRA = "d.carried_from, d.action_evidence, d.export_check, d.evidence"
_V1_EXTRA = "NULL, CASE WHEN d.action_done THEN 'reviewer' END, NULL, ''"
# Events with no valid NHS number: the patient is the number as found, or surname and
# date of birth, from the stored row.
_UNNUMBERED = """
SELECT e.programme, e.date, r.nhs_number, r.surname, r.date_of_birth, d.decision,
       d.action_done, d.note, d.reviewer, d.decided_at, {extra}, e.flags, e.source
FROM events e
CROSS JOIN decisions d ON d.event_id = e.id
JOIN search_rows r ON r.source = e.source AND r.row = e.row AND r.programme = e.programme
 AND r.date = e.date AND r.kind = 'event'
WHERE e.nhs_number IS NULL AND d.decision IN {final}
"""


# Doses its search no longer held (schema 4): carried again as decisions, so they are gone
# again from a search that still lacks them, or find their vaccination should it be back.
_GONE = """
SELECT vaccination_key, decision, action_done, note, reviewer, decided_at,
       NULLIF(decided_in, ''), 'export', 'gone', evidence, '', NULL
FROM gone_doses
WHERE decision IN {final}
"""

# Earlier decisions it kept for months its searches did not cover (schema 5), as they were.
_HELD = """
SELECT vaccination_key, decision, action_done, note, reviewer, decided_at, decided_in,
       action_evidence, export_check, evidence, event_flags, event_source
FROM held_decisions
WHERE decision IN {final}
"""

# The marks of unsure of earlier reviews it kept for months its searches did not cover.
_HELD_UNSURE = """
SELECT vaccination_key, decision, action_done, note, reviewer, decided_at, decided_in,
       action_evidence, export_check, evidence, event_flags, event_source
FROM held_decisions
WHERE decision = 'unsure'
"""

# The vaccinations it marked unsure (schema 4 keeps each decision's key): not carried, said.
_UNSURE = """
SELECT vaccination_key, decision, action_done, note, reviewer, decided_at, carried_from,
       action_evidence, export_check, evidence, event_flags, event_source
FROM decisions WHERE decision = 'unsure'
"""
# ... before schema 4, by the join as `_DECIDED` makes it; without an NHS number, as
# `_UNNUMBERED` (each with the columns of its schema: `{extra}`)
_JOINED_UNSURE = _DECIDED.replace("IN {final}", "= 'unsure'")
_UNNUMBERED_UNSURE = _UNNUMBERED.replace("IN {final}", "= 'unsure'")

# Only final decisions are carried ("unsure" is not a decision to carry).
_FINAL_SQL = "(" + ", ".join(f"'{value}'" for value in sorted(FINAL_VALUES)) + ")"
_DECIDED, _KEPT, _UNNUMBERED, _GONE, _HELD = (
    query.replace("{final}", _FINAL_SQL) for query in (_DECIDED, _KEPT, _UNNUMBERED, _GONE, _HELD)
)


_SQLITE = b"SQLite format 3\x00"


def _other_kind(path: Path) -> str | None:
    """What a file given as an earlier review is instead, where it is plainly no database:
    a table of data (a search export, figures or decisions) or a workbook; None otherwise."""
    try:
        with path.open("rb") as file:
            start = file.read(len(_SQLITE))
    except OSError:
        return None
    if start == _SQLITE or not start:
        return None
    what = "an Excel workbook" if start.startswith((b"PK", b"\xd0\xcf\x11\xe0")) else "a text file"
    return (
        f"this is {what}, not a CQRS Desktop review (a .cqrsreview file): a search export "
        "or CQRS figures are imported as files of the new review, not brought as an earlier "
        "review"
    )


def read_earlier_review(path: Path, unnumbered: Collection[str] = ()) -> EarlierReview:
    """The decisions of the review at `path`, by vaccination (its SHA-256 worked out
    alongside, in a thread: hashing lets go of Python's lock). `unnumbered`: the keys
    (by surname and date of birth) of the new review's events with no NHS number, to look
    for among the earlier review's patients who had one (`EarlierReview.aliases`)."""
    path = Path(path)
    name = path.name
    if not path.exists():
        raise EarlierReviewError(
            f"{name}: the earlier review is no longer there (moved or deleted)"
        )
    uri = read_only_uri(path)
    with ThreadPoolExecutor(max_workers=2) as pool:
        digest = pool.submit(_sha256, path)
        whole = pool.submit(_whole, uri)  # SQLite lets go of Python's lock as it checks
        try:
            db = sqlite3.connect(uri, uri=True, timeout=0.5)
        except (OSError, sqlite3.Error) as exc:
            raise _unreadable(name, exc) from None
        try:
            found = _read(db, name)
            if unnumbered:
                found = dataclasses.replace(found, aliases=_aliases(db, unnumbered))
            if whole.result() is False:  # refused as opening it would refuse it
                raise EarlierReviewError(f"{name}: {_DAMAGED}")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise EarlierReviewError(
                    f"{name}: the earlier review is open in CQRS Desktop; close it there first"
                ) from None
            if _left_part_saved(path):  # only read here: the journal is not played back
                raise EarlierReviewError(
                    f"{name}: the earlier review was left part-saved (the app stopped while "
                    "saving a change); open it once in CQRS Desktop, which finishes it, then "
                    "bring its decisions"
                ) from None
            said = _DAMAGED if whole.result() is False else "the earlier review is damaged"
            raise EarlierReviewError(f"{name}: {said}") from None
        except (sqlite3.DatabaseError, ValueError, KeyError, TypeError):
            said = _DAMAGED if whole.result() is False else "not a CQRS Desktop review, or damaged"
            raise EarlierReviewError(f"{name}: {_other_kind(path) or said}") from None
        finally:
            db.close()
        try:
            sha = digest.result()
        except OSError as exc:
            raise _unreadable(name, exc) from None
    return dataclasses.replace(found, sha256=sha, searched=functools.partial(_searched, path))


# The vaccinations of one programme and month its search held, decided or not: by NHS
# number, or (none valid) by the patient of the stored row, as `_UNNUMBERED` keys them.
_SEARCHED = """
SELECT date, nhs_number FROM events
WHERE programme = ? AND substr(date, 1, 7) = ? AND nhs_number IS NOT NULL
"""
_SEARCHED_UNNUMBERED = """
SELECT e.date, r.nhs_number, r.surname, r.date_of_birth
FROM events e
JOIN search_rows r ON r.source = e.source AND r.row = e.row AND r.programme = e.programme
 AND r.date = e.date AND r.kind = 'event'
WHERE e.programme = ? AND substr(e.date, 1, 7) = ? AND e.nhs_number IS NULL
"""


def _searched(path: Path, programme: str, month: str) -> frozenset[str]:
    """`EarlierReview.searched`, read from the file again (only asked for a dose no longer
    found on a day the new search may not have looked at: a moment's read-only look). A
    file that cannot be read now gives none, so such a dose proves nothing."""
    try:
        db = sqlite3.connect(read_only_uri(path), uri=True, timeout=0.5)
        try:
            rows = db.execute(_SEARCHED, (programme, month)).fetchall()
            named = db.execute(_SEARCHED_UNNUMBERED, (programme, month)).fetchall()
        finally:
            db.close()
    except (OSError, sqlite3.Error):
        return frozenset()
    keys = {vaccination_key(programme, day, f"nhs:{nhs}") for day, nhs in rows}
    for day, nhs, surname, born in named:
        if (patient := patient_text(nhs, surname, born)) is not None:
            keys.add(vaccination_key(programme, day, patient))
    return frozenset(keys)


def _left_part_saved(path: Path) -> bool:
    """A rollback journal with something in it beside the file: a change cut short."""
    journal = path.with_name(path.name + "-journal")
    try:
        return journal.stat().st_size > 0
    except OSError:
        return False


# What a damaged file says: pages that do not hold together, or a decision that is none
_DAMAGED = (
    "the earlier review is damaged (its contents do not hold together); open a copy saved earlier"
)
_NOT_A_DECISION = (
    "SELECT 1 FROM decisions WHERE decision IS NOT NULL AND decision NOT IN ("
    + ", ".join(f"'{d.value}'" for d in Decision)
    + ") LIMIT 1"
)


def _whole(uri: str) -> bool | None:
    """Whether a review file holds together, as opening it checks (SQLite's quick check:
    about 0.15 s for 100 MB, on its own connection beside the read) and holds only
    decisions that are decisions; None where that cannot be told (not a review file, open
    in the app, not readable at all: the read says which)."""
    try:
        db = sqlite3.connect(uri, uri=True, timeout=0.5)
    except (OSError, sqlite3.Error):
        return None
    try:
        return _holds_together(db)
    finally:
        db.close()


def _holds_together(db: sqlite3.Connection) -> bool | None:
    try:
        if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return None
    except sqlite3.Error:  # not a database at all, or not to be opened now: the read says
        return None
    try:
        if [r[0] for r in db.execute("PRAGMA quick_check(5)")] != ["ok"]:
            return False
        return db.execute(_NOT_A_DECISION).fetchone() is None
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc) or "unable to open" in str(exc):
            return None
        return False
    except sqlite3.DatabaseError:  # a page SQLite cannot read at all
        return False


def _unreadable(name: str, exc: OSError | sqlite3.Error) -> EarlierReviewError:
    reason = getattr(exc, "strerror", None) or "it cannot be opened"
    return EarlierReviewError(f"{name}: the earlier review cannot be read ({reason})")


def _read(db: sqlite3.Connection, name: str) -> EarlierReview:
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise EarlierReviewError(f"{name}: this is not a CQRS Desktop review file")
    if version > SCHEMA_VERSION:
        raise EarlierReviewError(f"{name}: made by a newer version of CQRS Desktop")
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    created = meta.get("created_at")
    practice = json.loads(meta.get("practice") or "{}")
    sources, shows = {}, {}
    for file, sha256, mapping in db.execute(
        "SELECT file, sha256, mapping FROM sources WHERE kind = 'search'"
    ):
        sources[file] = sha256
        shows[file] = search_shows(_roles(mapping))
    extra = _V3_EXTRA if version >= 3 else _V1_EXTRA
    query = _KEPT if version >= 4 else _DECIDED.format(extra=extra)
    found: list[EarlierRow] = db.execute(query).fetchall()
    numbered = found if version >= 4 else [r for r in found if r[0] is not None]
    named = False  # any patient keyed by name (no NHS number)
    no_patient = 0  # decisions of rows with no NHS number, surname or date of birth
    for r in db.execute(_UNNUMBERED.format(extra=extra)):
        patient = patient_text(r[2], r[3], r[4])
        if patient is not None:
            numbered.append((vaccination_key(r[0], r[1], patient), *r[5:]))
            named = named or patient.startswith("name:")
        else:
            no_patient += 1
    rows = dict(zip(map(itemgetter(0), numbered), numbered, strict=True))
    twice: dict[str, tuple[EarlierRow, ...]] = {}
    if len(rows) != len(numbered):  # a key held twice (a duplicate entry): ambiguous
        held = {r[0] for r in numbered if rows.get(r[0], r) is not r}
        for r in numbered:
            if r[0] in held:
                twice[r[0]] = (*twice.get(r[0], ()), r)
        for key in held:
            del rows[key]
    unsure: dict[str, EarlierRow] = {}  # with who marked it, when, and the note
    marked = _UNSURE if version >= 4 else _JOINED_UNSURE.format(extra=extra)
    unsure.update((r[0], r) for r in db.execute(marked) if r[0])
    for r in db.execute(_UNNUMBERED_UNSURE.format(extra=extra)):  # by the stored row
        if (patient := patient_text(r[2], r[3], r[4])) is not None:
            key = vaccination_key(r[0], r[1], patient)
            unsure[key] = (key, *r[5:])
    # Of a duplicate entry, an entry decided and another marked unsure: which entry an
    # event here is cannot be told, nor the doubt set aside, so nothing is carried; each
    # entry is shown (decision 113)
    for key in [key for key in unsure if key in rows or key in twice]:
        twice[key] = (*(twice.get(key) or (rows.pop(key),)), unsure[key])
    if version >= 4:
        for row in db.execute(_GONE):
            rows.setdefault(row[0], row)
            named = named or "|name:" in row[0]
    if version >= 5:
        for row in db.execute(_HELD):
            rows.setdefault(row[0], row)
            named = named or "|name:" in row[0]
        for row in db.execute(_HELD_UNSURE):  # marks of unsure it kept for later reviews
            if row[0] not in rows and row[0] not in twice:
                unsure.setdefault(row[0], row)
    return EarlierReview(
        file=name,
        sha256="",
        ods_code=practice.get("ods_code"),
        created_at=created,
        rows=rows,
        source_sha256=sources,
        named=named,
        unsure=frozenset(unsure),
        unsure_rows=unsure,
        twice=twice,
        source_shows=shows,
        known_as=_known_as(db, meta.get("review_id") or f"created {created}"),
        knew=_ids(meta.get("carried_reviews")),
        # (and those it kept for later reviews, decision 154: what it showed wins)
        left_open={**(held_open_of(db) if version >= 5 else {}), **_left_open(db)}
        if version >= 3
        else {},
        mistyped=_mistyped(db),
        no_patient=no_patient,
    )


# The events of the programmes and days that have a patient whose NHS number failed its
# check, with the patient's number, whether it failed, surname and date of birth.
_ON_MISTYPED_DAYS = f"""
SELECT e.programme, e.date, e.nhs_number,
       ' ' || e.flags || ' ' LIKE '% {INVALID_NHS_NUMBER} %', r.nhs_number, r.surname,
       r.date_of_birth
FROM events e
LEFT JOIN search_rows r ON r.source = e.source AND r.row = e.row AND r.programme = e.programme
 AND r.date = e.date AND r.kind = 'event'
WHERE (e.programme, e.date) IN (
    SELECT programme, date FROM events
    WHERE nhs_number IS NOT NULL AND ' ' || flags || ' ' LIKE '% {INVALID_NHS_NUMBER} %'
)
"""


def _mistyped(db: sqlite3.Connection) -> dict[str, str]:
    """`EarlierReview.mistyped`: by surname and date of birth (`name_key`), the key of the
    one patient of that name whose NHS number failed its check; "" where the review held
    another patient of that name on that day."""
    patients: dict[str, set[str | None]] = {}
    keys: dict[str, str] = {}
    for programme, date, nhs, failed, as_found, surname, born in db.execute(_ON_MISTYPED_DAYS):
        name = patient_text(None, surname, born)
        if name is None:
            continue
        by_name = vaccination_key(programme, date, name)
        patients.setdefault(by_name, set()).add(
            f"nhs:{nhs}" if nhs else patient_text(as_found, surname, born)
        )
        if nhs and failed:
            keys[by_name] = vaccination_key(programme, date, f"nhs:{nhs}")
    return {name: key if len(patients[name]) == 1 else "" for name, key in keys.items()}


# The vaccinations a review left undecided with the decisions of the earlier reviews it
# took in shown on their cards (`earlier_decisions`): by key, as `_DECIDED` and
# `_UNNUMBERED` make it, each decision shown in its order.
_LEFT_OPEN = """
SELECT x.event_id, e.programme, e.date, e.nhs_number IS NOT NULL, e.nhs_number, r.nhs_number,
       r.surname, r.date_of_birth, x.review, x.review_sha256, x.decided_in, x.decision,
       x.action_done, x.note, x.reviewer, x.decided_at
FROM earlier_decisions x
JOIN events e ON e.id = x.event_id
LEFT JOIN decisions d ON d.event_id = x.event_id
LEFT JOIN search_rows r ON r.source = e.source AND r.row = e.row AND r.programme = e.programme
 AND r.date = e.date AND r.kind = 'event'
WHERE x.carried = 0 AND d.decision IS NULL
ORDER BY x.position
"""


def _left_open(db: sqlite3.Connection) -> dict[str, tuple[EarlierDecision, ...]]:
    # by key, then by event: a duplicate entry this review's search held twice shows the
    # same earlier entries on each of its events, which are those entries once
    found: dict[str, dict[str, list[EarlierDecision]]] = {}
    rows = db.execute(_LEFT_OPEN)
    for event_id, programme, date, numbered, nhs, as_found, surname, born, *shown in rows:
        patient = f"nhs:{nhs}" if numbered else patient_text(as_found, surname, born)
        if patient is None:
            continue
        review, sha, decided_in, decision, done, note, reviewer, at = shown
        events = found.setdefault(vaccination_key(programme, date, patient), {})
        events.setdefault(event_id, []).append(
            EarlierDecision(
                review, sha, decided_in, Decision(decision), bool(done), note, reviewer, at
            )
        )
    kept: dict[str, tuple[EarlierDecision, ...]] = {}
    for key, events in found.items():
        each = list(events.values())
        decisions = tuple(each[0]) if all(e == each[0] for e in each) else sum(map(tuple, each), ())
        # of those, the ones earlier reviews decided differently (decision 134), those
        # showing one entry (a "given here" set aside, a mark of unsure), which the carry
        # reads as that entry (decision 140), and the entries of a duplicate an earlier
        # search held, decided alike or not, which the carry reads as held twice (150)
        if (
            len(decisions) == 1
            or len({d.decision for d in decisions}) > 1
            or entries_of_one_review(decisions)
        ):
            kept[key] = decisions
    return kept


def _known_as(db: sqlite3.Connection, review_id: str) -> str:
    """The review as it stands: its id (a file made before reviews had one: when it was
    made) with its latest audit entry's number and a digest of it. Every change adds an
    entry; a copy changed apart from the original has another entry at that number."""
    latest = db.execute(f"{_ENTRY} ORDER BY id DESC LIMIT 1").fetchone()
    return _token(review_id, latest)


_ENTRY = "SELECT id, at, event_id, what, new FROM audit_log"


def _token(review_id: str, entry: tuple[object, ...] | None) -> str:
    number = entry[0] if entry else 0
    digest = hashlib.sha256(json.dumps(entry).encode("utf-8")).hexdigest()[:16]
    return f"{review_id}@{number}:{digest}"


# The vaccinations whose decision an entry after a given one changed; NULL where that
# cannot be told (a patient without an NHS number, an event gone, the search imported
# again, decisions carried in): then any may have changed. An entry that kept the decision
# (a note written, the tick changed) changed nothing another review knew of it.
_CHANGED_AFTER = """
SELECT DISTINCT CASE WHEN e.nhs_number IS NULL THEN NULL
       ELSE e.programme || '|' || e.date || '|nhs:' || e.nhs_number END
FROM audit_log a LEFT JOIN events e ON e.id = a.event_id
WHERE a.id > ? AND CASE
    WHEN a.event_id IS NULL THEN a.what NOT IN ('claims', 'practice', 'rules')
    WHEN json_valid(a.old) AND json_valid(a.new)
        THEN json_extract(a.old, '$.decision') IS NOT json_extract(a.new, '$.decision')
    ELSE 1 END
"""


def changed_since(path: Path, taken_in: Collection[str]) -> dict[str, frozenset[str]]:
    """For each of `taken_in` (this review as other reviews took it in: `known_as` then),
    the vaccination keys whose decision this review has changed since ("*": any may
    have). One of another line (a copy changed apart from it before) is left out, as is
    everything where the file cannot be read: nothing is taken as known (decision 104)."""
    found: dict[str, frozenset[str]] = {}
    try:
        db = sqlite3.connect(read_only_uri(Path(path)), uri=True, timeout=0.5)
    except (OSError, sqlite3.Error):
        return found
    try:
        for token in taken_in:
            review_id, _, rest = token.rpartition("@")
            number = int(rest.partition(":")[0])
            entry = db.execute(f"{_ENTRY} WHERE id = ?", (number,)).fetchone()
            if _token(review_id, entry) == token:
                changed = db.execute(_CHANGED_AFTER, (number,)).fetchall()
                found[token] = frozenset(key or "*" for (key,) in changed)
    except (sqlite3.Error, ValueError):
        return {}
    finally:
        db.close()
    return found


def _ids(text: str | None) -> frozenset[str]:
    """The reviews a review took in (`carried_reviews`: a JSON list); none where it
    cannot be read."""
    try:
        found = json.loads(text or "[]")
    except ValueError:
        return frozenset()
    return frozenset(str(i) for i in found) if isinstance(found, list) else frozenset()


def _roles(mapping: str) -> list[str]:
    """The column roles of a search file's stored mapping ([[header, role], ...]); none
    where it cannot be read."""
    try:
        return [str(pair[1]) for pair in json.loads(mapping)]
    except (ValueError, TypeError, IndexError, KeyError):
        return []


# The events on the days asked for, with the patient's NHS number as found, surname and
# date of birth from the stored row.
_EVENTS_ON = """
SELECT e.programme, e.date, r.nhs_number, r.surname, r.date_of_birth
FROM events e
JOIN search_rows r ON r.source = e.source AND r.row = e.row AND r.programme = e.programme
 AND r.date = e.date AND r.kind = 'event'
WHERE e.date IN ({days})
"""


def _aliases(db: sqlite3.Connection, unnumbered: Collection[str]) -> dict[str, str]:
    """`EarlierReview.aliases` for the keys in `unnumbered` (programme|date|name:...): who
    the review held of each name, among its events of that programme and day."""
    days = sorted({key.split("|", 2)[1] for key in unnumbered})
    patients: list[tuple[str, str]] = []
    for start in range(0, len(days), 500):  # SQLite takes at most 999 values at once
        part = days[start : start + 500]
        query = _EVENTS_ON.format(days=", ".join("?" * len(part)))
        for programme, date, nhs, surname, born in db.execute(query, part):
            by_name = patient_text(None, surname, born)
            name = "" if by_name is None else vaccination_key(programme, date, by_name)
            if name in unnumbered and (patient := patient_text(nhs, surname, born)):
                patients.append((name, vaccination_key(programme, date, patient)))
    return aliases_of(patients)


@dataclass(frozen=True)
class ReviewAbout:
    """What a review file says about itself, for listing it (read in milliseconds): its
    practice, when it was made and the first and last month of its vaccinations, claims and
    the earlier decisions it keeps (`months`: none where it holds none); `problem` when it
    cannot be read just now."""

    path: Path
    ods_code: str | None
    practice_name: str | None
    created_at: str | None
    problem: str | None = None
    months: tuple[str, str] | None = None
    decided: int | None = None  # its decisions to bring (not "unsure"); None: not read


# The first and last month a review's vaccinations, claims and kept decisions are of (a
# scan of 200,000 events takes some 20 ms).
_MONTHS = (
    "SELECT MIN(month), MAX(month) FROM (SELECT month FROM events UNION ALL "
    "SELECT month FROM claims{held})"
)
# ... and of the earlier decisions it keeps for months its searches did not cover (schema 5)
_HELD_MONTHS = (
    " UNION ALL SELECT substr(vaccination_key, instr(vaccination_key, '|') + 1, 7) "
    "FROM held_decisions"
)
_TWO_MONTHS = re.compile(r"\d{4}-(0[1-9]|1[0-2]) \d{4}-(0[1-9]|1[0-2])")  # as read, checked


# How many decisions a review holds to bring (a count of 200,000: some 10 ms)
_HOW_MANY_DECIDED = f"SELECT COUNT(*) FROM decisions WHERE decision IN {_FINAL_SQL}"

# Why a review cannot be listed as one to start from or bring decisions from
OPEN_ELSEWHERE = "open in CQRS Desktop"
PART_SAVED = (
    "left part-saved (the app stopped while saving a change): open it once in CQRS Desktop, "
    "which finishes it"
)
GONE = "not found (moved or deleted, or on a drive not connected now)"
NEWER = "made by a newer version of CQRS Desktop"


# SQLite asks whether to stop every so many of its steps (some milliseconds)
_STEPS_BETWEEN_ASKS = 20_000


def about_review(path: Path, cancelled: Callable[[], bool] | None = None) -> ReviewAbout:
    """The practice and creation time of the review at `path`, from its meta table, read-only
    and never waiting: a review open in CQRS Desktop (locked) says so. A review that does not
    hold together (SQLite's quick check, as opening it does: milliseconds for a practice's
    review) is called damaged here, not at Import; one left part-saved says what finishes it.
    `cancelled` (a Cancel pressed) stops the read, the quick check of a large review or
    one on a slow drive included, with `OperationCancelled`."""
    path = Path(path)
    if not path.exists():
        return ReviewAbout(path, None, None, None, GONE)
    try:
        db = sqlite3.connect(read_only_uri(path), uri=True, timeout=0.1)
    except (OSError, sqlite3.Error):
        return ReviewAbout(path, None, None, None, "it cannot be opened")
    if cancelled is not None:
        db.set_progress_handler(lambda: 1 if cancelled() else 0, _STEPS_BETWEEN_ASKS)
    try:
        about = _about(path, db)
    finally:
        db.close()
    if cancelled is not None and cancelled():  # (a read interrupted reads as damage)
        raise OperationCancelled()
    return about


def _about(path: Path, db: sqlite3.Connection) -> ReviewAbout:
    ours = False  # known to be a review file: then what goes wrong is damage
    try:
        if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return ReviewAbout(path, None, None, None, "not a CQRS Desktop review")
        ours = True
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:  # its tables are not known here: said, not "damaged"
            return _made_by_newer(path, db)
        if _holds_together(db) is False:
            return ReviewAbout(path, None, None, None, "damaged")
        meta = dict(db.execute(_PRACTICE_AND_MADE))
        practice = json.loads(meta.get("practice") or "{}")
        if not isinstance(practice, dict):
            practice = {}
        months = _MONTHS.format(held=_HELD_MONTHS if version >= 5 else "")
        first, last = db.execute(months).fetchone()
        (decided,) = db.execute(_HOW_MANY_DECIDED).fetchone()
        return ReviewAbout(
            path,
            str(practice.get("ods_code") or "") or None,
            str(practice.get("name") or "") or None,
            meta.get("created_at"),
            months=(first, last) if _TWO_MONTHS.fullmatch(f"{first} {last}") else None,
            decided=int(decided),
        )
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return ReviewAbout(path, None, None, None, OPEN_ELSEWHERE)
        if _left_part_saved(path):
            return ReviewAbout(path, None, None, None, PART_SAVED)
        return ReviewAbout(path, None, None, None, "damaged")
    except (sqlite3.DatabaseError, ValueError, TypeError):
        said = "damaged" if ours else "not a CQRS Desktop review, or damaged"
        return ReviewAbout(path, None, None, None, said)


_PRACTICE_AND_MADE = "SELECT key, value FROM meta WHERE key IN ('practice', 'created_at')"


def _made_by_newer(path: Path, db: sqlite3.Connection) -> ReviewAbout:
    """A review a newer version of the app made (its decisions cannot be read here), with
    its practice and when it was made where its meta table still says them: listed with
    the right practice and in the right place among the others, greyed (decision 244)."""
    try:
        meta = dict(db.execute(_PRACTICE_AND_MADE))
        practice = json.loads(meta.get("practice") or "{}")
    except (sqlite3.Error, ValueError, TypeError):
        meta, practice = {}, {}
    if not isinstance(practice, dict):
        practice = {}
    return ReviewAbout(
        path,
        str(practice.get("ods_code") or "") or None,
        str(practice.get("name") or "") or None,
        meta.get("created_at") if isinstance(meta.get("created_at"), str) else None,
        NEWER,
    )
