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
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cqrs_desktop.domain.explain import counted
from cqrs_desktop.domain.model import Claim
from cqrs_desktop.ui import backend
from cqrs_desktop.ui.claims_grid import ClaimsGrid
from cqrs_desktop.ui.file_preview import (
    FileEntry,
    FilePreviewPanel,
    SourceFilesModel,
    files_view,
)
from cqrs_desktop.ui.messages import show_problem
from cqrs_desktop.ui.operations import Operations
from cqrs_desktop.ui.review_session import OpenReview

if TYPE_CHECKING:
    from cqrs_desktop.sources import FilePreview
    from cqrs_desktop.ui.mapping_dialog import MappingDialog

FILE_FILTER = "Exports (*.csv *.txt *.tsv *.xlsx *.xls);;All files (*)"


class SourcesPage(QWidget):
    import_requested = Signal(list, list)  # [SearchFile], [Path]
    claims_changed = Signal(list)  # [Claim]
    remove_requested = Signal(str)  # file name in the review

    def __init__(self, ops: Operations) -> None:
        super().__init__()
        self.setObjectName("sourcesPage")
        self.setAcceptDrops(True)
        self.ops = ops
        self.rules = backend.rules()
        self.session: OpenReview | None = None
        self.waiting: list[FileEntry] = []

        title = QLabel("Files")
        title.setObjectName("pageTitle")
        intro = QLabel(
            "Add your clinical-system search exports and the CQRS figures: use "
            "<b>Add files</b> or drag them onto this page."
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
        programme_label = QLabel("Programme:")
        programme_label.setBuddy(self.programme_box)
        buttons = QHBoxLayout()
        for w in (self.add_button, self.columns_button, self.remove_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        buttons.addWidget(programme_label)
        buttons.addWidget(self.programme_box)

        self.model = SourceFilesModel()
        self.model.names = {p.id: p.short_name for p in self.rules.programmes}
        self.view = files_view(self.model)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._selected())

        self.preview = FilePreviewPanel()

        self.import_button = QPushButton("Import")
        self.import_button.setObjectName("primary")
        self.import_button.setMinimumHeight(36)
        self.import_button.clicked.connect(self.request_import)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(buttons)
        ll.addWidget(self.view, 2)
        ll.addWidget(self.preview, 3)
        self.claims = ClaimsGrid(self.rules)
        self.claims.claims_changed.connect(self._claims_edited)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.claims)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 600])  # the claims grid shows 8 months without scrolling
        splitter.setChildrenCollapsible(False)
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
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self._refresh()

    # ----- state ----------------------------------------------------------------------
    def set_session(self, session: OpenReview | None) -> None:
        self.session = session
        if session is not None:
            session.changed.connect(self._session_changed)
            self.waiting = []
        self._refresh()

    def _session_changed(self, kind: str, _event_id: str) -> None:
        if kind in ("inputs", "claims"):
            self._refresh()

    def reset(self) -> None:
        self.waiting = []
        self.claims.model.set_claims([], set())
        self._refresh()

    def files_imported(self) -> None:
        self.waiting = []
        self._refresh()

    def typed_claims(self) -> list[Claim]:
        return self.claims.model.claims()

    def _entries(self) -> list[FileEntry]:
        done = []
        if self.session is not None:
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
                    )
                )
        return done + self.waiting

    def _refresh(self) -> None:
        row = self.view.currentIndex().row()
        self.model.set_entries(self._entries())
        if self.model.rowCount():
            self.view.selectRow(max(0, min(row, self.model.rowCount() - 1)))
        if self.session is not None:
            review = self.session.review
            self.claims.model.set_claims(review.inputs.claims, {e.month for e in review.events})
        usable = [e for e in self.waiting if e.kind in ("search", "cqrs")]
        if self.session is None:
            self.import_button.setText("Import and start checking")
            self.import_hint.setText(
                "Add at least one patient search. The review is saved as you go in your "
                "'CQRS reviews' folder."
                if not usable
                else f"{counted(len(usable), 'file')} ready. The review is saved as you go."
            )
            self.import_button.setEnabled(any(e.kind == "search" for e in usable))
        else:
            self.import_button.setText(
                f"Add {counted(len(usable), 'file')} to the review"
                if usable
                else "Add files to the review"
            )
            self.import_hint.setText("Decisions already made are kept when files are added.")
            self.import_button.setEnabled(bool(usable))
        self._selected()

    def current_entry(self) -> FileEntry | None:
        row = self.view.currentIndex().row()
        return self.model.entries[row] if 0 <= row < len(self.model.entries) else None

    def _selected(self) -> None:
        entry = self.current_entry()
        waiting = entry is not None and entry.waiting
        self.columns_button.setEnabled(waiting and entry is not None and entry.kind == "search")
        self.programme_box.setEnabled(waiting and entry is not None and entry.kind == "search")
        self.remove_button.setEnabled(entry is not None)
        self.programme_box.blockSignals(True)
        self.programme_box.setCurrentIndex(
            max(self.programme_box.findData(entry.programme if entry else None), 0)
        )
        self.programme_box.blockSignals(False)
        self.preview.show_entry(entry, self.session.review if self.session else None)

    # ----- adding files ---------------------------------------------------------------
    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Add files", "", FILE_FILTER)
        if names:
            self.add_files([Path(n) for n in names])

    def add_files(self, files: list[Path]) -> None:
        rules = self.rules
        from cqrs_desktop.sources import inspect_file  # the readers load pandas: only now

        def inspect(progress: backend.ProgressFn, cancelled: backend.CancelledFn) -> list:
            found = []
            for i, path in enumerate(files):
                if cancelled():
                    break
                progress(i, len(files), f"Looking at {path.name}")
                found.append((path, inspect_file(path, rules)))
            return found

        self.ops.run(self, "Looking at the files", inspect, self._inspected)

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
                )
            )
        self._refresh()
        self.view.selectRow(self.model.rowCount() - 1)

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

        usable = [e for e in self.waiting if e.kind in ("search", "cqrs") and e.path]
        searches = [
            session.SearchFile(e.path, e.programme, e.mapping)
            for e in usable
            if e.kind == "search" and e.path
        ]
        cqrs = [e.path for e in usable if e.kind == "cqrs" and e.path]
        if searches or cqrs:
            self.import_requested.emit(searches, cqrs)
