"""Small dialogs: practice details, the keyboard cheat sheet and the help page."""

from __future__ import annotations

import dataclasses
import re

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cqrs_desktop import paths
from cqrs_desktop.settings import CLINICAL_SYSTEMS, Settings, options
from cqrs_desktop.ui import shortcuts
from cqrs_desktop.ui.widgets import fit_to_words, words_height


class PracticeDialog(QDialog):
    """Practice details, asked for once and remembered. Built from the settings declaration."""

    def __init__(self, parent: QWidget | None, current: Settings) -> None:
        super().__init__(parent)
        self.setWindowTitle("Practice details")
        self.setAccessibleName("Practice details")
        self.current = current
        self.fields: dict[str, QLineEdit | QComboBox] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for name, option in options():
            widget: QLineEdit | QComboBox
            if name == "clinical_system":
                widget = QComboBox()
                for key, label in CLINICAL_SYSTEMS.items():
                    widget.addItem(label, key)
                widget.setCurrentIndex(max(widget.findData(current.clinical_system), 0))
            else:
                widget = QLineEdit(str(getattr(current, name)))
                widget.setPlaceholderText(option.help)
                widget.textChanged.connect(self._check)
            # a reader hears what the star shows: Save stays greyed until these are filled
            widget.setAccessibleName(option.label + (" (required)" if option.required else ""))
            widget.setToolTip(option.help)
            caption = QLabel(
                with_key(option.label, FIELD_KEYS[name]) + (" *" if option.required else "")
            )
            caption.setBuddy(widget)
            form.addRow(caption, widget)
            self.fields[name] = widget
        intro = QLabel(
            "These go on the email and the audit log. You are asked once; change them later "
            "from the start page or File > Practice details."
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        # each by an Alt letter of its own: S is the clinical system's (decision 572)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Sa&ve")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # A code mistyped flags every vaccination as another organisation's: said at once.
        self.ods_problem = QLabel()
        self.ods_problem.setObjectName("problem")
        self.ods_problem.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.ods_problem)
        layout.addStretch(1)  # any height to spare under the fields, over the buttons
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self._check()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, lambda: fit_to_words(self))

    def result_settings(self) -> Settings:
        values: dict[str, str] = {}
        for name, widget in self.fields.items():
            if isinstance(widget, QComboBox):
                values[name] = str(widget.currentData())
            else:  # one line of plain text: a pasted line break or tab is a space
                values[name] = " ".join(_NOT_PLAIN.sub(" ", widget.text()).split())
        values["ods_code"] = values.get("ods_code", "").upper()
        return dataclasses.replace(self.current, **values)  # type: ignore[arg-type]

    def _check(self) -> None:
        chosen = self.result_settings()
        code = chosen.ods_code.strip()
        wrong = bool(code) and not PRACTICE_CODE.fullmatch(code)
        # the height the user gave it beyond its words, kept as the problem comes, goes or
        # takes another line (it names the code typed)
        spare = max(self.height() - words_height(self), 0) if self.isVisible() else 0
        self.ods_problem.setText(
            f"'{code}' is not a practice ODS code: it is a letter and five digits, such as "
            "F84001 (on your CQRS or clinical-system screens)."
            if wrong
            else ""
        )
        self.ods_problem.setVisible(wrong)
        if self.isVisible():
            # the ODS code's problem, once said, squeezed the boxes until their words were
            # cut (decision 432): the dialog grows and shrinks with it
            QTimer.singleShot(0, self, lambda: fit_to_words(self, spare))
        # said by a screen reader on the field, not only shown in red beside it
        self.fields["ods_code"].setAccessibleDescription(self.ods_problem.text())
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(chosen.complete and not wrong)


# Alt and the underlined letter go to the field, as in any Windows form
FIELD_KEYS = {
    "practice_name": "P",
    "ods_code": "O",
    "reviewer": "N",
    "team_email": "E",
    "clinical_system": "S",
}


def with_key(label: str, letter: str) -> str:
    """`label` with `letter` underlined for Alt: a word's first letter where one is the
    letter ("Team &email"), else its first (either case). Underlined inside a word, a
    letter is drawn apart from the one before it, unkerned: "T&eam email *" was drawn a
    pixel wider than Qt measured it, and its star was cut (decision 433)."""
    lower, key = label.lower(), letter.lower()
    starts = [i for i, char in enumerate(lower) if char == key and (i == 0 or lower[i - 1] == " ")]
    at = starts[0] if starts else lower.find(key)
    return label if at < 0 else f"{label[:at]}&{label[at:]}"


# A GP practice's ODS code: one letter and five digits (F84001).
PRACTICE_CODE = re.compile(r"[A-Z][0-9]{5}")

# Control characters (a line break pasted from Word): they would break the email's headers.
_NOT_PLAIN = re.compile("[\x00-\x1f\x7f-\x9f]")

COLUMN_WIDTH = 440  # each of the cheat sheet's two columns: it fits 1024 pixels


class CheatSheet(QDialog):
    """Every key, from the same table that makes the shortcuts."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        # two columns (deciding and moving; the rest), so the sheet fits a laptop's screen
        groups = shortcuts.cheat_sheet()
        half = 2
        columns = QHBoxLayout()
        columns.setSpacing(24)
        self.columns: list[QLabel] = []
        for part in (groups[:half], groups[half:]):
            rows = []
            for group, entries in part:
                rows.append(
                    f"<tr><td colspan=2><h3 style='margin:8px 0 2px 0'>{group}</h3></td></tr>"
                )
                for keys, description in entries:
                    rows.append(
                        f"<tr><td style='padding:2px 12px 2px 0'><b>{keys}</b></td>"
                        f"<td>{description}</td></tr>"
                    )
            label = QLabel("<table>" + "".join(rows) + "</table>")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setFixedWidth(COLUMN_WIDTH)
            label.setAlignment(Qt.AlignmentFlag.AlignTop)
            label.setAccessibleName("Shortcut list")
            columns.addWidget(label, 1)
            self.columns.append(label)
        self.note = note = QLabel(
            "Decision keys work anywhere on the Check events page except while "
            "typing in the note or find box."
        )
        note.setWordWrap(True)
        note.setObjectName("hint")
        self.buttons = buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Close")
        buttons.rejected.connect(self.reject)
        # the lists scroll up and down when the text is too big for the screen (Windows'
        # "Make text bigger"): Close and the note stay in sight
        columns.setContentsMargins(0, 0, 0, 0)
        holder = QWidget()
        holder.setLayout(columns)
        self.lists = QScrollArea()
        self.lists.setObjectName("pageScroll")  # no frame, the dialog's background
        self.lists.setFrameShape(QFrame.Shape.NoFrame)
        self.lists.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.lists.setWidgetResizable(True)
        self.lists.setWidget(holder)
        # the sheet's one Tab stop before Close, where the arrow keys scroll it: heard by
        # what it holds, not as a nameless pane (decision 522)
        self.lists.setAccessibleName("Keyboard shortcuts")
        layout = QVBoxLayout(self)
        layout.addWidget(self.lists, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        # measured in the stylesheet's font, known once shown: never cut below, and all of
        # it shown when the screen has the room
        for label in self.columns:
            label.setMinimumHeight(label.heightForWidth(COLUMN_WIDTH))
        holder = self.lists.widget()
        assert holder is not None
        parent = self.parentWidget()
        room = (parent.window() if parent is not None else self).screen().availableGeometry()
        if parent is not None and parent.window().height() > 0:
            room = parent.window().geometry()  # within the window, as the help is
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        inside = holder.minimumSizeHint().width()
        self.note.setMinimumHeight(self.note.heightForWidth(inside))
        others = (
            self.note.minimumHeight()
            + self.buttons.sizeHint().height()
            + margins.top()
            + margins.bottom()
            + 2 * layout.spacing()
        )
        whole = holder.minimumSizeHint().height()
        fits = room.height() - 60 - others
        bar = self.lists.verticalScrollBar().sizeHint().width() if whole > fits else 0
        self.lists.setMinimumWidth(inside + bar)
        self.lists.setMinimumHeight(max(min(whole, fits), 120))
        self.adjustSize()
        super().showEvent(event)

    def text(self) -> str:
        """Everything the sheet says (both columns)."""
        return "".join(label.text() for label in self.columns)


class HelpWindow(QDialog):
    """The offline help page (resources/help/index.html)."""

    def __init__(self, parent: QWidget | None, section: str = "") -> None:
        """`section`: the anchor of the part to open at ("files", "check-events"...)."""
        super().__init__(parent)
        self.section = section  # the part last opened at, for the page it was asked from
        self.setWindowTitle("Help: CQRS Desktop")
        self.setAccessibleName("Help")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setAccessibleName("Help text")
        page = paths.resource("help") / "index.html"
        if page.is_file():
            url = QUrl.fromLocalFile(str(page))
            if section:
                url.setFragment(section)
            self.browser.setSource(url)
        else:
            self.browser.setPlainText("The help page is missing from this installation.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Close")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        # a comfortable reading size, within the window on a laptop
        room = parent.window().geometry() if parent is not None else None
        width, height = 760, 600
        if room is not None and room.width() > 0:
            width, height = min(width, room.width() - 40), min(height, room.height() - 60)
        self.resize(width, height)

    def go_to(self, section: str) -> None:
        """F1 again, help open: asked from another page, its part; from the same page,
        left where the reader left it (decision 378)."""
        if section and section != self.section:
            self.browser.scrollToAnchor(section)
        self.section = section
