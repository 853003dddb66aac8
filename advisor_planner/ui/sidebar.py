"""The navigation down the left of the window: one row per section, with its icon.

The current row is the chosen section, drawn as one rounded block of a softened highlight
colour on the window's own background (the sidebar look of native apps) rather than the
style's selection.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from advisor_planner.ui.colours import blend
from advisor_planner.ui.empty_state import Section
from advisor_planner.ui.icons import load_icon

SECTION_KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def navigation_list(sections: Sequence[Section], parent: QWidget) -> QListWidget:
    """The sidebar's list, one row per section (its key under ``SECTION_KEY_ROLE``)."""
    navigation = QListWidget(parent)
    navigation.setObjectName("navigation")
    navigation.setAccessibleName(QCoreApplication.translate("MainWindow", "Sections"))
    navigation.setIconSize(QSize(20, 20))
    navigation.setFrameShape(QFrame.Shape.NoFrame)
    navigation.setSpacing(2)
    navigation.setMinimumWidth(160)
    navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    navigation.setViewportMargins(8, 10, 8, 10)
    navigation.setSelectionMode(QListWidget.SelectionMode.NoSelection)
    navigation.setItemDelegate(_SidebarDelegate(navigation))
    navigation.setPalette(_sidebar_palette(navigation.palette()))
    for section in sections:
        item = QListWidgetItem(load_icon(section.key), section.title)
        item.setData(SECTION_KEY_ROLE, section.key)
        item.setSizeHint(QSize(0, 36))
        navigation.addItem(item)
    return navigation


def _sidebar_palette(palette: QPalette) -> QPalette:
    """The system palette, with the sidebar in the window colour and a quiet selection."""
    palette = QPalette(palette)
    window = palette.color(QPalette.ColorRole.Window)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    text = palette.color(QPalette.ColorRole.WindowText)
    palette.setColor(QPalette.ColorRole.Base, window)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Highlight, blend(window, highlight, 0.22))
        palette.setColor(group, QPalette.ColorRole.HighlightedText, text)
    return palette


class _SidebarDelegate(QStyledItemDelegate):
    """Draws the current section as one rounded block of the (softened) highlight colour.

    The list itself selects nothing (so the style draws no selection of its own): the current
    row is the chosen section. Working from the current row rather than the option's state
    flags also keeps ``QStyle``'s large enum tables out of the start-up path.
    """

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self._view = view

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if index.row() == self._view.currentRow():
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._view.palette().brush(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
            painter.restore()
        inset = QStyleOptionViewItem(option)
        inset.rect = option.rect.adjusted(6, 0, -6, 0)
        super().paint(painter, inset, index)
