"""Results: the items, the email to the team, the CQRS declaration notes and the exports.

Everything shown comes from one `ReportSummary` (reports), rebuilt when decisions change.
"""

from __future__ import annotations

import errno
import html
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cqrs_desktop.domain.explain import counted
from cqrs_desktop.errors import OperationCancelled, ReviewError, UserError
from cqrs_desktop.reports import whole_file
from cqrs_desktop.reports.declaration import DeclarationNote, declaration_notes, notes_to_come
from cqrs_desktop.reports.email import Email, build_email, email_eml, email_text
from cqrs_desktop.reports.summary import ReportSummary, build_summary
from cqrs_desktop.settings import Settings
from cqrs_desktop.store.file_safety import NotMadePrivate, temporary_beside
from cqrs_desktop.ui import backend
from cqrs_desktop.ui.items_model import ItemsTableModel, items_view
from cqrs_desktop.ui.lazy_page import RefreshedWhenShown
from cqrs_desktop.ui.messages import show_problem
from cqrs_desktop.ui.operations import Operations, ProgressFn, plain_message
from cqrs_desktop.ui.reflow import Columns
from cqrs_desktop.ui.widgets import FieldLabel, RowLabel, WrappedLabel

TWO_COLUMNS_FROM = 980  # pixels: the email beside the notes only on a large screen
# events: a larger review's results take over half a second to work out (200,000: six
# seconds), so they are worked out off the GUI thread
BUILT_HERE_UP_TO = 10_000


def save_whole(path: Path, write: Callable[[Path], object]) -> None:
    """Save the file the user chose at `path` whole or not at all, private to the user:
    `write` fills a private temporary beside it, which takes its name once it is whole on
    the disk. A failure is a ReviewError naming the file chosen (never the hidden temporary,
    nor a workbook's sheets beside it) and, where it can be told, what refused: the folder,
    the disk, or what is already there under that name."""
    try:
        temporary = temporary_beside(path)
    except OSError as exc:
        raise _folder_refused(path, exc) from None
    try:
        try:
            write(temporary)
        except OSError as exc:
            raise whole_file.not_whole(path.name, exc, _unchanged(path)) from None
        whole_file.verify_whole(temporary, path.name, _unchanged(path))
        try:
            os.replace(temporary, path)
        except OSError as exc:
            raise _replace_refused(path, exc) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _unchanged(path: Path) -> str:
    if path.is_file():
        return f"nothing was saved and the {path.name} already there is unchanged"
    return "nothing was saved"


def _folder_refused(path: Path, exc: OSError) -> ReviewError:
    """No file could be made in the folder chosen."""
    if isinstance(exc, NotMadePrivate):
        why = exc.strerror
    elif exc.errno == errno.ENOSPC:
        why = "the disk is full"
    elif isinstance(exc, NotADirectoryError) or (
        # (Windows says "path not found" where a file stands in the folder's place)
        isinstance(exc, FileNotFoundError) and path.parent.exists() and not path.parent.is_dir()
    ):
        why = f"{path.parent} is not a folder; choose another folder"
    elif isinstance(exc, FileNotFoundError):
        why = f"the folder {path.parent} is not there; choose another folder"
    else:  # no permission, a read-only drive or share
        reason = exc.strerror or "refused"
        why = (
            f"the folder {path.parent} does not let you make files there ({reason}); choose "
            "another folder"
        )
    return ReviewError(f"{path.name} was not saved: {why}")


def _replace_refused(path: Path, exc: OSError) -> ReviewError:
    """The file was made whole, but what is already there under the name chosen refused to
    be replaced (the folder let the file be made, so it is not the folder)."""
    if path.is_dir():
        why = (
            "a folder of that name is in the way; choose another name, or move or rename the folder"
        )
    elif isinstance(exc, PermissionError):
        why = (
            f"the {path.name} already there is open in another program or read-only; close "
            "it and try again"
        )
    else:
        why = f"the {path.name} already there could not be replaced ({exc.strerror or 'refused'})"
    return ReviewError(f"{path.name} was not saved: {why}; {_unchanged(path)}")


def _copy_button(
    label: str, name: str, text: object, said: Callable[[str], object] | None = None
) -> QPushButton:
    """A button that copies `text` (a value, or a function giving it) and says so."""
    button = QPushButton(label)
    button.setAccessibleName(name)

    def copy() -> None:
        QGuiApplication.clipboard().setText(text() if callable(text) else str(text))
        if said is not None:
            said(f"{name.removeprefix('Copy ').capitalize()} copied")

    button.clicked.connect(copy)
    return button


def complete_words(summary: ReportSummary) -> str:
    """The banner once every flagged vaccination has a decision: "final" only when nothing
    is left open (a record still to update, a claim no search covered)."""
    still = []
    if summary.action_to_do:
        n = summary.action_to_do
        still.append(f"{counted(n, 'record')} to update in the clinical system")
    if summary.totals.not_checked:
        n = summary.totals.not_checked
        months = "its month" if n == 1 else "their months"
        still.append(f"{counted(n, 'claim')} not checked (no search covers {months})")
    if not still:
        return "✔ Every flagged vaccination has a decision: the results are final."
    return "✔ Every flagged vaccination has a decision. Still open: " + "; ".join(still) + "."


class ResultsPage(RefreshedWhenShown):
    status_message = Signal(str)
    print_requested = Signal(str)  # "worksheet" or "report"

    def __init__(self, ops: Operations) -> None:
        super().__init__()
        self.setObjectName("resultsPage")
        self.ops = ops
        self._row_let_go = -1  # the row selected when the review was let go of
        self.settings = Settings()
        self.summary: ReportSummary | None = None
        self.email: Email | None = None
        self.notes: list[DeclarationNote] = []
        self.notes_waiting: WrappedLabel | None = None  # the claims with no note yet, and why
        self._building = 0  # which working-out of the results is the latest

        title = QLabel("Results")
        title.setObjectName("pageTitle")
        self.warning = QLabel("")
        self.warning.setObjectName("warnBanner")
        self.warning.setWordWrap(True)
        self.model = ItemsTableModel()
        self.view = items_view("Results by programme and month", self.model)
        self.view.setMinimumHeight(150)
        self.details = FieldLabel("The month selected")
        self.details.setWordWrap(True)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_details())

        # the email
        self.to = QLineEdit()
        self.to.setReadOnly(True)
        self.to.setAccessibleName("To")
        self.subject = QLineEdit()
        self.subject.setReadOnly(True)
        self.subject.setAccessibleName("Subject")
        self.body = QPlainTextEdit()
        self.body.setReadOnly(True)
        self.body.setAccessibleName("Email body")
        self.body.setMinimumHeight(170)
        email_box = QGroupBox("Email to the immunisation team")
        grid = QGridLayout(email_box)
        for row, (label, widget, what) in enumerate(
            (
                ("To", self.to, "address"),
                ("Subject", self.subject, "subject"),
            )
        ):
            name = QLabel(label)
            name.setBuddy(widget)
            grid.addWidget(name, row, 0)
            grid.addWidget(widget, row, 1)
            grid.addWidget(
                _copy_button("Copy", f"Copy {what}", widget.text, self.status_message.emit),
                row,
                2,
            )
        body_label = RowLabel("Body", self.body)  # by the body's first line, not its middle
        grid.addWidget(body_label, 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.body, 2, 1, 1, 2)
        self.copy_body = _copy_button(
            "Copy body", "Copy email body", self.body.toPlainText, self.status_message.emit
        )
        self.save_eml = QPushButton("Save draft (.eml)…")
        self.save_eml.clicked.connect(self.save_draft)
        self.open_mail = QPushButton("Open in mail app")
        self.open_mail.setObjectName("primary")
        self.open_mail.clicked.connect(self.open_in_mail_app)
        email_buttons = QHBoxLayout()
        email_buttons.addWidget(self.copy_body)
        email_buttons.addWidget(self.save_eml)
        email_buttons.addStretch(1)
        email_buttons.addWidget(self.open_mail)
        grid.addLayout(email_buttons, 3, 1, 1, 2)

        # declaration notes
        self.notes_box = QGroupBox("Declaration notes for CQRS (paste into the Notes field)")
        self.notes_layout = QVBoxLayout(self.notes_box)

        # exports
        exports = QGroupBox("Save and print")
        ex = QVBoxLayout(exports)
        self.save_xlsx = QPushButton("Save audit workbook (.xlsx)…")
        self.save_xlsx.clicked.connect(self.export_workbook)
        self.print_worksheet = QPushButton("Worksheet: print or save as PDF…")
        self.print_worksheet.setToolTip(
            "The events to check as a list to tick at the screen: all, or only those chosen"
        )
        self.print_worksheet.clicked.connect(lambda: self.print_requested.emit("worksheet"))
        self.print_report = QPushButton("Report: print or save as PDF…")
        self.print_report.setToolTip("The results and every decision, for filing and sign-off")
        self.print_report.clicked.connect(lambda: self.print_requested.emit("report"))
        for b in (self.save_xlsx, self.print_worksheet, self.print_report):
            ex.addWidget(b)
        ex.addStretch(1)

        # the email beside the notes and exports on a large screen; all one above the other
        # on a laptop (the page scrolls up and down, never sideways)
        self.lower_half = Columns(
            [(email_box,), (self.notes_box, exports)],
            TWO_COLUMNS_FROM,
            stretch=(3, 2),
            spacing=12,
            end_stretch=False,
        )

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.warning)
        layout.addWidget(self.view, 1)  # spare height goes to the results, not to blank space
        layout.addWidget(self.details)
        layout.addWidget(self.lower_half)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop, for nothing (decision 520)
        self.page_scroll = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # ----- state ----------------------------------------------------------------------
    def set_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.mark_stale()

    def _show_details(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.model.items:
            self.details.setText("Select a row to read it in full here.")
            return
        item = self.model.items[index.row()]
        self.details.setText(self.model.details(item))

    def let_go(self) -> None:
        if (row := self.view.currentIndex().row()) >= 0:
            self._row_let_go = row
        self.model.set_review(None)
        self.summary, self.email, self.notes = None, None, []

    def rebuild(self) -> None:
        session = self.session
        current = self.view.currentIndex().row()
        if current < 0:  # let go of while hidden: the row selected then
            current = self._row_let_go
        self.model.set_review(session.review if session else None)
        if self.model.rowCount():
            self.view.selectRow(max(0, min(current, self.model.rowCount() - 1)))
        self._show_details()
        self._building += 1  # a summary still being worked out is of the review before
        if session is None:
            self.summary, self.email, self.notes = None, None, []
            return
        review = session.review
        if len(review.events) <= BUILT_HERE_UP_TO:
            self._show_summary(build_summary(review, reviewer=session.reviewer))
            return
        # seconds for a large review: worked out off the GUI thread, with progress and
        # Cancel; until it is, nothing of the review before is shown to copy or save
        building = self._building
        self._not_shown("Working out the results…")

        def work(progress: ProgressFn, _cancelled: Callable[[], bool]) -> ReportSummary:
            progress(0, 0, f"Working out the results of {counted(len(review.events), 'event')}")
            return build_summary(review, reviewer=session.reviewer)

        def done(summary: ReportSummary) -> None:
            if building == self._building and self.session is session:
                self._show_summary(summary)

        def stopped() -> None:
            if building == self._building:
                self._stale = True  # worked out when the page is next shown
                self._not_shown(
                    "Results not worked out: cancelled. Go to another page and back to "
                    "Results to work them out."
                )

        def failed(error: BaseException) -> None:
            stopped()
            show_problem(self, "The results were not worked out", plain_message(error))

        self.ops.run(
            self,
            "Working out the results",
            work,
            done,
            failed,
            changes_in_on_done=True,
            on_cancelled=stopped,
        )

    def _not_shown(self, why: str) -> None:
        """No results on show (being worked out, or cancelled): the email and notes are
        blank and cannot be copied or saved, so none of an older state goes out."""
        self.summary, self.email, self.notes = None, None, []
        for line in (self.to, self.subject):
            line.setText("")
        self.body.setPlainText("")
        self._show_notes()
        self._enable_email(False)
        self.warning.setObjectName("warnBanner")
        self.warning.setText(why)
        self.warning.style().polish(self.warning)

    def _enable_email(self, enabled: bool) -> None:
        for widget in self.findChildren(QPushButton):
            if widget.accessibleName().startswith("Copy ") or widget in (
                self.save_eml,
                self.open_mail,
            ):
                widget.setEnabled(enabled)

    def _show_summary(self, summary: ReportSummary) -> None:
        assert self.session is not None
        self.summary = summary
        team = self.settings.team_email or self.session.review.rules.team_email
        self.email = build_email(self.summary, team)
        self.to.setText(self.email.to)
        self.subject.setText(self.email.subject)
        for line in (self.to, self.subject):  # a long one shows its start, not its end
            line.setCursorPosition(0)
        self.body.setPlainText(self.email.body)
        self.notes = declaration_notes(self.summary)
        self._show_notes()
        self._enable_email(True)
        s = self.summary
        if s.is_complete:
            self.warning.setObjectName("goodBanner")
            self.warning.setText(complete_words(s))
        else:
            self.warning.setObjectName("warnBanner")
            parts = []
            if s.pending:
                parts.append(f"{s.pending} still to check")
            if s.unsure:
                parts.append(f"{s.unsure} marked unsure")
            self.warning.setText(
                "⚠ Not finished: " + " and ".join(parts) + ". Months with unchecked events are "
                "shown as Incomplete and the email does not claim them as validated."
            )
        self.warning.style().polish(self.warning)

    def _show_notes(self) -> None:
        while self.notes_layout.count():
            child = self.notes_layout.takeAt(0)
            widget = child.widget() if child else None
            if widget is not None:
                widget.deleteLater()
        self.notes_waiting = None
        # the claims that need a note, or will, but have none yet: listed with why (SPEC 5)
        to_come = notes_to_come(self.summary) if self.summary else []
        if self.summary is None:  # not worked out: nothing is said of the notes either
            pass
        elif not self.notes and not to_come:
            empty = QLabel(
                "No declaration note is needed: no claim here is of "
                f"{self.summary.declaration_threshold} or more."
            )
            empty.setWordWrap(True)
            empty.setObjectName("hint")
            self.notes_layout.addWidget(empty)
        before: QWidget = self.open_mail  # Tab: the email's buttons, the notes', the exports
        for note in self.notes:
            row = QHBoxLayout()
            text = WrappedLabel(
                f"<b>{html.escape(note.heading)}</b><br>{html.escape(note.text)}",
                field="Declaration note",
            )
            row.addWidget(text, 1)
            copy = _copy_button(
                "Copy", f"Copy note {note.heading}", note.text, self.status_message.emit
            )
            row.addWidget(copy)
            holder = QWidget()
            holder.setLayout(row)
            self.notes_layout.addWidget(holder)
            QWidget.setTabOrder(before, copy)
            before = copy
        QWidget.setTabOrder(before, self.save_xlsx)
        if to_come:
            lines = "<br>".join(
                f"<b>{html.escape(heading)}</b>: {html.escape(why)}" for heading, why in to_come
            )
            # each says why: "No note yet: 2 records still to check. ..."
            waiting = WrappedLabel(lines, field="Claims with no declaration note yet")
            waiting.setObjectName("hint")
            self.notes_layout.addWidget(waiting)
            self.notes_waiting = waiting

    def _output(self, suffix: str) -> Path:
        """Where a file made from the review goes by default: beside the review, or in the
        'CQRS reviews' folder for the demo (never the hidden app-data folder)."""
        assert self.session is not None
        name = backend.safe_name(self.session.name)
        return backend.output_folder(self.session.path) / f"{name}{suffix}"

    # ----- email ----------------------------------------------------------------------
    def _eml_bytes(self) -> bytes:
        assert self.email is not None
        return email_eml(self.email)

    def save_draft(self) -> None:
        if self.email is None or self.session is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Save the email draft",
            str(self._output(".eml")),
            "Email drafts (*.eml)",
        )
        if name:
            self.write_draft(Path(name))

    def write_draft(self, path: Path) -> bool:
        try:
            data = self._eml_bytes()
            save_whole(path, lambda p: p.write_bytes(data))
        except (OSError, UserError) as exc:
            show_problem(self, "The draft was not saved", plain_message(exc))
            return False
        self.status_message.emit(f"Draft saved as {path.name}")
        return True

    def open_in_mail_app(self) -> None:
        """Outlook (or the default mail app) opens an unsent .eml ready to send."""
        if self.email is None or self.session is None:
            return
        path = self._output(".eml")
        if not self.write_draft(path):  # never open an older draft instead
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            show_problem(
                self,
                "No mail app opened",
                f"Copy the email instead, or open the draft saved at {path}.",
            )

    def email_text(self) -> str:
        return email_text(self.email) if self.email else ""

    # ----- exports --------------------------------------------------------------------
    def export_workbook(self) -> None:
        if self.session is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Save the audit workbook",
            str(self._output(".xlsx")),
            "Excel workbooks (*.xlsx)",
        )
        if name:
            self.write_workbook(Path(name))

    def write_workbook(self, path: Path) -> None:
        """Written in the background (for 200,000 events, minutes), with the rows written
        so far and Cancel; the summary and the audit log are read there too. Cancelled, the
        workbook is not saved (nor one already there changed), and the status bar says so."""
        session = self.session
        assert session is not None
        store = session.store

        def work(progress: ProgressFn, cancelled: Callable[[], bool]) -> None:
            from cqrs_desktop.reports.xlsx import write_workbook  # openpyxl: only when needed

            progress(0, 0, "Saving the workbook: reading the review and its audit log")
            summary = self.summary_now()
            audit = store.audit_log()  # type: ignore[attr-defined]

            def step(done: int, total: int) -> None:
                if cancelled():
                    raise OperationCancelled()
                said = f"Saving the workbook: {done:,} of {total:,} rows"
                progress(done, total, said if done < total else "Saving the workbook: finishing")

            save_whole(path, lambda p: write_workbook(summary, audit, p, step))

        self.ops.run(
            self,
            "Saving the workbook",
            work,
            lambda _r: self.status_message.emit(f"Workbook saved as {path.name}"),
            on_cancelled=lambda: self.status_message.emit(
                f"Saving the workbook cancelled: {_unchanged(path)}"
            ),
        )

    def summary_ready(self) -> ReportSummary | None:
        """The summary when it is at hand (shown and current) or quick to make (a small
        review); None for a large review's, which `summary_now` makes on a worker thread."""
        if not self._stale and self.summary is not None:
            return self.summary
        if self.session is not None and len(self.session.review.events) <= BUILT_HERE_UP_TO:
            return build_summary(self.session.review, reviewer=self.session.reviewer)
        return None

    def summary_now(self) -> ReportSummary:
        """The summary as the review stands (built afresh unless the shown one is current).
        Safe on a worker thread: it touches no widget."""
        assert self.session is not None
        if not self._stale and self.summary is not None:
            return self.summary
        return build_summary(self.session.review, reviewer=self.session.reviewer)
