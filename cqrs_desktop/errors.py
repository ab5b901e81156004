"""Errors whose message is written for the user: one line, no patient data."""


class ReviewError(Exception):
    """Bad input or an unusable file: the message is one line, for the user."""


class OperationCancelled(Exception):
    """The user pressed Cancel: the work stopped and nothing was saved half-done."""
