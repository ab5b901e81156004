"""`cqrs-desktop check --help` says what SPEC section 7 says: the programmes to name, the
decisions file's columns, the files written and the exit codes, from the code itself."""

from __future__ import annotations

import re

from cqrs_desktop import cli, commands
from cqrs_desktop.domain.model import Decision
from cqrs_desktop.exporting import OUTPUT_NAMES
from cqrs_desktop.session import load_rules


def check_help() -> str:
    sub = next(a for a in commands.parser()._actions if a.dest == "command")
    return " ".join(sub.choices["check"].format_help().split())  # type: ignore[attr-defined]


def test_check_help_names_every_programme_of_the_shipped_rules() -> None:
    rules, _ = load_rules()
    assert rules.programme_ids == commands.PROGRAMME_IDS
    text = check_help()
    for programme in rules.programme_ids:
        assert programme in text


def test_check_help_says_the_decisions_the_files_and_the_exit_codes() -> None:
    text = check_help()
    for decision in Decision:
        assert decision.value in text
    for name in OUTPUT_NAMES:
        assert name in text
    codes = (cli.BAD_INPUT, cli.INTERNAL_FAULT, cli.STOPPED, cli.TERMINATED)
    said = set(map(int, re.findall(r"\b(\d+) (?:done|bad input|internal|stopped|ended)", text)))
    assert said == {0, *codes}


def test_every_option_of_every_command_says_what_it_is() -> None:
    sub = next(a for a in commands.parser()._actions if a.dest == "command")
    for name, command in sub.choices.items():  # type: ignore[union-attr]
        for action in command._actions:
            assert action.help, f"{name} {action.option_strings or action.dest}: no help"
