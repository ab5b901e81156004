"""`python -m cqrs_desktop` runs the same command as `cqrs-desktop`."""

import sys

from cqrs_desktop.cli import main

if __name__ == "__main__":  # guarded: a spawned worker process imports this module too
    sys.exit(main())
