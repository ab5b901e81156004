"""The small things a new administrator trips over: where files are offered, the demo in
Recent reviews, a button that cannot be used, a window saved on another screen, the demo's
reviewer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton

from cqrs_desktop import paths
from cqrs_desktop.domain.model import Decision
from cqrs_desktop.ui import backend, window_state
from cqrs_desktop.ui.main_window import RESULTS

from .conftest import wait_idle


def _demo(qtbot, window):  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    return window.session


def test_the_demo_offers_to_save_in_documents_not_the_hidden_data_folder(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    session = _demo(qtbot, window)
    assert backend.is_demo(session.path)
    assert paths.data_dir() in session.path.parents  # the demo review itself stays hidden
    window.show_page(RESULTS)
    for suffix in (".eml", ".xlsx"):
        offered = window.results._output(suffix)
        assert offered.parent == paths.reviews_dir()
        assert paths.data_dir() not in offered.parents
    dialog = window.print_or_save("report")
    assert dialog is not None and dialog.default_name is not None
    assert dialog.default_name("report").parent == paths.reviews_dir()
    dialog.reject()


def test_a_real_review_offers_its_own_folder(tmp_path: Path) -> None:
    review = tmp_path / "Y99001 CQRS check.cqrsreview"
    assert backend.output_folder(review) == tmp_path


def test_the_demo_is_in_recent_reviews_once(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    first = _demo(qtbot, window).path
    window.close_review()
    second = _demo(qtbot, window).path
    assert first != second
    demos = [p for p in window.settings.recent_reviews if backend.is_demo(Path(p))]
    assert demos == [str(second)]


def test_the_demo_decides_under_its_own_reviewer(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    session = _demo(qtbot, window)
    assert session.reviewer == "Alex Morgan (demo)"
    first = session.walk.current.id
    window.walkthrough.decide(Decision.UNSURE)
    assert session.review.decision(first).reviewer == "Alex Morgan (demo)"
    assert session.review.practice.reviewer == "Alex Morgan (demo)"


def test_an_import_button_that_cannot_be_used_does_not_look_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.new_review()
    button = window.sources.import_button
    assert button.text() == "Import and start checking" and not button.isEnabled()
    image = button.grab().toImage()
    middle = QColor(image.pixel(image.width() // 5, image.height() // 2))
    assert middle.name() != "#1a5fb4", "a disabled primary button is drawn in the app's blue"
    assert middle.saturation() < 40


def test_a_place_saved_on_another_screen_is_not_used(qtbot, practice_settings) -> None:  # type: ignore[no-untyped-def]
    from cqrs_desktop.ui.main_window import MainWindow

    screen = QGuiApplication.primaryScreen().availableGeometry()
    first = MainWindow()
    qtbot.addWidget(first)
    first.setGeometry(screen.right() + 400, 100, 700, 500)  # the desk's second monitor
    window_state.remember(first)
    again = MainWindow()
    qtbot.addWidget(again)
    placed = again.geometry()
    assert again.isMaximized() or screen.contains(placed), placed
    # a place this screen can show is kept
    inside = QRect(screen.x() + 10, screen.y() + 10, screen.width() - 40, screen.height() - 40)
    again.setGeometry(inside)
    window_state.remember(again)
    third = MainWindow()
    qtbot.addWidget(third)
    assert not third.isMaximized()
    assert third.geometry().size() == inside.size() and screen.contains(third.geometry())


def test_the_results_page_lists_the_claims_with_no_declaration_note_yet(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Unfinished months claimed at 5 or more have no note yet: the page lists them with
    why, as the report does (SPEC 5), rather than saying no note is needed."""
    from cqrs_desktop.reports.declaration import notes_to_come
    from cqrs_desktop.reports.summary import build_summary

    session = _demo(qtbot, window)
    window.show_page(RESULTS)
    results = window.results
    waiting = results.notes_waiting
    assert waiting is not None
    qtbot.waitUntil(lambda: waiting.isVisibleTo(results), timeout=2000)  # shown once laid out
    to_come = notes_to_come(build_summary(session.review))
    assert to_come  # the demo is unfinished: claims of 5 or more still being checked
    text = waiting.text()
    for heading, why in to_come:
        assert f"<b>{heading}</b>: {why}" in text
    assert "Pertussis (pregnant women) September 2024</b>: No note yet: " in text
    shown = " ".join(label.text() for label in results.findChildren(QLabel))
    assert "No declaration note is needed" not in shown


def test_the_status_bar_counts_every_warning_the_files_page_lists(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The demo's files have three warnings (one in the EMIS search, two in the CQRS
    figures): the status bar names the first and counts the other two, as Files lists."""
    session = _demo(qtbot, window)
    warnings = [w for s in session.review.inputs.sources for w in s.warnings]
    assert len(warnings) == 3
    said = window.statusBar().currentMessage()
    assert said.endswith(" (and 2 more: see Files)"), said


def test_tab_reaches_the_declaration_notes_between_the_email_and_the_exports(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The notes' Copy buttons are made when the notes are: Tab reached them last, after
    the exports below them and the side list. Now after the email's buttons, before the
    exports, as they are laid out."""
    from cqrs_desktop.domain.model import DecisionRecord

    session = _demo(qtbot, window)
    for e in session.review.events:  # every one decided (in memory only): the notes
        if e.needs_review and session.review.decision(e.id) is None:
            session.review.apply(e.id, DecisionRecord(e.id, Decision.PRACTICE))
    window.show_page(RESULTS)
    results = window.results
    results.rebuild()
    qtbot.wait(50)  # (the notes of an earlier build deleted)
    copies = [b for b in results.notes_box.findChildren(QPushButton) if b.text() == "Copy"]
    assert copies
    chain, at = [results.open_mail], results.open_mail
    while len(chain) < len(copies) + 2:
        at = at.nextInFocusChain()
        if at.focusPolicy() & Qt.FocusPolicy.TabFocus:  # the stops Tab makes
            chain.append(at)
    said = [(b.text(), b.accessibleName()) for b in chain[1:]]
    assert said == [(b.text(), b.accessibleName()) for b in [*copies, results.save_xlsx]]
    assert chain[1:] == [*copies, results.save_xlsx]


def test_the_subject_shows_its_start_when_longer_than_its_box(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _demo(qtbot, window)
    window.show_page(RESULTS)
    subject = window.results.subject
    assert subject.text().startswith("CQRS vaccination claims review")
    assert subject.cursorPosition() == 0  # (at the end, a narrow box showed only the end)
