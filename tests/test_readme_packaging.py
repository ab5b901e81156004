"""README's sections for practice staff and for IT are docs/packaging.md's, word for word.

packaging.md says its first two sections are written for the README; the README's copy
gained two paragraphs (where results are offered, what is sent) that packaging.md lacked.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _between(text: str, start: str, end: str) -> str:
    after = text[text.index(start) + len(start) :]
    return after[: after.index(end)].strip()


def test_the_readme_says_for_staff_and_it_what_packaging_says() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    packaging = (REPO / "docs" / "packaging.md").read_text(encoding="utf-8")
    assert _between(readme, "## Installing (for practice staff)", "## For IT") == _between(
        packaging, "## For practice staff", "## For IT"
    )
    assert _between(readme, "## For IT departments", "Building the Windows program") == (
        _between(packaging, "## For IT\n", "## Building")
    )
