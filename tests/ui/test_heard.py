"""Check events heard through a screen reader: what the reader gets from each widget's
accessible interface (name, description), as NVDA or Narrator would say it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget

from cqrs_desktop.ui.review_session import OpenReview
from cqrs_desktop.ui.walkthrough_page import WalkThroughPage

from . import synthetic


def heard(widget: QWidget) -> str:
    """What a screen reader says for `widget`: its accessible name, then its description."""
    face = QAccessible.queryAccessibleInterface(widget)
    assert face is not None
    name = face.text(QAccessible.Text.Name)
    description = face.text(QAccessible.Text.Description)
    return f"{name}. {description}" if description else name


@pytest.fixture
def page(qtbot, tmp_path: Path) -> Iterator[tuple[WalkThroughPage, OpenReview]]:  # type: ignore[no-untyped-def]
    review = synthetic.review(8)
    store = synthetic.review_file(tmp_path, review)
    session = OpenReview(store.path, store, review, "Me")
    shown = WalkThroughPage()
    qtbot.addWidget(shown)
    shown.set_session(session)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown, session
    session.close()


def test_the_cards_values_are_heard_not_only_their_field_names(page) -> None:  # type: ignore[no-untyped-def]
    shown, session = page
    event = session.walk.current
    assert heard(shown.patient.values["Name"]) == f"Name: Forename0 {event.surname.upper()}"
    assert heard(shown.vaccination.values["Date"]) == "Date: 02 Sep 2024"
    assert heard(shown.vaccination.values["From"]) == "From: invented.csv, row 2"
    assert heard(shown.progress_label) == "Progress: 0 of 8 checked · 8 to go"
    assert heard(shown.detail.item_label).startswith(
        "Claim month: Pertussis (pregnant women), September 2024"
    )
    why = heard(shown.reasons.text)  # rich text: its words, not its tags
    assert why.startswith("Reasons and what to check: ") and "<" not in why
    assert "Another dose close to this one" in why
