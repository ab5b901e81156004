"""Input files open in another program on Windows: a search export or the CQRS figures still
open in Excel, or in a viewer. Reading needs no more than read sharing, so only a program
that shares nothing (Excel) stops the run, with one plain line naming the file (exit 2)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from cqrs_desktop.cli import main
from tests.windows_files import HOLDERS, hold, windows_only


def _cli(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("held") / "demo"
    assert _cli("demo-data", "--out", str(folder))[0] == 0
    return folder


@windows_only("Windows file sharing")
@pytest.mark.parametrize("holder", sorted(HOLDERS))
@pytest.mark.parametrize("name", ["emis_maternal_search.csv", "cqrs_figures.csv"])
def test_an_input_open_in_another_program(
    demo: Path, tmp_path: Path, holder: str, name: str
) -> None:
    share, access = HOLDERS[holder]
    with hold(demo / name, share, access):
        code, err = _cli(
            "check", "--practice-ods", "Y99001",
            "--search", str(demo / "emis_maternal_search.csv"),
            "--cqrs", str(demo / "cqrs_figures.csv"), "--out", str(tmp_path / "out"),
        )  # fmt: skip
    if holder == "like Excel":
        assert code == 2
        errors = [line for line in err.splitlines() if line.startswith("error:")]
        assert errors == [
            f"error: {name}: the file could not be opened: it may be open in another program, "
            "such as Excel (close it there and try again), or you may not have permission to "
            "read it"
        ]
        assert not (tmp_path / "out").exists()
    else:
        assert code == 0, err
        assert (tmp_path / "out" / "review.json").is_file()
