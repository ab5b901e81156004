"""Render every page of the app (and printing) from the demo data into docs/screenshots/*.png.

    uv run python build_scripts/screenshots.py [--out DIR] [--scale 1.0]

Runs offscreen in a throwaway home folder, so the user's settings and reviews are never
touched. The main set is 1366x700 at 100%: what a 1366x768 screen shows under a title bar and
taskbar. Then, in a second process (Qt fixes the scale factor when it starts), the laptop
set: the window a 1366x768 laptop at 125% leaves (1093x614), as practices have it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _wait(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _until(test: object, timeout_ms: int = 20000) -> None:
    waited = 0
    while not test() and waited < timeout_ms:  # type: ignore[operator]
        _wait(50)
        waited += 50


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--scale", default="1", help="QT_SCALE_FACTOR, e.g. 1.5 or 2")
    parser.add_argument(
        "--size",
        default="1366x700",
        help="window size in logical pixels (the laptop screen less the taskbar)",
    )
    parser.add_argument(
        "--laptop", action="store_true", help="only the laptop set (run by the main set)"
    )
    args = parser.parse_args(argv)
    if not args.laptop:
        _laptop_set(args.out)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    home = tempfile.mkdtemp(prefix="cqrs-shots-")
    os.environ["CQRS_DESKTOP_HOME"] = home
    sys.path.insert(0, str(ROOT))

    from PySide6.QtCore import Qt

    from cqrs_desktop import settings
    from cqrs_desktop.app import build_window, make_app
    from cqrs_desktop.domain.model import Decision

    app = make_app([])
    settings.save(
        settings.Settings(
            practice_name="Meadowbank Surgery", ods_code="Y99001", reviewer="Demo Reviewer"
        )
    )
    window = build_window()
    width, height = (int(v) for v in args.size.split("x"))
    window.setWindowState(Qt.WindowState.WindowNoState)  # not the first-run maximised state
    window.resize(width, height)
    window.show()
    _wait(300)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    def shot(name: str, widget: object = None) -> None:
        _wait(150)
        target = widget or window
        target.grab().save(str(out / f"{name}.png"))  # type: ignore[attr-defined,union-attr]
        print(f"wrote {out / (name + '.png')}")

    if not args.laptop:
        shot("01-start")
    window.open_demo()
    _until(lambda: window.session is not None and not window.ops.busy)
    session = window.session
    assert session is not None
    # a review part-way through: a few decisions, one outside dose marked in the system
    # (O stays on the patient for the change; A ticks it there and moves on)
    for decision in (
        Decision.PRACTICE,
        Decision.PRACTICE,
        Decision.OTHER_PROVIDER,
        Decision.PRACTICE,
        Decision.PRACTICE,
        Decision.UNSURE,
    ):
        session.decide(decision)
        if decision is Decision.OTHER_PROVIDER:
            session.toggle_action_done()
    session.go_to_first_pending()
    window.walkthrough.refresh()
    window.activateWindow()  # so the focused card shows its frame, as on a real screen
    _wait(100)
    window.walkthrough.focus_card()
    if args.laptop:
        shot("10-check-events-laptop-125")
        window.walkthrough.decide(Decision.OTHER_PROVIDER)
        shot("11-check-events-after-o-laptop-125")
        session.undo()
        window.show_page(3)
        shot("12-results-laptop-125")
        window.show_page(0)
        shot("13-files-laptop-125")
        window.close()
        app.processEvents()
        return 0
    shot("03-check-events")
    window.show_page(0)
    shot("02-files")
    window.show_page(1)
    shot("04-overview")
    window.show_page(3)
    shot("05-results")
    chooser = window.print_or_save("worksheet")
    chooser.adjustSize()
    shot("08-print-or-save", chooser)
    preview = chooser.preview()
    preview.resize(1100, 700)
    _wait(600)
    shot("09-print-preview", preview)
    preview.close()
    sheet = window.show_cheat_sheet()
    sheet.adjustSize()
    shot("06-keyboard-shortcuts", sheet)
    sheet.close()
    help_window = window.show_help()
    shot("07-help", help_window)
    help_window.close()
    window.close()
    app.processEvents()
    return 0


def _laptop_set(out: Path) -> None:
    """The laptop set, in its own process at 125%."""
    import subprocess

    subprocess.run(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "--laptop",
            "--scale",
            "1.25",
            "--size",
            "1093x614",
            "--out",
            str(out),
        ],
        check=True,
        env={k: v for k, v in os.environ.items() if k != "QT_SCALE_FACTOR"},
    )


if __name__ == "__main__":
    sys.exit(main())
