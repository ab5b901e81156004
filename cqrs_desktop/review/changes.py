"""What a change to an open review changed: each screen looks at the parts it shows.

Learnt from Anki's `OpChanges`: a typed record instead of words in a signal, so a page
cannot miss a kind of change by misspelling it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    decisions: tuple[str, ...] = ()  # events whose decision record changed
    position: bool = False  # the current event moved
    claims: bool = False  # the claimed counts
    inputs: bool = False  # the files (sources, rows) or what they cover
    practice: bool = False  # the practice's details
    saved: bool = False  # something was written to the review file

    @property
    def review(self) -> bool:
        """A new `Review` replaced the old one (items, flags or coverage may differ)."""
        return self.claims or self.inputs or self.practice

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            decisions=tuple(dict.fromkeys((*self.decisions, *other.decisions))),
            position=self.position or other.position,
            claims=self.claims or other.claims,
            inputs=self.inputs or other.inputs,
            practice=self.practice or other.practice,
            saved=self.saved or other.saved,
        )

    def __bool__(self) -> bool:
        return bool(self.decisions) or self.position or self.review or self.saved


NOTHING = Changes()
