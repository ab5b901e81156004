"""Build CQRS Desktop for shipping: a PyInstaller onedir in dist/cqrs-desktop, then the MSI.

    uv run python build_scripts/build.py          # frozen build, smoke-checked and measured
    uv run python build_scripts/build.py --msi    # ... then dist/cqrs-desktop-X.Y.Z.msi
    uv run python build_scripts/build.py --msi-only   # MSI from an existing dist/

PyInstaller lives in the `build` dependency group; when it is missing this script re-runs
itself under `uv run --group build`. The version comes from pyproject.toml only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import buildinfo as info

SPEC = Path(__file__).resolve().parent / "cqrs-desktop.spec"
SIZE_BUDGET_MB = 200
_REEXEC_GUARD = "CQRS_DESKTOP_BUILD_REEXEC"


def app_dir() -> Path:
    return info.DIST_DIR / info.APP_NAME


def frozen_cli() -> Path:
    """The frozen program to run from a terminal: the console twin on Windows."""
    if sys.platform == "win32":
        return app_dir() / f"{info.APP_NAME}-cli.exe"
    return app_dir() / info.APP_NAME


def folder_size(folder: Path) -> int:
    """Bytes on disk, counting each file once (symbolic links are not followed)."""
    return sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file())


def check_versions() -> str:
    version = info.project_version()
    in_package = info.package_version()
    if in_package != version:
        raise SystemExit(
            f"version mismatch: pyproject.toml says {version}, "
            f"cqrs_desktop/__init__.py says {in_package}"
        )
    info.numeric_version(version)  # fails early on a version MSI cannot carry
    return version


def ensure_pyinstaller(argv: list[str]) -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError as missing:
        uv = shutil.which("uv")
        if uv is None or os.environ.get(_REEXEC_GUARD):
            raise SystemExit("PyInstaller is missing: run `uv sync --group build` first") from None
        print("PyInstaller not installed here; re-running under `uv run --group build`")
        env = {**os.environ, _REEXEC_GUARD: "1"}
        command = [uv, "run", "--group", "build", "python", str(Path(__file__).resolve()), *argv]
        raise SystemExit(subprocess.call(command, cwd=info.REPO, env=env)) from missing


def run_pyinstaller(clean: bool) -> None:
    if not info.ICON_ICO.is_file():
        subprocess.run([sys.executable, str(SPEC.parent / "make_icon.py")], check=True)
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--distpath",
        str(info.DIST_DIR),
        "--workpath",
        str(info.BUILD_DIR / "pyinstaller"),
        str(SPEC),
    ]
    if clean:
        command.insert(3, "--clean")
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=info.REPO)


def strip_debug_symbols(folder: Path) -> None:
    """Strip debug symbols from the Linux build (a debug-built libpython is 23 MB, 6 stripped).

    Libraries that auditwheel patched (in `*.libs` folders, e.g. numpy's OpenBLAS) stop
    loading once stripped, so they are left alone; so are symbolic links.
    """
    strip = shutil.which("strip")
    if not sys.platform.startswith("linux") or strip is None:
        return
    targets = [
        path
        for path in folder.rglob("*.so*")
        if path.is_file()
        and not path.is_symlink()
        and not any(part.endswith(".libs") for part in path.relative_to(folder).parts)
    ]
    for chunk in range(0, len(targets), 100):
        batch = [str(path) for path in targets[chunk : chunk + 100]]
        subprocess.run([strip, "--strip-debug", *batch], check=True)


def smoke_check(version: str) -> None:
    """The frozen program starts and reports the version pyproject gave it."""
    result = subprocess.run(
        [str(frozen_cli()), "--version"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    if result.returncode != 0 or version not in result.stdout:
        raise SystemExit(
            f"frozen smoke check failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"
        )
    print(f"smoke check: {result.stdout.strip()}")


def report_size(budget_mb: int) -> None:
    size_mb = folder_size(app_dir()) / 1_000_000
    print(f"{app_dir()}: {size_mb:.0f} MB (budget {budget_mb} MB)")
    if size_mb > budget_mb:
        raise SystemExit(f"frozen build is over budget: {size_mb:.0f} MB > {budget_mb} MB")


def main(argv: list[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--msi", action="store_true", help="also build the per-user MSI")
    parser.add_argument("--msi-only", action="store_true", help="only build the MSI from dist/")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--max-size-mb", type=int, default=SIZE_BUDGET_MB)
    args = parser.parse_args(args_list)

    version = check_versions()
    started = time.monotonic()
    if not args.msi_only:
        ensure_pyinstaller(args_list)
        run_pyinstaller(args.clean)
        strip_debug_symbols(app_dir())
        smoke_check(version)
        report_size(args.max_size_mb)
    if args.msi or args.msi_only:
        if not app_dir().is_dir():
            raise SystemExit(f"{app_dir()} is missing: build without --msi-only first")
        import msi

        print(f"built {msi.build_msi(version, app_dir())}")
    print(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
