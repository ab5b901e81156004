"""The window: the QApplication, its look and the main window (`cli.main` starts it)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from cqrs_desktop import __version__, paths


def make_app(argv: list[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([sys.argv[0] if sys.argv else "cqrs-desktop", *argv])
    app.setApplicationName("CQRS Desktop")
    app.setOrganizationName("CQRS Desktop")
    app.setApplicationVersion(__version__)
    icon = paths.resource("icons") / "cqrs-desktop.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def build_window(review_path: Path | None = None, demo: bool = False):  # type: ignore[no-untyped-def]
    """The main window, asked to open a review or the demo once the event loop runs."""
    from cqrs_desktop.ui import look
    from cqrs_desktop.ui.main_window import MainWindow

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    look.apply(app)
    window = MainWindow()
    if review_path is not None:
        QTimer.singleShot(0, lambda: window.open_review(review_path))
    elif demo:
        QTimer.singleShot(0, window.open_demo)
    return window


def _fault_in_window(kind: type[BaseException], error: BaseException, tb: object) -> None:
    """A fault the window did not expect: logged for IT (no patient data) and said in a
    box, never only on stderr, which a Windows user never sees."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)  # type: ignore[arg-type]
        return
    from cqrs_desktop.fault_log import write_fault
    from cqrs_desktop.ui.messages import show_problem

    logged = write_fault(error.with_traceback(tb))  # type: ignore[arg-type]
    where = f"\n\nDetails for IT support are in {logged}." if logged else ""
    show_problem(
        QApplication.activeWindow(),
        "Something went wrong",
        "Something unexpected went wrong. Nothing you have already recorded is lost: every "
        f"decision is saved as it is made.{where}",
    )


def run_gui(argv: list[str], review_path: Path | None, demo: bool) -> int:
    sys.excepthook = _fault_in_window
    app = make_app(argv)
    window = build_window(review_path, demo)
    window.show()
    return app.exec()
