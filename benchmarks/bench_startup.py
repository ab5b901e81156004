"""Start-up time of the frozen app against a bare PySide6 hello-world frozen the same way.

    uv run python benchmarks/bench_startup.py            # builds hello-qt if missing
    uv run python benchmarks/bench_startup.py --runs 9 --json out.json

Measures, for dist/cqrs-desktop and dist/hello-qt (built with the same spec, excludes and
pruning, via `--bare`):
  - time to `--version` output and exit;
  - time to the first window shown, offscreen (QT_QPA_PLATFORM=offscreen), using the
    start-up probe in build_scripts/startup_probe.py (CQRS_DESKTOP_STARTUP_PROBE=1).
Reports the median of N runs, taken in turn with hello-qt's, after one warm-up run, and the
app/hello ratio (aim: within 1.5x). Build the app first with build_scripts/build.py.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "build_scripts"))
import buildinfo as info  # noqa: E402
from startup_probe import ENV as PROBE_ENV  # noqa: E402
from startup_probe import MARK  # noqa: E402

HELLO = "hello-qt"
TARGET_RATIO = 1.5
WINDOW_TIMEOUT_S = 60.0


def program(name: str) -> Path:
    folder = info.DIST_DIR / name
    return folder / (f"{name}-cli.exe" if os.name == "nt" else name)


def build_hello() -> None:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--distpath",
        str(info.DIST_DIR),
        "--workpath",
        str(info.BUILD_DIR / "bench-hello"),
        str(REPO / "build_scripts" / "cqrs-desktop.spec"),
        "--",
        "--bare",
        "--name",
        HELLO,
        "--entry",
        str(REPO / "benchmarks" / "hello_qt.py"),
    ]
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=REPO, stdout=subprocess.DEVNULL)


def environment(probe: bool) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop(PROBE_ENV, None)
    return {**env, PROBE_ENV: "1"} if probe else env


def time_version(exe: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [str(exe), "--version"], check=True, capture_output=True, env=environment(probe=False)
    )
    return time.perf_counter() - started


def time_first_window(exe: Path, argv: list[str]) -> float | None:
    """Seconds from spawn until the probe reports a shown window; None if it never does."""
    started = time.perf_counter()
    with subprocess.Popen(
        [str(exe), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=environment(probe=True),
    ) as process:
        assert process.stdout is not None
        deadline = started + WINDOW_TIMEOUT_S
        for line in process.stdout:
            if line.strip() == MARK:
                elapsed = time.perf_counter() - started
                process.wait(timeout=30)
                return elapsed
            if time.perf_counter() > deadline:
                break
        process.kill()
    return None


def paired_medians(
    runs: int, mine: Callable[[], float | None], base: Callable[[], float | None]
) -> tuple[float | None, float | None]:
    """Medians of runs taken in turn (app, hello, app, hello...), so a busy moment on the
    machine falls on both sides rather than on one; one warm-up run of each first, which
    fills the OS file cache as a second launch by the user would."""
    mine(), base()
    samples: tuple[list[float | None], list[float | None]] = ([], [])
    for _ in range(runs):
        samples[0].append(mine())
        samples[1].append(base())

    def median(values: list[float | None]) -> float | None:
        measured = [value for value in values if value is not None]
        return statistics.median(measured) if len(measured) == len(values) else None

    return median(samples[0]), median(samples[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--rebuild-hello", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    app = program(info.APP_NAME)
    if not app.is_file():
        print(f"{app} is missing: run build_scripts/build.py first", file=sys.stderr)
        return 2
    if args.rebuild_hello or not program(HELLO).is_file():
        build_hello()
    hello = program(HELLO)

    figures: dict[str, float | None] = {}
    figures["app_version_s"], figures["hello_version_s"] = paired_medians(
        args.runs, lambda: time_version(app), lambda: time_version(hello)
    )
    figures["app_first_window_s"], figures["hello_first_window_s"] = paired_medians(
        args.runs, lambda: time_first_window(app, []), lambda: time_first_window(hello, [])
    )
    print(f"median of {args.runs} runs, offscreen, {sys.platform}")
    for kind in ("version", "first_window"):
        mine, base = figures[f"app_{kind}_s"], figures[f"hello_{kind}_s"]
        if mine is None or base is None:
            print(f"  {kind:13} app: not measured (no window reported)")
            continue
        ratio = mine / base
        figures[f"{kind}_ratio"] = ratio
        verdict = "ok" if ratio <= TARGET_RATIO else f"over the {TARGET_RATIO}x aim"
        print(f"  {kind:13} app {mine:6.3f} s   hello {base:6.3f} s   {ratio:4.2f}x  {verdict}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
