"""Searches that overlap (decision 112): a later file holding, entry for entry,
vaccinations of an earlier one is said, not passed over. Invented people, 999 numbers."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from cqrs_desktop.domain.model import RowKind
from cqrs_desktop.domain.overlap import repeated_from, repeated_words
from cqrs_desktop.domain.review import ReviewInputs
from cqrs_desktop.ui.backend import merge_inputs
from tests.e2e.test_cli import run
from tests.factories import NHS, PRACTICE, row


def _rows(source: str, *people: tuple[int, int]) -> list:  # type: ignore[type-arg]
    """(patient, day of September) each."""
    return [
        row(source=source, row=2 + i, nhs_number=NHS[p], date=dt.date(2024, 9, day))
        for i, (p, day) in enumerate(people)
    ]


def test_a_later_file_repeating_an_earlier_ones_vaccinations_is_counted() -> None:
    a = _rows("a.csv", (0, 2), (1, 3), (2, 4), (2, 4))  # the last: a duplicate entry in a
    b = _rows("b.csv", (1, 3), (2, 4), (3, 5))  # overlaps a by two; one new
    c = _rows("c.csv", (2, 4), (2, 4), (2, 4))  # a's duplicate, and one more entry
    marker = dataclasses.replace(b[0], kind=RowKind.MARKER, row=9)
    found = repeated_from([*a, *b, marker, *c], ["a.csv", "b.csv", "c.csv"])
    assert found == {"b.csv": (2, "a.csv"), "c.csv": (2, "a.csv")}
    # a change in any field is not the same entry (a re-export after marking it Non-GMS)
    changed = [dataclasses.replace(b[0], non_gms=True)]
    assert repeated_from([*a, *changed], ["a.csv", "b.csv"]) == {}
    assert repeated_words(1, "a.csv").startswith(
        "1 vaccination is also in a.csv, entry for entry (the searches overlap): each is "
        "counted twice"
    )


def test_an_overlapping_search_added_to_an_open_review_is_said() -> None:
    def inputs(*files: tuple[str, list]) -> ReviewInputs:  # type: ignore[type-arg]
        from cqrs_desktop.domain.model import SourceSummary

        sources = tuple(SourceSummary(f, f[0] * 64, len(r), len(r), 0, 0) for f, r in files)
        return ReviewInputs(PRACTICE, sources, tuple(x for _f, r in files for x in r), (), ())

    old = inputs(("a.csv", _rows("a.csv", (0, 2), (1, 3))))
    merged, said = merge_inputs(old, inputs(("b.csv", _rows("b.csv", (1, 3)))), False)
    assert merged is not None
    assert said == (f"b.csv: {repeated_words(1, 'a.csv')}",)
    assert merged.sources[1].warnings[-1] == repeated_words(1, "a.csv")


def test_overlapping_searches_on_the_command_line_are_warned_of(tmp_path: Path) -> None:
    header = "NHS Number,Surname,Forename,Date of Birth,Sex,Date,Code,Organisation"
    line = "{},Testperson,Alice,01/01/1990,F,{},956951000000104,F99001"
    august_to_september = [line.format(NHS[0], "20/08/2024"), line.format(NHS[1], "03/09/2024")]
    september_to_october = [line.format(NHS[1], "03/09/2024"), line.format(NHS[2], "07/10/2024")]
    (tmp_path / "aug-sep.csv").write_text("\n".join([header, *august_to_september]) + "\n")
    (tmp_path / "sep-oct.csv").write_text("\n".join([header, *september_to_october]) + "\n")
    result = run(
        "check", "--practice-ods", "F99001", "--search", "aug-sep.csv", "--search",
        "sep-oct.csv", "--out", "out", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (
        "warning: sep-oct.csv: 1 vaccination is also in aug-sep.csv, entry for entry (the "
        "searches overlap): each is counted twice. Import only one of them, or remove one"
    ) in result.stderr
