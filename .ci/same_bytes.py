"""The text results of check.sh's runs are the same bytes on Windows as on Linux (one line-
ending rule, docs/decisions.md 55): email.txt and declaration_notes.txt whole, email.eml but
for its Date line. check.sh itself compares review.json, apart from times and paths.

Usage: python3 .ci/same_bytes.py $WINE_WORK/runs   (prints one PASS/FAIL line)
"""

import sys
from pathlib import Path

NAMES = ("email.txt", "declaration_notes.txt", "email.eml")


def text(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".eml":
        data = b"".join(line for line in data.splitlines(True) if not line.startswith(b"Date: "))
    return data


def crlf(data: bytes) -> bool:
    return data.count(b"\n") == data.count(b"\r\n") > 0


def main() -> int:
    runs = Path(sys.argv[1])
    reference = runs / "reference" / "out"
    others = [r for r in ("frozen", "installed") if (runs / r / "out" / "review.json").is_file()]
    if not (reference / "review.json").is_file() or not others:
        print("FAIL no Linux and Windows runs to compare")
        return 1
    differ = [
        f"{run}/{name}"
        for run in others
        for name in NAMES
        if text(reference / name) != text(runs / run / "out" / name)
    ]
    not_crlf = [name for name in NAMES if not crlf(text(reference / name))]
    if differ or not_crlf:
        print(
            f"FAIL differ from Linux's: {', '.join(differ) or 'none'}; "
            f"not CRLF: {', '.join(not_crlf) or 'none'}"
        )
        return 1
    print(f"PASS {', '.join(NAMES)} (CRLF): Linux's bytes = {' = '.join(others)}'s")
    return 0


sys.exit(main())
