"""The printed worksheet read back as the paper a practice administrator ticks with a pen.

A review made to stress the paper (`paper_reviews`: about 300 vaccinations, long hyphenated
names, long notes, every decision kind, carried and disagreeing decisions, unsure with a
reason, no NHS number or no date of birth) is printed through the app's own code to PDF, on
A4 and on Letter, and read back (`pdf_text`: poppler's `pdftotext`, or pypdf where it is not
installed; text and each word's box). What is expected comes from the review itself: the
vaccinations needing review, in the walk-through's order (programme, month, date)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontInfo, QPageSize, QPdfWriter

from cqrs_desktop.domain import labels
from cqrs_desktop.domain.dates import month_label
from cqrs_desktop.domain.model import Decision
from cqrs_desktop.domain.review import Review
from cqrs_desktop.reports.documents import worksheet_document
from cqrs_desktop.reports.printing import (
    MARGIN_MM,
    PDF_DPI,
    SANS,
    prepare_device,
    render_document,
    write_worksheet_pdf,
)
from cqrs_desktop.reports.summary import build_summary, format_date, local_time
from cqrs_desktop.reports.worksheet_content import worksheet_columns
from tests.reports.paper_reviews import (
    LONG_FORENAMES,
    LONG_NOTE,
    LONG_SURNAMES,
    TOO_WIDE,
    paper_review,
)
from tests.reports.pdf_text import Word, layout_text, word_boxes
from tests.reports.reports_factory import nhs_numbers, rules

MM = 72 / 25.4  # PDF points per mm
TOLERANCE = 0.6  # points: a glyph's box may pass its pen position by a hair


# The fonts the worksheet's columns are sized for: Arial, on every Windows PC, or Liberation
# Sans, its metric twin on Linux (`fonts-liberation`, which `.ci/run` installs). Printed in
# a wider font (DejaVu Sans, a bare Linux machine's only sans-serif), "Vaccination" and a
# date no longer fit their columns and are broken inside them, as they must be (decision 530).
SIZED_FOR = ("Arial", "Liberation Sans")


@pytest.fixture(autouse=True)
def _qt(qapp: object) -> None:
    """One QApplication for the session (pytest-qt); the renderer uses it."""


@pytest.fixture()
def arial_metrics(qapp: object) -> None:
    """For the checks of where words fall: skipped, saying why, where this machine has no
    font with Arial's metrics."""
    font = QFont()
    font.setFamilies(SANS)
    family = QFontInfo(font).family()
    if family not in SIZED_FOR:
        pytest.skip(
            f"the worksheet is sized for Arial (or Liberation Sans: install fonts-liberation); "
            f"this machine would print it in {family}"
        )


@dataclass(frozen=True)
class Paper:
    pages: list[str]  # `layout_text`, a page each
    words: list[Word]
    size: tuple[float, float]  # points, of the first page


def _read(path: Path) -> Paper:
    boxes = word_boxes(path)
    return Paper(layout_text(path).split("\f")[: len(boxes.sizes)], boxes.words, boxes.sizes[0])


def _expected(review: Review) -> list[tuple[str, str, str, str]]:
    """The oracle: (NHS number as printed, name, date of birth, date) of each vaccination
    the walk-through takes the reviewer to, in its order, from the review alone."""
    order = rules()
    events = sorted(
        (e for e in review.events if e.needs_review),
        key=lambda e: (order.order(e.programme), e.month, e.date),
    )
    assert [e.id for e in events] == [e.id for e in review.events if e.needs_review]
    out = []
    for e in events:
        n = e.nhs_number
        nhs = f"{n[:3]} {n[3:6]} {n[6:]}" if n else labels.NO_NHS_NUMBER
        name = f"{(e.surname or '').upper()}, {e.forenames}"
        dob = format_date(e.date_of_birth) or labels.NOT_RECORDED
        out.append((nhs, name, dob, format_date(e.date)))
    return out


def _pdf(tmp_path: Path, review: Review, letter: bool) -> Path:
    path = tmp_path / ("letter.pdf" if letter else "a4.pdf")
    summary = build_summary(review)
    if not letter:
        write_worksheet_pdf(summary, path)  # the app's PDF: A4
        return path
    # a printer keeps the paper the user chose: Letter, as the print dialog would leave it
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    document = worksheet_document(summary)
    prepare_device(writer, document.landscape, set_a4=False)
    render_document(document, writer)
    return path


# The stress review's search, like the command line test's, has no organisation column: the
# worksheet leaves it out (decision 501).
COLUMNS = worksheet_columns(organisation=False)


def _edges(width: float) -> list[float]:
    """The worksheet table's column edges, in points, from the columns' widths."""
    inner = width - 2 * MARGIN_MM * MM
    total = sum(c.width_mm for c in COLUMNS)
    edges, x = [MARGIN_MM * MM], MARGIN_MM * MM
    for column in COLUMNS:
        x += inner * column.width_mm / total
        edges.append(x)
    return edges


def _rows(paper: Paper, count: int) -> list[list[Word]]:
    """The words of each worksheet row, found by its number in the "No." column beside
    the start of an NHS number (or its missing words) in the next."""
    edges = _edges(paper.size[0])
    found: dict[int, list[Word]] = {}
    by_page: dict[int, list[Word]] = {}
    for word in paper.words:
        by_page.setdefault(word.page, []).append(word)
    for words in by_page.values():
        words.sort(key=lambda w: (w.y0, w.x0))
        anchors = [
            w
            for w in words
            if w.text.isdigit()
            and edges[0] < w.x0
            and w.x1 <= edges[1] + TOLERANCE
            and any(
                abs(o.y0 - w.y0) < 1 and edges[1] < o.x0 < edges[2] and o.text in ("999", "No")
                for o in words
            )
        ]
        for i, anchor in enumerate(anchors):
            end = anchors[i + 1].y0 if i + 1 < len(anchors) else paper.size[1]
            band = [w for w in words if anchor.y0 - 1 <= w.y0 < end - 1]
            # a paragraph, heading or the footer starts at the margin: the row ends there
            stop = next((w.y0 for w in band if w.x0 < edges[0] + 2), end)
            number = int(anchor.text)
            assert number not in found, f"row {number} printed twice"
            found[number] = [w for w in band if w.y0 < stop - 1]
    assert sorted(found) == list(range(1, count + 1))
    return [found[n] for n in range(1, count + 1)]


def _column(row: list[Word], edges: list[float], index: int) -> list[str]:
    return [w.text for w in row if edges[index] - 1 <= w.x0 and w.x1 <= edges[index + 1] + 1]


def _parts(text: str) -> list[str]:
    """A name's words as a reader finds them: split at spaces, and after a hyphen."""
    return [p for p in re.split(r"\s+|(?<=-)", text) if p]


def _read_as(printed: list[str], expected: list[str]) -> list[str]:
    """The printed parts, the pieces of a word too wide for its column joined again."""
    out, rest = [], list(printed)
    for part in expected:
        piece = rest.pop(0) if rest else ""
        while part in TOO_WIDE and part.startswith(piece) and piece != part and rest:
            piece += rest.pop(0)
        out.append(piece)
    return out + rest


@pytest.fixture(scope="module")
def review() -> Review:
    return paper_review()


@pytest.mark.parametrize("letter", [False, True], ids=["A4", "Letter"])
def test_every_row_to_check_is_on_the_paper_once_in_order_whole(
    tmp_path: Path, review: Review, letter: bool, arial_metrics: None
) -> None:
    paper = _read(_pdf(tmp_path, review, letter))
    expected = _expected(review)
    assert len(expected) > 250
    edges = _edges(paper.size[0])
    rows = _rows(paper, len(expected))
    needing = [e for e in review.events if e.needs_review]
    not_needed = {
        number
        for number, e in enumerate(needing, start=1)
        if (d := review.decision(e.id)) is not None
        and d.decision not in (None, Decision.UNSURE)
        and not review.action_needed(e.id)
    }
    assert not_needed
    for number, (row, expect) in enumerate(zip(rows, expected, strict=True), start=1):
        nhs, name, dob, date = expect
        assert " ".join(_column(row, edges, 1)) == nhs, number
        # a name wraps between its words, never cut, broken only inside a word too wide
        assert _read_as(_parts(" ".join(_column(row, edges, 2))), _parts(name)) == _parts(name)
        assert _column(row, edges, 3) == dob.split(" "), number
        assert _column(row, edges, 4) == [date], number
        # "Not needed" in place of the "Clinical system updated" box: a decision recorded
        # that needs no change in the clinical system
        updated = _column(row, edges, len(COLUMNS) - 2)
        assert updated == (["Not", "needed"] if number in not_needed else []), number
    # the vaccinations needing no check (HepB October) are not on the paper
    text = "\n".join(paper.pages)
    unchecked = [e.nhs_number for e in review.events if not e.needs_review and e.nhs_number]
    assert unchecked
    for n in unchecked:
        assert f"{n[:3]} {n[3:6]} {n[6:]}" not in text


@pytest.mark.parametrize("letter", [False, True], ids=["A4", "Letter"])
def test_no_word_is_off_the_page_or_across_a_column(
    tmp_path: Path, review: Review, letter: bool, arial_metrics: None
) -> None:
    paper = _read(_pdf(tmp_path, review, letter))
    width, height = paper.size
    margin = MARGIN_MM * MM - TOLERANCE
    for word in paper.words:
        assert margin <= word.x0 and word.x1 <= width - margin, word
        assert margin <= word.y0 and word.y1 <= height - margin, word
    edges = _edges(width)
    # the worksheet table's header, on every page it is: each title whole, in its column
    titles = [title.split() for title in (c.title for c in COLUMNS)]
    for top in (w for w in paper.words if w.text == "Initials"):
        header = [w for w in paper.words if w.page == top.page and 0 <= w.y0 - top.y0 < 30]
        assert [_column(header, edges, i) for i in range(len(titles))] == titles, top.page
    for number, row in enumerate(_rows(paper, len(_expected(review))), start=1):
        for word in row:
            inside = any(
                edges[i] - TOLERANCE <= word.x0 and word.x1 <= edges[i + 1] + TOLERANCE
                for i in range(len(edges) - 1)
            )
            assert inside, (number, word)


def test_pages_are_numbered_and_each_repeats_its_heading_and_header(
    tmp_path: Path, review: Review
) -> None:
    paper = _read(_pdf(tmp_path, review, letter=False))
    total = len(paper.pages)
    titles = _month_titles(review)
    for number, page in enumerate(paper.pages, start=1):
        assert re.findall(r"Page \d+ of \d+", page) == [f"Page {number} of {total}"]
        assert "Review worksheet" in page and "patient-identifiable" in page
        # every page holds rows under their table's header: the worksheet's, or the lists
        # of earlier reviews' words, of rows marked unsure and of decisions carried from
        # earlier reviews (the reasons' legend on page 1)
        assert (
            re.search(r"^ +No\. .*Reasons", page, re.M)
            or re.search(r"^ +Rows +Carried from an earlier review", page, re.M)
            or "Reason codes" in page
        ), number
        # ... and after page 1, under the month they are of, as it stands on its heading
        if number > 1:
            assert any(re.search(rf"^ *{re.escape(t)}", page, re.M) for t in titles), number


def _month_titles(review: Review) -> list[str]:
    """Each month's heading as the practice reads it ("RSV (pregnant women), October 2024")."""
    names = {p.id: p.display_name for p in rules().programmes}
    return sorted({f"{names[e.programme]}, {month_label(e.month)}" for e in review.events})


def test_every_word_of_every_note_is_printed_in_order(tmp_path: Path, review: Review) -> None:
    paper = _read(_pdf(tmp_path, review, letter=False))
    printed = " ".join(paper.pages)  # the lines as they stand on the page, top to bottom
    unsure = [
        e for e in review.events if (d := review.decision(e.id)) and d.decision is Decision.UNSURE
    ]
    notes = [review.decision(e.id).note for e in unsure]  # type: ignore[union-attr]
    needing = {e.id for e in review.events if e.needs_review}
    notes += [LONG_NOTE] * len(needing & set(review.disagreed))
    assert notes and all(note == LONG_NOTE for note in notes)
    # each note as a run of words, as often as it was written (wrapped, never cut)
    words = LONG_NOTE.split()
    tokens = printed.split()
    runs = 0
    i = 0
    while i < len(tokens):
        j, k = i, 0
        # (the earlier reviews' list closes a note in a bracket: "(note: ... manager.)")
        while j < len(tokens) and k < len(words) and tokens[j] in (words[k], words[k] + ")"):
            j, k = j + 1, k + 1
        if k == len(words):
            runs, i = runs + 1, j
        else:
            i += 1
    assert runs == len(notes)


def _carried_lists(paper: Paper) -> dict[int, str]:
    """Each row number the lists of carried decisions name, with the words it is under
    ("decided in X.cqrsreview on 14 Oct 2026 by S. Earlier"); a number named twice fails."""
    found: dict[int, str] = {}
    entries: list[list[str]] = []  # [row numbers' text, words]
    for page in paper.pages:
        inside = False
        for line in page.splitlines():
            if re.match(r"^ +Rows +Carried from an earlier review", line):
                inside = True
                continue
            entry = re.match(r"^ +([\d, -]+?) {2,}(decided in .+?)\s*$", line)
            more = re.match(r"^ +([\d, -]+?)\s*$", line)
            if inside and entry:
                entries.append([entry.group(1), entry.group(2)])
            elif inside and more and entries and line.strip():
                entries[-1][0] += " " + more.group(1)
            elif line.strip():
                inside = False
    for numbers, words in entries:
        for part in numbers.replace(" ", "").split(","):
            first, _, last = part.partition("-")
            for number in range(int(first), int(last or first) + 1):
                assert number not in found, f"row {number} listed twice"
                found[number] = words
    return found


def test_every_carried_row_says_which_review_decided_it(tmp_path: Path, review: Review) -> None:
    """Decision 500: each row whose decision was carried is named once, under its month,
    with the review that decided it, the day and the reviewer; no other row is."""
    paper = _read(_pdf(tmp_path, review, letter=False))
    needing = [e for e in review.events if e.needs_review]
    expected = {}
    for number, event in enumerate(needing, start=1):
        d = review.decision(event.id)
        if d is not None and d.carried_from and d.decision is not Decision.UNSURE:
            day = local_time(d.decided_at)
            assert day is not None
            expected[number] = (
                f"decided in {d.carried_from} on {day.strftime('%d %b %Y')} by {d.reviewer}"
            )
    assert len(expected) > 30
    assert _carried_lists(paper) == expected


def test_the_command_lines_worksheet_is_the_same_paper(tmp_path: Path) -> None:
    """`check --out DIR` writes worksheet.pdf: every row of the search file on it once, in
    date order, whole, within its columns."""
    numbers = nhs_numbers(70_000)
    people = []
    for day in range(1, 29):  # one a day: the walk-through's order is the file's
        surname = LONG_SURNAMES[day % len(LONG_SURNAMES)]
        forenames = LONG_FORENAMES[day % len(LONG_FORENAMES)]
        people.append(
            (next(numbers), surname, forenames, f"{day:02d}/05/1994", f"{day:02d}/09/2024")
        )
    lines = ["NHS Number,Surname,Forenames,Date of Birth,Event Date"]
    lines += [",".join(p) for p in reversed(people)]
    (tmp_path / "search.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "cqrs_desktop", "check", "--practice-ods", "F99001",
         "--search", "pertussis_pregnant=search.csv", "--claim", "pertussis_pregnant:2024-09=28",
         "--out", "out"],
        cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=300, check=False,
        # the checkout, where the package is not installed (the Windows Python under Wine)
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    paper = _read(tmp_path / "out" / "worksheet.pdf")
    edges = _edges(paper.size[0])
    for row, (nhs, surname, forenames, dob, date) in zip(
        _rows(paper, len(people)), people, strict=True
    ):
        assert " ".join(_column(row, edges, 1)) == f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}"
        name = f"{surname.upper()}, {forenames}"
        assert _read_as(_parts(" ".join(_column(row, edges, 2))), _parts(name)) == _parts(name)
        assert (_column(row, edges, 3), _column(row, edges, 4)) == ([dob], [date])
        assert all(
            any(edges[i] - TOLERANCE <= w.x0 and w.x1 <= edges[i + 1] + TOLERANCE
                for i in range(len(edges) - 1))
            for w in row
        )  # fmt: skip
