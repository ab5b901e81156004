"""The Files page's "Bring decisions from earlier reviews": the recent reviews of the same
practice, each with a tick (the latest ticked), carried when a new review is made.

Month after month the same patients come back in the practice's searches; a vaccination an
earlier review decided takes that decision (decisions 35 and 36). In an open review the
panel says instead which earlier reviews its decisions came from.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cqrs_desktop import paths
from cqrs_desktop.domain.explain import counted, day_words, review_name
from cqrs_desktop.ui.file_span import span_words
from cqrs_desktop.ui.widgets import FieldLabel

if TYPE_CHECKING:
    from cqrs_desktop.domain.review import Review
    from cqrs_desktop.store.earlier_review import ReviewAbout

TITLE = "Bring decisions from earlier reviews"
MOST_ROWS_SHOWN = 4  # more scroll within the list
READING = "Reading your recent reviews…"
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
LINE_ROLE = Qt.ItemDataRole.UserRole + 2  # the review's line before its folder is added
HINT = (
    "A vaccination decided there (same programme, date and patient) takes the same decision "
    "here, and your new search shows which records have been corrected. Those files are only "
    "read."
)


def brought_words(paths: list[Path]) -> str:
    """'A', 'A and B', or '"A", "C Sep check" and "A" (in backup)': the reviews whose
    decisions are brought, as the list names them. Names of several words are quoted, all
    of them then, so they do not run together in the list, and a name two folders share
    says its folder, as the list does (decision 544)."""
    names = [review_name(path.name) for path in paths]
    twice = Counter(path.name.lower() for path in paths)
    quoted = any(" " in name or "," in name for name in names)
    said = [
        (f"\u201c{name}\u201d" if quoted else name)
        + (f" (in {path.parent.name or path.parent})" if twice[path.name.lower()] > 1 else "")
        for name, path in zip(names, paths, strict=True)
    ]
    return said[0] if len(said) == 1 else f"{', '.join(said[:-1])} and {said[-1]}"


def review_line(about: ReviewAbout) -> str:
    """'F99001 CQRS check 2024-10-02 · 8 decisions · made 02 Oct 2024 · for Aug 2024 to Sep
    2024' (its decisions to bring, in sight; the months of its vaccinations, claims and kept
    decisions), or why it cannot be brought."""
    name = review_name(about.path.name)
    from cqrs_desktop.store.earlier_review import NEWER, OPEN_ELSEWHERE, PART_SAVED

    if about.problem == PART_SAVED:  # in short, one line: the tooltip says it all
        return f"{name} · left part-saved: open it once, which finishes it"
    if about.problem == OPEN_ELSEWHERE:
        return f"{name} · open in CQRS Desktop: close it there to bring its decisions"
    if about.problem == NEWER:
        return f"{name} · {NEWER}: to bring its decisions, the app here needs updating"
    if about.problem:
        return f"{name} · {about.problem}"
    day = day_words(about.created_at)
    months = f"for {span_words(about.months)}" if about.months else ""
    # how many decisions it brings: two reviews of one month (a second check) told apart
    decided = counted(about.decided, "decision") if about.decided is not None else ""
    said = [name, decided, f"made {day}" if day else "", months]  # (the count in sight)
    return " · ".join(part for part in said if part)


def not_brought_words(about: ReviewAbout) -> str:
    """Why a review chosen (to bring its decisions, or to start this month's from) was not
    taken, and what to do, for a box: 'F99001 October.cqrsreview: open in CQRS Desktop:
    close it there, then try again to bring its decisions.' (decision 372)."""
    from cqrs_desktop.store.earlier_review import NEWER, OPEN_ELSEWHERE

    why = about.problem or ""
    if why == OPEN_ELSEWHERE:
        why += ": close it there, then try again to bring its decisions"
    elif why == NEWER:
        why += ": to bring its decisions, the app here needs updating"
    return f"{about.path.name}: {why}."


def _clauses(text: str) -> list[str]:
    """The parts of a line joined by "; " (`carried_words.carried_notice`), not those within
    brackets."""
    clauses, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and text.startswith("; ", i):
            clauses.append(text[start:i])
            start = i + 2
    return [c for c in (*clauses, text[start:]) if c]


class EarlierReviewsPanel(QWidget):
    """Tick the earlier reviews whose decisions a new review takes."""

    choose_requested = Signal(Path)  # a review file chosen with "Choose a review…"

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("earlierReviews")
        self.title = QLabel(TITLE)
        self.title.setObjectName("sectionTitle")
        self.hint = QLabel(HINT)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(TITLE)
        self.list.setToolTip("Space ticks or unticks the selected review")
        self.title.setBuddy(self.list)
        self.choose_button = QPushButton("Choose a review…")
        self.choose_button.setToolTip(
            "Bring the decisions of a review of this practice that is not listed here"
        )
        self.choose_button.clicked.connect(self.choose_file)
        self.carried_label = FieldLabel("Decisions from earlier reviews")
        self.carried_label.setWordWrap(True)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title, 1)
        top.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.list)
        layout.addWidget(self.carried_label)
        self.carried_label.hide()
        self.ods_code = ""
        # What bringing earlier decisions did when the open review was made, in full
        # (`carried_words.carried_notice`); "" for a review opened from its file.
        self.made_with = ""
        # while the recent reviews are read (`reading`): those chosen meanwhile, listed
        # with the rest once they are read
        self.chosen: list[ReviewAbout] = []
        self.unread = False  # the recent reviews could not be read (`not_read`)

    # ----- a new review: while the reviews to bring are read ---------------------------
    def reading(self, ods_code: str) -> None:
        """The recent reviews are being read (off the GUI thread): said in the list, where
        they will be; none is ticked (or offered) until `offer`."""
        self.ods_code = ods_code
        self.chosen = []
        self.unread = False
        self.list.clear()
        item = QListWidgetItem(READING)  # no tick box; its tooltip says what is waited for
        item.setToolTip(
            "Each recent review's file is read for its practice and its decisions (a review "
            "on a network drive not connected takes longer)"
        )
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.list.addItem(item)
        self.list.setCurrentRow(0, QItemSelectionModel.SelectionFlag.NoUpdate)
        self._show_offer()

    def _show_offer(self) -> None:
        """The panel as a new review's offer (not an open review's "where from")."""
        self.title.setText(TITLE)
        self.carried_label.hide()
        self.hint.show()
        self.choose_button.show()
        self._fit()
        self.show()

    @property
    def is_reading(self) -> bool:
        """The list says the recent reviews are being read (no review in it yet)."""
        return self.list.count() > 0 and self.list.item(0).data(PATH_ROLE) is None

    # ----- a new review: the reviews to bring ------------------------------------------
    def offer(self, reviews: list[ReviewAbout], ods_code: str, ticked: Path | None = None) -> None:
        """The reviews of practice `ods_code` (newest first) and those open elsewhere, which
        may be; `ticked` (else the newest readable one) is ticked, and any chosen while they were
        read."""
        self.ods_code = ods_code
        self.unread = False
        self.list.clear()
        for about in reviews:
            self._add(about)
        wanted = ticked or next(
            (self._path(i) for i in range(self.list.count()) if self._usable(i)), None
        )
        for row in range(self.list.count()):
            if self._usable(row) and _same(self._path(row), wanted):
                self.list.item(row).setCheckState(Qt.CheckState.Checked)
        if self.list.count():  # the keys start there; nothing shown selected until used
            self.list.setCurrentRow(0, QItemSelectionModel.SelectionFlag.NoUpdate)
        chosen, self.chosen = self.chosen, []
        for about in chosen:  # (ticked, as when chosen)
            self.add_review(about)
        self._show_offer()

    def _add(self, about: ReviewAbout) -> QListWidgetItem:
        item = QListWidgetItem(review_line(about))
        item.setData(PATH_ROLE, str(about.path))
        item.setData(LINE_ROLE, item.text())
        why = f"\nIts decisions cannot be brought: {about.problem}." if about.problem else ""
        item.setToolTip(f"{about.path}{why}")
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if about.problem is None:
            item.setFlags(flags | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        else:  # no tick box, but the arrow keys (and a screen reader) reach it, so why
            # it cannot be brought is read out
            item.setFlags(flags)
        self.list.addItem(item)
        return item

    def not_read(self, ods_code: str) -> None:
        """The recent reviews could not be read (what went wrong is said in a message):
        none is offered, and the hint does not say there is none."""
        self.offer([], ods_code)
        self.unread = True
        self._fit()

    def add_review(self, about: ReviewAbout) -> None:
        """A review chosen with "Choose a review…": listed (once) and ticked; while the
        recent reviews are read, once they are (`offer`)."""
        if self.is_reading:
            if not any(_same(about.path, other.path) for other in self.chosen):
                self.chosen.append(about)
            return
        for row in range(self.list.count()):
            if _same(self._path(row), about.path):
                item = self.list.item(row)
                break
        else:
            item = self._add(about)
        if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            item.setCheckState(Qt.CheckState.Checked)
        self.list.setCurrentItem(item, QItemSelectionModel.SelectionFlag.NoUpdate)
        self._fit()

    def _path(self, row: int) -> Path:
        return Path(str(self.list.item(row).data(PATH_ROLE)))

    def _usable(self, row: int) -> bool:
        return bool(self.list.item(row).flags() & Qt.ItemFlag.ItemIsUserCheckable)

    def _tell_apart(self) -> None:
        """Reviews of one name in two folders (a copy kept in a backup folder) each say
        their folder after the name: listed alike, one could not be told from the other
        without hovering (decision 542)."""
        rows = [r for r in range(self.list.count()) if self.list.item(r).data(LINE_ROLE)]
        names = Counter(self._path(r).name.lower() for r in rows)
        for row in rows:
            item, path = self.list.item(row), self._path(row)
            line = str(item.data(LINE_ROLE))
            if names[path.name.lower()] > 1:
                name = review_name(path.name)
                line = f"{name} (in {path.parent.name or path.parent}){line[len(name) :]}"
            item.setText(line)

    def _fit(self) -> None:
        """As tall as its reviews (up to four), so one review is one line, not a box."""
        self._tell_apart()
        rows = self.list.count()
        # an open review's panel says where its decisions came from: no list to tick
        self.list.setVisible(rows > 0 and self.carried_label.isHidden())
        if rows:
            height = self.list.sizeHintForRow(0) * min(rows, MOST_ROWS_SHOWN)
            # a line wider than the list (a long name, a narrow window): its scroll bar
            # takes a row's room unless the room is made for it
            if self.list.sizeHintForColumn(0) > self.list.viewport().width():
                height += self.list.horizontalScrollBar().sizeHint().height()
            self.list.setFixedHeight(height + 2 * self.list.frameWidth() + 8)
        self.hint.setText(
            HINT
            if rows
            else "Your recent reviews could not be read. To bring the decisions of one, "
            "choose its file."
            if self.unread
            else f"No earlier review of {self.ods_code or 'this practice'} in your recent "
            "reviews. To bring the decisions of one, choose its file."
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()  # narrower, a line may no longer fit

    def paths(self) -> list[Path]:
        """The reviews ticked, in the order listed (newest first)."""
        return [
            self._path(row)
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def choose_file(self) -> None:
        """Chosen from the folder of the newest review listed (where the practice keeps
        them), else the reviews folder, as Open a review does (decision 247)."""
        listed = self.list.count() and not self.is_reading
        folder = self._path(0).parent if listed else paths.reviews_dir()
        if not folder.is_dir():
            folder = paths.reviews_dir()
            with contextlib.suppress(OSError):  # the dialog opens in it even before a review
                folder.mkdir(parents=True, exist_ok=True)
        name, _ = QFileDialog.getOpenFileName(
            self, "Bring decisions from a review", str(folder), "CQRS reviews (*.cqrsreview)"
        )
        if name:
            self.choose_requested.emit(Path(name))

    # ----- an open review: where its decisions came from -------------------------------
    def show_carried(self, review: Review) -> None:
        """Which earlier reviews the open review's decisions came from, the earlier
        decisions it keeps for months not searched, and what bringing them did when the
        review was made (`made_with`); hidden if none."""
        ids = review.carried_ids()
        if not (ids or review.held or self.made_with):
            self.hide()
            return
        counts = Counter(
            record.carried_from
            for event_id in ids
            if (record := review.decision(event_id)) is not None and record.carried_from
        )
        parts = [  # by the review each was made in (which may not be the one read)
            f"{counted(n, 'decision')} made in {review_name(name)}"
            for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        if review.held and not self.made_with:  # (else said below)
            parts.append(
                f"{counted(len(review.held), 'decision')} of earlier reviews that took no "
                "vaccination here, kept for later reviews"
            )
        text = "; ".join(parts) + "." if parts else ""
        _count, _, rest = self.made_with.partition("; ")  # the count is said above
        clauses = _clauses(rest)
        if len(clauses) > 1:  # a line each, to read at a glance
            text += ("\n" if text else "") + "When this review was made:"
            text += "".join(f"\n• {clause}" for clause in clauses)
        elif rest:
            text += ("\n" if text else "") + f"When this review was made: {rest}."
        self.title.setText("Decisions from earlier reviews")
        self.carried_label.setText(text)
        self.carried_label.show()
        self.hint.hide()
        self.list.hide()
        self.choose_button.hide()
        self.show()


def _same(a: Path | None, b: Path | None) -> bool:
    return a is not None and b is not None and paths.same_file(a, b)
