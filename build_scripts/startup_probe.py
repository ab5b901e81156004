"""Start-up measurement hook for benchmarks/bench_startup.py, off unless asked for.

With CQRS_DESKTOP_STARTUP_PROBE=1 the program prints `first-window` and quits as soon as its
event loop first runs with a window shown, so a benchmark can time start-up to the first
window without a person or a display (QT_QPA_PLATFORM=offscreen). It wraps
QApplication.exec rather than touching the app, so the app's own code stays as shipped.
"""

from __future__ import annotations

import os
import sys

ENV = "CQRS_DESKTOP_STARTUP_PROBE"
MARK = "first-window"


def install() -> None:
    if not os.environ.get(ENV):
        return
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    real_exec = QApplication.exec

    def exec_then_quit(*_instance: object) -> int:  # app.exec() and QApplication.exec()
        def report() -> None:
            if any(widget.isVisible() for widget in QApplication.topLevelWidgets()):
                print(MARK, flush=True)
                QApplication.quit()
            else:  # nothing shown yet: look again on the next turn of the loop
                QTimer.singleShot(10, report)

        QTimer.singleShot(0, report)
        return real_exec()

    QApplication.exec = exec_then_quit  # type: ignore[method-assign,assignment]
    if sys.stdout is None:  # a windowed Windows build has no console to report to
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
