"""The message boxes and small dialogs a practice meets, each opened by driving the real
window into its situation, audited (`box_audit.py`) and closed by the keyboard alone: Esc,
then (opened again) Enter, each leaving the practice where the safe choice does. Closing
with files not imported, and with a note the full disk refuses; a review another window
holds, a file that is not a review (its long name wrapped whole), an earlier review that
cannot be read, a review file added to an open review, a copy that cannot be written, work
that fails (with its details for IT), About, "Given here?"; and Practice details, Fix
columns, Print or save, Keyboard shortcuts and Help (decisions 570-572). Invented people,
NHS numbers in the 999 range."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog
from shiboken6 import Shiboken

from cqrs_desktop.domain.model import Decision
from cqrs_desktop.paths import resource
from cqrs_desktop.store import ReviewFile
from cqrs_desktop.ui import messages
from cqrs_desktop.ui.main_window import SOURCES, WALKTHROUGH

from .box_audit import box_findings, buttons_shown, loses_something
from .conftest import new_review_with, wait_idle
from .keyboard_audit import describe
from .test_save_failures import _review

ESC, ENTER = Qt.Key.Key_Escape, Qt.Key.Key_Return
After = Callable[[], None]  # what the safe choice leaves, checked once the box is closed


def _box_over(qtbot, window) -> QDialog:  # type: ignore[no-untyped-def]
    """The box in front of the window, once it is shown and active (not the progress of
    the work that led to it)."""

    def shown() -> list[QDialog]:
        return [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog)
            and Shiboken.isValid(w)
            and not isinstance(w, QProgressDialog)
            and w.isVisible()
            and w is not window
        ]

    def in_front() -> bool:
        found = shown()
        if len(found) != 1:
            return False
        if QApplication.activeWindow() is not found[0]:
            found[0].activateWindow()
            return False
        return found[0].focusWidget() is not None

    qtbot.waitUntil(in_front, timeout=20000)
    return shown()[0]


def _gone(box: QDialog) -> bool:
    """Closed (a box deleted on closing, too)."""
    return not Shiboken.isValid(box) or not box.isVisible()


def close_with_files_waiting(qtbot, window, tmp_path: Path, samples: Path) -> After:  # type: ignore[no-untyped-def]
    new_review_with(qtbot, window, samples / "emis_pertussis_search.csv", imported=False)
    assert not window.close()

    def after() -> None:  # Esc or Enter: back to the Files page, the file still waiting
        assert window.isVisible()
        assert window.nav.currentRow() == SOURCES
        assert [e.name for e in window.sources.waiting] == ["emis_pertussis_search.csv"]

    return after


def review_open_elsewhere(qtbot, window, tmp_path: Path, samples: Path, rules) -> After:  # type: ignore[no-untyped-def]
    path = tmp_path / "September check.cqrsreview"
    text = resource("rules.toml").read_text(encoding="utf-8")
    ReviewFile.create(path, _review(rules), text).close()
    held = ReviewFile.open(path)  # another window has it open
    window.open_review(path)

    def after() -> None:
        held.close()
        assert window.session is None

    return after


def not_a_review(qtbot, window, tmp_path: Path, samples: Path) -> After:  # type: ignore[no-untyped-def]
    # a long name with no space to wrap at, as practices name files: still read whole
    path = tmp_path / (
        "Riverside_Medical_Centre_CQRS_check_October_2024_to_December_2024_second_look_"
        "by_the_practice_manager.cqrsreview"
    )
    path.write_bytes(b"not a review at all\n" * 40)
    window.open_review(path)
    return lambda: None if window.session is None else pytest.fail("a review was opened")


def earlier_review_unreadable(qtbot, window, tmp_path: Path, samples: Path) -> After:  # type: ignore[no-untyped-def]
    path = tmp_path / "August check.cqrsreview"
    path.write_bytes(b"not a review at all\n" * 40)
    window.new_review()
    wait_idle(qtbot, window)
    window.sources.add_files([path])
    return lambda: None


def review_added_to_an_open_review(qtbot, window, tmp_path: Path, samples: Path) -> After:  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    window.show_page(SOURCES)
    window.sources.add_files([tmp_path / "August check.cqrsreview"])
    return lambda: None


def copy_not_written(qtbot, window, tmp_path: Path, samples: Path) -> After:  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    in_the_way = tmp_path / "a file, not a folder"
    in_the_way.write_text("", encoding="utf-8")
    window.save_copy(in_the_way / "copy.cqrsreview")
    return lambda: None


def work_that_fails(qtbot, window, tmp_path: Path, samples: Path) -> After:  # type: ignore[no-untyped-def]
    """Work on a worker thread that fails: its message, and the details for IT folded away."""

    def work(progress, cancelled) -> None:  # type: ignore[no-untyped-def]
        raise RuntimeError("the drive went away")

    window.ops.run(window, "Adding files", work, lambda _result: None)
    return lambda: None


def about(qtbot, window, tmp_path: Path, samples: Path) -> After:  # type: ignore[no-untyped-def]
    (action,) = [a for a in window.menuBar().actions() if a.text() == "&Help"]
    (item,) = [a for a in action.menu().actions() if a.text() == "&About"]
    item.trigger()
    return lambda: None


def given_here(qtbot, window, tmp_path: Path, samples: Path) -> After:  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    window.show_page(WALKTHROUGH)
    page = window.walkthrough
    review = window.session.review
    flagged = next(
        e
        for e in review.events
        if e.needs_review and {"non_gms", "other_organisation"} & set(e.flags)
    )
    page.show_event(flagged.id)
    page.decide(Decision.PRACTICE)

    def after() -> None:  # Esc: nothing recorded; Enter: the answer the box was opened for
        record = review.decision(flagged.id)
        assert record is None or record.decision == Decision.PRACTICE

    return after


SITUATIONS = [
    close_with_files_waiting,
    review_open_elsewhere,
    not_a_review,
    earlier_review_unreadable,
    review_added_to_an_open_review,
    copy_not_written,
    work_that_fails,
    about,
    given_here,
]


@pytest.mark.parametrize("key", [ESC, ENTER], ids=["Esc", "Enter"])
@pytest.mark.parametrize("situation", SITUATIONS, ids=[s.__name__ for s in SITUATIONS])
def test_box(qtbot, window, tmp_path: Path, samples: Path, rules, situation, key) -> None:  # type: ignore[no-untyped-def]
    messages.last_problem.clear()
    arguments = (qtbot, window, tmp_path, samples)
    after = situation(*arguments, *([rules] if situation is review_open_elsewhere else []))
    box = _box_over(qtbot, window)
    findings = box_findings(box)
    assert findings == [], f"{describe(box)}:\n" + "\n".join(findings)
    (enter,) = [b for b in buttons_shown(box) if b.isDefault()]
    pressed: list[object] = []
    if isinstance(box, QMessageBox):  # the button the key presses: one that loses nothing
        escape = box.escapeButton() or enter  # (Qt's own choice, for a box of one button)
        expected = enter if key == ENTER else escape
        assert not loses_something(expected, box)
        box.buttonClicked.connect(pressed.append)
    qtbot.keyClick(QApplication.focusWidget(), key)
    qtbot.waitUntil(lambda: _gone(box), timeout=5000)
    if isinstance(box, QMessageBox):
        assert pressed == [expected]
    after()


def _alt(qtbot, box: QDialog, letter: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(box.focusWidget(), letter, Qt.KeyboardModifier.AltModifier)


def test_the_details_for_it_support_open_and_close_by_alt_d(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, samples: Path
) -> None:
    """Qt's "Show Details..." had no Alt letter, and took its name back at each press."""
    work_that_fails(qtbot, window, tmp_path, samples)
    box = _box_over(qtbot, window)
    assert isinstance(box, QMessageBox)
    (details,) = [b for b in buttons_shown(box) if "Details" in b.text()]
    assert details.text() == "Show &Details…"
    assert "Show Details (Alt+D)" in box.informativeText()
    _alt(qtbot, box, "d")
    qtbot.waitUntil(lambda: details.text() == "Hide &Details…", timeout=3000)
    assert "RuntimeError" in box.detailedText()
    assert box.isVisible()
    assert box_findings(box) == []  # shown whole, the letters still each once
    _alt(qtbot, box, "d")
    qtbot.waitUntil(lambda: details.text() == "Show &Details…", timeout=3000)
    qtbot.keyClick(box.focusWidget(), ESC)
    qtbot.waitUntil(lambda: _gone(box), timeout=3000)


def test_alt_g_goes_back_to_the_files_waiting(qtbot, window, tmp_path: Path, samples: Path) -> None:  # type: ignore[no-untyped-def]
    after = close_with_files_waiting(qtbot, window, tmp_path, samples)
    box = _box_over(qtbot, window)
    _alt(qtbot, box, "g")
    qtbot.waitUntil(lambda: _gone(box), timeout=3000)
    after()


def test_alt_b_goes_back_from_given_here_and_alt_y_answers_it(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, samples: Path
) -> None:
    given_here(qtbot, window, tmp_path, samples)
    page, review = window.walkthrough, window.session.review
    event = window.session.walk.current  # the one "Given here?" asks about
    box = _box_over(qtbot, window)
    _alt(qtbot, box, "b")
    qtbot.waitUntil(lambda: _gone(box), timeout=3000)
    assert review.decision(event.id) is None
    page.decide(Decision.PRACTICE)
    box = _box_over(qtbot, window)
    _alt(qtbot, box, "y")
    qtbot.waitUntil(lambda: review.decision(event.id) is not None, timeout=3000)
    assert review.decision(event.id).decision == Decision.PRACTICE


def test_only_a_long_run_without_spaces_is_given_places_to_wrap() -> None:
    name = "Riverside_Medical_Centre_CQRS_check_October_2024.cqrsreview"
    said = f"{name}: this is not a CQRS Desktop review file (2024-12-01.cqrsreview)"
    shown = messages.breakable(said)
    assert shown.replace(messages.BREAK, "") == said  # nothing else changed
    assert shown.endswith("this is not a CQRS Desktop review file (2024-12-01.cqrsreview)")
    runs = shown.replace(messages.BREAK, " ").split()
    assert max(len(run) for run in runs) <= messages.LONGEST_UNBROKEN
    assert messages.breakable("x" * 70).count(messages.BREAK) == 2  # no punctuation: by 30s


def practice_details(qtbot, window, samples: Path, rules) -> After:  # type: ignore[no-untyped-def]
    before = window.settings
    window.edit_practice()
    return lambda: None if window.settings == before else pytest.fail("the details changed")


def fix_columns(qtbot, window, samples: Path, rules) -> After:  # type: ignore[no-untyped-def]
    from cqrs_desktop.sources.preview import inspect_file
    from cqrs_desktop.ui.mapping_dialog import MappingDialog

    MappingDialog(window, inspect_file(samples / "emis_pertussis_search.csv", rules)).open()
    return lambda: None


def print_or_save(qtbot, window, samples: Path, rules) -> After:  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    window.print_or_save()
    return lambda: None


def keyboard_shortcuts(qtbot, window, samples: Path, rules) -> After:  # type: ignore[no-untyped-def]
    window.show_cheat_sheet()
    return lambda: None


def help_window(qtbot, window, samples: Path, rules) -> After:  # type: ignore[no-untyped-def]
    window.show_help()
    return lambda: None


DIALOGS = [practice_details, fix_columns, print_or_save, keyboard_shortcuts, help_window]
# Enter too, but in Print or save: its Save as PDF… opens the system's box to choose a file
KEYS = [(d, ESC) for d in DIALOGS] + [(d, ENTER) for d in DIALOGS if d is not print_or_save]


@pytest.mark.parametrize(
    ("dialog", "key"), KEYS, ids=[f"{d.__name__}-{'Esc' if k == ESC else 'Enter'}" for d, k in KEYS]
)
def test_dialog(qtbot, window, samples: Path, rules, dialog, key) -> None:  # type: ignore[no-untyped-def]
    """The less common dialogs, as the window opens them: each button by its own Alt letter
    (Save, Cancel and Close had none), Esc closes with nothing changed."""
    after = dialog(qtbot, window, samples, rules)
    box = _box_over(qtbot, window)
    findings = box_findings(box)
    assert findings == [], f"{describe(box)}:\n" + "\n".join(findings)
    qtbot.keyClick(QApplication.focusWidget(), key)
    qtbot.waitUntil(lambda: _gone(box), timeout=5000)
    after()


def test_a_note_not_saved_on_closing(qtbot, window, rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Closing with a note the full disk refuses: the box says so, Esc and Enter leave the
    window open with the note in its box (test_note_on_close.py has the rest)."""
    from tests.support.disks import fill, small_disk

    with small_disk(tmp_path / "disk", 1024) as disk:
        path = disk / "review.cqrsreview"
        text = resource("rules.toml").read_text(encoding="utf-8")
        ReviewFile.create(path, _review(rules), text).close()
        window.open_review(path)
        wait_idle(qtbot, window)
        window.show_page(WALKTHROUGH)
        page = window.walkthrough
        page.note.setFocus()
        fill(disk)
        for key in (ESC, ENTER):
            qtbot.keyClicks(page.note, " seen at the antenatal clinic")
            assert window.close() is False
            box = _box_over(qtbot, window)
            assert box.windowTitle() == "The note was not saved"
            findings = box_findings(box)
            assert findings == [], "\n".join(findings)
            qtbot.keyClick(QApplication.focusWidget(), key)
            qtbot.waitUntil(lambda: _gone(box), timeout=5000)  # noqa: B023
            assert window.isVisible()
            assert "antenatal clinic" in page.note.toPlainText()
        (disk / "filler.bin").unlink()
        window.set_session(None)


def test_the_progress_box(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """A long piece of work's box: Cancel by Alt+C (it had no letter) as by Esc, which stops
    the work and says so."""
    import threading

    release = threading.Event()

    def work(progress, cancelled) -> None:  # type: ignore[no-untyped-def]
        progress(1, 3, "Reading october_search.csv (1 of 3)")
        release.wait(10)

    operation = window.ops.run(window, "Adding files", work, lambda _result: None)
    try:
        box = operation.dialog
        qtbot.waitUntil(box.isVisible, timeout=5000)
        box.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is box, timeout=5000)
        assert box_findings(box) == []
        _alt(qtbot, box, "c")
        qtbot.waitUntil(lambda: box.labelText() == "Stopping…", timeout=3000)
    finally:
        release.set()
        wait_idle(qtbot, window)
