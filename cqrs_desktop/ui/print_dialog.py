"""'Print or save as PDF': which document, which events, then preview, print or PDF.

The events on offer come from where the user was: the whole review, the events selected
in the Check events list, the events that list shows with its filters, or the month
selected in the Overview. The choice is spelled out with counts, so nobody prints 400
pages by accident.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cqrs_desktop.domain.explain import counted
from cqrs_desktop.domain.review import Review
from cqrs_desktop.reports.summary import ReportSummary
from cqrs_desktop.ui import backend, printing
from cqrs_desktop.ui.operations import Operations, ProgressFn
from cqrs_desktop.ui.printing import SummarySource, Which

if TYPE_CHECKING:
    from cqrs_desktop.ui.main_window import MainWindow
    from cqrs_desktop.ui.review_session import OpenReview


@dataclasses.dataclass(frozen=True)
class PrintScope:
    """A set of events to print: `event_ids` None means the whole review."""

    key: str  # "all", "selected", "shown", "month"
    label: str
    event_ids: tuple[str, ...] | None = None


def all_scope(review: Review) -> PrintScope:
    needing = sum(1 for e in review.events if e.needs_review)
    what = "the 1 event that needs" if needing == 1 else f"all {needing:,} events that need"
    return PrintScope("all", f"{what[0].upper()}{what[1:]} checking (the whole review)")


def selected_scope(ids: Sequence[str]) -> PrintScope | None:
    if not ids:
        return None
    what = "the event" if len(ids) == 1 else f"the {len(ids):,} events"
    return PrintScope("selected", f"Only {what} selected in the Check events list", tuple(ids))


def shown_scope(ids: Sequence[str] | None, review: Review) -> PrintScope | None:
    """The list's rows, when its filters or a find narrow it (None when not narrowed)."""
    if not ids or len(ids) == len(review.events):
        return None
    what = "the event" if len(ids) == 1 else f"the {len(ids):,} events"
    return PrintScope("shown", f"Only {what} the Check events list shows (its filters)", tuple(ids))


def month_scope(review: Review, key: tuple[str, str] | None, title: str) -> PrintScope | None:
    """The month picked in the Overview: its events that need (or had) a check."""
    if key is None:
        return None
    ids = tuple(
        e.id
        for e in review.events
        if (e.programme, e.month) == key and (e.needs_review or review.decision(e.id))
    )
    if not ids:
        return None
    return PrintScope(
        "month", f"Only {title}: {counted(len(ids), 'event')} (selected in Overview)", ids
    )


class PrintDialog(QDialog):
    """Choose, then act. Every action closes the dialog and reports through `status`."""

    def __init__(
        self,
        parent: QWidget,
        ops: Operations,
        summary: SummarySource,
        scopes: Sequence[PrintScope],
        which: Which = "worksheet",
        scope: str = "all",
        default_name: Callable[[Which], Path] | None = None,
        status: Callable[[str], None] | None = None,
        summary_ready: Callable[[], ReportSummary | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Print or save as PDF")
        self.setAccessibleName("Print or save as PDF")
        self.ops = ops
        self.summary_source = summary
        # the summary when it is at hand or quick to make; None: a large review's, to be
        # worked out off the GUI thread (without it, `summary` is taken as quick)
        self.summary_ready = summary_ready or summary
        self.scopes = list(scopes)
        self.default_name = default_name
        self.status = status or (lambda _m: None)
        self.owner = parent

        document_box = QGroupBox("What to print")  # Alt+W, Alt+R: the documents
        doc_layout = QVBoxLayout(document_box)
        self.worksheet_radio = QRadioButton(
            "&Worksheet: the list to tick while you check each record"
        )
        self.report_radio = QRadioButton(
            "&Report: the results and every decision, for filing and sign-off"
        )
        self.documents = QButtonGroup(self)
        for radio in (self.worksheet_radio, self.report_radio):
            self.documents.addButton(radio)
            doc_layout.addWidget(radio)
        (self.worksheet_radio if which == "worksheet" else self.report_radio).setChecked(True)

        events_box = QGroupBox("Which &events")  # Alt+E: to the choice made, then arrows
        events_layout = QVBoxLayout(events_box)
        self.scope_group = QButtonGroup(self)
        self.scope_radios: dict[str, QRadioButton] = {}
        for index, s in enumerate(self.scopes):
            radio = QRadioButton(s.label)
            radio.setAccessibleName(s.label)
            self.scope_group.addButton(radio, index)
            self.scope_radios[s.key] = radio
            events_layout.addWidget(radio)
        chosen = self.scope_radios.get(scope) or next(iter(self.scope_radios.values()))
        chosen.setChecked(True)
        if "selected" not in self.scope_radios:
            tip = QLabel(
                "To print only some events, select them in the Check events list "
                "(Ctrl+click or Shift+click) first."
            )
            tip.setObjectName("hint")
            tip.setWordWrap(True)
            events_layout.addWidget(tip)

        self.preview_button = QPushButton("Pre&view…")
        self.preview_button.setToolTip("See the pages first; you can print from the preview")
        self.print_button = QPushButton("&Print…")
        self.pdf_button = QPushButton("&Save as PDF…")
        self.pdf_button.setObjectName("primary")
        buttons = QDialogButtonBox()
        for b in (self.preview_button, self.print_button, self.pdf_button):
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText("&Cancel")
        buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_)
        self.pdf_button.clicked.connect(self.choose_pdf)

        layout = QVBoxLayout(self)
        layout.addWidget(document_box)
        layout.addWidget(events_box)
        layout.addWidget(buttons)
        self.pdf_button.setDefault(True)  # Enter does what the blue button says

    # ----- the choice -----------------------------------------------------------------
    @property
    def which(self) -> Which:
        return "worksheet" if self.worksheet_radio.isChecked() else "report"

    @property
    def scope(self) -> PrintScope:
        return self.scopes[max(self.scope_group.checkedId(), 0)]

    def choose(self, which: Which | None = None, scope: str | None = None) -> None:
        if which is not None:
            (self.worksheet_radio if which == "worksheet" else self.report_radio).setChecked(True)
        if scope is not None:
            self.scope_radios[scope].setChecked(True)

    # ----- the actions ----------------------------------------------------------------
    def preview(self) -> QDialog | None:
        """The pages, over this dialog: closing the preview comes back here, to print or
        save what was seen (or choose again). None when a large review's results are
        worked out first (in the background): the preview opens once they are."""
        which, ids = self.which, self.scope.event_ids

        def stopped() -> None:
            self.status("Print preview stopped: nothing was printed")

        return self._with_summary(lambda s: printing.print_preview(self, which, s, ids, stopped))

    def print_(self) -> None:
        self.accept()
        which, ids = self.which, self.scope.event_ids

        def print_it(summary: ReportSummary) -> QDialog:
            return printing.print_with_dialog(
                self.owner,
                which,
                summary,
                ids,
                lambda pages: (
                    self.status(f"Sent {counted(pages, 'page')} of the {which} to the printer")
                    if pages
                    else self.status("Printing cancelled")
                ),
            )

        self._with_summary(print_it, self.owner)

    def _with_summary(
        self, then: Callable[[ReportSummary], QDialog], parent: QWidget | None = None
    ) -> QDialog | None:
        """`then(summary)` at once when the summary is at hand; else once it is worked out
        off the GUI thread (seconds for a large review), with progress and Cancel."""
        summary = self.summary_ready()
        if summary is not None:
            return then(summary)
        source, which = self.summary_source, self.which  # no widget is read off the GUI thread

        def work(progress: ProgressFn, _cancelled: Callable[[], bool]) -> ReportSummary:
            progress(0, 0, f"Preparing the {which}: working out the results")
            return source()

        def done(summary: ReportSummary) -> None:
            then(summary)

        self.ops.run(
            parent or self,
            f"Preparing the {which}",
            work,
            done,
            changes_in_on_done=True,
            on_cancelled=lambda: self.status("Cancelled: nothing was printed or shown"),
        )
        return None

    def choose_pdf(self) -> None:
        which = self.which
        start = self.default_name(which) if self.default_name else Path(f"{which}.pdf")
        name, _ = QFileDialog.getSaveFileName(
            self, f"Save the {which} as PDF", str(start), "PDF (*.pdf)"
        )
        if name:
            self.save_pdf(Path(name))

    def save_pdf(self, path: Path) -> None:
        """Start saving (in the background) and close the dialog."""
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self.accept()
        printing.save_pdf(
            self.owner,
            self.ops,
            self.which,
            self.summary_source,
            path,
            self.scope.event_ids,
            lambda pages: self.status(f"Saved {path.name} ({counted(pages, 'page')})"),
        )


def open_print_dialog(
    window: MainWindow, session: OpenReview, which: Which, origin: str
) -> PrintDialog:
    """Offer the whole review and whatever the user has chosen on the pages; pre-select the
    choice that matches where they asked from ("list", "walkthrough", "overview" or "")."""
    review = session.review
    events = window.walkthrough.events
    selected = selected_scope(events.selected_ids())
    shown = shown_scope(events.shown_ids(), review)
    month = month_scope(review, *window.overview.selected_item())
    scopes = [s for s in (all_scope(review), selected, shown, month) if s is not None]
    several = selected is not None and len(selected.event_ids or ()) > 1
    default = "all"
    if origin == "overview" and month is not None:
        default = "month"
    elif origin == "list":
        default = "selected" if several or shown is None else "shown"
    elif origin == "walkthrough" and several:
        default = "selected"
    return PrintDialog(
        window,
        window.ops,
        window.results.summary_now,
        scopes,
        which,
        default,
        lambda w: backend.output_folder(session.path) / f"{session.name} {w}.pdf",
        lambda m: window.statusBar().showMessage(m, 8000),
        window.results.summary_ready,
    )
