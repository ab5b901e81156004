"""The same vaccinations in every export dialect give the same answers.

One ground truth (tests/dialects.py: the sample exports plus more invented rows) is
rendered plainly and in many dialects; `check` must give identical items and events for
each. Only `source`, `row` and `id` may differ (they name the file and line), and fields a
dialect cannot carry (a date of birth when only an age is given, a code when there is no
code column).
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from cqrs_desktop.cli import main
from tests.dialects import (
    IGNORED_SERVICES,
    CqrsDialect,
    Dialect,
    SearchFile,
    cqrs_dialects,
    dialects,
    render_cqrs,
    render_search,
    search_args,
    truth,
)

REPO = Path(__file__).resolve().parents[2]
FIELDS = ("programme", "date", "nhs_number", "surname", "forenames", "date_of_birth", "sex",
          "code", "organisation", "flags", "needs_review")  # fmt: skip
PRACTICE = ["--practice-ods", "F99001", "--practice-name", "Riverside Medical Centre"]

SAMPLE_CQRS = """Service,Indicator,Achievement Date,Value
Pertussis (Pregnant Women) Vaccination Programme,PT001,30/09/2024,7
Pertussis (Pregnant Women) Vaccination Programme,PT001,31/10/2024,3
Pertussis (Pregnant Women) Vaccination Programme,PT001,30/11/2024,2
RSV Pregnant Women,RSVP001,30/09/2024,4
RSV Pregnant Women,RSVP001,31/10/2024,2
HPV Programme,HPV003,31/10/2024,1
Shingles Vaccination Programme,SHI001,30/09/2024,4
"""
DECISIONS = """nhs_number,programme,date,decision,action_done,note,reviewer
9996317064,pertussis_pregnant,03/09/2024,practice,no,checked record,J. Reviewer
9997439155,pertussis_pregnant,05/09/2024,other_provider,yes,checked record,J. Reviewer
9998063604,pertussis_pregnant,09/09/2024,practice,no,checked record,J. Reviewer
9997835336,pertussis_pregnant,12/09/2024,practice,no,checked record,J. Reviewer
9996812413,pertussis_pregnant,17/09/2024,practice,no,checked record,J. Reviewer
9998683440,pertussis_pregnant,24/09/2024,practice,no,checked record,J. Reviewer
9996812413,pertussis_pregnant,19/09/2024,other_provider,yes,checked record,J. Reviewer
"""


@contextlib.contextmanager
def private_home(folder: Path) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CQRS_DESKTOP_HOME", str(folder / "home"))
        yield


def check(folder: Path, args: Sequence[str]) -> tuple[int, dict[str, Any] | None, str]:
    """Run `cqrs-desktop check` in-process; (exit code, review.json or None, stderr)."""
    out = folder / "out"
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["check", *PRACTICE, *args, "--out", str(out)])
    review_path = out / "review.json"
    review = json.loads(review_path.read_text(encoding="utf-8")) if code == 0 else None
    return code, review, err.getvalue()


def common_files(folder: Path, cqrs_text: str = SAMPLE_CQRS) -> list[str]:
    (folder / "cqrs.csv").write_text(cqrs_text, encoding="utf-8")
    (folder / "decisions.csv").write_text(DECISIONS, encoding="utf-8")
    return ["--cqrs", str(folder / "cqrs.csv"), "--decisions", str(folder / "decisions.csv")]


def events(review: dict[str, Any], left_out: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    fields = [f for f in FIELDS if f not in left_out]
    if "date_of_birth" in left_out:
        fields.append("age")
    return [{f: e[f] for f in fields} for e in review["events"]]


def source_counts(review: dict[str, Any]) -> list[tuple[int, int, int, int]]:
    return [(s["rows_read"], s["events"], s["markers"], s["skipped"]) for s in review["sources"]]


def unassigned(review: dict[str, Any]) -> list[str]:
    return [u["reason"] for u in review["unassigned_rows"]]


def render_and_check(
    folder: Path, dialect: Dialect, files: list[SearchFile], extra: Sequence[str] = ()
) -> tuple[int, dict[str, Any] | None, str]:
    folder.mkdir(parents=True, exist_ok=True)
    with private_home(folder):
        args = search_args(folder, dialect, files) + common_files(folder) + list(extra)
        return check(folder, args)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("plain")
    code, review, err = render_and_check(folder, Dialect("plain"), truth())
    assert code == 0, err
    assert review is not None
    return review


def test_plain_rendering_of_the_samples_gives_expected_json(samples: Path, tmp_path: Path) -> None:
    """The ground truth is the samples: their plain rendering gives expected.json."""
    expected = json.loads((samples / "expected.json").read_text(encoding="utf-8"))
    code, review, err = render_and_check(tmp_path, Dialect("plain"), truth(extra=False))
    assert code == 0, err
    assert review is not None
    assert review["items"] == expected["items"]
    keys = [k for k in expected["events"][0] if k in FIELDS]
    assert [{k: e[k] for k in keys} for e in review["events"]] == [
        {k: e[k] for k in keys} for e in expected["events"]
    ]


def test_baseline_is_a_real_test(baseline: dict[str, Any]) -> None:
    """The truth exercises every flag that depends on how a column is read."""
    flags = {f for e in baseline["events"] for f in e["flags"]}
    assert {"invalid_nhs_number", "other_organisation", "non_gms", "other_provider_code",
            "duplicate_event", "age_outside_programme", "possible_older_adult_rsv",
            "sex_not_female", "gestation_too_early", "after_due_date"} <= flags  # fmt: skip
    assert {e["programme"] for e in baseline["events"]} == {
        "pertussis_pregnant",
        "rsv_pregnant",
        "hepb_babies",
        "hpv",
        "menacwy",
    }
    assert not baseline["unassigned_rows"]
    assert sum(s["markers"] for s in baseline["sources"]) == 2


@pytest.mark.parametrize("dialect", dialects(), ids=lambda d: d.id)
def test_search_dialect_gives_the_same_review(
    dialect: Dialect, baseline: dict[str, Any], tmp_path: Path
) -> None:
    code, review, err = render_and_check(tmp_path, dialect, truth())
    assert code == 0, err
    assert review is not None
    assert review["items"] == baseline["items"]
    assert events(review, dialect.compared_out) == events(baseline, dialect.compared_out)
    assert unassigned(review) == unassigned(baseline)
    assert source_counts(review) == source_counts(baseline)
    for source in review["sources"]:
        for warning in source["warnings"]:
            assert "guess" not in warning and "ignored" not in warning, warning


@pytest.mark.parametrize("dialect", cqrs_dialects(), ids=lambda d: d.id)
def test_cqrs_dialect_gives_the_same_items(
    dialect: CqrsDialect, baseline: dict[str, Any], tmp_path: Path
) -> None:
    with private_home(tmp_path):
        args = search_args(tmp_path, Dialect("plain"), truth())
        args += ["--cqrs", str(render_cqrs(tmp_path, dialect))]
        args += common_files(tmp_path)[2:]  # the decisions only
        code, review, err = check(tmp_path, args)
    assert code == 0, err
    assert review is not None
    claimed = {(i["programme"], i["month"]): i["claimed"] for i in review["items"]}
    assert claimed[("menacwy", "2024-10")] == 0
    assert claimed[("hepb_babies", "2024-09")] == 2
    plain = {(i["programme"], i["month"]): i for i in baseline["items"]}
    for item in review["items"]:
        if (item["programme"], item["month"]) in plain and item["programme"] not in (
            "menacwy",
            "hepb_babies",
        ):
            assert item == plain[(item["programme"], item["month"])]
    notices = [line for line in err.splitlines() if line.startswith("notice:")]
    for service, indicator in zip(IGNORED_SERVICES, ("RSV003", "SHI001"), strict=True):
        assert any(service in n or indicator in n for n in notices), (service, notices)


def test_subprocess_unicode_text_and_workbook(baseline: dict[str, Any], tmp_path: Path) -> None:
    """The real command, as the product owner runs it, on two of the dialects."""
    by_id = {d.id: d for d in dialects()}
    args: list[str] = []
    with private_home(tmp_path):
        files = truth()
        args += search_args(tmp_path, by_id["unicode_text"], files[:2])
        args += search_args(tmp_path, by_id["xlsx_layout"], files[2:])
        args += common_files(tmp_path)
        result = subprocess.run(
            [sys.executable, "-m", "cqrs_desktop", "check", *PRACTICE, *args,
             "--out", str(tmp_path / "out")],
            capture_output=True, text=True, encoding="utf-8", timeout=300, cwd=tmp_path,
            env={**__import__("os").environ, "PYTHONPATH": str(REPO),
                 "CQRS_DESKTOP_HOME": str(tmp_path / "home")},
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    review = json.loads((tmp_path / "out" / "review.json").read_text(encoding="utf-8"))
    assert review["items"] == baseline["items"]
    assert events(review) == events(baseline)


# ---------------------------------------------------------------- broken files


def _workbook_bytes(folder: Path) -> bytes:
    by_id = {d.id: d for d in dialects()}
    return render_search(folder, truth()[0], by_id["xlsx_plain"]).read_bytes()


def _password_protected() -> bytes:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return (ole + "EncryptionInfo".encode("utf-16-le") + bytes(60)
            + "EncryptedPackage".encode("utf-16-le") + bytes(3000))  # fmt: skip


def _plain_text(rows: list[list[str]]) -> str:
    return "".join(",".join(r) + "\r\n" for r in rows)


_HEADER = ["NHS Number", "Surname", "Forename", "Date of Birth", "Sex", "Date", "Code"]
_JUNK_DATES = [_HEADER] + [
    ["9996317064", "Jones", "Tereza", "25/10/1994", "F", junk, "956951000000104"]
    for junk in ("pending", "n/a", "31/02/2024", "tbc", "??", "13/13/2024")
]
_GOOD = [_HEADER, ["9996317064", "Jones", "Tereza", "25/10/1994", "F", "03/09/2024",
                   "956951000000104"]]  # fmt: skip
_NO_HEADER = [["Patient list"], ["Alpha", "Beta", "Gamma"], ["1", "2", "3"], ["4", "5", "6"]]

BROKEN: dict[str, tuple[str, Any]] = {
    "empty": ("search.csv", b""),
    "zero_byte_xlsx": ("search.xlsx", b""),
    "png_renamed": ("search.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8),
    "random_bytes": ("search.csv", random.Random(7).randbytes(8192)),
    "truncated_xlsx": ("search.xlsx", "truncated"),
    "password_xlsx": ("search.xlsx", _password_protected()),
    "no_header": ("search.csv", _plain_text(_NO_HEADER).encode()),
    "junk_dates": ("search.csv", _plain_text(_JUNK_DATES).encode()),
    "utf16_no_bom": ("search.txt", _plain_text(_GOOD).encode("utf-16-le")),
    "huge_line": ("search.csv", b"Vaccination search " + b"x" * 20_000_000),
    "huge_line_commas": ("search.csv", b"NHS Number,Date" + b",abc" * 2_000_000 + b"\n"),
    "cqrs_no_programme": ("figures.csv", b"Service,Indicator,Month,Value\n"
                          b"Seasonal Influenza,FLU001,Sep 2024,40\n"
                          b"Childhood immunisations,CHI001,Sep 2024,12\n"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_file_is_one_plain_error_line(case: str, tmp_path: Path) -> None:
    name, content = BROKEN[case]
    path = tmp_path / name
    if content == "truncated":
        whole = _workbook_bytes(tmp_path)
        content = whole[: len(whole) // 2]
    path.write_bytes(content)
    out = tmp_path / "out"
    out.mkdir()
    (out / "review.json").write_text("earlier results", encoding="utf-8")
    save = tmp_path / "new.cqrsreview"
    with private_home(tmp_path):
        if name.startswith("figures"):
            args = [*search_args(tmp_path, Dialect("plain"), truth()[:1]), "--cqrs", str(path)]
        else:
            args = ["--search", str(path), *common_files(tmp_path)[:2]]
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["check", *PRACTICE, *args, "--save", str(save), "--out", str(out)])
    lines = err.getvalue().splitlines()
    errors = [line for line in lines if not line.startswith("notice:")]
    assert code == 2, lines
    assert len(errors) == 1, lines
    assert errors[0].startswith(f"error: {name}: "), errors
    assert "Traceback" not in err.getvalue() and "internal fault" not in errors[0]
    assert len(errors[0]) < 400
    assert not save.exists()
    assert (out / "review.json").read_text(encoding="utf-8") == "earlier results"
    assert sorted(p.name for p in out.iterdir()) == ["review.json"]
