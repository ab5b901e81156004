"""The first page: start a new review, open a recent one, or try the demo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cqrs_desktop.domain.explain import counted, day_words
from cqrs_desktop.settings import Settings
from cqrs_desktop.ui import look

if TYPE_CHECKING:
    from cqrs_desktop.store.earlier_review import ReviewAbout

LONGEST_NAME = 48  # characters of a review's name on the "this month" button
MOST_RECENT_SHOWN = 6  # recent reviews in view at once
# a recent review whose file is not where it was remembered (decision 344)
NOT_FOUND = "not found"
NOT_FOUND_TIP = (
    "Not found there: moved or deleted, or on a drive not connected now. Press Enter to "
    "take it off this list; to open it where it is now, use Open a review file…"
)


MONTH_HINT = (
    "The same practice, its decisions brought forward: only new vaccinations need deciding, "
    "and your new search shows which records were corrected."
)


def month_words(
    offered: ReviewAbout | None,
    latest: ReviewAbout | None,
    ods_code: str,
    gone: Path | None = None,
    today: dt.date | None = None,
) -> str:
    """The words under "Start this month's review from REVIEW": the months it covers and
    what it does, or that a review changed since cannot be read, open elsewhere or damaged
    (`latest`, when it is not `offered`: its file's time may be another window's change or
    the damage's, not when it was made), that a review opened more recently is no longer
    where it was (`gone`: it may be a later one), or that the review offered is of another
    practice (whose details then replace the saved ones); and, for a review made this
    month (`today`'s), how to carry on with it instead."""
    said = []
    made = day_words(offered.created_at) if offered is not None else ""
    made = f", made {made}" if made else ""
    if gone is not None:  # whether it is later is not known: it cannot be read
        later = ", opened more recently," if offered is not None else ""
        said.append(
            f"{gone.stem}{later} is not found in {gone.parent} (moved or "
            "deleted, or on a drive not connected now): if it is a later review, open it "
            "where it is now with Open a review file…, then come back to this page (if not, "
            "Enter on it under Recent reviews takes it off the list)."
        )
    if latest is not None and latest.problem is not None and latest is not offered:
        # when a review that cannot be read was made is not known: its file was changed
        # later than the one offered (open in another window, or the damage itself), no more
        newer = offered is not None  # "more recently" only beside a review it is later than
        from cqrs_desktop.store.earlier_review import NEWER, OPEN_ELSEWHERE, PART_SAVED

        if latest.problem == PART_SAVED:  # nothing is lost: opening it finishes it
            changed = " was changed more recently and" if newer else ""
            said.append(
                f"{latest.path.stem}{changed} was left part-saved (the app stopped while "
                "saving a change): open it once with Open a review file…, which finishes it, "
                "then come back to this page."
            )
        elif latest.problem == OPEN_ELSEWHERE:
            changed = " was changed more recently and" if newer else ""
            said.append(
                f"{latest.path.stem}{changed} is open in CQRS Desktop, so it cannot be read "
                "just now: close it there, then come back to this page."
            )
        elif latest.problem == NEWER:  # nothing wrong with it: this copy of the app is old
            said.append(
                f"{latest.path.stem} was made by a newer version of CQRS Desktop, which this "
                "one cannot read: to start from it, ask IT to update CQRS Desktop on this PC."
            )
        else:
            changed = " was changed more recently but" if newer else ""
            said.append(
                f"{latest.path.stem}{changed} cannot be read ({latest.problem}: open a copy "
                "saved earlier, or start afresh)."
            )
        if offered is not None:
            said.append(f"This offer is from the latest review that can be read{made}.")
    elif gone is not None and offered is not None:
        said.append(f"This offer is from the latest review found{made}.")
    if offered is not None and offered.months is not None:  # which month it was
        from cqrs_desktop.ui.file_span import span_words  # not at start-up

        holds = (
            f" and holds {counted(offered.decided, 'decision')}"
            if offered.decided is not None
            else ""
        )
        said.append(f"It covers {span_words(offered.months)}{holds}.")
    if offered is not None:
        code = (offered.ods_code or "").strip().upper()
        if code and ods_code and code != ods_code.strip().upper():
            said.append(
                f"It is a review of {offered.practice_name or 'another practice'} ({code}), not "
                f"of your practice ({ods_code.strip().upper()}): starting from it makes "
                f"{code} your practice, its decisions brought forward."
            )
        else:
            said.append(MONTH_HINT)
    if offered is not None and made_this_month(offered, today):
        said.append(
            f"You made {offered.path.stem} this month: to carry on with it, open it under "
            "Recent reviews (Enter opens it)."
        )
    return " ".join(said)


def made_this_month(about: ReviewAbout, today: dt.date | None = None) -> bool:
    """Whether the review was made in this calendar month (`today`'s): the one to carry on
    with, mid-month, rather than to start another from (decision 246)."""
    try:
        made = dt.datetime.fromisoformat(about.created_at or "")
    except ValueError:
        return False
    if made.tzinfo is not None:
        made = made.astimezone()  # (the day here)
    today = today or dt.date.today()
    return (made.year, made.month) == (today.year, today.month)


class StartPage(QWidget):
    new_review = Signal()
    open_file = Signal()
    open_recent = Signal(Path)
    open_demo = Signal()
    edit_practice = Signal()
    start_month = Signal(Path)  # this month's review from an earlier one

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("startPage")
        title = QLabel("Check your CQRS vaccination claims")
        title.setObjectName("pageTitle")
        intro = QLabel(
            "Bring in your clinical-system search and the CQRS figures, check each flagged "
            "vaccination against the patient record, then send the result to NHS England "
            "London. Everything you record is saved as you go."
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")

        self.new_button = QPushButton("Start a new review…")
        self.new_button.setObjectName("primary")
        self.new_button.setAccessibleName("Start a new review")
        self.new_button.clicked.connect(self.new_review.emit)
        self.open_button = QPushButton("Open a review file…")
        self.open_button.clicked.connect(self.open_file.emit)
        self.demo_button = QPushButton("Try the demo (invented patients)")
        self.demo_button.clicked.connect(self.open_demo.emit)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.open_button, self.demo_button):
            b.setMinimumHeight(40)
            buttons.addWidget(b)
        buttons.addStretch(1)

        # month after month: the next review from the latest, its decisions brought
        self.month_button = QPushButton("")
        self.month_button.setObjectName("primary")
        self.month_button.setMinimumHeight(40)
        self.month_button.clicked.connect(self._start_month)
        self.month_hint = QLabel(MONTH_HINT)
        self.month_hint.setObjectName("hint")
        self.month_hint.setWordWrap(True)
        self.month_from: Path | None = None
        self.carry_on: Path | None = None  # the review offered, made this month
        month_row = QHBoxLayout()
        month_row.addWidget(self.month_button)
        month_row.addStretch(1)
        self.month_button.hide()
        self.month_hint.hide()

        recent_title = QLabel("Recent reviews")
        recent_title.setObjectName("sectionTitle")
        self.recent_paths: list[Path] = []  # row by row, as listed
        self.not_found: list[Path] = []  # marked so once their files have been looked for
        self.recent = _FittedList(self._fit_recent)  # refitted as its width changes
        self.recent.setAccessibleName("Recent reviews")
        self.recent.itemActivated.connect(self._activated)
        recent_title.setBuddy(self.recent)
        self.recent_hint = QLabel("Press Enter or double-click to open.")
        self.recent_hint.setObjectName("hint")
        self.no_recent = QLabel("No reviews yet: the reviews you start or open are listed here.")
        self.no_recent.setObjectName("hint")

        practice_title = QLabel("Your practice")
        practice_title.setObjectName("sectionTitle")
        self.practice_label = QLabel("")
        self.practice_label.setWordWrap(True)
        self.practice_button = QPushButton("Change practice details…")
        self.practice_button.clicked.connect(self.edit_practice.emit)
        practice_row = QHBoxLayout()
        practice_row.addWidget(self.practice_label, 1)
        practice_row.addWidget(self.practice_button)

        help_label = QLabel("Press F1 at any time for help, or ? for the keyboard shortcuts.")
        help_label.setObjectName("hint")

        column = QVBoxLayout()
        column.setSpacing(12)
        column.addWidget(title)
        column.addWidget(intro)
        column.addSpacing(8)
        month = QVBoxLayout()  # the offer and its words, close together
        month.setSpacing(4)
        month.addLayout(month_row)
        month.addWidget(self.month_hint)
        column.addLayout(month)
        column.addLayout(buttons)
        column.addSpacing(12)
        column.addWidget(recent_title)
        column.addWidget(self.recent)
        column.addWidget(self.no_recent)
        column.addWidget(self.recent_hint)
        column.addSpacing(12)
        column.addWidget(practice_title)
        column.addLayout(practice_row)
        column.addStretch(1)
        column.addWidget(help_label)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(round(860 * look.scale_now()))  # wider as the text is bigger
        page = QWidget()
        inner = QHBoxLayout(page)
        inner.setContentsMargins(40, 32, 40, 24)
        inner.addWidget(holder)
        inner.addStretch(1)
        # scrolls up and down when a small window cannot hold it all (no frame: the
        # stylesheet's; no Qt enums before the first window, see show_settings)
        # the keys go down the page as it reads: this month's offer, the buttons, the
        # recent reviews, the practice
        for first, then in zip(
            (self.month_button, self.new_button, self.open_button, self.demo_button,
             self.recent),
            (self.new_button, self.open_button, self.demo_button, self.recent,
             self.practice_button),
            strict=True,
        ):  # fmt: skip
            QWidget.setTabOrder(first, then)
        scroll = QScrollArea()
        scroll.setObjectName("startScroll")
        # no Tab stop of its own, for nothing, from the first run on (decision 520):
        # Qt.FocusPolicy.NoFocus by its number, as Qt's enums wait for the first window
        scroll.setProperty("focusPolicy", 0)
        self._scroll = scroll
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _fit_recent(self) -> None:
        """As tall as its reviews (up to six; more scroll), not an empty box; a line wider
        than the list (a long name or folder) gets its sideways scroll bar's room, not a
        review's."""
        rows = min(len(self.recent_paths), MOST_RECENT_SHOWN)
        if not rows:
            return
        height = self.recent.sizeHintForRow(0) * rows + 2 * self.recent.frameWidth() + 6
        if self.recent.sizeHintForColumn(0) > self.recent.viewport().width():
            height += self.recent.horizontalScrollBar().sizeHint().height()
        if height != self.recent.height():
            self.recent.setFixedHeight(height)

    def show_settings(self, settings: Settings) -> None:
        # No Qt enums here: this runs before the first window shows, and the first use of
        # any Qt.* value builds all of Qt's enums (tens of milliseconds; docs/packaging.md).
        self.recent.clear()
        self.recent_paths = [Path(text) for text in settings.recent_reviews]
        for path in self.recent_paths:
            item = QListWidgetItem(f"{path.stem}    —    {path.parent}")
            item.setToolTip(str(path))
            self.recent.addItem(item)
        self.not_found = []
        if self.recent_paths:
            self.recent.setCurrentRow(0)
            self._fit_recent()
        self.recent.setVisible(bool(self.recent_paths))
        self.no_recent.setVisible(not self.recent_paths)
        self.recent_hint.setVisible(bool(self.recent_paths))
        if settings.complete:
            self.practice_label.setText(
                f"{settings.practice_name} ({settings.ods_code.upper()}). Reviewer: "
                f"{settings.reviewer}. Results go to {settings.team_email}."
            )
        else:
            self.practice_label.setText(
                "Not set yet: you will be asked for the practice name, ODS code and your name "
                "when you start a review."
            )

    def show_this_month(
        self,
        offered: ReviewAbout | None,
        latest: ReviewAbout | None = None,
        ods_code: str = "",
        gone: Path | None = None,
    ) -> None:
        """Offer "Start this month's review from REVIEW" for the latest readable review
        (None: no offer), saying so when the latest of all (`latest`) cannot be read just
        now, a review opened more recently is no longer there (`gone`), or the review is of
        a practice other than `ods_code`. With the offer, starting afresh is the quieter
        choice."""
        self.month_from = offered.path if offered is not None else None
        # made this month: Enter carries on with it (under Recent reviews), not another
        self.carry_on = (
            offered.path
            if offered is not None
            and made_this_month(offered)
            and offered.path in self.recent_paths
            else None
        )
        if offered is not None:
            name = offered.path.stem
            if len(name) > LONGEST_NAME:  # the whole name is in the tooltip
                name = name[: LONGEST_NAME - 1].rstrip() + "…"
            text = f"Start this month's review from {name}"
            self.month_button.setText(text + "…")
            self.month_button.setAccessibleName(
                f"Start this month's review from {offered.path.stem}"
            )
            self.month_button.setToolTip(str(offered.path))
        words = month_words(offered, latest, ods_code, gone)
        self.month_hint.setText(words)
        self.month_button.setVisible(offered is not None)
        self.month_hint.setVisible(bool(words))
        from cqrs_desktop.ui.widgets import restyle

        restyle(self.new_button, "" if offered is not None else "primary")

    def show_not_found(self, missing: Collection[Path]) -> None:
        """Mark the recent reviews whose files were not found (looked for off the GUI
        thread: `MainWindow._offer_this_month`) as not found, with what to do: Enter takes
        one off the list, Open a review file… opens it where it is now (decision 344)."""
        self.not_found = [path for path in self.recent_paths if path in missing]
        for row, path in enumerate(self.recent_paths):
            item = self.recent.item(row)
            if path in self.not_found:  # said before the folder, which may run off the list
                item.setText(f"{path.stem}    —    {NOT_FOUND} in {path.parent}")
                item.setToolTip(f"{path}\n{NOT_FOUND_TIP}")
            else:
                item.setText(f"{path.stem}    —    {path.parent}")
                item.setToolTip(str(path))
        self._fit_recent()

    def _start_month(self) -> None:
        if self.month_from is not None:
            self.start_month.emit(self.month_from)

    def focus_first(self) -> None:
        """Keyboard focus where the page leads: a review made this month, under Recent
        reviews (Enter carries on with it), else this month's review from the latest (Enter
        starts it), else the most recent review (Enter opens it), else the button that
        starts the first one."""
        if self.carry_on in self.recent_paths:
            self.recent.setCurrentRow(self.recent_paths.index(self.carry_on))
            self.recent.setFocus()
        elif self.month_from is not None:
            self.month_button.setFocus()
        else:
            (self.recent if self.recent_paths else self.new_button).setFocus()

    def _activated(self, item: QListWidgetItem) -> None:
        row = self.recent.row(item)
        if 0 <= row < len(self.recent_paths):
            self.open_recent.emit(self.recent_paths[row])


class _FittedList(QListWidget):
    """A list that calls `fit` when resized (narrower, a line may no longer fit: its
    sideways scroll bar then needs room). The page's own resize comes before its scroll
    area lays the list out at its new width."""

    def __init__(self, fit: Callable[[], None]) -> None:
        super().__init__()
        self._fit = fit

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
