"""The four steps of an open review (Files, Overview, Check events, Results) beside a list.

The main window builds this the first time a review is started or opened, not at start-up:
the start page is all a user sees first, so the window appears without waiting for pages
(and the modules behind them) that may not be needed in this run.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from cqrs_desktop.ui.operations import Operations
from cqrs_desktop.ui.overview_page import OverviewPage
from cqrs_desktop.ui.results_page import ResultsPage
from cqrs_desktop.ui.sources_page import SourcesPage
from cqrs_desktop.ui.steps import OVERVIEW, PAGES, RESULTS, WALKTHROUGH
from cqrs_desktop.ui.walkthrough_page import WalkThroughPage

NAV_PADDING = 24 + 12 + 16  # an item's padding and margins (style.qss), frame, focus


class Pages(QStackedWidget):
    """The four pages, one shown, asking for the room the page shown needs: a page hidden
    now is no reason to scroll. Each page scrolls up and down itself, so the height its
    wrapped text would take at this width is none either."""

    def __init__(self) -> None:
        super().__init__()
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:
        shown = self.currentWidget()
        return shown.minimumSizeHint() if shown is not None else super().minimumSizeHint()

    def heightForWidth(self, width: int) -> int:
        return -1


class PageScroll(QScrollArea):
    """The pages, scrolled only when one needs more room than the window has: with
    Windows' text at its largest a page can be wider than the screen, and the window would
    then be too, its right-hand side out of reach. At usual sizes no scroll bar shows.
    Keys pass on as if it were not there (arrows and Page Down are the pages' own)."""

    def __init__(self, pages: QStackedWidget) -> None:
        super().__init__()
        self.setObjectName("pageScroll")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidgetResizable(True)
        self.setWidget(pages)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.ignore()


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
        self.pages = Pages()
        for page in (self.sources, self.overview, self.walkthrough, self.results):
            self.pages.addWidget(page)
        self.nav.installEventFilter(self)  # Check events' keys work on the list too
        area = QHBoxLayout(self)
        area.setContentsMargins(0, 0, 0, 0)
        area.setSpacing(0)
        area.addWidget(self.nav)
        # held here: with nothing in Python holding it, the window's cycle collector now
        # and then took it for garbage and freed it, the four pages with it (decision 524)
        self.page_scroll = PageScroll(self.pages)
        area.addWidget(self.page_scroll, 1)

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
