"""Shared test set-up: offscreen Qt, a private home for settings, the rules, the samples."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if sys.platform == "win32":
    # Qt's offscreen platform on Windows reads fonts with FreeType from QT_QPA_FONTDIR, not
    # from Windows (by default a lib/fonts folder PySide6 does not ship): without this there
    # are no fonts at all, text is measured as empty boxes and PDFs carry no text. Set here,
    # before any QApplication, and inherited by the programs the tests start.
    os.environ.setdefault(
        "QT_QPA_FONTDIR", os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts")
    )
    from tests.qt_fonts import windows_sans_serif

    windows_sans_serif()  # measured in a proportional font, as on a PC (tests/qt_fonts.py)

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO.parent / "shared" / "samples"
# A copy kept in the repository, for runs without ../shared beside the checkout (the Windows
# workflow); tests/test_samples_copy.py keeps it identical to ../shared/samples.
SAMPLES_COPY = REPO / "tests" / "data" / "samples"


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings, mapping profiles and reviews go to a temporary folder, never the user's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CQRS_DESKTOP_HOME", str(home))
    return home


@pytest.fixture(scope="session", autouse=True)
def programs_keep_their_bytecode(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The programs the tests start (the real command line, hundreds of times) keep the
    bytecode they compile in a folder of this run's own, as Python does on a user's PC.

    A machine that sets PYTHONDONTWRITEBYTECODE (this VM does) would otherwise have every
    `cqrs-desktop check` compile pandas, numpy, openpyxl and the app from source first:
    about 2 s of CPU of a run's 3 (decision 355). What the programs do is the same; the
    bytecode goes to the session's temporary folder, never into the checkout or `.venv`."""
    saved = {name: os.environ.get(name) for name in _BYTECODE_VARIABLES}
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(tmp_path_factory.getbasetemp() / "bytecode")
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


_BYTECODE_VARIABLES = ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES if SAMPLES.is_dir() else SAMPLES_COPY


@pytest.fixture(scope="session")
def rules():  # type: ignore[no-untyped-def]
    from cqrs_desktop.domain.rules import parse_rules
    from cqrs_desktop.paths import resource

    return parse_rules(resource("rules.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session", autouse=True)
def one_qapplication(qapp):  # type: ignore[no-untyped-def]
    """Make the session's QApplication first: in-process `check` runs render PDFs, and a bare
    QGuiApplication made there would stop any later test from creating widgets."""
    return qapp
