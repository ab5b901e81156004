"""Files: add search exports and CQRS figures (dialog or drag and drop), see what each is,
fix its columns, then import. Claimed counts can also be typed or pasted in the grid.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cqrs_desktop.domain.coverage import Span, event_months, span_problem
from cqrs_desktop.domain.explain import counted
from cqrs_desktop.domain.model import Claim, SourceSummary
from cqrs_desktop.domain.review import ReviewInputs
from cqrs_desktop.errors import OperationCancelled
from cqrs_desktop.ui import backend
from cqrs_desktop.ui.claims_grid import ClaimsGrid, default_months
from cqrs_desktop.ui.earlier_reviews import EarlierReviewsPanel, brought_words, not_brought_words
from cqrs_desktop.ui.file_preview import (
    KIND_WORDS,
    FileEntry,
    FilePreviewPanel,
    SourceFilesModel,
    files_view,
)
from cqrs_desktop.ui.file_span import SpanEditor
from cqrs_desktop.ui.messages import show_problem
from cqrs_desktop.ui.operations import Operations, Quietly, plain_message, technical_detail
from cqrs_desktop.ui.reflow import Columns
from cqrs_desktop.ui.review_session import OpenReview
from cqrs_desktop.ui.widgets import FieldLabel, fit_popup

if TYPE_CHECKING:
    from cqrs_desktop.review.changes import Changes
    from cqrs_desktop.sources import FilePreview
    from cqrs_desktop.ui.mapping_dialog import MappingDialog

TWO_COLUMNS_FROM = 1000  # pixels of page: the claimed counts beside the files
FILE_FILTER = "Exports (*.csv *.txt *.tsv *.xlsx *.xls);;All files (*)"


def not_imported_words(entries: list[FileEntry]) -> str:
    """The files on the list no import takes, said beside the Import button ("" if none)."""
    names = [e.name for e in entries if e.kind not in ("search", "cqrs")]
    if not names:
        return ""
    one = len(names) == 1
    return (
        f"⚠ {' and '.join(names)} {'is' if one else 'are'} not recognised as a search or "
        f"CQRS figures: not imported (Remove {'it' if one else 'them'}, or add the right "
        f"file{'' if one else 's'})."
    )


def breakable(name: str) -> str:
    """A file name that may wrap after '_', '-' or '.' (a zero-width space there): a long
    name with no spaces otherwise widens the page past its window."""
    for mark in "_-.":
        name = name.replace(mark, mark + "\u200b")
    return name


class SourcesPage(QWidget):
    import_requested = Signal(list, list)  # [SearchFile], [Path]
    claims_changed = Signal(list)  # [Claim]
    remove_requested = Signal(str)  # file name in the review
    span_changed = Signal(str, object)  # file name in the review, (first, last) or None

    def __init__(self, ops: Operations) -> None:
        super().__init__()
        self.setObjectName("sourcesPage")
        self.setAcceptDrops(True)
        self.ops = ops
        self.rules = backend.rules()
        self.session: OpenReview | None = None
        self.waiting: list[FileEntry] = []
        self._just_removed = False  # a file removed: nothing selected after
        self._months: tuple[ReviewInputs | None, dict[str, dict[str, Span]]] = (None, {})

        title = QLabel("Files")
        title.setObjectName("pageTitle")
        intro = QLabel(
            "Add your clinical-system search exports and the CQRS figures: use "
            "<b>Add files</b> or drag them onto this page. The claimed counts are under "
            "<b>Claimed counts (CQRS)</b>: check them, or type them."
        )
        intro.setWordWrap(True)
        self.add_button = QPushButton("Add files…")
        self.add_button.clicked.connect(self.choose_files)
        self.columns_button = QPushButton("Fix columns…")
        self.columns_button.setToolTip("Say which column is which for the selected file")
        self.columns_button.clicked.connect(self.fix_columns)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.programme_box = QComboBox()
        self.programme_box.setAccessibleName("Programme for the selected file")
        self.programme_box.addItem("Work out from the codes", None)
        for p in self.rules.programmes:
            self.programme_box.addItem(p.display_name, p.id)
        self.programme_box.currentIndexChanged.connect(self._programme_chosen)
        fit_popup(self.programme_box)
        buttons = QHBoxLayout()
        for w in (self.add_button, self.columns_button, self.remove_button):
            buttons.addWidget(w)
        buttons.addStretch(1)

        # the selected file: its whole name, its programme and the months it covers
        self.selected_name = FieldLabel("Selected file")
        self.selected_name.setObjectName("sectionTitle")
        self.selected_name.setWordWrap(True)
        self.span = SpanEditor()
        self.span.span_chosen.connect(self._span_chosen)
        programme_label = QLabel("Programme")
        programme_label.setObjectName("fieldName")
        programme_label.setBuddy(self.programme_box)
        covers_label = QLabel("Covers")
        covers_label.setObjectName("fieldName")
        covers_label.setToolTip("The months this search was run for")
        self.covers_label = covers_label
        self.programme_label = programme_label
        selected = QGridLayout()
        selected.setContentsMargins(0, 0, 0, 0)
        selected.setHorizontalSpacing(8)
        selected.setVerticalSpacing(4)
        selected.addWidget(self.selected_name, 0, 0, 1, 2)
        selected.addWidget(programme_label, 1, 0)
        selected.addWidget(self.programme_box, 1, 1, Qt.AlignmentFlag.AlignLeft)
        selected.addWidget(covers_label, 2, 0, Qt.AlignmentFlag.AlignTop)
        selected.addWidget(self.span, 2, 1)
        selected.setColumnStretch(1, 1)

        self.model = SourceFilesModel()
        self.model.names = {p.id: p.short_name for p in self.rules.programmes}
        self.view = files_view(self.model)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._selected())

        self.preview = FilePreviewPanel()

        self.import_button = QPushButton("Import")
        self.import_button.setObjectName("primary")
        self.import_button.setMinimumHeight(36)
        self.import_button.clicked.connect(self.request_import)

        # a new review: the earlier reviews whose decisions it takes (an open one: whence)
        self.earlier = EarlierReviewsPanel()
        self.earlier.choose_requested.connect(self._earlier_chosen)
        self.earlier.list.itemChanged.connect(lambda _item: self._refresh_hint())
        self.earlier_reading: Quietly | None = None  # while the recent reviews are read

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.earlier)
        ll.addLayout(buttons)
        # the keys go down the page as it reads: the earlier reviews ("Choose a review…"
        # in their heading, then the list), then the files (decision 521)
        QWidget.setTabOrder(self.earlier.choose_button, self.earlier.list)
        QWidget.setTabOrder(self.earlier.list, self.add_button)
        ll.addWidget(self.view, 2)
        ll.addLayout(selected)
        ll.addWidget(self.preview, 3)
        self.preview.table.setMinimumHeight(150)
        self.claims = ClaimsGrid(self.rules)
        self.claims.claims_changed.connect(self._claims_edited)
        # the files beside the claimed counts on a large screen; on a laptop the counts go
        # below the files and the page scrolls (the Import button stays in view)
        self.view.setMinimumHeight(self.view.verticalHeader().defaultSectionSize() * 4 + 30)
        self.claims.setMinimumHeight(260)
        # the files get the more room (a month's file names differ only at their ends)
        self.columns = Columns(
            [(left,), (self.claims,)], TWO_COLUMNS_FROM, stretch=(3, 2), end_stretch=False
        )
        self.columns.setContentsMargins(0, 0, 4, 0)
        scroll = QScrollArea()
        scroll.setWidget(self.columns)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop, for nothing (decision 520)
        self.page_scroll = scroll
        bottom = QHBoxLayout()
        self.import_hint = QLabel("")
        self.import_hint.setObjectName("hint")
        self.import_hint.setWordWrap(True)
        bottom.addWidget(self.import_hint, 1)
        bottom.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        self._refresh()

    # ----- state ----------------------------------------------------------------------
    def set_session(self, session: OpenReview | None) -> None:
        self.earlier_reading = None  # a read still going is for a page no longer shown
        if self.session is not None and session is None:
            # the closed review's counts are in its file: none left as if typed (decision 370)
            self.claims.model.set_claims([], set())
        self.session = session
        if session is not None:
            session.changed.connect(self._session_changed)
            self.waiting = []
        self._refresh()

    def offer_earlier(self, ods_code: str, recent: tuple[str, ...], ticked: Path | None) -> None:
        """A new review: the recent reviews of practice `ods_code` to bring decisions from
        (and those that cannot be read just now, open elsewhere or damaged, shown greyed
        with why, unless their name says another practice; and one opened more recently
        than the one ticked that is not found, which may be a later review: decision 245),
        `ticked` or the latest readable one ticked. The files are read off the GUI thread
        (decision 289): a review on a network drive not connected can keep Windows waiting
        for many seconds. Meanwhile the list says they are being read and Import waits; a
        read that ends once the page is another review's changes nothing."""
        reading: Quietly | None = None

        def show(listed: list[backend.ReviewAbout]) -> None:
            if reading is not self.earlier_reading:
                return  # another review's page now, or a later look on its way
            self.earlier_reading = None
            found = [
                a for a in listed
                if backend.same_practice(a, ods_code)
                or (a.problem is not None and not backend.named_for_another(a.path, ods_code))
            ]  # fmt: skip
            latest = ticked or next((a.path for a in found if a.problem is None), None)
            if (gone := backend.gone_before(recent, listed, latest, ods_code)) is not None:
                found.append(backend.not_found(gone))
            self.earlier.offer(found, ods_code, ticked)
            self._refresh_hint()

        def failed() -> None:  # (said in a message)
            if reading is self.earlier_reading:
                self.earlier_reading = None
                self.earlier.not_read(ods_code)
                self._refresh_hint()

        self.earlier_reading = None
        if all(backend.is_demo(Path(text)) for text in recent):  # no file to read
            show([])
            return
        self.earlier.reading(ods_code)
        reading = Quietly(
            self, "Reading your recent reviews", lambda: backend.about_reviews(recent), show, failed
        )
        self.earlier_reading = reading
        self._refresh_hint()

    def carry_paths(self) -> list[Path]:
        """The earlier reviews ticked, for a new review (none for an open one)."""
        return self.earlier.paths() if self.session is None else []

    def _earlier_chosen(self, path: Path) -> None:
        self._bring_from([path])

    def _bring_from(self, chosen: list[Path]) -> None:
        """Reviews chosen ("Choose a review…", or added as files) to bring decisions from:
        read on a worker thread with progress and Cancel (a large review, or one on a
        network drive, takes a while: decision 342), then each listed and ticked, or why
        not said. A Cancel, or a read that fails, leaves the page as it was; a read that
        ends once the page is another review's changes nothing."""
        practice = self.earlier.ods_code  # the new review's, as the page was

        def read(p: backend.ProgressFn, c: backend.CancelledFn) -> list[backend.ReviewAbout]:
            return backend.about_chosen_reviews(chosen, p, c)

        def done(found: list[backend.ReviewAbout]) -> None:
            if self.session is not None or self.earlier.ods_code != practice:
                return  # another review's page now: not for it
            for about in found:
                self._take_chosen(about)

        def failed(error: BaseException) -> None:
            names = ", ".join(p.name for p in chosen)
            show_problem(
                self,
                "Not brought",
                f"{names} could not be read: {plain_message(error)} Nothing was changed.",
                technical_detail(error),
            )

        names = ", ".join(p.stem for p in chosen)
        self.ops.run(
            self,
            "Reading the earlier review" if len(chosen) == 1 else "Reading the earlier reviews",
            read,
            done,
            failed,
            changes_in_on_done=True,
            on_cancelled=lambda: self._said(f"Cancelled: no decisions brought from {names}"),
        )

    def _said(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 15000)

    def _take_chosen(self, about: backend.ReviewAbout) -> None:
        path = about.path
        if about.problem is not None:
            show_problem(self, "Not brought", not_brought_words(about))
        elif not backend.same_practice(about, self.earlier.ods_code):
            show_problem(
                self,
                "Not brought",
                f"{path.name} is a review of practice {about.ods_code or 'unknown'}, not "
                f"{self.earlier.ods_code}: its decisions cannot be brought.",
            )
        else:
            self.earlier.add_review(about)
            self._refresh_hint()

    def _reviews_added(self, reviews: list[Path]) -> None:
        """Review files added or dropped as files: for a new review, offered to bring
        decisions from (ticked, as "Choose a review…" does); to an open one, said."""
        if self.session is None:
            self._bring_from(reviews)
            return
        names = ", ".join(p.name for p in reviews)
        show_problem(
            self,
            "Not added",
            f"{names}: a review file, not a search export or CQRS figures. Open it with "
            "File > Open review; its decisions can be brought into a new review when you "
            "start one.",
        )

    def _session_changed(self, changes: Changes) -> None:
        if changes.inputs or changes.claims or changes.practice:  # practice: its warnings
            self._refresh()

    def reset(self) -> None:
        self.waiting = []
        self.claims.model.set_claims([], set())
        self._refresh()

    def keep(self, waiting: list[FileEntry], typed: list[Claim]) -> None:
        """After `reset`, for a new review: the files that were waiting and the counts that
        were typed, which no review file holds, back on the page."""
        self.waiting = list(waiting)
        self.claims.model.set_claims(typed, set())
        self._refresh()

    def show_files(self) -> None:
        """The files as the review holds them (a change not made, or not saved, undone on
        the page)."""
        self._refresh()

    def files_imported(self) -> list[FileEntry]:
        """The files waiting are in the review now, but for those not recognised (no import
        takes them): returned, to be kept listed with their problem (`keep_waiting`)."""
        left = [e for e in self.waiting if e.kind not in ("search", "cqrs")]
        self.waiting = []
        self._refresh()
        return left

    def keep_waiting(self, entries: list[FileEntry]) -> None:
        """Files not imported stay on the list, "Not imported", never vanishing unsaid."""
        self.waiting = [*self.waiting, *entries]
        self._refresh()

    def typed_claims(self) -> list[Claim]:
        return self.claims.model.claims()

    def _entries(self) -> list[FileEntry]:
        done = []
        if self.session is not None:
            months = self._months_of(self.session.review.inputs)
            for s in self.session.review.inputs.sources:
                rows = s.rows_read if s.kind == "cqrs" else s.events + s.markers
                done.append(
                    FileEntry(
                        s.file,
                        s.kind,
                        rows,
                        s.programme,
                        tuple(s.warnings),
                        columns=tuple(s.mapping),
                        span=s.span,
                        months=months.get(s.file, {}),
                    )
                )
        return done + self.waiting

    def _months_of(self, inputs: ReviewInputs) -> dict[str, dict[str, Span]]:
        """Each file's months of vaccinations (`event_months`), worked out once for the
        inputs: a page refresh (each file added, each count typed) reads them again, and
        200,000 rows take a moment on the GUI thread."""
        if self._months[0] is not inputs:
            self._months = (inputs, event_months(inputs.rows))
        return self._months[1]

    def _refresh(self) -> None:
        # after a Remove nothing is selected: a second click (a double-click) removes
        # nothing more
        row = self.view.currentIndex().row()
        removed, self._just_removed = self._just_removed, False
        self.model.set_entries(self._entries())
        if self.model.rowCount() and not removed:
            self.view.selectRow(max(0, min(row, self.model.rowCount() - 1)))
        if self.session is not None:
            review = self.session.review
            self.claims.model.set_claims(review.inputs.claims, {e.month for e in review.events})
        if self.session is not None:
            self.earlier.show_carried(self.session.review)
        self._refresh_hint()
        self._selected()

    def _refresh_hint(self) -> None:
        """The Import button and the line beside it: what importing will do."""
        usable = [e for e in self.waiting if e.kind in ("search", "cqrs")]
        left = not_imported_words(self.waiting)  # said first, as a problem
        self.import_hint.setObjectName("problem" if left else "hint")
        self.import_hint.style().polish(self.import_hint)
        if self.session is None:
            self.import_button.setText("Import and start checking")
            brought = self.earlier.paths()
            bring = f" Decisions are brought from {brought_words(brought)}." if brought else ""
            if self.earlier_reading is not None:  # which to bring is not known yet
                bring = " Import waits until your recent reviews have been read."
            self._set_hint(
                left,
                "Add at least one patient search. The review is saved as you go in your "
                f"'CQRS reviews' folder.{bring}"
                if not usable
                else f"{counted(len(usable), 'file')} ready.{bring} The review is saved as you go.",
            )
            self.import_button.setEnabled(
                any(e.kind == "search" for e in usable) and self.earlier_reading is None
            )
        else:
            self.import_button.setText(
                f"Add {counted(len(usable), 'file')} to the review"
                if usable
                else "Add files to the review"
            )
            clash = self.kind_clash()
            held = {source.file.casefold() for source in self.session.review.inputs.sources}
            again = sorted({e.name for e in usable if e.name.casefold() in held})
            if clash:
                self._set_hint(left, clash)
            elif again:
                self._set_hint(
                    left,
                    f"{' and '.join(again)} will replace the file"
                    f"{'s' if len(again) > 1 else ''} of that name in the review (a file run "
                    "again). Decisions already made are kept.",
                )
            else:
                self._set_hint(left, "Decisions already made are kept when files are added.")
            self.import_button.setEnabled(bool(usable))

    def _set_hint(self, left: str, text: str) -> None:
        self.import_hint.setText(f"{left} {text}" if left else text)

    def kind_clash(self) -> str:
        """A waiting file named as a file of another kind in the open review (CQRS figures
        called as a search there): it would replace that file, which is no file run again,
        so it is refused, and why ("" when none)."""
        if self.session is None:
            return ""
        review = self.session.review
        kinds = {source.file.casefold(): source.kind for source in review.inputs.sources}
        for entry in self.waiting:
            theirs = kinds.get(entry.name.casefold())
            if entry.kind in ("search", "cqrs") and theirs not in (None, entry.kind):
                what = {"search": "a patient search", "cqrs": "CQRS figures"}
                return (
                    f"{entry.name}: the review holds {what.get(theirs or '', 'a file')} of this "
                    f"name, and this file is {what[entry.kind]}: it would replace it. Rename "
                    "this file, then add it again."
                )
        return ""

    def current_entry(self) -> FileEntry | None:
        row = self.view.currentIndex().row()
        return self.model.entries[row] if 0 <= row < len(self.model.entries) else None

    def _selected(self) -> None:
        entry = self.current_entry()
        waiting = entry is not None and entry.waiting
        search = entry is not None and entry.kind == "search"
        self.columns_button.setEnabled(waiting and search)
        self.programme_box.setEnabled(waiting and search)
        self.remove_button.setEnabled(entry is not None)
        self.programme_box.blockSignals(True)
        self.programme_box.setCurrentIndex(
            max(self.programme_box.findData(entry.programme if entry else None), 0)
        )
        self.programme_box.blockSignals(False)
        if entry is None:
            self.selected_name.setText("No file selected")
        else:
            state = entry.state_words.lower().replace("in review", "in the review")
            self.selected_name.setText(
                f"{breakable(entry.name)} ({KIND_WORDS.get(entry.kind, entry.kind)}, {state})"
            )
        self.span.setVisible(search)
        self.covers_label.setVisible(search)
        # a programme and months are a search's: CQRS figures name their own
        self.programme_box.setVisible(entry is None or search)
        self.programme_label.setVisible(entry is None or search)
        if entry is not None and search:
            self.span.show_file(entry.months, entry.span, self.model.names, self._other_months())
        self.preview.show_entry(entry, self.session.review if self.session else None)

    def _other_months(self) -> set[str]:
        """Months worth offering in 'Covers': the claims' and those NHS England reviews."""
        return {c.month for c in self.claims.model.claims()} | default_months(self.rules)

    def _span_chosen(self, span: tuple[str, str] | None) -> None:
        entry = self.current_entry()
        if entry is None or entry.kind != "search" or span == entry.span:
            return
        problem = span_problem(SourceSummary(entry.name, "", 0, 0, 0, 0, span=span), entry.months)
        if problem is not None:
            self.span.show_problem(problem)
            return
        if entry.waiting:
            entry.span = span
            self._selected()
        else:
            self.span_changed.emit(entry.name, span)

    def show_import_problem(self, text: str) -> None:
        """Why the import did not happen, where the Import button is (the files wait)."""
        self.import_hint.setObjectName("problem")
        self.import_hint.setText(f"⚠ Nothing was imported: {text}")
        self.import_hint.style().polish(self.import_hint)

    # ----- adding files ---------------------------------------------------------------
    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Add files", "", FILE_FILTER)
        if names:
            self.add_files([Path(n) for n in names])

    def add_files(self, files: list[Path]) -> None:
        reviews = [p for p in files if p.suffix.lower() == backend.SUFFIX]
        if reviews:  # a review file is not an export: its decisions can be brought
            files = [p for p in files if p not in reviews]
            self._reviews_added(reviews)
            if not files:
                return
        rules = self.rules
        from cqrs_desktop.sources import inspect_file  # the readers load pandas: only now

        def inspect(progress: backend.ProgressFn, cancelled: backend.CancelledFn) -> list:
            found = []
            for i, path in enumerate(files):
                if cancelled():
                    raise OperationCancelled()  # none of them added: as the user asked
                progress(i, len(files), f"Looking at {path.name}")
                found.append((path, inspect_file(path, rules)))
            return found

        self.ops.run(
            self, "Looking at the files", inspect, self._inspected, changes_in_on_done=True
        )

    def _inspected(self, found: list[tuple[Path, FilePreview]]) -> None:
        for path, preview in found:
            self.waiting = [e for e in self.waiting if e.path != path]
            self.waiting.append(
                FileEntry(
                    preview.file,
                    preview.kind,
                    preview.row_count,
                    None,
                    preview.problems,
                    path,
                    preview,
                    months={p: (first, last) for p, first, last in preview.months},
                )
            )
        self._refresh()
        self.view.selectRow(self.model.rowCount() - 1)
        # files chosen from Add files…: the way on is Import (Enter), not the dialog again
        if self.focusWidget() is self.add_button and self.import_button.isEnabled():
            self.import_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        files = [f for f in files if f.is_file()]
        if files:
            event.acceptProposedAction()
            self.add_files(files)

    # ----- editing --------------------------------------------------------------------
    def _programme_chosen(self) -> None:
        entry = self.current_entry()
        if entry is not None and entry.waiting:
            entry.programme = self.programme_box.currentData()
            self.model.dataChanged.emit(
                self.model.index(0, 4), self.model.index(self.model.rowCount() - 1, 4)
            )

    def fix_columns(self) -> MappingDialog | None:
        entry = self.current_entry()
        if entry is None or entry.preview is None:
            return None
        from cqrs_desktop.sources import save_profile
        from cqrs_desktop.ui.mapping_dialog import MappingDialog

        dialog = MappingDialog(self, entry.preview, entry.mapping)

        def accepted() -> None:
            entry.mapping = dialog.mapping()
            try:
                save_profile(entry.preview.headers if entry.preview else (), entry.mapping)
            except (OSError, ValueError) as exc:
                show_problem(self, "The columns were not remembered", str(exc))
            self._selected()

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def remove_selected(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        self._just_removed = True
        if entry.waiting:
            self.waiting.remove(entry)
            self._refresh()
        else:
            self.remove_requested.emit(entry.name)

    def _claims_edited(self, claims: list[Claim]) -> None:
        if self.session is not None:
            self.claims_changed.emit(claims)

    def request_import(self) -> None:
        from cqrs_desktop import session

        if clash := self.kind_clash():
            self.show_import_problem(clash)
            return
        if self.session is None and self.earlier_reading is not None:  # (Import is greyed)
            return  # the review ticked is not known yet: never made without its decisions
        usable = [e for e in self.waiting if e.kind in ("search", "cqrs") and e.path]
        searches = [
            session.SearchFile(e.path, e.programme, e.mapping, e.span)
            for e in usable
            if e.kind == "search" and e.path
        ]
        cqrs = [e.path for e in usable if e.kind == "cqrs" and e.path]
        if searches or cqrs:
            self.import_requested.emit(searches, cqrs)
