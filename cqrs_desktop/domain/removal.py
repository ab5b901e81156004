"""What removing a search file from a review kept, in a line for the status bar.

A removed search's decisions are kept by vaccination (programme, date and patient) and
come back when the file is added again (decision 109); what cannot be kept so is said: the
entries of a duplicate, or of a patient with no NHS number or date of birth, which cannot be
told apart; a mark of unsure (no decision); a note on an event not decided.
"""

from __future__ import annotations

from cqrs_desktop.domain.explain import counted
from cqrs_desktop.domain.model import FINAL_DECISIONS, Decision
from cqrs_desktop.domain.review import Review


def removed_words(file: str, before: Review, after: Review) -> str:
    """'Removed FILE from the review: its 3 decisions are kept and come back if you add it
    again; 1 marked unsure is not kept', from the review before and after the removal."""
    records = [before.decisions.get(e.id) for e in before.events if e.source == file]
    decided = sum(1 for r in records if r is not None and r.decision in FINAL_DECISIONS)
    unsure = sum(1 for r in records if r is not None and r.decision is Decision.UNSURE)
    noted = sum(1 for r in records if r is not None and r.decision is None and r.note)
    kept = min(decided, sum(1 for held in after.held if held[11] == file))
    said = f"Removed {file} from the review"
    come = "is kept and comes" if kept == 1 else "are kept and come"
    if kept == decided and kept:
        said += f": its {counted(kept, 'decision')} {come} back if you add it again"
    elif kept:
        said += f": {kept} of its {decided} decisions {come} back if you add it again"
    lost = []
    if decided > kept:
        lost.append(
            f"{counted(decided - kept, 'decision')} of entries that cannot be told apart (a "
            "duplicate entry, or no NHS number or date of birth)"
        )
    lost += [f"{unsure} marked unsure"] if unsure else []
    lost += [f"{counted(noted, 'note')} on events not decided"] if noted else []
    if lost:
        many = decided - kept + unsure + noted > 1
        said += f"{';' if kept else ':'} {' and '.join(lost)} {'are' if many else 'is'} not kept"
    return said
