"""Large reviews write the workbook in a second process: the results are the same."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from cqrs_desktop import session
from cqrs_desktop.domain.review import Review
from cqrs_desktop.exporting import write_outputs


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


def test_a_result_open_in_another_program_stops_the_export_before_any_file_changes(
    rules, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Windows locks a workbook open in Excel: nothing is written, and the message says which
    file to close. (Linux does not lock files, so the lock is imitated here.)"""
    import pytest

    from cqrs_desktop.errors import ReviewError

    review = _demo_review(rules)
    out = tmp_path / "out"
    write_outputs(review, out, [])
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_open = Path.open

    def locked(self: Path, mode: str = "r", *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == "review.xlsx" and "+" in mode:
            raise PermissionError(13, "The process cannot access the file", str(self))
        return real_open(self, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", locked)
    with pytest.raises(ReviewError, match=r"^review\.xlsx is open in another program"):
        write_outputs(review, out, [])
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_file_that_cannot_be_replaced_at_the_end_leaves_no_temporaries(
    rules, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import os

    import pytest

    from cqrs_desktop.errors import ReviewError

    review = _demo_review(rules)
    out = tmp_path / "out"
    real_replace = os.replace

    def refuse_pdf(src: str, dst: str) -> None:
        if str(dst).endswith("report.pdf"):
            raise PermissionError(13, "Access is denied", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse_pdf)
    with pytest.raises(ReviewError, match=r"^report\.pdf is open in another program"):
        write_outputs(review, out, [])
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
