"""Errors shown to the user never quote what a file said: it may be patient data."""

from __future__ import annotations

from cqrs_desktop.errors import ReviewError
from cqrs_desktop.ui.operations import plain_message, technical_detail


def _raised(error: BaseException) -> BaseException:
    try:
        raise error
    except BaseException as caught:
        return caught


def test_foreign_error_messages_are_not_shown() -> None:
    error = _raised(ValueError("invalid literal for int(): 'Tereza JONES 999 631 7064'"))
    assert "JONES" not in plain_message(error)
    detail = technical_detail(error)
    assert "JONES" not in detail and "999 631 7064" not in detail
    assert "ValueError" in detail and "test_error_privacy.py" in detail


def test_our_messages_are_shown() -> None:
    assert plain_message(ReviewError("search.csv: the file is empty")) == (
        "search.csv: the file is empty"
    )


def test_os_errors_name_the_file_only() -> None:
    error = PermissionError(13, "Permission denied", "review.xlsx")
    assert plain_message(error) == (
        "The file is open in another program or you may not write there (review.xlsx)."
    )
