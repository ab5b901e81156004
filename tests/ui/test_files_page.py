"""The Files page: files dropped from Explorer, a long import cancelled, files in the review."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton

from cqrs_desktop import paths
from cqrs_desktop.ui import messages

from .conftest import wait_idle

DEMO = ("emis_maternal_search.csv", "systmone_school_search.csv", "cqrs_figures.csv")


def _demo_copies(folder: Path, names: tuple[str, ...] = DEMO) -> list[Path]:
    """The bundled invented exports, copied so the test may drop or read them freely."""
    copies = []
    for name in names:
        target = folder / name
        shutil.copyfile(paths.resource("demo") / name, target)
        copies.append(target)
    return copies


def _press_cancel(window):  # type: ignore[no-untyped-def]
    """Press the one running operation's Cancel button, as the user would; the operation."""
    (operation,) = window.ops.running
    cancel = next(b for b in operation.dialog.findChildren(QPushButton) if b.text() == "&Cancel")
    cancel.click()
    return operation


def _held(monkeypatch, module, name: str, after: bool = False):  # type: ignore[no-untyped-def]
    """Replace `module.name` with the real thing held on its worker thread: (reached,
    release). It waits before the call, or after it (`after`), until `release` is set."""
    reached, release = threading.Event(), threading.Event()
    real = getattr(module, name)

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = real(*args, **kwargs) if after else None
        reached.set()
        release.wait(120)  # the test always releases it; a long hold only under load
        return result if after else real(*args, **kwargs)

    monkeypatch.setattr(module, name, held)
    return reached, release


def _drop(page, urls: list[QUrl]) -> tuple[bool, bool]:  # type: ignore[no-untyped-def]
    """Drag `urls` over the page and drop them, as Explorer would; (enter, drop) accepted."""
    data = QMimeData()
    data.setUrls(urls)
    centre = page.rect().center()
    enter = QDragEnterEvent(
        QPoint(centre),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(page, enter)
    drop = QDropEvent(
        QPointF(centre),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(page, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_files_dropped_on_the_page_are_looked_at_and_listed(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path
) -> None:
    window.new_review()
    page = window.sources
    files = _demo_copies(tmp_path)
    entered, dropped = _drop(page, [QUrl.fromLocalFile(str(f)) for f in files])
    assert entered and dropped
    wait_idle(qtbot, window)
    kinds = {e.name: e.kind for e in page.model.entries}
    assert kinds == {
        "emis_maternal_search.csv": "search",
        "systmone_school_search.csv": "search",
        "cqrs_figures.csv": "cqrs",
    }
    assert all(e.waiting for e in page.model.entries)
    assert page.import_button.isEnabled()
    # the last file dropped is selected and previewed with its columns
    assert page.current_entry().name == "cqrs_figures.csv"
    page.view.selectRow(0)
    assert page.preview.model.rowCount() > 0
    assert "→" in page.preview.model.headerData(0, Qt.Orientation.Horizontal)
    # rows are numbered as in the file (the patient card says "row N" the same way)
    entry = page.current_entry()
    first_data_line = entry.preview.header_row + 1
    assert page.preview.model.headerData(0, Qt.Orientation.Vertical) == str(first_data_line)


def test_a_drop_of_no_local_file_is_refused(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.new_review()
    folder = tmp_path / "a folder"
    folder.mkdir()
    _entered, dropped = _drop(
        window.sources, [QUrl("https://example.org/search.csv"), QUrl.fromLocalFile(str(folder))]
    )
    assert not dropped
    assert not window.ops.busy
    assert window.sources.model.entries == []


def test_cancelling_a_long_import_stops_between_files_and_creates_nothing(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cqrs_desktop import session

    window.new_review()
    page = window.sources
    page.add_files(_demo_copies(tmp_path))
    wait_idle(qtbot, window)
    reading, carry_on = threading.Event(), threading.Event()
    read: list[str] = []
    real_read = session.read_search

    def slow_read(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        read.append(path.name)
        reading.set()
        carry_on.wait(120)  # a big file: still reading when the user presses Cancel
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr(session, "read_search", slow_read)
    problems_before = list(messages.last_problem)
    page.request_import()
    qtbot.waitUntil(reading.is_set, timeout=10000)
    operation = _press_cancel(window)
    qtbot.wait(50)  # progress already on its way must not undo "Stopping…"
    assert operation.dialog.labelText() == "Stopping…"
    carry_on.set()
    wait_idle(qtbot, window)
    assert read == ["emis_maternal_search.csv"], "the cancel is noticed before the next file"
    assert window.session is None
    assert not list(paths.reviews_dir().glob("*.cqrsreview")), "no review file was made"
    assert messages.last_problem == problems_before, "a cancel is not reported as a problem"
    assert [e.name for e in page.waiting] == list(DEMO), "the files wait to be imported again"


def test_files_in_the_review_show_their_first_rows_and_columns(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    window.show_page(0)
    page = window.sources
    names = [e.name for e in page.model.entries]
    page.view.selectRow(names.index("emis_maternal_search.csv"))
    preview = page.preview.model
    assert preview.rowCount() > 0
    headers = [
        preview.headerData(c, Qt.Orientation.Horizontal) for c in range(preview.columnCount())
    ]
    assert headers[0] == "Line"
    assert any("→ NHS number" in h for h in headers)
    column = next(c for c, h in enumerate(headers) if "→ NHS number" in h)
    assert preview.index(0, column).data().startswith("999 ")
    assert "In the review" in page.preview.note.text()
    page.view.selectRow(names.index("cqrs_figures.csv"))
    assert preview.rowCount() > 0
    assert "claimed counts" in page.preview.note.text()


def _select(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.view.selectRow([e.name for e in page.model.entries].index(name))


def test_the_months_a_search_covers_are_shown_and_can_be_stated(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from cqrs_desktop.store import ReviewFile

    window.open_demo()
    wait_idle(qtbot, window)
    window.show_page(0)
    page = window.sources
    _select(page, "emis_maternal_search.csv")
    span = page.span
    assert span.isVisible()
    assert (span.first.currentData(), span.last.currentData()) == ("2024-09", "2024-12")
    assert "Worked out from its vaccination dates" in span.note.text()
    assert "Pertussis Sep 2024 to Dec 2024" in span.note.text()
    assert page.programme_box.isVisible()
    # CQRS figures name their own programmes and months: neither is asked of them
    _select(page, "cqrs_figures.csv")
    assert not page.programme_box.isVisible() and not page.span.isVisible()
    _select(page, "emis_maternal_search.csv")
    assert page.programme_box.isVisible()

    # a span leaving out a month with vaccinations is refused, on the page
    span.first.setCurrentIndex(span.first.findData("2024-10"))
    assert "⚠ Not changed" in span.note.text() and "September 2024" in span.note.text()
    sources = {s.file: s for s in window.session.review.inputs.sources}
    assert sources["emis_maternal_search.csv"].span is None

    # a wider one is saved at once and changes what is covered
    span.first.setCurrentIndex(span.first.findData("2024-08"))
    wait_idle(qtbot, window)  # saved off the GUI thread
    sources = {s.file: s for s in window.session.review.inputs.sources}
    assert sources["emis_maternal_search.csv"].span == ("2024-08", "2024-12")
    assert window.session.review.coverage.covers("pertussis_pregnant", "2024-08")
    _select(page, "emis_maternal_search.csv")
    assert "You said this search covers Aug 2024 to Dec 2024" in page.span.note.text()
    path = window.session.path
    window.close_review()
    with ReviewFile.open(path) as store:
        saved = {s.file: s.span for s in store.load_inputs().sources}
    assert saved["emis_maternal_search.csv"] == ("2024-08", "2024-12")

    # and back to the file's own dates
    window.open_review(path)
    wait_idle(qtbot, window)
    window.show_page(0)
    _select(window.sources, "emis_maternal_search.csv")
    window.sources.span.reset_button.click()
    wait_idle(qtbot, window)
    sources = {s.file: s for s in window.session.review.inputs.sources}
    assert sources["emis_maternal_search.csv"].span is None
    assert not window.session.review.coverage.covers("pertussis_pregnant", "2024-08")


def test_a_file_waiting_to_be_imported_takes_its_months_along(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path
) -> None:
    window.new_review()
    page = window.sources
    page.add_files(_demo_copies(tmp_path))
    wait_idle(qtbot, window)
    _select(page, "systmone_school_search.csv")
    assert page.span.isVisible()
    assert "HPV Sep 2025 to Nov 2025" in page.span.note.text()
    page.span.last.setCurrentIndex(page.span.last.findData("2025-12"))
    asked: list[list] = []
    page.import_requested.connect(lambda searches, _cqrs: asked.append(searches))
    page.request_import()
    spans = {s.path.name: s.span for s in asked[0]}
    assert spans == {
        "emis_maternal_search.csv": None,
        "systmone_school_search.csv": ("2025-09", "2025-12"),
    }
    _select(page, "cqrs_figures.csv")
    assert not page.span.isVisible()  # CQRS figures cover nothing: they are the claims
    wait_idle(qtbot, window)
    sources = {s.file: s.span for s in window.session.review.inputs.sources}
    assert sources["systmone_school_search.csv"] == ("2025-09", "2025-12")


def test_a_cancel_that_comes_too_late_shows_what_was_done(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancel pressed while the new review file is being written (the last step: with
    200,000 events it takes seconds): the review was made, so it is opened, and the window
    says the Cancel came too late; nothing claims it was cancelled."""
    from cqrs_desktop import session

    window.new_review()
    page = window.sources
    page.add_files(_demo_copies(tmp_path))
    wait_idle(qtbot, window)
    saving, carry_on = _held(monkeypatch, session, "new_review")
    problems_before = list(messages.last_problem)
    page.request_import()
    qtbot.waitUntil(saving.is_set, timeout=20000)
    (saving_dialog,) = [op.dialog for op in window.ops.running]
    qtbot.waitUntil(lambda: saving_dialog.labelText() == "Saving the review file")
    _press_cancel(window)
    carry_on.set()
    wait_idle(qtbot, window)
    assert window.session is not None, "the review that was made is open"
    made = list(paths.reviews_dir().glob("*.cqrsreview"))
    assert [window.session.path] == made
    said = window.statusBar().currentMessage()
    assert said.startswith("Reading the files: it had already finished when Cancel was pressed")
    assert messages.last_problem == problems_before


def test_cancelling_while_files_are_looked_at_adds_none_of_them(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cqrs_desktop import sources

    window.new_review()
    page = window.sources
    looking, carry_on = _held(monkeypatch, sources, "inspect_file")
    page.add_files(_demo_copies(tmp_path))
    qtbot.waitUntil(looking.is_set, timeout=10000)
    _press_cancel(window)
    carry_on.set()
    wait_idle(qtbot, window)
    assert page.waiting == [], "a Cancel adds none of the files, not the first few"


def test_a_cancel_before_files_join_an_open_review_leaves_it_as_it_was(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files added to an open review are read first and joined to it after: a Cancel
    pressed once they are read, but before they join, still stops it."""
    from cqrs_desktop.ui import backend

    window.open_demo()
    wait_idle(qtbot, window)
    review_before = window.session.review
    sources_before = [s.file for s in review_before.inputs.sources]
    extra = tmp_path / "extra_search.csv"
    shutil.copyfile(paths.resource("demo") / DEMO[0], extra)
    page = window.sources
    page.add_files([extra])
    wait_idle(qtbot, window)
    # read, not yet joined: the user presses Cancel now
    read, carry_on = _held(monkeypatch, backend, "import_files", after=True)
    page.request_import()
    qtbot.waitUntil(read.is_set, timeout=20000)
    _press_cancel(window)
    carry_on.set()
    wait_idle(qtbot, window)
    assert [s.file for s in window.session.review.inputs.sources] == sources_before
    assert "Files added" not in window.statusBar().currentMessage()
    assert [e.name for e in page.waiting] == ["extra_search.csv"], "the file waits, as it was"


def test_a_long_file_name_wraps_and_never_widens_the_page(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A month's export named with no spaces: the selected file's heading wraps at its
    underscores, so the page stays within its window (no sideways cut)."""
    long = "emis_search_for_pertussis_in_pregnancy_september_to_december_2024_" * 2 + "v2.csv"
    (source,) = _demo_copies(tmp_path, ("emis_maternal_search.csv",))
    named = source.rename(tmp_path / long)
    window.resize(1093, 614)
    window.new_review()
    page = window.sources
    page.add_files([named])
    wait_idle(qtbot, window)
    page.view.selectRow(0)
    QApplication.processEvents()
    assert page.selected_name.text().replace("\u200b", "").startswith(long)
    scroll = page.page_scroll
    assert scroll.widget().width() <= scroll.viewport().width()


def test_two_different_files_of_one_name_are_refused_and_one_run_again_is_said(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path
) -> None:
    """Two exports both called search.csv, from two folders (EMIS and SystmOne name their
    files alike): the review tells files apart by name, so nothing is imported and the
    Files page says to rename one. Added to an open review, a file of a name it holds
    replaces that file, and the page says so before it is added."""
    emis, systmone = tmp_path / "emis", tmp_path / "systmone"
    emis.mkdir()
    systmone.mkdir()
    shutil.copyfile(paths.resource("demo") / DEMO[0], emis / "search.csv")
    shutil.copyfile(paths.resource("demo") / DEMO[1], systmone / "search.csv")
    window.new_review()
    page = window.sources
    page.add_files([emis / "search.csv", systmone / "search.csv"])
    wait_idle(qtbot, window)
    assert len(page.waiting) == 2
    page.request_import()
    wait_idle(qtbot, window)
    assert window.session is None
    assert (
        f"search.csv: two different files have this name (in {emis} and in {systmone}); the "
        "review tells its files apart by name: rename one of them, then add it again"
    ) in page.import_hint.text()
    assert len(page.waiting) == 2  # both wait, as they were

    window.open_demo()
    wait_idle(qtbot, window)
    sources = len(window.session.review.inputs.sources)
    again = tmp_path / DEMO[0].upper()  # as Windows sees it: the same name
    rerun = (paths.resource("demo") / DEMO[0]).read_bytes().rstrip(b"\r\n").rsplit(b"\n", 1)[0]
    again.write_bytes(rerun + b"\n")  # the search run again: a row fewer
    page.add_files([again])
    wait_idle(qtbot, window)
    assert page.import_hint.text() == (
        f"{DEMO[0].upper()} will replace the file of that name in the review (a file run "
        "again). Decisions already made are kept."
    )
    page.request_import()
    wait_idle(qtbot, window)
    files = [s.file for s in window.session.review.inputs.sources]
    assert len(files) == sources and DEMO[0].upper() in files and DEMO[0] not in files


def test_files_added_to_an_open_review_are_never_counted_twice(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path
) -> None:
    """Added to the open demo review: the CQRS figures run again replace their claims (not
    doubled); a copy of a search under another name is not added again, and said; CQRS
    figures named as a search in the review are refused before anything is read."""
    window.open_demo()
    wait_idle(qtbot, window)
    page = window.sources
    review = window.session.review
    claims, events = len(review.inputs.claims), len(review.events)

    (tmp_path / "again").mkdir()
    figures = tmp_path / "again" / DEMO[2]  # cqrs_figures.csv, run again
    shutil.copyfile(paths.resource("demo") / DEMO[2], figures)
    page.add_files([figures])
    wait_idle(qtbot, window)
    assert page.import_hint.text().startswith(f"{DEMO[2]} will replace the file of that name")
    page.request_import()
    wait_idle(qtbot, window)
    review = window.session.review
    assert (len(review.inputs.claims), len(review.events)) == (claims, events)

    copy = tmp_path / "copy_of_maternal.csv"
    shutil.copyfile(paths.resource("demo") / DEMO[0], copy)
    page.add_files([copy])
    wait_idle(qtbot, window)
    page.request_import()
    wait_idle(qtbot, window)
    review = window.session.review
    assert len(review.events) == events
    assert "copy_of_maternal.csv" not in {s.file for s in review.inputs.sources}
    assert window.statusBar().currentMessage() == (
        f"copy_of_maternal.csv has the same contents as {DEMO[0]}, already in the review: it "
        "was not added again"
    )
    assert page.waiting == []

    (tmp_path / "named").mkdir()
    misnamed = tmp_path / "named" / DEMO[1]  # CQRS figures called as the SystmOne search
    shutil.copyfile(paths.resource("demo") / DEMO[2], misnamed)
    page.add_files([misnamed])
    wait_idle(qtbot, window)
    said = (
        f"{DEMO[1]}: the review holds a patient search of this name, and this file is CQRS "
        "figures: it would replace it. Rename this file, then add it again."
    )
    assert page.import_hint.text() == said
    page.request_import()
    wait_idle(qtbot, window)
    assert page.import_hint.text() == f"⚠ Nothing was imported: {said}"
    assert len(window.session.review.events) == events
    assert [e.name for e in page.waiting] == [DEMO[1]]
