"""What the email and the declaration notes say of each claim, read back from their text
(`test_outputs_agree.py` compares it with `review.json`)."""

from __future__ import annotations

import dataclasses
import re

from cqrs_desktop.domain.dates import month_label
from cqrs_desktop.reports import email as mail
from tests.reports.generated_reviews import Key

# ----- what each output says, item by item ------------------------------------------


@dataclasses.dataclass
class Said:
    """What one output says of one item; None where it does not say it."""

    verdict: str | None = None  # correct / agrees / amend / still / not_checked / no_claim
    claimed: int | None = None
    corrected: int | None = None
    in_search: int | None = None
    flagged: int | None = None
    decisions: dict[str, int] | None = None
    unsure: int | None = None
    pending: int | None = None
    still: int | None = None  # still to check: pending and unsure
    done: dict[str, int] | None = None  # of each kind needing a change, recorded as done
    earlier: int | None = None  # of the records said checked, those in an earlier check
    gone: dict[str, int] | None = None  # decided earlier, no longer in the search, by kind
    still_counted: bool = False  # a dose to correct the latest search still counts
    no_longer: int | None = None  # decided earlier as needing no change, no longer found
    approved: bool = False  # "(already approved in CQRS)"
    unplaced: int = 0  # rows of the search that may be of the month, not placed
    text: str = ""


def count_of(text: str) -> int | None:
    """A count as a cell shows it; a blank, "–" or "no claim" is none."""
    return None if text in ("", "–", "no claim") else int(text)


_KINDS_EMAIL = (
    ("other_provider", r"(\d+) given by (?:other providers|another provider)"),
    ("not_eligible", r"(\d+) not eligible for this programme"),
    ("not_given", r"(\d+) recorded in error, not given"),
)
# where an email line's clauses about earlier checks, rows not placed and days begin: the
# breakdown of what the search found comes before them
_EMAIL_CLAUSES = re.compile(
    r"; (?:besides these, |an earlier check found |\d+ rows? of our search |"
    r"\d+ [^;]*?, found in an earlier check)"
)


def _email_done(part: str, count: int) -> int | None:
    """How many of one kind the email says are done in the clinical system (None: not
    asked of this kind)."""
    if not part.endswith(")") and "(" not in part.split(" ", 3)[-1]:
        return None
    if m := re.search(r"\((\d+) now (?:marked|corrected)", part):
        return int(m.group(1))
    if re.search(r"\((?:both |all )?now (?:marked|corrected)", part):
        return count
    if re.search(r"\((?:not yet|not recorded as marked)", part):
        return 0
    return None


def email_says(body: str, titles: dict[Key, str]) -> dict[Key, Said]:
    group, said = None, {}
    by_title = {t: k for k, t in titles.items()}
    for line in body.splitlines():
        if line.endswith(":") and not line.startswith("- "):
            group = line
            continue
        if not line.startswith("- ") or group is None:
            continue
        title = next(t for t in by_title if line.startswith(f"- {t}:"))
        key, rest = by_title[title], line[len(title) + 4 :]
        s = Said()
        if group == mail.CHECKED_AND_CORRECT:
            m = re.match(r"(\d+) claimed, correct", rest)
            assert m, line
            s.verdict, s.claimed = "correct", int(m.group(1))
            s.corrected = s.claimed
        elif group == mail.TO_BE_AMENDED:
            m = re.match(r"to be amended from (\d+) to (\d+)", rest)
            assert m, line
            s.verdict, s.claimed, s.corrected = "amend", int(m.group(1)), int(m.group(2))
        elif group == mail.AGREES_WITH_SEARCH:
            m = re.match(r"(\d+) claimed; our search found (none|\d+), the same", rest)
            assert m, line
            s.verdict, s.claimed = "agrees", int(m.group(1))
            s.in_search = s.corrected = 0 if m.group(2) == "none" else int(m.group(2))
        elif group == mail.NO_CLAIM_GIVEN:
            m = re.match(r"no claimed count was given to us; our search found (\d+)", rest)
            assert m, line
            s.verdict, s.in_search = "no_claim", int(m.group(1))
            if m2 := re.search(r": (\d+) decided as given by this practice", rest):
                s.corrected = int(m2.group(1))
        elif group == mail.STILL_BEING_CHECKED:
            s.verdict = "still"
            if m := re.match(r"(\d+|no) claimed(?: count)?; (\d+) of (\d+) records? still", rest):
                s.claimed = None if m.group(1) == "no" else int(m.group(1))
                s.still, s.in_search = int(m.group(2)), int(m.group(3))
            else:
                m = re.match(
                    r"(\d+) claimed(?: \(already approved in CQRS\))?; not yet confirmed", rest
                )
                assert m, line
                s.claimed = int(m.group(1))
        else:
            assert group == mail.NOT_CHECKED, line
            m = re.match(r"(\d+) claimed; our search did not cover ([A-Za-z]+ \d{4})", rest)
            assert m and m.group(2) == month_label(key[1]), line
            s.verdict, s.claimed = "not_checked", int(m.group(1))
        if (
            s.verdict in ("correct", "amend", "no_claim", "still")
            and "given by this practice" in rest
        ):
            main = _EMAIL_CLAUSES.split(rest)[0]
            if m := re.search(r"(\d+) (?:decided as )?given by this practice", main):
                s.corrected = int(m.group(1)) if s.verdict != "still" else None
            parts = main.split("; ")
            s.decisions, s.done = {}, {}
            for kind, pattern in _KINDS_EMAIL:
                for part in parts:
                    if m := re.search(pattern, part):
                        s.decisions[kind] = int(m.group(1))
                        done = _email_done(part, int(m.group(1)))
                        if done is not None:
                            s.done[kind] = done
        s.earlier = _earlier_of(rest)
        s.approved = "(already approved in CQRS)" in rest
        if m := re.search(r"(\d+) rows? of our search that may be of this month could not", rest):
            s.unplaced = int(m.group(1))
        s.gone = {
            _GONE_KINDS[m.group(2)]: int(m.group(1))
            for m in re.finditer(
                r"(\d+) (given by (?:other providers|another provider)|not eligible for this "
                r"programme|recorded in error \(not given\)), found in an earlier check, "
                r"(?:is|are) no longer counted",
                rest,
            )
        }
        s.no_longer = sum(
            int(m.group(1))
            for m in re.finditer(
                r"(\d+) (?:given by this practice|decided as '[^']+'), found in an earlier "
                r"check, (?:is|are) no longer found by our latest search",
                rest,
            )
        )
        if re.search(
            r"our latest search still counts (it|both|all) of them|"
            r"our latest search still counts it",
            rest,
        ):
            s.still_counted = True
        assert key not in said, f"{title} twice in the email"
        said[key] = s
    return said


_GONE_KINDS = {
    "given by other providers": "other_provider",
    "given by another provider": "other_provider",
    "not eligible for this programme": "not_eligible",
    "recorded in error (not given)": "not_given",
}


def _earlier_of(rest: str) -> int | None:
    """How many of the records said checked were checked in an earlier check ("(4 of them
    in an earlier check", "(all of them in ..."), or None where it says none."""
    m = re.search(
        r"\((\d+ of them |all of them |both |)in (?:an earlier check|earlier checks)", rest
    )
    if m is None:
        return None
    words = m.group(1)
    if words.startswith(("all", "both")) or not words:
        return -1  # every record said checked
    return int(words.split()[0])


def notes_say(text: str, titles: dict[Key, str]) -> dict[Key, Said]:
    """Each claim's block of declaration_notes.txt: its note's verdict and figures, or
    that it has none yet."""
    said = {}
    blocks = text.split("\n\n")[1:]
    heads = {t.replace(", ", " "): k for k, t in titles.items()}
    for block in blocks:
        if block == "No claims to declare.\n":
            assert not titles
            continue
        head, _rule, body = block.split("\n", 2)
        key = heads[head]
        s = Said(text=body)
        if body.startswith("No note"):
            s.verdict = "none"
        elif m := re.search(
            r"The claim of (\d+) (?:is correct|agrees with the vaccinations counted)\.$", body
        ):
            s.verdict, s.claimed = "correct", int(m.group(1))
            s.corrected = s.claimed
        else:
            m = re.search(r"the claim should be amended from (\d+) to (\d+)\.$", body, re.I)
            assert m, body
            s.verdict, s.claimed, s.corrected = "amend", int(m.group(1)), int(m.group(2))
        if s.verdict != "none":
            s.decisions, s.done = {}, {}
            for sentence in re.split(r"(?<=\.) ", body):
                for kind, words in (
                    ("other_provider", r"given by (?:other providers|another provider)"),
                    ("not_eligible", "not eligible for this programme"),
                    ("not_given", "recorded in error"),
                ):
                    if m := re.match(rf"(\d+) (?:was|were) {words}", sentence):
                        n = int(m.group(1))
                        s.decisions[kind] = n
                        s.done[kind] = _note_done(sentence, n)
            if m := re.search(r"(\d+) (?:was|were) given by this practice", body):
                assert int(m.group(1)) == s.corrected, body
        said[key] = s
    return said


def _note_done(sentence: str, count: int) -> int:
    if m := re.search(r"; (\d+) (?:was|were) (?:marked|corrected)", sentence):
        return int(m.group(1))
    if re.search(r"; (?:it was|both were|all were) (?:marked|corrected)", sentence):
        return count
    return 0  # "not been marked", "not recorded as marked", or nothing needed
