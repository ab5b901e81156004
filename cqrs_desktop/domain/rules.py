"""Programmes and rules, built from the rules TOML text (the file is read elsewhere)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from cqrs_desktop.domain.model import RowKind
from cqrs_desktop.errors import UserError


class RulesError(UserError, ValueError):
    """The rules file is not usable; the message says what is wrong."""


def normalise_label(text: str) -> str:
    """Lower case, letters and digits only, single spaces: for matching names and aliases."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def compact(text: str) -> str:
    """Lower case letters and digits only (no spaces): for matching ids and codes."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


@dataclass(frozen=True)
class Fee:
    from_month: str  # "YYYY-MM"
    gbp: float


# What a decision needs in the clinical system when the rules file does not say (rules
# written before version 2 of the spec): a correction, in general words.
_DEFAULT_NEEDS: dict[str, tuple[bool, str]] = {
    "not_eligible": (
        True,
        "Not eligible for this programme: correct the record (recode it to what was really "
        "given) so it is no longer counted for this programme.",
    ),
    "not_given": (
        True,
        "Recorded in error: correct the entry, or remove it as entered in error, so it is "
        "no longer counted.",
    ),
}

# Decisions whose clinical-system follow-up the rules describe; "practice" (and "unsure",
# which is not a finding) never need one.
ACTION_DECISIONS: tuple[str, ...] = ("other_provider", "not_eligible", "not_given")


@dataclass(frozen=True)
class DecisionAction:
    """What one decision needs in the clinical system for one programme."""

    needed: bool
    guidance: dict[str, str] = field(default_factory=dict)  # per clinical system, "general"

    def guidance_for(self, system: str | None) -> str:
        return (self.guidance.get(system) if system else None) or self.guidance.get("general", "")


@dataclass(frozen=True)
class Programme:
    id: str
    display_name: str
    short_name: str
    indicator_ids: tuple[str, ...]
    indicator_prefixes: tuple[str, ...]
    aliases: tuple[str, ...]
    match: tuple[tuple[str, ...], ...]
    min_age: int | None
    max_age: int | None  # exclusive
    over_max_age_flag: str | None
    pregnancy: bool
    min_gestation_weeks: int | None
    review_windows: tuple[tuple[str, str], ...]
    fees: tuple[Fee, ...]
    given_codes: frozenset[str]
    other_provider_codes: frozenset[str]
    declined_codes: frozenset[str]
    guidance: dict[str, str] = field(default_factory=dict)  # marking an outside dose
    duplicate_window_days: int = 28
    school_age_below: int | None = None  # below this age: likely the school service's dose
    actions: dict[str, DecisionAction] = field(default_factory=dict)

    def action(self, decision: str | None) -> DecisionAction | None:
        """What `decision` needs in the clinical system; None when it needs nothing
        ("practice", "unsure", no decision yet, or a decision the rules mark not needed)."""
        found = self.actions.get(decision or "")
        return found if found is not None and found.needed else None

    def needs_action(self, decision: str | None) -> bool:
        return self.action(decision) is not None

    def fee_for(self, month: str) -> float:
        """The fee a dose earns in `month`: the latest fee that started on or before it."""
        fees = sorted(self.fees, key=lambda f: f.from_month)
        chosen = fees[0].gbp if fees else 0.0
        for fee in fees:
            if fee.from_month <= month:
                chosen = fee.gbp
        return chosen

    def in_review_window(self, month: str) -> bool:
        return any(start <= month <= end for start, end in self.review_windows)


@dataclass(frozen=True)
class IgnoredService:
    name: str
    indicator_ids: tuple[str, ...]
    match: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Rules:
    programmes: tuple[Programme, ...]
    ignored_services: tuple[IgnoredService, ...]
    team_email: str
    declaration_threshold: int
    duplicate_window_days: int
    other_provider_window_days: int
    after_due_date_days: int

    def programme(self, programme_id: str) -> Programme:
        for programme in self.programmes:
            if programme.id == programme_id:
                return programme
        raise KeyError(programme_id)

    @cached_property
    def programme_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.programmes)

    @cached_property
    def _order(self) -> dict[str, int]:
        return {pid: i for i, pid in enumerate(self.programme_ids)}

    def order(self, programme_id: str) -> int:
        """Position in the rules file: the order items and events are listed in."""
        return self._order.get(programme_id, len(self.programmes))

    def needs_action(self, programme_id: str, decision: str | None) -> bool:
        """Whether `decision` (its value) on a vaccination of `programme_id` needs a change
        in the clinical system (`Programme.needs_action`); False for a programme these rules
        do not have. One look-up: carrying asks it hundreds of thousands of times."""
        return self._action_needed.get((programme_id, decision or ""), False)

    @cached_property
    def _action_needed(self) -> dict[tuple[str, str], bool]:
        return {(p.id, d): p.needs_action(d) for p in self.programmes for d in p.actions}

    def code_kind(self, code: str | None) -> tuple[str, RowKind | None] | None:
        """The programme and kind of a SNOMED code; kind None means a declined code."""
        if not code:
            return None
        return self._code_index.get(code.strip())

    @cached_property
    def _code_index(self) -> dict[str, tuple[str, RowKind | None]]:
        index: dict[str, tuple[str, RowKind | None]] = {}
        for p in self.programmes:
            for code in p.declined_codes:
                index.setdefault(code, (p.id, None))
            for code in p.other_provider_codes:
                index.setdefault(code, (p.id, RowKind.MARKER))
            for code in p.given_codes:
                index.setdefault(code, (p.id, RowKind.EVENT))
        return index

    def programme_for_label(self, label: str) -> str | None:
        """The programme a label names: id, display name, indicator id or alias."""
        found = self.classify_label(label)
        return found if found in self.programme_ids else None

    def classify_label(self, label: str) -> str | None:
        """A programme id, "ignored:<service name>", or None for an unknown label (each label
        worked out once: a file of 100,000 rows says the same few labels over and over, and
        a search export is also tried as CQRS figures when it is looked at)."""
        memo = self._labels_seen
        if label in memo:
            return memo[label]
        if len(memo) >= _LABELS_KEPT:  # a file of labels all different: start again
            memo.clear()
        found = memo[label] = self._classify_label(label)
        return found

    @cached_property
    def _labels_seen(self) -> dict[str, str | None]:
        return {}

    def _classify_label(self, label: str) -> str | None:
        text = normalise_label(label)
        if not text:
            return None
        tight = compact(label)
        for p in self.programmes:
            exact = {compact(p.id), compact(p.display_name), compact(p.short_name)}
            exact |= {compact(a) for a in p.aliases} | {compact(i) for i in p.indicator_ids}
            if tight in exact:
                return p.id
        for s in self.ignored_services:
            if tight in {compact(i) for i in s.indicator_ids}:
                return f"ignored:{s.name}"
        # Indicator ids inside a longer label ("PT001 Pertussis ..."), then word groups.
        tokens = set(text.split())
        for p in self.programmes:
            for prefix in p.indicator_prefixes:
                pattern = re.compile(rf"^{re.escape(prefix.lower())}\d{{2,4}}$")
                if any(pattern.match(t) for t in tokens):
                    return p.id
        for s in self.ignored_services:
            if any(_has_all(text, group) for group in s.match):
                return f"ignored:{s.name}"
        for p in self.programmes:
            if any(_has_all(text, group) for group in p.match):
                return p.id
        return None


_LABELS_KEPT = 10_000


def _has_all(text: str, words: tuple[str, ...]) -> bool:
    padded = f" {text} "
    return all(f" {w}" in padded for w in words)


_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _month(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _MONTH.match(value):
        raise RulesError(f"{where}: expected a month like 2024-09, found {value!r}")
    return value


def _strings(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RulesError(f"{where}: '{key}' must be a list of text values")
    return tuple(value)


def _groups(data: dict[str, Any], where: str) -> tuple[tuple[str, ...], ...]:
    value = data.get("match", [])
    if not isinstance(value, list):
        raise RulesError(f"{where}: 'match' must be a list of word lists")
    groups = []
    for group in value:
        if not isinstance(group, list) or not all(isinstance(w, str) for w in group):
            raise RulesError(f"{where}: 'match' must be a list of word lists")
        groups.append(tuple(normalise_label(w) for w in group))
    return tuple(groups)


def _optional_int(data: dict[str, Any], key: str, where: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise RulesError(f"{where}: '{key}' must be a whole number")
    return value


def _guidance(data: dict[str, Any], where: str) -> dict[str, str]:
    guidance = data.get("guidance", {})
    if not isinstance(guidance, dict):
        raise RulesError(f"{where}: 'guidance' must be a table of text")
    return {str(k): str(v) for k, v in guidance.items()}


def _actions(data: dict[str, Any], where: str) -> dict[str, DecisionAction]:
    """What each decision needs: "other_provider" from `guidance`, the others from their
    own tables (or the general defaults, for rules written before they existed)."""
    actions = {"other_provider": DecisionAction(True, _guidance(data, where))}
    for decision, (needed, general) in _DEFAULT_NEEDS.items():
        table = data.get(decision)
        if table is None:
            actions[decision] = DecisionAction(needed, {"general": general})
            continue
        if not isinstance(table, dict):
            raise RulesError(f"{where}: '{decision}' must be a table (needed, guidance)")
        flag = table.get("needed", needed)
        if not isinstance(flag, bool):
            raise RulesError(f"{where}: '{decision}.needed' must be true or false")
        guidance = _guidance(table, f"{where}, {decision}") or {"general": general}
        actions[decision] = DecisionAction(flag, guidance)
    return actions


def _programme(data: dict[str, Any], index: int, duplicate_window: int) -> Programme:
    where = f"programme {index + 1}"
    pid = data.get("id")
    if not isinstance(pid, str) or not pid:
        raise RulesError(f"{where}: 'id' is missing")
    where = f"programme '{pid}'"
    fees = []
    for fee in data.get("fees", []):
        if not isinstance(fee, dict) or not isinstance(fee.get("gbp"), int | float):
            raise RulesError(f"{where}: each fee needs 'from' (YYYY-MM) and 'gbp'")
        fees.append(Fee(_month(fee.get("from"), where), float(fee["gbp"])))
    windows = []
    for window in data.get("review_windows", []):
        if not isinstance(window, list) or len(window) != 2:
            raise RulesError(f"{where}: each review window is [first month, last month]")
        windows.append((_month(window[0], where), _month(window[1], where)))
    window = _optional_int(data, "duplicate_window_days", where)
    return Programme(
        id=pid,
        display_name=str(data.get("display_name", pid)),
        short_name=str(data.get("short_name", data.get("display_name", pid))),
        indicator_ids=_strings(data, "indicator_ids", where),
        indicator_prefixes=_strings(data, "indicator_prefixes", where),
        aliases=_strings(data, "aliases", where),
        match=_groups(data, where),
        min_age=_optional_int(data, "min_age", where),
        max_age=_optional_int(data, "max_age", where),
        over_max_age_flag=data.get("over_max_age_flag"),
        pregnancy=bool(data.get("pregnancy", False)),
        min_gestation_weeks=_optional_int(data, "min_gestation_weeks", where),
        review_windows=tuple(windows),
        fees=tuple(fees),
        given_codes=frozenset(_strings(data, "given_codes", where)),
        other_provider_codes=frozenset(_strings(data, "other_provider_codes", where)),
        declined_codes=frozenset(_strings(data, "declined_codes", where)),
        guidance=_guidance(data, where),
        duplicate_window_days=duplicate_window if window is None else window,
        school_age_below=_optional_int(data, "school_age_below", where),
        actions=_actions(data, where),
    )


def parse_rules(text: str) -> Rules:
    """Build `Rules` from the TOML text of a rules file; RulesError says what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"not valid TOML ({exc})") from None
    raw_programmes = data.get("programmes")
    if not isinstance(raw_programmes, list) or not raw_programmes:
        raise RulesError("no [[programmes]] found")
    duplicate_window = int(data.get("duplicate_window_days", 28))
    programmes = tuple(_programme(p, i, duplicate_window) for i, p in enumerate(raw_programmes))
    ignored = tuple(
        IgnoredService(
            name=str(s.get("name", "other service")),
            indicator_ids=_strings(s, "indicator_ids", "ignored service"),
            match=_groups(s, "ignored service"),
        )
        for s in data.get("ignored_services", [])
    )
    return Rules(
        programmes=programmes,
        ignored_services=ignored,
        team_email=str(data.get("team_email", "england.londonimms@nhs.net")),
        declaration_threshold=int(data.get("declaration_threshold", 5)),
        duplicate_window_days=duplicate_window,
        other_provider_window_days=int(data.get("other_provider_window_days", 31)),
        after_due_date_days=int(data.get("after_due_date_days", 14)),
    )
