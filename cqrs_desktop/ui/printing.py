"""Print preview, print and PDF for the worksheet and the report.

The layout belongs to `reports`: when it offers `render_worksheet(printer, summary)` /
`render_report(printer, summary)` (and `write_*_pdf`), those are used. Until then a plain
HTML rendering of the same summary keeps the buttons useful.
"""

from __future__ import annotations

import html
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from cqrs_desktop.reports.summary import ReportSummary
from cqrs_desktop.ui.messages import show_problem
from cqrs_desktop.ui.operations import Operations, plain_message

_CANDIDATE_MODULES = ("cqrs_desktop.reports.printing", "cqrs_desktop.reports.pdf",
                      "cqrs_desktop.reports.worksheet", "cqrs_desktop.reports.render")


def _reports_function(name: str) -> Callable[..., Any] | None:
    for module_name in _CANDIDATE_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        function = getattr(module, name, None)
        if callable(function):
            return function
    return None


def _fallback_html(which: str, s: ReportSummary) -> str:
    e = html.escape
    rows = "".join(
        f"<tr><td>{e(i.programme_name)}</td><td>{e(i.month_label)}</td>"
        f"<td align=right>{'' if i.claimed is None else i.claimed}</td>"
        f"<td align=right>{i.in_search}</td><td align=right>{i.flagged}</td>"
        f"<td align=right>{'' if i.corrected is None else i.corrected}</td>"
        f"<td>{e(i.status_word)}</td></tr>"
        for i in s.items
    )
    head = (f"<h2>CQRS claim check: {e(s.practice_label)}</h2>"
            f"<p>{e(s.generated_at.strftime('%d %b %Y %H:%M'))}</p>")
    table = ("<table border=1 cellspacing=0 cellpadding=3><tr><th>Programme</th><th>Month</th>"
             "<th>Claimed</th><th>Found</th><th>Flagged</th><th>Corrected</th><th>Status</th>"
             f"</tr>{rows}</table>")
    if which == "report":
        return head + table
    events = "".join(
        f"<tr><td>{e(ev.programme_name)}</td><td>{ev.date:%d/%m/%Y}</td>"
        f"<td>{e(ev.nhs_number_display)}</td><td>{e(ev.name)}</td>"
        f"<td>{e(' '.join(ev.reason_codes))}</td><td>{e(ev.decision_word)}</td>"
        f"<td>{'☑' if ev.action_done else '☐'}</td></tr>"
        for ev in s.events_needing_review()
    )
    return (head + "<h3>Worksheet: tick each record as you check it</h3>"
            "<table border=1 cellspacing=0 cellpadding=3><tr><th>Programme</th><th>Date</th>"
            "<th>NHS number</th><th>Name</th><th>Why</th><th>Decision</th><th>Updated</th>"
            f"</tr>{events}</table>")


def render(printer: QPrinter, which: str, summary: ReportSummary) -> None:
    function = _reports_function(f"render_{which}")
    if function is not None:
        function(printer, summary)
        return
    document = QTextDocument()
    document.setHtml(_fallback_html(which, summary))
    document.print_(printer)


def print_preview(parent: QWidget, which: str, summary: ReportSummary) -> QPrintPreviewDialog:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    if which == "worksheet":
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Print the {which}")
    dialog.paintRequested.connect(lambda p: render(p, which, summary))
    dialog.open()
    return dialog


def save_pdf(
    parent: QWidget,
    ops: Operations,
    which: str,
    summary: ReportSummary,
    path: Path,
    done: Callable[[], None],
) -> None:
    writer = _reports_function(f"write_{which}_pdf")
    if writer is not None:
        ops.run(parent, f"Saving the {which}", lambda _p, _c: writer(summary, path),
                lambda _r: done())
        return
    try:  # the fallback draws with Qt text layout, which belongs on the GUI thread
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        render(printer, which, summary)
    except Exception as exc:
        show_problem(parent, "The PDF was not saved", plain_message(exc))
        return
    done()
