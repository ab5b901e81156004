"""The two sample exports read as SPEC and expected.json say."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from cqrs_desktop.domain.model import RowKind
from cqrs_desktop.domain.rules import Rules
from cqrs_desktop.sources import read_search


def test_emis_sample(samples: Path, rules: Rules) -> None:
    path = samples / "emis_pertussis_search.csv"
    result = read_search(path, rules)
    summary = result.summary
    assert summary.file == "emis_pertussis_search.csv"
    assert summary.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (summary.rows_read, summary.events, summary.markers, summary.skipped) == (13, 12, 1, 0)
    assert summary.kind == "search" and summary.programme is None
    assert ("Non-GMS", "non_gms") in summary.mapping
    assert result.unassigned == []
    rows = result.rows
    assert [r.row for r in rows] == list(range(6, 19))  # header on line 5 after a preamble
    first = rows[0]
    assert first.nhs_number == "9996317064"
    assert (first.surname, first.forenames, first.sex) == ("Jones", "Tereza", "F")
    assert first.date == dt.date(2024, 9, 3)
    assert first.date_of_birth == dt.date(1994, 10, 25)
    assert first.code == "956951000000104"
    assert first.has_organisation_column and first.organisation == "F99001"
    assert all(r.programme == "pertussis_pregnant" for r in rows)
    marker = next(r for r in rows if r.kind is RowKind.MARKER)
    assert (marker.row, marker.code) == (12, "956971000000108")
    assert [r.row for r in rows if r.non_gms] == [8, 13]
    assert next(r for r in rows if r.row == 15).organisation is None  # blank organisation
    assert next(r for r in rows if r.row == 11).surname == "Novák"  # UTF-8 with BOM


def test_systmone_sample(samples: Path, rules: Rules) -> None:
    result = read_search(samples / "systmone_rsv_search.csv", rules)
    rows = result.rows
    assert [r.row for r in rows] == [2, 3, 4, 5, 6, 7]
    assert all(r.programme == "rsv_pregnant" and r.kind is RowKind.EVENT for r in rows)
    assert rows[0].edd == dt.date(2024, 11, 3)
    assert rows[0].forenames == "Siobhán"
    assert rows[3].edd is None and rows[3].sex == "M"
    assert rows[1].organisation == "RQX"
    assert not any(r.non_gms for r in rows)  # GMS column "Y" everywhere
    assert result.summary.events == 6
