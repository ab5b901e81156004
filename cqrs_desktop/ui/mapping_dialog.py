"""Fix which column is which: a combo above each column of the file's first rows.

The choice is saved as a profile, so files with the same header are read the same way next
time (in the app and on the command line).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cqrs_desktop.sources import ROLE_LABELS, FilePreview
from cqrs_desktop.ui.clipboard import copy_privately

NOT_USED = "(not used)"


class MappingDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, preview: FilePreview, mapping: dict[str, str] | None = None
    ) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(f"Columns of {preview.file}")
        self.setAccessibleName("Fix the columns")
        current = (
            mapping
            if mapping is not None
            else {g.header: g.role for g in preview.mapping if g.role}
        )
        intro = QLabel(
            f"Tell the app what each column of <b>{preview.file}</b> holds. A vaccination date "
            "and an NHS number (or name and date of birth) are needed. Your choice is "
            "remembered for files with the same columns."
        )
        intro.setWordWrap(True)
        rows = preview.rows[:12]
        self.table = QTableWidget(len(rows) + 1, len(preview.headers))
        self.table.setAccessibleName("Columns and first rows")
        copy_privately(self.table)  # (patients' details)
        self.table.setHorizontalHeaderLabels(list(preview.headers))
        self.table.setVerticalHeaderLabels(["What it is"] + [str(i + 1) for i in range(len(rows))])
        self.combos: list[QComboBox] = []
        for column, header in enumerate(preview.headers):
            combo = QComboBox()
            combo.setAccessibleName(f"What column {header} holds")
            combo.addItem(NOT_USED, None)
            for role, label in ROLE_LABELS.items():
                combo.addItem(label, role)
            combo.setCurrentIndex(max(combo.findData(current.get(header)), 0))
            combo.currentIndexChanged.connect(self._check)
            self.table.setCellWidget(0, column, combo)
            self.combos.append(combo)
            for row, values in enumerate(rows, start=1):
                text = values[column] if column < len(values) else ""
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setMinimumSectionSize(150)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # Tab goes from choice to choice and on to the buttons; the arrows move in the rows
        self.table.setTabKeyNavigation(False)
        self.problem = QLabel("")
        self.problem.setObjectName("warnBanner")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Use these columns")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(980, 520)
        self._check()

    def mapping(self) -> dict[str, str]:
        return {
            header: combo.currentData()
            for header, combo in zip(self.preview.headers, self.combos, strict=True)
            if combo.currentData()
        }

    def set_role(self, header: str, role: str | None) -> None:
        combo = self.combos[self.preview.headers.index(header)]
        combo.setCurrentIndex(max(combo.findData(role), 0))

    def problems(self) -> list[str]:
        roles = list(self.mapping().values())
        found = []
        twice = sorted({ROLE_LABELS[r] for r in roles if roles.count(r) > 1})
        if twice:
            found.append("Used for two columns: " + ", ".join(twice) + ".")
        if "event_date" not in roles:
            found.append("Choose the column with the vaccination date.")
        if not {"nhs_number", "name", "surname", "date_of_birth"} & set(roles):
            found.append("Choose the NHS number column (or the name and date of birth).")
        return found

    def _check(self) -> None:
        problems = self.problems()
        self.problem.setText(" ".join(problems))
        self.problem.setVisible(bool(problems))
        for combo in self.combos:  # what keeps the button greyed, for a screen reader too
            combo.setAccessibleDescription(" ".join(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problems)
