"""The frozen executable's entry point: the same `main` as the `cqrs-desktop` console script."""

import sys

from cqrs_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
