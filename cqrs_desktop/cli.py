"""The `cqrs-desktop` command line (placeholder until the core lands)."""

from __future__ import annotations

import sys

from cqrs_desktop import __version__


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "--version":
        print(f"cqrs-desktop {__version__}")
        return 0
    print("cqrs-desktop: not ready yet", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
