"""The four steps of an open review (Files, Overview, Check events, Results) beside a list.

The main window builds this the first time a review is started or opened, not at start-up:
the start page is all a user sees first, so the window appears without waiting for pages
(and the modules behind them) that may not be needed in this run.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QStackedWidget, QWidget

from cqrs_desktop.ui.operations import Operations
from cqrs_desktop.ui.overview_page import OverviewPage
from cqrs_desktop.ui.results_page import ResultsPage
from cqrs_desktop.ui.sources_page import SourcesPage
from cqrs_desktop.ui.steps import OVERVIEW, PAGES, RESULTS, WALKTHROUGH
from cqrs_desktop.ui.walkthrough_page import WalkThroughPage


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
        # as wide as its longest step (11pt, padded as the stylesheet pads it), no wider:
        # on a laptop every pixel beside it goes to the page
        font = QFont(self.nav.font())
        font.setPointSizeF(11)
        widest = max(QFontMetrics(font).horizontalAdvance(f"4  {n}") for n in PAGES)
        self.nav.setFixedWidth(widest + 24 + 12 + 12)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages = QStackedWidget()
        for page in (self.sources, self.overview, self.walkthrough, self.results):
            self.pages.addWidget(page)
        area = QHBoxLayout(self)
        area.setContentsMargins(0, 0, 0, 0)
        area.setSpacing(0)
        area.addWidget(self.nav)
        area.addWidget(self.pages, 1)

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
