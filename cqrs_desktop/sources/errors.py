"""The one error every reader raises for a file it cannot use."""

from __future__ import annotations

from cqrs_desktop.errors import UserError


class SourceError(UserError):
    """A file that cannot be imported, said in one line of plain English.

    `file` is the file name only (never a full path a user might not recognise) and
    `problem` says what is wrong; neither ever carries a patient value.
    """

    def __init__(self, file: str, problem: str) -> None:
        self.file = file
        self.problem = " ".join(problem.split())
        super().__init__(f"{file}: {self.problem}")

    def __str__(self) -> str:
        return f"{self.file}: {self.problem}"
