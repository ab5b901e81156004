"""Owner-only permissions for a file on Windows, through the Win32 API (ctypes, no pywin32).

A new file inherits its folder's permissions, which in a shared folder can let every user of
the PC (or of the network share) read it. `set_owner_only` replaces the file's access list
with a *protected* one (nothing inherited from the folder, now or later) that lets only the
current user, and SYSTEM, at it (docs/decisions.md, 63). Imported only on Windows.
"""

from __future__ import annotations

import ctypes
import functools
import os
from ctypes import wintypes
from typing import Any

from cqrs_desktop.store.file_safety import NotMadePrivate

TOKEN_QUERY = 0x0008
TOKEN_USER = 1  # the TOKEN_INFORMATION_CLASS value
SDDL_REVISION_1 = 1
DACL_SECURITY_INFORMATION = 0x00000004
PROTECTED_DACL_SECURITY_INFORMATION = 0x80000000
ERROR_INSUFFICIENT_BUFFER = 122
# What a file system that keeps no permissions (FAT, exFAT, some network shares) answers.
NO_PERMISSIONS_HERE = frozenset({1, 50})  # ERROR_INVALID_FUNCTION, ERROR_NOT_SUPPORTED
_LONG_PATH_FROM = 248  # below MAX_PATH less a file name: no \\?\ needed


@functools.cache
def _advapi32() -> Any:
    dll = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined]
    dll.OpenProcessToken.argtypes = [
        wintypes.HANDLE,
        wintypes.DWORD,
        ctypes.POINTER(wintypes.HANDLE),
    ]
    dll.OpenProcessToken.restype = wintypes.BOOL
    dll.GetTokenInformation.argtypes = [
        wintypes.HANDLE,
        ctypes.c_int,
        wintypes.LPVOID,
        wintypes.DWORD,
        ctypes.POINTER(wintypes.DWORD),
    ]
    dll.GetTokenInformation.restype = wintypes.BOOL
    dll.ConvertSidToStringSidW.argtypes = [wintypes.LPVOID, ctypes.POINTER(wintypes.LPWSTR)]
    dll.ConvertSidToStringSidW.restype = wintypes.BOOL
    dll.ConvertStringSecurityDescriptorToSecurityDescriptorW.argtypes = [
        wintypes.LPCWSTR,
        wintypes.DWORD,
        ctypes.POINTER(wintypes.LPVOID),
        ctypes.POINTER(wintypes.ULONG),
    ]
    dll.ConvertStringSecurityDescriptorToSecurityDescriptorW.restype = wintypes.BOOL
    dll.SetFileSecurityW.argtypes = [wintypes.LPCWSTR, wintypes.DWORD, wintypes.LPVOID]
    dll.SetFileSecurityW.restype = wintypes.BOOL
    return dll


@functools.cache
def _kernel32() -> Any:
    dll = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    dll.GetCurrentProcess.argtypes = []
    dll.GetCurrentProcess.restype = wintypes.HANDLE
    dll.CloseHandle.argtypes = [wintypes.HANDLE]
    dll.CloseHandle.restype = wintypes.BOOL
    dll.LocalFree.argtypes = [wintypes.LPVOID]
    dll.LocalFree.restype = wintypes.LPVOID
    return dll


def _last_error() -> tuple[int, str]:
    code = ctypes.get_last_error()  # type: ignore[attr-defined]
    return code, ctypes.FormatError(code).strip()  # type: ignore[attr-defined]


def _failed(what: str) -> OSError:
    code, words = _last_error()
    return OSError(0, f"{what}: {words} (Windows error {code})")


def _token_user(token: wintypes.HANDLE) -> ctypes.Array[ctypes.c_char]:
    """The TOKEN_USER structure of `token`, in a buffer of the size Windows asks for."""
    advapi32 = _advapi32()
    size = wintypes.DWORD(0)
    advapi32.GetTokenInformation(token, TOKEN_USER, None, 0, ctypes.byref(size))
    if ctypes.get_last_error() != ERROR_INSUFFICIENT_BUFFER:  # type: ignore[attr-defined]
        raise _failed("the user's account could not be read")
    buffer = ctypes.create_string_buffer(size.value)
    if not advapi32.GetTokenInformation(token, TOKEN_USER, buffer, size, ctypes.byref(size)):
        raise _failed("the user's account could not be read")
    return buffer


@functools.cache
def current_user_sid() -> str:
    """The SID of the user this process runs as ("S-1-5-21-..."), from its access token."""
    advapi32, kernel32 = _advapi32(), _kernel32()
    token = wintypes.HANDLE()
    process = kernel32.GetCurrentProcess()
    if not advapi32.OpenProcessToken(process, TOKEN_QUERY, ctypes.byref(token)):
        raise _failed("the user's account could not be read")
    try:
        buffer = _token_user(token)
    finally:
        kernel32.CloseHandle(token)
    sid = ctypes.cast(buffer, ctypes.POINTER(wintypes.LPVOID))[0]  # TOKEN_USER.User.Sid
    text = wintypes.LPWSTR()
    if not advapi32.ConvertSidToStringSidW(sid, ctypes.byref(text)):
        raise _failed("the user's account could not be read")
    try:
        return str(text.value)
    finally:
        kernel32.LocalFree(text)


def owner_only_sddl() -> str:
    """A protected access list: full control for the user and for SYSTEM, nobody else."""
    return f"D:P(A;;FA;;;{current_user_sid()})(A;;FA;;;SY)"


def _long_path(path: str) -> str:
    """`path` absolute, with the \\\\?\\ prefix when it is too long for the plain form."""
    full = os.path.abspath(path)
    if len(full) < _LONG_PATH_FROM or full.startswith("\\\\?\\"):
        return full
    if full.startswith("\\\\"):  # \\server\share\... -> \\?\UNC\server\share\...
        return "\\\\?\\UNC\\" + full[2:]
    return "\\\\?\\" + full


def set_owner_only(path: str) -> None:
    """Give the file at `path` the owner-only access list; NotMadePrivate if Windows refuses.

    A file system that keeps no permissions at all (FAT on a USB stick) is left as it is."""
    advapi32, kernel32 = _advapi32(), _kernel32()
    descriptor = wintypes.LPVOID()
    try:
        sddl = owner_only_sddl()
        if not advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW(
            sddl, SDDL_REVISION_1, ctypes.byref(descriptor), None
        ):
            raise _failed("the permissions could not be made")
    except OSError as exc:
        raise NotMadePrivate(path, str(exc.strerror)) from None
    try:
        which = DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION
        if advapi32.SetFileSecurityW(_long_path(path), which, descriptor):
            return
        code, words = _last_error()
        if code not in NO_PERMISSIONS_HERE:
            raise NotMadePrivate(path, f"Windows: {words}")
    finally:
        kernel32.LocalFree(descriptor)
