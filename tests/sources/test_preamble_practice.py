"""A search whose lines above the header name a practice that is not the review's: said
on the file, as a file whose organisation column never names the practice is (decision
260). Invented people, 999 numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from cqrs_desktop import session
from cqrs_desktop.domain.model import Practice
from cqrs_desktop.domain.review import Review
from cqrs_desktop.domain.rules import Rules
from cqrs_desktop.sources.preamble_practice import practices_named

from .helpers import HEADER, ROWS, write_csv

OURS = Practice("F99001", "Riverside Medical Centre", None)


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("Practice: Hilltop Surgery (F99002)", ["F99002"]),
        ("ODS code: F99002", ["F99002"]),
        ("Organisation: Hilltop Surgery", ["Hilltop Surgery"]),
        ("Practice Name: Riverside Medical Centre", ["Riverside Medical Centre"]),
        ("F99002 Hilltop Surgery - Pertussis search", ["F99002"]),
        # not a practice named: nothing guessed
        ("Hilltop Surgery", []),
        ("Pertussis vaccinations", []),
        ("Search ID F12345", []),
        ("Population count 12345", []),
        ("Practice: All", []),
    ],
)
def test_the_practice_a_preamble_line_names(line: str, named: list[str]) -> None:
    assert [text for text, _ in practices_named([line])] == named


def _imported(tmp_path: Path, rules: Rules, preamble: str) -> tuple[str, ...]:
    path = write_csv(tmp_path / "search.csv", [HEADER, *ROWS], preamble=preamble)
    result = session.import_inputs(OURS, [session.SearchFile(path)], [], [], rules)
    (source,) = result.inputs.sources
    return source.warnings


SAID = (
    "the lines above its header name the practice F99002 (“Practice: Hilltop Surgery "
    "(F99002)”), not F99001 (Riverside Medical Centre): check it is your practice's search "
    "before checking claims with it; if F99002 is your practice, correct the practice details"
)


def test_another_practice_named_above_the_header_is_said(tmp_path: Path, rules: Rules) -> None:
    warnings = _imported(tmp_path, rules, "Practice: Hilltop Surgery (F99002)\nPertussis\n\n")
    assert SAID in warnings


@pytest.mark.parametrize(
    "preamble",
    [
        "Practice: Riverside Medical Centre (F99001)\n",
        "Practice: riverside medical centre\n",
        "ODS code: f99001\n",
        "Pertussis vaccinations\nSearch period: 01/09/2024 to 30/09/2024\n",
    ],
)
def test_nothing_said_of_the_practice_itself_or_no_practice(
    tmp_path: Path, rules: Rules, preamble: str
) -> None:
    assert not any("lines above its header name" in w for w in _imported(tmp_path, rules, preamble))


def test_the_warning_follows_the_practice_details(tmp_path: Path, rules: Rules) -> None:
    """The practice details corrected in the window: the warning goes when the practice it
    names is now the review's, and names the details as they now are otherwise."""
    path = write_csv(tmp_path / "search.csv", [HEADER, *ROWS], preamble="ODS code: F99002\n")
    inputs = session.import_inputs(OURS, [session.SearchFile(path)], [], [], rules).inputs
    review = Review(inputs, rules)
    other = review.with_practice(Practice("F99003", None, None))
    assert any(w.startswith(
        "the lines above its header name the practice F99002 (“ODS code: F99002”), not F99003:"
    ) for w in other.inputs.sources[0].warnings)  # fmt: skip
    theirs = review.with_practice(Practice("F99002", "Hilltop Surgery", None))
    assert not any("lines above its header" in w for w in theirs.inputs.sources[0].warnings)


def test_the_warning_comes_back_after_a_reopen(tmp_path: Path, rules: Rules) -> None:
    """What the lines name is kept in the review file, so the warning gone with the practice
    details changed to that practice comes back when they change away, after a reopen too
    (decision 296)."""
    from cqrs_desktop.paths import resource
    from cqrs_desktop.review.review_session import ReviewSession

    path = write_csv(tmp_path / "search.csv", [HEADER, *ROWS], preamble="ODS code: F99002\n")
    inputs = session.import_inputs(OURS, [session.SearchFile(path)], [], [], rules).inputs
    text = resource("rules.toml").read_text(encoding="utf-8")
    file = tmp_path / "r.cqrsreview"
    with ReviewSession.create(file, Review(inputs, rules), text) as made:
        made.set_practice(Practice("F99002", None, None))
        assert made.review.inputs.sources[0].warnings == ()
    with ReviewSession.open(file) as reopened:
        assert reopened.review.inputs.sources[0].warnings == ()
        reopened.set_practice(OURS)
        (said,) = reopened.review.inputs.sources[0].warnings
        assert said.startswith("the lines above its header name the practice F99002 (")
    with ReviewSession.open(file) as again:
        assert again.review.inputs.sources[0].warnings == (said,)
