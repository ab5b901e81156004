"""The same file given twice (any name, any folder) is read once, with a warning naming
both: its vaccinations counted twice made 14 events against 7 claimed."""

from __future__ import annotations

import shutil
from pathlib import Path

from cqrs_desktop import session
from cqrs_desktop.domain.model import Practice
from cqrs_desktop.domain.rules import Rules

PRACTICE = Practice("F99001", "Riverside Medical Centre")


def test_a_search_given_twice_is_read_once(samples: Path, tmp_path: Path, rules: Rules) -> None:
    search = samples / "emis_pertussis_search.csv"
    copy = tmp_path / "copy.csv"
    shutil.copy(search, copy)
    (tmp_path / "same").mkdir()
    same_name = tmp_path / "same" / search.name
    shutil.copy(search, same_name)
    files = [session.SearchFile(p) for p in (search, copy, same_name, search)]
    once = session.import_inputs(PRACTICE, files[:1], [], [], rules)
    result = session.import_inputs(PRACTICE, files, [], [], rules)
    assert len(result.inputs.sources) == 1
    assert result.inputs.rows == once.inputs.rows
    warnings = result.inputs.sources[0].warnings
    assert warnings[-3:] == (
        f"copy.csv has the same contents as {search.name}: it was read once",
        f"{search.name} in {same_name.parent} has the same contents as this one: it was read once",
        f"{search.name} was given twice: it was read once",  # the very file, again
    )
    assert f"{search.name}: copy.csv has the same contents as {search.name}: it was read once" in (
        result.notices
    )


def test_cqrs_figures_given_twice_are_read_once(
    samples: Path, tmp_path: Path, rules: Rules
) -> None:
    figures = samples / "cqrs_figures.csv"
    copy = tmp_path / "figures again.csv"
    shutil.copy(figures, copy)
    search = [session.SearchFile(samples / "emis_pertussis_search.csv")]
    result = session.import_inputs(PRACTICE, search, [figures, copy], [], rules)
    assert [s.file for s in result.inputs.sources] == ["emis_pertussis_search.csv", figures.name]
    assert result.inputs.sources[1].warnings[-1] == (
        f"figures again.csv has the same contents as {figures.name}: it was read once"
    )
