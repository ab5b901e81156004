"""Every output of one review says the same of it (SPEC sections 5 and 7).

A practice manager signs or files several statements made from one review: `review.json`,
the email, the declaration notes, the report, the worksheet and the audit workbook; the
window's Overview and Results tables show the same figures. Over many generated reviews
(several programmes and months, claims with and without a search, months a search covered
only in part, rows not placed, decisions of every kind with unsure and undecided ones,
ticks, notes, decisions carried from an earlier review with what the latest search showed,
doses gone from the search and decisions kept from earlier reviews), every figure and
every item's status that two outputs both state is compared, with `review.json` (the
contract) as the one they are all held to.

Differences left on purpose (documented), and so not compared as equal:
- A claim to amend that the email holds back (a month searched in part, rows not placed,
  a dose an earlier check found given here that the search does not show: decisions 163,
  164, 232, 233, 379) is `amend` in `review.json` with its count, "Still being checked"
  in the email, the report and the workbook, with no declaration note; the report's and
  the tables' value difference is "–", the workbook keeps the would-be value as the
  practice's working (decision 232).
- "Yes (seen in the export)" in the report and the workbook names any search's proof,
  while the email's "as our latest search shows" counts only this review's own search's
  (decision 94): the first counts at least as many as the second.
- The workbook's "Search covered the month" gives the days of a month searched in part;
  `review.json`'s `covered` stays SPEC's bool (decision 171).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cqrs_desktop.domain.dates import month_label
from cqrs_desktop.domain.earlier import NO_LONGER_FOUND, GoneDose
from cqrs_desktop.domain.explain import CQRS_STATUS_WORDS, DECISION_WORDS
from cqrs_desktop.domain.model import (
    Claim,
    CqrsStatus,
    Decision,
    DecisionRecord,
    SourceSummary,
    UnassignedRow,
)
from cqrs_desktop.domain.review import CANNOT_SHOW, Review, ReviewInputs
from cqrs_desktop.reports import email as mail
from cqrs_desktop.reports.declaration import declaration_notes_text
from cqrs_desktop.reports.document_model import TICKED, Heading, Paragraph, Table
from cqrs_desktop.reports.report_content import report_document
from cqrs_desktop.reports.review_json import review_document, write_review_json
from cqrs_desktop.reports.summary import build_summary
from cqrs_desktop.reports.worksheet_content import worksheet_document
from cqrs_desktop.reports.xlsx import write_workbook
from cqrs_desktop.ui.items_model import (
    CHECKED,
    CLAIMED,
    FOUND,
    STATUS,
    TO_CLAIM,
    VALUE,
    ItemsTableModel,
)
from tests.reports.reports_factory import PRACTICE, SHA, SOURCE, nhs_numbers, rules, search_rows

PROGRAMMES = ("pertussis_pregnant", "rsv_pregnant", "hepb_babies", "hpv", "menacwy")
MONTHS = ("2024-08", "2024-09", "2024-10", "2024-11", "2024-12", "2025-01")
RULES = rules()
THRESHOLD = RULES.declaration_threshold
FINAL = ("practice", "other_provider", "not_eligible", "not_given")
EARLIER = "earlier.cqrsreview"
WHEN = "2026-11-26T12:00:00+00:00"
Key = tuple[str, str]

# ----- the reviews ------------------------------------------------------------------


def _record(
    draw: st.DrawFn, event_id: str, programme: str, carried: bool, final: bool
) -> DecisionRecord:
    """A decision as the window, a decisions file or a carry leaves it (`final`: one of the
    four, mostly "given here"): a search's word on it (`export_check`, `evidence`) only for
    a decision that needs a change there, and a tick proved by the export only where that
    search showed it corrected."""
    if final:
        decision: Decision | None = draw(
            st.sampled_from((Decision.PRACTICE,) * 3 + tuple(Decision)[1:4])
        )
    else:
        decision = draw(st.sampled_from((None, *Decision)))
    done = draw(st.booleans())
    note = draw(st.sampled_from(("", "Maternity unit", "Ask the nurse")))
    needed = decision is not None and RULES.needs_action(programme, decision.value)
    check, evidence, proof = None, "", None
    if carried and needed:
        check = draw(st.sampled_from((None, "corrected", "not_corrected", "cannot")))
        if check == "corrected":
            done, proof = True, "export"
            evidence = f"seen corrected in {SOURCE}, row 2 (marked not GMS)"
        elif check == "not_corrected":
            done = draw(st.booleans())  # ticked since, or not
            evidence = f"still the practice's own dose in {SOURCE}, row 2"
        elif check == "cannot":
            check, evidence = None, f"still in {SOURCE}, row 2, {CANNOT_SHOW}"
            proof = draw(st.sampled_from((None, "export"))) if done else None
    if done and proof is None:
        proof = "reviewer"
    return DecisionRecord(
        event_id,
        decision,
        done,
        note,
        "S. Earlier" if carried else "J. Reviewer",
        WHEN,
        carried_from=EARLIER if carried and decision is not None else None,
        action_evidence=proof,
        export_check=check,
        evidence=evidence,
    )


@st.composite
def reviews(draw: st.DrawFn) -> Review:
    plan = draw(
        st.lists(
            st.tuples(st.sampled_from(PROGRAMMES), st.sampled_from(MONTHS), st.integers(0, 8)),
            max_size=5,
            unique_by=lambda p: (p[0], p[1]),
        )
    )
    rows = search_rows([p for p in plan if p[2]], organisation=draw(st.booleans()))
    for row in rows:  # marked not GMS on the clinical system's own export
        row.non_gms = row.non_gms_said = draw(st.integers(0, 4)) == 0
    keys = [(p, m) for p, m, _ in plan] + draw(
        st.lists(st.tuples(st.sampled_from(PROGRAMMES), st.sampled_from(MONTHS)), max_size=3)
    )
    claimed = draw(st.lists(st.sampled_from(keys), unique=True)) if keys else []
    statuses = (None, *(s.value for s in CqrsStatus))
    found = {(p, m): n for p, m, n in plan}
    claims = [
        Claim(
            p,
            m,
            draw(st.sampled_from((found.get((p, m), 0), draw(st.integers(0, 9))))),
            "cqrs.csv",
            draw(st.sampled_from(statuses)),
        )
        for p, m in claimed
    ]
    months = sorted({r.date.strftime("%Y-%m") for r in rows})
    how = draw(st.sampled_from(("dates", "stated", "part")))
    span, first, last = None, None, None
    if how == "stated" and months:
        span = (min(months[0], "2024-09"), max(months[-1], "2024-12"))
    elif how == "part" and months:
        first, last = f"{months[0]}-02", f"{months[-1]}-28"  # (no event on the 1st but one)
        first = first if not any(r.date.isoformat() < first for r in rows) else None
    source = SourceSummary(
        SOURCE, SHA, len(rows), len(rows), 0, 0, span=span, searched_from=first, searched_to=last
    )
    unplaced = tuple(
        UnassignedRow(SOURCE, 900 + i, "the date in column 'Date' could not be read", p, m)
        for i, (p, m) in enumerate(
            draw(
                st.lists(
                    st.tuples(
                        st.sampled_from((None, *PROGRAMMES)), st.sampled_from((None, *MONTHS))
                    ),
                    max_size=2,
                )
            )
        )
    )
    inputs = ReviewInputs(PRACTICE, (source,), tuple(rows), unplaced, tuple(claims))
    review = Review(inputs, RULES)
    records = []
    settled = {key: draw(st.booleans()) for key in found}  # every record of it decided
    for event in review.events:
        final = settled[event.programme, event.month]
        if draw(st.integers(0, 3)) == 0 and not (final and event.needs_review):
            continue  # no record at all
        carried = draw(st.booleans())
        records.append(_record(draw, event.id, event.programme, carried, final))
    others = nhs_numbers(50_000)
    gone, held = [], []
    places = st.tuples(st.sampled_from(PROGRAMMES), st.sampled_from(MONTHS))
    for programme, month in draw(
        st.lists(st.sampled_from(keys) | places if keys else places, max_size=3)
    ):
        key = f"{programme}|{month}-10|nhs:{next(others)}"
        kind = draw(st.sampled_from(("gone", "no_longer_found", "kept")))
        decision = draw(st.sampled_from(FINAL[1:] if kind == "gone" else FINAL))
        if kind == "gone":
            gone.append(
                GoneDose(key, Decision(decision), True, "", "S. Earlier", WHEN, EARLIER, SHA,
                         f"not in {SOURCE}, which covers {month_label(month)}")
            )  # fmt: skip
        else:
            check = NO_LONGER_FOUND if kind == "no_longer_found" else None
            held.append(
                (key, decision, 0, "", "S. Earlier", WHEN, EARLIER, None, check,
                 f"not in {SOURCE}" if check else None, "", SOURCE)
            )  # fmt: skip
    review = Review(inputs, RULES, records, gone=gone, held=held)
    # some claims made as the check found them (validated), the rest as they were
    agreed = {
        (i.programme, i.month): i.corrected
        for i in review.items()
        if i.claimed is not None and i.corrected is not None and draw(st.booleans())
    }
    claims = [
        dataclasses.replace(c, count=agreed.get((c.programme, c.month), c.count)) for c in claims
    ]
    return review.with_claims(claims)


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
    text: str = ""


def _int(text: str) -> int | None:
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


# ----- the comparisons ---------------------------------------------------------------


def _json_verdict(item: dict[str, Any], email: Said | None) -> str:
    status = item["status"]
    if status == "amend" and email is not None and email.verdict == "still":
        return "held"  # (decisions 163, 164, 233)
    return status


def _agree(where: str, said: Said, item: dict[str, Any]) -> None:
    """Every figure `said` states is the one review.json gives."""
    for name in ("claimed", "corrected", "in_search", "flagged", "unsure", "pending"):
        value = getattr(said, name)
        if value is not None:
            assert value == item[name], (where, name, value, item)
    if said.still is not None:
        assert said.still == item["pending"] + item["unsure"], (where, said, item)
    if said.decisions is not None:
        for kind, n in said.decisions.items():
            assert n == item["decisions"][kind], (where, kind, said, item)
        for kind in FINAL[1:]:  # a kind taken off the claim is never left unsaid
            if item["decisions"][kind] and said.verdict in ("correct", "amend"):
                assert kind in said.decisions, (where, kind, said, item)


def check_outputs_agree(review: Review, workbook: Path | None = None) -> None:
    document = review_document(review)
    items = {(i["programme"], i["month"]): i for i in document["items"]}
    events = document["events"]
    summary = build_summary(review)
    titles = {i.key: i.title for i in summary.items}
    assert list(titles) == list(items)
    email = email_and_notes_agree(
        items,
        events,
        mail.build_email(summary, RULES.team_email).body,
        declaration_notes_text(summary),
        titles,
        document.get("gone_from_search", []),
        document.get("no_longer_found", []),
    )
    _report_agrees(summary, items, events, email)
    _worksheet_agrees(summary, items, events)
    tables_agree(review, items, events, email)
    _tallies_agree(review, summary, events)
    if workbook is not None:
        write_workbook(summary, [], workbook)
        gone = len(summary.gone) + len(summary.no_longer_found)
        workbook_agrees(workbook, items, events, email, gone)


def email_and_notes_agree(
    items: dict[Key, dict[str, Any]],
    events: list[dict[str, Any]],
    body: str,
    notes_text: str,
    titles: dict[Key, str],
    gone_from_search: list[dict[str, Any]],
    no_longer_found: list[dict[str, Any]],
) -> dict[Key, Said]:
    """The email's body and declaration_notes.txt against review.json and each other;
    what the email says of each item it names."""
    email = email_says(body, titles)
    notes = notes_say(notes_text, titles)
    gone: dict[Key, dict[str, int]] = {}
    for dose in gone_from_search:
        kinds = gone.setdefault((dose["programme"], dose["month"]), {})
        kinds[dose["decision"]] = kinds.get(dose["decision"], 0) + 1
    lost = Counter((dose["programme"], dose["month"]) for dose in no_longer_found)
    assert set(notes) == set(items)
    for key, item in items.items():
        said = email.get(key)
        verdict = _json_verdict(item, said)
        if said is not None:
            _agree(f"email {key}", said, item)
            expected = {
                "validated": ("correct", "agrees"),
                "amend": ("amend",),
                "held": ("still",),
                "incomplete": ("still",),
                "not_checked": ("not_checked",),
                "no_claim": ("no_claim",),
            }[verdict]
            assert said.verdict in expected, (key, said, item)
            if said.verdict == "correct":
                assert item["record_checked"], (key, item)
            _done_agree("email", said, key, events)
            _earlier_agree(said, item, _of_item(events, key))
            if said.verdict == "amend" or (said.verdict == "still" and said.still is None):
                assert said.approved == (item["cqrs_status"] == "approved"), (key, said, item)
            # (the lines that give the breakdown of what was found say them; a line of a
            # claim still being checked, or one found none of that agrees, does not)
            if said.verdict in ("correct", "amend", "no_claim") or (
                said.verdict == "still" and said.still is None
            ):
                assert said.gone == gone.get(key, {}), (key, said, gone)
            if said.verdict != "not_checked" and said.still is None:
                assert said.no_longer == lost[key], (key, said, lost)
            still = [
                e
                for e in _of_item(events, key)
                if e["export_check"] == "not_corrected" and not e["action_done"]
            ]
            if said.still_counted:
                assert still, (key, said)
        else:  # the team is not asked: no reason, not to amend, or approved and validated
            assert verdict not in ("amend", "held"), (key, item)
        note = notes[key]
        wants_note = (
            item["claimed"] is not None
            and item["claimed"] >= THRESHOLD
            and verdict in ("validated", "amend")
        )
        assert (note.verdict != "none") == wants_note, (key, note, item, said)
        if note.verdict != "none":
            _agree(f"note {key}", note, item)
            assert note.verdict == ("correct" if verdict == "validated" else "amend")
            if said is not None:  # the email and the note say the same of the claim
                assert (said.verdict == "amend") == (note.verdict == "amend"), (said, note)
            _done_agree("note", note, key, events)
            # who checked: the reviewers of its decisions, and no one else
            deciders = {e["reviewer"] for e in _of_item(events, key) if e["decision"] in FINAL} - {
                None
            }
            named = set(re.findall(r"J\. Reviewer|S\. Earlier", note.text))
            if deciders:
                assert named == deciders, (key, note.text, deciders)
    return email


def _earlier_agree(said: Said, item: dict[str, Any], events: list[dict[str, Any]]) -> None:
    """The records the email says were checked in an earlier check are the carried
    decisions of review.json."""
    if said.verdict not in ("correct", "amend"):
        return
    carried = sum(1 for e in events if e["carried_from"] and e["decision"] in FINAL)
    if said.earlier is None:
        assert carried == 0, (said, item)
    elif said.earlier == -1:
        checked = sum(1 for e in events if e["decision"] in FINAL)
        assert carried == checked, (said, item, carried, checked)
    else:
        assert said.earlier == carried, (said, item, carried)


def _done_agree(where: str, said: Said, key: Key, events: list[dict[str, Any]]) -> None:
    """The doses of each kind said done in the clinical system are those review.json has
    `action_done` for."""
    for kind, done in (said.done or {}).items():
        found = sum(
            1
            for e in events
            if (e["programme"], e["month"]) == key and e["decision"] == kind and e["action_done"]
        )
        assert done == found, (where, key, kind, done, found)


def _needs_change(event: dict[str, Any]) -> bool:
    """Whether the rules ask a change in the clinical system for the event's decision."""
    return event["decision"] in FINAL and RULES.needs_action(event["programme"], event["decision"])


def _of_item(events: list[dict[str, Any]], key: Key) -> list[dict[str, Any]]:
    return [e for e in events if (e["programme"], e["month"]) == key]


_STATUS_OF_WORD = {
    "Validated": "validated",
    "Amend": "amend",
    "Incomplete": "incomplete",
    "No claim": "no_claim",
    "Not checked (not searched)": "not_checked",
    "Not checked: no search covered this month": "not_checked",
}


def _status_of(word: str) -> str:
    return "held" if word.startswith("Still being checked (") else _STATUS_OF_WORD[word]


def _report_agrees(
    summary: Any, items: dict[Key, dict[str, Any]], events: list[dict[str, Any]], email: dict
) -> None:
    document = report_document(summary)
    table = next(b for b in document.blocks if isinstance(b, Table))
    rows = table.rows[:-1]
    assert len(rows) == len(items)
    for row, (key, item) in zip(rows, items.items(), strict=True):
        decided = dict(zip(FINAL, (int(v) for v in row[4:8]), strict=True))
        _agree(
            f"report {key}",
            Said(
                claimed=_int(row[1]),
                in_search=int(row[2]),
                flagged=int(row[3]),
                decisions=decided,
                unsure=int(row[8]),
                pending=int(row[9]),
                corrected=_int(row[10]),
            ),
            item,
        )
        assert _status_of(row[11]) == _json_verdict(item, email.get(key)), (row, item)
    total = table.rows[-1]
    assert int(total[2]) == sum(i["in_search"] for i in items.values())
    assert int(total[3]) == sum(i["flagged"] for i in items.values())
    assert int(total[8]) == sum(i["unsure"] for i in items.values())
    assert int(total[9]) == sum(i["pending"] for i in items.values())
    # the line of progress over the table, against the events of review.json
    progress = next(b for b in document.blocks if isinstance(b, Paragraph)).text
    needing = [e for e in events if e["needs_review"]]
    decided = sum(1 for e in needing if e["decision"] in FINAL)
    assert progress.startswith(f"{decided} of {len(needing)} vaccinations needing review"), progress
    still = sum(1 for e in needing if e["decision"] is None) + sum(
        1 for e in events if e["decision"] == "unsure"
    )
    assert (f"; {still} still to check" in progress) == bool(still), progress
    done = sum(1 for e in events if e["action_done"])
    assert f". {done} marked as updated in the clinical system" in progress, progress
    to_do = sum(1 for e in events if _needs_change(e) and not e["action_done"])
    assert (f"; {to_do} still to be updated there" in progress) == bool(to_do), progress
    # each item's heading: its status and count to claim
    for block in document.blocks:
        if isinstance(block, Heading) and block.detail.startswith("Status: "):
            key = next(k for k, t in summary_titles(summary).items() if t == block.text)
            if m := re.search(
                r"(?:, count to claim|the count to claim would be) (\d+)", block.detail
            ):
                assert int(m.group(1)) == items[key]["corrected"], block
            assert ("the count to claim would be" in block.detail) == (
                _json_verdict(items[key], email.get(key)) == "held"
            ), block
    # every decision listed, with its word on the clinical system, as review.json has it
    by_id = {e["id"]: e for e in events}
    listed = [e for e in summary.events if e.needs_review or e.decision is not None]
    rows = [
        row
        for block in document.blocks
        if isinstance(block, Table) and block.columns[0].title == "No."
        for row in block.rows
    ]
    assert len(rows) == len(listed)
    for row, shown in zip(rows, listed, strict=True):
        event = by_id[shown.id]
        _event_words_agree("report", row[7], row[8], event)


def _event_words_agree(where: str, decision: str, updated: str | None, event: dict) -> None:
    """A vaccination's decision and "Clinical system updated" in words, against its
    review.json entry."""
    kind = event["decision"]
    assert decision == (
        DECISION_WORDS[Decision(kind)]
        if kind
        else ("Still to check" if event["needs_review"] else "No check needed")
    ), (where, decision, event)
    if _needs_change(event):
        assert (updated or "").startswith("Yes") == event["action_done"], (where, updated, event)
        if updated == "Yes (seen in the export)":
            assert event["action_evidence"] == "export", (where, event)
    elif kind in FINAL:
        assert updated == "Not needed", (where, updated, event)
    else:
        assert not updated, (where, updated, event)


def summary_titles(summary: Any) -> dict[Key, str]:
    return {i.key: i.title for i in summary.items}


def _worksheet_agrees(
    summary: Any, items: dict[Key, dict[str, Any]], events: list[dict[str, Any]]
) -> None:
    """The worksheet's headings and its ticked boxes."""
    document = worksheet_document(summary)
    titles = {t: k for k, t in summary_titles(summary).items()}
    tables = [b for b in document.blocks if isinstance(b, Table) and len(b.columns) == 13]
    rows = [row for table in tables for row in table.rows]
    needing = [e for e in events if e["needs_review"]]
    assert len(rows) == len(needing)
    boxes = ("practice", "other_provider", "not_eligible", "not_given")
    decided = sum(1 for e in needing if e["decision"] in FINAL)
    unsure = sum(1 for e in needing if e["decision"] == "unsure")
    m = re.search(
        r"(\d+) vaccinations to check(?:; (\d+) of them already decided \(their box is "
        r"ticked\))?(?:; (\d+) marked unsure)?",
        document.subtitle,
    )
    assert m, document.subtitle
    assert [int(g or 0) for g in m.groups()] == [len(needing), decided, unsure], document.subtitle
    for row, event in zip(rows, needing, strict=True):
        upd = "UPD" in row[6].split(", ")
        assert upd == (event["export_check"] == "not_corrected" and not event["action_done"])
        ticked = [kind for kind, cell in zip(boxes, row[7:11], strict=True) if cell == TICKED]
        assert ticked == ([event["decision"]] if event["decision"] in FINAL else []), (row, event)
        updated = row[11]
        if event["decision"] in FINAL:
            needed = RULES.needs_action(event["programme"], event["decision"])
            assert updated == (
                (TICKED if event["action_done"] else "") if needed else "Not needed"
            ), (row, event)
        else:
            assert updated == "", (row, event)
    for block in document.blocks:
        if isinstance(block, Heading) and block.text in titles:
            item = items[titles[block.text]]
            m = re.match(
                r"(?:Claimed (\d+)|No claim); found in search (\d+); needing review (\d+)",
                block.detail,
            )
            assert m, block
            _agree(
                f"worksheet {block.text}",
                Said(
                    claimed=None if m.group(1) is None else int(m.group(1)),
                    in_search=int(m.group(2)),
                    flagged=int(m.group(3)),
                ),
                item,
            )
            if m.group(1) is None:
                assert item["claimed"] is None


def tables_agree(
    review: Review, items: dict[Key, dict[str, Any]], events: list[dict[str, Any]], email: dict
) -> None:
    """The Overview's and Results' table (one model), column by column."""
    model = ItemsTableModel()
    model.set_review(review)
    for claim_item in model.items:
        key = (claim_item.programme, claim_item.month)
        item = items[key]
        cells = [model.text(claim_item, column) for column in range(model.columnCount())]
        _agree(
            f"table {key}",
            Said(
                claimed=_int(cells[CLAIMED]),
                in_search=int(cells[FOUND]),
                corrected=_int(cells[TO_CLAIM]),
            ),
            item,
        )
        verdict = _json_verdict(item, email.get(key))
        word = cells[STATUS]
        if verdict == "held":
            assert word in (
                "Month searched in part",
                "Rows not placed",
                "Earlier check not in search",
            )
            assert cells[VALUE] == "–"
        else:
            assert word.lower().startswith(verdict.replace("_", " ")[:6]), (word, item)
        # "Checked": of the vaccinations needing a check, how many have a decision, as the
        # report's progress and the walk-through count them (unsure ones apart)
        mine = [e for e in events if (e["programme"], e["month"]) == key and e["needs_review"]]
        if mine:
            decided = sum(1 for e in mine if e["decision"] in FINAL)
            unsure = sum(1 for e in mine if e["decision"] == "unsure")
            want = f"{decided} of {len(mine)}" + (f", {unsure} unsure" if unsure else "")
            assert cells[CHECKED] == want, (key, cells[CHECKED], want, item)
        details = model.details(claim_item)
        if verdict == "held":
            claim = f"the claim would be amended from {item['claimed']} to {item['corrected']}"
            assert claim in details, details
        if item["status"] == "amend" and verdict != "held":
            assert f"Amend the claim from {item['claimed']} to {item['corrected']}" in details
        if item["status"] == "validated":
            assert (
                f"Validated: {item['claimed']} claimed, {item['corrected']} given here" in details
            )


def _tallies_agree(review: Review, summary: Any, events: list[dict[str, Any]]) -> None:
    """The Overview's running tallies (records to update, carried, seen corrected, not yet
    corrected) against review.json's events and the report's summary."""
    to_do = sum(
        1
        for e in events
        if e["decision"] in FINAL
        and RULES.needs_action(e["programme"], e["decision"])
        and not e["action_done"]
    )
    assert review.action_to_do == summary.action_to_do == to_do
    carried = sum(1 for e in events if e["carried_from"])
    assert review.carried == summary.carried == carried
    seen = sum(
        1 for e in events if e["action_evidence"] == "export" and e["export_check"] == "corrected"
    )
    assert review.seen_corrected == summary.seen_corrected == seen
    not_yet = sum(
        1 for e in events if e["export_check"] == "not_corrected" and not e["action_done"]
    )
    assert review.not_yet_corrected == summary.not_yet_corrected == not_yet


def workbook_agrees(
    path: Path,
    items: dict[Key, dict[str, Any]],
    events: list[dict[str, Any]],
    email: dict[Key, Said],
    gone: int,
) -> None:
    """The saved workbook, read back with openpyxl: its Summary and Events sheets against
    review.json (`gone`: the doses listed as no longer in the search)."""
    book = openpyxl.load_workbook(path, read_only=True)
    sheet = list(book["Summary"].iter_rows(min_row=7, values_only=True))
    assert len(sheet) == len(items)
    for row, (key, item) in zip(sheet, items.items(), strict=True):
        assert (row[0], row[1].date()) == (
            RULES.programme(key[0]).display_name,
            dt.date(int(key[1][:4]), int(key[1][5:]), 1),
        )
        _agree(
            f"workbook {key}",
            Said(
                claimed=row[2],
                in_search=row[3],
                flagged=row[4],
                decisions=dict(zip(FINAL, row[5:9], strict=True)),
                unsure=row[9],
                pending=row[10],
            ),
            item,
        )
        assert row[11] == item["corrected"]
        assert _status_of(row[12]) == _json_verdict(item, email.get(key)), (row, item)
        assert row[14] == item["value_difference"]  # (held back too: decision 232)
        assert (row[16] != "No") == item["covered"]
        assert (row[17] == "Yes") == item["record_checked"]
        assert (row[18] or None) == CQRS_STATUS_WORDS.get(item["cqrs_status"] or ""), row
    by_id = {e["id"]: e for e in events}
    header, *rows = book["Events"].iter_rows(values_only=True)
    column = {name: i for i, name in enumerate(header)}
    assert len(rows) == len(events)
    for row in rows:
        event = by_id[row[column["Event id"]]]
        _event_words_agree(
            "workbook", row[column["Decision"]], row[column["Clinical system updated"]], event
        )
        assert row[column["Needs review"]] == ("Yes" if event["needs_review"] else "No")
        assert (row[column["Note"]] or "") == event["note"]
        if event["carried_from"]:
            assert row[column["Carried from (earlier review)"]] == event["carried_from"]
        upd = "UPD" in (row[column["Reasons"]] or "").split(", ")
        assert upd == (event["export_check"] == "not_corrected" and not event["action_done"])
    if gone:
        assert len(list(book["No longer in search"].iter_rows(min_row=2))) == gone
    book.close()


# ----- the tests ---------------------------------------------------------------------


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reviews())
def test_every_output_says_the_same_of_each_claim(review: Review) -> None:
    check_outputs_agree(review)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(review=reviews())
def test_the_saved_workbook_says_the_same(review: Review, tmp_path_factory: Any) -> None:
    folder = tmp_path_factory.mktemp("book")
    check_outputs_agree(review, folder / "review.xlsx")
    # review.json as written (streamed) is the document compared
    with (folder / "review.json").open("w", encoding="utf-8") as handle:
        write_review_json(review, handle)
    written = json.loads((folder / "review.json").read_text(encoding="utf-8"))
    document = review_document(review)
    assert written["items"] == document["items"] and written["events"] == document["events"]
