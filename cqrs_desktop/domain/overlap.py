"""Searches that overlap: the same vaccinations in two search files of one review.

A practice that ran its search for August to October, then for September to November, and
imports both, has September's and October's vaccinations twice: each is an event of its
own, so the count found doubles, both copies are flagged as possible duplicates, and a copy
decided "not given" would be said to be recorded in error. Nothing in the files tells which
copy to keep, so the review says so on the later file, to import one of them only
(decision 112).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace

from cqrs_desktop.domain.model import RowKind, SearchRow
from cqrs_desktop.domain.review import ReviewInputs

# The same entry in the clinical system: every field of the row but the file and line.
RowKey = tuple[object, ...]


def _key(row: SearchRow) -> RowKey:
    return (
        row.programme, row.date, row.nhs_number, row.surname, row.forenames,
        row.date_of_birth, row.age, row.sex, row.code, row.term, row.organisation,
        row.non_gms, row.edd,
    )  # fmt: skip


def _vaccinations_by_file(
    rows: Iterable[SearchRow], files: Sequence[str]
) -> dict[str, list[SearchRow]]:
    """The vaccination rows of each of `files`, in the order the files were added."""
    by_file: dict[str, list[SearchRow]] = {name: [] for name in files}
    for row in rows:
        if row.kind is RowKind.EVENT and row.source in by_file:
            by_file[row.source].append(row)
    return {name: found for name, found in by_file.items() if found}


def _shared(
    by_file: dict[str, list[SearchRow]], key: Callable[[SearchRow], tuple[object, ...]]
) -> set[tuple[object, ...]]:
    """The keys rows of two or more of the files share."""
    seen: set[tuple[object, ...]] = set()
    shared: set[tuple[object, ...]] = set()
    for file_rows in by_file.values():
        theirs = {key(r) for r in file_rows}
        shared |= theirs & seen
        seen |= theirs
    return shared


def repeated_from(rows: Iterable[SearchRow], files: Sequence[str]) -> dict[str, Counter[str]]:
    """For each file of `files` (in the order they were added), how many of its vaccination
    rows repeat, entry for entry, a row of a file before it, by the first file that holds
    each. A vaccination entered twice in one file (a duplicate entry) is not a repeat; held
    twice in an earlier file and once here, it repeats once."""
    by_file = _vaccinations_by_file(rows, files)
    if len(by_file) < 2:
        return {}
    # first the patients and days two files share (quick: most share none), then only
    # their rows compared in full
    shared = _shared(by_file, lambda r: (r.programme, r.date, r.nhs_number, r.surname))
    counts: dict[RowKey, Counter[str]] = {}
    for name, file_rows in by_file.items() if shared else ():
        for row in file_rows:
            if (row.programme, row.date, row.nhs_number, row.surname) in shared:
                counts.setdefault(_key(row), Counter())[name] += 1
    found: dict[str, Counter[str]] = {}
    for per_file in counts.values():
        if len(per_file) < 2:
            continue
        held: Counter[str] = Counter()  # entries held by the files so far, and which first
        first = ""
        for name in sorted(per_file, key=files.index):
            before = max(held.values(), default=0)
            if before:
                found.setdefault(name, Counter())[first] += min(before, per_file[name])
            else:
                first = name
            held[name] = per_file[name]
    return found


def _vaccination(row: SearchRow) -> tuple[object, ...]:
    """The vaccination a row is of, however its other fields read: programme, day and
    patient (NHS number, or surname and date of birth without one)."""
    if row.nhs_number:
        return (row.programme, row.date, row.nhs_number)
    return (row.programme, row.date, None, (row.surname or "").casefold(), row.date_of_birth)


def changed_from(rows: Iterable[SearchRow], files: Sequence[str]) -> dict[str, Counter[str]]:
    """For each file of `files` (in the order they were added), how many of its
    vaccinations (patient, programme and day) a file before it holds too, none of them
    entry for entry (`repeated_from`): the same vaccination with something changed, as in
    a search run again after records were corrected (decision 157). By the first file that
    holds each."""
    by_file = _vaccinations_by_file(rows, files)
    if len(by_file) < 2:
        return {}
    # first the vaccinations two files share (quick: most share none), then only theirs
    shared = _shared(by_file, _vaccination)
    if not shared:
        return {}
    by_file = {
        name: [r for r in file_rows if _vaccination(r) in shared]
        for name, file_rows in by_file.items()
    }
    found: dict[str, Counter[str]] = {}
    first_with: dict[tuple[object, ...], str] = {}  # each vaccination, by the first file
    held: dict[tuple[object, ...], list[SearchRow]] = {}  # its entries in the files so far
    for name in by_file:
        mine: dict[tuple[object, ...], list[SearchRow]] = {}
        for row in by_file[name]:
            mine.setdefault(_vaccination(row), []).append(row)
        for vaccination in mine.keys() & first_with.keys():  # most files share none
            before = {_key(r) for r in held[vaccination]}
            if before.isdisjoint(_key(r) for r in mine[vaccination]):
                found.setdefault(name, Counter())[first_with[vaccination]] += 1
        for vaccination, entries in mine.items():
            first_with.setdefault(vaccination, name)
            held.setdefault(vaccination, []).extend(entries)
    return found


OVERLAP = "(the searches overlap)"  # in each overlap warning, to find it again


def _where(by_file: Mapping[str, int]) -> str:
    files = [f"{name} ({n})" if len(by_file) > 1 else name for name, n in by_file.items()]
    return files[0] if len(files) == 1 else ", ".join(files[:-1]) + " and " + files[-1]


def repeated_words(by_file: Mapping[str, int], changed: Mapping[str, int] | None = None) -> str:
    """The warning on the later of overlapping searches: how many of its vaccinations each
    earlier file holds, entry for entry, and (`changed`) how many with something changed."""
    said = []
    if by_file:
        count = sum(by_file.values())
        rows = "vaccination is" if count == 1 else "vaccinations are"
        said.append(
            f"{count} {rows} also in {_where(by_file)}, entry for entry {OVERLAP}: each is "
            "counted twice. "
        )
    if changed:
        count = sum(changed.values())
        more = " more" if by_file else ""
        rows = "vaccination is" if count == 1 else "vaccinations are"
        said.append(
            f"{count}{more} {rows} also in {_where(changed)} for the same patient and day, "
            f"with something changed (as in a search run again after records were "
            f"corrected) {OVERLAP}: each is in this review twice. "
        )
    return "".join(said) + "Import only one of them, or remove one"


def with_overlaps(inputs: ReviewInputs) -> tuple[ReviewInputs, dict[str, str]]:
    """The inputs with each search's overlap warning as the files now stand (one added,
    removed or imported again: a warning gone stale is taken away), and the warnings, by
    file."""
    searches = [s.file for s in inputs.sources if s.kind == "search"]
    found = repeated_from(inputs.rows, searches)
    changed = changed_from(inputs.rows, searches)
    said = {
        name: repeated_words(found.get(name, Counter()), changed.get(name))
        for name in searches
        if name in found or name in changed
    }
    sources = []
    for source in inputs.sources:
        kept = tuple(w for w in source.warnings if OVERLAP not in w)
        if source.file in said:
            kept += (said[source.file],)
        sources.append(source if kept == source.warnings else replace(source, warnings=kept))
    return replace(inputs, sources=tuple(sources)), said
