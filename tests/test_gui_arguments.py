"""What `cqrs-desktop ...` without a command hands to the window."""

from pathlib import Path

from cqrs_desktop.cli import COMMAND_WORDS, gui_arguments


def test_a_review_file_is_opened_whatever_the_case_of_its_name() -> None:
    for name in ("C:/Reviews/Y99001 check.cqrsreview", "C:/Reviews/OLD.CQRSREVIEW"):
        assert gui_arguments([name]) == ([], Path(name), False)


def test_demo_and_qt_arguments() -> None:
    assert gui_arguments(["--demo"]) == ([], None, True)
    assert gui_arguments(["-style", "fusion"]) == (["-style", "fusion"], None, False)
    assert gui_arguments([]) == ([], None, False)


def test_only_the_first_review_is_opened() -> None:
    rest, review, _demo = gui_arguments(["a.cqrsreview", "b.cqrsreview"])
    assert review == Path("a.cqrsreview") and rest == ["b.cqrsreview"]


def test_commands_are_not_window_arguments() -> None:
    assert {"check", "export", "demo-data", "--version"} <= set(COMMAND_WORDS)
