"""The counts line under each item's heading in the report and the worksheet."""

from __future__ import annotations

from cqrs_desktop.reports.document_parts import counts_line
from cqrs_desktop.reports.summary import build_summary
from tests.reports.reports_factory import mixed_review


def test_an_items_reasons_say_what_is_to_be_checked_not_that_it_was() -> None:
    """An item's reasons (5 or more, a count that differs) apply to every vaccination of
    the month: the line says they are to be checked, whatever has been decided."""
    items = build_summary(mixed_review()).items
    with_reasons = [i for i in items if i.reason_codes and i.in_search]
    assert with_reasons
    for item in with_reasons:
        line = counts_line(item)
        assert "is checked" not in line
        assert line.endswith(
            f". Every vaccination this month is to be checked, for: {', '.join(item.reason_codes)}"
        )
    for item in (i for i in items if i.reason_codes and not i.in_search):
        assert counts_line(item).endswith(
            f". Reasons for this month: {', '.join(item.reason_codes)}"
        )
