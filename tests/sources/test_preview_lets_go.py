"""Looking at a file keeps nothing of it once the preview is made.

The preview tries each file as a search and as CQRS figures and keeps the one that fails
as its error; kept with its traceback, that error held the frame that held the other
read in full (every row of a search, the file's bytes), in a reference cycle only
Python's cycle collector frees, which the window runs only between events (decision
350): a pause, and the file's memory kept until then (decision 377). Invented people."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

from cqrs_desktop.domain.model import SearchRow
from cqrs_desktop.domain.rules import Rules
from cqrs_desktop.sources import SearchImport, inspect_file

from .helpers import HEADER, ROWS, write_csv


@pytest.fixture
def cycles_kept() -> Iterator[list[object]]:
    """What the cycle collector would free, kept to look at: automatic collection off."""
    was_on = gc.isenabled()
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        yield gc.garbage
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was_on:
            gc.enable()


def test_a_search_looked_at_is_freed_without_the_cycle_collector(
    tmp_path: Path, rules: Rules, cycles_kept: list[object]
) -> None:
    path = write_csv(tmp_path / "search.csv", [HEADER, *ROWS])
    preview = inspect_file(path, rules)
    assert preview.kind == "search" and not preview.problems
    del preview
    gc.collect()
    left = [o for o in cycles_kept if isinstance(o, SearchImport | SearchRow | FrameType)]
    assert left == []
