"""A review file as a crash mid-save leaves it: the change half written into the file, its
rollback journal beside it (what SQLite plays back the next time the file is opened for
writing). Real SQLite, every platform."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def left_part_saved(review: Path) -> Path:
    """`review`, left as the app stopping while saving a change would leave it."""
    db = sqlite3.connect(review, isolation_level=None)
    db.execute("PRAGMA journal_mode = DELETE")
    db.execute("PRAGMA cache_size = 1")  # pages go to the file before the commit
    db.execute("BEGIN IMMEDIATE")
    db.execute("UPDATE decisions SET note = note || ?", ("x" * 3000,))
    journal = review.with_name(review.name + "-journal")
    hot, half = journal.read_bytes(), review.read_bytes()
    db.execute("ROLLBACK")
    db.close()
    review.write_bytes(half)
    journal.write_bytes(hot)
    return review
