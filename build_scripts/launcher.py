"""The frozen executable's entry point: the same `main` as the `cqrs-desktop` console script."""

import multiprocessing
import sys

from startup_probe import install as install_startup_probe

from cqrs_desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the workbook writer of a large `check` is a process
    install_startup_probe()
    sys.exit(main())
