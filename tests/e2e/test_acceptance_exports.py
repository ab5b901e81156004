"""Search exports as practices really bring them, through the real command line.

Each test writes one export the way a clinical system (or Excel after it) writes it, runs
`cqrs-desktop check` and reads what the practice administrator would see: review.json and
the notices on stderr. Invented people, NHS numbers in the 999 test range.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.e2e.test_cli import run
from tests.e2e.test_spec_v2 import PRACTICE, _numbers

PERTUSSIS = "956951000000104"
RSV = "1303503001"


def check_files(tmp_path: Path, *args: str) -> tuple[dict[str, Any], str]:
    result = run("check", *PRACTICE, *args, "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    review = json.loads((tmp_path / "out" / "review.json").read_text(encoding="utf-8"))
    return review, result.stderr


# ------------------------------------------------ a CSV opened and saved in Excel (decision 180)


def _excel_saved_csv(nhs: list[str]) -> str:
    """Excel writes a 15-digit SNOMED code in General format as 9.56951E+14 when it saves a
    CSV it opened: the code is lost; a 10-digit code survives."""
    return (
        "NHS Number,Surname,Forename,Date of Birth,Date,Code,Term\r\n"
        f"{nhs[0]},Brown,Ann,01/01/1990,03/09/2024,9.56951E+14,Pertussis in pregnancy\r\n"
        f"{nhs[1]},Green,Beth,01/01/1991,04/09/2024,9.56951E+14,Pertussis in pregnancy\r\n"
        f"{nhs[2]},Grey,Cat,01/01/1992,05/09/2024,{RSV},RSV vaccination\r\n"
    )


def test_a_code_excel_shortened_is_not_made_up_and_is_said(tmp_path: Path) -> None:
    nhs = _numbers(3)
    (tmp_path / "saved.csv").write_text(_excel_saved_csv(nhs), encoding="utf-8", newline="")
    review, stderr = check_files(tmp_path, "--search", "saved.csv")
    # never padded with zeros into a code the file does not hold (956951000000000)
    assert "956951000000000" not in json.dumps(review) + stderr
    reasons = [(u["row"], u["reason"]) for u in review["unassigned_rows"]]
    assert reasons == [
        (2, "code 9.56951E+14 is written shortened (as Excel saves long numbers), so the code "
            "and its programme cannot be told"),
        (3, "code 9.56951E+14 is written shortened (as Excel saves long numbers), so the code "
            "and its programme cannot be told"),
    ]  # fmt: skip
    warning = (
        "column 'Code': 2 codes are written shortened (e.g. 9.56951E+14), as Excel saves long "
        "numbers, so the full code is lost: export the search again and use that file, not "
        "one opened and saved in Excel"
    )
    assert warning in review["sources"][0]["warnings"]
    assert f"saved.csv: {warning}" in stderr
    assert [(e["programme"], e["code"]) for e in review["events"]] == [("rsv_pregnant", RSV)]


def test_a_file_given_its_programme_keeps_the_shortened_code_as_written(tmp_path: Path) -> None:
    nhs = _numbers(3)
    (tmp_path / "saved.csv").write_text(_excel_saved_csv(nhs), encoding="utf-8", newline="")
    review, _ = check_files(tmp_path, "--search", "pertussis_pregnant=saved.csv")
    codes = [(e["programme"], e["code"]) for e in review["events"]]
    assert codes == [
        ("pertussis_pregnant", "9.56951E+14"),
        ("pertussis_pregnant", "9.56951E+14"),
        ("rsv_pregnant", RSV),
    ]


def test_a_code_written_in_full_in_scientific_form_is_read(tmp_path: Path) -> None:
    nhs = _numbers(1)
    text = (
        "NHS Number,Surname,Forename,Date of Birth,Date,Code\r\n"
        f"{nhs[0]},Brown,Ann,01/01/1990,03/09/2024,9.56951000000104E+14\r\n"
    )
    (tmp_path / "full.csv").write_text(text, encoding="utf-8", newline="")
    review, stderr = check_files(tmp_path, "--search", "full.csv")
    assert [(e["programme"], e["code"]) for e in review["events"]] == [
        ("pertussis_pregnant", PERTUSSIS)
    ]
    assert "shortened" not in stderr


# ------------------------------------------- a 17-digit code in an Excel number cell (decision 181)


def test_a_workbook_number_longer_than_excel_keeps_is_not_read_as_a_code(tmp_path: Path) -> None:
    import datetime as dt

    import openpyxl

    nhs = _numbers(2)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["NHS Number", "Surname", "Forename", "Date of Birth", "Date", "Code"])
    # Adacel's product code saved as a number: Excel keeps 15 of its 17 digits
    sheet.append([int(nhs[0]), "Brown", "Ann", dt.date(1990, 1, 1), dt.date(2024, 9, 3),
                  42707511000001109])  # fmt: skip
    sheet.append([int(nhs[1]), "Green", "Beth", dt.date(1991, 1, 1), dt.date(2024, 9, 4),
                  int(PERTUSSIS)])  # fmt: skip
    book.save(tmp_path / "saved.xlsx")
    review, stderr = check_files(tmp_path, "--search", "saved.xlsx")
    shown = json.dumps(review) + stderr
    assert "42707511000001104" not in shown  # digits the workbook does not hold
    assert [(u["row"], u["reason"]) for u in review["unassigned_rows"]] == [
        (2, "code 4.27075110000011E+16 is written shortened (as Excel saves long numbers), "
            "so the code and its programme cannot be told"),
    ]  # fmt: skip
    assert any("1 code is written shortened" in w for w in review["sources"][0]["warnings"])
    assert [(e["nhs_number"], e["code"]) for e in review["events"]] == [(nhs[1], PERTUSSIS)]


# ------------------------------------------------------ dates written month first (decision 182)


def test_a_date_only_month_first_makes_sense_of_is_said(tmp_path: Path) -> None:
    nhs = _numbers(3)
    # saved on a computer set to US dates: 09/03/2024 is 3 September, read as 9 March
    text = (
        "NHS Number,Surname,Forename,Date of Birth,Date,Code\r\n"
        f"{nhs[0]},Brown,Ann,01/15/1990,09/03/2024,{PERTUSSIS}\r\n"
        f"{nhs[1]},Green,Beth,02/01/1991,09/23/2024,{PERTUSSIS}\r\n"
        f"{nhs[2]},Grey,Cat,03/02/1992,10/01/2024,{PERTUSSIS}\r\n"
    )
    (tmp_path / "us.csv").write_text(text, encoding="utf-8", newline="")
    review, stderr = check_files(tmp_path, "--search", "us.csv")
    warnings = review["sources"][0]["warnings"]
    said = (
        "column 'Date': 09/23/2024 (line 3) is a date only if read month first, but dates "
        "are read day first: if this file writes dates month first, its other dates are "
        "read wrongly (09/03/2024 is read as 9 March 2024); export the search again with "
        "dates day first (dd/mm/yyyy)"
    )
    assert said in warnings
    assert f"us.csv: {said}" in stderr
    assert any(w.startswith("column 'Date of Birth': 01/15/1990 (line 2)") for w in warnings)
    # read day first all the same (SPEC 3), the row that cannot be listed with why
    assert [e["date"] for e in review["events"]] == ["2024-01-10", "2024-03-09"]
    assert [u["row"] for u in review["unassigned_rows"]] == [3]


def test_day_first_dates_say_nothing_of_month_first(tmp_path: Path) -> None:
    nhs = _numbers(2)
    text = (
        "NHS Number,Surname,Forename,Date of Birth,Date,Code\r\n"
        f"{nhs[0]},Brown,Ann,15/01/1990,09/09/2024,{PERTUSSIS}\r\n"
        f"{nhs[1]},Green,Beth,02/01/1991,23/09/2024,{PERTUSSIS}\r\n"
    )
    (tmp_path / "uk.csv").write_text(text, encoding="utf-8", newline="")
    review, stderr = check_files(tmp_path, "--search", "uk.csv")
    assert "month first" not in stderr
    assert review["sources"][0]["warnings"] == []


# --------------------------------------------------- rows hidden in a workbook (decision 183)


def test_rows_hidden_in_a_workbook_are_read_and_said(tmp_path: Path) -> None:
    import datetime as dt

    import openpyxl

    nhs = _numbers(4)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "RSV in pregnancy - practice search"
    sheet.merge_cells("A1:F1")
    sheet.append([])
    sheet.append(["NHS Number", "Surname", "Forename", "Date of Birth", "Date", "Code"])
    for i, number in enumerate(nhs):
        sheet.append([number, f"Person{i}", "Ann", dt.date(1990, 1, 1 + i),
                      dt.date(2024, 9, 3 + i), int(RSV)])  # fmt: skip
    sheet.row_dimensions[5].hidden = True  # the 2nd and 4th patients, filtered out
    sheet.row_dimensions[7].hidden = True
    sheet.row_dimensions[2].hidden = True  # a blank line above the header: nothing to say
    book.save(tmp_path / "filtered.xlsx")
    review, stderr = check_files(tmp_path, "--search", "filtered.xlsx")
    said = (
        "rows 5, 7 are hidden in the workbook (a filter, or hidden by hand) and were read "
        "like the others: if they are not part of the search, delete them in Excel, save, "
        "and import the file again"
    )
    assert review["sources"][0]["warnings"] == [said]
    assert f"filtered.xlsx: {said}" in stderr
    assert [e["row"] for e in review["events"]] == [4, 5, 6, 7]


# ----------------------------------------- each line kept whole in one cell (decision 184)


def test_a_file_with_each_line_in_one_quoted_value_says_so(tmp_path: Path) -> None:
    nhs = _numbers(2)
    text = (
        '"NHS Number,Surname,Forename,Date of Birth,Date,Code"\r\n'
        f'"{nhs[0]},Brown,Ann,01/01/1990,03/09/2024,{PERTUSSIS}"\r\n'
        f'"{nhs[1]},Green,Beth,01/01/1991,04/09/2024,{PERTUSSIS}"\r\n'
    )
    (tmp_path / "one_column.csv").write_text(text, encoding="utf-8", newline="")
    result = run("check", *PRACTICE, "--search", "one_column.csv", "--out", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        'error: one_column.csv: each line of the file holds all its columns in one value ("NHS '
        'Number,Surname,..."), as when the lines of a CSV were kept whole in one column of a '
        "spreadsheet: export the search again, or split that column in Excel (Data, Text to "
        "Columns) and save it\n"
    )


# ------------------------------------------- a footer of print time and page (decision 185)


def test_a_footer_of_print_time_and_page_number_is_no_vaccination(tmp_path: Path) -> None:
    nhs = _numbers(2)
    text = (
        '"Date","NHS Number","Surname","Forename","Code","Term"\r\n'
        f'"03/09/2024","{nhs[0]}","Brown","Ann","{PERTUSSIS}","Pertussis in pregnancy"\r\n'
        f'"04/09/2024","{nhs[1]}","Green","Beth","{PERTUSSIS}","Pertussis in pregnancy"\r\n'
        "\r\n"
        '"End of report"\r\n'
        '"02/12/2024 09:14","Page 1 of 1"\r\n'
    )
    (tmp_path / "printed.csv").write_text(text, encoding="utf-8", newline="")
    review, stderr = check_files(tmp_path, "--search", "pertussis_pregnant=printed.csv")
    # not a pertussis dose on 2 December with no patient, stretching the search to December
    assert [e["date"] for e in review["events"]] == ["2024-09-03", "2024-09-04"]
    source = review["sources"][0]
    assert (source["rows_read"], source["events"], source["skipped"]) == (2, 2, 0)
    assert source["covers"] == {"pertussis_pregnant": ["2024-09", "2024-09"]}
    assert source["warnings"] == [], stderr


def test_a_two_value_row_of_a_date_and_a_term_is_still_read(tmp_path: Path) -> None:
    text = "Date,NHS Number,Surname,Term\r\n03/09/2024,,,Patient given pertussis vaccine\r\n"
    (tmp_path / "sparse.csv").write_text(text, encoding="utf-8", newline="")
    review, _ = check_files(tmp_path, "--search", "pertussis_pregnant=sparse.csv")
    assert [e["date"] for e in review["events"]] == ["2024-09-03"]


# ------------------------------------------------- a JSON file given as a search (decision 186)


def test_the_review_json_given_as_a_search_is_refused_saying_what_it_is(tmp_path: Path) -> None:
    nhs = _numbers(1)
    text = (
        "NHS Number,Surname,Forename,Date of Birth,Date,Code,Organisation\r\n"
        f"{nhs[0]},Brown,Ann,01/01/1990,03/09/2024,{PERTUSSIS},R1H\r\n"
    )
    (tmp_path / "search.csv").write_text(text, encoding="utf-8", newline="")
    check_files(tmp_path, "--search", "search.csv")
    (tmp_path / "out" / "review.json").replace(tmp_path / "review.json")
    result = run("check", *PRACTICE, "--search", "review.json", "--out", "out2", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "error: review.json: this is the review.json a CQRS Desktop check writes (its "
        "results), not a table of data (CSV or Excel)\n"
    )
    (tmp_path / "other.csv").write_text('[{"nhs": "x", "date": "2024-09-03"}]\n', "utf-8")
    result = run("check", *PRACTICE, "--search", "other.csv", "--out", "out3", cwd=tmp_path)
    assert result.returncode == 2
    said = "this is a JSON file, not a table of data (CSV or Excel)"
    assert result.stderr == f"error: other.csv: {said}\n"


# ------------------------------------------ the check's own email given as a search (decision 187)


def test_the_email_a_check_writes_given_as_a_search_is_refused_as_an_email(
    tmp_path: Path,
) -> None:
    nhs = _numbers(1)
    text = (
        "NHS Number,Surname,Forename,Date of Birth,Date,Code\r\n"
        f"{nhs[0]},Brown,Ann,01/01/1990,03/09/2024,{PERTUSSIS}\r\n"
    )
    (tmp_path / "search.csv").write_text(text, encoding="utf-8", newline="")
    check_files(tmp_path, "--search", "search.csv")
    said = (
        "this is an email (such as the email.txt or email.eml a check writes), not a table "
        "of data (CSV or Excel)"
    )
    for name in ("email.txt", "email.eml"):
        result = run("check", *PRACTICE, "--search", f"out/{name}", "--out", "out2", cwd=tmp_path)
        assert result.returncode == 2
        # not "no vaccination date column found" ("To: ...@nhs.net" taken for NHS numbers),
        # nor "this looks like CQRS figures"
        assert result.stderr == f"error: {name}: {said}\n"


# ------------------------------------------- UTF-8 with some Windows-1252 in it (decision 188)


def test_utf8_with_rows_in_windows_1252_reads_every_name_as_written(tmp_path: Path) -> None:
    nhs = _numbers(3)
    head = "NHS Number,Surname,Forename,Date,Code\r\n"
    utf8 = (
        f"{nhs[0]},Novák,Zoë,03/09/2024,{PERTUSSIS}\r\n"
        f"{nhs[1]},Müller,Jörg,04/09/2024,{PERTUSSIS}\r\n"
    )
    added = f"{nhs[2]},O’Brien,Renée,05/09/2024,{PERTUSSIS}\r\n"  # pasted from a cp1252 file
    (tmp_path / "mixed.csv").write_bytes((head + utf8).encode("utf-8") + added.encode("cp1252"))
    review, _ = check_files(tmp_path, "--search", "mixed.csv")
    names = [(e["surname"], e["forenames"]) for e in review["events"]]
    assert names == [("Novák", "Zoë"), ("Müller", "Jörg"), ("O’Brien", "Renée")]


def test_windows_1252_alone_is_read_as_before(tmp_path: Path) -> None:
    nhs = _numbers(1)
    text = (
        "NHS Number,Surname,Forename,Date,Code\r\n"
        f"{nhs[0]},O’Brien,Renée,05/09/2024,{PERTUSSIS}\r\n"
    )
    (tmp_path / "cp1252.csv").write_bytes(text.encode("cp1252"))
    review, _ = check_files(tmp_path, "--search", "cp1252.csv")
    assert [(e["surname"], e["forenames"]) for e in review["events"]] == [("O’Brien", "Renée")]


# ------------------------------------------------- a code written with its term (decision 189)


def test_a_code_written_with_its_term_is_read(tmp_path: Path) -> None:
    nhs = _numbers(4)
    text = (
        "NHS Number,Surname,Date,Code\r\n"
        f"{nhs[0]},Brown,03/09/2024,{PERTUSSIS} - Pertussis vaccination in pregnancy\r\n"
        f"{nhs[1]},Green,04/09/2024,Pertussis vaccination in pregnancy ({PERTUSSIS})\r\n"
        f'{nhs[2]},Grey,05/09/2024,"{RSV} |Administration of RSV vaccine|"\r\n'
        f"{nhs[3]},Black,06/09/2024,Batch 12345678 Adacel\r\n"
    )
    (tmp_path / "codes.csv").write_text(text, encoding="utf-8", newline="")
    review, _ = check_files(tmp_path, "--search", "codes.csv")
    assert [(e["programme"], e["code"]) for e in review["events"]] == [
        ("pertussis_pregnant", PERTUSSIS),
        ("pertussis_pregnant", PERTUSSIS),
        ("rsv_pregnant", RSV),
    ]
    # a number the rules do not know is named as the file writes it
    assert [(u["row"], u["reason"]) for u in review["unassigned_rows"]] == [
        (5, "code Batch 12345678 Adacel is not in the rules for any programme")
    ]


# --------------------------------------------------- a sheet hidden in a workbook (decision 190)


def _search_sheet(book: Any, title: str, rows: list[list[str]]) -> Any:
    sheet = book.create_sheet(title)
    sheet.append(["NHS Number", "Surname", "Forename", "Date of Birth", "Date", "Code"])
    for row in rows:
        sheet.append(row)
    return sheet


def test_the_sheet_on_show_is_read_before_a_hidden_one(tmp_path: Path) -> None:
    import openpyxl

    nhs = _numbers(3)
    book = openpyxl.Workbook()
    assert book.active is not None
    book.remove(book.active)
    old = _search_sheet(book, "Old data", [
        [nhs[0], "Brown", "Ann", "01/01/1990", "03/09/2023", PERTUSSIS],
        [nhs[1], "Green", "Beth", "01/01/1991", "04/09/2023", PERTUSSIS],
    ])  # fmt: skip
    old.sheet_state = "hidden"
    _search_sheet(book, "Search", [[nhs[2], "Grey", "Cat", "01/01/1992", "05/09/2024", PERTUSSIS]])
    book.active = 1
    book.save(tmp_path / "book.xlsx")
    review, _ = check_files(tmp_path, "--search", "book.xlsx")
    assert [(e["nhs_number"], e["date"]) for e in review["events"]] == [(nhs[2], "2024-09-05")]
    assert review["sources"][0]["warnings"] == [
        "sheet 'Old data' (hidden in the workbook) was not read: it has a header like sheet "
        "'Search', which was (one sheet of a workbook is read: save that sheet as a file of "
        "its own to add it too)"
    ]


def test_a_hidden_sheet_read_as_the_only_one_with_a_header_is_said(tmp_path: Path) -> None:
    import openpyxl

    nhs = _numbers(1)
    book = openpyxl.Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "Cover"
    cover.append(["Pertussis search, December 2024"])
    data = _search_sheet(book, "Data", [[nhs[0], "Grey", "Cat", "01/01/1992", "05/09/2024",
                                         PERTUSSIS]])  # fmt: skip
    data.sheet_state = "hidden"
    book.save(tmp_path / "book.xlsx")
    review, _ = check_files(tmp_path, "--search", "book.xlsx")
    assert [e["nhs_number"] for e in review["events"]] == [nhs[0]]
    assert review["sources"][0]["warnings"] == [
        "sheet 'Data', which was read, is hidden in the workbook (no sheet on show has a "
        "header): check it is the search"
    ]


# ------------------------------------- patients a report lists with no vaccination (decision 191)


def test_patients_listed_without_a_vaccination_cast_no_doubt_on_the_claim(
    tmp_path: Path,
) -> None:
    nhs = _numbers(3)
    # an EMIS report of a population: one vaccinated, two listed with the columns blank
    text = (
        '"NHS Number","Surname","Forename","Date of Birth","Date","Code","Term"\r\n'
        f'"{nhs[0]}","Brown","Ann","01/01/1990","03/09/2024","{PERTUSSIS}","Pertussis"\r\n'
        f'"{nhs[1]}","Green","Beth","01/01/1991","","",""\r\n'
        f'"{nhs[2]}","Grey","Cat","01/01/1992","","",""\r\n'
    )
    (tmp_path / "population.csv").write_text(text, encoding="utf-8", newline="")
    (tmp_path / "decisions.csv").write_text(
        f"nhs_number,programme,date,decision\n{nhs[0]},pertussis_pregnant,03/09/2024,practice\n",
        encoding="utf-8",
    )
    review, _ = check_files(
        tmp_path, "--search", "population.csv", "--claim", "pertussis_pregnant:2024-09=1",
        "--decisions", "decisions.csv",
    )  # fmt: skip
    reason = (
        "no vaccination in this row: its date and code are blank (a patient the search "
        "lists without one)"
    )
    assert [(u["row"], u["reason"]) for u in review["unassigned_rows"]] == [
        (3, reason),
        (4, reason),
    ]
    assert review["sources"][0]["warnings"] == [
        "2 rows list a patient with no vaccination (date and code blank): not counted (each "
        'listed in the audit workbook\'s sheet "Rows not used")'
    ]
    email = (tmp_path / "out" / "email.txt").read_text(encoding="utf-8")
    notes = (tmp_path / "out" / "declaration_notes.txt").read_text(encoding="utf-8")
    # not "2 rows of our search that may be of this month could not be placed ... this
    # count may be incomplete": they hold no vaccination
    assert "could not be placed" not in email + notes
    assert "may be incomplete" not in email
    assert review["items"][0]["status"] == "validated"


# ------------------------------------------ a patient's cells merged down in Excel (decision 192)


def test_cells_merged_down_over_a_patients_rows_are_read_on_each_row(tmp_path: Path) -> None:
    import datetime as dt

    import openpyxl

    nhs = _numbers(2)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "Pertussis search"
    sheet.merge_cells("A1:F1")  # a title merged across: nothing to say
    sheet.append(["NHS Number", "Surname", "Forename", "Date of Birth", "Date", "Code"])
    sheet.append([nhs[0], "Brown", "Ann", dt.date(1990, 1, 1), dt.date(2024, 9, 3), PERTUSSIS])
    sheet.append([None, None, None, None, dt.date(2024, 9, 20), PERTUSSIS])
    sheet.append([nhs[1], "Green", "Beth", dt.date(1991, 1, 1), dt.date(2024, 9, 4), PERTUSSIS])
    for column in "ABCD":  # Brown's details merged over her two vaccinations
        sheet.merge_cells(f"{column}3:{column}4")
    book.save(tmp_path / "merged.xlsx")
    review, _ = check_files(tmp_path, "--search", "merged.xlsx")
    got = [(e["row"], e["nhs_number"], e["surname"], e["date_of_birth"], e["flags"])
           for e in review["events"]]  # fmt: skip
    assert got == [
        (3, nhs[0], "Brown", "1990-01-01", ["duplicate_event"]),
        (5, nhs[1], "Green", "1991-01-01", []),
        (4, nhs[0], "Brown", "1990-01-01", ["duplicate_event"]),
    ]
    assert review["sources"][0]["warnings"] == [
        "4 cells merged down over several rows were read as holding the value of the merged "
        "cell on each row it covers, as Excel shows it"
    ]


# ------------------------------- a report that prints a patient only on their first row


def test_rows_with_the_patients_details_blank_are_counted_flagged_and_said(
    tmp_path: Path,
) -> None:
    """A grouped report (SystmOne, EMIS) prints the patient's NHS number, name and date of
    birth on their first row only. The later rows are counted and flagged, never joined to
    the patient above (decision 192), and now said on stderr, with what that means: not
    silent (decision 259)."""
    nhs = _numbers(2)
    text = (
        "NHS Number,Surname,Forename,Date of Birth,Date,Code\r\n"
        f"{nhs[0]},Brown,Ann,01/01/1990,03/09/2024,{PERTUSSIS}\r\n"
        f",,,,20/09/2024,{PERTUSSIS}\r\n"
        f"{nhs[1]},Green,Beth,01/01/1991,04/10/2024,{PERTUSSIS}\r\n"
    )
    (tmp_path / "grouped.csv").write_text(text, encoding="utf-8", newline="")
    review, stderr = check_files(tmp_path, "--search", "grouped.csv")
    blank = [e for e in review["events"] if e["row"] == 3]
    assert [(e["nhs_number"], e["surname"], e["flags"]) for e in blank] == [
        (None, None, ["invalid_nhs_number"])
    ]
    said = (
        "grouped.csv: 1 vaccination has no patient details (NHS number, name and date of "
        "birth blank: line 3), as in a report that prints a patient's details only on their "
        "first row: it is counted and flagged for review as having no valid NHS number, but "
        "not taken as the patient's on the row above (nothing in the file says so), so a "
        "second dose of that patient is not found as a duplicate; export the search again "
        "with the patient's details on every row"
    )
    assert said in stderr


# ------------------------------------------- a practice named only above the header


def test_another_practice_named_above_the_header_is_said_on_stderr(tmp_path: Path) -> None:
    """A report with no organisation column whose header lines name Hilltop Surgery
    (F99002), checked for Riverside (F99001): said, naming the file, as an organisation
    column naming another practice is (decision 260)."""
    nhs = _numbers(1)
    text = (
        "Practice: Hilltop Surgery (F99002)\r\nPertussis vaccinations\r\n\r\n"
        "NHS Number,Surname,Forename,Date of Birth,Date,Code\r\n"
        f"{nhs[0]},Brown,Ann,01/01/1990,03/09/2024,{PERTUSSIS}\r\n"
    )
    (tmp_path / "hilltop.csv").write_text(text, encoding="utf-8", newline="")
    review, stderr = check_files(tmp_path, "--search", "hilltop.csv")
    said = (
        "hilltop.csv: the lines above its header name the practice F99002 (“Practice: "
        "Hilltop Surgery (F99002)”), not F99001 (Riverside Medical Centre): check it is your "
        "practice's search before checking claims with it; if F99002 is your practice, "
        "correct the practice details"
    )
    assert said in stderr
    assert said.removeprefix("hilltop.csv: ") in review["sources"][0]["warnings"]


# ---------------------------------- a column of when the record was made (decision 261)


def test_a_recorded_date_is_not_taken_for_the_due_date(tmp_path: Path) -> None:
    """A search with a "Recorded Date" column (when the vaccination was entered, here
    months later) and no due date: it was guessed to be the estimated delivery date, and a
    dose entered late was flagged "gestation too early" (15 weeks) for no reason."""
    nhs = _numbers(1)
    text = (
        "NHS Number,Surname,Date of Birth,Date,Code,Recorded Date,Language\r\n"
        f"{nhs[0]},Brown,01/01/1990,05/09/2024,{PERTUSSIS},01/03/2025,English\r\n"
    )
    (tmp_path / "recorded.csv").write_text(text, encoding="utf-8", newline="")
    review, stderr = check_files(tmp_path, "--search", "recorded.csv")
    (event,) = review["events"]
    assert event["flags"] == []
    assert review["sources"][0]["warnings"] == [
        "2 columns not used by the checks: 'Recorded Date', 'Language'"
    ]
    assert "Estimated delivery date" not in stderr
