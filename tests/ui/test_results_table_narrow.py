"""The Overview and Results tables never need a sideways scroll: where even the columns
they cannot do without are wider than the page (Windows' text at 150% on a laptop, with a
month's "3 of 4, 1 unsure"), the programme's name gives way, whole in its tooltip, and no
heading or other column is cut (decision 373)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from cqrs_desktop.domain.model import Decision
from cqrs_desktop.ui.items_model import CHECKED, PROGRAMME, ItemsTableModel, items_view
from tests.ui.layout_check import check_window

from .conftest import holding, wait_idle


def test_the_programme_gives_way_before_the_table_scrolls_sideways(  # type: ignore[no-untyped-def]
    qtbot, window, samples: Path
) -> None:
    win = window
    win.new_review()
    win.sources.add_files([samples / "emis_pertussis_search.csv", samples / "cqrs_figures.csv"])
    wait_idle(qtbot, win)
    win.sources.request_import()
    wait_idle(qtbot, win)
    session = win.session
    pending = [e for e in session.review.events if e.needs_review]
    for i, event in enumerate(pending):
        session.go_to(event.id)
        session.decide(Decision.UNSURE if i == 0 else Decision.PRACTICE)

    model = ItemsTableModel()
    view = items_view("Results by programme and month", model)
    holder = holding(qtbot, view)
    model.set_review(session.review)
    holder.show()
    qtbot.waitExposed(holder)
    texts = [model.index(r, CHECKED).data() for r in range(model.rowCount())]
    assert any("unsure" in t for t in texts), texts
    header = view.horizontalHeader()
    whole = view.sizeHintForColumn(PROGRAMME)
    assert whole > header.sectionSizeHint(PROGRAMME)  # names wider than their heading

    # as narrow as the table says it can be: nothing cut, nothing off to the side
    holder.resize(view.minimumWidth(), 300)
    qtbot.waitUntil(lambda: view.width() == view.minimumWidth())
    assert check_window(holder) == []
    assert header.sectionSize(PROGRAMME) < whole  # the name gave way ...
    title = model.index(0, PROGRAMME).data(Qt.ItemDataRole.ToolTipRole)
    assert title.startswith("Pertussis (pregnant women), ")  # ... whole in its tooltip

    # with room again, the name is whole
    holder.resize(view.minimumWidth() + whole, 300)
    qtbot.waitUntil(lambda: header.sectionSize(PROGRAMME) >= whole)
