"""What removing a search file from a review kept, in a line for the status bar.

A removed search's decisions are kept by vaccination (programme, date and patient) and
come back when the file is added again (decision 109); what cannot be kept so is said: the
entries of a duplicate, or of a patient with no NHS number or date of birth, which cannot be
told apart; a mark of unsure (no decision); a note on an event not decided.
"""

from __future__ import annotations

from cqrs_desktop.domain.earlier import kept_source
from cqrs_desktop.domain.explain import counted
from cqrs_desktop.domain.model import FINAL_DECISIONS, Decision
from cqrs_desktop.domain.review import Review
from cqrs_desktop.domain.vaccination_keys import event_key


def removed_words(file: str, before: Review, after: Review) -> str:
    """'Removed FILE from the review: its 3 decisions are kept and come back if you add it
    again; 1 marked unsure is not kept', from the review before and after the removal."""
    events = [e for e in before.events if e.source == file]
    records = [(e, before.decisions.get(e.id)) for e in events]
    decided = [e for e, r in records if r is not None and r.decision in FINAL_DECISIONS]
    unsure = sum(1 for _e, r in records if r is not None and r.decision is Decision.UNSURE)
    noted = sum(1 for _e, r in records if r is not None and r.decision is None and r.note)
    sha = next((s.sha256 for s in before.inputs.sources if s.file == file), None)
    made_here = kept_source(file, sha)
    held = {row[0] for row in after.held if row[11] == made_here}  # to come back
    elsewhere = {event_key(e) for e in after.events if e.id in after.decisions}
    keys = [event_key(e) for e in decided]
    back = sum(1 for k in keys if k in held)
    moved = sum(1 for k in keys if k not in held and k in elsewhere)  # an overlapping copy
    kept = back + moved
    said = f"Removed {file} from the review"
    come = "is kept" if kept == 1 else "are kept"
    where = (
        f"and {'comes' if kept == 1 else 'come'} back if you add it again"
        if not moved
        else "(on the same vaccination in another search"
        + (", or to come back if you add it again)" if back else ")")
    )
    if kept and kept == len(decided):
        said += f": its {counted(kept, 'decision')} {come} {where}"
    elif kept:
        said += f": {kept} of its {len(decided)} decisions {come} {where}"
    lost = []
    if len(decided) > kept:
        lost.append(
            f"{counted(len(decided) - kept, 'decision')} of entries that cannot be told apart "
            "(a duplicate entry, or no NHS number or date of birth)"
        )
    lost += [f"{unsure} marked unsure"] if unsure else []
    lost += [f"{counted(noted, 'note')} on events not decided"] if noted else []
    if lost:
        many = len(decided) - kept + unsure + noted > 1
        said += f"{';' if kept else ':'} {' and '.join(lost)} {'are' if many else 'is'} not kept"
    return said
