"""The GUI's calls into the rest of the app, in one place: import, create, open, demo.

Everything here is plain work with no widgets, so it can run on a background thread
through `ui.operations`. `session` (and through it the file readers, pandas and numpy) is
imported inside the functions that read files, so the first window opens without them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cqrs_desktop import paths
from cqrs_desktop.domain.model import Claim, Practice
from cqrs_desktop.domain.overlap import with_overlaps
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.domain.rules import Rules
from cqrs_desktop.errors import OperationCancelled
from cqrs_desktop.store import ReviewFile

if TYPE_CHECKING:
    from cqrs_desktop.session import SearchFile
    from cqrs_desktop.store.earlier_review import ReviewAbout

ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]
SUFFIX = ".cqrsreview"


@dataclasses.dataclass(frozen=True)
class Opened:
    path: Path
    store: ReviewFile
    review: Review
    notices: tuple[str, ...] = ()
    carried: str = ""  # what bringing earlier decisions did, in a line ("" when none)
    # ... and some of it is not on the Overview (only on Files): decisions kept for later
    # reviews, disagreements, vaccinations decided earlier now in the search twice
    carried_beyond_overview: bool = False
    # a review opened again: what carrying did when it was made (for the Files page only)
    made_with: str = ""


def opened_words(opened: Opened) -> tuple[str, int] | None:
    """What the status bar says as a review opens, and for how long (ms): what bringing
    earlier decisions did (its first clause; the rest is on the Overview and Files), else
    the first notice about the files; with how many notices there are (None: nothing).
    Short enough for one line of a laptop's status bar at 125% (decision 561): the whole
    is on the Overview and Files, where it points."""
    # every warning about the files, as the Files page lists them (a file's notices are
    # among its warnings; those of a search are not all notices)
    warned = sum(len(s.warnings) for s in opened.review.inputs.sources)
    n = max(warned, len(opened.notices))
    if opened.carried:  # what was brought comes first
        notices = f"{n} notice{'' if n == 1 else 's'} about the files"
        first = opened.carried.split(";")[0]  # the rest is on the Overview, in full
        said = first[:1].upper() + first[1:]
        if opened.carried_beyond_overview:
            said += ", and what was not: see the Overview and Files"
            return said + (f" ({notices})" if n else ""), 15000
        if first != opened.carried:
            if n:
                return f"{said}: see the Overview, and Files for {notices}", 15000
            return f"{said} (what the latest search shows: see the Overview)", 15000
        return said + (f" (and {notices}: see Files)" if n else ""), 15000
    if opened.notices:
        more = f" (and {n - 1} more: see Files)" if n > 1 else ""
        return opened.notices[0] + more, 10000
    return None


def rules() -> Rules:
    """The rules in force (the user's override if present)."""
    from cqrs_desktop import session

    return session.load_rules()[0]


def safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9 ._-]+", "", text).strip() or "review"


def new_review_path(practice: Practice, folder: Path | None = None, stem: str = "") -> Path:
    """A fresh file name in the reviews folder: 'F84001 CQRS check 2024-12-02.cqrsreview'."""
    folder = folder or paths.reviews_dir()
    base = safe_name(stem or f"{practice.ods_code} CQRS check {dt.date.today().isoformat()}")
    candidate = folder / f"{base}{SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{base} ({number}){SUFFIX}"
        number += 1
    return candidate


def import_files(
    practice: Practice,
    searches: Sequence[SearchFile],
    cqrs_files: Sequence[Path],
    claims: Sequence[Claim],
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> tuple[ReviewInputs, tuple[str, ...], Rules, str]:
    from cqrs_desktop import session

    rules_now, text = session.load_rules()
    result = session.import_inputs(
        practice,
        searches,
        cqrs_files,
        claims,
        rules_now,
        progress,
        cancelled,
        remember_mappings=True,
    )
    return result.inputs, result.notices, rules_now, text


def create_review(
    path: Path,
    practice: Practice,
    searches: Sequence[SearchFile],
    cqrs_files: Sequence[Path],
    claims: Sequence[Claim] = (),
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
    carry: Sequence[Path] = (),
) -> Opened:
    """A new review file; with `carry`, the decisions of those earlier reviews of the same
    practice are brought into it (they are only read)."""
    from cqrs_desktop import session

    inputs, notices, rules_now, text = import_files(
        practice, searches, cqrs_files, claims, progress, cancelled
    )
    if cancelled is not None and cancelled():
        raise OperationCancelled()
    review = Review(inputs, rules_now)
    carried = None
    if carry:
        if progress is not None:
            progress(0, 0, "Bringing decisions from earlier reviews")
        carried = session.carry_decisions(review, carry, cancelled)
        if cancelled is not None and cancelled():
            raise OperationCancelled()
    if progress is not None:
        progress(0, 0, "Saving the review file")
    store = session.new_review(path, review, text, carried=carried)
    said = session.carried_notice(carried) if carried is not None else ""
    beyond = carried is not None and bool(
        carried.held
        or carried.held_unsure
        or carried.disagreements
        or carried.held_twice
        or carried.twice_not_here
        or carried.duplicated
        or carried.maybe_here
        or carried.differ_not_kept
        or carried.differ_gone
        or carried.maybe_unplaced
        or carried.no_longer_found
        or carried.unproven
        or carried.contradicted
        or carried.unsure_earlier
    )
    return Opened(path, store, review, notices, said, beyond)


def about_reviews(recent: Sequence[str]) -> list[ReviewAbout]:
    """The recent reviews that still exist (not the demo's), newest made first, each with
    its practice, read from the file itself (quickly, read-only)."""
    from cqrs_desktop.store.earlier_review import about_review

    found = []
    for text in recent:
        path = Path(text)
        if is_demo(path) or not path.is_file():
            continue
        found.append(about_review(path))
    return sorted(found, key=_made, reverse=True)


def gone_before(
    recent: Sequence[str], found: Sequence[ReviewAbout], offered: Path | None, ods_code: str
) -> Path | None:
    """The first recent review (not the demo's, not named for another practice) that
    `about_reviews` did not find (moved, deleted, or on a drive not connected) and that was
    opened more recently than `offered` (None: any): it may be a later review than the
    one offered, whose decisions are then not brought (decision 245). The files are not
    looked at again: a drive not connected may take a while to answer."""
    there = {about.path for about in found}
    for text in recent:
        path = Path(text)
        if path == offered:  # (its path as listed: `about_reviews`)
            return None
        if not (path in there or is_demo(path) or named_for_another(path, ods_code)):
            return path
    return None


def not_found(path: Path) -> ReviewAbout:
    """A recent review `gone_before` found missing, to list greyed with why."""
    from cqrs_desktop.store.earlier_review import GONE, ReviewAbout

    return ReviewAbout(path, None, None, None, GONE)


def _made(about: ReviewAbout) -> float:
    """When the review was made; for one that cannot be read just now (open elsewhere,
    damaged), when its file was last written, so the latest is still known as the latest."""
    if about.created_at:
        with contextlib.suppress(ValueError):
            return dt.datetime.fromisoformat(about.created_at).timestamp()
    try:
        return about.path.stat().st_mtime
    except OSError:
        return 0.0


def about_chosen_reviews(
    chosen: Sequence[Path], progress: ProgressFn, cancelled: CancelledFn
) -> list[ReviewAbout]:
    """The reviews the user chose to start from or bring decisions from, each read (its
    practice, a quick check of the whole file) on a worker thread, with progress; a Cancel
    stops it with `OperationCancelled`, the file being read included (a large review, or
    one on a slow network drive)."""
    from cqrs_desktop.store.earlier_review import about_review

    found = []
    for done, path in enumerate(chosen):
        if cancelled():
            raise OperationCancelled()
        progress(done, len(chosen), f"Reading {Path(path).name}…")
        found.append(about_review(Path(path), cancelled))
    return found


_NAMED_FOR = re.compile(r"([A-Za-z]\d{5}) ")  # a practice's ODS code, as the app names a review


def named_for_another(path: Path, ods_code: str) -> bool:
    """Whether a review's file name starts with the ODS code of a practice other than
    `ods_code`, as the names the app gives do ("Y99002 CQRS check 2024-11-04")."""
    found = _NAMED_FOR.match(path.name)
    return found is not None and found.group(1).upper() != ods_code.strip().upper()


def same_practice(about: ReviewAbout, ods_code: str) -> bool:
    return (about.ods_code or "").strip().upper() == ods_code.strip().upper()


def merge_inputs(
    old: ReviewInputs, new: ReviewInputs, replace_claims: bool
) -> tuple[ReviewInputs | None, tuple[str, ...]]:
    """Add newly imported files to a review (None: none is left to add), and what to tell
    the user: a file imported again (the same name) replaces its old rows, and its claims;
    a file with the contents of another already in the review under another name (a copy)
    is left out, and said, so its vaccinations or claims are not counted twice."""
    held = {s.sha256: s.file for s in old.sources}
    copies = {s.file: held[s.sha256] for s in new.sources if held.get(s.sha256, s.file) != s.file}
    said = tuple(
        f"{name} has the same contents as {first}, already in the review: it was not added again"
        for name, first in copies.items()
    )
    new = without_sources(new, set(copies))
    if not new.sources:
        return None, said
    names = {s.file.casefold() for s in new.sources}  # Windows: SEARCH.CSV is search.csv
    kept = without_sources(old, {s.file for s in old.sources if s.file.casefold() in names})
    merged, overlaps = with_overlaps(  # a search of months one in the review has (d. 112)
        ReviewInputs(
            practice=old.practice,
            sources=kept.sources + new.sources,
            rows=kept.rows + new.rows,
            unassigned=kept.unassigned + new.unassigned,
            claims=new.claims if replace_claims else kept.claims + new.claims,
        )
    )
    before = {s.file: s.warnings for s in old.sources}
    said += tuple(f"{f}: {w}" for f, w in overlaps.items() if w not in before.get(f, ()))
    return merged, said


def without_source(inputs: ReviewInputs, file: str) -> ReviewInputs:
    """The inputs less the file removed (a search it overlapped no longer says so)."""
    return with_overlaps(without_sources(inputs, {file}))[0]


def without_sources(inputs: ReviewInputs, files: Collection[str]) -> ReviewInputs:
    """The inputs less the files named (their rows, rows not placed and claims)."""
    if not files:
        return inputs
    return ReviewInputs(
        practice=inputs.practice,
        sources=tuple(s for s in inputs.sources if s.file not in files),
        rows=tuple(r for r in inputs.rows if r.source not in files),
        unassigned=tuple(u for u in inputs.unassigned if u.source not in files),
        claims=tuple(c for c in inputs.claims if c.source not in files),
    )


def open_review(path: Path) -> Opened:
    from cqrs_desktop import session

    store, review = session.open_review(path)
    return Opened(path, store, review, made_with=store.carried_said())


def demo_folder() -> Path:
    return paths.data_dir() / "demo"


def is_demo(path: Path) -> bool:
    """A review of the bundled invented data (made by `demo_review`)."""
    return Path(path).parent == demo_folder()


def output_folder(review_path: Path) -> Path:
    """Where to offer to save what a review produces (workbook, PDFs, email draft): beside
    the review, unless the review lives in the app's hidden data folder (the demo), then
    the 'CQRS reviews' folder in Documents, where the user can find it again."""
    folder = Path(review_path).parent
    try:
        folder.relative_to(paths.data_dir())
    except ValueError:
        return folder
    target = paths.reviews_dir()
    with contextlib.suppress(OSError):
        target.mkdir(parents=True, exist_ok=True)
    return target


def demo_review(progress: ProgressFn | None = None, cancelled: CancelledFn | None = None) -> Opened:
    """A new review of the bundled invented data, in the app's own data folder."""
    from cqrs_desktop import session

    practice = session.demo_practice()
    folder = demo_folder()
    _tidy_demo_reviews(folder)
    path = new_review_path(practice, folder, f"Demo {dt.datetime.now():%Y-%m-%d %H%M%S}")
    return create_review(
        path, practice, session.demo_searches(), session.demo_cqrs_files(), (), progress, cancelled
    )


def _tidy_demo_reviews(folder: Path, keep: int = 4) -> None:
    """Demo reviews are invented data: keep the last few, so --demo never piles up files."""
    old = sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime)[: -keep or None]
    for path in old:
        with contextlib.suppress(OSError):  # open in another window: tidied next time
            path.unlink()
