"""Writing the results: the same from one process or two, and all or nothing when a file
is held or read-only (imitated on Linux; on Windows, held for real)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
from pathlib import Path

import openpyxl
import pytest

from cqrs_desktop import session
from cqrs_desktop.domain.review import Review
from cqrs_desktop.errors import ReviewError
from cqrs_desktop.exporting import write_outputs
from cqrs_desktop.reports.declaration import declaration_notes_text
from cqrs_desktop.reports.email import build_email, email_text
from cqrs_desktop.reports.summary import build_summary
from tests.windows_files import (
    FILE_SHARE_DELETE,
    FILE_SHARE_READ,
    FILE_SHARE_WRITE,
    HOLDERS,
    hold,
    windows_only,
)

only_on_windows = windows_only("Windows file sharing (Linux has none)")


def _values(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(path)
    return {
        sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
        if sheet.title != "Summary"  # holds the time it was made
    }


def test_workbook_in_a_second_process_is_the_same(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    imported = session.import_inputs(
        session.demo_practice(), session.demo_searches(), session.demo_cqrs_files(), [], rules
    )
    review = Review(imported.inputs, rules)
    serial = write_outputs(review, tmp_path / "serial", [])
    parallel = write_outputs(review, tmp_path / "parallel", [], parallel_from=1)
    assert sorted(p.name for p in serial) == sorted(p.name for p in parallel)
    assert _values(tmp_path / "serial" / "review.xlsx") == _values(
        tmp_path / "parallel" / "review.xlsx"
    )
    leftovers = [p.name for p in (tmp_path / "parallel").iterdir() if p.name.startswith(".")]
    assert leftovers == []


def _demo_review(rules) -> Review:  # type: ignore[no-untyped-def]
    imported = session.import_inputs(
        session.demo_practice(), session.demo_searches(), session.demo_cqrs_files(), [], rules
    )
    return Review(imported.inputs, rules)


def _contents(out: Path) -> dict[str, bytes]:
    """Every file in the folder, hidden ones (temporaries, backups) included."""
    return {p.name: p.read_bytes() for p in out.iterdir()}


@pytest.fixture(scope="module")
def demo_review(rules) -> Review:  # type: ignore[no-untyped-def]
    return _demo_review(rules)


@pytest.fixture(scope="module")
def first_results(demo_review: Review, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The results of one run, to copy as 'the folder before the next run'."""
    out = tmp_path_factory.mktemp("first") / "out"
    write_outputs(demo_review, out, [])
    return out


@pytest.fixture
def out(first_results: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "out"
    shutil.copytree(first_results, copy)
    return copy


def _refusing_rename(monkeypatch: pytest.MonkeyPatch, name: str, from_attempt: int = 1) -> None:
    """Imitate Windows refusing to rename `name` (a program holds it), from the given
    attempt on: Linux lets any file be renamed."""
    real_rename = os.rename
    attempts = 0

    def rename(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        nonlocal attempts
        if Path(src).name == name:
            attempts += 1
            if attempts >= from_attempt:
                raise PermissionError(32, "The process cannot access the file", str(src))
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)


def test_a_result_open_in_another_program_stops_the_export_before_any_file_changes(
    demo_review: Review, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to rename a workbook open in Excel: nothing is written, and the
    message says which file to close. (Imitated here; the real thing is below.)"""
    before = _contents(out)
    _refusing_rename(monkeypatch, "review.xlsx")
    with pytest.raises(ReviewError, match=r"^review\.xlsx is open in another program"):
        write_outputs(demo_review, out, [])
    assert _contents(out) == before


def test_a_file_taken_during_the_run_leaves_every_old_result_untouched(
    demo_review: Review, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """report.pdf is free when the run starts and held when the new files are ready (the
    user opened it meanwhile): the other six results, already set aside by then, go back,
    and no temporary or backup is left."""
    before = _contents(out)
    _refusing_rename(monkeypatch, "report.pdf", from_attempt=2)  # free for the first check
    with pytest.raises(ReviewError, match=r"^report\.pdf is open in another program"):
        write_outputs(demo_review, out, [])
    assert _contents(out) == before


def test_a_new_file_that_cannot_go_in_puts_the_old_results_back(
    demo_review: Review, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _contents(out)
    real_replace = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        new_file = not Path(src).name.endswith(".old")  # not a backup going back
        if Path(dst).name == "worksheet.pdf" and new_file:
            raise PermissionError(5, "Access is denied", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(ReviewError, match=r"^worksheet\.pdf is open in another program"):
        write_outputs(demo_review, out, [])
    assert _contents(out) == before


def test_a_read_only_result_is_refused_before_any_file_changes(
    demo_review: Review, out: Path
) -> None:
    target = out / "email.txt"
    target.chmod(stat.S_IREAD)
    try:
        if os.access(target, os.W_OK):
            pytest.skip("this user may write to read-only files (root): nothing to refuse")
        before = _contents(out)
        with pytest.raises(
            ReviewError, match=r"^email\.txt is open in another program or read-only"
        ):
            write_outputs(demo_review, out, [])
        assert _contents(out) == before
    finally:
        target.chmod(stat.S_IREAD | stat.S_IWRITE)


def test_a_run_replaces_every_result_and_leaves_nothing_else(
    demo_review: Review, out: Path
) -> None:
    before = _contents(out)
    written = write_outputs(demo_review, out, [])
    assert sorted(p.name for p in written) == sorted(before)
    assert sorted(p.name for p in out.iterdir()) == sorted(before)


def test_a_results_folder_that_cannot_be_made_is_bad_input(
    demo_review: Review, tmp_path: Path
) -> None:
    (tmp_path / "taken").write_text("a file, not a folder")
    with pytest.raises(ReviewError, match=r"^out: the results folder could not be made \("):
        write_outputs(demo_review, tmp_path / "taken" / "out", [])


def test_one_line_ending_rule_on_every_platform(demo_review: Review, out: Path) -> None:
    """CRLF for the text people open, LF for review.json: the same bytes on Linux and
    Windows (Python's text mode alone would give CRLF on one and LF on the other)."""
    for name in ("email.txt", "declaration_notes.txt", "email.eml"):
        data = (out / name).read_bytes()
        assert data.count(b"\n") > 3 and data.count(b"\n") == data.count(b"\r\n"), name
    review_json = (out / "review.json").read_bytes()
    assert b"\n" in review_json and b"\r" not in review_json
    summary = build_summary(demo_review)
    message = build_email(summary, demo_review.rules.team_email)
    assert (out / "email.txt").read_bytes() == email_text(message).replace("\n", "\r\n").encode(
        "utf-8"
    )
    assert (out / "declaration_notes.txt").read_bytes() == declaration_notes_text(summary).replace(
        "\n", "\r\n"
    ).encode("utf-8")


# ----- Windows, for real: files held the ways Windows programs hold them ------------------


@only_on_windows
@pytest.mark.parametrize("holder", sorted(HOLDERS))
@pytest.mark.parametrize("name", ["review.xlsx", "report.pdf"])
def test_a_held_result_stops_the_run_before_any_file_changes(
    demo_review: Review, out: Path, holder: str, name: str
) -> None:
    share, access = HOLDERS[holder]
    before = _contents(out)
    with hold(out / name, share, access):
        with pytest.raises(ReviewError, match=rf"^{re.escape(name)} is open in another program"):
            write_outputs(demo_review, out, [])
        assert sorted(p.name for p in out.iterdir()) == sorted(before)  # nothing left over
    assert _contents(out) == before  # read once let go: Excel's way shares no reading


@only_on_windows
@pytest.mark.parametrize("holder", sorted(HOLDERS))
def test_a_result_held_during_the_run_leaves_every_old_result_untouched(
    demo_review: Review, out: Path, monkeypatch: pytest.MonkeyPatch, holder: str
) -> None:
    """The issue's case: report.pdf, the last result put in place, is opened while the new
    results render. The six before it must not be replaced either."""
    import cqrs_desktop.exporting as exporting

    share, access = HOLDERS[holder]
    before = _contents(out)
    with contextlib.ExitStack() as holding:
        real_write = exporting.write_report_pdf

        def write_then_open_the_old_one(summary, path):  # type: ignore[no-untyped-def]
            result = real_write(summary, path)
            holding.enter_context(hold(out / "report.pdf", share, access))
            return result

        monkeypatch.setattr(exporting, "write_report_pdf", write_then_open_the_old_one)
        with pytest.raises(ReviewError, match=r"^report\.pdf is open in another program"):
            write_outputs(demo_review, out, [])
        assert sorted(p.name for p in out.iterdir()) == sorted(before)
    assert _contents(out) == before


@only_on_windows
def test_a_result_held_with_delete_sharing_is_replaced(demo_review: Review, out: Path) -> None:
    """A viewer that shares delete lets the file be renamed: the run replaces it, the viewer
    keeps the old copy until it lets go, and then nothing is left over."""
    before = _contents(out)
    with hold(out / "report.pdf", FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE):
        written = write_outputs(demo_review, out, [])
    assert sorted(p.name for p in written) == sorted(before)
    assert sorted(p.name for p in out.iterdir()) == sorted(before)


@only_on_windows
def test_a_read_only_result_is_refused_on_windows(demo_review: Review, out: Path) -> None:
    """Windows cannot replace a read-only file (the attribute; Wine replaces it anyway, so
    the check is ours)."""
    target = out / "declaration_notes.txt"
    target.chmod(stat.S_IREAD)
    try:
        assert not os.access(target, os.W_OK)
        before = _contents(out)
        with pytest.raises(ReviewError, match=r"^declaration_notes\.txt is open in another"):
            write_outputs(demo_review, out, [])
        assert _contents(out) == before
    finally:
        target.chmod(stat.S_IREAD | stat.S_IWRITE)
