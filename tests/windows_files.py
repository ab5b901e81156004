"""Hold a file the way Windows programs do, for the tests of what a held file stops.

Windows programs open files with a share mode that says what others may do meanwhile.
`hold` opens a file with `CreateFileW` and the share mode asked for, and keeps it open for
the `with` block. Used only where `sys.platform == "win32"` (the Windows stage runs them
for real under Wine; on Linux nothing holds files, and those tests skip).
"""

from __future__ import annotations

import contextlib
import ctypes
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

FILE_SHARE_READ = 0x1
FILE_SHARE_WRITE = 0x2
FILE_SHARE_DELETE = 0x4
GENERIC_READ = 0x80000000
GENERIC_WRITE = 0x40000000
OPEN_EXISTING = 3
FILE_ATTRIBUTE_NORMAL = 0x80

# How real programs hold a document they show (share mode, access):
HOLDERS = {
    # Python's open(), the C runtime's and many PDF viewers': others may read and write,
    # but not rename or delete
    "like Python's open": (FILE_SHARE_READ | FILE_SHARE_WRITE, GENERIC_READ),
    # a viewer that lets others read only
    "sharing reading only": (FILE_SHARE_READ, GENERIC_READ),
    # Excel with a workbook open: nothing shared at all
    "like Excel": (0, GENERIC_READ | GENERIC_WRITE),
}


def windows_only(what: str) -> pytest.MarkDecorator:
    """Skip on Linux with the reason: these run for real in the Windows stage of .ci/run."""
    return pytest.mark.skipif(
        sys.platform != "win32", reason=f"{what}: Windows only, run in the Windows stage"
    )


@contextlib.contextmanager
def hold(path: Path, share: int, access: int = GENERIC_READ) -> Iterator[None]:
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    create = kernel32.CreateFileW
    create.restype = wintypes.HANDLE
    create.argtypes = [
        wintypes.LPCWSTR,
        wintypes.DWORD,
        wintypes.DWORD,
        wintypes.LPVOID,
        wintypes.DWORD,
        wintypes.DWORD,
        wintypes.HANDLE,
    ]
    kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
    handle = create(str(path), access, share, None, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, None)
    if handle is None or handle == wintypes.HANDLE(-1).value:
        raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined]
    try:
        yield
    finally:
        kernel32.CloseHandle(handle)


def under_wine() -> bool:
    """True when this Windows is Wine (its ntdll exports `wine_get_version`)."""
    if sys.platform != "win32":
        return False
    ntdll = ctypes.WinDLL("ntdll")  # type: ignore[attr-defined]
    return hasattr(ntdll, "wine_get_version")


def file_dacl_sddl(path: Path) -> str:
    """The access list (DACL) of the file at `path` as Windows reports it, in SDDL
    ("D:P(A;;FA;;;S-1-5-21-...)(A;;FA;;;SY)"), read with GetFileSecurityW."""
    from ctypes import wintypes

    dacl = 0x4  # DACL_SECURITY_INFORMATION
    advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    get = advapi32.GetFileSecurityW
    get.argtypes = [
        wintypes.LPCWSTR,
        wintypes.DWORD,
        wintypes.LPVOID,
        wintypes.DWORD,
        ctypes.POINTER(wintypes.DWORD),
    ]
    get.restype = wintypes.BOOL
    to_text = advapi32.ConvertSecurityDescriptorToStringSecurityDescriptorW
    to_text.argtypes = [
        wintypes.LPVOID,
        wintypes.DWORD,
        wintypes.DWORD,
        ctypes.POINTER(wintypes.LPWSTR),
        ctypes.POINTER(wintypes.ULONG),
    ]
    to_text.restype = wintypes.BOOL
    kernel32.LocalFree.argtypes = [wintypes.LPVOID]
    size = wintypes.DWORD(0)
    get(str(path), dacl, None, 0, ctypes.byref(size))
    buffer = ctypes.create_string_buffer(max(size.value, 1))
    if not get(str(path), dacl, buffer, size, ctypes.byref(size)):
        raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined]
    text = wintypes.LPWSTR()
    if not to_text(buffer, 1, dacl, ctypes.byref(text), None):
        raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined]
    try:
        return str(text.value)
    finally:
        kernel32.LocalFree(text)
