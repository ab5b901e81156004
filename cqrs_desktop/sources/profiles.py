"""Remembered column mappings: fix a file's columns once, and files with the same header
are read the same way next time (GUI and command line alike).

One small JSON file per header signature in `paths.profiles_dir()`. The file holds header
names and roles only, never a cell of patient data.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from cqrs_desktop.paths import profiles_dir
from cqrs_desktop.sources.columns import ROLES, normalise_header

_SCHEMA = 1


def header_signature(headers: Sequence[str]) -> str:
    """Same for headers that differ only in case, spaces or punctuation."""
    joined = "\x1f".join(normalise_header(h) for h in headers)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:32]


def _profile_path(headers: Sequence[str]) -> Path:
    return profiles_dir() / f"{header_signature(headers)}.json"


def _checked(headers: Sequence[str], mapping: Mapping[str, str]) -> dict[str, str]:
    known = set(headers)
    clean: dict[str, str] = {}
    for header, role in mapping.items():
        if header not in known:
            raise ValueError(f"'{header}' is not one of the file's columns")
        if role not in ROLES:
            raise ValueError(f"'{role}' is not a column role")
        if role in clean.values():
            raise ValueError(f"two columns are both mapped to '{role}'")
        clean[header] = role
    return clean


def save_profile(headers: Sequence[str], mapping: Mapping[str, str]) -> Path:
    """Remember `mapping` ({header: role}) for files with these headers; returns the file.

    ValueError for a mapping that names an unknown column or role or uses a role twice;
    OSError if the folder cannot be written.
    """
    clean = _checked(headers, mapping)
    target = _profile_path(headers)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = {"schema": _SCHEMA, "headers": list(headers), "mapping": clean}
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, target)
    return target


def load_profile(headers: Sequence[str]) -> dict[str, str] | None:
    """The remembered mapping for these headers, or None (also for an unreadable profile)."""
    path = _profile_path(headers)
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        stored, stored_headers = payload["mapping"], payload["headers"]
        if not isinstance(stored, dict) or len(stored_headers) != len(headers):
            return None
        # Same signature, perhaps different case or spacing: carry names over by position.
        rename = {str(old): new for old, new in zip(stored_headers, headers, strict=True)}
        return _checked(headers, {rename[str(k)]: str(v) for k, v in stored.items()})
    except (OSError, ValueError, KeyError, TypeError):
        return None
