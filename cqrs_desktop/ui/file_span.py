"""'Covers: from [month] to [month]': the months a search file covers (SPEC section 3).

A claim can only be checked for a month a search covered. By default a file covers, per
programme, the months from its first to its last vaccination; a practice that ran its
search for more months than it found vaccinations in says so here, and a month with no
vaccination in it then counts as checked. A span that leaves out a month the file has
vaccinations in is refused, with the reason on the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cqrs_desktop.domain.coverage import Span
from cqrs_desktop.domain.dates import short_month_label
from cqrs_desktop.ui.widgets import FieldLabel

MONTHS_BEFORE = 12  # choices before the earliest month known
MONTHS_AFTER = 6


def _shift(month: str, by: int) -> str:
    year, number = int(month[:4]), int(month[5:7]) - 1 + by
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


def month_range(first: str, last: str) -> list[str]:
    months, month = [], first
    while month <= last:
        months.append(month)
        month = _shift(month, 1)
    return months


def span_words(span: Span) -> str:
    first, last = (short_month_label(m) for m in span)
    return first if span[0] == span[1] else f"{first} to {last}"


class SpanEditor(QWidget):
    """The two months and the way back to the file's own dates, with what they mean."""

    span_chosen = Signal(object)  # (first, last), or None for "from the file's dates"

    def __init__(self) -> None:
        super().__init__()
        self.first = QComboBox()
        self.first.setAccessibleName("Covers from month")
        self.last = QComboBox()
        self.last.setAccessibleName("Covers to month")
        for box in (self.first, self.last):  # as wide as their months, whenever they change
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.reset_button = QPushButton("Use the file's dates")
        self.reset_button.setToolTip(
            "Cover, for each programme, the months from the file's first to its last vaccination"
        )
        self.reset_button.clicked.connect(lambda: self.span_chosen.emit(None))
        to_label = QLabel("to")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.first)
        row.addWidget(to_label)
        row.addWidget(self.last)
        row.addWidget(self.reset_button)
        row.addStretch(1)
        self.note = FieldLabel("Months covered")
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.note)
        for box in (self.first, self.last):
            box.currentIndexChanged.connect(self._chosen)
        self._showing = False

    def show_file(
        self,
        months: Mapping[str, Span],
        span: Span | None,
        names: Mapping[str, str],
        other_months: Iterable[str] = (),
    ) -> None:
        """`months`: per programme, the file's first and last vaccination month; `span`:
        the months the user said it covers (None: worked out); `other_months`: months worth
        offering too (claims, review windows)."""
        self._showing = True
        try:
            known = {m for lo_hi in months.values() for m in lo_hi} | set(other_months)
            if span:
                known |= set(span)
            if not known:
                self.setEnabled(False)
                self.note.setText("No vaccination read from this file yet.")
                return
            self.setEnabled(True)
            choices = month_range(
                _shift(min(known), -MONTHS_BEFORE), _shift(max(known), MONTHS_AFTER)
            )
            shown = span or (
                (min(lo for lo, _ in months.values()), max(hi for _, hi in months.values()))
                if months
                else (min(known), max(known))
            )
            for box, month in ((self.first, shown[0]), (self.last, shown[1])):
                box.clear()
                for m in choices:
                    box.addItem(short_month_label(m), m)
                box.setCurrentIndex(max(box.findData(month), 0))
            self.reset_button.setEnabled(span is not None)
            self.note.setObjectName("hint")
            self.note.setText(self._meaning(months, span, names))
            self.note.style().polish(self.note)
        finally:
            self._showing = False

    @staticmethod
    def _meaning(months: Mapping[str, Span], span: Span | None, names: Mapping[str, str]) -> str:
        if span is not None:
            return (
                f"You said this search covers {span_words(span)}: a month in it with no "
                "vaccination counts as checked (none were given)."
            )
        if not months:
            return "Worked out from the file's dates once it has vaccinations."
        each = "; ".join(f"{names.get(p, p)} {span_words(s)}" for p, s in months.items())
        return (
            f"Worked out from its vaccination dates ({each}). If the search was run for more "
            "months than that, choose them."
        )

    def show_problem(self, text: str) -> None:
        self.note.setObjectName("problem")
        self.note.setText(f"⚠ Not changed: {text}")
        self.note.style().polish(self.note)

    def _chosen(self) -> None:
        if self._showing:
            return
        first, last = self.first.currentData(), self.last.currentData()
        if first is None or last is None:
            return
        if first > last:
            self.show_problem("the first month is after the last.")
            return
        self.span_chosen.emit((first, last))
