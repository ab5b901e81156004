"""A confident detected mapping is remembered by the window, never by the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

from cqrs_desktop import paths, session
from cqrs_desktop.cli import main
from cqrs_desktop.domain.model import Practice
from cqrs_desktop.sources import load_profile
from cqrs_desktop.sources.table import read_table


def _headers(path: Path) -> list[str]:
    from cqrs_desktop.sources.search import SEARCH_LOOKED_FOR, header_finder

    return list(read_table(path, header_finder(None), SEARCH_LOOKED_FOR).headers)


def test_window_import_remembers_detected_mapping(samples: Path, rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "rsv.csv"
    shutil.copy(samples / "systmone_rsv_search.csv", source)
    assert load_profile(_headers(source)) is None
    session.import_inputs(
        Practice("F99001"), [session.SearchFile(source)], [], [], rules, remember_mappings=True
    )
    profile = load_profile(_headers(source))
    assert profile is not None
    assert profile["NHS number"] == "nhs_number" and profile["Event date"] == "event_date"


def test_command_line_writes_no_profile(samples: Path, tmp_path: Path) -> None:
    code = main(
        [
            "check",
            "--practice-ods",
            "F99001",
            "--search",
            str(samples / "systmone_rsv_search.csv"),
            "--out",
            str(tmp_path / "o"),
        ]
    )
    assert code == 0
    assert not paths.profiles_dir().exists() or not any(paths.profiles_dir().iterdir())
