"""The main window: start page, then the four steps of a review beside a navigation list.

It owns the open review and the background operations; pages render and ask.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
)

from cqrs_desktop import paths, settings
from cqrs_desktop.errors import EarlierReviewUnusable, OperationCancelled, UserError
from cqrs_desktop.ui import window_state
from cqrs_desktop.ui.collector import GuiCollector
from cqrs_desktop.ui.menus import build_menus
from cqrs_desktop.ui.message_bar import MessageBar
from cqrs_desktop.ui.messages import keyed_and_heard, show_problem
from cqrs_desktop.ui.operations import (
    Operation,
    Operations,
    Quietly,
    plain_message,
    technical_detail,
    work_running,
)
from cqrs_desktop.ui.start_page import StartPage
from cqrs_desktop.ui.steps import (
    HELP_SECTIONS,
    OVERVIEW,
    PAGES,
    RESULTS,
    SOURCES,
    WALKTHROUGH,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QListWidget

    from cqrs_desktop.domain.model import Claim
    from cqrs_desktop.domain.review import Review
    from cqrs_desktop.review.changes import Changes
    from cqrs_desktop.review.review_session import ReviewSession
    from cqrs_desktop.session import SearchFile
    from cqrs_desktop.ui import backend
    from cqrs_desktop.ui.dialogs import CheatSheet, HelpWindow, PracticeDialog
    from cqrs_desktop.ui.file_preview import FileEntry
    from cqrs_desktop.ui.overview_page import OverviewPage
    from cqrs_desktop.ui.print_dialog import PrintDialog
    from cqrs_desktop.ui.printing import Which
    from cqrs_desktop.ui.results_page import ResultsPage
    from cqrs_desktop.ui.review_area import ReviewArea
    from cqrs_desktop.ui.review_session import OpenReview
    from cqrs_desktop.ui.sources_page import SourcesPage
    from cqrs_desktop.ui.walkthrough_page import WalkThroughPage

__all__ = ["OVERVIEW", "RESULTS", "SOURCES", "WALKTHROUGH", "MainWindow"]

APP_TITLE = "CQRS Desktop"
OFFER_AFTER_MS = 250  # the start page's "this month" offer, once the window is painted
# events: a change of a smaller review's files or claims takes well under half a second and
# is made at once (no key typed into the claims grid meanwhile is lost); a larger one's in
# the background
CHANGED_HERE_UP_TO = 10_000


class MainWindow(QMainWindow):
    save_as_action: QAction  # made by build_menus
    print_action: QAction

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings.load()
        # cycles collected on this thread, between events, never beside work on a worker
        # thread; as it was before once the window has gone (decision 350)
        self.collector = GuiCollector(self, busy=work_running)
        self.ops = Operations(self)
        self.session: OpenReview | None = None
        self._review_area: ReviewArea | None = None  # built when first needed
        self._closing = False  # a failed save is then said by closeEvent
        self._close_unimported = False  # closing without the files waiting: agreed to

        self.start = StartPage()
        self.start.new_review.connect(self.new_review)
        self.start.open_file.connect(self.choose_review)
        self.start.open_recent.connect(self.open_review)
        self.start.open_demo.connect(self.open_demo)
        self.start.start_month.connect(self.start_month_from)
        self.start.edit_practice.connect(lambda: self.edit_practice())

        self.stack = QStackedWidget()
        self.stack.addWidget(self.start)
        self.setCentralWidget(self.stack)

        # no accessible names: a label is then heard by its words ("Not saved: ..."),
        # where a name was heard alone ("Saved", when nothing was)
        self.progress_label = QLabel("")
        self.saved_label = QLabel("")
        self.saved_label.setObjectName("savedLabel")  # set apart from the count (style.qss)
        self.message_bar = MessageBar()  # messages wrap, never cut off mid-word
        self.setStatusBar(self.message_bar)
        self.statusBar().addPermanentWidget(self.progress_label)
        self.statusBar().addPermanentWidget(self.saved_label)
        build_menus(self, PAGES)
        self._enable_steps()
        self.start.show_settings(self.settings)
        self.start.focus_first()
        self._update_title()
        window_state.restore(self)
        # the offer reads the recent reviews' files: once the first window is on screen
        self.offer_reading: QtCore.QObject | None = None  # while they are read
        self.help_window: HelpWindow | None = None  # F1 again brings it forward
        QTimer.singleShot(OFFER_AFTER_MS, self._offer_this_month)
        # Windows logging off or shutting down closes no window under Qt 6: it asks the
        # application to save its data, then ends it (decision 466)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.commitDataRequest.connect(self._windows_ending)

    def _windows_ending(self, _manager: object) -> None:
        """Windows is logging off or shutting down: the note being typed and the window's
        size and place are saved now, as closing the window saves them. Nothing is asked
        and nothing is shown: a question here would hold up the user's log-off, and the
        review stays open in case another program stops it."""
        self._closing = True  # a note the file refuses stays in its box, not in a message
        try:
            self._flush_note()
        finally:
            self._closing = False
        window_state.remember(self)

    # ----- the review's pages, built the first time a review is started or opened -----
    @property
    def review_area(self) -> ReviewArea:
        if self._review_area is None:
            self._review_area = self._build_review_area()
        return self._review_area

    def _build_review_area(self) -> ReviewArea:
        from cqrs_desktop.ui.review_area import ReviewArea

        area = ReviewArea(self.ops, self.settings.clinical_system)
        area.sources.import_requested.connect(self.import_files)
        area.sources.claims_changed.connect(self.set_claims)
        area.sources.remove_requested.connect(self.remove_source)
        area.sources.span_changed.connect(self.set_span)
        area.overview.open_item.connect(self.open_item)
        area.overview.to_update_requested.connect(self.show_to_update)
        area.overview.not_corrected_requested.connect(self.show_not_corrected)
        area.walkthrough.status_message.connect(lambda m: self.statusBar().showMessage(m, 4000))
        area.walkthrough.page_hint.connect(lambda m: self.message_bar.show_page_hint(m, 4000))
        area.walkthrough.checklist.system_changed.connect(self._system_changed)
        area.walkthrough.results_requested.connect(lambda: self.show_page(RESULTS))
        area.results.status_message.connect(lambda m: self.statusBar().showMessage(m, 4000))
        area.results.print_requested.connect(lambda which: self.print_or_save(which))
        area.overview.print_requested.connect(lambda: self.print_or_save(origin="overview"))
        area.walkthrough.events.print_requested.connect(lambda: self.print_or_save(origin="list"))
        area.nav.currentRowChanged.connect(self._nav_changed)
        area.results.set_settings(self.settings)
        self.stack.addWidget(area)
        return area

    @property
    def sources(self) -> SourcesPage:
        return self.review_area.sources

    @property
    def overview(self) -> OverviewPage:
        return self.review_area.overview

    @property
    def walkthrough(self) -> WalkThroughPage:
        return self.review_area.walkthrough

    @property
    def results(self) -> ResultsPage:
        return self.review_area.results

    @property
    def nav(self) -> QListWidget:
        return self.review_area.nav

    @property
    def pages(self) -> QStackedWidget:
        return self.review_area.pages

    def _show_review_area(self) -> None:
        self.stack.setCurrentWidget(self.review_area)

    def _in_review_area(self) -> bool:
        return self._review_area is not None and self.stack.currentWidget() is self._review_area

    def _flush_note(self) -> bool:
        """Save a note being typed; False when it could not be saved."""
        if self._review_area is not None:
            return self._review_area.walkthrough.flush_note()
        return True

    def show_help(self) -> HelpWindow:
        from cqrs_desktop.ui.dialogs import HelpWindow

        section = HELP_SECTIONS[self.pages.currentIndex()] if self._in_review_area() else ""
        window = self.help_window
        if window is not None and window.isVisible():  # one help window: brought forward
            window.go_to(section)
            window.raise_()
            window.activateWindow()
            return window
        if window is not None:  # closed: a new one opens at the page's part
            window.deleteLater()
        window = HelpWindow(self, section)
        self.help_window = window
        window.show()
        return window

    def show_cheat_sheet(self) -> CheatSheet:
        from cqrs_desktop.ui.dialogs import CheatSheet

        sheet = CheatSheet(self)
        sheet.show()
        return sheet

    # ----- pages ----------------------------------------------------------------------
    def show_page(self, index: int) -> None:
        if not self._in_review_area():
            return
        item = self.nav.item(index)
        if item is not None and item.flags() & QtCore.Qt.ItemFlag.ItemIsEnabled:
            self.nav.setCurrentRow(index)
            self._focus_page(index)
            # again once the page's switch has settled (under Wine, a late activation once
            # gave the focus back to the page left, unseen)
            QTimer.singleShot(0, self, lambda: self._focus_page_again(index))

    def _focus_page_again(self, index: int) -> None:
        focus = self.focusWidget()
        shown = self.pages.currentWidget()
        if self.pages.currentIndex() == index and not (
            focus and shown and shown.isAncestorOf(focus)
        ):
            self._focus_page(index)

    def _focus_page(self, index: int) -> None:
        """The focus where the page's work starts (Ctrl+1 to Ctrl+4 left it on the scroll
        area the page sits in, where nothing showed it and Enter did nothing). Check
        events takes it on its card (`_nav_changed`)."""
        if index == SOURCES:
            ready = self.sources.import_button
            (ready if ready.isEnabled() else self.sources.add_button).setFocus()
        elif index == OVERVIEW:
            self.overview.view.setFocus()
        elif index == RESULTS:
            from cqrs_desktop.ui.widgets import first_control  # (Qt's enums: not at start)

            first_control(self.results)

    def _nav_changed(self, index: int) -> None:
        if index < 0:
            return
        self._flush_note()
        self.message_bar.page_changed()  # "No more events that way" is not the next page's
        self.pages.setCurrentIndex(index)
        if index == WALKTHROUGH:
            self.walkthrough.focus_card()
        elif index == RESULTS:
            self.results.refresh()

    def _enable_steps(self) -> None:
        if self._review_area is not None:
            self._review_area.enable_steps(self.session is not None)
        self.save_as_action.setEnabled(self.session is not None)
        self.print_action.setEnabled(self.session is not None)

    def open_item(self, programme: str, month: str) -> None:
        """From the overview: the first event of that item still to check (else its first)."""
        if self.session is None:
            return
        target = self.session.walk.first_of_item(programme, month)
        if target is None:  # Enter on it did nothing, unsaid
            item = self.session.review.item((programme, month))
            why = "no search covered this month" if not item.covered else "our search found none"
            self.message_bar.show_page_hint(
                f"{self.overview.model.title(item)}: no vaccinations to check ({why})", 10000
            )
            return
        self.show_page(WALKTHROUGH)
        self.walkthrough.show_item(programme, month, target)
        self.walkthrough.focus_card()

    def show_to_update(self) -> None:
        """The records decided as needing a change in the clinical system, not yet ticked."""
        from cqrs_desktop.ui.event_table import TO_UPDATE

        if self.session is None:
            return
        self.show_page(WALKTHROUGH)
        self.walkthrough.show_list(TO_UPDATE)

    def show_not_corrected(self) -> None:
        """The doses decided in an earlier review as given elsewhere (or in error) that the
        latest search still shows as the practice's own."""
        from cqrs_desktop.ui.event_table import NOT_CORRECTED

        if self.session is None:
            return
        self.show_page(WALKTHROUGH)
        self.walkthrough.show_list(NOT_CORRECTED)

    # ----- printing -------------------------------------------------------------------
    def print_or_save(self, which: Which = "worksheet", origin: str = "") -> PrintDialog | None:
        """The print dialog, offering the events chosen where the user is (or came from)."""
        from cqrs_desktop.ui.print_dialog import open_print_dialog  # QtPrintSupport: when used

        if self.session is None:
            return None
        if not origin:
            origin = {OVERVIEW: "overview", WALKTHROUGH: "walkthrough"}.get(
                self.pages.currentIndex(), ""
            )
        dialog = open_print_dialog(self, self.session, which, origin)
        dialog.open()
        return dialog

    # ----- the open review ------------------------------------------------------------
    def set_session(self, opened: backend.Opened | None, start_page: bool = True) -> None:
        """Show the review `opened`, or none: then the start page and its offer, unless
        `start_page` is False (a new review's Files page follows at once: its offer would
        be read for no one, and a failure to read it said twice)."""
        self.statusBar().clearMessage()  # the last review's "Saved: ..." is not this one's
        # files waiting on a new review's Files page, another review opened instead: said
        set_aside = 0
        if opened is not None and self.session is None and self._review_area is not None:
            set_aside = len(self.sources.waiting)
        if self.session is not None:
            self._flush_note()
            self.session.close()
        if opened is None:
            self.session = None
        else:
            from cqrs_desktop.ui import backend
            from cqrs_desktop.ui.review_session import OpenReview

            demo = backend.is_demo(opened.path)
            # the demo's decisions are its invented reviewer's, whoever tries it
            reviewer = None if demo else self.settings.reviewer or None
            self.session = OpenReview(opened.path, opened.store, opened.review, reviewer)
            self.session.changed.connect(self._session_changed)
            self.session.failed.connect(self._not_saved)
            recent = self.settings
            if demo:  # one demo in Recent reviews, the latest, however often it is tried
                for earlier in recent.recent_reviews:
                    if backend.is_demo(Path(earlier)):
                        recent = recent.without_recent(Path(earlier))
            self.settings = recent.with_recent(opened.path)
            self._save_settings()
        if self.session is not None or self._review_area is not None:
            # what bringing earlier decisions did, in full, for the Files page
            self.sources.earlier.made_with = (
                (opened.carried or opened.made_with) if opened is not None else ""
            )
            for page in self.review_area.all_pages():
                page.set_session(self.session)
            self.results.set_settings(self.settings)
        self.start.show_settings(self.settings)
        self._enable_steps()
        self._update_title()
        if self.session is None and not start_page:
            return
        if self.session is None:
            self.stack.setCurrentWidget(self.start)
            self._offer_this_month()
            if self.isActiveWindow():  # else the window's focus is not ours to move
                self.start.focus_first()
            return
        self._show_review_area()
        if self.session.go_to_first_pending():
            self.show_page(WALKTHROUGH)
            self.walkthrough.focus_card()
            # again once the progress dialog has gone and handed focus back
            QTimer.singleShot(0, self.walkthrough.focus_card)
        else:
            self.show_page(OVERVIEW)
        from cqrs_desktop.ui.backend import opened_words

        said = opened_words(opened) if opened is not None else None
        if set_aside:
            aside = (
                f"{set_aside} file{' was' if set_aside == 1 else 's were'} waiting on the Files "
                "page of a new review: not imported (add them again to start it)"
            )
            said = (f"{aside}. {said[0]}", said[1]) if said else (aside, 15000)
        if said is not None:  # what a carry did in a line (whole on the Overview and Files)
            self.message_bar.showMessage(*said, one_line=not set_aside)

    def _session_changed(self, changes: Changes) -> None:
        if changes.decisions or changes.review or changes.saved:  # not a move
            self._update_title()

    def _not_saved(self, message: str) -> None:
        """A change the review file did not take: said at once, and the title and status
        bar say "not saved" until a change is saved again."""
        self._update_title()
        if self._closing:
            return  # said by closeEvent, with what to do about the note
        show_problem(self, "Not saved", f"{message}\n\nThe last change was not recorded.")

    def _not_imported_yet(self) -> str:
        """What the Files page holds that no review file does yet, and closing would lose,
        in words ('' for nothing): files added but not imported (those it could import),
        and, before a review is made, the claimed counts typed."""
        if self._review_area is None:
            return ""
        files = [e.name for e in self.sources.waiting if e.kind in ("search", "cqrs")]
        typed = self.session is None and bool(self.sources.typed_claims())
        parts = []
        if files:
            named = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
            parts.append(
                f"{len(files)} file{' is' if len(files) == 1 else 's are'} waiting on the Files "
                f"page, not imported ({named})"
            )
        if typed:
            parts.append("the claimed counts typed on the Files page are not in a review yet")
        return "; and ".join(parts)

    def _ask_close_without_importing(self, waiting: str) -> None:
        """Close anyway, or go back to the Files page (the default, and Esc)."""
        box = QMessageBox(self)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Close without importing?")
        box.setText(
            f"{waiting[0].upper()}{waiting[1:]}.\n\nNothing of them is saved until you press "
            "Import: closing now loses them."
        )
        close = box.addButton("&Close without importing", QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton("&Go back to Files", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        keyed_and_heard(box)

        def answered() -> None:
            if box.clickedButton() is close:
                self._close_unimported = True
                self.close()
                return
            self._show_review_area()
            self.nav.setCurrentRow(SOURCES)
            self.activateWindow()
            if self.sources.import_button.isEnabled():
                self.sources.import_button.setFocus()

        box.finished.connect(answered)
        box.open()

    def _note_not_saved_on_close(self) -> None:
        failure = self.session.failure if self.session is not None else None
        show_problem(
            self,
            "The note was not saved",
            f"{failure or 'The review file did not take the note.'}\n\n"
            "The note you typed could not be saved, so the window stayed open: the note is "
            "still in its box. Copy it somewhere safe, or put right what stopped the save "
            "(for example make room on the disk), then close again. To close without the "
            "note, clear its box first.",
        )

    def _save_settings(self) -> None:
        """Keep the settings; said when the settings folder refuses them."""
        try:
            settings.save(self.settings)
        except settings.SettingsNotSaved as exc:
            show_problem(self, "Settings not saved", str(exc))

    def _update_title(self) -> None:
        if self.session is None:
            self.setWindowTitle(APP_TITLE)
            self.progress_label.setText("")
            self.saved_label.setText("")
            return
        saved = self.session.saved_at
        if self.session.failure:
            self.setWindowTitle(f"{self.session.name} – NOT SAVED – {APP_TITLE}")
            self.saved_label.setText("Not saved: the last change was not recorded")
            self.saved_label.setToolTip(self.session.failure)
        else:
            state = f"saved {saved:%H:%M}" if saved else "saved"
            self.setWindowTitle(f"{self.session.name} – {state} – {APP_TITLE}")
            self.saved_label.setText(f"All changes saved{f' at {saved:%H:%M:%S}' if saved else ''}")
            self.saved_label.setToolTip("")
        self.progress_label.setText(self.session.walk.progress().text())

    def _opened(self, opened: backend.Opened) -> None:
        self.set_session(opened)

    def _made(self, opened: backend.Opened) -> None:
        """A new review made from the files waiting: they are in it (one not recognised
        stays waiting, and is said)."""
        left = self.sources.files_imported()
        self.set_session(opened)
        self.sources.keep_waiting(left)
        self._say_not_imported(left)

    def open_review(self, path: Path) -> None:
        from cqrs_desktop.ui import backend  # reading files: when first used

        path = paths.absolute(path)  # a name typed in its folder: held by its whole path
        if self.session is not None and paths.same_file(path, self.session.path):
            self._show_review_area()
            return

        def failed(error: BaseException) -> None:
            if not Path(path).exists():
                self.settings = self.settings.without_recent(Path(path))
                self._save_settings()
                self.start.show_settings(self.settings)
                self._offer_this_month()  # it may have been what the offer said was gone
                if self.stack.currentWidget() is self.start and not self.start.recent_paths:
                    # the list (with the focus) gone: the focus back on starting a review,
                    # where the box hands it, not on whatever came next
                    self.start.focus_first()
            show_problem(self, "The review could not be opened", plain_message(error))

        self.ops.run(
            self,
            "Opening the review",
            lambda _p, _c: backend.open_review(Path(path)),
            self._opened,
            failed,
        )

    def choose_review(self) -> None:
        folder = paths.reviews_dir()
        with contextlib.suppress(OSError):  # the dialog opens in it even before a first review
            folder.mkdir(parents=True, exist_ok=True)
        name, _ = QFileDialog.getOpenFileName(
            self, "Open a review", str(folder), "CQRS reviews (*.cqrsreview)"
        )
        if name:
            self.open_review(Path(name))

    def open_demo(self) -> None:
        from cqrs_desktop.ui import backend  # reading files: when first used

        self.ops.run(self, "Opening the demo", lambda p, c: backend.demo_review(p, c), self._opened)

    def close_review(self) -> None:
        self.set_session(None)

    def save_as(self) -> None:
        if self.session is None:
            return
        from cqrs_desktop.ui import backend

        folder = backend.output_folder(self.session.path)
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Save a copy of this review",
            str(folder / f"{self.session.path.stem} copy.cqrsreview"),
            "CQRS reviews (*.cqrsreview)",
        )
        if name:
            self.save_copy(Path(name))

    def save_copy(self, target: Path) -> None:
        from cqrs_desktop.ui import backend  # reading files: when first used

        if self.session is None:
            return
        if target.suffix.lower() != backend.SUFFIX:
            target = target.with_name(target.name + backend.SUFFIX)
        try:
            self.session.save_as(target)
        except Exception as exc:
            show_problem(self, "The copy was not saved", plain_message(exc))
            return
        self.statusBar().showMessage(f"A copy was saved as {target.name}", 6000)

    # ----- practice details -----------------------------------------------------------
    def edit_practice(self, then: object = None) -> PracticeDialog:
        from cqrs_desktop.ui.dialogs import PracticeDialog

        dialog = PracticeDialog(self, self.settings)

        def accepted() -> None:
            self.settings = dialog.result_settings()
            self._save_settings()
            self.start.show_settings(self.settings)
            self._offer_this_month()
            if self._review_area is not None:
                self._review_area.results.set_settings(self.settings)
            if self.session is not None and not self._demo_open():
                self.session.reviewer = self.settings.reviewer or None
                self.session.set_practice(self.settings.practice)
            if callable(then):
                then()

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def _demo_open(self) -> bool:
        from cqrs_desktop.ui import backend

        return self.session is not None and backend.is_demo(self.session.path)

    def _system_changed(self, system: str) -> None:
        import dataclasses

        self.settings = dataclasses.replace(self.settings, clinical_system=system)
        self._save_settings()

    # ----- a new review and its files -------------------------------------------------
    def new_review(self) -> None:
        self._new_review(None)

    def _new_review(self, carry_from: Path | None) -> None:
        """The Files page of a new review, the earlier reviews of the practice offered to
        bring decisions from (`carry_from`, else the latest, ticked)."""
        if not self.settings.complete:
            self.edit_practice(then=lambda: self._new_review(carry_from))
            return
        # what waits on the Files page (files added; before a review is made, the counts
        # typed) is in no review file: it stays for the new review, and is said
        kept = self._review_area is not None
        waiting = list(self.sources.waiting) if kept else []
        typed = self.sources.typed_claims() if kept and self.session is None else []
        self.set_session(None, start_page=False)
        self.sources.reset()
        self.sources.keep(waiting, typed)
        self.sources.offer_earlier(
            self.settings.practice.ods_code, self.settings.recent_reviews, carry_from
        )
        self._show_review_area()
        self._enable_steps()
        self.nav.setCurrentRow(SOURCES)
        self.sources.add_button.setFocus()
        if waiting or typed:
            from cqrs_desktop.domain.explain import counted

            said = [counted(len(waiting), "file") + " waiting on the Files page"] if waiting else []
            said += ["the claimed counts typed"] if typed else []
            self.statusBar().showMessage(
                f"Kept for this new review: {' and '.join(said)} (Remove or clear what is "
                "not wanted)",
                15000,
            )

    def start_month_from(self, path: Path) -> None:
        """This month's review from an earlier one: its practice (the code and name; the
        reviewer stays the user), its decisions brought, the column mappings remembered
        (by header, as always)."""
        from cqrs_desktop.ui import backend

        path = Path(path)

        def read(p: backend.ProgressFn, c: backend.CancelledFn) -> list[backend.ReviewAbout]:
            return backend.about_chosen_reviews([path], p, c)

        def failed(error: BaseException) -> None:
            show_problem(
                self,
                "This month's review",
                f"{path.name} could not be read: {plain_message(error)} Nothing was changed.",
                technical_detail(error),
            )  # the offer stays as it was (reading all again would fail again, twice said)

        # read on a worker thread, with progress and Cancel: a large review, or one on a
        # network drive, takes a while (decision 342); only what was read changes anything
        self.ops.run(
            self,
            "Reading the earlier review",
            read,
            lambda found: self._start_month_read(path, found[0]),
            failed,
            changes_in_on_done=True,
            on_cancelled=lambda: self.statusBar().showMessage(
                f"Cancelled: this month's review was not started from {path.stem}", 15000
            ),
        )

    def _start_month_read(self, path: Path, about: backend.ReviewAbout) -> None:
        import dataclasses

        if about.problem is not None:
            from cqrs_desktop.ui.earlier_reviews import not_brought_words

            show_problem(self, "This month's review", not_brought_words(about))
            self._offer_this_month()
            return
        code = (about.ods_code or "").strip().upper()
        switched = bool(code) and code != self.settings.ods_code.strip().upper()
        if switched:
            self.settings = dataclasses.replace(
                self.settings, ods_code=code, practice_name=about.practice_name or ""
            )
            self._save_settings()
            self.start.show_settings(self.settings)
        self._new_review(Path(path))
        if switched:  # said once the new review's page is up (starting it clears the bar)
            self.statusBar().showMessage(
                f"Practice details taken from {Path(path).stem}: "
                f"{about.practice_name or code} ({code})",
                15000,
            )

    def _offer_this_month(self) -> None:
        """The start page's "Start this month's review from ...": the latest review made,
        read from the recent reviews' files once the window is on screen, off the GUI
        thread (a review on a network drive not connected can keep Windows waiting for
        many seconds; the window answers meanwhile). The latest look wins."""
        from cqrs_desktop.ui import backend

        recent = tuple(self.settings.recent_reviews)

        def show(found: list[backend.ReviewAbout]) -> None:  # the latest first
            if reading is not self.offer_reading:
                return  # a later look, after a change, is on its way
            self.offer_reading = None
            readable = next((a for a in found if a.problem is None), None)
            ods = self.settings.ods_code
            offered = readable.path if readable is not None else None
            gone = backend.gone_before(recent, found, offered, ods)
            self.start.show_this_month(readable, found[0] if found else None, ods, gone)
            there = {about.path for about in found}
            self.start.show_not_found(
                [Path(t) for t in recent if Path(t) not in there and not backend.is_demo(Path(t))]
            )
            if readable is not None and self.start.recent.hasFocus():  # put there at start
                self.start.focus_first()

        reading = Quietly(
            self, "Looking at the recent reviews", lambda: backend.about_reviews(recent), show
        )
        self.offer_reading = reading

    def import_files(self, searches: list[SearchFile], cqrs_files: list[Path]) -> None:
        from cqrs_desktop.ui import backend  # reading files: when first used

        practice = self.settings.practice
        current = self.session
        if current is None:
            path = backend.new_review_path(practice)
            claims = self.sources.typed_claims()
            carry = self.sources.carry_paths()

            def create(p: backend.ProgressFn, c: backend.CancelledFn) -> backend.Opened:
                return backend.create_review(
                    path, practice, searches, cqrs_files, claims, p, c, carry
                )

            self.ops.run(
                self,
                "Reading the files",
                create,
                self._made,
                self._not_imported,
                on_cancelled=lambda: self.statusBar().showMessage(
                    "Cancelled: no review was made (the files still wait on the Files page)",
                    15000,
                ),
            )
            return

        Added = tuple["Changes | UserError | None", tuple[str, ...]]

        def read(p: backend.ProgressFn, c: backend.CancelledFn) -> Added:
            practice = current.review.practice
            inputs = backend.import_files(practice, searches, cqrs_files, (), p, c)[0]
            merged, said = backend.merge_inputs(current.review.inputs, inputs, replace_claims=False)
            if c():
                raise OperationCancelled()  # read, not joined: the review is as it was
            if merged is None:
                return None, said
            p(0, 0, "Adding the files to the review and saving it")
            # worked out here, for a large review seconds; a Cancel until it is written
            # leaves the review as it was
            return current.make_change(lambda s: s.replace_inputs(merged, c)), said

        def done(result: Added) -> None:
            changes, said = result
            if self.session is not current:
                return
            if changes is not None and current.report(changes) is None:
                return  # not saved: said by _not_saved; the files wait on the Files page
            left = self.sources.files_imported()
            self.sources.keep_waiting(left)
            self.statusBar().showMessage(
                "; ".join(said) if said else "Files added to the review and saved", 10000
            )
            self._say_not_imported(left)

        op = self.ops.run(
            self,
            "Reading the files",
            read,
            done,
            self._not_imported,
            on_cancelled=lambda: self.statusBar().showMessage(
                "Cancelled: nothing was added to the review (the files still wait on the "
                "Files page)",
                10000,
            ),
        )
        self._while_changing(op)

    def _say_not_imported(self, left: list[FileEntry]) -> None:
        """A file on the list that was not imported (not recognised), said first."""
        if not left:
            return
        names = " and ".join(e.name for e in left)
        words = f"Not imported: {names} (not recognised as a search or CQRS figures: see Files)"
        before = self.statusBar().currentMessage()
        self.statusBar().showMessage(f"{words}. {before}" if before else words, 15000)

    def _not_imported(self, error: BaseException) -> None:
        """Said on the Files page, beside the files still waiting, and in a message box."""
        message = plain_message(error)
        if isinstance(error, EarlierReviewUnusable):
            message += (
                " (to import without it, untick it under “Bring decisions from earlier reviews”)"
            )
        self.statusBar().clearMessage()  # an earlier review's "decisions carried" is not this
        self.sources.show_import_problem(message)
        show_problem(self, "The files were not imported", message)

    def set_span(self, file: str, span: tuple[str, str] | None) -> None:
        """The months a search file covers, changed on the Files page: saved at once."""
        from cqrs_desktop.ui.file_span import span_words

        said = f"covers {span_words(span)}" if span else "covers the months of its dates"
        self._change_inputs(
            f"Saving the months {file} covers",
            lambda s, c: s.set_span(file, span, c),
            lambda _before: f"Saved: {file} {said}",
            f"{file} still covers what it did",
        )

    def remove_source(self, file: str) -> None:
        from cqrs_desktop.domain.removal import removed_words  # not at start-up
        from cqrs_desktop.ui import backend  # reading files: when first used

        if self.session is None:
            return
        current = self.session
        self._change_inputs(  # from the review as it then stands (one change may be before)
            f"Removing {file}",
            lambda s, c: s.replace_inputs(backend.without_source(s.review.inputs, file), c),
            lambda before: removed_words(file, before, current.review),
            f"{file} is still in the review",
        )

    def _change_inputs(
        self,
        title: str,
        change: Callable[[ReviewSession, backend.CancelledFn], Changes],
        said: Callable[[Review], str],
        not_done: str,
    ) -> None:
        """A change of the review's files, worked out and saved off the GUI thread (for a
        large review, seconds: the window never freezes), with progress and Cancel; what
        it did (`said(the review before)`), or that it was cancelled, in the status bar.
        A small review's is made at once."""
        current = self.session
        if current is None:
            return
        before = current.review
        small = len(before.events) <= CHANGED_HERE_UP_TO

        def work(
            p: backend.ProgressFn, c: backend.CancelledFn
        ) -> tuple[Changes | UserError, str | None]:
            p(0, 0, title)
            made = current.make_change(lambda s: change(s, c))
            # what it did, in words, worked out here too: for 200,000 events a second
            return made, (None if isinstance(made, UserError) else said(before))

        def done(result: tuple[Changes | UserError, str | None]) -> None:
            made, words = result
            if self.session is not current:
                return
            if current.report(made) is None or words is None:
                self.sources.show_files()  # not saved (said by _not_saved): as they stand
                return
            self.statusBar().showMessage(words, 10000)

        def cancelled() -> None:
            self.sources.show_files()  # the months chosen, not saved, give way to the saved
            self.statusBar().showMessage(
                f"{title}: cancelled. Nothing was changed: {not_done}", 10000
            )

        if small:
            done(work(lambda *_: None, lambda: False))
            return
        self._while_changing(self.ops.run(self, title, work, done, on_cancelled=cancelled))

    def _while_changing(self, op: Operation) -> None:
        """The review's pages take no input while its files change on a worker thread
        (in the moment before the progress dialog shows, a key could decide an event of
        the review being replaced)."""
        area = self.review_area
        focus = self.focusWidget()  # given back after: keys carry on where they were
        area.setEnabled(False)

        def done(_ok: bool) -> None:
            area.setEnabled(True)
            with contextlib.suppress(RuntimeError):  # (the widget has gone)
                if focus is not None and self.focusWidget() is None and focus.isVisible():
                    focus.setFocus()

        op.finished.connect(done)

    def set_claims(self, claims: list[Claim]) -> None:
        """The claimed counts typed on the Files page: saved at once (off the GUI thread,
        as the review's results are worked out again)."""
        self._change_inputs(
            "Saving the claimed counts",
            lambda s, c: s.set_claims(claims, c),
            lambda _before: "Saved: the claimed counts",
            "the claimed counts are as they were",
        )

    # ----- keys --------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter presses the focused button, as everywhere else on Windows (Qt's buttons
        answer only Space outside dialogs, and pass Enter up to here)."""
        button = self.focusWidget()
        if (
            event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter)
            and isinstance(button, QPushButton)
            and button.isEnabled()
        ):
            button.animateClick()
            return
        super().keyPressEvent(event)

    # ----- closing ---------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        # A note typed just now is saved first; if the file does not take it, the window
        # stays open with the note in its box (closing would lose it), and says so once.
        self._closing = True
        try:
            flushed = self._flush_note()
        finally:
            self._closing = False
        if not flushed:
            event.ignore()
            self._note_not_saved_on_close()
            return
        waiting = self._not_imported_yet()
        if waiting and not self._close_unimported:
            event.ignore()  # asked first: nothing of them is saved until Import
            self._ask_close_without_importing(waiting)
            return
        window_state.remember(self)
        if self.session is not None:
            self.session.close()
            self.session = None
        super().closeEvent(event)
        if event.isAccepted():  # closed: Python collects as before once it is destroyed
            self.collector.stop()
