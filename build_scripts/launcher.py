"""The frozen executable's entry point: the same `main` as the `cqrs-desktop` console script."""

import sys

from startup_probe import install as install_startup_probe

from cqrs_desktop.cli import main

if __name__ == "__main__":
    install_startup_probe()
    sys.exit(main())
