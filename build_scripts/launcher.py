"""The frozen executable's entry point: the same `main` as the `cqrs-desktop` console script."""

import sys

from startup_probe import install as install_startup_probe

# A process that multiprocessing started (the workbook writer of a large `check`) has one
# of these on its command line; no command of ours does. Kept equal to
# buildinfo.MULTIPROCESSING_CHILD_MARKS, which makes PyInstaller's hook run only there.
MULTIPROCESSING_CHILD_MARKS = ("-c", "--multiprocessing-fork")


def started_by_multiprocessing(argv: list[str]) -> bool:
    return any(mark in argv[1:] for mark in MULTIPROCESSING_CHILD_MARKS)


if __name__ == "__main__":
    if started_by_multiprocessing(sys.argv):
        import multiprocessing

        multiprocessing.freeze_support()  # runs the child's work, then exits
    install_startup_probe()
    from cqrs_desktop.cli import main

    sys.exit(main())
