"""Whatever is thrown at the readers, the only failure is a SourceError."""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cqrs_desktop.domain.rules import Rules
from cqrs_desktop.sources import SourceError, inspect_file, read_cqrs, read_decisions, read_search

from .helpers import csv_text, write_xlsx

FAST = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HEADER_WORDS = ["NHS Number", "Surname", "Forename", "Name", "Date of Birth", "Age", "Sex",
                "Date", "Event Date", "Code", "Term", "Organisation", "GMS", "Non-GMS", "EDD",
                "Programme", "Service", "Indicator", "Month", "Value", "Count", "Sep 2024",
                "decision", "nhs_number", "event_id", "action_done", "VACCINATED"]  # fmt: skip
JUNK = ["", " ", "x", "Yes", "No", "✓", "03/09/2024", "31/02/2024", "2024-09", "Sep-24",
        "45538", "9996317064", "999 631 7064", "956951000000104", "956971000000108",
        "866641000000105", "1303503001", "PT001", "RSVP001", "Shingles", "Pertussis", "F",
        "Total", "End of report", "-1", "1e400", "nan", "None", "\"", "'", ",", ";", "\t",
        "=1+1", "\u2028", "\x00", "\ufeff", "9" * 40]  # fmt: skip

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
cell = st.one_of(st.sampled_from(JUNK), st.sampled_from(HEADER_WORDS), text)
row = st.lists(cell, min_size=0, max_size=8)
table = st.lists(row, min_size=0, max_size=25)
prefixes = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"PK\x03\x04",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\x89PNG"]  # fmt: skip


def survives(path: Path, rules: Rules) -> None:
    """Every reader either reads the file or raises SourceError; the preview never raises."""
    try:
        result = read_search(path, rules)
    except SourceError as error:
        assert str(error).startswith(path.name)
    else:
        s = result.summary
        assert s.rows_read == s.events + s.markers + s.skipped
        assert len(result.rows) == s.events + s.markers
        assert len(result.unassigned) <= s.skipped
    with contextlib.suppress(SourceError):
        read_cqrs(path, rules)
    with contextlib.suppress(SourceError):
        read_decisions(path)
    preview = inspect_file(path, rules)
    assert preview.kind in ("search", "cqrs", "unknown")
    assert not any("unexpected problem" in p for p in preview.problems)


@FAST
@given(prefix=st.sampled_from(prefixes), body=st.binary(max_size=3000))
def test_random_bytes(tmp_path: Path, rules: Rules, prefix: bytes, body: bytes) -> None:
    path = tmp_path / "random.csv"
    path.write_bytes(prefix + body)
    survives(path, rules)


@FAST
@given(
    rows=table,
    delimiter=st.sampled_from([",", "\t", ";", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
    header=st.lists(st.sampled_from(HEADER_WORDS), min_size=2, max_size=9, unique=True),
    preamble=st.integers(min_value=0, max_value=4),
)
def test_random_csv_shapes(
    tmp_path: Path,
    rules: Rules,
    rows: list[list[str]],
    delimiter: str,
    encoding: str,
    header: list[str],
    preamble: int,
) -> None:
    content = "Report\n" * preamble + csv_text([header, *rows], delimiter)
    path = tmp_path / "shape.txt"
    path.write_bytes(content.encode(encoding, errors="replace"))
    survives(path, rules)


@FAST
@given(rows=table, cut=st.booleans())
def test_random_csv_cut_anywhere(
    tmp_path: Path, rules: Rules, rows: list[list[str]], cut: bool
) -> None:
    data = csv_text([["NHS Number", "Date", "Code", "Programme"], *rows]).encode("utf-8")
    path = tmp_path / "cut.csv"
    path.write_bytes(data[: len(data) // 2] if cut else data)
    survives(path, rules)


excel_cell = st.one_of(
    cell,
    st.none(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
)


@settings(FAST, max_examples=25)
@given(
    header=st.lists(st.sampled_from(HEADER_WORDS), min_size=2, max_size=8, unique=True),
    rows=st.lists(st.lists(excel_cell, max_size=8), max_size=10),
)
def test_random_workbooks(
    tmp_path: Path, rules: Rules, header: list[str], rows: list[list[object]]
) -> None:
    clean = [[v.replace("\x00", "") if isinstance(v, str) else v for v in r] for r in rows]
    clean = [[v for v in r if not (isinstance(v, str) and _illegal_in_xlsx(v))] for r in clean]
    path = write_xlsx(tmp_path / "random.xlsx", {"Sheet1": [header, *clean]})
    survives(path, rules)


def _illegal_in_xlsx(value: str) -> bool:
    return any(ord(ch) < 32 and ch not in "\t\n\r" for ch in value) or value.startswith("=")
