"""'Given here?' asked once when the record itself says someone else gave the dose.

A dose marked not GMS, recorded by another organisation, or with a "given by another
provider" code nearby is strong evidence against the practice's claim. One key press must
not validate it: the evidence is shown again, Enter confirms (with a note saying why, which
is suggested), Esc goes back to the card with nothing recorded.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cqrs_desktop.domain.explain import reason
from cqrs_desktop.domain.flags import NON_GMS, OTHER_ORGANISATION
from cqrs_desktop.domain.model import VaccinationEvent
from cqrs_desktop.ui.widgets import fit_to_words


def _evidence_line(flag: str, event: VaccinationEvent) -> str:
    said = reason(flag)
    detail = ""
    if flag == OTHER_ORGANISATION:
        detail = f" ({event.organisation})" if event.organisation else " (blank)"
    elif flag == NON_GMS:
        detail = " (GMS: No)"
    return f"<li><b>{html.escape(said.title + detail)}</b><br>{html.escape(said.check)}</li>"


class ConfirmGivenHere(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        event: VaccinationEvent,
        evidence: Sequence[str],
        note: str,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Given here? The record says otherwise")
        self.setAccessibleName("Confirm given here")
        heading = QLabel("The record shows this dose may not be the practice's:")
        heading.setObjectName("sectionTitle")
        heading.setWordWrap(True)
        self.evidence = QLabel(
            "<ul style='margin:0; -qt-list-indent:1'>"
            + "".join(_evidence_line(f, event) for f in evidence)
            + "</ul>"
        )
        self.evidence.setTextFormat(Qt.TextFormat.RichText)
        self.evidence.setWordWrap(True)
        self.evidence.setAccessibleName("Evidence against given here")
        ask = QLabel(
            "Record it as <b>given here</b> only if the practice gave it. Say why in the "
            "note (Alt+N to edit it; it goes on the report and the audit log)."
        )
        ask.setWordWrap(True)
        note_label = QLabel("&Note")
        self.note = QLineEdit(note)
        self.note.setAccessibleName("Note for this event")
        self.note.setCursorPosition(0)  # its words read from the start (the end when edited)
        note_label.setBuddy(self.note)
        buttons = QDialogButtonBox()
        self.confirm_button = QPushButton("&Yes, given here (Enter)")
        self.confirm_button.setObjectName("primary")
        self.back_button = QPushButton("Go &back (Esc)")
        self.back_button.setAutoDefault(False)  # Enter is always "yes", wherever the focus
        buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.evidence)
        layout.addWidget(ask)
        note_box = QVBoxLayout()  # the label over its own box, not floating apart from it
        note_box.setSpacing(2)
        note_box.addWidget(note_label)
        note_box.addWidget(self.note)
        layout.addLayout(note_box)
        layout.addStretch(1)  # any height to spare under the note, over the buttons
        layout.addWidget(buttons)
        self.confirm_button.setDefault(True)  # in the dialog now: its default for Enter
        self.setMinimumWidth(min(620, parent.width() - 40) if parent is not None else 620)
        # The focus on the answer, not in the note: a decision key pressed again (a quick
        # "P P") must not type into the note that goes on the audit log. Alt+N, Tab or a
        # click edit the note, the cursor at the end of the suggestion.
        self.confirm_button.setFocus()
        self.setTabOrder(self.confirm_button, self.back_button)
        self.setTabOrder(self.back_button, self.note)
        self.note.installEventFilter(self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.confirm_button.setFocus)  # once shown, as the system may move it
        QTimer.singleShot(0, self, lambda: fit_to_words(self))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note and event.type() == QEvent.Type.FocusIn:
            # the suggestion is there to be completed, not typed over: the cursor at its
            # end (after the focus has arrived, which selects the whole text)
            QTimer.singleShot(0, self._cursor_at_end)
        return super().eventFilter(watched, event)

    def _cursor_at_end(self) -> None:
        self.note.deselect()
        self.note.end(False)

    def note_text(self) -> str:
        return self.note.text().strip()
