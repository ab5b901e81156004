"""The review file: SQLite, autosaved, with an append-only audit log."""

from cqrs_desktop.store.review_file import SUFFIX, ReviewFile, ReviewFileError, SaveFailed

__all__ = ["SUFFIX", "ReviewFile", "ReviewFileError", "SaveFailed"]
