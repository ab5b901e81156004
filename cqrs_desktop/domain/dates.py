"""Age, month and gestation arithmetic."""

from __future__ import annotations

import datetime as dt

FULL_TERM_DAYS = 280  # 40 weeks


def age_on(date_of_birth: dt.date, on: dt.date) -> int:
    """Whole years by the birthday rule (a 29 February birthday falls on 1 March)."""
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def month_of(date: dt.date) -> str:
    return f"{date.year:04d}-{date.month:02d}"


def gestation_days(vaccination: dt.date, edd: dt.date) -> int:
    """Days of gestation at vaccination: 40 weeks minus the time left to the due date."""
    return FULL_TERM_DAYS - (edd - vaccination).days


def month_label(month: str) -> str:
    """'2024-09' -> 'September 2024'."""
    year, mon = month.split("-")
    return dt.date(int(year), int(mon), 1).strftime("%B %Y")


def day_label(day: dt.date) -> str:
    """'14 Oct 2026': a day as the cards say it, and the paper says when a review decided."""
    return day.strftime("%d %b %Y")


def short_month_label(month: str) -> str:
    """'2024-09' -> 'Sep 2024'."""
    year, mon = month.split("-")
    return dt.date(int(year), int(mon), 1).strftime("%b %Y")
