"""The real command line, run as a user would run it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
EVENT_KEYS = (
    "programme",
    "date",
    "nhs_number",
    "surname",
    "flags",
    "needs_review",
    "decision",
    "action_done",
    "source",
    "row",
)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cqrs_desktop", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",  # what the command line writes, whatever the code page (cli.py)
        timeout=300,
        env={**__import__("os").environ, "PYTHONPATH": str(REPO)},
    )


@pytest.fixture(scope="module")
def sample_run(
    samples: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, Any], Path]:
    expected = json.loads((samples / "expected.json").read_text(encoding="utf-8"))
    work = tmp_path_factory.mktemp("samples")
    for path in samples.iterdir():
        shutil.copy(path, work / path.name)
    command = expected["command"].split(" ", 1)[1]
    import shlex

    args = shlex.split(command.replace("OUT", "out"))
    result = run(*args, cwd=work)
    assert result.returncode == 0, result.stderr
    return expected, work / "out"


def test_review_json_matches_expected(sample_run: tuple[dict[str, Any], Path]) -> None:
    expected, out = sample_run
    actual = json.loads((out / "review.json").read_text(encoding="utf-8"))
    # Schema 3 (issue 14) adds `carried_from` and `action_evidence` to each event; all that
    # schema 2's expected.json says still holds.
    assert (actual["schema"], expected["schema"]) == (3, 2)
    assert actual["practice"]["ods_code"] == expected["practice"]["ods_code"]
    assert actual["practice"]["name"] == expected["practice"]["name"]
    assert actual["items"] == expected["items"]
    by_file = {s["file"]: s for s in actual["sources"]}
    for source in expected["sources"]:
        assert {k: by_file[source["file"]][k] for k in source} == source
    got = [{k: e[k] for k in EVENT_KEYS} for e in actual["events"]]
    want = [{k: e[k] for k in EVENT_KEYS} for e in expected["events"]]
    assert got == want
    assert sum(s["markers"] for s in actual["sources"]) == expected["markers"]


def test_review_json_shape(sample_run: tuple[dict[str, Any], Path]) -> None:
    _, out = sample_run
    actual = json.loads((out / "review.json").read_text(encoding="utf-8"))
    assert set(actual) == {
        "schema",
        "practice",
        "generated_at",
        "sources",
        "items",
        "events",
        "unassigned_rows",
    }
    for source in actual["sources"]:
        assert set(source) == {
            "file",
            "sha256",
            "rows_read",
            "events",
            "markers",
            "skipped",
            "warnings",
            "covers",
        }
        assert len(source["sha256"]) == 64
    event = actual["events"][0]
    assert set(event) == {
        "id",
        "programme",
        "month",
        "date",
        "nhs_number",
        "surname",
        "forenames",
        "date_of_birth",
        "age",
        "sex",
        "code",
        "term",
        "organisation",
        "flags",
        "needs_review",
        "decision",
        "action_done",
        "carried_from",
        "action_evidence",
        "export_check",
        "evidence",
        "note",
        "reviewer",
        "decided_at",
        "source",
        "row",
    }
    assert len({e["id"] for e in actual["events"]}) == len(actual["events"])


def test_all_outputs_written(sample_run: tuple[dict[str, Any], Path]) -> None:
    _, out = sample_run
    names = {p.name for p in out.iterdir()}
    assert {
        "review.json",
        "email.txt",
        "email.eml",
        "declaration_notes.txt",
        "review.xlsx",
        "worksheet.pdf",
        "report.pdf",
    } <= names


def test_email_has_counts_only(sample_run: tuple[dict[str, Any], Path]) -> None:
    _, out = sample_run
    text = (out / "email.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "To: england.londonimms@nhs.net"
    assert lines[1].startswith("Subject: ") and "F99001" in lines[1]
    assert lines[2] == ""
    review = json.loads((out / "review.json").read_text(encoding="utf-8"))
    for event in review["events"]:
        assert event["nhs_number"] not in text
        assert event["surname"] not in text
    eml = (out / "email.eml").read_bytes()
    assert b"X-Unsent: 1" in eml


def test_same_inputs_same_ids(
    sample_run: tuple[dict[str, Any], Path], samples: Path, tmp_path: Path
) -> None:
    _, out = sample_run
    first = json.loads((out / "review.json").read_text(encoding="utf-8"))
    result = run(
        "check",
        "--practice-ods",
        "F99001",
        "--search",
        str(samples / "emis_pertussis_search.csv"),
        "--search",
        str(samples / "systmone_rsv_search.csv"),
        "--out",
        str(tmp_path),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    second = json.loads((tmp_path / "review.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in first["events"]] == [e["id"] for e in second["events"]]
    assert all(i["claimed"] is None for i in second["items"])  # no --cqrs, no --claim


def test_save_then_export(samples: Path, tmp_path: Path) -> None:
    review = tmp_path / "practice.cqrsreview"
    result = run(
        "check",
        "--practice-ods",
        "F99001",
        "--search",
        str(samples / "emis_pertussis_search.csv"),
        "--cqrs",
        str(samples / "cqrs_figures.csv"),
        "--claim",
        "pertussis_pregnant:2024-10=4",
        "--decisions",
        str(samples / "decisions.csv"),
        "--save",
        str(review),
        "--out",
        str(tmp_path / "a"),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    result = run("export", str(review), "--out", str(tmp_path / "b"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    a = json.loads((tmp_path / "a" / "review.json").read_text(encoding="utf-8"))
    b = json.loads((tmp_path / "b" / "review.json").read_text(encoding="utf-8"))
    assert a["items"] == b["items"] and a["events"] == b["events"]
    october = next(
        i for i in a["items"] if i["month"] == "2024-10" and i["programme"] == "pertussis_pregnant"
    )
    assert october["claimed"] == 4  # --claim replaces the CQRS file's 3
    # Saving over an existing review is refused: nothing recorded is lost.
    again = run(
        "check",
        "--practice-ods",
        "F99001",
        "--search",
        str(samples / "emis_pertussis_search.csv"),
        "--save",
        str(review),
        "--out",
        str(tmp_path / "c"),
        cwd=tmp_path,
    )
    assert again.returncode == 2 and again.stderr.startswith("error: practice.cqrsreview")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (
            ["check", "--practice-ods", "F99001", "--search", "missing.csv", "--out", "o"],
            "missing.csv: file not found",
        ),
        (["check", "--practice-ods", "F99001", "--search", "junk.csv", "--out", "o"], "junk.csv"),
        (["check", "--search", "x.csv", "--out", "o"], "--practice-ods"),
        (
            [
                "check",
                "--practice-ods",
                "F99001",
                "--search",
                "emis.csv",
                "--claim",
                "flu:2024-09=3",
                "--out",
                "o",
            ],
            "--claim flu:2024-09=3",
        ),
        (
            [
                "check",
                "--practice-ods",
                "F99001",
                "--search",
                "emis.csv",
                "--decisions",
                "dec.csv",
                "--out",
                "o",
            ],
            "dec.csv: row 2",
        ),
        (["export", "junk.csv", "--out", "o"], "junk.csv"),
    ],
)
def test_bad_input_exit_2_one_line(
    samples: Path, tmp_path: Path, args: list[str], needle: str
) -> None:
    (tmp_path / "junk.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    shutil.copy(samples / "emis_pertussis_search.csv", tmp_path / "emis.csv")
    (tmp_path / "dec.csv").write_text(
        "nhs_number,programme,date,decision\n9990000000,pertussis_pregnant,03/09/2024,practice\n"
    )
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert needle in lines[0]
    assert "Traceback" not in result.stderr


def test_version_and_help(tmp_path: Path) -> None:
    assert run("--version", cwd=tmp_path).stdout.startswith("cqrs-desktop ")
    help_text = run("check", "--help", cwd=tmp_path).stdout
    assert "--practice-ods" in help_text and "--decisions" in help_text


def test_demo_data_then_check(tmp_path: Path) -> None:
    result = run("demo-data", "--out", "demo", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    demo = tmp_path / "demo"
    practice = json.loads((demo / "practice.json").read_text(encoding="utf-8"))
    result = run(
        "check",
        "--practice-ods",
        practice["ods_code"],
        "--practice-name",
        practice["name"],
        "--search",
        str(demo / "emis_maternal_search.csv"),
        "--search",
        str(demo / "systmone_school_search.csv"),
        "--cqrs",
        str(demo / "cqrs_figures.csv"),
        "--out",
        "out",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    review = json.loads((tmp_path / "out" / "review.json").read_text(encoding="utf-8"))
    seen = {flag for event in review["events"] for flag in event["flags"]}
    from cqrs_desktop.domain.flags import ALL_FLAGS

    assert seen == set(ALL_FLAGS)  # the demo exercises every flag
    # its flu jab (a code the rules do not know, named by its term) is left out, said
    assert "1 row for Seasonal flu left out" in result.stderr
    assert review["unassigned_rows"] == []
    assert {i["programme"] for i in review["items"]} == {
        "pertussis_pregnant",
        "rsv_pregnant",
        "hepb_babies",
        "hpv",
        "menacwy",
    }
    assert "Shingles" in result.stderr and "RSV older adults" in result.stderr


def test_cqrs_figures_given_as_a_search_say_so(samples: Path, tmp_path: Path) -> None:
    result = run(
        "check",
        "--practice-ods",
        "F99001",
        "--search",
        str(samples / "cqrs_figures.csv"),
        "--out",
        "o",
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "error: cqrs_figures.csv: this looks like CQRS figures, not a patient search export: "
        "add it as CQRS figures (on the command line, with --cqrs)"
    )


@pytest.mark.parametrize(
    ("slot", "given", "said"),
    [
        ("--cqrs", "decisions.csv", "this looks like a decisions file, not CQRS figures"),
        ("--decisions", "cqrs_figures.csv", "this looks like CQRS figures, not a decisions file"),
        (
            "--decisions",
            "systmone_rsv_search.csv",
            "this looks like a patient search export (it has no decision column), not a "
            "decisions file",
        ),
    ],
)
def test_a_file_given_in_the_wrong_place_is_named_for_what_it_is(
    samples: Path, tmp_path: Path, slot: str, given: str, said: str
) -> None:
    result = run(
        "check", "--practice-ods", "F99001", "--search", str(samples / "emis_pertussis_search.csv"),
        *(() if slot == "--cqrs" else ("--cqrs", str(samples / "cqrs_figures.csv"))),
        slot, str(samples / given), "--out", "o", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == f"error: {given}: {said}"
    assert not (tmp_path / "o").exists()


def test_a_decisions_file_given_as_a_search_is_refused(samples: Path, tmp_path: Path) -> None:
    """Its NHS numbers, programmes and dates would otherwise pass for doses to check."""
    result = run(
        "check", "--practice-ods", "F99001", "--search", str(samples / "decisions.csv"),
        "--out", "o", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "error: decisions.csv: this looks like a decisions file (a decision for each "
        "vaccination), not a patient search export: decisions files are read on the command "
        "line, with --decisions"
    )


def test_a_folder_name_the_code_page_cannot_show_is_written_in_utf8(tmp_path: Path) -> None:
    """A practice PC's redirected log in a legacy code page (imitated): 'wrote ...' lines with
    a name like 'Łódź' come out in UTF-8, not escaped and not a crash after every file was
    written. (tests/e2e/test_windows_console_and_paths.py meets the real code page.)"""
    import os

    demo = tmp_path / "demo"
    assert run("demo-data", "--out", str(demo), cwd=tmp_path).returncode == 0
    out = tmp_path / "Łódź results"
    result = subprocess.run(
        [sys.executable, "-X", "utf8=0", "-m", "cqrs_desktop", "check", "--practice-ods",
         "Y99001", "--search", str(demo / "emis_maternal_search.csv"), "--out", str(out)],
        cwd=tmp_path, capture_output=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "ascii",
             "PYTHONUTF8": "0"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "Łódź results".encode() in result.stdout
    assert (out / "review.json").is_file()


def test_a_mistyped_practice_code_is_pointed_out(samples: Path, tmp_path: Path) -> None:
    """Every row says F99001 but the practice was given as Y99001: the user is told which
    code the file uses, before wondering why every vaccination is flagged."""
    result = run(
        "check", "--practice-ods", "Y99001",
        "--search", str(samples / "emis_pertussis_search.csv"), "--out", "out", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "no vaccination is recorded by Y99001 (most say F99001)" in result.stderr
    review = json.loads((tmp_path / "out" / "review.json").read_text(encoding="utf-8"))
    warnings = review["sources"][0]["warnings"]
    assert any("most say F99001" in w for w in warnings)


def test_a_decisions_file_with_the_workbooks_headers_keeps_its_ticks(
    sample_run: tuple[dict[str, Any], Path], samples: Path, tmp_path: Path
) -> None:
    """A decisions file made from review.xlsx ("Clinical system updated", "Decided by") had
    those columns passed over without a word: every tick was lost, so the email said the
    records were not marked, and the declaration note named the person sending it. They are
    read now, and a column not read is said."""
    expected, out = sample_run
    plain = json.loads((out / "review.json").read_text(encoding="utf-8"))
    for path in samples.iterdir():
        shutil.copy(path, tmp_path / path.name)
    lines = (samples / "decisions.csv").read_text(encoding="utf-8").splitlines()
    header = "nhs_number,programme,date,decision,Clinical system updated,note,Decided by"
    (tmp_path / "decisions.csv").write_text(
        "\n".join([header + ",Comments from the nurse", *(f"{x},-" for x in lines[1:])]) + "\n",
        encoding="utf-8",
    )
    import shlex

    command = expected["command"].split(" ", 1)[1].replace("OUT", "out")
    result = run(*shlex.split(command), "--reviewer", "Pat Sender", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    got = json.loads((tmp_path / "out" / "review.json").read_text(encoding="utf-8"))
    ticked = {e["id"]: (e["action_done"], e["reviewer"]) for e in got["events"] if e["decision"]}
    wanted = {e["id"]: (e["action_done"], e["reviewer"]) for e in plain["events"] if e["decision"]}
    assert ticked == wanted
    assert any(done for done, _ in ticked.values())
    assert "columns not read: “Comments from the nurse”" in result.stderr
