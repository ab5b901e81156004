"""The arrows point one way: domain never imports Qt, pandas, I/O layers or the GUI."""

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_import_contracts_hold() -> None:
    exe = shutil.which("lint-imports")
    if exe is None:
        pytest.skip("import-linter is not installed")
    result = subprocess.run([exe], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_domain_has_no_io_or_qt_imports() -> None:
    forbidden = ("PySide6", "pandas", "openpyxl", "sqlite3", "open(", "read_text(", "socket")
    for path in (REPO / "cqrs_desktop" / "domain").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in forbidden:
            assert word not in text, f"{path.name} uses {word}"
