"""CQRS figures in long and wide form, every month form, notices; the --claim argument."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cqrs_desktop.domain.model import Claim
from cqrs_desktop.domain.rules import Rules
from cqrs_desktop.sources import SourceError, parse_claim_arg, read_cqrs, read_cqrs_text

from .helpers import write_csv, write_xlsx


def claims_of(path: Path, rules: Rules) -> list[tuple[str, str, int]]:
    return [(c.programme, c.month, c.count) for c in read_cqrs(path, rules).claims]


def test_sample_figures(samples: Path, rules: Rules) -> None:
    result = read_cqrs(samples / "cqrs_figures.csv", rules)
    assert [(c.programme, c.month, c.count) for c in result.claims] == [
        ("pertussis_pregnant", "2024-09", 7),
        ("pertussis_pregnant", "2024-10", 3),
        ("pertussis_pregnant", "2024-11", 2),
        ("rsv_pregnant", "2024-09", 4),
        ("rsv_pregnant", "2024-10", 2),
        ("hpv", "2024-10", 1),
    ]
    assert all(c.source == "cqrs_figures.csv" for c in result.claims)
    assert result.notices == ["Shingles rows left out: not a programme this review checks"]
    s = result.summary
    assert (s.kind, s.rows_read, s.events, s.markers, s.skipped) == ("cqrs", 7, 0, 0, 1)
    assert s.warnings == tuple(result.notices)


@pytest.mark.parametrize(
    "month", ["Sep 2024", "September 2024", "Sep-24", "2024-09", "30/09/2024", "01/09/2024"]
)
def test_long_form_month_forms(tmp_path: Path, rules: Rules, month: str) -> None:
    rows = [["Programme", "Month", "Count"], ["RSV Pregnant Women", month, "4"]]
    path = write_csv(tmp_path / "cqrs.csv", rows)
    assert claims_of(path, rules) == [("rsv_pregnant", "2024-09", 4)]


@pytest.mark.parametrize(
    ("label", "programme"),
    [("PT001", "pertussis_pregnant"), ("RSVP001", "rsv_pregnant"), ("HPV003", "hpv"),
     ("Pertussis (Pregnant Women) Vaccination Programme", "pertussis_pregnant"),
     ("Hepatitis B at risk (newborn)", "hepb_babies"), ("Meningococcal ACWY", "menacwy"),
     ("menacwy", "menacwy")],
)  # fmt: skip
def test_programme_labels(tmp_path: Path, rules: Rules, label: str, programme: str) -> None:
    rows = [["Indicator", "Achievement Date", "Value"], [label, "30/09/2024", "2"]]
    path = write_csv(tmp_path / "cqrs.csv", rows)
    assert claims_of(path, rules) == [(programme, "2024-09", 2)]


def test_wide_form_with_each_month_header(tmp_path: Path, rules: Rules) -> None:
    rows = [
        ["CQRS achievement 2024/25"],
        [],
        ["Service", "Sep 2024", "October 2024", "Nov-24", "2024-12", "31/01/2025", "Total"],
        ["Pertussis (Pregnant Women) Vaccination Programme", "7", "3", "", "0", "1", "11"],
        ["RSV Pregnant Women", "4", "2", "1", "", "", "7"],
        ["RSV older adults", "9", "9", "9", "9", "9", "45"],
        ["Seasonal flu", "100", "", "", "", "", "100"],
    ]
    result = read_cqrs(write_csv(tmp_path / "cqrs.csv", rows), rules)
    assert [(c.programme, c.month, c.count) for c in result.claims] == [
        ("pertussis_pregnant", "2024-09", 7),
        ("pertussis_pregnant", "2024-10", 3),
        ("pertussis_pregnant", "2024-12", 0),
        ("pertussis_pregnant", "2025-01", 1),
        ("rsv_pregnant", "2024-09", 4),
        ("rsv_pregnant", "2024-10", 2),
        ("rsv_pregnant", "2024-11", 1),
    ]
    assert result.notices == [
        "RSV older adults rows left out: not a programme this review checks",
        "Seasonal flu rows left out: not a programme this review checks",
    ]


def test_wide_form_workbook_with_date_headers(tmp_path: Path, rules: Rules) -> None:
    rows: list[list[object]] = [
        ["Indicator", dt.datetime(2024, 9, 30), dt.datetime(2024, 10, 31)],
        ["PT001", 7, 3],
        ["HPV003", None, 1.0],
    ]
    path = write_xlsx(tmp_path / "cqrs.xlsx", {"Notes": [["read me"]], "Figures": rows})
    assert claims_of(path, rules) == [
        ("pertussis_pregnant", "2024-09", 7),
        ("pertussis_pregnant", "2024-10", 3),
        ("hpv", "2024-10", 1),
    ]


def test_indicator_column_is_tried_before_the_description(tmp_path: Path, rules: Rules) -> None:
    rows = [
        ["Description", "Indicator", "Month", "Claimed"],
        ["RSV vaccination", "RSV003", "Sep 2024", "5"],  # older adults, by indicator
        ["Maternal programme", "RSVP001", "Sep 2024", "2"],
    ]
    result = read_cqrs(write_csv(tmp_path / "cqrs.csv", rows), rules)
    assert [(c.programme, c.count) for c in result.claims] == [("rsv_pregnant", 2)]
    assert result.notices == ["RSV older adults rows left out: not a programme this review checks"]


def test_duplicate_rows_keep_the_last_with_a_notice(tmp_path: Path, rules: Rules) -> None:
    rows = [
        ["Programme", "Month", "Count"],
        ["PT001", "Sep 2024", "7"],
        ["PT001", "30/09/2024", "6"],
    ]
    result = read_cqrs(write_csv(tmp_path / "cqrs.csv", rows), rules)
    assert [(c.month, c.count) for c in result.claims] == [("2024-09", 6)]
    assert result.notices == [
        "Pertussis (pregnant women) 2024-09 appears more than once; the last figure (6, row 3) "
        "is used; the other was 7: check it against CQRS"
    ]


def test_one_claim_labelled_two_ways_is_not_added_to_itself(tmp_path: Path, rules: Rules) -> None:
    """Pertussis is claimed under one indicator: a row by its service name and another by
    a plainer name are the same month's claim twice, not two to add (before: 14 claimed,
    and the email asked to amend 14)."""
    rows = [
        ["Service", "Month", "Count"],
        ["Pertussis (Pregnant Women) Vaccination Programme", "Sep 2024", "7"],
        ["Maternal pertussis", "Sep 2024", "7"],
    ]
    result = read_cqrs(write_csv(tmp_path / "cqrs.csv", rows), rules)
    assert [(c.programme, c.count) for c in result.claims] == [("pertussis_pregnant", 7)]
    assert result.notices == [
        "Pertussis (pregnant women) 2024-09 appears more than once; the last figure (7, row 3) "
        "is used: check it against CQRS"
    ]


def test_a_zero_beside_the_figure_does_not_replace_it(tmp_path: Path, rules: Rules) -> None:
    """A service renamed during the year, each row's other months filled with 0: each
    month's figure counts, whichever row comes last (said)."""
    rows = [
        ["Service", "Sep 2024", "Oct 2024", "Nov 2024"],
        ["Maternal RSV", "5", "6", "0"],
        ["RSV (pregnant women)", "0", "0", "4"],
    ]
    result = read_cqrs(write_csv(tmp_path / "cqrs.csv", rows), rules)
    assert [(c.month, c.count) for c in result.claims] == [
        ("2024-09", 5), ("2024-10", 6), ("2024-11", 4)
    ]  # fmt: skip
    assert result.notices[0] == (
        "RSV (pregnant women) 2024-09 appears more than once; 5 is used, not the 0 beside it: "
        "check it against CQRS"
    )


def test_two_names_of_one_programme_are_not_two_indicators(tmp_path: Path, rules: Rules) -> None:
    """HepB has several indicators (its doses), but two rows each naming the programme
    itself are one claim twice, not doses to add."""
    rows = [
        ["Service", "Month", "Count"],
        ["Hepatitis B at-risk babies", "Sep 2024", "3"],
        ["hepb_babies", "Sep 2024", "3"],
    ]
    result = read_cqrs(write_csv(tmp_path / "cqrs.csv", rows), rules)
    assert [(c.programme, c.count) for c in result.claims] == [("hepb_babies", 3)]


def test_an_indicator_given_again_after_another_is_not_added_to_itself(
    tmp_path: Path, rules: Rules
) -> None:
    """HEPB001, HEPB002, then HEPB001 again: 3 + 2, the last HEPB001 used (before, the
    label "HEPB001 + HEPB002" made the third row look new: 8)."""
    rows = [
        ["Indicator", "Month", "Value"],
        ["HEPB001", "Sep 2024", "3"],
        ["HEPB002", "Sep 2024", "2"],
        ["HEPB001", "Sep 2024", "3"],
    ]
    result = read_cqrs(write_csv(tmp_path / "cqrs.csv", rows), rules)
    assert [(c.programme, c.count) for c in result.claims] == [("hepb_babies", 5)]
    assert result.notices == [
        "Hepatitis B at-risk babies 2024-09 appears more than once; the last figure (3, row 4) "
        "is used: check it against CQRS",
        "Hepatitis B at-risk babies 2024-09: figures for 'HEPB001' and 'HEPB002' were added "
        "together (5)",
    ]


def test_different_indicators_of_one_programme_are_added(tmp_path: Path, rules: Rules) -> None:
    rows = [
        ["Indicator", "Month", "Value"],
        ["HEPB001", "Sep 2024", "2"],
        ["HEPB002", "Sep 2024", "1"],
    ]
    result = read_cqrs(write_csv(tmp_path / "cqrs.csv", rows), rules)
    assert [(c.programme, c.count) for c in result.claims] == [("hepb_babies", 3)]
    assert "added together" in result.notices[0]


def test_rows_with_bad_month_or_count_are_left_out_with_a_notice(
    tmp_path: Path, rules: Rules
) -> None:
    rows = [
        ["Programme", "Month", "Count"],
        ["PT001", "someday", "7"],
        ["PT001", "Oct 2024", "lots"],
        ["HPV001", "Oct 2024", "2"],
        ["Mystery service", "Oct 2024", "2"],
    ]
    result = read_cqrs(write_csv(tmp_path / "cqrs.csv", rows), rules)
    assert [(c.programme, c.count) for c in result.claims] == [("hpv", 2)]
    assert result.notices == [
        "'Mystery service' rows left out: not a programme the rules know",
        "row 2 left out: no month that can be read",
        "row 3 left out: the count is not a whole number",
    ]


def test_only_other_services_is_an_error(tmp_path: Path, rules: Rules) -> None:
    rows = [["Service", "Month", "Count"], ["Shingles", "Sep 2024", "3"]]
    with pytest.raises(SourceError, match=r"no row names a programme .*left out: Shingles"):
        read_cqrs(write_csv(tmp_path / "cqrs.csv", rows), rules)


def test_no_recognisable_rows_is_an_error(tmp_path: Path, rules: Rules) -> None:
    rows = [["Service", "Month", "Count"], ["Something", "Sep 2024", "3"]]
    with pytest.raises(SourceError, match=r"cqrs\.csv: no row names a programme"):
        read_cqrs(write_csv(tmp_path / "cqrs.csv", rows), rules)


def test_a_search_export_is_named_as_such(samples: Path, rules: Rules) -> None:
    with pytest.raises(SourceError, match="looks like a patient search export"):
        read_cqrs(samples / "systmone_rsv_search.csv", rules)


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("pertussis_pregnant:2024-09=7", Claim("pertussis_pregnant", "2024-09", 7, "command line")),
        ("RSV Pregnant Women:Sep 2024=0", Claim("rsv_pregnant", "2024-09", 0, "command line")),
        ("HPV003:2024-10=12", Claim("hpv", "2024-10", 12, "command line")),
    ],
)
def test_claim_argument(rules: Rules, text: str, claim: Claim) -> None:
    assert parse_claim_arg(text, rules) == claim


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("pertussis_pregnant=7", "is not a claim: use PROGRAMME:YYYY-MM=N"),
        ("polio:2024-09=7", "'polio' is not a programme"),
        ("pertussis_pregnant:2024-13=7", "'2024-13' is not a month"),
        ("pertussis_pregnant:2024-09=seven", "'seven' is not a whole number"),
        ("pertussis_pregnant:2024-09=-1", "'-1' is not a whole number"),
    ],
)
def test_claim_argument_errors(rules: Rules, text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_claim_arg(text, rules)


def test_pasted_figures(rules: Rules) -> None:
    pasted = "Indicator\tMonth\tClaimed\r\nPT001\tSep 2024\t7\r\nRSVP001\tSep 2024\t4\r\n"
    result = read_cqrs_text(pasted, rules)
    assert [(c.programme, c.count, c.source) for c in result.claims] == [
        ("pertussis_pregnant", 7, "pasted figures"),
        ("rsv_pregnant", 4, "pasted figures"),
    ]


def test_adult_hepatitis_b_rows_are_left_out_not_taken_as_babies(
    tmp_path: Path, rules: Rules
) -> None:
    """SPEC section 3: "Hepatitis B (adult at risk)" and other adult HepB rows are left out
    with a notice, never added to the at-risk babies' claim."""
    rows = [
        ["Service", "Sep 2024", "Oct 2024"],
        ["Hepatitis B (adult at risk)", "2", "3"],
        ["Hep B adults", "1", ""],
        ["HepB - adults at risk", "4", ""],
        ["Hepatitis B at risk (newborn)", "1", "1"],
    ]
    result = read_cqrs(write_csv(tmp_path / "cqrs.csv", rows), rules)
    assert [(c.programme, c.month, c.count) for c in result.claims] == [
        ("hepb_babies", "2024-09", 1),
        ("hepb_babies", "2024-10", 1),
    ]
    assert result.notices == [
        "Hepatitis B adults at risk rows left out: not a programme this review checks"
    ]


def test_the_routine_six_in_one_is_neither_flu_nor_the_at_risk_babies_hepb(rules: Rules) -> None:
    """Its "Haemophilus influenzae" once read as flu, and "hepatitis B" as the programme."""
    for label in (
        "Diphtheria, tetanus, pertussis, poliomyelitis, Haemophilus influenzae type b and "
        "hepatitis B vaccination",
        "Infanrix hexa (DTaP/IPV/Hib/HepB)",
    ):
        assert rules.classify_label(label) == "ignored:Routine childhood vaccines (6-in-1, Hib)"
    assert rules.classify_label("Seasonal influenza vaccination") == "ignored:Seasonal flu"
    # the pertussis vaccine given in pregnancy is written dTaP/IPV too: never left out so
    assert not (rules.classify_label("dTaP/IPV vaccination in pregnancy") or "").startswith(
        "ignored:"
    )


def test_a_row_shifted_by_an_unquoted_comma_is_refused_not_claimed_wrongly(
    tmp_path: Path, rules: Rules
) -> None:
    """'checked, 4' in the notes pushed the count of 6 past the header: 4 was read as the
    claim, with only a notice."""
    path = tmp_path / "cq.csv"
    path.write_text(
        "Programme,Month,Status,Notes,Count\nPT001,Sep 2024,Approved,checked, 4,6\n",
        encoding="utf-8",
    )
    with pytest.raises(SourceError, match=r"line 2: it has more values than the header"):
        read_cqrs(path, rules)


def test_the_month_claimed_for_is_read_not_the_day_the_claim_was_declared(
    tmp_path: Path, rules: Rules
) -> None:
    """A CQRS export with a Declaration Date before the Achievement Date: the first date
    column was taken as the month, so each claim moved to the month it was declared in
    and the email asked to amend claims that were never made; the column not used is said."""
    path = tmp_path / "cqrs.csv"
    path.write_text(
        "Service,Indicator,Declaration Date,Achievement Date,Value,Status\n"
        "Pertussis (Pregnant Women) Vaccination Programme,PT001,05/11/2024,30/09/2024,5,Declared\n"
        "Pertussis (Pregnant Women) Vaccination Programme,PT001,04/12/2024,31/10/2024,2,Declared\n",
        encoding="utf-8",
    )
    result = read_cqrs(path, rules)
    assert [(c.month, c.count) for c in result.claims] == [("2024-09", 5), ("2024-10", 2)]
    assert (
        "months read from “Achievement Date” and counts from “Value”; not used: "
        "“Declaration Date”" in result.notices
    )


def test_an_amount_of_money_is_never_the_count(tmp_path: Path, rules: Rules) -> None:
    """ "Value (£)" ranked above "Achievement": 50 HepB doses paid £503.00 were claimed as
    503 (and 50.30 is no whole number, so a claim was lost)."""
    path = tmp_path / "cqrs.csv"
    path.write_text(
        "Service,Indicator,Achievement Date,Achievement,Value (£)\n"
        "Pertussis (Pregnant Women) Vaccination Programme,PT001,30/09/2024,5,50.30\n"
        "Hepatitis B at risk (newborn),HEPB001,31/10/2024,50,503.00\n",
        encoding="utf-8",
    )
    result = read_cqrs(path, rules)
    assert [(c.programme, c.count) for c in result.claims] == [
        ("pertussis_pregnant", 5),
        ("hepb_babies", 50),
    ]
    assert any("not used: “Value (£)”" in n for n in result.notices)
    for money in ("Payment", "Amount", "Value £"):
        text = f"Service,Month,{money}\nPT001,Sep 2024,5\n"
        with pytest.raises(SourceError):  # no count column at all: not taken for one
            read_cqrs_text(text, rules)


_PT = "Pertussis (Pregnant Women) Vaccination Programme,PT001"
_HEPB = "Hepatitis B at risk (newborn),HEPB001"


def test_the_payment_in_value_is_not_the_count_beside_an_achievement(rules: Rules) -> None:
    """A real CQRS layout: "Value" (the payment, £503.00 for 50 HepB doses) ranked above
    "Achievement", so 503 doses were claimed, and a row paid £70.42 was left out."""
    text = (
        "Service,Indicator,Achievement Date,Achievement,Payment Date,Value,Status\n"
        f"{_PT},30/09/2024,7,31/10/2024,70.42,Paid\n"
        f"{_HEPB},31/10/2024,50,30/11/2024,503.00,Paid\n"
    )
    result = read_cqrs_text(text, rules)
    assert [(c.programme, c.month, c.count) for c in result.claims] == [
        ("pertussis_pregnant", "2024-09", 7),
        ("hepb_babies", "2024-10", 50),
    ]
    assert result.notices == [
        "months read from “Achievement Date” and counts from “Achievement”; not used: "
        "“Payment Date”, “Value”"
    ]


@pytest.mark.parametrize(
    ("columns", "values", "notice"),
    [("Achievement,Points,Value", ("7,0,70.42", "50,0,503.42"),
      "counts from “Achievement”; not used: “Points”, “Value”"),
     ("Achievement,Achievement Value", ("7,70.42", "50,503.42"),
      "counts from “Achievement”; not used: “Achievement Value”"),
     ("Count,Total Value", ("7,70.42", "50,503.00"),
      "counts from “Count”; not used: “Total Value”"),
     ("Value,Doses", ("70.42,7", "503.00,50"), "counts from “Doses”; not used: “Value”")],
)  # fmt: skip
def test_a_value_or_points_column_ranks_after_every_count(
    rules: Rules, columns: str, values: tuple[str, str], notice: str
) -> None:
    """The first two were refused (every "Value" to the penny: no count could be read), the
    last claimed 503 and left the £70.42 row out; a "Count" first was read right already."""
    text = (
        f"Service,Indicator,Achievement Date,{columns}\n"
        f"{_PT},30/09/2024,{values[0]}\n{_HEPB},31/10/2024,{values[1]}\n"
    )
    result = read_cqrs_text(text, rules)
    assert [(c.programme, c.month, c.count) for c in result.claims] == [
        ("pertussis_pregnant", "2024-09", 7),
        ("hepb_babies", "2024-10", 50),
    ]
    assert result.notices == [f"months read from “Achievement Date” and {notice}"]


def test_value_alone_is_still_the_count(rules: Rules) -> None:
    result = read_cqrs_text("Indicator,Achievement Date,Value\nPT001,30/09/2024,2\n", rules)
    assert [(c.programme, c.month, c.count) for c in result.claims] == [
        ("pertussis_pregnant", "2024-09", 2)
    ]
    assert result.notices == []


def test_an_achieved_column_is_the_count_beside_a_payment(rules: Rules) -> None:
    """ "Achieved" was no count word: the file was refused as naming no programme."""
    text = (
        "Service,Indicator,Achievement Date,Achieved,Payment Date,Payment\n"
        f"{_PT},30/09/2024,7,31/10/2024,70.42\n{_HEPB},31/10/2024,50,30/11/2024,503.00\n"
    )
    result = read_cqrs_text(text, rules)
    assert [(c.programme, c.month, c.count) for c in result.claims] == [
        ("pertussis_pregnant", "2024-09", 7),
        ("hepb_babies", "2024-10", 50),
    ]
    assert result.notices == [
        "months read from “Achievement Date” and counts from “Achieved”; not used: "
        "“Payment Date”, “Payment”"
    ]


def test_a_count_column_holding_pence_gives_way_to_one_of_whole_numbers(rules: Rules) -> None:
    """Whatever the names, amounts to the penny in most cells are money: the whole numbers
    beside them are the count (and the notice says so)."""
    text = (
        "Service,Indicator,Achievement Date,Claimed,Quantity\n"
        f"{_PT},30/09/2024,70.42,7\n{_HEPB},31/10/2024,503.00,50\n"
        f"{_HEPB},30/11/2024,,0\n"
    )
    result = read_cqrs_text(text, rules)
    assert [(c.programme, c.month, c.count) for c in result.claims] == [
        ("pertussis_pregnant", "2024-09", 7),
        ("hepb_babies", "2024-10", 50),
        ("hepb_babies", "2024-11", 0),
    ]
    assert result.notices == [
        "months read from “Achievement Date” and counts from “Quantity”; not used: “Claimed”"
    ]


def test_whole_pounds_alone_do_not_make_a_count_column_money(rules: Rules) -> None:
    """ "503.00" in every cell may be a count from a number cell: the ranking stands."""
    text = (
        "Service,Indicator,Achievement Date,Claimed,Quantity\n"
        f"{_PT},30/09/2024,7.00,70\n{_HEPB},31/10/2024,50.00,503\n"
    )
    result = read_cqrs_text(text, rules)
    assert [c.count for c in result.claims] == [7, 50]
