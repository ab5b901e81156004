"""Save a copy of a review kept deep in a shared drive's folders (past Windows' old
260-character limit, accents and spaces in the names): the copy is made, and a copy over the
review itself, however the path is spelled, leaves it as it is, with no error from Windows'
`resolve()` (decision 299). Invented people, NHS numbers in the 999 range."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cqrs_desktop.domain.model import Decision
from cqrs_desktop.domain.rules import Rules
from cqrs_desktop.domain.walkthrough import WalkThrough
from cqrs_desktop.store import ReviewFile
from tests.deep_folders import LEVEL, deep_folder
from tests.store.test_review_file import make_review, rules_text


def _refuse_resolve(monkeypatch: pytest.MonkeyPatch) -> None:
    """As Windows' resolve() does for a path this long ("More data available")."""

    def refused(self: Path, strict: bool = False) -> Path:
        raise OSError(234, "More data available", str(self))

    monkeypatch.setattr(Path, "resolve", refused)
    monkeypatch.setattr(os.path, "realpath", lambda *a, **k: refused(Path(a[0])))


@pytest.mark.parametrize("resolve", ["as the system has it", "refused"])
def test_a_deep_review_is_copied_and_copied_over_itself_as_it_is(
    rules: Rules, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, resolve: str
) -> None:
    folder = deep_folder(tmp_path)
    path = folder / "A.cqrsreview"
    if resolve == "refused":
        _refuse_resolve(monkeypatch)
    review = make_review(rules)
    with ReviewFile.create(path, review, rules_text()) as store:
        WalkThrough(review, store).decide(Decision.PRACTICE)
        store.save_as(folder / ".." / LEVEL / "A.cqrsreview")  # itself: nothing to do
        store.save_as(folder / "A copy.cqrsreview")
        WalkThrough(review, store).decide(Decision.PRACTICE)  # still the file changed
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == [
        "A copy.cqrsreview",
        "A.cqrsreview",
    ]
    with ReviewFile.open(folder / "A copy.cqrsreview") as copy:
        assert len(copy.load_decisions()) == 1
    with ReviewFile.open(path) as itself:
        assert len(itself.load_decisions()) == 2
