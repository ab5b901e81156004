"""Files that cannot be used are refused with one plain line naming the file and problem."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from cqrs_desktop.domain.rules import Rules
from cqrs_desktop.sources import SourceError, read_cqrs, read_search
from cqrs_desktop.sources.errors import SourceError as DirectSourceError

from .helpers import HEADER, ROWS, write_csv, write_xlsx

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def refused(path: Path, rules: Rules) -> SourceError:
    with pytest.raises(SourceError) as caught:
        read_search(path, rules)
    error = caught.value
    message = str(error)
    assert message.startswith(f"{path.name}: ")
    assert "\n" not in message and "Traceback" not in message
    assert error.file == path.name and error.problem in message
    return error


def test_error_shape() -> None:
    error = DirectSourceError("search.csv", "no header row found")
    assert str(error) == "search.csv: no header row found"
    assert (error.file, error.problem) == ("search.csv", "no header row found")


@pytest.mark.parametrize("content", [b"", b"   \r\n\r\n", b"\xef\xbb\xbf"])
def test_empty_file(tmp_path: Path, rules: Rules, content: bytes) -> None:
    path = tmp_path / "search.csv"
    path.write_bytes(content)
    problem = refused(path, rules).problem
    assert "empty" in problem or "no header row" in problem


def test_picture_renamed_csv(tmp_path: Path, rules: Rules) -> None:
    path = tmp_path / "search.csv"
    path.write_bytes(PNG)
    assert "picture" in refused(path, rules).problem


def test_binary_junk(tmp_path: Path, rules: Rules) -> None:
    path = tmp_path / "search.csv"
    path.write_bytes(bytes(range(1, 32)) * 200)
    assert "readable text" in refused(path, rules).problem


def test_truncated_workbook(tmp_path: Path, rules: Rules) -> None:
    whole = write_xlsx(tmp_path / "whole.xlsx", {"Sheet1": [HEADER, *ROWS]}).read_bytes()
    path = tmp_path / "search.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    assert "damaged or incomplete" in refused(path, rules).problem


def test_password_protected_workbook(tmp_path: Path, rules: Rules) -> None:
    # What Excel writes for a password-protected .xlsx: an OLE2 file holding the
    # encrypted package (only the parts the reader looks at are imitated here).
    body = io.BytesIO()
    body.write(OLE + bytes(504))
    body.write("EncryptionInfo".encode("utf-16-le") + bytes(50))
    body.write("EncryptedPackage".encode("utf-16-le") + bytes(2000))
    path = tmp_path / "search.xlsx"
    path.write_bytes(body.getvalue())
    assert "password-protected" in refused(path, rules).problem


def test_damaged_old_workbook(tmp_path: Path, rules: Rules) -> None:
    path = tmp_path / "search.xls"
    path.write_bytes(OLE + bytes(range(256)) * 8)
    assert "damaged" in refused(path, rules).problem


def test_no_recognisable_header(tmp_path: Path, rules: Rules) -> None:
    path = write_csv(tmp_path / "search.csv", [["Fruit", "Colour"], ["apple", "red"]])
    assert refused(path, rules).problem == (
        "no header row found in the first 30 lines (looked for columns such as NHS Number, "
        "Date, Code)"
    )


def test_header_too_far_down(tmp_path: Path, rules: Rules) -> None:
    preamble = "".join(f"line {i}\n" for i in range(40))
    path = write_csv(tmp_path / "search.csv", [HEADER, *ROWS], preamble=preamble)
    assert "no header row" in refused(path, rules).problem


def test_date_column_full_of_junk(tmp_path: Path, rules: Rules) -> None:
    rows = [[*r[:5], "soon", *r[6:]] for r in ROWS]
    path = write_csv(tmp_path / "search.csv", [HEADER, *rows])
    problem = refused(path, rules).problem
    assert "'Date' has no dates that can be read" in problem
    assert "soon" not in problem


def test_date_column_empty(tmp_path: Path, rules: Rules) -> None:
    rows = [[*r[:5], "", *r[6:]] for r in ROWS]
    path = write_csv(tmp_path / "search.csv", [HEADER, *rows])
    assert "'Date' is empty" in refused(path, rules).problem


def test_missing_file(tmp_path: Path, rules: Rules) -> None:
    assert "could not be opened" in refused(tmp_path / "gone.csv", rules).problem


def test_unknown_programme_for_the_file(tmp_path: Path, rules: Rules) -> None:
    path = write_csv(tmp_path / "search.csv", [HEADER, *ROWS])
    with pytest.raises(SourceError, match="'polio' is not a programme in the rules"):
        read_search(path, rules, programme="polio")


def test_mapping_naming_a_missing_column(tmp_path: Path, rules: Rules) -> None:
    path = write_csv(tmp_path / "search.csv", [HEADER, *ROWS])
    with pytest.raises(SourceError):
        read_search(path, rules, mapping={"Date": "event_date", "Nope": "code"})


def test_mapping_without_a_date(tmp_path: Path, rules: Rules) -> None:
    path = write_csv(tmp_path / "search.csv", [HEADER, *ROWS])
    with pytest.raises(SourceError, match="no vaccination date column"):
        read_search(path, rules, mapping={"NHS Number": "nhs_number"})


def test_patient_values_never_appear_in_messages(tmp_path: Path, rules: Rules) -> None:
    rows = [[*r[:5], "31/02/2024", *r[6:]] for r in ROWS]
    path = write_csv(tmp_path / "search.csv", [HEADER, *rows])
    message = str(refused(path, rules))
    for value in ("9990682887", "Patel", "Anya", "27/03/1993", "31/02/2024"):
        assert value not in message


def test_cqrs_reader_refuses_a_search_export(samples: Path, rules: Rules) -> None:
    with pytest.raises(SourceError) as caught:
        read_cqrs(samples / "emis_pertussis_search.csv", rules)
    assert str(caught.value).startswith("emis_pertussis_search.csv: ")


def test_utf16_without_byte_order_mark_is_refused(tmp_path: Path, rules: Rules) -> None:
    text = "".join(",".join(r) + "\r\n" for r in [HEADER, *ROWS])
    path = tmp_path / "search.txt"
    path.write_bytes(text.encode("utf-16-le"))
    assert "byte order mark" in refused(path, rules).problem


def test_huge_single_line_is_refused_quickly(tmp_path: Path, rules: Rules) -> None:
    path = tmp_path / "search.csv"
    path.write_bytes(b"NHS Number,Date" + b",x" * 3_000_000)
    assert "no header row" in refused(path, rules).problem


def test_a_list_of_patients_with_no_vaccination_date_says_so(tmp_path: Path, rules: Rules) -> None:
    """Once called "CQRS figures" (a date of birth looked like a month), which sent the user
    the wrong way."""
    rows = [["NHS Number", "Surname", "Date of Birth", "Code"],
            ["9990682887", "Testperson", "01/01/1990", "956951000000104"]]  # fmt: skip
    error = refused(write_csv(tmp_path / "nodate.csv", rows), rules)
    assert error.problem.startswith("no vaccination date column found")


def test_a_zip_archive_named_csv_says_what_it_holds(tmp_path: Path, rules: Rules) -> None:
    """A search sent as a compressed folder and saved with a .csv name: not "not an Excel
    workbook (.xlsx)" (the file was never meant to be one), but what it is, the file inside
    and how to get it out (decision 257)."""
    import zipfile

    inside = write_csv(tmp_path / "x.csv", [HEADER, *ROWS]).read_bytes()
    path = tmp_path / "search.csv"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("Pertussis search.csv", inside)
        package.writestr("__MACOSX/._Pertussis search.csv", b"")
    assert refused(path, rules).problem == (
        "this is a zip archive (a compressed folder), not a CSV file or an Excel workbook; "
        "it holds 'Pertussis search.csv': open it in File Explorer, copy that file out of it "
        "(Extract All) and add it"
    )
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("readme.pdf", b"%PDF")
    assert refused(path, rules).problem == (
        "this is a zip archive (a compressed folder), not a CSV file or an Excel workbook, "
        "and it holds no CSV or Excel file: add the search file itself"
    )
