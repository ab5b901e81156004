"""Every keyboard shortcut in one table.

The same table creates the QShortcuts, fills the "?" cheat sheet and drives the tests, so
the keys the user reads about are the keys that work.

Scopes: "review" keys work anywhere on the walk-through page; text boxes (the note, the
find box) keep their own typing because Qt lets a focused editor claim a plain key first.
"card" keys work while the patient card has focus; "window" keys work everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from PySide6 import QtCore
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

Scope = Literal["window", "review", "card"]


@dataclass(frozen=True)
class Shortcut:
    action: str
    keys: tuple[str, ...]
    description: str
    scope: Scope
    group: str


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut(
        "decide_practice",
        ("P",),
        "Given by this practice: record, save, go to next",
        "review",
        "Decide",
    ),
    Shortcut(
        "decide_other_provider",
        ("O",),
        "Given by another provider: record, save; mark it in the clinical system, then A",
        "review",
        "Decide",
    ),
    Shortcut(
        "decide_not_eligible",
        ("N",),
        "Not eligible or wrong programme: record, save (if the record must be corrected, "
        "correct it, then A)",
        "review",
        "Decide",
    ),
    Shortcut(
        "decide_not_given",
        ("X",),
        "Not given (recorded in error): record, save; correct the record, then A",
        "review",
        "Decide",
    ),
    Shortcut(
        "decide_unsure",
        ("U",),
        "Unsure, someone else must look: record, save, next",
        "review",
        "Decide",
    ),
    Shortcut(
        "toggle_action_done",
        ("A",),
        "'Clinical system updated': tick it once the record is changed (and go to next), "
        "or untick it",
        "review",
        "Decide",
    ),
    Shortcut(
        "undo", ("Ctrl+Z",), "Undo the last change and go back to that event", "review", "Decide"
    ),
    Shortcut(
        "previous", ("Left", "PgUp"), "Previous event to check (no decision)", "review", "Move"
    ),
    Shortcut("next", ("Right", "PgDown"), "Next event to check (no decision)", "review", "Move"),
    Shortcut("find", ("Ctrl+F",), "Find a patient by NHS number or name", "review", "Move"),
    Shortcut("note", ("Ctrl+M",), "Write a note for this event", "review", "Move"),
    Shortcut(
        "back_to_card",
        ("Esc",),
        "Back to the patient card, ready for a decision key (from the note or the list)",
        "review",
        "Move",
    ),
    Shortcut(
        "copy_nhs_number",
        ("Ctrl+C",),
        "Copy the NHS number (digits only) from the patient card",
        "card",
        "Move",
    ),
    Shortcut("page_sources", ("Ctrl+1",), "Go to Files", "window", "Pages"),
    Shortcut("page_overview", ("Ctrl+2",), "Go to Overview", "window", "Pages"),
    Shortcut("page_walkthrough", ("Ctrl+3",), "Go to Check events", "window", "Pages"),
    Shortcut("page_results", ("Ctrl+4",), "Go to Results", "window", "Pages"),
    Shortcut("new_review", ("Ctrl+N",), "Start a new review", "window", "Reviews"),
    Shortcut("open_review", ("Ctrl+O",), "Open a review", "window", "Reviews"),
    Shortcut("save_as", ("Ctrl+Shift+S",), "Save a copy of this review as…", "window", "Reviews"),
    Shortcut(
        "print",
        ("Ctrl+P",),
        "Print or save as PDF the worksheet or the report, for all events or only those chosen",
        "window",
        "Reviews",
    ),
    Shortcut("help", ("F1",), "Open the help page", "window", "Help"),
    Shortcut("cheat_sheet", ("?",), "Show this list of keys", "window", "Help"),
)

_BY_ACTION = {s.action: s for s in SHORTCUTS}


def shortcut(action: str) -> Shortcut:
    return _BY_ACTION[action]


def key_text(action: str) -> str:
    """The keys of an action as the user sees them, e.g. 'Right / PgDown'."""
    return " / ".join(
        QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
        for k in _BY_ACTION[action].keys
    )


def cheat_sheet() -> list[tuple[str, list[tuple[str, str]]]]:
    """(group, [(keys, description)]) in table order, for the "?" sheet."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for s in SHORTCUTS:
        groups.setdefault(s.group, []).append((key_text(s.action), s.description))
    return list(groups.items())


def install(
    widget: QWidget, scope: Scope, handlers: Mapping[str, Callable[[], object]]
) -> dict[str, list[QShortcut]]:
    """Create the QShortcuts of one scope on `widget`; every action of the scope needs a handler."""
    shortcut_context = QtCore.Qt.ShortcutContext
    context = (
        shortcut_context.WindowShortcut
        if scope == "window"
        else shortcut_context.WidgetWithChildrenShortcut
    )
    made: dict[str, list[QShortcut]] = {}
    for s in SHORTCUTS:
        if s.scope != scope:
            continue
        handler = handlers[s.action]
        for key in s.keys:
            qs = QShortcut(QKeySequence(key), widget)
            qs.setContext(context)
            qs.activated.connect(handler)
            made.setdefault(s.action, []).append(qs)
    return made


def make_action(parent: QWidget, action: str, text: str, handler: Callable[[], object]) -> QAction:
    """A menu action carrying the table's keys (window scope), so the menu shows them too."""
    s = _BY_ACTION[action]
    act = QAction(text, parent)
    act.setShortcuts([QKeySequence(k) for k in s.keys])  # a QAction's keys work window-wide
    act.setToolTip(s.description)
    act.setStatusTip(s.description)
    act.triggered.connect(lambda _checked=False: handler())
    return act
