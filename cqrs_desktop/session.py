"""The steps of a review that both the window and the command line take.

Import the files, build the review, apply a decisions file, open or create the review
file, and write every output. `ui` and `cli` call these; they hold no Qt.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from cqrs_desktop import paths
from cqrs_desktop.domain.flags import practice_never_named
from cqrs_desktop.domain.model import Claim, DecisionRecord, Practice, SearchRow, SourceSummary
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.domain.rules import Rules, RulesError, parse_rules
from cqrs_desktop.errors import OperationCancelled, ReviewError
from cqrs_desktop.sources import (
    DecisionRow,
    SourceError,
    read_cqrs,
    read_decisions,
    read_search,
)
from cqrs_desktop.store import ReviewFile, ReviewFileError

Progress = Callable[[int, int, str], None]  # done, total, what is happening
Cancelled = Callable[[], bool]


@dataclasses.dataclass(frozen=True)
class SearchFile:
    path: Path
    programme: str | None = None
    mapping: dict[str, str] | None = None


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


def demo_inputs_dir() -> Path:
    return paths.resource("demo")


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
    read: dict[str, tuple[int, str]] = {}  # sha256: (index in sources, file name)

    def step(name: str) -> None:
        if cancelled is not None and cancelled():
            raise OperationCancelled()
        if progress is not None:
            progress(done, total, f"Reading {name}")

    try:
        for search in searches:
            step(search.path.name)
            imported = read_search(
                search.path, rules, search.programme, search.mapping, remember_mappings
            )
            summary = imported.summary
            if _read_before(summary, search.path.name, read, sources, notices):
                done += 1
                continue
            named = practice_never_named(imported.rows, practice)
            if named is not None:
                warning = (
                    f"no vaccination is recorded by {practice.ods_code} (most say "
                    f"{named}): if that is your practice, correct the ODS code in the practice "
                    "details, or every one is flagged as given by another organisation"
                )
                summary = dataclasses.replace(summary, warnings=(*summary.warnings, warning))
                notices.append(f"{search.path.name}: {warning}")
            sources.append(summary)
            rows.extend(imported.rows)
            unassigned.extend(imported.unassigned)
            done += 1
        for cqrs_path in cqrs_files:
            step(cqrs_path.name)
            figures = read_cqrs(cqrs_path, rules)
            if _read_before(figures.summary, cqrs_path.name, read, sources, notices):
                done += 1
                continue
            sources.append(figures.summary)
            all_claims.extend(figures.claims)
            notices.extend(f"{cqrs_path.name}: {n}" for n in figures.notices)
            done += 1
    except SourceError as exc:
        raise ReviewError(str(exc)) from None
    all_claims.extend(claims)
    if progress is not None:
        progress(total, total, "Checking vaccinations")
    inputs = ReviewInputs(
        practice=practice,
        sources=tuple(sources),
        rows=tuple(rows),
        unassigned=tuple(unassigned),
        claims=tuple(all_claims),
    )
    return ImportResult(inputs, tuple(notices))


def _read_before(
    summary: SourceSummary,
    name: str,
    read: dict[str, tuple[int, str]],
    sources: list[SourceSummary],
    notices: list[str],
) -> bool:
    """True for a file with the same contents as one already read (the same file given
    twice, under any name or folder): it is left out, with a warning on the first, so its
    vaccinations are not counted twice. Otherwise it is remembered as read."""
    earlier = read.get(summary.sha256)
    if earlier is None:
        read[summary.sha256] = (len(sources), name)
        return False
    index, first = earlier
    warning = (
        f"{name} has the same contents as {first}: it was read once"
        if name != first
        else f"{name} was given twice: it was read once"
    )
    sources[index] = dataclasses.replace(
        sources[index], warnings=(*sources[index].warnings, warning)
    )
    notices.append(f"{first}: {warning}")
    return True


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
    for row in rows:
        where = f"{file_name}: row {row.row}"
        if row.event_id:
            try:
                review.event(row.event_id)
            except KeyError:
                raise ReviewError(f"{where}: no event has id {row.event_id}") from None
            event_id = row.event_id
        else:
            programme = rules.programme_for_label(row.programme) if row.programme else None
            if programme is None:
                raise ReviewError(f"{where}: '{row.programme}' is not a programme")
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
        records[event_id] = DecisionRecord(
            event_id=event_id,
            decision=row.decision,
            action_done=row.action_done,
            note=row.note,
            reviewer=row.reviewer or reviewer,
            decided_at=_now(),
        )
    return list(records.values())


def read_decision_file(review: Review, path: Path, reviewer: str | None) -> list[DecisionRecord]:
    try:
        rows = read_decisions(path)
    except SourceError as exc:
        raise ReviewError(str(exc)) from None
    return match_decisions(review, rows, path.name, reviewer)


def apply_decisions(
    review: Review, records: Sequence[DecisionRecord], store: ReviewFile | None
) -> None:
    changes = [(record, review.decision(record.event_id)) for record in records]
    if store is not None:
        store.save_decisions(changes, "decisions file")
    for record in records:
        review.apply(record.event_id, record)


def new_review(path: Path, review: Review, rules_text: str) -> ReviewFile:
    try:
        return ReviewFile.create(path, review, rules_text, review.practice.reviewer)
    except ReviewFileError as exc:
        raise ReviewError(str(exc)) from None


def open_review(path: Path) -> tuple[ReviewFile, Review]:
    """Open a review file and rebuild the review with the rules it was made with."""
    try:
        store = ReviewFile.open(path)
    except ReviewFileError as exc:
        raise ReviewError(str(exc)) from None
    try:
        text = store.rules_text()
        rules = parse_rules(text) if text else load_rules()[0]
        review = Review(store.load_inputs(), rules, store.load_decisions())
    except (RulesError, ValueError, KeyError) as exc:
        store.close()
        raise ReviewError(
            f"{Path(path).name}: the review file is damaged ({type(exc).__name__})"
        ) from None
    except BaseException:
        store.close()
        raise
    return store, review


def demo_practice() -> Practice:
    """The invented practice the demo data belongs to."""
    import json

    data = json.loads((demo_inputs_dir() / "practice.json").read_text(encoding="utf-8"))
    return Practice(data["ods_code"], data.get("name"), data.get("reviewer"))


def demo_searches() -> list[SearchFile]:
    folder = demo_inputs_dir()
    return [SearchFile(p) for p in sorted(folder.glob("*_search.csv"))]


def demo_cqrs_files() -> list[Path]:
    return [demo_inputs_dir() / "cqrs_figures.csv"]
