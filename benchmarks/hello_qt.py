"""The baseline for benchmarks/bench_startup.py: a bare PySide6 window, frozen like the app.

`hello-qt --version` prints and exits; `hello-qt` opens one window (and with the start-up
probe on, quits as soon as it is shown).
"""

import sys

from startup_probe import install as install_startup_probe

if __name__ == "__main__":
    install_startup_probe()
    if sys.argv[1:] == ["--version"]:
        print("hello-qt 1")
        sys.exit(0)
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(QLabel("Hello"))
    window.show()
    sys.exit(app.exec())
