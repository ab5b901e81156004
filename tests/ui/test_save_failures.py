"""A change the review file does not take is said in the window, at once, and nothing
claims "saved": a full disk under a real review, keys pressed as a reviewer would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cqrs_desktop.domain.model import Claim, SourceSummary
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.paths import resource
from cqrs_desktop.store import ReviewFile
from cqrs_desktop.ui import messages
from cqrs_desktop.ui.main_window import WALKTHROUGH
from tests.factories import NHS, PRACTICE, row
from tests.support.disks import fill, small_disk

from .conftest import wait_idle


def _review(rules) -> Review:  # type: ignore[no-untyped-def]
    rows = [row(row=2 + i, nhs_number=NHS[i], date=dt.date(2024, 9, 2 + i)) for i in range(4)]
    source = SourceSummary("search.csv", "a" * 64, 4, 4, 0, 0)
    claim = Claim("pertussis_pregnant", "2024-09", 4)
    return Review(ReviewInputs(PRACTICE, (source,), tuple(rows), (), (claim,)), rules)


def test_a_key_the_full_disk_refuses_is_said_and_not_called_saved(
    qtbot,  # type: ignore[no-untyped-def]
    window,
    rules,
    tmp_path: Path,
) -> None:
    with small_disk(tmp_path / "disk", 1024) as disk:
        path = disk / "review.cqrsreview"
        text = resource("rules.toml").read_text(encoding="utf-8")
        ReviewFile.create(path, _review(rules), text).close()
        window.open_review(path)
        wait_idle(qtbot, window)
        window.show_page(WALKTHROUGH)
        page = window.walkthrough
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        page.focus_card()
        session = window.session
        first = session.walk.current
        messages.last_problem.clear()
        fill(disk)

        qtbot.keyClick(page.patient, Qt.Key.Key_P)
        qtbot.waitUntil(lambda: bool(messages.last_problem))
        box = messages.last_problem[0]
        assert "review.cqrsreview" in box.text() and "the disk is full" in box.text()
        assert session.review.decision(first.id) is None  # not recorded in memory either
        assert session.walk.current is first  # and the card did not move on
        assert "NOT SAVED" in window.windowTitle()
        assert window.saved_label.text().startswith("Not saved")
        assert not window.statusBar().currentMessage().startswith("Saved")
        box.close()

        (disk / "filler.bin").unlink()  # room again: the same key is saved, and says so
        page.focus_card()
        qtbot.keyClick(page.patient, Qt.Key.Key_P)
        assert session.review.decision(first.id) is not None
        assert "NOT SAVED" not in window.windowTitle()
        assert window.saved_label.text().startswith("All changes saved")
        window.set_session(None)


def test_a_line_break_pasted_into_the_practice_details_is_a_space(qtbot) -> None:  # type: ignore[no-untyped-def]
    from cqrs_desktop import settings
    from cqrs_desktop.ui.dialogs import PracticeDialog

    dialog = PracticeDialog(None, settings.Settings())
    qtbot.addWidget(dialog)
    dialog.fields["practice_name"].setText("Riverside\nMedical\x0bCentre")  # type: ignore[union-attr]
    dialog.fields["ods_code"].setText(" f99001\t")  # type: ignore[union-attr]
    chosen = dialog.result_settings()
    assert chosen.practice_name == "Riverside Medical Centre"
    assert chosen.ods_code == "F99001"


def test_a_practice_code_that_is_not_an_ods_code_is_said_and_not_saved(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A mistyped code would flag every vaccination as another organisation's."""
    from PySide6.QtWidgets import QDialogButtonBox

    from cqrs_desktop import settings
    from cqrs_desktop.ui.dialogs import PracticeDialog

    dialog = PracticeDialog(None, settings.Settings(practice_name="Riverside", reviewer="J. R"))
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    dialog.fields["ods_code"].setText("hello")  # type: ignore[union-attr]
    assert not save.isEnabled()
    assert dialog.ods_problem.text().startswith("'HELLO' is not a practice ODS code")
    assert not dialog.ods_problem.isHidden()
    dialog.fields["ods_code"].setText("f84001")  # type: ignore[union-attr]
    assert save.isEnabled() and dialog.ods_problem.isHidden()
