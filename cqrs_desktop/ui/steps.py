"""The four steps of a review, in the order the navigation list and Ctrl+1..4 show them."""

PAGES = ("Files", "Overview", "Check events", "Results")
SOURCES, OVERVIEW, WALKTHROUGH, RESULTS = range(4)
HELP_SECTIONS = ("files", "overview", "check-events", "results")  # anchors in the help page
