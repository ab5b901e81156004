"""`python -m cqrs_desktop` runs the same command as `cqrs-desktop`."""

import sys

from cqrs_desktop.cli import main

sys.exit(main())
