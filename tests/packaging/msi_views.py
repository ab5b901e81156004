"""Reading an MSI's tables with Python's own msilib (Windows only; deprecated, gone in
Python 3.13): shared by the frozen-build and upgrade tests."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any


def msilib() -> Any:
    """Python's own MSI library, imported without its deprecation warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return __import__("msilib")


def fetched(view: Any) -> Iterator[Any]:
    """Each record of an executed view, until none is left."""
    library = msilib()
    while True:
        try:
            record = view.Fetch()
        except library.MSIError:  # older Pythons: no more rows
            return
        if record is None:
            return
        yield record
