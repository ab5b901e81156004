"""One open review, the same for the window and the command line.

`review_session.ReviewSession` owns the review file, the Review and the walk-through;
`changes.Changes` says what a change changed. Import them from their modules (this package
loads nothing by itself, so the window's first page can name `Changes` cheaply).
"""
