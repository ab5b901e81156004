"""Cell values as practices export them: dates, NHS numbers, yes/no ticks, sex, codes.

Every parser takes the text of one cell and returns a clean value or None; none of them
raises. Dates are read day-first always (England). `map_unique` applies a parser to a
whole column by parsing each distinct text once: exports repeat the same dates and codes
thousands of times.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable, Iterable
from functools import lru_cache
from typing import Any, TypeVar

T = TypeVar("T")
V = TypeVar("V", bound=Hashable)

MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME = (
    r"(?:(?:[t\s,]+|\s*@\s*)\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:z|utc|gmt|bst|[+-]\d{2}:?\d{2})?)?"
)
_ISO = re.compile(rf"^(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}}){_TIME}$")
_NUMERIC_DMY = re.compile(rf"^{_WEEKDAY}(\d{{1,2}})[-/.](\d{{1,2}})[-/.](\d{{4}}|\d{{2}}){_TIME}$")
_NAMED_DMY = re.compile(
    rf"^{_WEEKDAY}(\d{{1,2}})(?:st|nd|rd|th)?[\s\-/.]*([a-z]{{3,9}})\.?[\s\-/.,]*(\d{{4}}|\d{{2}}){_TIME}$"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:t\d{2,8}(?:z|[+-]\d{2}:?\d{2})?)?$")
_SERIAL = re.compile(r"^(\d{3,5})(?:\.\d+)?$")

_MONTH_YEAR = re.compile(r"^([a-z]{3,9})\.?[\s\-/.,']*(\d{4}|\d{2})$")
_YEAR_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_MONTH_NUM_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{4})$")


def _year(text: str) -> int:
    """Four-digit year; two digits mean this century unless that would be in the future."""
    year = int(text)
    if len(text) == 2:
        year += 2000
        if year > dt.date.today().year:
            year -= 100
    return year


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=65536)
def parse_date(text: str | None) -> dt.date | None:
    """A date from the text of a cell, day first; None when it is not a date.

    Accepts dd/mm/yyyy, d/m/yy, dd-Mon-yyyy, dd Mon yyyy, dd Month yyyy, yyyy-mm-dd,
    dd.mm.yyyy, yyyymmdd (NHS batch format), each with an optional time, and Excel serial
    day numbers (a date cell exported as a number).
    """
    if not text:
        return None
    value = " ".join(str(text).strip().lower().split())
    if not value:
        return None
    if m := _NUMERIC_DMY.match(value):
        return _make(_year(m[3]), int(m[2]), int(m[1]))
    if m := _ISO.match(value):
        return _make(int(m[1]), int(m[2]), int(m[3]))
    if m := _NAMED_DMY.match(value):
        month = MONTHS.get(m[2])
        return _make(_year(m[3]), month, int(m[1])) if month else None
    if m := _COMPACT.match(value):
        return _make(int(m[1]), int(m[2]), int(m[3]))
    if m := _SERIAL.match(value):
        days = int(m[1])
        if 367 <= days <= 73050:  # 1901-01-01 .. 2099-12-31
            return _EXCEL_EPOCH + dt.timedelta(days=days)
    return None


def date_order(text: str | None) -> str | None:
    """How a numeric date such as 09/23/2024 can be read: "month first" when only month
    first makes it a date, "either" when day and month could swap (09/03/2024), else None
    (written another way, or day first only)."""
    m = _NUMERIC_DMY.match(" ".join(str(text or "").strip().lower().split()))
    if not m:
        return None
    first, second = int(m[1]), int(m[2])
    if 1 <= first <= 12 and 12 < second <= 31 and _make(_year(m[3]), first, second):
        return "month first"
    if 1 <= first <= 12 and 1 <= second <= 12 and first != second:
        return "either"
    return None


@lru_cache(maxsize=4096)
def parse_month(text: str | None) -> str | None:
    """A claim month "YYYY-MM" from "Sep 2024", "September 2024", "Sep-24", "2024-09",
    "09/2024" or any date in the month."""
    if not text:
        return None
    value = " ".join(str(text).strip().lower().split())
    if m := _MONTH_YEAR.match(value):
        return _month(_year(m[2]), MONTHS.get(m[1], 0))
    for pattern, y, mo in ((_YEAR_MONTH, 1, 2), (_MONTH_NUM_YEAR, 2, 1)):
        if m := pattern.match(value):
            return _month(int(m[y]), int(m[mo]))
    if _SERIAL.match(value):
        return None  # a bare number is a count, not a month
    day = parse_date(value)
    return _month(day.year, day.month) if day else None


def _month(year: int, month: int) -> str | None:
    """ "YYYY-MM", for a month of a year a claim can be for (not "0000-09")."""
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 and 1900 <= year <= 2099 else None


_YES = frozenset(
    {"yes", "y", "true", "t", "1", "1.0", "x", "ticked", "tick", "checked", "on", "gms",
     "✓", "✔", "☑", "✅", "√", "yes gms", "gms yes", "in practice"}
)  # fmt: skip
_NO = frozenset(
    {"no", "n", "false", "f", "0", "0.0", "", "nongms", "non-gms", "non gms", "not gms",
     "unticked", "off", "unchecked", "✗", "✘", "☐", "-", "none"}
)  # fmt: skip


@lru_cache(maxsize=1024)
def parse_yes_no(text: str | None) -> bool | None:
    """True for yes-like ticks, False for no-like or blank, None when it is neither."""
    value = " ".join(str(text or "").strip().lower().split())
    if value in _YES:
        return True
    if value in _NO:
        return False
    return None


_GMS_WORDS = {"gms": True, "yesgms": True, "gmsyes": True, "nongms": False, "notgms": False}


@lru_cache(maxsize=1024)
def gms_word(text: str | None) -> bool | None:
    """True for the word GMS, False for Non-GMS (Non GMS, NonGMS, Not GMS), None for any
    other value: the words mean what they say whatever the column is called."""
    return _GMS_WORDS.get(re.sub(r"[^a-z]", "", str(text or "").lower()))


def names_gms_and_non_gms(header: str) -> bool:
    """A header naming both GMS and Non-GMS ("GMS/Non-GMS", "GMS or Non GMS")."""
    key = re.sub(r"[^a-z]", "", header.lower())
    rest = key.replace("nongms", " ").replace("notgms", " ")
    return rest != key and "gms" in rest


_NHS_SEPARATORS = re.compile(r"[\s\-./]")


def nhs_digits(text: str | None) -> str | None:
    """The digits of an NHS number written with spaces or dashes; None if blank or not a
    number. The check digit is the domain's business, not ours."""
    if not text:
        return None
    value = str(text).strip()
    if value.endswith(".0"):  # a number cell from Excel
        value = value[:-2]
    digits = value.replace(" ", "")  # the usual 3-3-4 spacing, without the regex
    if not (digits.isdigit() and digits.isascii()):
        digits = _NHS_SEPARATORS.sub("", value)
    return digits if digits.isdigit() and digits.isascii() else None


_SEX = {
    "f": "F", "female": "F", "woman": "F", "w": "F", "2": "F", "2.0": "F", "girl": "F",
    "m": "M", "male": "M", "man": "M", "1": "M", "1.0": "M", "boy": "M",
}  # fmt: skip


@lru_cache(maxsize=256)
def parse_sex(text: str | None) -> str | None:
    """ "F", "M", "O" (other, unknown, indeterminate) or None for a blank cell.

    Numbers follow the NHS person gender code: 1 male, 2 female, 0 and 9 not known.
    """
    value = str(text or "").strip().lower().rstrip(".")
    if not value:
        return None
    return _SEX.get(value, "O")


_SCIENTIFIC = re.compile(r"^(\d)(?:\.(\d+))?e\+?(\d+)$", re.IGNORECASE)


def _scientific_digits(value: str) -> tuple[str, int] | None:
    """The significant digits and the number of digits of a whole number written in
    scientific form ("9.56951E+14": "956951", 15); None for any other text."""
    m = _SCIENTIFIC.match(value)
    if not m:
        return None
    return (m.group(1) + (m.group(2) or "")).rstrip("0"), int(m.group(3)) + 1


def shortened_code(text: str | None) -> bool:
    """A code Excel wrote in its short scientific form ("9.56951E+14", a CSV opened and
    saved in Excel): fewer digits written than the code has, so the code itself is lost."""
    found = _scientific_digits(str(text or "").strip())
    return found is not None and len(found[0]) < found[1]


@lru_cache(maxsize=8192)
def clean_code(text: str | None) -> str | None:
    """A SNOMED code as text: "956951000000104.0" (a number cell) -> "956951000000104";
    "9.56951000000104E+14" (every digit written) -> "956951000000104". A shortened form
    ("9.56951E+14") is kept as written: padding it with zeros would make up a code the
    file does not hold (decision 180)."""
    value = str(text or "").strip()
    if not value:
        return None
    if value.endswith(".0") and value[:-2].isdigit():
        return value[:-2]
    found = _scientific_digits(value)
    if found is not None:
        digits, length = found
        return digits if len(digits) == length else value.upper()
    return value


def code_in_text(value: str | None) -> str | None:
    """The one code in a code written with its term: "956951000000104 - Pertussis
    vaccination in pregnancy", "Pertussis ... (956951000000104)", SNOMED's own
    "1303503001 |RSV vaccination|" (decision 189); None for anything else."""
    text = str(value or "")
    if text.isdigit():
        return None
    numbers = set(_CODE_IN_TEXT.findall(text))
    if len(numbers) == 1 and _WORD.search(_CODE_IN_TEXT.sub("", text)):
        return numbers.pop()
    return None


_CODE_IN_TEXT = re.compile(r"(?<![\d.])\d{6,18}(?![\d.])")
_WORD = re.compile(r"[^\W\d_]{3}")


_AGE = re.compile(
    r"^(?:(\d{1,3}(?!\d))(?:\.\d+)?\s*(?:y|yr|yrs|years?)?\.?)?"
    r"(?:[\s,]*(\d{1,3}(?!\d))\s*(?:m|mo|mth|mths|months?))?"
    r"(?:[\s,]*(\d{1,3}(?!\d))\s*(?:w|wk|wks|weeks?))?"
    r"(?:[\s,]*(\d{1,3}(?!\d))\s*(?:d|days?))?(?:\s*old)?$"
)


@lru_cache(maxsize=1024)
def parse_age(text: str | None) -> int | None:
    """Whole years from "34", "34.0", "34 years", "34y", "1y 3m", "14 months" or "3 weeks"
    (babies' ages are written in months, weeks or days); None otherwise."""
    value = str(text or "").strip().lower()
    m = _AGE.match(value)
    if not m or not any(m.groups()):
        return None
    years, months, weeks, days = (int(g) if g else 0 for g in m.groups())
    return years + months // 12 + (weeks * 7 + days) // 365


_COUNT = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
MAX_COUNT = 99_999  # far more doses than a practice gives in a month of one programme


def parse_count(text: str | None) -> int | None:
    """A whole, non-negative count from "7", "7.0" or "1,204"; None otherwise, and for a
    count no practice could claim (over MAX_COUNT: 2**63 would not even fit the review file)."""
    value = str(text or "").strip()
    whole, point, zeros = value.partition(".")
    if point and zeros.strip("0") == "" and zeros:  # "7.0", "7.00" from a number cell
        value = whole
    digits = value.replace(",", "")
    if not _COUNT.match(value) or len(digits.lstrip("0")) > 9:  # (int() refuses 4,301 digits)
        return None
    count = int(digits)
    return count if count <= MAX_COUNT else None


def count_problem(text: str | None) -> str:
    """Why `parse_count` refused a count: too big to be one month's claim, or not a whole
    number at all."""
    value = str(text or "").strip()
    whole, point, zeros = value.partition(".")
    if point and zeros and zeros.strip("0") == "":
        value = whole
    if _COUNT.match(value):
        return f"the count is more than a practice can claim for one month (at most {MAX_COUNT:,})"
    return "the count is not a whole number"


_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "master", "prof", "rev", "sir"})
_TRAILING_TITLE = re.compile(r"\s*\((?:mr|mrs|ms|miss|mx|dr|master|prof|rev|sir)\.?\)$", re.I)
_WORD_START = re.compile(r"(^|[\s\-'\u2019])(\w)")


def name_case(text: str) -> str:
    """ "O'BRIEN" -> "O'Brien", "SMITH-JONES" -> "Smith-Jones": a surname written in capitals
    by the "SURNAME, Forename" convention, back in ordinary case."""
    return _WORD_START.sub(lambda m: m[1] + m[2].upper(), text.lower())


def _is_capitals(text: str) -> bool:
    return text.isupper() and sum(ch.isalpha() for ch in text) > 1


def split_name(text: str | None) -> tuple[str | None, str | None]:
    """(surname, forenames) from "SURNAME, Forename", "Forename SURNAME" or "Forename Surname".

    Titles ("Mrs Jane", "Jane (Mrs)") are dropped. A surname in capitals beside forenames
    that are not is the display convention, not the name: it comes back in ordinary case.
    """
    value = _TRAILING_TITLE.sub("", " ".join(str(text or "").split()))
    if not value:
        return None, None
    if "," in value:
        surname, _, rest = value.partition(",")
        words = rest.split()
    else:
        words = value.split()
        upper = [w for w in words if _is_capitals(w)]
        if upper and len(upper) < len(words):
            surname = " ".join(upper)
            words = [w for w in words if not _is_capitals(w)]
        else:
            surname, words = words[-1], words[:-1]
    while words and words[0].lower().rstrip(".") in _TITLES:
        words = words[1:]
    surname = surname.strip()
    forenames = " ".join(words)
    if _is_capitals(surname) and forenames and not forenames.isupper():
        surname = name_case(surname)
    return surname or None, forenames or None


_MISSING = object()


def map_unique(values: Iterable[V], parse: Callable[[V], T]) -> list[T]:
    """`parse` applied to every value, each distinct value parsed once."""
    cache: dict[Hashable, T] = {}
    get = cache.get
    out: list[T] = []
    append = out.append
    missing: Any = _MISSING
    for value in values:
        result = get(value, missing)  # not try/except: columns of distinct values are common
        if result is missing:
            result = cache[value] = parse(value)
        append(result)
    return out
