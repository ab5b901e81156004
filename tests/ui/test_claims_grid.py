"""The claimed counts grid on the Files page."""

from __future__ import annotations

from cqrs_desktop.domain.model import Claim


def test_a_year_of_months_scrolls_sideways_with_every_programme_in_sight(qtbot, rules) -> None:  # type: ignore[no-untyped-def]
    """Fifteen months in a narrow grid: its scroll bar is right under its rows (not below
    an empty area) and no programme's row is cut or hidden."""
    from cqrs_desktop.ui.claims_grid import ClaimsGrid

    grid = ClaimsGrid(rules)
    qtbot.addWidget(grid)
    months = {
        f"{y}-{m:02d}"
        for y, m in [(2024, 9 + i) for i in range(4)] + [(2025, m) for m in range(1, 12)]
    }
    grid.model.set_claims([Claim("pertussis_pregnant", "2025-11", 4)], months)
    grid.resize(420, 700)  # far taller than the grid needs
    grid.show()
    qtbot.waitExposed(grid)
    qtbot.wait(20)
    view = grid.view
    assert view.horizontalScrollBar().isVisible()
    assert not view.verticalScrollBar().isVisible()
    rows = sum(view.rowHeight(r) for r in range(grid.model.rowCount()))
    assert view.viewport().height() >= rows
    assert view.height() < 400  # the spare height is below the grid, not inside it
