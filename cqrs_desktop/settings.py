"""The practice's settings, declared once with their types, kept as JSON in the config folder.

User choices live here; remembered window geometry lives in QSettings (the GUI's business).
A missing, unreadable or half-valid file never stops the app: bad values fall back to the
defaults, so the user is simply asked again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cqrs_desktop import paths
from cqrs_desktop.errors import UserError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cqrs_desktop.domain.model import Practice

DEFAULT_TEAM_EMAIL = "england.londonimms@nhs.net"
CLINICAL_SYSTEMS: dict[str, str] = {
    "emis": "EMIS Web",
    "systmone": "SystmOne",
    "vision": "Vision",
    "general": "Other / general",
}
MAX_RECENT = 8
FILE_NAME = "settings.json"


@dataclass(frozen=True)
class Option:
    """How one setting is shown to the user: its label and a line of help."""

    label: str
    help: str = ""
    required: bool = False


def _option(default: Any, label: str, help: str = "", required: bool = False) -> Any:
    return field(default=default, metadata={"option": Option(label, help, required)})


@dataclass(frozen=True)
class Settings:
    practice_name: str = _option("", "Practice name", "As it appears on CQRS", required=True)
    ods_code: str = _option("", "ODS code", "Your practice code, e.g. F84001", required=True)
    reviewer: str = _option("", "Your name", "Signs the email and the audit log", required=True)
    team_email: str = _option(
        DEFAULT_TEAM_EMAIL, "Team email", "Where the result is sent", required=True
    )
    clinical_system: str = _option(
        "emis", "Clinical system", "Which system's recoding advice to show first"
    )
    recent_reviews: tuple[str, ...] = field(default=(), metadata={})

    @property
    def complete(self) -> bool:
        return all(
            str(getattr(self, f.name)).strip()
            for f in dataclasses.fields(self)
            if "option" in f.metadata and f.metadata["option"].required
        )

    @property
    def practice(self) -> Practice:
        from cqrs_desktop.domain.model import Practice

        return Practice(
            ods_code=self.ods_code.strip().upper(),
            name=self.practice_name.strip() or None,
            reviewer=self.reviewer.strip() or None,
        )

    def with_recent(self, path: Path) -> Settings:
        """Put a review at the top of the recent list (most recent first, no repeats), by its
        whole path as the user gave it (a name typed in its folder: with the folder)."""
        others = (p for p in self.recent_reviews if not paths.same_name(p, path))
        recent = (str(paths.absolute(path)), *others)[:MAX_RECENT]
        return dataclasses.replace(self, recent_reviews=recent)

    def without_recent(self, path: Path) -> Settings:
        return dataclasses.replace(
            self,
            recent_reviews=tuple(p for p in self.recent_reviews if not paths.same_name(p, path)),
        )


def options() -> list[tuple[str, Option]]:
    """The settings the user edits, in order: (field name, how to show it)."""
    fields = dataclasses.fields(Settings)
    return [(f.name, f.metadata["option"]) for f in fields if "option" in f.metadata]


def settings_file() -> Path:
    return paths.config_dir() / FILE_NAME


def _coerce(data: dict[str, Any]) -> Settings:
    defaults = Settings()
    values: dict[str, Any] = {}
    for f in dataclasses.fields(Settings):
        value = data.get(f.name, getattr(defaults, f.name))
        if f.name == "recent_reviews":
            ok = isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
            values[f.name] = _with_folders(value)[:MAX_RECENT] if ok else ()
        else:
            values[f.name] = value if isinstance(value, str) else getattr(defaults, f.name)
    if values["clinical_system"] not in CLINICAL_SYSTEMS:
        values["clinical_system"] = defaults.clinical_system
    if not values["team_email"].strip():
        values["team_email"] = DEFAULT_TEAM_EMAIL
    return Settings(**values)


def _with_folders(recent: Sequence[str]) -> tuple[str, ...]:
    """The recent reviews, each by its whole path. Versions before decision 300 remembered a
    review opened by a name typed in its folder by that name alone ("A.cqrsreview"), whose
    folder is not known: it is taken as in the reviews folder, where the app makes
    reviews, never in whatever folder the app was started from (a Start menu shortcut's),
    which would open another file of that name. Not there, it is listed as not found, as
    any review moved is (decision 344). The disk is not asked: a review folder on a
    network drive not connected would hold the window before it opens."""
    kept: list[str] = []
    for text in recent:
        # (a drive or a root: C:\, \\server\share\, \ or / is a folder, kept as written)
        whole = text if Path(text).anchor else str(paths.absolute(paths.reviews_dir() / text))
        if text.strip() and not any(paths.same_name(whole, other) for other in kept):
            kept.append(whole)
    return tuple(kept)


def load(path: Path | None = None) -> Settings:
    target = path or settings_file()
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    return _coerce(data) if isinstance(data, dict) else Settings()


class SettingsNotSaved(UserError):
    """The settings file could not be written; the message is for the user."""


def save(settings: Settings, path: Path | None = None) -> None:
    """Write atomically so a crash never leaves a half-written file; SettingsNotSaved
    (naming the file and why) when the folder or the disk refuses it."""
    target = path or settings_file()
    data = dataclasses.asdict(settings)
    data["recent_reviews"] = list(settings.recent_reviews)
    temp = target.with_suffix(".tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp.write_text(json.dumps(data, indent=2), encoding="utf-8")
        os.replace(temp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        why = "the disk is full" if exc.errno == errno.ENOSPC else exc.strerror or "refused"
        raise SettingsNotSaved(
            f"{target.name} in {target.parent} could not be saved ({why}): your practice "
            "details and recent reviews are kept only until CQRS Desktop is closed"
        ) from None
