"""Whether two paths name one file, as the app asks it before reading a file twice or copying
a review over itself: by name as Windows compares names, or by the disk's own file number,
never by `Path.resolve()`, which fails on a long path under Windows (decision 298)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from cqrs_desktop.paths import absolute, same_file, same_name
from tests.deep_folders import LEVEL, deep_folder


def _no_resolve(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(self: Path, strict: bool = False) -> Path:
        raise OSError(234, "More data available", str(self))

    monkeypatch.setattr(Path, "resolve", refused)
    monkeypatch.setattr(os.path, "realpath", lambda *a, **k: refused(Path(a[0])))


def test_one_file_in_a_deep_folder_by_two_spellings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = deep_folder(tmp_path)
    review = folder / "A.cqrsreview"
    review.write_bytes(b"review")
    (folder / "B.cqrsreview").write_bytes(b"review")
    _no_resolve(monkeypatch)  # as Windows does for a path this long
    assert len(str(review)) > 280
    assert same_file(review, folder / "." / "A.cqrsreview")
    assert same_file(review, folder / ".." / LEVEL / "A.cqrsreview")
    assert not same_file(review, folder / "B.cqrsreview")
    assert not same_file(review, folder / "C.cqrsreview")  # not there: not the same file
    # neither there yet: the same name in the same folder
    assert same_file(folder / "new" / "C.cqrsreview", folder / "new" / "." / "C.cqrsreview")
    assert not same_file(folder / "new" / "C.cqrsreview", folder / "old" / "C.cqrsreview")


def test_a_relative_name_is_the_file_it_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "A.cqrsreview").write_bytes(b"review")
    monkeypatch.chdir(tmp_path)
    _no_resolve(monkeypatch)
    assert same_file("A.cqrsreview", tmp_path / "A.cqrsreview")
    assert same_name("A.cqrsreview", tmp_path / "A.cqrsreview")
    assert absolute("A.cqrsreview") == tmp_path / "A.cqrsreview"


@pytest.mark.skipif(sys.platform != "win32", reason="Windows' names")
def test_windows_names_of_one_file(tmp_path: Path) -> None:
    folder = deep_folder(tmp_path)
    review = folder / "A.cqrsreview"
    review.write_bytes(b"review")
    for other in (
        str(review).upper(),
        str(review).replace("\\", "/"),
        "\\\\?\\" + str(review),
    ):
        assert same_file(review, other), other
        assert same_name(review, other), other
    assert same_name(r"\\?\UNC\server\share\CQRS\A.cqrsreview", r"\\SERVER\share\cqrs\a.cqrsreview")
    assert str(absolute(review)) == str(review)  # shown as given: no \\?\ put before it


@pytest.mark.skipif(sys.platform == "win32", reason="a link needs rights on Windows")
def test_a_link_to_a_folder_names_the_same_file(tmp_path: Path) -> None:
    """As a mapped drive (S:\\) and its share (\\\\server\\share) do on Windows."""
    (tmp_path / "share").mkdir()
    (tmp_path / "share" / "A.cqrsreview").write_bytes(b"review")
    (tmp_path / "S").symlink_to(tmp_path / "share", target_is_directory=True)
    assert same_file(tmp_path / "S" / "A.cqrsreview", tmp_path / "share" / "A.cqrsreview")
    assert not same_name(tmp_path / "S" / "A.cqrsreview", tmp_path / "share" / "A.cqrsreview")


def test_a_drive_that_numbers_no_file_proves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some network drives say 0 as every file's number: two files there stay two."""
    (tmp_path / "A.cqrsreview").write_bytes(b"a")
    (tmp_path / "B.cqrsreview").write_bytes(b"b")
    real_stat = os.stat

    def unnumbered(path: str) -> os.stat_result:
        kept = list(real_stat(path))
        kept[1], kept[2] = 0, 7  # st_ino, st_dev
        return os.stat_result(kept)

    monkeypatch.setattr(os, "stat", unnumbered)
    assert not same_file(tmp_path / "A.cqrsreview", tmp_path / "B.cqrsreview")
