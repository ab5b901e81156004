"""Every page fits the screens practices have: 1366x768 at 125% (about 1093x614 for the
window), 1920x1080 at 150% (1280x688), 1280x720 at 100%, and 1024x600, at scale factors
1.0, 1.25 and 1.5. Fails if a control the user needs lies outside the window or its scroll
area, or the text of a button, tick box, label, heading, text box or drop-down is cut, or
a label stands away from the box it names, or a dialog has bands of empty space (decision
430).

Qt fixes the scale factor when it starts, so each factor runs `layout_probe` in its own
process: one window, resized through the sizes (about 12 seconds each)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]


def probe(home: Path, scale: str, sizes: str, **env: str) -> dict[str, Any]:
    """What `layout_probe` found, run in its own process at the scale factor `scale` (at
    `sizes`, else all), with `env` set too: {"shown": [...], "problems": [...],
    "check_events": {size: {...}}}."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.layout_probe", *(["--sizes", sizes] if sizes else [])],
        cwd=REPO,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "QT_SCALE_FACTOR": scale,
            "CQRS_DESKTOP_HOME": str(home),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


@pytest.mark.parametrize(
    ("scale", "sizes"),
    [
        ("1.0", ""),
        ("1.25", ""),
        ("1.5", ""),
        # A maximised window on 1920x1080 at 150%: that size first, as the window opens
        # (the Files page's preview was cut off, not scrolled to, when shown first so).
        ("1.5", "1280x688"),
    ],
)
def test_every_page_fits_and_nothing_is_cut(scale: str, sizes: str, tmp_path: Path) -> None:
    found = probe(tmp_path, scale, sizes)
    assert len(found["shown"]) >= (15 if sizes else 40), found["shown"]
    assert found["problems"] == []
    # at the usual text size Check events looks as it always has: the card beside the list
    for size, shown in found["check_events"].items():
        assert shown == {
            "beside": True,
            "rows": shown["rows"],
            "patient_whole": True,
            "nhs_one_line": True,
            "decisions_hidden": [],
        }, size
        assert shown["rows"] >= 5, size
    # a decision carried from last month, not yet corrected: the bar at its tallest leaves
    # the list ten rows on the laptop at 125% and at 1920x1080 at 150% (decision 560)
    for size, shown in found["carried"].items():
        assert shown["beside"] and shown["patient_whole"] and not shown["decisions_hidden"], size
        if scale != "1.0" and size in ("1093x614", "1280x688"):
            assert shown["rows"] >= 10, (size, shown)


def test_at_150_percent_text_on_a_laptop_nothing_needs_a_sideways_scroll(tmp_path: Path) -> None:
    """1366x768 at 125% with Windows' text at 150%: Check events, Overview and Results
    scroll up and down only. The card goes under the list (at least five rows of it showing,
    and the patient's card whole), and the columns the line under a table says join it only
    when there is room ("Check this month's events" was off to the side)."""
    found = probe(tmp_path, "1.25", "1093x614", CQRS_TEXT_SCALE="150")
    sideways = [
        p
        for p in found["problems"]
        if "sideways" in p
        and p.split(":")[0].split(" ", 1)[1]
        in ("overview", "check-events", "results", "results one unsure")
    ]
    assert sideways == []
    shown = found["check_events"]["1093x614"]
    assert shown["beside"] is False
    assert shown["rows"] >= 5, shown
    assert shown["patient_whole"], shown


@pytest.mark.parametrize(("scale", "size"), [("1.25", "1093x614"), ("1.5", "1280x688")])
def test_at_150_percent_text_the_decision_buttons_stay_in_sight(
    scale: str, size: str, tmp_path: Path
) -> None:
    """With an event shown, P O N X U are whole in the window without scrolling, no
    scroll area scrolls up and down inside another (the cards had their own inside the
    page's, two bars), and no button on any page is drawn smaller than its text needs
    (Print… was 32 pixels high for 36), nor a label cut (the "Given here?" question's
    evidence): 1366x768 at 125% and 1920x1080 at 150%, with Windows' text at 150%."""
    found = probe(tmp_path, scale, size, CQRS_TEXT_SCALE="150")
    assert found["check_events"][size]["decisions_hidden"] == []
    nested = [p for p in found["problems"] if "scrolls up and down inside" in p]
    assert nested == []
    cut = [p for p in found["problems"] if "is cut:" in p or "is cut below" in p]
    assert cut == []  # no button, tick box or label's text (tables: see decision 341)


def test_the_check_finds_what_is_cut(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The check itself: a squeezed button, a drop-down too narrow for its choices and a
    control pushed out of its window are all reported."""
    from PySide6.QtWidgets import QComboBox, QPushButton, QWidget

    from .layout_check import check_window

    top = QWidget()
    qtbot.addWidget(top)
    top.resize(300, 200)
    squeezed = QPushButton("Save the audit workbook (.xlsx)…", top)
    squeezed.setGeometry(10, 10, 60, 30)
    box = QComboBox(top)
    box.addItems(["Any reason", "Earlier in pregnancy than the programme allows"])
    box.setCurrentIndex(1)
    box.setGeometry(10, 50, 120, 30)
    outside = QPushButton("Next", top)
    outside.setGeometry(280, 150, 80, 30)
    top.show()
    qtbot.waitExposed(top)
    problems = "\n".join(check_window(top))
    assert "Save the audit workbook" in problems and "is cut" in problems
    assert "cuts its choice" in problems and "opens too narrow" in problems
    assert "[Next] lies outside the window" in problems


def test_the_check_finds_what_a_scroll_area_hides_with_its_bar_off(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The check itself: an area whose scroll bar is turned off yet holds more than it
    shows hides the rest with no bar to reach it (decision 363); shown whole, nothing."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

    from .layout_check import check_window

    top = QWidget()
    qtbot.addWidget(top)
    top.resize(300, 300)
    area = QScrollArea(top)
    area.setWidgetResizable(True)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    tall = QLabel("The card")
    tall.setMinimumHeight(200)
    area.setWidget(tall)
    QVBoxLayout(top).addWidget(area)
    area.setFixedHeight(120)
    top.show()
    qtbot.waitExposed(top)
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    assert any("hides" in p and "its scroll bar turned off" in p for p in check_window(top))
    area.setFixedHeight(200 + 2 * area.frameWidth())
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() == 0)
    assert not [p for p in check_window(top) if "hides" in p]
