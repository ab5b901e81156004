"""The steps of a review that both the window and the command line take.

Import the files, build the review, apply a decisions file, open or create the review
file, and write every output. `ui` and `cli` call these; they hold no Qt.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import hashlib
import sqlite3
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path

from cqrs_desktop import paths
from cqrs_desktop.domain.carried_words import carried_notice
from cqrs_desktop.domain.carry import carry
from cqrs_desktop.domain.dates import month_label
from cqrs_desktop.domain.earlier import Carried, EarlierReview
from cqrs_desktop.domain.flags import practice_warning, preamble_practice_warning
from cqrs_desktop.domain.model import (
    Claim,
    DecisionRecord,
    Practice,
    SearchRow,
    SourceSummary,
    VaccinationEvent,
)
from cqrs_desktop.domain.overlap import with_overlaps
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.domain.rules import Rules, RulesError, parse_rules
from cqrs_desktop.domain.vaccination_keys import has_valid_number, name_key
from cqrs_desktop.errors import EarlierReviewUnusable, OperationCancelled, ReviewError
from cqrs_desktop.sources import (
    DecisionRow,
    SourceError,
    read_cqrs,
    read_decisions,
    read_search,
)
from cqrs_desktop.store import ReviewFile, ReviewFileError
from cqrs_desktop.store.earlier_review import (
    EarlierReviewError,
    changed_since,
    read_earlier_review,
)

Progress = Callable[[int, int, str], None]  # done, total, what is happening
Cancelled = Callable[[], bool]


@dataclasses.dataclass(frozen=True)
class SearchFile:
    path: Path
    programme: str | None = None
    mapping: dict[str, str] | None = None
    span: tuple[str, str] | None = None  # the months it covers, as the user stated them


@dataclasses.dataclass(frozen=True)
class ImportResult:
    inputs: ReviewInputs
    notices: tuple[str, ...]


def load_rules(path: Path | None = None) -> tuple[Rules, str]:
    """The rules in force (the user's override if present) and their text."""
    rules_path = path or paths.rules_file()
    try:
        text = rules_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ReviewError(f"{rules_path.name}: cannot be read ({exc.strerror})") from None
    try:
        return parse_rules(text), text
    except RulesError as exc:
        raise ReviewError(f"{rules_path.name}: {exc}") from None


# The rules file as shipped before version 2 of the spec (SHA-256 of its text). A review
# made with it is read with the rules shipped now, which correct it (school age, HepB
# schedules, what each decision needs); a review made with edited rules keeps its own.
_SHIPPED_RULES_V1 = frozenset(
    {
        "a8d7be1ff51b5aafe4d97b28725ab1155e57e51b4758cf6c725a28c66fcfbf35",
        "b7def61380e405b17dc4202b8a6e60827ab8570823f3bbdcce68e52989fc5fce",
    }
)


def _rules_for(store: ReviewFile) -> Rules:
    """The rules a review file is read with: those stored in it (decision 8), brought up to
    date when they are an older version of the shipped rules (decision 27)."""
    text = store.rules_text()
    if not text:
        return load_rules()[0]
    if hashlib.sha256(text.encode("utf-8")).hexdigest() in _SHIPPED_RULES_V1:
        shipped = paths.resource("rules.toml").read_text(encoding="utf-8")
        with contextlib.suppress(ReviewFileError, sqlite3.Error):  # read-only: next time
            store.set_rules(shipped, "rules as shipped before version 2", "rules as shipped now")
        text = shipped
    return parse_rules(text)


def import_inputs(
    practice: Practice,
    searches: Sequence[SearchFile],
    cqrs_files: Sequence[Path],
    claims: Sequence[Claim],
    rules: Rules,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    remember_mappings: bool = False,
) -> ImportResult:
    """Read every file; later claims (typed or --claim) replace those from CQRS files.

    `remember_mappings` stores each confidently detected column mapping as a profile (the
    window asks for this; the command line leaves the user's profiles alone)."""
    total = len(searches) + len(cqrs_files)
    done = 0
    sources: list[SourceSummary] = []
    rows: list[SearchRow] = []
    unassigned = []
    all_claims: list[Claim] = []
    notices: list[str] = []
    read: dict[str, tuple[int, Path]] = {}  # sha256: (index in sources, the file)
    named: dict[str, Path] = {}  # the files read, by name

    def step(name: str) -> None:
        if cancelled is not None and cancelled():
            raise OperationCancelled()
        if progress is not None:
            progress(done, total, f"Reading {name}")

    try:
        for search in searches:
            step(search.path.name)
            imported = read_search(
                search.path,
                rules,
                search.programme,
                search.mapping,
                remember_mappings,
                search.span,
            )
            summary = imported.summary
            if _read_before(summary, search.path, read, sources, notices):
                done += 1
                continue
            _one_of_its_name(search.path, named)
            for warning in (
                practice_warning(imported.rows, practice),
                preamble_practice_warning(imported.practices_named, practice),
            ):
                if warning is not None:
                    summary = dataclasses.replace(summary, warnings=(*summary.warnings, warning))
                    notices.append(f"{search.path.name}: {warning}")
            sources.append(summary)
            rows.extend(imported.rows)
            unassigned.extend(imported.unassigned)
            done += 1
        for cqrs_path in cqrs_files:
            step(cqrs_path.name)
            figures = read_cqrs(cqrs_path, rules)
            if _read_before(figures.summary, cqrs_path, read, sources, notices):
                done += 1
                continue
            _one_of_its_name(cqrs_path, named)
            sources.append(figures.summary)
            all_claims.extend(figures.claims)
            notices.extend(f"{cqrs_path.name}: {n}" for n in figures.notices)
            done += 1
    except SourceError as exc:
        raise ReviewError(str(exc)) from None
    all_claims.extend(claims)
    for name, said in _figures_replaced(all_claims, rules).items():
        sources = [
            dataclasses.replace(s, warnings=(*s.warnings, *said))
            if s.kind == "cqrs" and s.file == name
            else s
            for s in sources
        ]
        notices.extend(f"{name}: {line}" for line in said)
    if progress is not None:
        progress(total, total, "Checking vaccinations")
    inputs, overlaps = with_overlaps(
        ReviewInputs(
            practice=practice,
            sources=tuple(sources),
            rows=tuple(rows),
            unassigned=tuple(unassigned),
            claims=tuple(all_claims),
        )
    )  # searches of overlapping months: said on the later (decision 112)
    notices.extend(f"{name}: {warning}" for name, warning in overlaps.items())
    return ImportResult(inputs, tuple(notices))


def _figures_replaced(claims: Sequence[Claim], rules: Rules) -> dict[str, list[str]]:
    """What each CQRS file claims that a later claim (another file, `--claim`, a count
    typed in) replaces with a different count, by file name: said on the file, so the
    email's "amend from 4" is not read against the 5 CQRS holds (decision 172)."""
    last: dict[tuple[str, str], Claim] = {}
    said: dict[str, list[str]] = {}
    for claim in claims:
        key = (claim.programme, claim.month)
        before = last.get(key)
        last[key] = claim
        if before is None or before.count == claim.count or before.source == claim.source:
            continue
        if before.source in ("", "command line", "typed"):
            continue  # not a file's figure
        by = {"command line": "--claim", "typed": "the claim typed in"}.get(
            claim.source, claim.source
        )
        said.setdefault(before.source, []).append(
            f"its {before.count} for {rules.programme(claim.programme).display_name} "
            f"{month_label(claim.month)} is not used: {by} gives {claim.count}, and the "
            f"email and notes speak of a claim of {claim.count}; check which CQRS holds"
        )
    return said


def _read_before(
    summary: SourceSummary,
    path: Path,
    read: dict[str, tuple[int, Path]],
    sources: list[SourceSummary],
    notices: list[str],
) -> bool:
    """True for a file with the same contents as one already read (the same file given
    twice, under any name or folder): it is left out, with a warning on the first, so its
    vaccinations are not counted twice. Otherwise it is remembered as read."""
    earlier = read.get(summary.sha256)
    if earlier is None:
        read[summary.sha256] = (len(sources), path)
        return False
    index, first_path = earlier
    name, first = path.name, first_path.name
    if name != first:
        warning = f"{name} has the same contents as {first}: it was read once"
    elif path.parent != first_path.parent:  # a copy of the same name, in another folder
        warning = f"{name} in {path.parent} has the same contents as this one: it was read once"
    else:
        warning = f"{name} was given twice: it was read once"
    sources[index] = dataclasses.replace(
        sources[index], warnings=(*sources[index].warnings, warning)
    )
    notices.append(f"{first}: {warning}")
    return True


def _one_of_its_name(path: Path, named: dict[str, Path]) -> None:
    """Refuse a second file of the same name with other contents (two exports both called
    search.csv, from two folders): a review tells its files apart by name (its events, the
    months each search covers, Remove), so they would be taken for one file."""
    first = named.setdefault(path.name.casefold(), path)  # Windows: SEARCH.CSV is search.csv
    if first is not path:
        raise ReviewError(
            f"{path.name}: two different files have this name (in {first.parent} and in "
            f"{path.parent}); the review tells its files apart by name: rename one of them, "
            "then add it again"
        )


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def match_decisions(
    review: Review, rows: Sequence[DecisionRow], file_name: str, reviewer: str | None
) -> list[DecisionRecord]:
    """Turn a decisions file into records, one event each; ambiguity is an error."""
    rules = review.rules
    by_key: dict[tuple[str | None, str, dt.date], list[str]] = {}
    for event in review.events:
        key = (event.nhs_number_as_found, event.programme, event.date)
        by_key.setdefault(key, []).append(event.id)
    records: dict[str, DecisionRecord] = {}
    first_row: dict[str, int] = {}  # the row each vaccination was first decided on
    for row in rows:
        where = f"{file_name}: row {row.row}"
        if row.event_id:
            try:
                event = review.event(row.event_id)
            except KeyError:
                # the cell is not quoted: a shifted column may hold patient details
                raise ReviewError(
                    f"{where}: no vaccination of this review has the event_id given (event ids "
                    "are in review.json and the workbook's Events sheet; a workbook of an "
                    "earlier review has that review's: bring its decisions with --carry "
                    "REVIEW.cqrsreview instead)"
                ) from None
            if differ := _not_the_events(row, event):
                # (no value quoted: the row's cells may be another patient's)
                raise ReviewError(
                    f"{where}: its event_id is a vaccination with another {differ} than "
                    "the row's, so its cells do not belong together (a column sorted or "
                    "pasted on its own?): put the row right, or clear its event_id to find "
                    "the vaccination by NHS number, programme and date"
                )
            event_id = row.event_id
        else:
            programme = rules.programme_for_label(row.programme) if row.programme else None
            if programme is None:
                what = "is not one in the rules" if row.programme else "is blank"
                raise ReviewError(
                    f"{where}: the programme {what} (use one of {', '.join(rules.programme_ids)})"
                )
            if row.date is None:
                raise ReviewError(f"{where}: the date is missing")
            matches = by_key.get((row.nhs_number, programme, row.date), [])
            if not matches:
                raise ReviewError(
                    f"{where}: no vaccination matches this NHS number, programme and date"
                )
            if len(matches) > 1:
                raise ReviewError(
                    f"{where}: {len(matches)} vaccinations match; add an event_id column to choose"
                )
            event_id = matches[0]
        if event_id in records:
            differ = _rows_differ(records[event_id], row, review.event(event_id).programme, rules)
            if differ:
                raise ReviewError(
                    f"{where}: the same vaccination as row {first_row[event_id]}, with {differ}; "
                    "keep one of the two rows"
                )
            continue  # the same decision twice: the first stands
        if row.decided_at and row.decided_at[:10] < review.event(event_id).date.isoformat():
            raise ReviewError(
                f"{where}: it says it was decided before the vaccination was given; check "
                "its date and time"
            )
        first_row[event_id] = row.row
        records[event_id] = DecisionRecord(
            event_id=event_id,
            decision=row.decision,
            action_done=row.action_done,
            note=row.note,
            reviewer=row.reviewer or reviewer,
            decided_at=row.decided_at or _now(),  # (when the file says, as the workbook)
        )
    return list(records.values())


def _not_the_events(row: DecisionRow, event: VaccinationEvent) -> str:
    """What of a row with an event_id says another vaccination than that event ("NHS
    number", "date", both): "" when the row agrees, or leaves them blank."""
    nhs = event.nhs_number or event.nhs_number_as_found
    differ = [
        what
        for what, said, known in (
            ("NHS number", row.nhs_number, nhs),
            ("date", row.date, event.date),
        )
        if said is not None and known is not None and said != known
    ]
    return " and ".join(differ)


def _rows_differ(said: DecisionRecord, row: DecisionRow, programme: str, rules: Rules) -> str:
    """How a second row for one vaccination differs from the first ("" when it does not:
    a note differing only in case or spaces, or a tick its decision does not use)."""
    if said.decision is not row.decision:
        first = said.decision.value if said.decision else "no decision"
        second = row.decision.value if row.decision else "no decision"
        return f"another decision ({first}, then {second})"
    needs = row.decision is not None and rules.programme(programme).needs_action(row.decision.value)
    if needs and said.action_done != row.action_done:
        return "another answer for 'clinical system updated'"
    if " ".join(said.note.split()).casefold() != " ".join(row.note.split()).casefold():
        return "another note"
    return ""


def read_decision_file(
    review: Review, path: Path, reviewer: str | None
) -> tuple[list[DecisionRecord], list[str], frozenset[str]]:
    """The decisions of a decisions file, matched to the review's events, what to say of
    the file (its columns not read: a tick or a reviewer in a column of another name would
    be lost without a word), and the events whose decision's time the file states (the
    rest are timed now: only a stated time can be an earlier review's, decision 156)."""
    try:
        rows = read_decisions(path)
    except SourceError as exc:
        raise ReviewError(str(exc)) from None
    said = [f"{path.name}: {w}" for w in rows.warnings]
    if rows.undecided:
        n, kept = rows.undecided, rows.undecided_kept
        said.append(
            f"{path.name}: {n} row{'s' if n != 1 else ''} with no decision "
            "(“Still to check”, “No check needed”) passed over: "
            + (_not_recorded(kept) if kept else "nothing to record")
        )
    if rows.unused:
        names = ", ".join(f"“{h}”" for h in rows.unused)
        said.append(
            f"{path.name}: columns not read: {names} (a decisions file's columns are "
            "nhs_number, programme, date, decision, event_id, action_done, note and reviewer)"
        )
    records = match_decisions(review, rows, path.name, reviewer)
    times = {row.decided_at for row in rows if row.decided_at}
    return records, said, frozenset(r.event_id for r in records if r.decided_at in times)


def _not_recorded(rows: Sequence[int]) -> str:
    """What a decisions file's rows with no decision but a note or a tick lose: said, as
    a note or a tick is recorded only with a decision (as carrying takes only decisions)."""
    shown = ", ".join(map(str, rows[:10])) + (
        f" and {len(rows) - 10} more" if len(rows) > 10 else ""
    )
    one = len(rows) == 1
    return (
        f"{'row' if one else 'rows'} {shown} {'holds' if one else 'hold'} a note or a "
        "'clinical system updated' tick, which is NOT recorded without a decision (type "
        "the decision beside it to record both)"
    )


def apply_decisions(
    review: Review, records: Sequence[DecisionRecord], store: ReviewFile | None
) -> None:
    changes = [(record, review.decision(record.event_id)) for record in records]
    if store is not None:
        store.save_decisions(changes, "decisions file")
    for record in records:
        review.apply(record.event_id, record)


def new_review(
    path: Path,
    review: Review,
    rules_text: str,
    decisions: Sequence[DecisionRecord] = (),
    carried: Carried | None = None,
) -> ReviewFile:
    """Make the review file, whole or not at all, with `decisions` (a decisions file) and
    the `carried` decisions of earlier reviews already in it."""
    try:
        with no_cyclic_gc():  # a row for each of hundreds of thousands of events and decisions
            said = carried_notice(carried) if carried is not None else ""
            return ReviewFile.create(
                path, review, rules_text, review.practice.reviewer, decisions, carried, said
            )
    except ReviewFileError as exc:
        raise ReviewError(str(exc)) from None


def carry_decisions(
    review: Review,
    earlier: Sequence[Path],
    cancelled: Cancelled | None = None,
    stated: Collection[str] = (),
) -> Carried:
    """The decisions of earlier reviews of the same practice, for the review's undecided
    events, applied to `review` (save them with `new_review` or `ReviewFile.save_carried`).
    The earlier files are only read. `cancelled` is asked after each file read (then
    `OperationCancelled`, with `review` left as it was)."""
    with no_cyclic_gc():  # hundreds of thousands of small objects, none in a cycle
        return _carry(review, earlier, cancelled, stated)


def _read_earlier(
    paths: Sequence[Path], unnumbered: frozenset[str], cancelled: Cancelled | None
) -> list[EarlierReview]:
    """Read the earlier reviews one after another (side by side, Python's lock made them
    slower, not quicker). `unnumbered`: by name, the keys of the events with no valid NHS
    number."""
    done = []
    for path in paths:
        if cancelled is not None and cancelled():
            raise OperationCancelled()
        try:
            done.append(read_earlier_review(path, unnumbered))
        except EarlierReviewError as exc:
            raise EarlierReviewUnusable(str(exc)) from None
    if cancelled is not None and cancelled():
        raise OperationCancelled()
    return done


def _carry(
    review: Review, earlier: Sequence[Path], cancelled: Cancelled | None, stated: Collection[str]
) -> Carried:
    found: list[EarlierReview] = []
    unnumbered = frozenset(  # by name, the events with no valid NHS number
        key for e in review.events if not has_valid_number(e) and (key := name_key(e))
    )
    read: dict[str, str] = {}  # the file read, by its SHA-256
    read_from: dict[str, Path] = {}  # ... and where it was read from
    # ... and by the review as it stands (`known_as`): a copy saved with "Save a copy as"
    # has other bytes but the same decisions, each of which would be shown twice
    same_review: dict[str, str] = {}
    twins: list[str] = []
    paths: list[Path] = []
    pairs = zip(earlier, _read_earlier(earlier, unnumbered, cancelled), strict=True)
    for path, done in sorted(pairs, key=_made_order):
        ods = review.practice.ods_code
        if done.ods_code and done.ods_code.strip().upper() != ods.strip().upper():
            raise EarlierReviewUnusable(
                f"{done.file}: a review of practice {done.ods_code}, not {ods}: its decisions "
                "cannot be carried"
            )
        if done.sha256 in read:  # a copy under another name: the same decisions, once
            first = read[done.sha256]
            if done.file == first:  # two folders: say which (decision 542)
                folder = read_from[done.sha256].parent
                twins.append(
                    f"{done.file} in {path.parent} has the same contents as the one in "
                    f"{folder}: read once"
                )
            else:
                twins.append(f"{done.file} has the same contents as {first}: read once")
            continue
        if done.known_as and done.known_as in same_review:  # a copy, unchanged since
            twins.append(
                f"{done.file} and {same_review[done.known_as]} are the same review (one a "
                "copy of the other, unchanged since): read once"
            )
            continue
        if done.file in read.values():  # two reviews told apart only by their folders
            raise EarlierReviewUnusable(
                f"{done.file}: two different earlier reviews of this name were given; "
                "their decisions could not be told apart in this review (each is named by "
                "its file name): rename one of them, then bring both"
            )
        read[done.sha256] = done.file
        read_from[done.sha256] = path
        if done.known_as:
            same_review.setdefault(done.known_as, done.file)
        found.append(done)
        paths.append(path)
    found = _what_changed_since(found, paths)
    shas = {s.file: s.sha256 for s in review.inputs.sources if s.kind == "search"}
    carried = carry(review, found, shas, stated=stated)
    if twins:
        carried = dataclasses.replace(carried, read_once=tuple(twins))
    review.apply_many(c.record for c in carried.records)
    review.apply_many(carried.seen_corrected)  # the review's own, now with the export's proof
    review.set_gone(carried.gone)
    review.set_held(carried.held, carried.held_unsure, carried.held_open)
    review.set_disagreed(carried.shown_earlier)
    return carried


def _made_order(given: tuple[Path, EarlierReview]) -> tuple[str, int, str, str]:
    """The earlier reviews in the order they were made (as `carry` takes them), whatever
    order they were given in: the window lists them newest first, the command line as
    typed, and which of a review and its unchanged copy is read (and named) must not
    depend on that. Alike in all else (a copy), the shorter name first: "A" before "A
    copy" (decision 471)."""
    path, done = given
    return (done.created_at or "", len(done.knew), Path(done.file).stem, str(path))


def _what_changed_since(found: list[EarlierReview], paths: list[Path]) -> list[EarlierReview]:
    """Each earlier review another one here took in, with what it has changed since
    (`EarlierReview.still`, decision 104): read again only where it has changed at all."""
    taken_in = {token for done in found for token in done.knew}
    for i, done in enumerate(found):
        if not done.known_as:
            continue
        review_id = done.known_as.rpartition("@")[0]
        mine = [t for t in taken_in if t.rpartition("@")[0] == review_id and t != done.known_as]
        if mine:
            found[i] = dataclasses.replace(done, still=changed_since(paths[i], mine))
    return found


@contextlib.contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Python's cycle collector off for a bulk build: it otherwise walks every object made
    so far, again and again, as the count grows (most of the time of building 600,000)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def open_review(path: Path, for_writing: bool = True) -> tuple[ReviewFile, Review]:
    """Open a review file and rebuild the review with the rules it was made with.
    `for_writing` False (export) also opens a file that cannot take changes."""
    try:
        store = ReviewFile.open(path, for_writing)
    except ReviewFileError as exc:
        raise ReviewError(str(exc)) from None
    try:
        rules = _rules_for(store)
        review = Review(
            store.load_inputs(),
            rules,
            store.load_decisions(),
            gone=store.load_gone(),
            held=store.load_held(),
            disagreed=store.load_disagreements(),
            held_unsure=store.load_held_unsure(),
            held_open=store.load_held_open(),
        )
    except (RulesError, ValueError, KeyError, TypeError, sqlite3.DatabaseError) as exc:
        store.close()
        raise ReviewError(
            f"{Path(path).name}: the review file is damaged ({_damage(exc)}); open a copy "
            "saved earlier, or start the review again"
        ) from None
    except BaseException:
        store.close()
        raise
    return store, review


def _damage(exc: BaseException) -> str:
    """What is wrong inside a review file, in words that quote none of its contents."""
    if isinstance(exc, RulesError):
        return "the rules stored in it cannot be read"
    if isinstance(exc, sqlite3.DatabaseError):
        return "a part of it is missing or cannot be read"
    return "a value stored in it cannot be read"


def demo_practice() -> Practice:
    """The invented practice the demo data belongs to."""
    import json

    data = json.loads((paths.demo_inputs_dir() / "practice.json").read_text(encoding="utf-8"))
    return Practice(data["ods_code"], data.get("name"), data.get("reviewer"))


def demo_searches() -> list[SearchFile]:
    folder = paths.demo_inputs_dir()
    return [SearchFile(p) for p in sorted(folder.glob("*_search.csv"))]


def demo_cqrs_files() -> list[Path]:
    return [paths.demo_inputs_dir() / "cqrs_figures.csv"]
