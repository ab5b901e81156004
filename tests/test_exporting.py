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
