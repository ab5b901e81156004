"""Too narrow for what sits side by side (Windows' bigger text on a laptop), Overview and
Results give way without a sideways scroll: two columns of panels become one, and a table
leaves out the columns the line under it says."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from cqrs_desktop.ui.reflow import Columns
from cqrs_desktop.ui.review_session import OpenReview

from . import synthetic
from .conftest import holding


def test_two_columns_only_where_their_widgets_fit_side_by_side(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The email beside the notes on Results: at 150% text their least widths are more
    than the fixed breakpoint allowed for, and the page went sideways."""
    left, right = QPushButton("the email " * 6), QPushButton("the notes " * 6)
    columns = Columns([(left,), (right,)], two_from=300)
    holder = holding(qtbot, columns)
    both = left.minimumSizeHint().width() + right.minimumSizeHint().width()
    holder.resize(both - 40, 400)
    holder.show()
    qtbot.waitExposed(holder)
    qtbot.wait(50)
    assert not columns.two and columns.width() == holder.width()
    holder.resize(both + 80, 400)
    qtbot.waitUntil(lambda: columns.two)
    holder.resize(both - 40, 400)
    qtbot.waitUntil(lambda: not columns.two)
    assert columns.width() == holder.width()


def test_a_narrow_table_leaves_to_the_line_under_it_what_does_not_fit(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from cqrs_desktop.ui.items_model import CQRS, TO_CLAIM, VALUE
    from cqrs_desktop.ui.overview_page import OverviewPage

    review = synthetic.review(30)
    store = synthetic.review_file(tmp_path, review)
    session = OpenReview(store.path, store, review, "Me")
    try:
        page = OverviewPage()
        holder = holding(qtbot, page)
        holder.resize(1300, 600)
        page.set_session(session)
        holder.show()
        qtbot.waitExposed(holder)
        view = page.view
        qtbot.waitUntil(lambda: view.model().rowCount() > 0)
        assert not view.isColumnHidden(TO_CLAIM) and not view.isColumnHidden(VALUE)
        header = view.horizontalHeader()
        kept = [c for c in range(header.count()) if c not in (TO_CLAIM, VALUE, CQRS)]
        least = sum(view.sizeHintForColumn(c) for c in kept)
        holder.resize(least + 120, 600)
        qtbot.waitUntil(lambda: view.isColumnHidden(VALUE))
        assert view.isColumnHidden(CQRS)
        shown = [c for c in range(header.count()) if not view.isColumnHidden(c)]
        assert set(kept) <= set(shown)
        assert sum(header.sectionSize(c) for c in shown) <= view.viewport().width() + 1
        assert page.width() == holder.width()
        holder.resize(1300, 600)
        qtbot.waitUntil(lambda: not view.isColumnHidden(VALUE))
    finally:
        session.close()


def test_the_line_under_the_table_says_the_count_to_claim_of_a_month_with_no_claim() -> None:
    """Its column may be left out on a narrow page: the line says what it would show."""
    from cqrs_desktop.domain.model import ClaimItem, ItemStatus
    from cqrs_desktop.ui.items_model import item_details

    item = ClaimItem(
        "pertussis_pregnant", "2024-09", None, 3, 0, (), corrected=3, status=ItemStatus.NO_CLAIM
    )
    assert item_details(item, "Pertussis (pregnant women), September 2024") == (
        "Pertussis (pregnant women), September 2024: No claimed count to compare with; "
        "3 given here."
    )


def test_two_columns_become_one_when_a_widget_grows_at_the_same_width(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The Files page's table grows as files come (their kinds and problems are wider than
    the headings) with no change of the window's size: the columns must look again."""
    left, right = QPushButton("the files"), QPushButton("the counts")
    columns = Columns([(left,), (right,)], two_from=200)
    holder = holding(qtbot, columns)
    holder.resize(left.minimumSizeHint().width() + right.minimumSizeHint().width() + 120, 300)
    holder.show()
    qtbot.waitExposed(holder)
    qtbot.waitUntil(lambda: columns.two)
    left.setText("the files, with a much longer kind and problem " * 2)
    qtbot.waitUntil(lambda: not columns.two)
    left.setText("the files")
    qtbot.waitUntil(lambda: columns.two)


def test_the_files_table_asks_for_room_for_its_columns_and_a_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    """At 150% text on 1920x1080 at 150% the files sat beside the claimed counts with the
    name column squeezed to "…": the table asked for no width of its own."""
    from cqrs_desktop.ui.file_preview import SourceFilesModel, files_view

    view = files_view(SourceFilesModel())
    holder = holding(qtbot, view)
    holder.show()
    qtbot.waitExposed(holder)
    header = view.horizontalHeader()
    others = sum(header.sectionSize(i) for i in range(1, header.count()))
    name = view.fontMetrics().horizontalAdvance("0" * 12)
    assert view.minimumSizeHint().width() >= others + name
