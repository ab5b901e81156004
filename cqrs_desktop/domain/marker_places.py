"""Where the "given by another provider" code beside a dose is (decision 330).

An event flagged `other_provider_code` has such a code row of the same patient and
programme within the marker window (SPEC section 4). Evidence that the dose was recoded
names that row too: the dose's own row still shows the practice's code, so naming it alone
sends whoever checks the evidence to a row that shows no change.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from cqrs_desktop.domain.flags import PatientKey, patient_key
from cqrs_desktop.domain.model import RowKind, VaccinationEvent
from cqrs_desktop.domain.review import Review


def _none(_event: VaccinationEvent) -> str | None:
    return None


def marker_places(review: Review) -> Callable[[VaccinationEvent], str | None]:
    """`place(event)`: "FILE, row N" of the code row nearest the event's day that made
    its `other_provider_code` flag, or None where the searches hold no such row."""
    window = review.rules.other_provider_window_days
    markers: dict[tuple[str, PatientKey], list[tuple[dt.date, str, int]]] = defaultdict(list)
    for row in review.inputs.rows:
        if row.kind is RowKind.MARKER and (key := patient_key(row)) is not None:
            markers[(row.programme, key)].append((row.date, row.source, row.row))
    if not markers:  # the usual search: no code rows, nothing to look up
        return _none
    patients = {
        (row.source, row.row): key
        for row in review.inputs.rows
        if row.kind is not RowKind.MARKER and (key := patient_key(row)) is not None
    }

    def place(event: VaccinationEvent) -> str | None:
        key = patients.get((event.source, event.row))
        if key is None:
            return None
        near = [
            (days, source, row)
            for day, source, row in markers.get((event.programme, key), ())
            if (days := abs((day - event.date).days)) <= window
        ]
        if not near:
            return None
        _days, source, row = min(near)
        return f"{source}, row {row}"

    return place
