"""Works offline: with every socket call made to fail, the app imports, checks and opens.

Practice PCs are often offline and must never be seen to phone home. Every way Python opens
a network connection is replaced by one that fails the test loudly; then every cqrs_desktop
module is imported, `--version` runs, a full `check` runs over the demo data and the main
window opens. The parts marked AUTO-ACTIVATES skip until the feature they use exists, and
turn on by themselves when it lands. (Qt's own C++ networking is excluded from the frozen
build altogether: QtNetwork is in build_scripts/buildinfo.QT_EXCLUDES.)
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import cqrs_desktop
from tests.packaging.cli_helpers import REPO, demo_check_arguments, run_cli


class NetworkUsed(AssertionError):
    pass


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise NetworkUsed(f"network call attempted while offline: args={args!r}")


class _RefusingSocket(socket.socket):
    """Subclassable (ssl and others subclass socket.socket at import) but never usable."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        _refuse(*args, **kwargs)


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    real_socket = socket.socket
    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(real_socket, name, _refuse)
    monkeypatch.setattr(socket, "socket", _RefusingSocket)
    for name in (
        "getaddrinfo",
        "gethostbyname",
        "gethostbyname_ex",
        "gethostbyaddr",
        "create_connection",
    ):
        monkeypatch.setattr(socket, name, _refuse)


def all_module_names() -> list[str]:
    names = [cqrs_desktop.__name__]
    for module in pkgutil.walk_packages(cqrs_desktop.__path__, "cqrs_desktop."):
        if not module.name.endswith("__main__"):  # importing it runs the program
            names.append(module.name)
    return sorted(names)


@pytest.mark.usefixtures("offline")
def test_the_block_works() -> None:
    with pytest.raises(NetworkUsed):
        socket.getaddrinfo("example.org", 443)
    with pytest.raises(NetworkUsed):
        socket.socket()


@pytest.mark.usefixtures("offline")
@pytest.mark.parametrize("name", all_module_names())
def test_every_module_imports_offline(name: str) -> None:
    importlib.import_module(name)


def test_imports_from_a_fresh_interpreter_make_no_network_call() -> None:
    """The same, where nothing was imported before the block: dependencies' import paths too."""
    script = """
import socket, pkgutil, importlib, sys
def refuse(*a, **k):
    raise SystemExit("network call attempted: " + repr(a))
class RefusingSocket(socket.socket):
    def __init__(self, *a, **k):
        refuse(*a)
socket.socket.connect = socket.socket.connect_ex = refuse
socket.socket = RefusingSocket
socket.getaddrinfo = socket.gethostbyname = socket.create_connection = refuse
import cqrs_desktop
for m in pkgutil.walk_packages(cqrs_desktop.__path__, "cqrs_desktop."):
    if not m.name.endswith("__main__"):
        importlib.import_module(m.name)
from cqrs_desktop.cli import main
try:
    code = main(["--version"])
except SystemExit as stop:
    code = stop.code
sys.exit(code)
"""
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert cqrs_desktop.__version__ in result.stdout


@pytest.mark.usefixtures("offline")
def test_version_offline() -> None:
    code, out, _err = run_cli(["--version"])
    assert code == 0
    assert cqrs_desktop.__version__ in out


@pytest.mark.usefixtures("offline")
def test_full_check_offline(demo_inputs: Path, tmp_path: Path, qapp: Any) -> None:
    """AUTO-ACTIVATES when `demo-data` and `check` exist (demo_inputs skips until then).

    `qapp` first: the PDF writers would otherwise create a bare QGuiApplication, and no
    widget test after this one could run in the same session.
    """
    out = tmp_path / "out"
    code, _stdout, err = run_cli(demo_check_arguments(demo_inputs, out))
    assert code == 0, err
    review = json.loads((out / "review.json").read_text(encoding="utf-8"))
    assert review["items"]


@pytest.mark.usefixtures("offline")
def test_main_window_opens_offline(qtbot: Any) -> None:
    """AUTO-ACTIVATES when cqrs_desktop.ui.main_window.MainWindow exists."""
    main_window = pytest.importorskip("cqrs_desktop.ui.main_window")
    if not hasattr(main_window, "MainWindow"):
        pytest.skip("cqrs_desktop.ui.main_window.MainWindow not written yet")
    window = main_window.MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.isVisible()
