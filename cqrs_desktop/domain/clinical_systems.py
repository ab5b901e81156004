"""Which clinical system a search export came from, when the file itself says so.

The advice on changing a record (tick Non-GMS in EMIS Web, set GMS status in SystmOne, "In
Practice" in Vision) depends on the system the record lives in. A practice uses one, and its
setting says which; but a review can hold a file from another system (a merged practice, the
demo), and a SystmOne row must not get EMIS Web steps. The file's name and its column names
are the evidence: only a file that points to exactly one system is taken as that system's.
"""

from __future__ import annotations

import re

from cqrs_desktop.domain.model import SourceSummary

# The words each system's exports (or the names practices give them) carry.
_NAME_WORDS: dict[str, tuple[str, ...]] = {
    "emis": ("emis",),
    "systmone": ("systmone", "systm one", "system one", "tpp"),
    "vision": ("vision",),
}
# Column names only one system uses: SystmOne's "Event done at/by", Vision's "In Practice".
_HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "systmone": ("event done at", "event done by"),
    "vision": ("in practice",),
}


def _words(text: str) -> str:
    return " " + " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split()) + " "


def source_system(source: SourceSummary) -> str | None:
    """ "emis", "systmone" or "vision" when the file points to exactly that system, else None
    (then the practice's own setting applies)."""
    if source.kind != "search":
        return None
    found: set[str] = set()
    name = _words(source.file)
    for system, words in _NAME_WORDS.items():
        # a word of the name starts with the hint: "EMISWeb_export.csv", "SystmOne S1.csv"
        if any(f" {w}" in name for w in words):
            found.add(system)
    headers = [_words(header) for header, _role in source.mapping]
    for system, words in _HEADER_WORDS.items():
        if any(f" {w} " in header for header in headers for w in words):
            found.add(system)
    return found.pop() if len(found) == 1 else None
