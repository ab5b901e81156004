"""The app's look: what the stylesheet must get right, checked on real pixels."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from cqrs_desktop.ui import look


def test_the_highlighted_choice_of_a_drop_down_shows_in_blue(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    look.apply(qapp)
    holder = QWidget()
    qtbot.addWidget(holder)
    combo = QComboBox()
    combo.addItems(["All needing a check", "Still to check", "Checked", "All events"])
    QVBoxLayout(holder).addWidget(combo)
    holder.show()
    qtbot.waitExposed(holder)
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    index = combo.model().index(2, 0)
    view.setCurrentIndex(index)
    qtbot.wait(50)
    rect = view.visualRect(index)
    image = view.viewport().grab().toImage()
    colour = QColor(image.pixel(rect.left() + 2, rect.center().y()))
    combo.hidePopup()
    assert colour.name() == "#1a5fb4", f"highlight drawn as {colour.name()}"


def test_every_menu_gives_each_item_its_own_access_key(window) -> None:  # type: ignore[no-untyped-def]
    """Alt+F then a letter must reach one item: two items sharing a letter only cycle."""
    import re

    from PySide6.QtWidgets import QMenu

    def keys(texts: list[str]) -> list[str]:
        return [m.group(1).lower() for t in texts if (m := re.search(r"&([^&])", t))]

    bar = [a.text() for a in window.menuBar().actions()]
    assert len(set(keys(bar))) == len(keys(bar)) == len(bar)
    for menu in window.menuBar().findChildren(QMenu):
        texts = [a.text() for a in menu.actions() if not a.isSeparator()]
        found = keys(texts)
        assert len(found) == len(set(found)), f"{menu.title()}: {texts}"


def test_the_patient_card_shows_it_has_the_keys(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    """Focus visible: the card that takes P, O, N, X and U has a blue frame."""
    from PySide6.QtWidgets import QApplication

    from cqrs_desktop.ui.event_cards import PatientCard

    look.apply(qapp)
    holder = QWidget()
    qtbot.addWidget(holder)
    card = PatientCard()
    other = QComboBox()
    layout = QVBoxLayout(holder)
    layout.addWidget(card)
    layout.addWidget(other)
    holder.show()
    holder.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is holder)

    def frame() -> str:
        image = card.grab().toImage()
        return QColor(image.pixel(image.width() // 2, 0)).name()

    other.setFocus()
    qtbot.wait(30)
    unfocused = frame()
    card.setFocus()
    qtbot.waitUntil(card.hasFocus)
    qtbot.wait(30)
    assert frame() == "#1a5fb4" != unfocused


def test_the_look_applied_again_unchanged_restyles_nothing(qtbot, qapp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Applied again with nothing changed, the look leaves the widgets alone: setting the
    same style, palette or stylesheet again made Qt restyle every widget of the
    application (decision 358). A text size changed still restyles them, and back."""
    from PySide6.QtCore import QEvent, QObject

    class Restyles(QObject):
        count = 0

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() in (QEvent.Type.StyleChange, QEvent.Type.PaletteChange):
                self.count += 1
            return False

    monkeypatch.setenv("CQRS_TEXT_SCALE", "100")
    look.apply(qapp)
    holder = QWidget()
    qtbot.addWidget(holder)
    QVBoxLayout(holder).addWidget(QComboBox())
    holder.show()
    qtbot.waitExposed(holder)
    restyles = Restyles()
    holder.installEventFilter(restyles)
    sheet = qapp.styleSheet()

    look.apply(qapp)
    qapp.processEvents()
    assert restyles.count == 0
    assert qapp.styleSheet() == sheet

    monkeypatch.setenv("CQRS_TEXT_SCALE", "150")
    look.apply(qapp)
    qapp.processEvents()
    assert restyles.count > 0 and qapp.styleSheet() != sheet
    monkeypatch.setenv("CQRS_TEXT_SCALE", "100")
    look.apply(qapp)
    assert qapp.styleSheet() == sheet
