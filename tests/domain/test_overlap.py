"""Searches that overlap (decision 112): a later file holding, entry for entry,
vaccinations of an earlier one is said, not passed over. Invented people, 999 numbers."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from cqrs_desktop.domain.model import RowKind
from cqrs_desktop.domain.overlap import changed_from, repeated_from, repeated_words
from cqrs_desktop.domain.review import ReviewInputs
from cqrs_desktop.ui.backend import merge_inputs, without_source
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
    assert found == {"b.csv": {"a.csv": 2}, "c.csv": {"a.csv": 2}}
    # a change in any field is not the same entry (a re-export after marking it Non-GMS)
    changed = [dataclasses.replace(b[0], non_gms=True)]
    assert repeated_from([*a, *changed], ["a.csv", "b.csv"]) == {}
    assert repeated_words({"a.csv": 1}).startswith(
        "1 vaccination is also in a.csv, entry for entry (the searches overlap): each is "
        "counted twice"
    )
    # one file repeating two others: each is named, with how many
    d = _rows("d.csv", (0, 2), (1, 3), (3, 5))
    found = repeated_from([*a, *b, *d], ["a.csv", "b.csv", "d.csv"])
    assert found["d.csv"] == {"a.csv": 2, "b.csv": 1}
    assert repeated_words(found["d.csv"]).startswith(
        "3 vaccinations are also in a.csv (2) and b.csv (1), entry for entry"
    )


def test_an_overlapping_search_added_to_an_open_review_is_said() -> None:
    def inputs(*files: tuple[str, list]) -> ReviewInputs:  # type: ignore[type-arg]
        from cqrs_desktop.domain.model import SourceSummary

        sources = tuple(SourceSummary(f, f[0] * 64, len(r), len(r), 0, 0) for f, r in files)
        return ReviewInputs(PRACTICE, sources, tuple(x for _f, r in files for x in r), (), ())

    a_rows, b_rows = _rows("a.csv", (0, 2), (1, 3)), _rows("b.csv", (1, 3))
    old = inputs(("a.csv", a_rows))
    merged, said = merge_inputs(old, inputs(("b.csv", b_rows)), False)
    assert merged is not None
    warning = repeated_words({"a.csv": 1})
    assert said == (f"b.csv: {warning}",)
    assert [s.warnings for s in merged.sources] == [(), (warning,)]
    # a.csv imported again unchanged: one warning still, now on a.csv (added last)
    again, said = merge_inputs(merged, inputs(("a.csv", a_rows)), False)
    assert again is not None
    assert [(s.file, s.warnings) for s in again.sources] == [
        ("b.csv", ()),
        ("a.csv", (repeated_words({"b.csv": 1}),)),
    ]
    # another file repeating a.csv too: said, though b.csv's warning reads the same
    c_rows = [dataclasses.replace(r, source="c.csv") for r in _rows("x", (0, 2))]
    _more, said = merge_inputs(merged, inputs(("c.csv", c_rows)), False)
    assert said == (f"c.csv: {repeated_words({'a.csv': 1})}",)
    # the file it overlapped removed, as the warning says: the warning goes too
    left = without_source(merged, "a.csv")
    assert [s.warnings for s in left.sources] == [()]


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


def test_a_vaccination_of_an_earlier_file_with_something_changed_is_counted_too() -> None:
    # b: the search run again after records were corrected: one entry as it was, one now
    # marked Non-GMS, one with the patient's date of birth put right, and one new
    a = _rows("a.csv", (0, 2), (1, 3), (2, 4))
    b = [
        a[0],
        dataclasses.replace(a[1], non_gms=True, non_gms_said=True),
        dataclasses.replace(a[2], date_of_birth=dt.date(1991, 1, 1)),
        *_rows("x", (3, 5)),
    ]
    b = [dataclasses.replace(r, source="b.csv", row=2 + i) for i, r in enumerate(b)]
    files = ["a.csv", "b.csv"]
    assert repeated_from([*a, *b], files) == {"b.csv": {"a.csv": 1}}
    assert changed_from([*a, *b], files) == {"b.csv": {"a.csv": 2}}
    # a duplicate entry of a: the same entry held twice is no change; nor is one file alone
    assert changed_from([*a, *a[:1]], ["a.csv"]) == {}
    assert repeated_words({"a.csv": 1}, {"a.csv": 2}) == (
        "1 vaccination is also in a.csv, entry for entry (the searches overlap): each is "
        "counted twice. 2 more vaccinations are also in a.csv for the same patient and day, "
        "with something changed (as in a search run again after records were corrected) "
        "(the searches overlap): each is in this review twice. Import only one of them, or "
        "remove one"
    )
    assert repeated_words({}, {"a.csv": 1}).startswith(
        "1 vaccination is also in a.csv for the same patient and day, with something changed"
    )


def test_a_search_run_again_after_corrections_is_said_on_the_command_line(
    tmp_path: Path,
) -> None:
    header = "NHS Number,Surname,Forename,Date of Birth,Sex,Date,Code,Organisation"
    line = "{},Testperson,Alice,01/01/1990,F,{},956951000000104,{}"
    before = [
        line.format(NHS[0], "02/09/2024", "F99001"),
        line.format(NHS[1], "03/09/2024", "F99001"),
    ]
    # run again after the second dose was recorded as given at another organisation
    again = [
        line.format(NHS[0], "02/09/2024", "F99001"),
        line.format(NHS[1], "03/09/2024", "R1K01"),
    ]
    (tmp_path / "sep.csv").write_text("\n".join([header, *before]) + "\n")
    (tmp_path / "sep-again.csv").write_text("\n".join([header, *again]) + "\n")
    result = run(
        "check", "--practice-ods", "F99001", "--search", "sep.csv", "--search",
        "sep-again.csv", "--out", "out", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (
        "warning: sep-again.csv: 1 vaccination is also in sep.csv, entry for entry (the "
        "searches overlap): each is counted twice. 1 more vaccination is also in sep.csv for "
        "the same patient and day, with something changed"
    ) in result.stderr
