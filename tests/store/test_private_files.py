"""Files with patient data are made private to the user (issue 11; docs/decisions.md, 63):
0600 on Linux; on Windows an access list for the user and SYSTEM only, inherited from
nothing. The review file and the results are made through the real command line."""

from __future__ import annotations

import ctypes
import os
import re
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from cqrs_desktop import session
from cqrs_desktop.domain.review import Review
from cqrs_desktop.exporting import write_outputs
from cqrs_desktop.paths import resource
from cqrs_desktop.review.review_session import ReviewSession
from cqrs_desktop.store import file_safety
from cqrs_desktop.store.file_safety import (
    NotMadePrivate,
    empty_private,
    make_private,
    write_private,
)
from cqrs_desktop.store.review_file import ReviewFile, ReviewFileError
from tests.packaging.cli_helpers import demo_check_arguments, run_cli
from tests.windows_files import file_dacl_sddl, under_wine, windows_only

on_linux_only = pytest.mark.skipif(sys.platform == "win32", reason="file modes: Linux and macOS")
not_under_wine = pytest.mark.skipif(
    under_wine(),
    reason="Wine keeps no access list: it turns one into Unix mode bits and makes one up "
    "from them when asked, never protected (docs/packaging.md); needs a real Windows PC",
)
RESULTS = (
    "review.json",
    "email.txt",
    "email.eml",
    "declaration_notes.txt",
    "review.xlsx",
    "worksheet.pdf",
    "report.pdf",
)


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding `r.cqrsreview` and `out/`, from `check --save ... --out` on the demo."""
    work = tmp_path_factory.mktemp("private")
    code, _out, err = run_cli(["demo-data", "--out", str(work / "demo")])
    assert code == 0, err
    argv = demo_check_arguments(work / "demo", work / "out")
    code, _out, err = run_cli([*argv, "--save", str(work / "r.cqrsreview")])
    assert code == 0, err
    return work


def _made(work: Path) -> list[Path]:
    return [work / "r.cqrsreview", *(work / "out" / name for name in RESULTS)]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ---------------------------------------------------------------- Linux and macOS: 0600


@on_linux_only
def test_the_review_and_every_result_are_readable_by_the_user_only(checked: Path) -> None:
    for path in _made(checked):
        assert _mode(path) == 0o600, path.name


@on_linux_only
def test_make_private_takes_a_file_to_0600(tmp_path: Path) -> None:
    path = tmp_path / "shared.txt"
    path.write_text("x")
    path.chmod(0o664)
    make_private(path)
    assert _mode(path) == 0o600


@on_linux_only
def test_a_file_that_cannot_be_made_private_is_not_kept_and_says_why(
    rules,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(path: Path) -> None:
        raise NotMadePrivate(path, "refused")

    monkeypatch.setattr(file_safety, "make_private", refuse)
    with pytest.raises(ReviewFileError, match=r"r\.cqrsreview: .*could not be made private to"):
        ReviewFile.create(tmp_path / "r.cqrsreview", _demo_review(rules), _rules_text())
    assert list(tmp_path.iterdir()) == []


@on_linux_only
def test_a_refused_chmod_is_not_silent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "on-a-usb-stick.txt"
    path.write_text("x")
    path.chmod(0o644)

    def refuse(path: Path, mode: int) -> None:
        raise PermissionError(1, "Operation not permitted", str(path))

    monkeypatch.setattr(os, "chmod", refuse)
    with pytest.raises(NotMadePrivate, match="could not be made private to you"):
        make_private(path)


def test_results_that_cannot_be_made_private_stop_the_run_naming_the_file(
    rules,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cqrs_desktop import exporting

    def refuse(path: Path) -> None:
        raise NotMadePrivate(path, "refused")

    monkeypatch.setattr(exporting, "make_private", refuse)
    out = tmp_path / "out"
    with pytest.raises(NotMadePrivate) as raised:
        write_outputs(_demo_review(rules), out, [])
    assert Path(str(raised.value.filename)).name == "review.json"
    assert raised.value.strerror == "it could not be made private to you (refused)"
    assert not out.exists()  # nothing left, not even the folder made for it


@on_linux_only
def test_written_privately_new_or_replacing_a_shared_file(tmp_path: Path) -> None:
    new, old = tmp_path / "new.eml", tmp_path / "old.xlsx"
    old.write_bytes(b"old")
    old.chmod(0o644)
    write_private(new, lambda p: p.write_bytes(b"draft"))
    write_private(old, lambda p: p.write_bytes(b"workbook"))
    assert (new.read_bytes(), old.read_bytes()) == (b"draft", b"workbook")
    assert (_mode(new), _mode(old)) == (0o600, 0o600)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.eml", "old.xlsx"]


@on_linux_only
def test_a_pdf_saved_from_the_window_is_private(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from cqrs_desktop.reports.summary import build_summary
    from cqrs_desktop.ui.printing import write_pdf

    path = tmp_path / "worksheet.pdf"
    path.write_bytes(b"an older one, readable by all")
    path.chmod(0o644)
    write_pdf("worksheet", build_summary(_demo_review(rules)), path)
    assert _mode(path) == 0o600
    assert path.read_bytes().rstrip().endswith(b"%%EOF")


@on_linux_only
def test_an_emptied_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "partial.pdf"
    path.write_text("old")
    path.chmod(0o666)
    empty_private(path)
    assert (_mode(path), path.stat().st_size) == (0o600, 0)


def test_a_saved_copy_is_private(checked: Path, tmp_path: Path) -> None:
    with ReviewSession.open(checked / "r.cqrsreview", for_writing=False) as opened:
        opened.save_as(tmp_path / "copy.cqrsreview")
    _assert_private(tmp_path / "copy.cqrsreview")


def _rules_text() -> str:
    return resource("rules.toml").read_text(encoding="utf-8")


def _demo_review(rules) -> Review:  # type: ignore[no-untyped-def]
    imported = session.import_inputs(
        session.demo_practice(), session.demo_searches(), session.demo_cqrs_files(), [], rules
    )
    return Review(imported.inputs, rules)


# ---------------------------------------------------------------- Windows: access lists


def _aces(sddl: str) -> list[list[str]]:
    """Each ACE of an SDDL access list as its fields: type;flags;rights;object;inherit;SID."""
    return [ace.split(";") for ace in re.findall(r"\(([^)]*)\)", sddl)]


def _assert_private(path: Path) -> None:
    if sys.platform != "win32":
        assert _mode(path) == 0o600, path.name
        return
    from cqrs_desktop.store.windows_acl import current_user_sid

    aces = _aces(file_dacl_sddl(path))
    assert {ace[0] for ace in aces} == {"A"}, (path.name, aces)  # only ACEs that allow
    assert not any("ID" in ace[1] for ace in aces), (path.name, aces)  # none inherited
    assert {ace[5] for ace in aces} == {current_user_sid(), "SY"}, (path.name, aces)
    assert all(ace[2] == "FA" for ace in aces), (path.name, aces)


@windows_only("Windows access lists")
def test_on_windows_the_review_and_every_result_let_in_only_the_user_and_system(
    checked: Path,
) -> None:
    """Under Wine too: its made-up access list shows Everyone reading a file left as the
    folder makes it (as `mkstemp`'s are), and not one made private."""
    for path in _made(checked):
        _assert_private(path)


@windows_only("Windows access lists")
@not_under_wine
def test_on_windows_their_access_list_is_protected_from_the_folders(checked: Path) -> None:
    for path in _made(checked):
        sddl = file_dacl_sddl(path)
        flags = sddl.split("(", 1)[0]
        assert flags.startswith("D:") and "P" in flags[2:], (path.name, sddl)


class _Refusing:
    """advapi32, but SetFileSecurityW fails with the Windows error `code`."""

    def __init__(self, real: Any, code: int) -> None:
        self.real, self.code = real, code

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def SetFileSecurityW(self, *args: object) -> int:  # the Win32 name
        ctypes.set_last_error(self.code)  # type: ignore[attr-defined]
        return 0


@windows_only("Windows access lists")
@pytest.mark.parametrize("code", [5, 1307])  # access denied; not allowed to be the owner
def test_on_windows_a_refused_access_list_makes_no_review_and_says_why(
    rules,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
) -> None:
    from cqrs_desktop.store import windows_acl

    real = windows_acl._advapi32()
    monkeypatch.setattr(windows_acl, "_advapi32", lambda: _Refusing(real, code))
    with pytest.raises(ReviewFileError, match=r"r\.cqrsreview: .*could not be made private to"):
        ReviewFile.create(tmp_path / "r.cqrsreview", _demo_review(rules), _rules_text())
    assert list(tmp_path.iterdir()) == []


@windows_only("Windows access lists")
@pytest.mark.parametrize("code", [1, 50])  # what FAT or a share without permissions answers
def test_on_windows_a_file_system_without_permissions_still_takes_the_review(
    rules,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
) -> None:
    from cqrs_desktop.store import windows_acl

    real = windows_acl._advapi32()
    monkeypatch.setattr(windows_acl, "_advapi32", lambda: _Refusing(real, code))
    ReviewFile.create(tmp_path / "r.cqrsreview", _demo_review(rules), _rules_text()).close()
    assert [p.name for p in tmp_path.iterdir()] == ["r.cqrsreview"]
