"""Hostile inputs through the real `check`: exit code, seconds and peak memory of each.

The cases of issue 11 (a value in cell XFD1048576, a stray note in column XFD, shared
strings copied into every cell, a zip bomb, the same in .xls, a 2 GB file, a million
rows, a stray quote, a file of commas) are made in a temporary folder; each is checked in
a fresh process that reports its own peak resident memory (the aim: under 1 GB for any
input under 50 MB, and a clear `error:` line, exit 2, for what cannot be read).

Run: uv run python benchmarks/bench_hostile.py [--largest]
  --largest also checks the largest file the limits let through (100,000 rows, ~46 MB,
  every output written; a minute or two).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.sources import hostile  # noqa: E402  (the test suite's hand-written workbooks)

HEADER = "NHS Number,Surname,Forename,Date of Birth,Sex,Date,Code,Term\n"
ROW = "{n},Patel,Anya,27/03/1993,F,04/09/2024,956951000000104,{term}\n"

# The child: run the command line, then say its own peak memory. On Linux VmHWM, since
# ru_maxrss keeps the peak of the parent it was forked from (this script, which makes the
# files, grows large); elsewhere ru_maxrss (KB on Linux, bytes on macOS); NaN on Windows.
PROBE = (
    "import sys\n"
    "from cqrs_desktop.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "peak = float('nan')\n"
    "try:\n"
    "    status = open('/proc/self/status').read()\n"
    "    peak = int(status.split('VmHWM:')[1].split()[0]) / 1024\n"
    "except (OSError, IndexError):\n"
    "    try:\n"
    "        import resource\n"
    "        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024\n"
    "    except ImportError:\n"
    "        pass\n"
    "print(f'peak-mb {peak:.0f}', file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def csv_rows(count: int, term: str = "Pertussis") -> str:
    return HEADER + "".join(
        ROW.format(n=f"999{i % 10_000_000:07d}", term=term) for i in range(count)
    )


def far_cell(folder: Path) -> Path:
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return hostile.write_workbook(folder / "far_cell.xlsx", {"S": hostile.table_sheet(extra=far)})


def stray_note(folder: Path) -> Path:
    rows = [hostile.HEADER] + [list(hostile.ROW) for _ in range(5000)]
    note = '<row r="5002"><c r="XFD5002" t="inlineStr"><is><t>checked</t></is></c></row>'
    sheet = hostile.sheet(hostile.rows_xml(rows) + note)
    return hostile.write_workbook(folder / "stray_note.xlsx", {"S": sheet})


def shared_bomb(folder: Path) -> Path:
    cells = "".join(f'<row r="{r}"><c r="E{r}" t="s"><v>0</v></c></row>' for r in range(7, 90_007))
    sheet = hostile.table_sheet(extra=cells)
    strings = hostile.shared_strings(["y" * 32_000])
    return hostile.write_workbook(folder / "shared_bomb.xlsx", {"S": sheet}, strings)


def shared_huge(folder: Path) -> Path:
    strings = hostile.shared_strings(["z" * 30_000] * 20_000)  # 600 MB of strings
    return hostile.write_workbook(
        folder / "shared_huge.xlsx", {"S": hostile.table_sheet()}, strings
    )


def zip_bomb(folder: Path) -> Path:
    path = folder / "zip_bomb.xlsx"
    hostile.write_workbook(path, {"S": hostile.table_sheet()})
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as package,
        package.open("xl/worksheets/sheet9.xml", "w") as part,
    ):
        for _ in range(1024):
            part.write(b" " * (1024 * 1024))  # 1 GB of spaces
    return path


def xls(folder: Path, name: str, fill: Callable[[object], None]) -> Path:
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("S")
    for column, value in enumerate(hostile.HEADER):
        sheet.write(0, column, value)
    fill(sheet)
    path = folder / name
    book.save(str(path))
    return path


def xls_far(folder: Path) -> Path:
    return xls(folder, "far_cell.xls", lambda s: s.write(65535, 255, "x"))  # type: ignore[attr-defined]


def xls_bomb(folder: Path) -> Path:
    def fill(sheet: object) -> None:
        for row in range(1, 20_001):
            for column in range(5, 8):
                sheet.write(row, column, "A" * 32_000)  # type: ignore[attr-defined]

    return xls(folder, "shared_bomb.xls", fill)


def two_gb(folder: Path) -> Path:
    path = folder / "two_gb.csv"
    with path.open("wb") as handle:
        handle.truncate(2 * 1024**3)
    return path


def million_rows(folder: Path) -> Path:
    path = folder / "million_rows.csv"
    path.write_text(csv_rows(1_000_000), encoding="utf-8")
    return path


def stray_quote(folder: Path) -> Path:
    lines = csv_rows(3000).splitlines(keepends=True)
    lines[7] = lines[7].replace(",Patel,", ',"Patel,')
    path = folder / "stray_quote.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def commas(folder: Path) -> Path:
    path = folder / "commas.csv"
    path.write_text(HEADER + ("," * 999 + "\n") * 45_000, encoding="utf-8")  # 45 MB
    return path


def long_cells(folder: Path) -> Path:
    """1,500 rows whose term is 32,000 characters: 46 MB of text, read and printed."""
    path = folder / "long_cells.csv"
    path.write_text(csv_rows(1500, term="Pertussis " * 3200), encoding="utf-8")
    return path


def largest(folder: Path) -> Path:
    """100,000 rows (the limit) with long terms: about 46 MB, all of it read."""
    path = folder / "largest.csv"
    path.write_text(csv_rows(100_000, term="Pertussis vaccination in pregnancy " * 12), "utf-8")
    return path


CASES: list[tuple[str, Callable[[Path], Path]]] = [
    ("value in XFD1048576 (.xlsx)", far_cell),
    ("stray note in column XFD, 5,000 rows", stray_note),
    ("shared string in 90,000 cells", shared_bomb),
    ("600 MB of shared strings", shared_huge),
    ("zip bomb, 1 GB of XML", zip_bomb),
    ("value in the last cell (.xls)", xls_far),
    ("shared string in 60,000 cells (.xls)", xls_bomb),
    ("2 GB file", two_gb),
    ("1,000,000 rows", million_rows),
    ("stray quote in 3,000 rows", stray_quote),
    ("45,000 lines of 1,000 empty cells", commas),
    ("1,500 terms of 32,000 characters", long_cells),
]


def check(search: Path, out: Path) -> tuple[int, float, float, str]:
    """Exit code, seconds, peak MB and the first line the user sees on stderr."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "check", "--practice-ods", "F99001",
         "--search", str(search), "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8",
        env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    seconds = time.perf_counter() - started
    lines = result.stderr.strip().splitlines()
    peak = next((float(x.split()[1]) for x in lines if x.startswith("peak-mb ")), float("nan"))
    said = next((x for x in lines if not x.startswith("peak-mb ")), "")
    return result.returncode, seconds, peak, said


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--largest", action="store_true")
    options = parser.parse_args()
    cases = list(CASES)
    if options.largest:
        cases.append(("largest accepted: 100,000 rows, ~46 MB", largest))
    print(f"{'case':40s} {'input':>9s} {'exit':>4s} {'secs':>6s} {'peak MB':>8s}  first line")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for label, make in cases:
            path = make(folder)
            size = path.stat().st_size
            code, seconds, peak, said = check(path, folder / "out")
            shown = (
                f"{size / 1024 / 1024:7.1f}MB" if size >= 1024 * 1024 else f"{size / 1024:7.1f}KB"
            )
            print(f"{label:40s} {shown:>9s} {code:4d} {seconds:6.1f} {peak:8.0f}  {said[:110]}")
            path.unlink()


if __name__ == "__main__":
    main()
