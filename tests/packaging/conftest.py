"""Packaging tests: the build definition (fast, always) and the built artefacts (when present).

The build scripts are plain modules in build_scripts/, not part of the package: put that
folder on the path so the tests check the very code the build runs.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.packaging.cli_helpers import REPO, run_cli

BUILD_SCRIPTS = REPO / "build_scripts"
if str(BUILD_SCRIPTS) not in sys.path:
    sys.path.insert(0, str(BUILD_SCRIPTS))


@pytest.fixture
def demo_inputs(tmp_path: Path) -> Iterator[Path]:
    """The demo input files, written by `cqrs-desktop demo-data`.

    Skips while the command line has no working `demo-data` yet: activates by itself when it
    lands.
    """
    demo = tmp_path / "demo"
    code, _out, err = run_cli(["demo-data", "--out", str(demo)])
    if code != 0 or not (demo / "practice.json").is_file():
        pytest.skip(f"`cqrs-desktop demo-data` not available yet (exit {code}: {err.strip()})")
    yield demo
