"""The SQLite connection a review file holds: its settings, its lock, its transactions."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connect(path: Path) -> sqlite3.Connection:
    """Open `path` held exclusively, every commit on disk before it returns."""
    db = sqlite3.connect(path, timeout=0.5, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA locking_mode = EXCLUSIVE")
    db.execute("PRAGMA synchronous = FULL")
    # Held exclusively, SQLite keeps the rollback journal between changes: emptied after
    # each one, so no copy of a page (patient data) waits beside the file.
    db.execute("PRAGMA journal_size_limit = 0")
    db.execute("PRAGMA foreign_keys = ON")
    # Temporary tables and big sorts in memory: no patient data in a temporary file.
    db.execute("PRAGMA temp_store = MEMORY")
    return db


def take_lock(db: sqlite3.Connection) -> None:
    """Take the exclusive lock now, so a second opener is refused at once."""
    db.execute("BEGIN EXCLUSIVE")
    db.execute("COMMIT")


class Transaction:
    """`with` block around BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            try:
                self._db.execute("COMMIT")
            except BaseException:
                self._rollback()  # a COMMIT the disk refused: SQLite may have ended it
                raise
        else:
            self._rollback()

    def _rollback(self) -> None:
        """Undo the transaction if it is still open (after SQLITE_FULL, SQLite has already
        rolled it back; a second ROLLBACK would hide the first error)."""
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")
