"""One invented ground truth, rendered as the many kinds of export practices bring.

The truth is the content of the two sample exports (shared/samples) plus more invented rows:
invented people, NHS numbers in the 999 range with valid check digits. `render_search`
writes one file of it in a `Dialect` (delimiter, extension, encoding, preamble, footer,
header synonyms, value forms, workbook layout); `render_cqrs` does the same for the claimed
counts. Everything is generated into a folder the test gives: no binary fixtures.
"""

from __future__ import annotations

import codecs
import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

D = dt.date.fromisoformat

PERTUSSIS = "956951000000104"
PERTUSSIS_OTHER = "956971000000108"
PERTUSSIS_DECLINED = "866641000000105"
ADACEL = "42707511000001109"
RSV = "1303503001"
ABRYSVO = "42605811000001109"
HPV_1 = "428741008"
HPV_OTHER = "965851000000105"
MENACWY = "871873006"
HEPB_1 = "170370000"
HEPB_2 = "170371001"

TERMS = {
    PERTUSSIS: "Pertussis vaccination in pregnancy",
    PERTUSSIS_OTHER: "Pertussis vaccination in pregnancy given by other healthcare provider",
    PERTUSSIS_DECLINED: "Pertussis vaccination in pregnancy declined",
    ADACEL: "Adacel vaccine suspension for injection 0.5ml pre-filled syringes",
    RSV: "Administration of vaccine product containing only Human orthopneumovirus antigen",
    ABRYSVO: "Abrysvo vaccine powder and solvent for solution for injection",
    HPV_1: "Administration of first dose of HPV vaccine",
    HPV_OTHER: "HPV vaccination given by other healthcare provider",
    MENACWY: "Meningococcal ACWY conjugate vaccine",
    HEPB_1: "First hepatitis B vaccination",
    HEPB_2: "Second hepatitis B vaccination",
}


def nhs_check_digit(nine: str) -> int | None:
    """The modulus 11 check digit for nine digits; None when no valid number exists."""
    total = sum(int(d) * (10 - i) for i, d in enumerate(nine))
    check = 11 - total % 11
    return None if check == 10 else 0 if check == 11 else check


def invented_nhs(n: int) -> str:
    """The n-th valid NHS number in the 999 range above 999 400 000 (test-only numbers)."""
    found = -1
    base = 999400000
    while True:
        nine = str(base)
        check = nhs_check_digit(nine)
        if check is not None:
            found += 1
            if found == n:
                return nine + str(check)
        base += 7


@dataclass(frozen=True)
class Record:
    """One row of a search export, as the truth (before any rendering)."""

    nhs: str | None
    surname: str
    forenames: str
    dob: dt.date
    sex: str  # "F" or "M"
    date: dt.date
    code: str
    organisation: str  # "" for blank
    gms: bool  # a practice (GMS) dose
    programme: str
    edd: dt.date | None = None
    time: dt.time = dt.time(10, 15)

    def age(self) -> int:
        years = self.date.year - self.dob.year
        return years - ((self.date.month, self.date.day) < (self.dob.month, self.dob.day))


def _p(nhs: str | None, surname: str, forenames: str, dob: str, date: str, code: str,
       org: str, gms: bool, sex: str = "F") -> Record:  # fmt: skip
    return Record(nhs, surname, forenames, D(dob), sex, D(date), code, org, gms,
                  "pertussis_pregnant")  # fmt: skip


def _r(nhs: str, surname: str, forenames: str, dob: str, date: str, org: str, gms: bool,
       edd: str | None, sex: str = "F", code: str = RSV) -> Record:  # fmt: skip
    return Record(nhs, surname, forenames, D(dob), sex, D(date), code, org, gms, "rsv_pregnant",
                  D(edd) if edd else None, dt.time(14, 5))  # fmt: skip


# The sample EMIS pertussis search, row for row.
SAMPLE_PERTUSSIS = [
    _p("9996317064", "Jones", "Tereza", "1994-10-25", "2024-09-03", PERTUSSIS, "F99001", True),
    _p("9997439155", "Okafor", "Olga", "1989-12-31", "2024-09-05", PERTUSSIS, "R1H", True),
    _p("9998063604", "Rossi", "Amara", "2001-12-21", "2024-09-09", PERTUSSIS, "F99001", False),
    _p("9997835336", "Silva", "Ana", "1986-09-10", "2024-09-12", PERTUSSIS, "F99001", True),
    _p("9996812413", "Khan", "Amara", "1993-08-06", "2024-09-17", PERTUSSIS, "F99001", True),
    _p("9998683440", "Novák", "Maryam", "1997-07-15", "2024-09-24", PERTUSSIS, "F99001", True),
    _p("9997835336", "Silva", "Ana", "1986-09-10", "2024-09-14", PERTUSSIS_OTHER, "F99001", True),
    _p("9996812413", "Khan", "Amara", "1993-08-06", "2024-09-19", PERTUSSIS, "R1H", False),
    _p("9996907368", "Jones", "Giulia", "1999-04-21", "2024-10-02", PERTUSSIS, "F99001", True),
    _p("9998517818", "Kowalski", "Mei", "1991-10-05", "2024-10-15", PERTUSSIS, "", True),
    _p("9995707047", "Ivanova", "Folake", "1983-04-10", "2024-10-28", PERTUSSIS, "F99001", True),
    _p("9992283033", "Dubois", "Folake", "1994-03-11", "2024-11-06", PERTUSSIS, "F99001", True),
    _p("9996859576", "Fernández", "Aoife", "1968-03-27", "2024-11-20", PERTUSSIS, "F99001", True),
]
# The sample SystmOne RSV search, row for row.
SAMPLE_RSV = [
    _r("9990682887", "Patel", "Siobhán", "1993-03-27", "2024-09-04", "F99001", True, "2024-11-03"),
    _r("9997598385", "Jones", "Sadia", "1997-05-28", "2024-09-11", "RQX", True, "2024-11-20"),
    _r("9996508897", "Brennan", "Mei", "1989-04-28", "2024-09-25", "F99001", True, "2025-01-03"),
    _r("9999032893", "Kowalski", "Kwame", "1947-07-16", "2024-09-26", "F99001", True, None, "M"),
    _r("9994011073", "Okafor", "Chloé", "1990-11-16", "2024-10-08", "F99001", True, "2024-11-17"),
    _r("9991224823", "Yilmaz", "Aoife", "1995-08-11", "2024-10-22", "F99001", True, "2024-10-02"),
]

# More invented rows: accents Windows-1252 can hold, double-barrelled names, a missing
# NHS number, a product code, a declined code, a man, the practice named by name.
EXTRA_PERTUSSIS = [
    _p(invented_nhs(0), "O'Brien", "Zoë", "1990-05-14", "2024-09-27", ADACEL, "F99001", True),
    _p(invented_nhs(1), "Nuñez", "María José", "1996-02-29", "2024-10-09", PERTUSSIS,
       "F99001", True),
    _p(invented_nhs(2), "Smith-Jones", "Anne-Marie", "1988-12-01", "2024-10-21", PERTUSSIS,
       "Riverside Medical Centre", True),
    _p(None, "Achterberg", "Femke", "1992-06-30", "2024-11-13", PERTUSSIS, "F99001", True),
    _p(invented_nhs(3), "Ní Bhriain", "Orla", "1995-01-17", "2024-09-10", PERTUSSIS_DECLINED,
       "F99001", True),
    _p(invented_nhs(4), "Müller", "Jonas", "1985-08-08", "2024-11-25", PERTUSSIS, "F99001",
       True, "M"),
    _p(invented_nhs(5), "Adeyemi", "Blessing", "2013-04-02", "2024-09-30", PERTUSSIS,
       "F99001", False),
]  # fmt: skip
EXTRA_RSV = [
    _r(invented_nhs(6), "Ó Súilleabháin", "Siobhán", "1992-02-02", "2024-11-05", "F99001",
       True, "2024-12-20"),
    _r(invented_nhs(7), "Fernández", "Lucía", "1994-07-07", "2024-12-02", "F99001", False,
       "2025-01-15", code=ABRYSVO),
    _r(invented_nhs(8), "Walsh", "Patrick", "1948-03-02", "2024-10-30", "F99001", True, None,
       "M"),
    _r(invented_nhs(9), "Brennan", "Mei", "1989-04-28", "2024-10-10", "R1H", True,
       "2025-01-03"),
]  # fmt: skip


def _o(nhs: str, surname: str, forenames: str, dob: str, date: str, code: str, programme: str,
       org: str = "F99001", gms: bool = True, sex: str = "F") -> Record:  # fmt: skip
    return Record(nhs, surname, forenames, D(dob), sex, D(date), code, org, gms, programme,
                  None, dt.time(9, 0))  # fmt: skip


# A third, invented export (Vision-like) for the other three programmes.
OTHER = [
    _o(invented_nhs(10), "Begum", "Rahima", "2009-06-15", "2024-10-03", HPV_1, "hpv"),
    _o(invented_nhs(11), "Clarke", "Ethan", "1998-01-20", "2024-10-17", HPV_1, "hpv", sex="M"),
    _o(invented_nhs(10), "Begum", "Rahima", "2009-06-15", "2024-10-20", HPV_OTHER, "hpv"),
    _o(invented_nhs(12), "Lindqvist", "Astrid", "2005-03-03", "2024-10-15", MENACWY, "menacwy"),
    _o(invented_nhs(13), "Mensah", "Kofi", "2024-09-01", "2024-09-01", HEPB_1, "hepb_babies",
       sex="M"),
    _o(invented_nhs(13), "Mensah", "Kofi", "2024-09-01", "2024-09-29", HEPB_2, "hepb_babies",
       org="RQX", sex="M"),
]  # fmt: skip


@dataclass(frozen=True)
class SearchFile:
    """One export of the truth: its rows and which optional columns it has."""

    stem: str
    records: tuple[Record, ...]
    programme: str | None  # the one programme of every row, if so
    edd: bool  # has an EDD column
    gms_role: str  # "gms" or "non_gms", as the sample had it


def truth(extra: bool = True) -> list[SearchFile]:
    """The ground truth: the two sample exports (and, with `extra`, more invented rows and
    a third export for HPV, MenACWY and HepB)."""
    files = [
        SearchFile("emis_pertussis_search",
                   tuple(SAMPLE_PERTUSSIS + (EXTRA_PERTUSSIS if extra else [])),
                   "pertussis_pregnant", False, "non_gms"),
        SearchFile("systmone_rsv_search", tuple(SAMPLE_RSV + (EXTRA_RSV if extra else [])),
                   "rsv_pregnant", True, "gms"),
    ]  # fmt: skip
    if extra:
        files.append(SearchFile("vision_other_search", tuple(OTHER), None, False, "gms"))
    return files


# ---------------------------------------------------------------- value forms

_TIME_FORMS = ("dd/mm/yyyy HH:MM", "yyyy-mm-ddTHH:MM:SS", "dd-Mon-yyyy HH:MM:SS",
               "dd/mm/yyyy h:MM AM", "ravs")  # fmt: skip
DATE_FORMS = ("dd/mm/yyyy", "d/m/yy", "dd-Mon-yyyy", "dd Month yyyy", "yyyy-mm-dd",
              "dd.mm.yyyy", "d Mon yyyy", "Day dd/mm/yyyy", *_TIME_FORMS)  # fmt: skip


def format_date(day: dt.date, form: str, time: dt.time = dt.time(0, 0)) -> str:
    at = dt.datetime.combine(day, time)
    match form:
        case "dd/mm/yyyy":
            return f"{day:%d/%m/%Y}"
        case "d/m/yy":
            return f"{day.day}/{day.month}/{day:%y}"
        case "dd-Mon-yyyy":
            return f"{day:%d-%b-%Y}"
        case "dd Month yyyy":
            return f"{day:%d %B %Y}"
        case "yyyy-mm-dd":
            return day.isoformat()
        case "dd.mm.yyyy":
            return f"{day:%d.%m.%Y}"
        case "d Mon yyyy":
            return f"{day.day} {day:%b %Y}"
        case "Day dd/mm/yyyy":
            return f"{day:%a %d/%m/%Y}"
        case "dd/mm/yyyy HH:MM":
            return f"{at:%d/%m/%Y %H:%M}"
        case "yyyy-mm-ddTHH:MM:SS":
            return f"{at:%Y-%m-%dT%H:%M:%S}"
        case "dd-Mon-yyyy HH:MM:SS":
            return f"{at:%d-%b-%Y %H:%M:%S}"
        case "dd/mm/yyyy h:MM AM":
            return f"{day:%d/%m/%Y} {at:%I:%M %p}".replace(" 0", " ", 1)
        case "ravs":  # NHS vaccination batch: yyyymmddThhmmsszz
            return f"{at:%Y%m%dT%H%M%S}00"
        case "ravs_dob":
            return f"{day:%Y%m%d}"
    raise ValueError(form)


def format_nhs(nhs: str | None, style: str) -> str:
    if nhs is None:
        return ""
    if style == "spaces":
        return f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}"
    if style == "dashes":
        return f"{nhs[:3]}-{nhs[3:6]}-{nhs[6:]}"
    return nhs


YES = ("yes", "y", "true", "1", "x", "ticked", "✓", "GMS", "Yes", "Y", "TRUE", "X")
NO = ("no", "n", "false", "0", "", "Non-GMS", "No", "N", "FALSE")

PROGRAMME_LABELS = {
    "id": {p: p for p in ("pertussis_pregnant", "rsv_pregnant", "hepb_babies", "hpv", "menacwy")},
    "display": {"pertussis_pregnant": "Pertussis (pregnant women)",
                "rsv_pregnant": "RSV (pregnant women)", "hepb_babies": "Hepatitis B at-risk babies",
                "hpv": "HPV", "menacwy": "MenACWY"},
    "indicator": {"pertussis_pregnant": "PT001", "rsv_pregnant": "RSVP001",
                  "hepb_babies": "HEPB001", "hpv": "HPV001", "menacwy": "MENACWY001"},
    "alias": {"pertussis_pregnant": "Pertussis (Pregnant Women) Vaccination Programme",
              "rsv_pregnant": "RSV Pregnant Women", "hepb_babies": "Hepatitis B at risk (newborn)",
              "hpv": "HPV Programme", "menacwy": "Meningococcal ACWY"},
}  # fmt: skip

# ---------------------------------------------------------------- dialects

# The header the plain rendering uses for each role.
PLAIN_HEADERS = {
    "nhs_number": "NHS Number", "surname": "Surname", "forenames": "Forename",
    "name": "Patient Name", "date_of_birth": "Date of Birth", "age": "Age", "sex": "Sex",
    "event_date": "Date", "code": "Code", "term": "Term", "organisation": "Organisation",
    "gms": "GMS", "non_gms": "Non-GMS", "edd": "EDD", "programme": "Programme",
}  # fmt: skip

RAVS_HEADERS = {
    "nhs_number": "NHS_NUMBER", "surname": "PERSON_SURNAME", "forenames": "PERSON_FORENAME",
    "date_of_birth": "PERSON_DOB", "sex": "PERSON_GENDER_CODE", "event_date": "DATE_AND_TIME",
    "organisation": "SITE_CODE", "code": "VACCINATION_PROCEDURE_CODE",
    "term": "VACCINATION_PROCEDURE_TERM",
}  # fmt: skip

# Header synonyms SPEC section 3 names (and the odd forms practices' exports have).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "nhs_number": ("NHS Number", "NHS No", "NHSNumber", "N.H.S. Number", "NHS no.", "nhs_number",
                   "NHS Number:"),
    "surname": ("Surname", "Family Name", "Last Name", "SURNAME"),
    "forenames": ("Forename(s)", "Given Name", "First Name", "Forenames", "first_name"),
    "name": ("Name", "Patient Name", "Patient name:", "Full Name"),
    "date_of_birth": ("Date of Birth", "DOB", "Birth Date", "Date of birth:", "D.O.B."),
    "age": ("Age", "Age at Event", "Age (years)"),
    "sex": ("Sex", "Gender", "Gender:"),
    "event_date": ("Date", "Event Date", "Vaccination Date", "Date Given", "Effective Date",
                   "Date Administered", "Vaccination date:", "EVENT_DATE"),
    "code": ("Code", "SNOMED Code", "SNOMED CT Concept ID", "Concept ID", "SNOMED code:"),
    "term": ("Term", "Description", "Rubric"),
    "organisation": ("Organisation", "Organisation Code", "ODS Code", "Recorded By",
                     "Event Done At", "Location", "Site Code"),
    "gms": ("GMS", "GMS Status", "GMS Flag", "G.M.S."),
    "non_gms": ("Non-GMS", "Non GMS Flag", "NonGMS", "Non-GMS?"),
    "edd": ("EDD", "Estimated Delivery Date", "Due Date", "E.D.D."),
    "programme": ("Programme", "Vaccination Programme", "Program"),
}  # fmt: skip


@dataclass(frozen=True)
class Dialect:
    """How one export is written. The defaults are the plain rendering."""

    id: str
    suffix: str = ".csv"  # .csv .txt .tsv .xlsx
    delimiter: str = ","
    encoding: str = "utf-8"  # utf-8, utf-8-sig, utf-16 (LE with BOM), cp1252
    newline: str = "\n"
    quote_all: bool = False
    preamble: int = 0  # lines (text) or rows (workbook) before the header
    footer: tuple[str, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()  # (role, header) overrides
    header_case: str = "as"  # as, upper, lower
    date_form: str = "dd/mm/yyyy"  # "mixed": a different form each row
    dob_form: str | None = None  # None: as date_form (without the time)
    nhs_style: str = "plain"  # plain, spaces, dashes
    name_style: str = "split"  # split, "SURNAME, Forename", "Surname, Forename (Mrs)"
    birth: str = "dob"  # dob or age
    gms_role: str | None = None  # None: as the sample file had it
    yes_no: tuple[tuple[str, ...], tuple[str, ...]] = (("Yes",), ("",))
    sex_style: str = "word"  # word (Female), letter (F), code (2/1), lower (female)
    programme_column: str | None = None  # id, display, indicator, alias
    code_column: bool = True
    given_programme: bool = False  # --search PROGRAMME=FILE for single-programme files
    shuffle: int | None = None  # seed for the column order
    ravs: bool = False
    workbook: str = "plain"  # plain or "layout": title, merged cell, 3 sheets, footer
    extras: tuple[str, ...] = field(default=())  # columns no role uses (see EXTRA_VALUES)
    tweaks: tuple[str, ...] = ()  # text layout oddities, see TWEAKS

    @property
    def compared_out(self) -> frozenset[str]:
        """Event fields this dialect legitimately cannot carry."""
        out = set()
        if self.birth == "age":
            out.add("date_of_birth")
        if not self.code_column:
            out.add("code")
        return frozenset(out)


def _roles(file: SearchFile, dialect: Dialect) -> list[str]:
    roles = ["nhs_number"]
    roles += ["name"] if dialect.name_style != "split" else ["surname", "forenames"]
    roles += ["age"] if dialect.birth == "age" else ["date_of_birth"]
    roles += ["sex", "event_date"]
    if dialect.code_column:
        roles.append("code")
    roles += ["term", "organisation", dialect.gms_role or file.gms_role]
    if file.edd:
        roles.append("edd")
    if dialect.programme_column:
        roles.append("programme")
    if dialect.shuffle is not None:
        random.Random(dialect.shuffle).shuffle(roles)
    return roles


def _header(role: str, dialect: Dialect) -> str:
    overrides = dict(dialect.headers)
    if role in overrides:
        text = overrides[role]
    elif dialect.ravs and role in RAVS_HEADERS:
        text = RAVS_HEADERS[role]
    else:
        text = PLAIN_HEADERS[role]
    if dialect.header_case == "upper":
        return text.upper()
    if dialect.header_case == "lower":
        return text.lower()
    return text


def _sex(sex: str, style: str) -> str:
    word = {"F": "Female", "M": "Male"}[sex]
    return {"word": word, "letter": sex, "code": "2" if sex == "F" else "1",
            "lower": word.lower()}[style]  # fmt: skip


def _date_form(dialect: Dialect, index: int) -> str:
    if dialect.date_form == "mixed":
        return DATE_FORMS[index % len(DATE_FORMS)]
    return dialect.date_form


def _dob_form(dialect: Dialect, index: int) -> str:
    if dialect.dob_form is not None:
        return dialect.dob_form
    form = _date_form(dialect, index)
    if form == "ravs":
        return "ravs_dob"
    return form if form not in _TIME_FORMS else "dd/mm/yyyy"


def _name(rec: Record, style: str) -> str:
    if style == "SURNAME, Forename":
        return f"{rec.surname.upper()}, {rec.forenames}"
    if style == "Surname, Forename (Mrs)":
        title = "Mrs" if rec.sex == "F" else "Mr"
        return f"{rec.surname}, {rec.forenames} ({title})"
    if style == "Surname, Forename":
        return f"{rec.surname}, {rec.forenames}"
    raise ValueError(style)


_GMS_WORDS = {"gms": True, "nongms": False}


def _tick(rec: Record, role: str, dialect: Dialect, index: int) -> str:
    """A yes or no for the column's role; the words GMS and Non-GMS mean what they say in
    any column (SPEC v2), so they are written only where they are true."""
    yes, no = dialect.yes_no
    marked = rec.gms if role == "gms" else not rec.gms
    tokens = [
        t
        for t in (yes if marked else no)
        if _GMS_WORDS.get("".join(c for c in t.lower() if c.isalpha()), rec.gms) == rec.gms
    ]
    return tokens[index % len(tokens)]


def text_cell(rec: Record, role: str, dialect: Dialect, index: int) -> str:
    """A record's value for one role, as text in this dialect."""
    match role:
        case "nhs_number":
            return format_nhs(rec.nhs, dialect.nhs_style)
        case "surname":
            return rec.surname
        case "forenames":
            return rec.forenames
        case "name":
            return _name(rec, dialect.name_style)
        case "date_of_birth":
            return format_date(rec.dob, _dob_form(dialect, index))
        case "age":
            return str(rec.age())
        case "sex":
            return _sex(rec.sex, dialect.sex_style)
        case "event_date":
            return format_date(rec.date, _date_form(dialect, index), rec.time)
        case "code":
            return rec.code
        case "term":
            return TERMS[rec.code]
        case "organisation":
            return rec.organisation
        case "gms" | "non_gms":
            return _tick(rec, role, dialect, index)
        case "edd":
            return format_date(rec.edd, _dob_form(dialect, index)) if rec.edd else ""
        case "programme":
            return PROGRAMME_LABELS[dialect.programme_column or "id"][rec.programme]
    raise ValueError(role)


def _workbook_cell(rec: Record, role: str, dialect: Dialect, index: int) -> object:
    """Native workbook values: real dates, numbers for NHS numbers, codes and ages."""
    match role:
        case "nhs_number":
            return int(rec.nhs) if rec.nhs and dialect.nhs_style == "plain" else \
                format_nhs(rec.nhs, dialect.nhs_style)  # fmt: skip
        case "date_of_birth":
            return rec.dob
        case "event_date":
            return dt.datetime.combine(rec.date, rec.time if index % 2 else dt.time(0, 0))
        case "edd":
            return rec.edd
        case "code":
            return int(rec.code) if len(rec.code) <= 15 else rec.code  # Excel keeps 15 digits
        case "age":
            return rec.age()
    value = text_cell(rec, role, dialect, index)
    if role in ("gms", "non_gms"):
        return {"true": True, "false": False, "1": 1, "0": 0}.get(value.lower(), value or None)
    return value or None


# Columns that must not be taken for a role, with a value that would do harm if they were.
EXTRA_VALUES = {
    "Injection Site": "Left deltoid", "Vaccination Site": "Left upper arm",
    "Expiry Date": "31/12/2025", "Entry Date": "02/12/2024", "Middle Name": "Rose",
    "Performing Professional Surname": "Nurse", "Mother NHS Number": "9990000018",
    "Usual GP": "Dr A Smith", "Registration Status": "Registered", "Postcode": "ZZ99 3AA",
    "Batch Number": "AB1234", "Comment": "invented", "Route": "Intramuscular",
    "Date Recorded": "02/12/2024", "Practice": "Riverside Medical Centre",
}  # fmt: skip

PREAMBLE_LINES = (
    "{title}",
    "Run on 02-Dec-2024 09:14 by J. Reviewer",
    "Population count: {count}",
    "",
    "Practice: Riverside Medical Centre (F99001)",
    "Search criteria: vaccination recorded between 01/09/2024 and 31/12/2024",
    "Report created from the clinical system",
    "",
    "Parent population: all currently registered patients",
    "Notes: invented data for testing only",
)


def preamble(dialect: Dialect, title: str, count: int) -> list[str]:
    lines = []
    for i in range(dialect.preamble):
        line = PREAMBLE_LINES[i % len(PREAMBLE_LINES)]
        lines.append(line.format(title=title, count=count) if i < len(PREAMBLE_LINES) else "")
    return lines


def _quote(value: str, dialect: Dialect) -> str:
    special = any(ch in value for ch in (dialect.delimiter, '"', "\n", "\r"))
    if dialect.quote_all or special:
        return '"' + value.replace('"', '""') + '"'
    return value


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    if encoding == "utf-16":  # Excel "Unicode text": UTF-16LE with a byte order mark
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    return text.encode(encoding)


def search_rows(file: SearchFile, dialect: Dialect) -> tuple[list[str], list[list[str]]]:
    roles = _roles(file, dialect)
    headers = [_header(r, dialect) for r in roles] + list(dialect.extras)
    rows = [[text_cell(rec, r, dialect, i) for r in roles]
            + [EXTRA_VALUES.get(x, "") for x in dialect.extras]
            for i, rec in enumerate(file.records)]  # fmt: skip
    return headers, rows


def render_search(folder: Path, file: SearchFile, dialect: Dialect) -> Path:
    """Write `file` in `dialect` into `folder`; returns the path."""
    path = folder / f"{file.stem}_{dialect.id}{dialect.suffix}"
    if dialect.suffix == ".xlsx":
        return _search_workbook(path, file, dialect)
    headers, rows = search_rows(file, dialect)
    for tweak in dialect.tweaks:
        headers, rows = TWEAKS[tweak](headers, rows)
    title = f"{file.stem.replace('_', ' ').title()} - practice search"
    lines = [_quote(line, dialect) if line else "" for line in
             preamble(dialect, title, len(rows))]  # fmt: skip
    if "preamble_cells" in dialect.tweaks:
        d = dialect.delimiter
        lines = [f"Practice:{d}Riverside Medical Centre{d}F99001", f"Run date:{d}02/12/2024",
                 f'Search:{d}"Vaccinations{d} September to December"', "",
                 f"Date range:{d}01/09/2024{d}31/12/2024", *lines]  # fmt: skip
    lines += [dialect.delimiter.join(c if c.startswith('="') else _quote(c, dialect) for c in row)
              for row in [headers, *rows]]  # fmt: skip
    lines += [line.format(count=len(rows)) for line in dialect.footer]
    if "footer_cells" in dialect.tweaks:
        d = dialect.delimiter
        lines += ["", f"Total patients{d}{len(rows)}", f"Generated{d}02/12/2024 09:14",
                  f"Page 1 of 1{d}", f"Printed by{d}J. Reviewer", "End of report"]  # fmt: skip
    text = dialect.newline.join(lines) + dialect.newline
    path.write_bytes(encode(text, dialect.encoding))
    return path


Grid = tuple[list[str], list[list[str]]]


def _each(rows: list[list[str]], change: Callable[[str], str]) -> list[list[str]]:
    return [[change(v) for v in row] for row in rows]


TWEAKS: dict[str, Callable[[list[str], list[list[str]]], Grid]] = {
    "trailing_delimiter": lambda h, r: ([*h, ""], [[*x, ""] for x in r]),
    "blank_columns": lambda h, r: ([c for v in h for c in (v, "")],
                                   [[c for v in x for c in (v, "")] for x in r]),
    "leading_blank_column": lambda h, r: (["", *h], [["", *x] for x in r]),
    "padded": lambda h, r: ([f" {v}  " for v in h], _each(r, lambda v: f"  {v} ")),
    "nbsp": lambda h, r: (h, _each(r, lambda v: v.replace(" ", "\u00a0"))),
    "multiline_header": lambda h, r: ([v.replace(" ", "\n", 1) for v in h], r),
    "multiline_term": lambda h, r: (h, _each(r, lambda v: v.replace("vaccin", "\nvaccin"))),
    "excel_text": lambda h, r: (h, _each(r, lambda v: f'="{v}"' if v[:1].isdigit() else v)),
    "duplicate_header": lambda h, r: ([*h, h[0], "Date"], [[*x, "", ""] for x in r]),
    "repeated_header": lambda h, r: (h, [*r[:5], [], ["Page 1 of 2"], h, *r[5:]]),
    "preamble_cells": lambda h, r: (h, r),  # in render_search
    "footer_cells": lambda h, r: (h, r),  # in render_search
}  # fmt: skip


def _search_workbook(path: Path, file: SearchFile, dialect: Dialect) -> Path:
    import openpyxl

    roles = _roles(file, dialect)
    headers = [_header(r, dialect) for r in roles] + list(dialect.extras)
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    if dialect.workbook == "layout":
        first.title = "About"
        first.append(["About this report"])
        first.append(["Invented data for testing; the patients are on the next sheet."])
        data = book.create_sheet("Patients")
        title = f"{file.stem.replace('_', ' ').title()} - practice search"
        data.append([title])
        data.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
        data.append(["Run on", dt.datetime(2024, 12, 2, 9, 14)])
        data.append([])
        data.append([])
    else:
        data = first
        data.title = "Search"
    for line in preamble(dialect, "Vaccination search", len(file.records)):
        data.append([line or None])
    data.append(headers)
    for i, rec in enumerate(file.records):
        data.append([_workbook_cell(rec, r, dialect, i) for r in roles])
    if dialect.workbook == "layout":
        data.append([])
        data.append(["Total", len(file.records)])
        data.append(["End of report"])
        summary = book.create_sheet("Summary")
        summary.append(["Month", "Count"])
        summary.append(["Sep 2024", 12])
    for line in dialect.footer:
        data.append([line.format(count=len(file.records)) or None])
    book.save(path)
    return path


def dialects() -> list[Dialect]:
    """Every dialect the tests render: each variety SPEC section 3 names, in combinations."""
    out = [
        Dialect("tab_txt", ".txt", "\t", newline="\r\n"),
        Dialect("semicolon_bom", ".csv", ";", "utf-8-sig", quote_all=True),
        Dialect("pipe_tsv_named", ".tsv", "|", date_form="dd-Mon-yyyy", nhs_style="spaces"),
        Dialect("tab_tsv", ".tsv", "\t", date_form="d/m/yy"),
        Dialect(
            "unicode_text",
            ".txt",
            "\t",
            "utf-16",
            newline="\r\n",
            preamble=3,
            footer=("", "Total: {count}"),
            date_form="dd Month yyyy",
            yes_no=(("✓", "ticked", "GMS"), ("", "Non-GMS")),
        ),
        Dialect(
            "windows1252",
            ".csv",
            ",",
            "cp1252",
            newline="\r\n",
            date_form="dd.mm.yyyy",
            nhs_style="dashes",
            sex_style="letter",
        ),
        Dialect(
            "windows1252_semicolon",
            ".csv",
            ";",
            "cp1252",
            preamble=5,
            footer=("", "End of report", "", ""),
            date_form="yyyy-mm-dd",
        ),
        Dialect(
            "preamble30",
            ".csv",
            ",",
            "utf-8-sig",
            preamble=30,
            footer=("", "Total: {count}", "End of report", ""),
        ),
        Dialect(
            "preamble30_tab_utf16",
            ".txt",
            "\t",
            "utf-16",
            preamble=30,
            newline="\r\n",
            footer=("Total,{count}",),
        ),
        Dialect("times", ".csv", date_form="dd/mm/yyyy HH:MM"),
        Dialect("iso_times", ".csv", date_form="yyyy-mm-ddTHH:MM:SS"),
        Dialect("named_times", ".csv", date_form="dd-Mon-yyyy HH:MM:SS"),
        Dialect("am_pm", ".csv", date_form="dd/mm/yyyy h:MM AM"),
        Dialect("mixed_dates", ".csv", date_form="mixed"),
        Dialect("weekday_dates", ".csv", date_form="Day dd/mm/yyyy", dob_form="d Mon yyyy"),
        Dialect(
            "synonyms_a",
            headers=(
                ("nhs_number", "NHS No"),
                ("surname", "Family Name"),
                ("forenames", "Given Name"),
                ("date_of_birth", "DOB"),
                ("sex", "Gender"),
                ("event_date", "Vaccination Date"),
                ("code", "SNOMED CT Concept ID"),
                ("term", "Rubric"),
                ("organisation", "ODS Code"),
                ("gms", "GMS Status"),
                ("non_gms", "Non GMS Flag"),
                ("edd", "Estimated Delivery Date"),
            ),
        ),
        Dialect(
            "synonyms_b",
            ".txt",
            "\t",
            headers=(
                ("nhs_number", "NHSNumber"),
                ("date_of_birth", "Birth Date"),
                ("event_date", "Date Given"),
                ("code", "Concept ID"),
                ("term", "Description"),
                ("organisation", "Recorded By"),
                ("gms", "GMS Flag"),
                ("edd", "Due Date"),
                ("forenames", "First Name"),
            ),
        ),
        Dialect(
            "synonyms_c",
            headers=(
                ("event_date", "Effective Date"),
                ("organisation", "Event Done At"),
                ("surname", "Last Name"),
                ("forenames", "Forename(s)"),
            ),
        ),
        Dialect(
            "synonyms_d",
            headers=(
                ("event_date", "Date Administered"),
                ("organisation", "Location"),
                ("code", "SNOMED Code"),
            ),
        ),
        Dialect(
            "synonyms_e",
            headers=(
                ("event_date", "Event Date"),
                ("organisation", "Site Code"),
                ("code", "SNOMED code:"),
            ),
        ),
        Dialect(
            "punctuation",
            headers=(
                ("nhs_number", "N.H.S. Number"),
                ("date_of_birth", "Date of birth:"),
                ("event_date", "Vaccination date:"),
                ("edd", "E.D.D."),
                ("non_gms", "Non-GMS?"),
                ("gms", "G.M.S."),
                ("sex", "Gender:"),
            ),
        ),
        Dialect("upper_headers", header_case="upper", shuffle=3),
        Dialect("lower_headers", ".txt", "\t", header_case="lower", shuffle=4),
        Dialect("name_upper", name_style="SURNAME, Forename"),
        Dialect(
            "name_titled",
            ".txt",
            "\t",
            name_style="Surname, Forename (Mrs)",
            headers=(("name", "Name"),),
        ),
        Dialect("age_at_event", birth="age", headers=(("age", "Age at Event"),)),
        Dialect("age_plain", ".txt", "|", birth="age", sex_style="lower"),
        Dialect(
            "gms_words",
            gms_role="gms",
            yes_no=(
                ("yes", "y", "true", "1", "x", "ticked", "✓", "GMS"),
                ("no", "n", "false", "0", "", "Non-GMS"),
            ),
        ),
        Dialect(
            "non_gms_words",
            gms_role="non_gms",
            yes_no=(("Yes", "Y", "TRUE", "1", "X", "ticked", "✓"), ("No", "N", "FALSE", "0", "")),
        ),
        Dialect(
            "gms_1252",
            encoding="cp1252",
            gms_role="gms",
            yes_no=(("Y", "yes", "x", "GMS"), ("N", "", "Non-GMS")),
        ),
        Dialect("ravs", ravs=True, date_form="ravs", sex_style="code", nhs_style="plain"),
        Dialect("ravs_dd", ".csv", "|", ravs=True, date_form="dd/mm/yyyy HH:MM"),
        Dialect("programme_ids", programme_column="id"),
        Dialect(
            "programme_display",
            programme_column="display",
            headers=(("programme", "Vaccination Programme"),),
        ),
        Dialect("programme_indicators", ".txt", "\t", programme_column="indicator"),
        Dialect("programme_aliases", programme_column="alias", shuffle=11),
        Dialect("given_programme", given_programme=True),
        Dialect("given_no_code", given_programme=True, code_column=False),
        Dialect(
            "extra_columns",
            extras=("Usual GP", "Registration Status", "Postcode", "Batch Number", "Comment"),
        ),
        Dialect(
            "distractors",
            extras=(
                "Injection Site",
                "Expiry Date",
                "Entry Date",
                "Middle Name",
                "Route",
                "Performing Professional Surname",
                "Mother NHS Number",
                "Date Recorded",
            ),
        ),
        Dialect(
            "bracketed_headers",
            name_style="Surname, Forename",
            headers=(
                ("event_date", "Date Given (dd/mm/yyyy)"),
                ("name", "Name (Surname, Forename)"),
                ("edd", "EDD (pregnancy)"),
                ("nhs_number", "NHS Number (formatted)"),
                ("non_gms", "Non GMS (Y/N)"),
                ("date_of_birth", "Date of Birth (DOB)"),
            ),
        ),
        Dialect("trailing_delimiter", tweaks=("trailing_delimiter", "footer_cells")),
        Dialect("blank_columns", ".txt", "\t", tweaks=("blank_columns", "preamble_cells")),
        Dialect("leading_blank_column", ".csv", ";", tweaks=("leading_blank_column", "padded")),
        Dialect("nbsp", tweaks=("nbsp", "duplicate_header")),
        Dialect("multiline_cells", tweaks=("multiline_header", "multiline_term"), preamble=4),
        Dialect("excel_text", tweaks=("excel_text",), nhs_style="spaces"),
        Dialect("repeated_header", ".txt", "\t", tweaks=("repeated_header",), preamble=3),
        Dialect("cr_only", newline="\r", encoding="cp1252", preamble=2),
        Dialect(
            "quoted_everything", ".txt", "\t", "utf-16", quote_all=True, tweaks=("footer_cells",)
        ),
        Dialect("xlsx_plain", ".xlsx"),
        Dialect("xlsx_layout", ".xlsx", workbook="layout", preamble=2),
        Dialect(
            "xlsx_layout_synonyms",
            ".xlsx",
            workbook="layout",
            gms_role="gms",
            yes_no=(("Yes", "TRUE", "1", "x", "✓"), ("No", "FALSE", "0", "")),
            headers=(
                ("nhs_number", "NHS No"),
                ("event_date", "Date Given"),
                ("code", "SNOMED CT Concept ID"),
                ("organisation", "Event Done At"),
            ),
        ),
        Dialect(
            "xlsx_spaced_nhs",
            ".xlsx",
            nhs_style="spaces",
            name_style="SURNAME, Forename",
            preamble=30,
        ),
        Dialect("xlsx_age", ".xlsx", birth="age", workbook="layout", programme_column="alias"),
        Dialect("xlsx_no_code", ".xlsx", given_programme=True, code_column=False),
        Dialect("xlsx_ravs", ".xlsx", ravs=True, sex_style="code", workbook="layout"),
    ]
    out += _combinations(24)
    return out


def _combinations(count: int) -> list[Dialect]:
    """Seeded random combinations of every dimension, for interactions no list names."""
    rng = random.Random(20241202)
    out = []
    for n in range(count):
        suffix = rng.choice([".csv", ".txt", ".tsv", ".xlsx"])
        encoding = rng.choice(["utf-8", "utf-8-sig", "utf-16", "cp1252"])
        yes = tuple(rng.sample(YES, 3))
        no = tuple(rng.sample(NO, 2))
        if encoding == "cp1252":
            yes = tuple(t for t in yes if t != "✓") or ("Y",)
        headers = tuple((role, rng.choice(names)) for role, names in SYNONYMS.items())
        birth = rng.choice(["dob", "dob", "age"])
        ravs = rng.random() < 0.15
        out.append(
            Dialect(
                f"combo{n:02d}",
                suffix,
                rng.choice([",", "\t", ";", "|"]),
                encoding,
                newline=rng.choice(["\n", "\r\n"]),
                quote_all=rng.random() < 0.3,
                preamble=rng.choice([0, 0, 1, 4, 12, 30]),
                footer=rng.choice([(), ("",), ("Total: {count}",), ("", "End of report"),
                                   ("Total,{count}", "", "")]),
                headers=() if ravs else headers,
                header_case=rng.choice(["as", "as", "upper", "lower"]),
                date_form=rng.choice([*DATE_FORMS, "mixed"]),
                nhs_style=rng.choice(["plain", "spaces", "dashes"]),
                name_style=rng.choice(["split", "split", "SURNAME, Forename",
                                       "Surname, Forename (Mrs)"]),
                birth=birth,
                gms_role=rng.choice([None, "gms", "non_gms"]),
                yes_no=(yes, no),
                sex_style=rng.choice(["word", "letter", "code", "lower"]),
                programme_column=rng.choice([None, None, "id", "display", "indicator", "alias"]),
                shuffle=rng.randrange(1000) if rng.random() < 0.5 else None,
                ravs=ravs,
                workbook=rng.choice(["plain", "layout"]),
            )
        )  # fmt: skip
    return out


def search_args(folder: Path, dialect: Dialect, files: Sequence[SearchFile]) -> list[str]:
    """The --search arguments for the files of the truth rendered in `dialect`."""
    args = []
    for file in files:
        if not dialect.code_column and file.programme is None:
            file_dialect = replace(dialect, code_column=True)
        elif not dialect.code_column and file.programme == "pertussis_pregnant":
            file_dialect = replace(dialect, code_column=True)  # its marker needs the code
        else:
            file_dialect = dialect
        path = render_search(folder, file, file_dialect)
        given = dialect.given_programme and file.programme is not None
        args += ["--search", f"{file.programme}={path}" if given else str(path)]
    return args


# ---------------------------------------------------------------- CQRS figures


@dataclass(frozen=True)
class ClaimRow:
    service: str
    indicator: str
    month: str  # YYYY-MM
    count: int


CLAIMS = (
    ClaimRow("Pertussis (Pregnant Women) Vaccination Programme", "PT001", "2024-09", 7),
    ClaimRow("Pertussis (Pregnant Women) Vaccination Programme", "PT001", "2024-10", 3),
    ClaimRow("Pertussis (Pregnant Women) Vaccination Programme", "PT001", "2024-11", 2),
    ClaimRow("RSV Pregnant Women", "RSVP001", "2024-09", 4),
    ClaimRow("RSV Pregnant Women", "RSVP001", "2024-10", 2),
    ClaimRow("HPV Programme", "HPV003", "2024-10", 1),
    ClaimRow("Meningococcal ACWY", "MENACWY001", "2024-10", 0),
    ClaimRow("Hepatitis B at risk (newborn)", "HEPB001", "2024-09", 2),
    ClaimRow("Shingles Vaccination Programme", "SHI001", "2024-09", 4),
    ClaimRow("RSV older adults", "RSV003", "2024-10", 9),
)
IGNORED_SERVICES = ("RSV older adults", "Shingles")


@dataclass(frozen=True)
class CqrsDialect:
    id: str
    form: str = "long"  # long or wide
    suffix: str = ".csv"
    delimiter: str = ","
    encoding: str = "utf-8"
    month_form: str = "dd/mm/yyyy"  # Sep 2024, September 2024, Sep-24, 2024-09, dd/mm/yyyy
    labels: str = "both"  # both, indicator, service
    headers: tuple[str, str, str, str] = ("Service", "Indicator", "Achievement Date", "Value")
    preamble: int = 0
    footer: tuple[str, ...] = ()
    tweaks: tuple[str, ...] = ()  # decimal_counts, month_year_columns, blank_label, dash


def _month_end(month: str) -> dt.date:
    year, mon = int(month[:4]), int(month[5:])
    nxt = dt.date(year + mon // 12, mon % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def format_month(month: str, form: str) -> str:
    first = dt.date(int(month[:4]), int(month[5:]), 1)
    forms: dict[str, Callable[[], str]] = {
        "Sep 2024": lambda: f"{first:%b %Y}",
        "September 2024": lambda: f"{first:%B %Y}",
        "Sep-24": lambda: f"{first:%b-%y}",
        "2024-09": lambda: month,
        "dd/mm/yyyy": lambda: f"{_month_end(month):%d/%m/%Y}",
        "01/mm/yyyy": lambda: f"{first:%d/%m/%Y}",
    }
    return forms[form]()


def _claim_table(dialect: CqrsDialect) -> list[list[object]]:
    label_headers = {"both": [0, 1], "indicator": [1], "service": [0]}[dialect.labels]
    if dialect.form == "long":
        head = [dialect.headers[i] for i in label_headers] + list(dialect.headers[2:])
        rows: list[list[object]] = [head]
        for c in CLAIMS:
            labels = [(c.service, c.indicator)[i] for i in label_headers]
            month: object = format_month(c.month, dialect.month_form)
            if dialect.suffix == ".xlsx" and dialect.month_form == "dd/mm/yyyy":
                month = _month_end(c.month)
            count: object = c.count if dialect.suffix == ".xlsx" else str(c.count)
            if "decimal_counts" in dialect.tweaks:
                count = f"{c.count}.00"
            if "month_year_columns" in dialect.tweaks:
                first = dt.date(int(c.month[:4]), int(c.month[5:]), 1)
                rows.append([*labels, f"{first:%B}", str(first.year), count])
            else:
                rows.append([*labels, month, count])
        if "month_year_columns" in dialect.tweaks:
            rows[0] = [*head[:-1], "Year", head[-1]]
        return rows
    months = sorted({c.month for c in CLAIMS})
    month_heads: list[object] = [format_month(m, dialect.month_form) for m in months]
    if dialect.suffix == ".xlsx" and dialect.month_form == "dd/mm/yyyy":
        month_heads = [_month_end(m) for m in months]
    rows = [[dialect.headers[i] for i in label_headers] + month_heads + ["Total"]]
    keys = list(dict.fromkeys((c.service, c.indicator) for c in CLAIMS))
    for key in keys:
        by_month = {c.month: c.count for c in CLAIMS if (c.service, c.indicator) == key}
        blank = "-" if "dash" in dialect.tweaks else ""
        counts: list[object] = [by_month.get(m, blank) for m in months]
        if dialect.suffix != ".xlsx":
            counts = [str(v) for v in counts]
        total = sum(by_month.values())
        rows.append([key[i] for i in label_headers] + counts + [total])
    if "blank_label" in dialect.tweaks:
        rows[0][0] = ""
    return rows


def render_cqrs(folder: Path, dialect: CqrsDialect) -> Path:
    path = folder / f"cqrs_{dialect.id}{dialect.suffix}"
    table = _claim_table(dialect)
    if dialect.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for i in range(dialect.preamble):
            sheet.append(["CQRS achievement report" if i == 0 else None])
        for row in table:
            sheet.append(row)
        for line in dialect.footer:
            sheet.append([line or None])
        book.save(path)
        return path
    lines = ["CQRS achievement report" if i == 0 else "" for i in range(dialect.preamble)]
    for row in table:
        lines.append(
            dialect.delimiter.join(
                '"' + str(v) + '"' if dialect.delimiter in str(v) else str(v) for v in row
            )
        )
    lines += list(dialect.footer)
    path.write_bytes(encode("\n".join(lines) + "\n", dialect.encoding))
    return path


def cqrs_dialects() -> list[CqrsDialect]:
    return [
        CqrsDialect("long_sample"),
        CqrsDialect(
            "long_month_names",
            month_form="Sep 2024",
            labels="indicator",
            headers=("Service", "Indicator ID", "Month", "Claimed"),
        ),
        CqrsDialect(
            "long_full_months",
            month_form="September 2024",
            labels="service",
            headers=("Programme", "Indicator", "Period", "Count"),
        ),
        CqrsDialect(
            "long_short_year",
            suffix=".txt",
            delimiter="\t",
            encoding="utf-16",
            month_form="Sep-24",
            preamble=2,
        ),
        CqrsDialect(
            "long_iso_month",
            suffix=".csv",
            delimiter=";",
            encoding="cp1252",
            month_form="2024-09",
            labels="service",
            headers=("Description", "Code", "Month", "Number"),
        ),
        CqrsDialect("long_first_of_month", month_form="01/mm/yyyy", footer=("", "Total,,,29")),
        CqrsDialect("long_xlsx", suffix=".xlsx", preamble=3, footer=("", "End of report")),
        CqrsDialect(
            "long_xlsx_names", suffix=".xlsx", month_form="September 2024", labels="service"
        ),
        CqrsDialect("wide_sep_2024", form="wide", month_form="Sep 2024"),
        CqrsDialect(
            "wide_blank_label_header",
            form="wide",
            month_form="Sep 2024",
            labels="service",
            tweaks=("blank_label", "dash"),
        ),
        CqrsDialect("long_decimal_counts", month_form="Sep-24", tweaks=("decimal_counts",)),
        CqrsDialect(
            "long_month_and_year",
            labels="indicator",
            tweaks=("month_year_columns",),
            headers=("Service", "Indicator", "Month", "Claimed"),
        ),
        CqrsDialect("wide_september", form="wide", month_form="September 2024", labels="service"),
        CqrsDialect(
            "wide_sep_24",
            suffix=".txt",
            delimiter="\t",
            form="wide",
            month_form="Sep-24",
            labels="indicator",
        ),
        CqrsDialect(
            "wide_iso",
            suffix=".csv",
            delimiter=";",
            encoding="utf-8-sig",
            form="wide",
            month_form="2024-09",
        ),
        CqrsDialect(
            "wide_dates", form="wide", month_form="dd/mm/yyyy", labels="indicator", preamble=4
        ),
        CqrsDialect(
            "wide_xlsx_dates", suffix=".xlsx", form="wide", month_form="dd/mm/yyyy", preamble=2
        ),
        CqrsDialect(
            "wide_xlsx_names", suffix=".xlsx", form="wide", month_form="Sep-24", labels="service"
        ),
    ]
