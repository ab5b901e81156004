"""One row per programme and month: the table behind the overview and the results.

Narrow enough for a laptop (1366x768 at 125%): short programme and month names (whole in
the tooltip), the unsure count inside "Checked", and the CQRS column only when the CQRS
figures said something. Every column fits its text; the table never scrolls sideways.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence, Sized
from typing import ClassVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView

from cqrs_desktop.domain import labels
from cqrs_desktop.domain.coverage import Days
from cqrs_desktop.domain.dates import month_label, short_month_label
from cqrs_desktop.domain.earlier import GoneDose, decided_earlier, no_longer_found
from cqrs_desktop.domain.explain import (
    COUNT_TO_CLAIM,
    CQRS_STATUS_WORDS,
    DECISION_WORDS,
    EARLIER_CHECK_UNSEEN,
    HELD_BACK_WORDS,
    NOT_COVERED,
    PART_SEARCHED,
    ROWS_NOT_PLACED,
    counted,
    review_name,
    value_difference_words,
)
from cqrs_desktop.domain.model import ClaimItem, Decision, ItemStatus
from cqrs_desktop.domain.nhs import format_nhs_number
from cqrs_desktop.domain.review import Review
from cqrs_desktop.reports.summary import (
    days_words,
    format_date,
    holds_back,
    kept_by_month,
    kept_words,
    unplaced_counter,
)
from cqrs_desktop.ui import look, theme
from cqrs_desktop.ui.table_base import ColumnsModel

ModelIndex = QModelIndex | QPersistentModelIndex
ITEM_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
PROGRAMME, MONTH, CLAIMED, FOUND, CHECKED, TO_CLAIM, STATUS, VALUE, CQRS = range(9)
# the columns the line under the table also says: they join the table when there is room
JOIN_WHEN_ROOM = (TO_CLAIM, VALUE, CQRS)
ROWS_AT_LEAST = 3  # rows the table always has room for (decision 375)


def money(value: float | None) -> str:
    if value is None:
        return "–"
    sign = "-" if value < 0 else ""
    return f"{sign}£{abs(value):,.2f}"


def status_word(item: ClaimItem) -> str:
    """The status in a word or two ('Not checked'); the whole of it is in the tooltip."""
    return theme.item_status(item.status)[0].split(" (")[0]


def held_back_word(searched_part: Days | None, unplaced: int = 1) -> str:
    """The status column's word for a claim to amend that the email holds back (decisions
    163, 164, 233): why, in a few words ('Month searched in part', 'Rows not placed', else
    'Earlier check not in search'), as the report says it after 'Still being checked'."""
    if searched_part is not None:
        return HELD_BACK_WORDS[PART_SEARCHED][0]
    return HELD_BACK_WORDS[ROWS_NOT_PLACED if unplaced else EARLIER_CHECK_UNSEEN][0]


def status_detail(item: ClaimItem) -> str:
    """What stands behind the status, in a sentence."""
    if item.status is ItemStatus.NOT_CHECKED:
        return NOT_COVERED
    if item.status is ItemStatus.INCOMPLETE:
        parts = []
        if item.pending:
            parts.append(f"{item.pending} still to check")
        if item.unsure:
            parts.append(f"{item.unsure} marked unsure")
        return "Incomplete: " + " and ".join(parts)
    if item.status is ItemStatus.NO_CLAIM:  # the count to claim too: its column may not show
        return "No claimed count to compare with" + (
            f"; {item.corrected} given here" if item.corrected is not None else ""
        )
    if item.status is ItemStatus.AMEND:
        return f"Amend the claim from {item.claimed} to {item.corrected}"
    return f"Validated: {item.claimed} claimed, {item.corrected} given here"


def cqrs_word(item: ClaimItem) -> str:
    if not item.cqrs_status and not item.cqrs_note:
        return ""
    word = CQRS_STATUS_WORDS.get(item.cqrs_status or "", "No status")
    return word + (" ✎" if item.cqrs_note else "")


def _who(dose: GoneDose) -> str:
    """The NHS number spaced as the app shows it, or 'surname, born YYYY-MM-DD'. The
    number's spaces do not break: the line under the table wraps, and "999 000" at the end
    of one line and "5036" at the start of the next read as two numbers (decision 543)."""
    if dose.patient.startswith("nhs:"):
        return format_nhs_number(dose.who).replace(" ", "\u00a0")
    return dose.who


def _kept_words(kept: Sequence[tuple[Decision, int]], moved: int, said_above: int) -> str:
    """'An earlier check found 1 given by this practice that the search does not show: it
    is kept in the records, not counted here.', but the doses given here the line says
    already hold the claim back (`said_above`); or ""."""
    rest = [(kind, n - said_above if kind is Decision.PRACTICE else n) for kind, n in kept]
    rest = [(kind, n) for kind, n in rest if n > 0]
    if not rest:
        return ""
    n = sum(count for _kind, count in rest)
    text = (
        f"An earlier check found {kept_words(rest)} that the search does not show: "
        f"{'it is' if n == 1 else 'they are'} kept in the records, not counted here"
    )
    if moved:
        text += (
            f" ({'it' if n == 1 else f'{moved} of them'} may be "
            f"{'a vaccination' if moved == 1 else 'vaccinations'} the search holds a few days "
            f"away, {'its date' if moved == 1 else 'their dates'} put right)"
        )
    return text + "."


GONE_LISTED = 5  # doses no longer in the search named under the table; the rest counted


def item_details(
    item: ClaimItem,
    title: str,
    decided_earlier: int = 0,
    gone: Sequence[GoneDose] = (),
    searched_part: Days | None = None,
    unplaced: int = 0,
    kept_given_here: int = 0,
    kept: Sequence[tuple[Decision, int]] = (),
    kept_moved: int = 0,
) -> str:
    """One line about an item for the line under the table: its status in full, what CQRS
    says about it (status and note), and the value difference in words. For a month not
    searched, how many of its vaccinations an earlier check decided (`decided_earlier`,
    kept, not checked again here: as the email says); the doses decided earlier that its
    search no longer holds (`gone`), by patient, which nothing else in the app lists; the
    decisions kept from earlier checks that its search does not show (`kept`, by kind; of
    them `kept_moved` with a dose of their patient a few days away), as the email says them
    (decision 551)."""
    parts = [f"{title}: {status_detail(item)}."]
    # held back, as the email and the notes hold it (decisions 163, 164, 233)
    held_back = holds_back(item.status, searched_part, unplaced, kept_given_here)
    if held_back:
        why, to_do = [], []
        if searched_part is not None:
            why.append(
                f"the search covered only {days_words(searched_part)} of this month, as its "
                "file states"
            )
            to_do.append("run the search again for the whole month")
        if unplaced:
            why.append(
                f"{'1 row' if unplaced == 1 else f'{unplaced} rows'} of the search that may "
                "be of this month could not be placed (see Files)"
            )
            to_do.append(f"put {'it' if unplaced == 1 else 'them'} right")
        if kept_given_here:
            n = kept_given_here
            why.append(
                f"the search does not show {'1 vaccination' if n == 1 else f'{n} vaccinations'} "
                "an earlier check found given by this practice"
            )
            to_do.append(f"search {'its day' if n == 1 else 'their days'} again")
        parts = [
            f"{title}: on what the search holds, the claim would be amended from "
            f"{item.claimed} to {item.corrected}, but {' and '.join(why)}: the email says "
            "the claim is not yet confirmed or amended, and no note is written. To check all "
            f"of it, {' and '.join(to_do)}."
        ]
    elif searched_part is not None:  # (decision 137)
        parts.append(
            f"The search covered only {days_words(searched_part)} of this month, as its "
            "file states: the email and note say so. Run it again for the whole month to "
            "check all of it."
        )
    if said := _kept_words(kept, kept_moved, kept_given_here if held_back else 0):
        parts.append(said)
    if decided_earlier and not item.covered:
        again = "it is" if decided_earlier == 1 else "they are"
        parts.append(
            f"An earlier check decided {decided_earlier} of its vaccinations; {again} not "
            "checked again here."
        )
    if gone:
        named = [
            f"{_who(g)}, vaccinated {format_date(dt.date.fromisoformat(g.date))} "
            f"({DECISION_WORDS[g.decision]}, decided in "
            f"{review_name(g.decided_in) if g.decided_in else 'this review'})"
            for g in gone[:GONE_LISTED]
        ]
        more = len(gone) - len(named)
        parts.append(
            "No longer in the search: "
            + "; ".join(named)
            + (f"; and {more} more" if more else "")
            + '. The workbook\'s sheet "No longer in search" lists each, with why.'
        )
    if item.value_difference and held_back:
        parts.append(
            "On what the search holds, the value difference would be "
            f"{value_difference_words(item.value_difference)}."
        )
    elif item.value_difference:
        parts.append(f"Value difference {value_difference_words(item.value_difference)}.")
    if item.cqrs_status:
        parts.append(f"In CQRS: {CQRS_STATUS_WORDS.get(item.cqrs_status, item.cqrs_status)}.")
    if item.cqrs_note:
        parts.append(f"CQRS note: {item.cqrs_note}")
    return " ".join(parts)


class ItemsTableModel(ColumnsModel):
    COLUMNS = (
        "Programme",
        "Month",
        "Claimed",
        labels.FOUND_IN_SEARCH.replace(" in ", "\nin "),  # two lines: the values are short
        "Checked",
        COUNT_TO_CLAIM.replace(" to ", "\nto "),  # two lines: the values are short
        "Status",
        "Value\ndifference",
        "In CQRS",
    )
    NUMERIC = frozenset({CLAIMED, FOUND, CHECKED, TO_CLAIM, VALUE})
    COLUMN_TIPS: ClassVar[Mapping[int, str]] = {
        CLAIMED: "The count the practice claimed on CQRS for this month",
        FOUND: "Vaccinations found in your search for this month",
        CHECKED: "Vaccinations that needed a check against the patient record, and how many "
        "have a decision",
        TO_CLAIM: "The count the practice should claim: vaccinations given by this practice, "
        "once every one that needs a check has a decision",
        VALUE: "(claimed − count to claim) × fee. Over-claimed: the practice claimed too "
        "much and should amend it down; under-claimed: it claimed too little",
        CQRS: "The item's status in CQRS and its note (✎), from the CQRS figures",
    }

    def __init__(self) -> None:
        super().__init__()
        self.items: list[ClaimItem] = []
        self.names: dict[str, str] = {}
        self.short: dict[str, str] = {}
        self.earlier: Counter[tuple[str, str]] = Counter()
        self.gone: dict[tuple[str, str], list[GoneDose]] = {}
        # claims to amend the email holds back: (the days searched, rows not placed, doses
        # an earlier check found given here that the search does not show)
        self.held: dict[tuple[str, str], tuple[Days | None, int, int]] = {}
        # decisions kept from earlier checks that a covered month's search does not show,
        # by kind (as the email says them), and of them, by kind, those that may be a dose
        # of the search with its date put right
        self.kept: dict[tuple[str, str], tuple[tuple[Decision, int], ...]] = {}
        self.kept_moved: dict[tuple[str, str], Counter[Decision]] = {}
        self.review: Review | None = None

    def set_review(self, review: Review | None) -> None:
        self.beginResetModel()
        self.review = review
        self.items = review.items() if review else []
        programmes = review.rules.programmes if review else ()
        self.names = {p.id: p.display_name for p in programmes}
        self.short = {p.id: p.short_name for p in programmes}
        self.earlier = decided_earlier(review.held) if review else Counter()
        self.gone = {}
        for dose in (*review.gone, *no_longer_found(review.held)) if review else ():
            self.gone.setdefault((dose.programme, dose.month), []).append(dose)
        self.held = {}
        self.kept = {}
        self.kept_moved = {}
        if review is not None:
            self._count_kept(review)
            unplaced = unplaced_counter(review)
            for item in self.items:
                if item.status is not ItemStatus.AMEND:
                    continue
                part = review.part_searched(item.programme, item.month) if item.covered else None
                rows = unplaced(item.programme, item.month, item.covered)
                key = (item.programme, item.month)
                # given here, kept, but not those whose date may have been put right: as
                # `ItemRow.kept_given_here` (decision 532)
                here = dict(self.kept.get(key, ())).get(Decision.PRACTICE, 0)
                here -= self.kept_moved.get(key, Counter())[Decision.PRACTICE]
                if holds_back(item.status, part, rows, here):
                    self.held[key] = (part, rows, here)
        self.endResetModel()

    def _count_kept(self, review: Review) -> None:
        """The decisions kept from earlier checks that each covered month's search does not
        show (`ItemRow.kept_earlier`), by kind; and those of them that may be a dose of the
        search with its date put right (`ItemRow.kept_moved`)."""
        covered = {(i.programme, i.month) for i in self.items if i.covered}
        order = list(Decision)
        for key, kinds in kept_by_month(review).items():
            if key in covered:
                counts = sorted(Counter(kinds).items(), key=lambda kind: order.index(kind[0]))
                self.kept[key] = tuple(counts)
        for key, kinds in kept_by_month(review, moved_only=True).items():
            if key in covered:
                self.kept_moved[key] = Counter(kinds)

    @property
    def kept_kinds(self) -> list[tuple[Decision, int]]:
        """Every covered month's kept decisions (`kept`), by kind, in the order of kinds."""
        total: Counter[Decision] = Counter()
        for kinds in self.kept.values():
            total.update(dict(kinds))
        return [(kind, total[kind]) for kind in Decision if total[kind]]

    def held_back(self, item: ClaimItem) -> bool:
        """A claim to amend by SPEC 5 that the email holds back as still being checked
        (`reports.summary.amend_held_back`): the window does not call it "Amend" either."""
        return (item.programme, item.month) in self.held

    @property
    def has_cqrs_status(self) -> bool:
        return any(i.cqrs_status or i.cqrs_note for i in self.items)

    def table_rows(self) -> Sized:
        return self.items

    def details(self, item: ClaimItem) -> str:
        """The line under the table for `item` (`item_details`)."""
        key = (item.programme, item.month)
        part = (
            self.review.part_searched(item.programme, item.month)
            if self.review is not None and item.covered
            else None
        )
        _, unplaced, here = self.held.get(key, (None, 0, 0))
        moved = sum(self.kept_moved.get(key, Counter()).values())
        return item_details(
            item, self.title(item), self.earlier[key], self.gone.get(key, ()), part, unplaced,
            here, self.kept.get(key, ()), moved,
        )  # fmt: skip

    def title(self, item: ClaimItem) -> str:
        """'Pertussis (pregnant women), September 2024'."""
        return f"{self.names.get(item.programme, item.programme)}, {month_label(item.month)}"

    def text(self, item: ClaimItem, column: int) -> str:
        # as the walkthrough's progress counts: an unsure one is seen, not checked; only
        # the vaccinations needing a check (one not flagged marked unsure is not one of
        # them: the tooltip says it, decision 435)
        checked = item.flagged - item.pending - item.unsure_flagged
        if item.flagged:
            checked_text = f"{checked} of {item.flagged}"
            if item.unsure_flagged:
                checked_text += f", {item.unsure_flagged} unsure"
        elif not item.covered:
            checked_text = "not searched"  # nothing to check here, not "none needed"
        else:
            checked_text = "none needed"
        held = self.held.get((item.programme, item.month))
        values: list[object] = [
            self.short.get(item.programme, item.programme),
            short_month_label(item.month),
            "no claim" if item.claimed is None else item.claimed,
            item.in_search,
            checked_text,
            "–" if item.corrected is None else item.corrected,
            held_back_word(held[0], held[1]) if held else status_word(item),
            # what the email does not claim is not shown as the claim's (the line says it)
            "–" if held else value_difference_words(item.value_difference) or "–",
            cqrs_word(item),
        ]
        return str(values[column])

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ITEM_KEY_ROLE:
            return (item.programme, item.month)
        if column == STATUS and role in (
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
        ):
            if look.high_contrast_now():
                return None  # the words, in the contrast theme's colours
            tone = theme.WARN if self.held_back(item) else theme.item_status(item.status)[1]
            foreground = role == Qt.ItemDataRole.ForegroundRole
            return QBrush(QColor(tone.text if foreground else tone.fill))
        if column == STATUS and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        return None

    def _tooltip(self, item: ClaimItem, column: int) -> str | None:
        if column in (PROGRAMME, MONTH):
            return self.title(item)
        if column == STATUS and self.held_back(item):
            return (
                "Not yet confirmed or amended, as the email says: the search may not hold "
                f"every dose of this month. On what it holds, amend from {item.claimed} to "
                f"{item.corrected}"
            )
        if column == STATUS:
            return status_detail(item)
        if column == VALUE and item.value_difference and self.held_back(item):
            return (
                "Not shown: the search may not hold every dose of this month (the line under "
                "the table says what it would be)"
            )
        if column == VALUE and item.value_difference:
            amount = money(abs(item.value_difference))
            much = "much" if item.value_difference > 0 else "little"
            return (
                f"Claimed {amount} too {much}: ({item.claimed} claimed − {item.corrected} to "
                f"claim) × £{item.fee:,.2f}"
            )
        if column == CQRS and (item.cqrs_status or item.cqrs_note):
            said = CQRS_STATUS_WORDS.get(item.cqrs_status or "", "No status in the figures")
            return f"{said}. Note from CQRS: {item.cqrs_note}" if item.cqrs_note else said
        if column == CHECKED and (item.flagged or item.unsure):
            words = counted(item.flagged, "vaccination") + " needed a check"
            if more := item.unsure - item.unsure_flagged:
                words += f"; {more} more marked unsure (not flagged by the checks)"
            return words
        return None


class ItemsView(QTableView):
    """Every column as wide as its text, never scrolled sideways. The table asks for the
    width of the columns it cannot do without, so a narrow window reflows the page around
    it rather than cutting one; the others join when there is room, in this order: "Count
    to claim" and "Value difference" (with big text on a laptop they do not fit), then the
    CQRS column (only there when the figures carried a status or note). The line under the
    table says each of them for the row selected. Where even the columns it cannot do
    without are wider than the page (big text on a laptop, a month's "3 of 4, 1 unsure"),
    the programme's name gives way, down to its heading's width, whole in its tooltip
    (decision 373)."""

    def __init__(self, model: ItemsTableModel) -> None:
        super().__init__()
        self.setModel(model)
        self.items = model
        model.modelReset.connect(self.fit_columns)
        model.modelReset.connect(self.updateGeometry)  # its rows: the room it asks for

    def fit_columns(self) -> None:
        for column in JOIN_WHEN_ROOM:
            self.setColumnHidden(column, False)
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        widths = [
            max(self.sizeHintForColumn(c), header.sectionSizeHint(c))
            for c in range(self.items.columnCount())
        ]
        frame = self.frameWidth() * 2
        scroll = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        used = sum(w for c, w in enumerate(widths) if c not in JOIN_WHEN_ROOM)
        # the programme's name may give way to its heading's width (whole in its tooltip)
        spare = max(widths[PROGRAMME] - header.sectionSizeHint(PROGRAMME), 0)
        self.setMinimumWidth(used - spare + frame + scroll + 2)
        # before it is shown: every column but the CQRS one, as the table always was
        room = self.viewport().width() if self.isVisible() else None
        if room is not None and used > room:
            given = min(used - room, spare)
            header.resizeSection(PROGRAMME, widths[PROGRAMME] - given)
            used -= given
        joining = True
        for column in JOIN_WHEN_ROOM:
            wanted = column != CQRS or (self.items.has_cqrs_status and room is not None)
            fits = room is None or used + widths[column] <= room
            joining = joining and wanted and fits
            self.setColumnHidden(column, not joining)
            if joining:
                used += widths[column]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def minimumSizeHint(self) -> QSize:
        """Room for its heading and three rows (fewer if it has fewer): on a short page the
        page scrolls up and down rather than the table shrinking to its heading alone, as
        the Overview's did with big text on a laptop (decision 375)."""
        least = super().minimumSizeHint()
        rows = min(self.model().rowCount(), ROWS_AT_LEAST) if self.model() is not None else 0
        height = (
            self.horizontalHeader().sizeHint().height()
            + rows * self.verticalHeader().defaultSectionSize()
            + self.frameWidth() * 2
        )
        return QSize(least.width(), max(least.height(), height))


def items_view(name: str, model: ItemsTableModel) -> ItemsView:
    view = ItemsView(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    view.setTabKeyNavigation(False)
    return view
