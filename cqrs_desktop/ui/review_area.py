"""The four steps of an open review (Files, Overview, Check events, Results) beside a list.

The main window builds this the first time a review is started or opened, not at start-up:
the start page is all a user sees first, so the window appears without waiting for pages
(and the modules behind them) that may not be needed in this run.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QStackedWidget, QWidget

from cqrs_desktop.ui.operations import Operations
from cqrs_desktop.ui.overview_page import OverviewPage
from cqrs_desktop.ui.results_page import ResultsPage
from cqrs_desktop.ui.sources_page import SourcesPage
from cqrs_desktop.ui.steps import OVERVIEW, PAGES, RESULTS, WALKTHROUGH
from cqrs_desktop.ui.walkthrough_page import WalkThroughPage

NAV_PADDING = 24 + 12 + 16  # an item's padding and margins (style.qss), frame, focus


class ReviewArea(QWidget):
    def __init__(self, ops: Operations, clinical_system: str) -> None:
        super().__init__()
        self.sources = SourcesPage(ops)
        self.overview = OverviewPage()
        self.walkthrough = WalkThroughPage(clinical_system)
        self.results = ResultsPage(ops)

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName("Steps of the review")
        for number, name in enumerate(PAGES, start=1):
            item = QListWidgetItem(f"{number}  {name}")
            item.setToolTip(f"{name} (Ctrl+{number})")
            self.nav.addItem(item)
        self.nav.setFixedWidth(168)  # until shown, when its font (from the stylesheet) is known
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages = QStackedWidget()
        for page in (self.sources, self.overview, self.walkthrough, self.results):
            self.pages.addWidget(page)
        self.nav.installEventFilter(self)  # Check events' keys work on the list too
        area = QHBoxLayout(self)
        area.setContentsMargins(0, 0, 0, 0)
        area.setSpacing(0)
        area.addWidget(self.nav)
        area.addWidget(self.pages, 1)

    def showEvent(self, event: QShowEvent) -> None:
        """The step list as wide as its longest step, no wider: on a laptop every pixel
        beside it goes to the page (padding and margins as the stylesheet sets them)."""
        self.nav.ensurePolished()
        metrics = self.nav.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.nav.item(i).text()) for i in range(4))
        self.nav.setFixedWidth(widest + NAV_PADDING)
        super().showEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On Check events, the step list beside the page (Tab from the note) passes the
        page's keys (P, O, N, X, U, A, arrows, Ctrl+F ...) to it: they never do nothing."""
        if (
            watched is self.nav
            and event.type() == QEvent.Type.KeyPress
            and self.pages.currentWidget() is self.walkthrough
            and isinstance(event, QKeyEvent)
            and self.walkthrough.press(event)
        ):
            return True
        return super().eventFilter(watched, event)

    def all_pages(self) -> tuple[SourcesPage, OverviewPage, WalkThroughPage, ResultsPage]:
        return (self.sources, self.overview, self.walkthrough, self.results)

    def enable_steps(self, enabled: bool) -> None:
        """Overview, Check events and Results are open only while a review is."""
        for index in (OVERVIEW, WALKTHROUGH, RESULTS):
            item = self.nav.item(index)
            flags = item.flags()
            if enabled:
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled)
            else:
                item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled)
