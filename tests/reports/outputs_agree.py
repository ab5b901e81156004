"""Each output of a review compared with its `review.json`, figure by figure and claim by
claim (`test_outputs_agree.py` says what is compared and what differs on purpose)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl

from cqrs_desktop.domain import labels
from cqrs_desktop.domain.explain import CQRS_STATUS_WORDS, DECISION_WORDS
from cqrs_desktop.domain.model import (
    Decision,
)
from cqrs_desktop.domain.review import Review
from cqrs_desktop.reports import email as mail
from cqrs_desktop.reports.declaration import declaration_notes_text
from cqrs_desktop.reports.document_model import TICKED, Heading, Paragraph, Table
from cqrs_desktop.reports.report_content import report_document
from cqrs_desktop.reports.review_json import review_document
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
from tests.reports.generated_reviews import FINAL, RULES, THRESHOLD, Key
from tests.reports.outputs_said import Said, count_of, email_says, notes_say

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
    # the rows not placed each claim's lines say are review.json's, each of its month
    not_placed = len(document["unassigned_rows"])
    assert all(i.unplaced <= not_placed for i in summary.items), not_placed
    email = email_and_notes_agree(
        items,
        events,
        mail.build_email(summary, RULES.team_email).body,
        declaration_notes_text(summary),
        titles,
        document.get("gone_from_search", []),
        document.get("no_longer_found", []),
        {i.key: i.unplaced for i in summary.items},
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
    unplaced: dict[Key, int] | None = None,
) -> dict[Key, Said]:
    """The email's body and declaration_notes.txt against review.json and each other;
    what the email says of each item it names. `unplaced`: by item, the rows of
    review.json's `unassigned_rows` that may be of its month (as the summary counts them),
    which every line with a figure of the search says (decisions 164, 552)."""
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
            # (every line with a figure of the search says them: decision 510)
            if said.verdict != "not_checked":
                assert said.gone == gone.get(key, {}), (key, said, gone)
                assert said.no_longer == lost[key], (key, said, lost)
                if unplaced is not None:
                    assert said.unplaced == unplaced.get(key, 0), (key, said, unplaced)
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
                claimed=count_of(row[1]),
                in_search=int(row[2]),
                flagged=int(row[3]),
                decisions=decided,
                unsure=int(row[8]),
                pending=int(row[9]),
                corrected=count_of(row[10]),
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
    tables = [
        block
        for block in document.blocks
        if isinstance(block, Table) and block.columns[0].title == "No."
    ]
    # (by title: the Organisation column is there only where a row has one, decision 533)
    titles = [c.title for c in tables[0].columns] if tables else []
    at = titles.index(labels.DECISION) if tables else 0
    rows = [row for table in tables for row in table.rows]
    assert len(rows) == len(listed)
    for row, shown in zip(rows, listed, strict=True):
        event = by_id[shown.id]
        _event_words_agree("report", row[at], row[at + 1], event)


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
    # (the worksheet's tables end in "Initials"; Organisation only where a row has one)
    tables = [
        b
        for b in document.blocks
        if isinstance(b, Table) and b.columns and b.columns[-1].title == "Initials"
    ]
    rows = [row for table in tables for row in table.rows]
    needing = [e for e in events if e["needs_review"]]
    assert len(rows) == len(needing)
    titles_at = [c.title for c in tables[0].columns] if tables else []
    reasons_at = titles_at.index("Reasons") if tables else 0
    boxes = ("practice", "other_provider", "not_eligible", "not_given")
    decided = sum(1 for e in needing if e["decision"] in FINAL)
    carried = sum(1 for e in needing if e["decision"] in FINAL and e.get("carried_from"))
    unsure = sum(1 for e in needing if e["decision"] == "unsure")
    m = re.search(
        r"(\d+) vaccinations to check(?:; (\d+) of them already decided \(their box is "
        r"ticked\)(?:, (\d+) of those in an earlier review)?)?(?:; (\d+) marked unsure)?",
        document.subtitle,
    )
    assert m, document.subtitle
    assert [int(g or 0) for g in m.groups()] == [len(needing), decided, carried, unsure], (
        document.subtitle
    )
    for row, event in zip(rows, needing, strict=True):
        upd = "UPD" in row[reasons_at].split(", ")
        assert upd == (event["export_check"] == "not_corrected" and not event["action_done"])
        ticks = row[reasons_at + 1 : reasons_at + 5]
        ticked = [kind for kind, cell in zip(boxes, ticks, strict=True) if cell == TICKED]
        assert ticked == ([event["decision"]] if event["decision"] in FINAL else []), (row, event)
        updated = row[reasons_at + 5]
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
                claimed=count_of(cells[CLAIMED]),
                in_search=int(cells[FOUND]),
                corrected=count_of(cells[TO_CLAIM]),
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
