"""Counts in plain English: '1 month', '3 months', never 'month(s)'."""

from cqrs_desktop.domain.explain import counted


def test_one_is_singular_and_others_plural() -> None:
    assert counted(1, "month") == "1 month"
    assert counted(0, "month") == "0 months"
    assert counted(3, "page") == "3 pages"


def test_irregular_plural_and_thousands() -> None:
    assert counted(2, "activity", "activities") == "2 activities"
    assert counted(12_500, "vaccination") == "12,500 vaccinations"
