"""Errors whose message is written for the user: one line, no patient data.

Every problem the user can act on (a file that cannot be read, a disk that is full, a
review open elsewhere) is a `UserError`: its message names the file and the problem and,
where there is one, what to do. Anything else is a fault in the app. This module imports
nothing of ours, so every layer may raise these.
"""


class UserError(Exception):
    """A problem the user can act on; the message is one line, for the user."""


class ReviewError(UserError):
    """Bad input or an unusable file: the message is one line, for the user."""


class EarlierReviewUnusable(ReviewError):
    """An earlier review given to carry decisions from cannot be used (damaged, gone, open
    elsewhere, another practice's): nothing was imported."""


class OperationCancelled(Exception):
    """The user pressed Cancel: the work stopped and nothing was saved half-done."""
