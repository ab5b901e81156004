"""Earlier reviews wherever a practice keeps them on Windows: folders with spaces, accents
and signs in their names, a network share (or a mapped drive, which Windows resolves to
one), a long path. Each is listed and read, and only read (decision 243). Invented people,
NHS numbers in the 999 range."""

from __future__ import annotations

import sqlite3
from pathlib import Path, PureWindowsPath

import pytest

from cqrs_desktop.store.earlier_review import about_review, read_earlier_review, read_only_uri
from tests.ui import carry_months as months
from tests.windows_files import windows_only


def _unchanged(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.mark.parametrize("folder", ["Práctica Ü", "CQRS reviews #2 (100%)"])
def test_an_earlier_review_in_a_folder_of_any_name_is_listed_and_read(
    tmp_path: Path, folder: str
) -> None:
    place = tmp_path / folder
    place.mkdir()
    review = months.review_a(place)
    before = _unchanged(review)
    about = about_review(review)
    assert (about.problem, about.ods_code, about.decided) == (None, months.ODS, 6)
    assert len(read_earlier_review(review).rows) == 6
    assert _unchanged(review) == before
    assert sorted(p.name for p in place.iterdir() if p.suffix == ".cqrsreview") == [
        "A.cqrsreview"
    ]  # no journal left beside it


def test_a_review_on_a_network_share_is_given_to_sqlite_with_no_server_in_the_way() -> None:
    share = PureWindowsPath(r"\\server\share\Práctica Ü\A.cqrsreview")
    uri = read_only_uri(share)
    assert uri == "file:////server/share/Pr%C3%A1ctica%20%C3%9C/A.cqrsreview?mode=ro"
    # SQLite takes it as a file to open (here there is none), not as a server it refuses
    with pytest.raises(sqlite3.OperationalError) as refused:
        sqlite3.connect(uri, uri=True).execute("SELECT 1 FROM sqlite_master")
    assert "authority" not in str(refused.value)
    drive = PureWindowsPath(r"S:\CQRS\A 100%.cqrsreview")
    assert read_only_uri(drive) == "file:///S:/CQRS/A%20100%25.cqrsreview?mode=ro"


@windows_only("Windows' own long-path form")
def test_an_earlier_review_by_its_long_path_form_is_listed_and_read(tmp_path: Path) -> None:
    # Windows gives a path too long for its old limit as \\?\C:\... (so does resolve())
    review = months.review_a(tmp_path)
    before = _unchanged(review)
    long_form = Path("\\\\?\\" + str(review))
    about = about_review(long_form)
    assert (about.problem, about.decided) == (None, 6)
    assert len(read_earlier_review(long_form).rows) == 6
    assert _unchanged(review) == before
