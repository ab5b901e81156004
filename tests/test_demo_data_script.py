"""`build_scripts/make_demo_data.py` writes the demo data the app ships, byte for byte.

Its docstring and the README say running it again gives the same files; the CQRS figures
were once changed by hand in `resources/demo` and the script kept writing the old ones.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_the_demo_data_script_writes_the_shipped_demo_data(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "build_scripts" / "make_demo_data.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    shipped = REPO / "resources" / "demo"
    names = sorted(p.name for p in shipped.iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == names
    differ = [n for n in names if (tmp_path / n).read_bytes() != (shipped / n).read_bytes()]
    assert differ == [], f"make_demo_data.py no longer writes these as shipped: {differ}"
