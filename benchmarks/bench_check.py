"""End-to-end `check` time on a large search export, beside a bare pandas read.

Builds a 100,000-row search export (the most a file may have since issue 11; the figures
in README.md before then were for 200,000) in the samples' EMIS-like dialect (preamble,
quoted cells, spaced NHS numbers) and a 50,000-row .xlsx, then times:
  - pandas.read_csv(dtype=str) of the CSV, and the full `check` on it (all outputs);
  - python_calamine reading the .xlsx, and importing it with the app's reader.
Reports seconds, the ratio and the peak memory (RSS) of each `check` run.

Run: uv run python benchmarks/bench_check.py [--rows 100000] [--xlsx-rows 50000]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HEADER = [
    "NHS Number",
    "Surname",
    "Forename",
    "Date of Birth",
    "Sex",
    "Date",
    "Code",
    "Term",
    "Organisation",
    "Non-GMS",
]
CODES = [
    ("956951000000104", "Pertussis vaccination in pregnancy"),
    ("1303503001", "Administration of RSV vaccine"),
    ("428741008", "Administration of first dose of human papillomavirus vaccine"),
]


def nhs(rng: random.Random) -> str:
    while True:
        stem = "999" + "".join(str(rng.randrange(10)) for _ in range(6))
        total = sum(int(d) * w for d, w in zip(stem, range(10, 1, -1), strict=True))
        check = (11 - total % 11) % 11
        if check != 10:
            n = stem + str(check)
            return f"{n[:3]} {n[3:6]} {n[6:]}"


def rows(count: int, seed: int = 1) -> list[list[str]]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        day = dt.date(2024, 9, 1) + dt.timedelta(days=rng.randrange(120))
        born = day - dt.timedelta(days=rng.randrange(18 * 365, 45 * 365))
        code, term = rng.choice(CODES)
        out.append(
            [
                nhs(rng),
                rng.choice(["Jones", "Patel", "Novák", "Okafor"]),
                rng.choice(["Amara", "Mei", "Siobhán"]),
                born.strftime("%d/%m/%Y"),
                "Female",
                day.strftime("%d/%m/%Y"),
                code,
                term,
                rng.choice(["F99001"] * 9 + ["R1H"]),
                rng.choice([""] * 19 + ["Yes"]),
            ]
        )
    return out


def write_csv(path: Path, data: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        f.write('"Benchmark search"\r\n"Run on 06-Jan-2025 09:14"\r\n\r\n')
        writer = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(data)


def write_xlsx(path: Path, data: list[list[str]]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Search")
    sheet.append(["Benchmark search"])
    sheet.append([])
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    book.save(path)


def _user_env() -> dict[str, str]:
    """As on a user's PC: Python may cache bytecode (this machine sets
    PYTHONDONTWRITEBYTECODE, which makes every run recompile pandas: ~1 s)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def warm_up() -> None:
    """One run that writes the bytecode caches, so the timed run is a second start."""
    code = "import cqrs_desktop.cli, cqrs_desktop.exporting, pandas, openpyxl, python_calamine"
    subprocess.run([sys.executable, "-c", code], cwd=REPO, env=_user_env(), check=True)


def timed_check(args: list[str]) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one `cqrs-desktop check` in a fresh process."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "cqrs_desktop", "check", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_user_env(),
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"check failed: {proc.stderr.strip()}")
    return elapsed, peak_child_memory_mb()


def peak_child_memory_mb() -> float:
    """The largest resident memory of any finished child process; NaN where the OS has no
    such figure (Windows), so the rest of the benchmark still runs there."""
    if sys.platform == "win32":  # a platform check, so mypy run on Windows agrees
        return float("nan")
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def stage_times(search: Path, work: Path) -> dict[str, float]:
    """Each step of `check` on its own, to show which output costs what."""
    from cqrs_desktop import session
    from cqrs_desktop.domain.model import Practice
    from cqrs_desktop.domain.review import Review
    from cqrs_desktop.reports.printing import write_report_pdf, write_worksheet_pdf
    from cqrs_desktop.reports.summary import build_summary
    from cqrs_desktop.reports.xlsx import write_workbook

    rules, _ = session.load_rules()
    times: dict[str, float] = {}
    start = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal start
        now = time.perf_counter()
        times[name] = now - start
        start = now

    imported = session.import_inputs(
        Practice("F99001"), [session.SearchFile(search)], [], [], rules
    )
    lap("import")
    review = Review(imported.inputs, rules)
    lap("flags and reconciliation")
    from cqrs_desktop.reports.review_json import write_review_json

    with (work / "stage.json").open("w", encoding="utf-8") as handle:
        write_review_json(review, handle)
    lap("review.json")
    summary = build_summary(review)
    lap("report data (summary)")
    write_workbook(summary, [], work / "stage.xlsx")
    lap("review.xlsx")
    write_worksheet_pdf(summary, work / "stage-worksheet.pdf")
    lap("worksheet.pdf")
    write_report_pdf(summary, work / "stage-report.pdf")
    lap("report.pdf")
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--xlsx-rows", type=int, default=50_000)
    options = parser.parse_args()
    import pandas as pd
    import python_calamine

    from cqrs_desktop.domain.rules import parse_rules
    from cqrs_desktop.paths import rules_file
    from cqrs_desktop.sources import read_search

    rules = parse_rules(rules_file().read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        big = work / "emis_search.csv"
        write_csv(big, rows(options.rows))
        start = time.perf_counter()
        pd.read_csv(big, dtype=str, skiprows=3, encoding="utf-8-sig")
        bare = time.perf_counter() - start
        start = time.perf_counter()
        read_search(big, rules)
        imported = time.perf_counter() - start
        warm_up()
        check, peak = timed_check(
            ["--practice-ods", "F99001", "--search", str(big), "--out", str(work / "out")]
        )
        print(f"CSV, {options.rows:,} rows")
        print(f"  bare pandas.read_csv(dtype=str): {bare:6.2f} s")
        print(f"  import (read_search):            {imported:6.2f} s  ({imported / bare:.1f}x)")
        print(
            f"  full check, all outputs:         {check:6.2f} s  ({check / bare:.1f}x), "
            f"peak {peak:.0f} MB"
        )

        print("  where the time goes (in-process):")
        for stage, seconds in stage_times(big, work).items():
            print(f"    {stage:28s} {seconds:6.2f} s")

        xlsx = work / "search.xlsx"
        write_xlsx(xlsx, rows(options.xlsx_rows, seed=2))
        start = time.perf_counter()
        # closed at once: Windows cannot remove the temporary folder while it is open
        with python_calamine.CalamineWorkbook.from_path(str(xlsx)) as book:
            book.get_sheet_by_index(0).to_python()
        bare_x = time.perf_counter() - start
        start = time.perf_counter()
        read_search(xlsx, rules)
        imported_x = time.perf_counter() - start
        print(f"XLSX, {options.xlsx_rows:,} rows")
        print(f"  bare python_calamine read:       {bare_x:6.2f} s")
        print(
            f"  import (read_search):            {imported_x:6.2f} s  ({imported_x / bare_x:.1f}x)"
        )


if __name__ == "__main__":
    main()
