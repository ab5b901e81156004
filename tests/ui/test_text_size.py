"""Windows' "Make text bigger" (Settings > Accessibility > Text size) and a bigger system
font make the app's text bigger, every size in proportion; at the default nothing changes."""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from cqrs_desktop import paths
from cqrs_desktop.ui import look


def sizes(qss: str) -> dict[str, float]:
    """The font size of each rule that sets one, by its selector."""
    found = {}
    bare = re.sub(r"/\*.*?\*/", "", qss, flags=re.S)
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", bare):
        size = re.search(r"font-size:\s*([\d.]+)pt", body)
        if size:
            found[" ".join(selector.split())] = float(size.group(1))
    return found


def test_the_stylesheet_is_as_today_at_the_default_and_in_proportion_at_150() -> None:
    qss = paths.resource("style.qss").read_text(encoding="utf-8")
    assert look.scaled_stylesheet(qss, 1.0) == qss
    at_100 = sizes(qss)
    assert at_100["QWidget"] == 10.0
    assert at_100["QLabel#pageTitle"] == 16.0 and at_100["QLabel#nhsNumber"] == 15.0
    at_150 = sizes(look.scaled_stylesheet(qss, 1.5))
    assert at_150 == {selector: size * 1.5 for selector, size in at_100.items()}
    assert at_150["QWidget"] == 15.0 and at_150["QLabel#pageTitle"] == 24.0
    assert sizes(look.scaled_stylesheet(qss, 1.25))["QLabel#sectionTitle"] == 13.8


def test_the_scale_is_the_larger_reading_never_the_two_multiplied() -> None:
    """Windows enlarges the message font Qt takes by the text size setting: 13.5pt at 150%
    is that setting already applied, and must not be drawn 150% bigger again."""
    assert look.text_scale(9.0, 100) == 1.0
    assert look.text_scale(9.0, 150) == 1.5  # the setting not reflected in the font
    assert look.text_scale(13.5, 150) == 1.5  # reflected: not 2.25
    assert look.text_scale(12.0, 100) == pytest.approx(12 / 9)  # a bigger system font
    assert look.text_scale(8.0, 100) == 1.0  # never smaller than today
    assert look.text_scale(-1.0, 125) == 1.25  # a font sized in pixels: the setting
    assert look.text_scale(30.0, 225) == 2.25


@contextmanager
def fake_registry(value: object, kind: int = 4, missing: bool = False) -> Iterator[list[str]]:
    """A stand-in `winreg` (only HKCU's Accessibility key is there) recording what is read."""
    read: list[str] = []

    @contextmanager
    def open_key(root: object, path: str) -> Iterator[str]:
        read.append(path)
        if missing:
            raise FileNotFoundError(path)
        yield path

    def query(key: str, name: str) -> tuple[object, int]:
        read.append(name)
        return value, kind

    fake = types.SimpleNamespace(
        HKEY_CURRENT_USER=object(), REG_DWORD=4, OpenKey=open_key, QueryValueEx=query
    )
    saved = sys.modules.get("winreg")
    sys.modules["winreg"] = fake  # type: ignore[assignment]
    try:
        yield read
    finally:
        if saved is None:
            del sys.modules["winreg"]
        else:
            sys.modules["winreg"] = saved


@pytest.mark.parametrize(
    ("value", "kind", "missing", "expected"),
    [
        (150, 4, False, 150),
        (225, 4, False, 225),
        (0, 4, True, 100),
        ("150", 1, False, 100),
        (90, 4, False, 100),
    ],
)
def test_windows_text_size_is_read_from_its_one_value_and_anything_odd_is_100(
    monkeypatch: pytest.MonkeyPatch, value: object, kind: int, missing: bool, expected: int
) -> None:
    monkeypatch.delenv("CQRS_TEXT_SCALE", raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    with fake_registry(value, kind, missing) as read:
        assert look.text_size_setting() == expected
    assert read[0] == r"Software\Microsoft\Accessibility"
    assert read[1:] in ([], ["TextScaleFactor"])


@pytest.mark.parametrize(
    ("value", "expected"), [("150", 150), (" 225 ", 225), ("big", 100), ("400", 100)]
)
def test_cqrs_text_scale_stands_in_for_the_setting(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: int
) -> None:
    monkeypatch.setenv("CQRS_TEXT_SCALE", value)
    assert look.text_size_setting() == expected


def test_on_this_machine_the_setting_reads_without_fault(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows (the real registry) or not: a size Windows offers, whatever is there."""
    monkeypatch.delenv("CQRS_TEXT_SCALE", raising=False)
    assert 100 <= look.text_size_setting() <= 225


def test_the_app_draws_its_text_bigger_at_150_and_as_today_at_100(
    qtbot, qapp, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

    def shown() -> tuple[float, float, float]:
        holder = QWidget()
        qtbot.addWidget(holder)
        title = QLabel("Check events")
        title.setObjectName("pageTitle")
        button = QPushButton("Given here")
        layout = QVBoxLayout(holder)
        layout.addWidget(title)
        layout.addWidget(button)
        holder.show()
        qtbot.waitExposed(holder)
        return title.font().pointSizeF(), button.font().pointSizeF(), qapp.font().pointSizeF()

    try:
        monkeypatch.setenv("CQRS_TEXT_SCALE", "100")
        look.apply(qapp)
        system = qapp.font().pointSizeF()
        scale = look.text_scale(system, 100)
        assert shown() == (16.0 * scale, 10.0 * scale, system)
        monkeypatch.setenv("CQRS_TEXT_SCALE", "150")
        look.apply(qapp)
        bigger = look.text_scale(system, 150)
        assert bigger >= 1.5
        title, button, font = shown()
        assert (title, button) == (pytest.approx(16.0 * bigger), pytest.approx(10.0 * bigger))
        assert font == pytest.approx(system * bigger / max(system / look.SYSTEM_PT, 1.0))
    finally:
        monkeypatch.setenv("CQRS_TEXT_SCALE", "100")
        look.apply(qapp)  # the other tests see the app as at the default


def test_a_button_squeezed_to_its_least_keeps_its_words_whole_at_150(
    qtbot, qapp, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """The stylesheet's floor for a button (32 pixels at the default text) was taken as
    its least height however big its text: a panel squeezed to its least drew Print… 32
    pixels high for the 36 its words need at 150%. The floor is now never below a line of
    the text; at the default it is the 32 pixels it was."""
    from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

    def squeezed() -> tuple[int, int]:
        holder = QWidget()
        qtbot.addWidget(holder)
        layout = QVBoxLayout(holder)
        layout.addWidget(QLabel("Showing 49 of 63 events"))
        button = QPushButton("Print…")
        layout.addWidget(button)
        holder.show()
        qtbot.waitExposed(holder)
        holder.resize(holder.minimumSizeHint())
        layout.activate()
        return button.height(), button.sizeHint().height()

    try:
        monkeypatch.setenv("CQRS_TEXT_SCALE", "150")
        look.apply(qapp)
        height, needs = squeezed()
        assert height >= needs
        monkeypatch.setenv("CQRS_TEXT_SCALE", "100")
        look.apply(qapp)
        assert squeezed()[0] == 32  # as at the default before
    finally:
        monkeypatch.setenv("CQRS_TEXT_SCALE", "100")
        look.apply(qapp)  # the other tests see the app as at the default


CUT = re.compile(
    r"^(.*?): (QPushButton .*) is cut: \S*QSize\((\d+), \d+\) for \S*QSize\((\d+), \d+\)$"
)


def test_at_150_percent_text_on_a_laptop_the_window_fits_and_no_button_is_cut(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """1366x768 at 125% (a window of 1093x614) with Windows' text at 150%: the window and
    its dialogs stay within the screen, every control lies in them or in a scroll area that
    reaches it, and no button is narrower than its words. At that size a page may scroll
    sideways, and a row of buttons may be a little lower than it would like: those the
    layout test at the usual text size forbids, this one allows."""
    from .test_layout_sizes import probe

    found = probe(tmp_path, "1.25", "1093x614", CQRS_TEXT_SCALE="150")
    assert len(found["shown"]) >= 15, found["shown"]
    wrong = []
    for problem in found["problems"]:
        cut = CUT.match(problem)
        if cut is not None:
            if int(cut.group(3)) + 1 < int(cut.group(4)):
                wrong.append(problem)
        elif any(w in problem for w in ("cannot be that small", "lies outside", "bigger than")):
            wrong.append(problem)
    assert wrong == []


def test_the_note_box_holds_two_lines_at_any_text_size(
    qtbot, qapp, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """It was 46 pixels high, two lines at 10pt: at 150% its placeholder's second line was
    cut in half."""
    from cqrs_desktop.ui.decision_bar import DecisionBar

    try:
        for percent in ("100", "150"):
            monkeypatch.setenv("CQRS_TEXT_SCALE", percent)
            look.apply(qapp)
            bar = DecisionBar()
            qtbot.addWidget(bar)
            bar.show()
            qtbot.waitExposed(bar)
            note = bar.note
            lines = note.fontMetrics().lineSpacing()
            margins = note.contentsMargins()
            inside = note.height() - margins.top() - margins.bottom()
            assert inside >= 2 * lines, (percent, note.height(), lines)
            if percent == "100":
                assert note.height() == 46  # as before
    finally:
        monkeypatch.setenv("CQRS_TEXT_SCALE", "100")
        look.apply(qapp)


def test_what_an_empty_list_offers_scrolls_and_shows_its_focused_button(
    qtbot, qapp, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """With big text in little room the words of "nothing to check here" were cut in half
    and its buttons squeezed: they now scroll, and the button with the focus is in sight."""
    from PySide6.QtCore import QPoint, QRect

    from cqrs_desktop.ui.event_detail import EventDetail

    try:
        monkeypatch.setenv("CQRS_TEXT_SCALE", "150")
        look.apply(qapp)
        detail = EventDetail("EMIS Web")
        qtbot.addWidget(detail)
        detail.resize(300, 330)
        detail.show_empty()
        words = " ".join(
            ["Nothing in Pertussis (pregnant women), December 2024 needs a check."] * 4
        )
        detail.empty.offer.offer(
            words, ("Check that month", lambda: None), ("Show them", lambda: None)
        )
        detail.show()
        detail.activateWindow()
        qtbot.waitExposed(detail)
        text = detail.empty.offer.text
        assert text.height() >= text.heightForWidth(text.width())  # all its words
        button = detail.empty.offer.other_button
        button.setFocus()
        qtbot.waitUntil(button.hasFocus)
        viewport = detail.empty_scroll.viewport()
        where = QRect(button.mapTo(viewport, QPoint(0, 0)), button.size())
        qtbot.waitUntil(lambda: viewport.rect().contains(button.mapTo(viewport, QPoint(0, 0))))
        assert viewport.rect().intersects(where)
    finally:
        monkeypatch.setenv("CQRS_TEXT_SCALE", "100")
        look.apply(qapp)
