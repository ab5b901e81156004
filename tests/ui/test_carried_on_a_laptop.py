"""Month after month on a 1366x768 laptop at 125% (a window of 1093x614): a dose carried
from last month and not yet corrected in the clinical system leaves the event list ten
rows and the patient's card whole (decision 560), and what the carry did keeps to one line
of the status bar (decision 561). Invented people, NHS numbers in the 999 range."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from cqrs_desktop import paths, settings
from cqrs_desktop.ui.main_window import WALKTHROUGH

from . import carry_months as months
from .conftest import earlier_read, wait_idle

LAPTOP = (1093, 614)  # 1366x768 at 125%, as the layout test has it


def _this_month_from_a(qtbot, window, *files: Path) -> None:  # type: ignore[no-untyped-def]
    """Review A listed as the latest; this month's review started from it on the start
    page, as the user would, with `files` added and imported."""
    reviews = paths.reviews_dir()
    reviews.mkdir(parents=True, exist_ok=True)
    window.settings = window.settings.with_recent(months.review_a(reviews))
    settings.save(window.settings)
    window.close_review()  # the start page: its offers read again
    qtbot.waitUntil(window.start.month_button.isVisible, timeout=5000)
    qtbot.mouseClick(window.start.month_button, Qt.MouseButton.LeftButton)
    earlier_read(qtbot, window)
    window.sources.add_files(list(files))
    wait_idle(qtbot, window)
    qtbot.mouseClick(window.sources.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)


def _settled(qtbot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(30)


def _rows_in_sight(page) -> int:  # type: ignore[no-untyped-def]
    view = page.events.view
    return view.viewport().height() // view.verticalHeader().defaultSectionSize()


def _patient_whole(page) -> bool:  # type: ignore[no-untyped-def]
    patient = page.detail.patient
    area = page.detail.card_scroll.viewport()
    top = patient.mapTo(area, patient.rect().topLeft()).y()
    return top >= 0 and top + patient.height() <= area.height()


def test_a_dose_still_to_correct_leaves_the_list_ten_rows(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _this_month_from_a(qtbot, window, months.next_month_search(tmp_path))
    window.resize(*LAPTOP)
    window.show_page(WALKTHROUGH)
    page = window.walkthrough
    ids = {e.nhs_number: e.id for e in window.session.review.events}
    page.show_event(ids[months.NOT_YET[0]])
    _settled(qtbot)
    # the list keeps ten rows and the patient's card is whole beside it
    assert page.splitter.beside
    assert _rows_in_sight(page) >= 10
    assert _patient_whole(page)
    bar = page.bar
    # what to do now in a line: why first (the search still shows the practice's own dose)
    assert bar.follow_up.text() == (
        "<b>Not yet corrected in the clinical system. Now mark it as given elsewhere in "
        "EMIS Web, then press A.</b>"
    )
    assert bar.follow_up.property("warn") is True and not bar.evidence.isVisible()
    line = bar.follow_up.fontMetrics().lineSpacing()
    assert bar.follow_up.height() < 2 * line + 20  # one line in its box
    # ... the search's words and the steps in its tooltip, and heard whole
    tip = bar.follow_up.toolTip()
    assert tip.startswith("Not yet corrected in the clinical system: still the practice's own")
    assert "tick Non-GMS" in tip
    heard = bar.follow_up.accessibleName()
    assert heard.startswith("What to do now: Not yet corrected in the clinical system: still")
    assert "tick Non-GMS" in heard and "Not now? Press → to go on" in heard

    # More: the search's words and the steps, in the bar; kept for the next patient
    qtbot.mouseClick(bar.more_button, Qt.MouseButton.LeftButton)
    assert bar.more_button.text() == "Less"
    assert bar.evidence.isVisible()
    assert bar.evidence.text().startswith("Not yet corrected in the clinical system: still")
    assert "tick Non-GMS" in bar.follow_up.text() and "Not now?" in bar.follow_up.text()
    page.show_event(ids[months.NOT_YET[1]])
    _settled(qtbot)
    assert bar.more_button.isChecked() and "tick Non-GMS" in bar.follow_up.text()
    qtbot.mouseClick(bar.more_button, Qt.MouseButton.LeftButton)
    assert bar.more_button.text() == "More" and "tick Non-GMS" not in bar.follow_up.text()

    # keyboard first: Tab goes from Next to More to the decision buttons; A still ticks
    bar.next_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(bar.next_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is bar.more_button
    qtbot.keyClick(bar.more_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is bar.buttons[next(iter(bar.buttons))]
    page.focus_card()
    event_id = window.session.walk.current.id
    qtbot.keyClick(page.patient, Qt.Key.Key_A)
    assert window.session.review.decision(event_id).action_done is True


def test_what_a_carry_did_keeps_to_one_line_of_the_status_bar(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path
) -> None:
    """Some of A's decisions not carried (two of its doses gone from the search) and
    notices about the files (a row with no date, CQRS rows of other services): the status
    bar said it all on two lines for 15 seconds, pushing the page up."""
    search = tmp_path / "october_search.csv"
    rows = months.SEPTEMBER[2:] + months.OCTOBER
    search.write_text(
        months.search_text(rows)
        + f"9990005001,Zed,Amy,01/01/1990,F,not a date,{months.CODE},{months.ODS},\n",
        encoding="utf-8",
    )
    cqrs = tmp_path / "cqrs_figures.csv"
    cqrs.write_text(
        "Programme,Month,Count\nPertussis (pregnant women),Sep 2024,6\n"
        "RSV older adults,Sep 2024,3\nShingles,Oct 2024,4\n",
        encoding="utf-8",
    )
    window.resize(*LAPTOP)
    _this_month_from_a(qtbot, window, search, cqrs)
    _settled(qtbot)
    bar = window.statusBar()
    said = bar.currentMessage()
    assert said.startswith("4 decisions carried from earlier reviews")
    (label,) = [w for w in bar.findChildren(QLabel) if w.accessibleName() == said]
    line = label.fontMetrics().lineSpacing()
    assert label.height() < 2 * line and bar.height() < 2 * line + 12  # one line
    # ... in fewer words, whole in the tooltip where it still gives way
    assert said == (
        "4 decisions carried from earlier reviews, and what was not: see the Overview and "
        "Files (3 notices about the files)"
    )
    assert label.toolTip() == said
