"""A guard against a reference-count fault in PySide6 6.12 on Python 3.11.

That build returns None from every void Qt method without taking a reference, so each
call (setText, processEvents, ...) costs None one reference (and some bool results cost
True or False one); after a few thousand calls
Python aborts with "none_dealloc: deallocating None". Python 3.12 made None immortal
(PEP 683), which hides the fault. On 3.11 we do what 3.12 does: give None a reference
count so large it can never reach zero. Harmless: None is never freed anyway.
"""

from __future__ import annotations

import ctypes
import sys

_PLENTY = 1 << 48


def guard_none_refcount() -> None:
    """Make None, True and False effectively immortal (bool results show the same fault)."""
    if sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < _PLENTY:
            count.value += _PLENTY
