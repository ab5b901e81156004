"""Fusion under a Windows contrast theme: the parts it draws in shades of the window colour
drawn in the theme's text colour instead (decisions 410, 412, 413, 415-418).

Fusion outlines a check box, a radio button, a scroll bar's handle, a progress bar, a
menu, a tool button that is on and the keyboard focus in the window colour
made darker (or in see-through shades): on Night sky's black that is black or near it (the
box and the handle were not there at all), on Desert's cream a faint grey. Only those are
drawn over; the tick, the arrows and every other colour are the theme's as Fusion takes
them. Imported only when the theme is on: the app's own look is Fusion as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QStyleOptionMenuItem,
    QWidget,
)

_OUTLINED = (
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton,
)
# Fusion draws a menu's edge with its panel, in the window colour made darker
_MENU_EDGE = (QStyle.PrimitiveElement.PE_PanelMenu,)


class ContrastStyle(QProxyStyle):
    """Fusion, with a check box's box, a radio button's ring and dot, a scroll bar's handle, a
    progress bar's frame, a splitter's grip, a menu's edge and lines, a tool button that
    is on and the frame of the keyboard focus in the theme's text colour
    (its colour for what cannot be used, when so)."""

    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            self._focus_frame(option, painter)
            return
        super().drawPrimitive(element, option, painter, widget)
        if element in _MENU_EDGE:  # (the edge of an open menu)
            painter.save()
            painter.setPen(QPen(option.palette.color(QPalette.ColorRole.WindowText), 1))  # type: ignore[attr-defined]
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))  # type: ignore[attr-defined]
            painter.restore()
            return
        if element == QStyle.PrimitiveElement.PE_PanelButtonTool:
            if option.state & QStyle.StateFlag.State_On:  # type: ignore[attr-defined]
                # a tool button that is on (the preview's "Fit width", "Portrait"...):
                # Fusion's sunken panel is the window colour made darker, none on black
                painter.save()
                painter.setPen(QPen(option.palette.color(QPalette.ColorRole.WindowText), 2))  # type: ignore[attr-defined]
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(QRectF(option.rect).adjusted(1, 1, -1, -1))  # type: ignore[attr-defined]
                painter.restore()
            return
        if element not in _OUTLINED:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(option.palette.color(QPalette.ColorRole.WindowText), 1.5))  # type: ignore[attr-defined]
        painter.setBrush(Qt.BrushStyle.NoBrush)
        box = QRectF(option.rect).adjusted(1, 1, -1, -1)  # type: ignore[attr-defined]
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(box)
            if option.state & QStyle.StateFlag.State_On:  # type: ignore[attr-defined]
                # the chosen one's dot, whole (Fusion's is the text colour made darker)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(option.palette.color(QPalette.ColorRole.WindowText))  # type: ignore[attr-defined]
                quarter = box.width() / 4
                painter.drawEllipse(box.adjusted(quarter, quarter, -quarter, -quarter))
        else:
            painter.drawRect(box)
        painter.restore()

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.ControlElement.CE_Splitter:
            self._grip(option, painter)
            return
        if (
            element == QStyle.ControlElement.CE_MenuItem
            and isinstance(option, QStyleOptionMenuItem)
            and option.menuItemType == QStyleOptionMenuItem.MenuItemType.Separator  # type: ignore[attr-defined]
        ):  # a line between a menu's groups, in the text colour
            rect = option.rect  # type: ignore[attr-defined]
            text = option.palette.color(QPalette.ColorRole.WindowText)  # type: ignore[attr-defined]
            painter.fillRect(rect.left() + 4, rect.center().y(), rect.width() - 8, 1, text)
            return
        super().drawControl(element, option, painter, widget)
        if element != QStyle.ControlElement.CE_ProgressBarGroove:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(option.palette.color(QPalette.ColorRole.WindowText), 1))  # type: ignore[attr-defined]
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5), 2, 2)  # type: ignore[attr-defined]
        painter.restore()

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control != QStyle.ComplexControl.CC_ScrollBar or widget is None:
            return
        handle = self.subControlRect(control, option, QStyle.SubControl.SC_ScrollBarSlider, widget)
        if handle.isEmpty():
            return
        painter.save()
        text = option.palette.color(QPalette.ColorRole.WindowText)  # type: ignore[attr-defined]
        painter.fillRect(handle.adjusted(2, 2, -2, -2), text)
        painter.restore()

    @staticmethod
    def _focus_frame(option: QStyleOption, painter: QPainter) -> None:
        """The frame round a focused check box's or radio button's words, and round the
        current cell of a list: Fusion's is the highlight made darker and see-through,
        on Night sky a dark grey line on black. In the theme's text colour, when the focus
        came from the keyboard, as Fusion draws it."""
        if not option.state & QStyle.StateFlag.State_KeyboardFocusChange:  # type: ignore[attr-defined]
            return
        painter.save()
        painter.setPen(QPen(option.palette.color(QPalette.ColorRole.WindowText), 1))  # type: ignore[attr-defined]
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(option.rect.adjusted(0, 0, -1, -1))  # type: ignore[attr-defined]
        painter.restore()

    @staticmethod
    def _grip(option: QStyleOption, painter: QPainter) -> None:
        """The dots of the handle between the list and the card, to drag: Fusion's are a
        white and a black shade, see-through, which on Night sky's black hardly show.
        Six dots in the theme's text colour along the handle, as Fusion lays them."""
        rect = option.rect  # type: ignore[attr-defined]
        if rect.width() <= 1 or rect.height() <= 1:
            return  # (as Fusion: no grip on a one-pixel handle)
        text = option.palette.color(QPalette.ColorRole.WindowText)  # type: ignore[attr-defined]
        centre = rect.center()
        along = bool(option.state & QStyle.StateFlag.State_Horizontal)  # type: ignore[attr-defined]
        for step in range(-3, 3):
            offset = step * 4 + 1
            x, y = (
                (centre.x() - 1, centre.y() + offset)
                if along
                else (centre.x() + offset, centre.y() - 1)
            )
            painter.fillRect(x, y, 2, 2, text)
