"""The per-event checks of SPEC section 4: what makes a vaccination worth a second look."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import hashlib
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Sequence

from cqrs_desktop.domain.dates import age_on, gestation_days, month_of
from cqrs_desktop.domain.model import Practice, RowKind, SearchRow, VaccinationEvent
from cqrs_desktop.domain.nhs import is_valid_nhs_number
from cqrs_desktop.domain.rules import Programme, Rules

INVALID_NHS_NUMBER = "invalid_nhs_number"
OTHER_ORGANISATION = "other_organisation"
NON_GMS = "non_gms"
OTHER_PROVIDER_CODE = "other_provider_code"
DUPLICATE_EVENT = "duplicate_event"
AGE_OUTSIDE_PROGRAMME = "age_outside_programme"
POSSIBLE_OLDER_ADULT_RSV = "possible_older_adult_rsv"
SEX_NOT_FEMALE = "sex_not_female"
GESTATION_TOO_EARLY = "gestation_too_early"
AFTER_DUE_DATE = "after_due_date"
SCHOOL_AGE = "school_age"

ALL_FLAGS: tuple[str, ...] = (
    AFTER_DUE_DATE,
    AGE_OUTSIDE_PROGRAMME,
    DUPLICATE_EVENT,
    GESTATION_TOO_EARLY,
    INVALID_NHS_NUMBER,
    NON_GMS,
    OTHER_ORGANISATION,
    OTHER_PROVIDER_CODE,
    POSSIBLE_OLDER_ADULT_RSV,
    SCHOOL_AGE,
    SEX_NOT_FEMALE,
)

PatientKey = tuple[str, ...]


def patient_key(row: SearchRow) -> PatientKey | None:
    """The same patient: NHS number, or surname and date of birth where there is none."""
    if row.nhs_number:
        return ("nhs", row.nhs_number)
    if row.surname and row.date_of_birth:
        return ("name", "".join(row.surname.lower().split()), row.date_of_birth.isoformat())
    return None


def event_id(row: SearchRow) -> str:
    """Stable id: the same inputs give the same ids."""
    text = f"{row.source}|{row.row}|{row.programme}|{row.date.isoformat()}|{row.nhs_number or ''}"
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _norm(text: str | None) -> str:
    return "".join((text or "").lower().split())


def _age(row: SearchRow) -> int | None:
    if row.date_of_birth is not None:
        return age_on(row.date_of_birth, row.date)
    return row.age


def _own_organisation(practice: Practice) -> set[str]:
    return {_norm(practice.ods_code)} | ({_norm(practice.name)} if practice.name else set())


def is_own_organisation(organisation: str | None, practice: Practice) -> bool:
    """Whether an organisation cell names the practice: its ODS code or name (spaces and
    case aside), or a name with the ODS code in it as a word ("Riverside Medical Centre
    (F99001)", as some exports write it)."""
    org = _norm(organisation)
    if not org:
        return False
    if org in _own_organisation(practice):
        return True
    code = practice.ods_code.strip()
    return len(code) >= 3 and _has_code(organisation or "", code)


@functools.lru_cache(maxsize=4096)
def _has_code(text: str, code: str) -> bool:
    return re.search(rf"(?<![A-Za-z0-9]){re.escape(code)}(?![A-Za-z0-9])", text, re.I) is not None


def practice_never_named(rows: Iterable[SearchRow], practice: Practice) -> str | None:
    """When a file names an organisation for its vaccinations but never the practice, the
    one it names most (a mistyped ODS code shows up so); None if any is the practice."""
    named: Counter[str] = Counter()
    for row in rows:
        if row.kind is RowKind.EVENT and row.has_organisation_column and row.organisation:
            if is_own_organisation(row.organisation, practice):
                return None
            named[row.organisation.strip()] += 1
    return named.most_common(1)[0][0] if named else None


PRACTICE_NOT_NAMED = "no vaccination is recorded by "


def practice_warning(rows: Iterable[SearchRow], practice: Practice) -> str | None:
    """A search file's warning when it never names the practice (`practice_never_named`),
    for the practice details as they are now."""
    named = practice_never_named(rows, practice)
    if named is None:
        return None
    return (
        f"{PRACTICE_NOT_NAMED}{practice.ods_code} (most say {named}): if that is your "
        "practice, correct the ODS code in the practice details, or every one is flagged as "
        "given by another organisation"
    )


PREAMBLE_NAMES = "the lines above its header name the practice "


def _names_practice(named: str, practice: Practice) -> bool | None:
    """Whether a code or name a preamble gives is the practice (None: cannot tell, a name
    where the practice has none)."""
    if is_own_organisation(named, practice):
        return True
    if re.fullmatch(r"[A-Za-z][0-9]{5}", named.strip()):
        return False
    if not practice.name:
        return None
    mine, theirs = _norm(practice.name), _norm(named)
    return bool(theirs) and (mine in theirs or theirs in mine)


def preamble_practice_warning(named: Sequence[tuple[str, str]], practice: Practice) -> str | None:
    """A search file's warning when the lines above its header name a practice (`named`:
    (ODS code or name, the line)) and none is this review's: another practice's search
    would be checked as this one's, as a file with an organisation column would be warned
    of (`practice_warning`); None when one is the practice, or it cannot be told."""
    said = [(text, line) for text, line in named if _names_practice(text, practice) is not None]
    if not said or any(_names_practice(text, practice) for text, _ in said):
        return None
    text, line = said[0]
    line = line if len(line) <= 150 else line[:149] + "…"
    ours = practice.ods_code + (f" ({practice.name})" if practice.name else "")
    return (
        f"{PREAMBLE_NAMES}{text} (“{line}”), not {ours}: check it is your practice's search "
        f"before checking claims with it; if {text} is your practice, correct the practice "
        "details"
    )


def preamble_practice_again(warning: str, practice: Practice) -> str | None:
    """A `preamble_practice_warning` made again for other practice details (None: the
    practice it names is now this one)."""
    text, _, rest = warning.removeprefix(PREAMBLE_NAMES).partition(" (“")
    line = rest.partition("”), not ")[0]
    return preamble_practice_warning([(text, line)], practice)


def row_flags(
    row: SearchRow, programme: Programme, practice: Practice, rules: Rules, age: int | None
) -> set[str]:
    """Flags that need only the row itself (not other rows)."""
    flags: set[str] = set()
    if not is_valid_nhs_number(row.nhs_number):
        flags.add(INVALID_NHS_NUMBER)
    if row.has_organisation_column and not is_own_organisation(row.organisation, practice):
        flags.add(OTHER_ORGANISATION)
    if row.non_gms:
        flags.add(NON_GMS)
    if age is not None:
        too_old = programme.max_age is not None and age >= programme.max_age
        too_young = programme.min_age is not None and age < programme.min_age
        if too_old and programme.over_max_age_flag:
            flags.add(programme.over_max_age_flag)
        elif too_old or too_young:
            flags.add(AGE_OUTSIDE_PROGRAMME)
        elif programme.school_age_below is not None and age < programme.school_age_below:
            flags.add(SCHOOL_AGE)
    if programme.pregnancy:
        if row.sex == "M":
            flags.add(SEX_NOT_FEMALE)
        if row.edd is not None:
            minimum = programme.min_gestation_weeks
            if minimum is not None and gestation_days(row.date, row.edd) < minimum * 7:
                flags.add(GESTATION_TOO_EARLY)
            if (row.date - row.edd).days > rules.after_due_date_days:
                flags.add(AFTER_DUE_DATE)
    return flags


def _near(dates: Sequence[dt.date], day: dt.date, window: int) -> bool:
    """Any date within `window` days of `day` (dates sorted)."""
    i = bisect.bisect_left(dates, day - dt.timedelta(days=window))
    return i < len(dates) and dates[i] <= day + dt.timedelta(days=window)


def flag_events(
    rows: Iterable[SearchRow],
    rules: Rules,
    practice: Practice,
    items_to_review: Container[tuple[str, str]] = (),
) -> list[VaccinationEvent]:
    """Events (not markers) with their flags, sorted by programme, date and NHS number.

    An event needs review when it has a flag or its (programme, month) is in
    `items_to_review` (items with a reason; `reconcile.mark_needs_review` settles it).
    """
    events: list[SearchRow] = []
    markers: dict[tuple[str, PatientKey], list[dt.date]] = defaultdict(list)
    for row in rows:
        if row.kind is RowKind.MARKER:
            key = patient_key(row)
            if key is not None:
                markers[(row.programme, key)].append(row.date)
        else:
            events.append(row)
    for dates in markers.values():
        dates.sort()

    by_patient: dict[tuple[str, PatientKey], list[int]] = defaultdict(list)
    keys: list[PatientKey | None] = []
    for index, row in enumerate(events):
        key = patient_key(row)
        keys.append(key)
        if key is not None:
            by_patient[(row.programme, key)].append(index)

    programmes = {p.id: p for p in rules.programmes}
    duplicates: set[int] = set()
    for (programme_id, _key), indices in by_patient.items():
        if len(indices) < 2:
            continue
        window = programmes[programme_id].duplicate_window_days
        indices.sort(key=lambda i: events[i].date)
        for a, b in itertools.pairwise(indices):
            if (events[b].date - events[a].date).days <= window:
                duplicates.update((a, b))

    result: list[VaccinationEvent] = []
    seen_ids: set[str] = set()
    for index, row in enumerate(events):
        programme = programmes[row.programme]
        age = _age(row)
        flags = row_flags(row, programme, practice, rules, age)
        if index in duplicates:
            flags.add(DUPLICATE_EVENT)
        key = keys[index]
        marker_dates = markers.get((row.programme, key)) if key is not None else None
        if marker_dates and _near(marker_dates, row.date, rules.other_provider_window_days):
            flags.add(OTHER_PROVIDER_CODE)
        eid = event_id(row)
        while eid in seen_ids:  # the same file imported twice: keep ids unique and stable
            eid = hashlib.sha1(eid.encode()).hexdigest()[:12]
        seen_ids.add(eid)
        nhs = row.nhs_number if row.nhs_number and len(row.nhs_number) == 10 else None
        month = month_of(row.date)
        result.append(
            VaccinationEvent(
                id=eid,
                programme=row.programme,
                month=month,
                date=row.date,
                nhs_number=nhs,
                surname=row.surname,
                forenames=row.forenames,
                date_of_birth=row.date_of_birth,
                age=age,
                sex=row.sex if row.sex in ("F", "M") else None,
                code=row.code,
                term=row.term,
                organisation=row.organisation,
                non_gms=row.non_gms,
                edd=row.edd,
                flags=tuple(sorted(flags)),
                needs_review=bool(flags) or (row.programme, month) in items_to_review,
                source=row.source,
                row=row.row,
                nhs_number_as_found=row.nhs_number,
                non_gms_said=row.non_gms_said,
            )
        )
    result.sort(
        key=lambda e: (rules.order(e.programme), e.date, e.nhs_number or "", e.source, e.row)
    )
    return result
