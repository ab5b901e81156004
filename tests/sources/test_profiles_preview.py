"""Remembered mappings and the import preview."""

from __future__ import annotations

from pathlib import Path

import pytest

from cqrs_desktop.domain.rules import Rules
from cqrs_desktop.paths import profiles_dir
from cqrs_desktop.sources import (
    inspect_file,
    load_profile,
    propose_mapping,
    read_search,
    save_profile,
)

from .helpers import HEADER, PERTUSSIS, ROWS, write_csv

ODD_HEADER = ["Ref", "When", "What", "Who"]
ODD_ROWS = [["9990682887", "04/09/2024", PERTUSSIS, "Patel"]]
ODD_MAPPING = {"Ref": "nhs_number", "When": "event_date", "What": "code", "Who": "surname"}


def test_profile_round_trip(private_home: Path) -> None:
    assert load_profile(ODD_HEADER) is None
    saved = save_profile(ODD_HEADER, ODD_MAPPING)
    assert saved.parent == profiles_dir()
    assert str(private_home) in str(saved)
    assert load_profile(ODD_HEADER) == ODD_MAPPING
    # Same header but for case and spacing: same profile, names carried over.
    assert load_profile(["REF", "when ", "What", "who"]) == {
        "REF": "nhs_number", "when ": "event_date", "What": "code", "who": "surname",
    }  # fmt: skip
    assert load_profile([*ODD_HEADER, "Extra"]) is None


def test_profile_refuses_bad_mappings() -> None:
    with pytest.raises(ValueError, match="not one of the file's columns"):
        save_profile(ODD_HEADER, {"Nope": "code"})
    with pytest.raises(ValueError, match="not a column role"):
        save_profile(ODD_HEADER, {"Ref": "shoe_size"})
    with pytest.raises(ValueError, match="both mapped"):
        save_profile(ODD_HEADER, {"Ref": "code", "What": "code"})


def test_corrupt_profile_is_ignored() -> None:
    path = save_profile(ODD_HEADER, ODD_MAPPING)
    path.write_text("{not json", encoding="utf-8")
    assert load_profile(ODD_HEADER) is None


def test_read_search_uses_a_remembered_profile(tmp_path: Path, rules: Rules) -> None:
    path = write_csv(tmp_path / "odd.csv", [["Practice report"], ODD_HEADER, *ODD_ROWS])
    assert "no header row" in inspect_file(path, rules).problems[0]
    save_profile(ODD_HEADER, ODD_MAPPING)
    (row,) = read_search(path, rules).rows
    assert (row.row, row.nhs_number, row.surname, row.code) == (3, "9990682887", "Patel", PERTUSSIS)
    preview = inspect_file(path, rules)
    assert preview.profile_used and preview.kind == "search" and preview.header_row == 2


def test_proposed_mapping_confidence() -> None:
    guesses = propose_mapping(["NHS No", "Date jab given", "Date of Birth", "Misc", "Date"])
    got = [(g.header, g.role, g.confidence) for g in guesses]
    assert got[0] == ("NHS No", "nhs_number", 1.0)
    assert got[2] == ("Date of Birth", "date_of_birth", 1.0)
    assert got[3] == ("Misc", None, 0.0)
    assert got[4] == ("Date", "event_date", 1.0)  # the exact synonym beats the guess
    assert got[1][1] is None  # each role once


def test_preview_of_a_search(samples: Path, rules: Rules) -> None:
    preview = inspect_file(samples / "emis_pertussis_search.csv", rules)
    assert (preview.kind, preview.header_row, preview.header_index) == ("search", 5, 4)
    assert preview.headers[:2] == ("NHS Number", "Surname")
    assert len(preview.rows) == 13 and preview.rows[0][0] == "999 631 7064"
    assert preview.row_count == 13
    assert preview.programmes == ("pertussis_pregnant",)
    assert preview.problems == ()
    assert all(g.confidence == 1.0 for g in preview.mapping)


def test_preview_of_cqrs_figures(samples: Path, rules: Rules) -> None:
    preview = inspect_file(samples / "cqrs_figures.csv", rules)
    assert preview.kind == "cqrs"
    assert preview.programmes == ("pertussis_pregnant", "rsv_pregnant", "hpv")
    assert preview.problems == ("Shingles rows left out: not a programme this review checks",)
    assert [g.role for g in preview.mapping] == ["programme", "programme", "month", "count"]


def test_preview_of_wide_cqrs_figures_says_a_total_is_not_used(
    tmp_path: Path, rules: Rules
) -> None:
    """A column per month: the counts come from the months; a "Total" beside them is read
    for nothing (before, it was labelled as the count)."""
    path = tmp_path / "wide.csv"
    path.write_text("Indicator,Sep 2024,Oct 2024,Total\nPT001,7,5,12\n", encoding="utf-8")
    preview = inspect_file(path, rules)
    assert preview.kind == "cqrs" and preview.problems == ()
    assert [g.role for g in preview.mapping] == ["programme", "month", "month", None]


def test_preview_only_first_rows(tmp_path: Path, rules: Rules) -> None:
    path = write_csv(tmp_path / "s.csv", [HEADER] + [ROWS[0]] * 50)
    preview = inspect_file(path, rules)
    assert len(preview.rows) == 20 and preview.row_count == 50


def test_preview_reports_problems_instead_of_raising(tmp_path: Path, rules: Rules) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert inspect_file(empty, rules).problems == ("empty.csv: the file is empty",)
    assert inspect_file(empty, rules).kind == "unknown"
    junk_dates = [[*r[:5], "soon", *r[6:]] for r in ROWS]
    preview = inspect_file(write_csv(tmp_path / "s.csv", [HEADER, *junk_dates]), rules)
    assert preview.kind == "search" and preview.headers == tuple(HEADER)
    assert "no dates that can be read" in preview.problems[0]
    missing = inspect_file(tmp_path / "gone.csv", rules)
    assert "could not be opened" in missing.problems[0]
