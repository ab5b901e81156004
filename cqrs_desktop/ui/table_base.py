"""What every fixed-column table model here shares: row and column counts, header titles."""

from __future__ import annotations

from collections.abc import Mapping, Sized
from typing import ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

ModelIndex = QModelIndex | QPersistentModelIndex


class ColumnsModel(QAbstractTableModel):
    """A flat table with the titles in `COLUMNS` and one row per item of `table_rows()`."""

    COLUMNS: tuple[str, ...] = ()
    COLUMN_TIPS: ClassVar[Mapping[int, str]] = {}  # what a column means: header tooltip

    def table_rows(self) -> Sized:
        raise NotImplementedError

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table_rows())

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self.COLUMN_TIPS.get(section)
        return None
