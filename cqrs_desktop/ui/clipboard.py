"""Copying patient details (an NHS number, a name, a row of a search) to the clipboard,
marked for Windows to keep out of its clipboard history (Win+V) and its cloud clipboard,
as password managers mark a password: pasted into the clinical system, and gone from the
clipboard with the next copy, never kept in a list another user of the PC can open or
sent to another device (decision 401). Counts (the email, the claims) are copied plainly."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QObject, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMenu, QPlainTextEdit, QWidget

_NO = b"\x00\x00\x00\x00"  # a DWORD 0
# Windows' clipboard formats for it (learn.microsoft.com: "Cloud clipboard and clipboard
# history formats"), as Qt names a Windows format it has no MIME type for. Not the third,
# ExcludeClipboardContentFromMonitorProcessing: it asks every program that watches the
# clipboard to pass the copy by, and a remote session's clipboard (the clinical system
# through Remote Desktop or Citrix) is such a program: the number must still paste there.
PRIVATE_FORMATS = {
    "CanIncludeInClipboardHistory": _NO,
    "CanUploadToCloudClipboard": _NO,
}


def windows_format(name: str) -> str:
    return f'application/x-qt-windows-mime;value="{name}"'


def mark_private(mime: QMimeData) -> QMimeData:
    """`mime` with the formats that keep it out of the clipboard's history and cloud."""
    for name, value in PRIVATE_FORMATS.items():
        mime.setData(windows_format(name), QByteArray(value))
    return mime


def copy_private(text: str) -> None:
    """Put `text` on the clipboard, kept out of its history and cloud."""
    mime = QMimeData()
    mime.setText(text)
    QGuiApplication.clipboard().setMimeData(mark_private(mime))


class PrivateCopy(QObject):
    """Ctrl+C (and a label's Copy menu) on a widget showing patient details copies as
    `copy_private` does: a table's current cell (as Qt copies it), a label's selected
    words. Install with `copy_privately`."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        copying = isinstance(event, QKeyEvent) and event.matches(QKeySequence.StandardKey.Copy)
        if kind == QEvent.Type.ShortcutOverride and copying and _copied_text(watched):
            event.accept()  # the words selected here, before a shortcut round it (the card's)
            return True
        if kind == QEvent.Type.KeyPress and copying:
            text = _copied_text(watched)
            if text:
                copy_private(text)
            return True
        if kind == QEvent.Type.ContextMenu and isinstance(watched, QLabel):
            assert isinstance(event, QContextMenuEvent)
            _label_menu(watched, event.globalPos())
            return True
        return False


def _copied_text(widget: QObject) -> str:
    if isinstance(widget, QAbstractItemView):
        index = widget.currentIndex()
        value = index.data(Qt.ItemDataRole.DisplayRole) if index.isValid() else None
        return "" if value is None else str(value)
    if isinstance(widget, QLabel):
        return widget.selectedText()
    return ""


def _label_menu(label: QLabel, where: QPoint) -> None:
    """A selectable label's Copy and Select All, the copy kept private."""
    menu = QMenu(label)
    copy = menu.addAction("&Copy", lambda: copy_private(label.selectedText()))
    copy.setEnabled(label.hasSelectedText())
    menu.addAction("Select &All", lambda: label.setSelection(0, len(label.text())))
    menu.exec(where)
    menu.deleteLater()


_filter: PrivateCopy | None = None


def copy_privately(*widgets: QWidget) -> None:
    """Each of `widgets` (a table or a selectable label) copies as `copy_private` does."""
    global _filter
    if _filter is None:
        _filter = PrivateCopy()
    for widget in widgets:
        widget.installEventFilter(_filter)


class PrivateTextEdit(QPlainTextEdit):
    """A text box whose copied or cut words (a note may name a patient) are kept out of
    the clipboard's history and cloud."""

    def createMimeDataFromSelection(self) -> QMimeData:
        return mark_private(super().createMimeDataFromSelection())
