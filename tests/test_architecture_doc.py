"""docs/architecture.md names every module the app has, and nothing it does not have.

A new team member reads the layout there first: a module missing from it, or a name it
gives that is no longer in the code, sends them looking in the wrong place.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "cqrs_desktop"
DOC = REPO / "docs" / "architecture.md"
FILE_NAME = re.compile(r"\.(py|json|md|toml|qss|txt|eml|xlsx|pdf|ini|cqrsreview)$")


def _modules() -> list[Path]:
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if path.name not in ("__init__.py", "__main__.py") and "__pycache__" not in path.parts
    )


def _named(path: Path, text: str) -> bool:
    """The doc names a module as `name.py`, `folder/name.py` or `folder.name`."""
    inside = path.relative_to(PACKAGE)
    dotted = ".".join(inside.with_suffix("").parts)
    return bool(
        re.search(rf"(?<![\w/.]){re.escape(path.name)}\b", text)
        or re.search(rf"(?<![\w.]){re.escape(inside.as_posix())}\b", text)
        or re.search(rf"(?<![\w.]){re.escape(dotted)}\b", text)
    )


def _quoted(text: str) -> list[str]:
    return re.findall(r"`([^`\s]+)`", text)


def test_every_module_is_named_in_the_architecture() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [p.relative_to(PACKAGE).as_posix() for p in _modules() if not _named(p, text)]
    assert missing == [], f"docs/architecture.md does not name: {missing}"


def _files_not_there(quoted: list[str]) -> list[str]:
    names = {p.name for p in _modules()} | {p.name for p in PACKAGE.glob("*.py")}
    gone = []
    for name in quoted:
        if not name.endswith(".py"):
            continue
        if "/" in name:
            if not ((PACKAGE / name).is_file() or (REPO / name).is_file()):
                gone.append(name)
        elif name not in names:
            gone.append(name)
    return gone


def _module_of(first: str) -> str | None:
    """The module a dotted name starts with: a folder or module of the package, else a
    module whose name is unique in it (`earlier_review`), else None (not a module)."""
    # by the names as listed: Windows' file system takes `Review` for the folder `review`
    top = {p.name for p in PACKAGE.iterdir() if p.is_dir()} | {p.stem for p in PACKAGE.glob("*.py")}
    if first in top:
        return f"cqrs_desktop.{first}"
    found = [p for p in _modules() if p.stem == first]
    if len(found) == 1:
        return "cqrs_desktop." + ".".join(found[0].relative_to(PACKAGE).with_suffix("").parts)
    return None


def test_every_file_and_name_the_architecture_gives_is_in_the_code() -> None:
    every = _quoted(DOC.read_text(encoding="utf-8"))
    gone = _files_not_there(every)
    for quoted in every:
        parts = quoted.split(".")
        if len(parts) < 2 or FILE_NAME.search(quoted) or not all(p.isidentifier() for p in parts):
            continue
        module_name = _module_of(parts[0])
        if module_name is None:
            continue
        thing: object = importlib.import_module(module_name)
        for part in parts[1:]:
            if hasattr(thing, part):
                thing = getattr(thing, part)
                continue
            try:
                thing = importlib.import_module(f"{getattr(thing, '__name__', '')}.{part}")
            except ImportError:
                gone.append(quoted)
                break
    assert gone == [], f"docs/architecture.md names what the code does not have: {gone}"
