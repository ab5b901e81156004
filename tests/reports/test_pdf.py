from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from cqrs_desktop.reports.documents import document_html, document_text, worksheet_document
from cqrs_desktop.reports.printing import write_report_pdf, write_worksheet_pdf
from cqrs_desktop.reports.summary import build_summary
from tests.reports.reports_factory import HOSTILE_SURNAMES, large_review, mixed_review

PRACTICE = "Riverside Medical Centre (F99001)"


@pytest.fixture(autouse=True)
def _qt(qapp: object) -> None:
    """One QApplication for the session (pytest-qt); the renderer uses it."""


def _pages(path: Path) -> list[str]:
    """Page texts; Qt's PDFs extract with tabs between words."""
    return [page.extract_text().replace("\t", " ") for page in PdfReader(str(path)).pages]


def test_worksheet_lists_every_event_needing_review(tmp_path: Path) -> None:
    summary = build_summary(mixed_review(surnames=HOSTILE_SURNAMES))
    path = tmp_path / "worksheet.pdf"
    pages = write_worksheet_pdf(summary, path)
    reader = PdfReader(str(path))
    assert len(reader.pages) == pages
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 842) < 2 and abs(float(box.height) - 595) < 2
    text = "\n".join(_pages(path))
    needing = [e for e in summary.events if e.needs_review]
    assert needing
    for event in needing:
        assert event.nhs_number_display in text
    assert f"Page 1 of {pages}" in text
    assert "patient-identifiable" in text
    assert "Given" in text and "Clinical" in text and "Initials" in text


def test_worksheet_selection(tmp_path: Path) -> None:
    summary = build_summary(mixed_review())
    chosen = summary.events[2]
    path = tmp_path / "one.pdf"
    write_worksheet_pdf(summary, path, event_ids=[chosen.id])
    text = "\n".join(_pages(path))
    assert chosen.nhs_number_display in text
    assert summary.events[3].nhs_number_display not in text


def test_pagination_holds_with_500_events(tmp_path: Path) -> None:
    summary = build_summary(large_review(500))
    path = tmp_path / "worksheet.pdf"
    pages = write_worksheet_pdf(summary, path)
    texts = _pages(path)
    assert len(texts) == pages > 10
    counts: Counter[str] = Counter()
    for number, text in enumerate(texts, start=1):
        assert PRACTICE in text
        assert "Review worksheet" in text
        assert f"Page {number} of {pages}" in text
        assert "NHS number" in text  # the table header repeats
        for event in summary.events:
            counts[event.nhs_number_display] += text.count(event.nhs_number_display)
    assert len(summary.events) == 500
    assert all(counts[e.nhs_number_display] == 1 for e in summary.events)


def test_report_has_decisions_sources_and_sign_off(tmp_path: Path) -> None:
    summary = build_summary(mixed_review())
    path = tmp_path / "report.pdf"
    pages = write_report_pdf(summary, path)
    texts = _pages(path)
    text = "\n".join(texts)
    assert all(PRACTICE in t for t in texts)
    assert f"Page {pages} of {pages}" in text
    assert "Amend" in text and "Validated" in text and "Incomplete" in text
    assert "£20.12" in text
    flat = " ".join(text.split())
    assert "Other provider" in flat and "Maternity unit" in flat
    assert "3f" * 32 in text.replace("\n", "")
    assert "I confirm that" in flat
    for label in ("Name:", "Role:", "Signature:", "Date:"):
        assert label in text
    # What is signed off is in the report: the email and the declaration notes.
    assert "Dear London Immunisation Team," in text
    assert "Declaration notes" in text and "The practice checked each of the 7" in flat
    assert "Not needed" in flat  # "Given here" needs nothing in the clinical system
    for event in summary.events:
        if event.needs_review:
            assert event.nhs_number_display in text


def test_html_and_text_share_the_content() -> None:
    summary = build_summary(mixed_review(surnames=['<script>alert("x")</script>']))
    document = worksheet_document(summary)
    page = document_html(document)
    plain = document_text(document)
    assert "<script>" not in page
    assert PRACTICE in page and PRACTICE in plain
    for event in summary.events_needing_review():
        assert event.nhs_number_display in page
        assert event.nhs_number_display in plain
    assert "[ ]" in plain


def test_printer_path_and_empty_review(tmp_path: Path) -> None:
    """The GUI prints through QPrinter with the same renderer; an empty review still prints."""
    from PySide6.QtPrintSupport import QPrinter

    from cqrs_desktop.domain.model import Practice
    from cqrs_desktop.reports.printing import render_worksheet
    from tests.reports.reports_factory import build_review

    summary = build_summary(build_review([], [], practice=Practice("F99001")))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert render_worksheet(summary, printer) == 1
    text = " ".join(_pages(tmp_path / "printed.pdf"))
    assert "F99001" in text and "There are no vaccinations to check." in text
    pages = write_report_pdf(summary, tmp_path / "report.pdf")
    assert pages == len(_pages(tmp_path / "report.pdf")) <= 2


def test_a_note_longer_than_a_page_is_printed_whole(tmp_path: Path) -> None:
    """A row taller than a page (a long note) was drawn through the footer and off the
    page, and most of the note was lost. It is now split across pages, each part under
    the table's header, the rest marked "(continued)"; every word is printed."""
    from cqrs_desktop.domain.model import Decision
    from tests.reports.reports_factory import record

    review = mixed_review()
    event = next(e for e in review.events if e.needs_review)
    words = [f"w{n:04d}" for n in range(1500)]
    review.apply(event.id, record(event, Decision.PRACTICE, note=" ".join(words)))
    path = tmp_path / "report.pdf"
    pages = write_report_pdf(build_summary(review), path)
    texts = _pages(path)
    found = " ".join(texts).split()
    assert [w for w in found if w.startswith("w") and w[1:].isdigit()] == words
    holding = [t for t in texts if "w0750" in t or "w1499" in t]
    assert all("(continued)" in t and "NHS number" in t for t in holding)
    # each page of the note says whose it is (the one-line cells again)
    shown = next(e for e in build_summary(review).events if e.id == event.id).nhs_number_display
    assert shown and all(shown in t for t in holding)
    assert f"Page {pages} of {pages}" in texts[-1]


@pytest.mark.parametrize("length", [40, 90, 200])
def test_the_practice_in_the_page_header_always_fits_beside_the_title(
    tmp_path: Path, length: int
) -> None:
    """A long practice name was cut off at its left, under the title, on every page. It is
    now set smaller, then (only if longer still) shortened in the middle, keeping its start
    and its ODS code."""
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    from cqrs_desktop.reports.document_model import Document
    from cqrs_desktop.reports.print_layout import _Layout

    writer = QPdfWriter(str(tmp_path / "x.pdf"))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
    name = ("Meadowbank and Riverside Medical Practice " * 6)[:length].strip()
    practice = f"{name} (Y99001)"
    layout = _Layout(Document("CQRS claim review report", practice, "", "", "", True, ()), writer)
    _, title = layout.font(14, bold=True)
    room = layout.width - title.horizontalAdvance("CQRS claim review report") - layout.mm(8)
    key, shown = layout._practice_fit(room)
    assert layout.font(*key)[1].horizontalAdvance(shown) <= room
    assert shown.startswith("Meadowbank") and shown.endswith("(Y99001)")
    assert (shown == practice) is (length < 200)


def test_the_worksheet_ticks_the_decisions_already_recorded() -> None:
    """Decided rows once looked exactly like undecided ones, so a practice re-checked and
    re-ticked them: the box of a decision already recorded is ticked, "Clinical system updated"
    too where it is done, and the header says how many."""
    from cqrs_desktop.domain.model import Decision
    from cqrs_desktop.reports.document_model import Table
    from cqrs_desktop.reports.worksheet_content import TICK_COLUMNS, TICKED, worksheet_columns

    summary = build_summary(mixed_review())
    document = worksheet_document(summary)
    # (the mixed review's search has no organisation column: the sheet leaves it out)
    columns = worksheet_columns(organisation=False)
    tables = [b for b in document.blocks if isinstance(b, Table) and b.columns == columns]
    rows = [row for table in tables for row in table.rows]
    listed = summary.events_needing_review()
    assert len(rows) == len(listed)
    boxes = {
        Decision.PRACTICE: "Given\nhere",
        Decision.OTHER_PROVIDER: "Other\nprovider",
        Decision.NOT_ELIGIBLE: "Not\neligible",
        Decision.NOT_GIVEN: "Not\ngiven",
    }
    for row, event in zip(rows, listed, strict=True):
        assert row[1] == (event.nhs_number_display or "No NHS number")
        ticked = {t for t, cell in zip(TICK_COLUMNS, row[6:11], strict=True) if cell == TICKED}
        expected = {boxes[event.decision]} if event.decision in boxes else set()
        if event.action_done:
            expected.add("Clinical\nsystem\nupdated")
        assert ticked == expected
        # a decision that needs no change says so, never an empty box that reads "No"
        needs_nothing = event.decision in boxes and not event.action_needed
        assert (row[10] == "Not needed") == needs_nothing
    assert any(row[10] == "Not needed" for row in rows)
    decided = sum(1 for e in listed if e.decision in boxes)
    assert 0 < decided < len(listed)
    assert f"{len(listed)} vaccinations to check; {decided} of them already decided" in (
        document.subtitle
    )


def test_the_sign_off_is_never_split_from_its_statement(tmp_path: Path) -> None:
    """The Sign-off heading and statement once ended a page, and the Name, Role, Signature
    and Date lines stood alone on the next. Wherever the page ends, they stay together."""
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    from cqrs_desktop.reports.document_model import Document, Heading, Paragraph, SignOff
    from cqrs_desktop.reports.printing import render_document

    for filler in range(20, 44):
        blocks = (
            *(Paragraph(f"Line {n} of what came before.") for n in range(filler)),
            Heading("Sign-off"),
            Paragraph("I confirm that the decisions shown are what the records say."),
            SignOff(("Name", "Role", "Signature", "Date")),
        )
        path = tmp_path / f"signed{filler}.pdf"
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageOrientation(QPageLayout.Orientation.Landscape)
        render_document(Document("Report", "Practice (Y99001)", "", "", "", True, blocks), writer)
        del writer  # (the PDF is written when the writer goes)
        pages = _pages(path)
        (signed,) = [page for page in pages if "Signature:" in page]
        assert "Sign-off" in signed and "I confirm that" in signed, filler


def test_every_code_on_the_worksheet_is_in_its_legend() -> None:
    """A month's heading gives its own reasons ("Reasons for this month: CNT"): the legend
    explains those too, not only the rows' codes."""
    import dataclasses

    from cqrs_desktop.domain.model import Claim
    from cqrs_desktop.domain.review import Review
    from cqrs_desktop.reports.document_model import Heading, Table
    from tests.reports.reports_factory import build_review, rules, search_rows

    rows = search_rows([("pertussis_pregnant", "2024-09", 2)])
    plain = build_review(rows, [Claim("pertussis_pregnant", "2024-08", 3)])
    # the search covers August too, where it found none of the 3 claimed
    source = dataclasses.replace(plain.inputs.sources[0], span=("2024-08", "2024-09"))
    review = Review(dataclasses.replace(plain.inputs, sources=(source,)), rules())
    summary = build_summary(review)
    document = worksheet_document(summary)
    legend = next(b for b in document.blocks if isinstance(b, Table))
    explained = {row[0] for row in legend.rows}
    said = {
        code
        for item in summary.items
        for code in item.reason_codes
        if any(isinstance(b, Heading) and b.text == item.title for b in document.blocks)
    }
    assert said and said <= explained


def test_the_worksheet_says_who_marked_a_row_unsure_and_why(tmp_path: Path) -> None:
    """A row marked unsure has no box of its own to tick, so on the printed list it looked
    exactly like one never looked at: whoever took the list on had no word that someone
    was unsure of it, nor the note saying why ("ask the nurse"), which the report shows.
    Under its month's rows it is now listed by row number with who marked it, when, and
    the note; the header counts it."""
    from cqrs_desktop.domain.model import Decision

    summary = build_summary(mixed_review())
    listed = summary.events_needing_review()
    unsure = [e for e in listed if e.decision is Decision.UNSURE]
    assert unsure
    document = worksheet_document(summary)
    assert f"; {len(unsure)} marked unsure (listed under" in document.subtitle
    text = " ".join(" ".join(_pages_of(write_worksheet_pdf, summary, tmp_path)).split())
    assert "Marked unsure (by row number): check the record and decide." in text
    for event in unsure:
        number = listed.index(event) + 1
        said = f"{number} {', '.join(event.flag_codes)}".strip()
        assert said in text
        if event.note:
            assert f"note: {' '.join(event.note.split())}" in text
        if event.reviewer:
            assert f"by {event.reviewer}" in text


def _pages_of(write: object, summary: object, tmp_path: Path) -> list[str]:
    path = tmp_path / "worksheet.pdf"
    write(summary, path)  # type: ignore[operator]
    return _pages(path)


def test_a_long_worksheet_can_be_stopped_while_its_pages_are_laid_out(tmp_path: Path) -> None:
    """Laying out a long table takes seconds before the first page is drawn (200,000 events:
    about 12 s): progress is told, with (0, 0), while it goes, so Cancel works then too
    (decision 362). Stopped then, no file is begun."""
    summary = build_summary(large_review(600, decided=False))
    calls: list[tuple[int, int]] = []

    def step(done: int, total: int) -> None:
        calls.append((done, total))
        if len(calls) == 2:
            raise KeyboardInterrupt  # as a Cancel raises, from the progress call

    path = tmp_path / "worksheet.pdf"
    with pytest.raises(KeyboardInterrupt):
        write_worksheet_pdf(summary, path, None, step)
    assert calls == [(0, 0), (0, 0)]  # both before any page is known
    assert not path.exists() or path.stat().st_size == 0  # no page was begun
    calls.clear()
    pages = write_worksheet_pdf(summary, path, None, lambda d, t: calls.append((d, t)))
    laid_out = calls.index((0, pages))
    assert laid_out >= 2 and set(calls[:laid_out]) == {(0, 0)}
    assert calls[-1] == (pages, pages)
