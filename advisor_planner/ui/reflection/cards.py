"""``Card``: a titled panel with one big figure, a line under it, and the items it counts.

The weekly reflection's evidence step is a page of these (touchpoints, promises kept, late and
broken, trust, goals), and its summary a row of them without items. A card's items are a list
the keyboard reaches with Tab; the arrow keys move through it, and Enter or a double-click
emits ``activated_link`` with the item's ``RecordLink``. An item's text is one line, elided
where the card is narrow, with the whole of it in its tooltip. A card with nothing to count
says so in a few muted words instead of an empty list.

A card may carry an accent, a strip of colour down its left edge (blue for kept promises,
orange for late ones…); its title always says the same in words, so colour is never the only
sign.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.charts.base import RecordLink

LINK_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_ROWS = 10  # rows a card's list shows before it scrolls
ACCENT_WIDTH = 4
#: An item of a card: its text, and the record it opens (None: nothing to open).
CardItem = tuple[str, RecordLink | None]


def _muted(widget: QWidget) -> None:
    """Draw ``widget``'s text in the palette's placeholder colour (secondary text)."""
    palette = QPalette(widget.palette())
    muted = palette.color(QPalette.ColorRole.PlaceholderText)
    palette.setColor(QPalette.ColorRole.WindowText, muted)
    widget.setPalette(palette)


def _label(text: str, parent: QWidget, *, scale: float = 1.0, bold: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # the text may be the user's own
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    label.setFont(font)
    return label


class CardList(QListWidget):
    """A card's items: as tall as its rows (up to ``MAX_ROWS``), on the card's background."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        # Ignored across: the card's width comes from its column, not from its longest item
        # (which elides, whole in its tooltip), so the cards of a row are equally wide.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.viewport().setAutoFillBackground(False)
        self.setAutoFillBackground(False)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        # Qt's item views make the first item current on focus: Enter would then open an
        # item nobody chose. Without a current item, Enter reaches the dialog's default
        # button (Next), and Down chooses the first item.
        chosen = self.currentIndex().isValid()
        super().focusInEvent(event)
        if not chosen and event.reason() != Qt.FocusReason.MouseFocusReason:
            self.selectionModel().clearCurrentIndex()

    def fit(self) -> None:
        """Be exactly as tall as the rows shown."""
        rows = min(self.count(), MAX_ROWS)
        row = self.sizeHintForRow(0) if self.count() else 0
        self.setFixedHeight(rows * row + 2 * self.frameWidth() + (2 if rows else 0))


class Card(QFrame):
    """A titled card: a big figure, a caption beside it, then its items (or a short "none")."""

    activated_link = Signal(object)

    def __init__(
        self,
        key: str,
        title: str,
        parent: QWidget | None = None,
        *,
        accent: QColor | None = None,
        with_items: bool = True,
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.title = title
        self.count = 0
        self.setObjectName(f"card_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        self.title_label = _label(title, self, bold=True)
        self.title_label.setObjectName("cardTitle")
        self.title_label.setWordWrap(True)
        self.count_label = _label("", self, scale=2.0, bold=True)
        self.count_label.setObjectName("cardCount")
        self.caption_label = _label("", self)
        self.caption_label.setObjectName("cardCaption")
        self.caption_label.setWordWrap(True)
        _muted(self.caption_label)
        self.note_label = _label("", self)
        self.note_label.setObjectName("cardNote")
        self.note_label.setWordWrap(True)
        self.note_label.hide()
        self.empty_label = _label("", self)
        self.empty_label.setObjectName("cardEmpty")
        self.empty_label.setWordWrap(True)
        _muted(self.empty_label)
        self.empty_label.hide()
        self.list = CardList(self)
        self.list.setAccessibleName(title)
        self.list.itemActivated.connect(self._activated)
        self.list.setVisible(with_items)
        self._with_items = with_items

        figure = QHBoxLayout()
        figure.setSpacing(8)
        figure.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBaseline)
        figure.addWidget(self.caption_label, 1, Qt.AlignmentFlag.AlignBaseline)
        column = QVBoxLayout()
        column.setContentsMargins(12, 8, 12, 10)
        column.setSpacing(2)
        column.addWidget(self.title_label)
        column.addLayout(figure)
        column.addWidget(self.note_label)
        column.addWidget(self.empty_label)
        column.addWidget(self.list)
        column.addStretch(1)  # a card as tall as its row's tallest keeps its text at the top
        row = QHBoxLayout(self)
        row.setContentsMargins(1, 1, 1, 1)
        row.setSpacing(0)
        if accent is not None:
            strip = QFrame(self)
            strip.setObjectName("cardAccent")
            strip.setFixedWidth(ACCENT_WIDTH)
            strip.setAutoFillBackground(True)
            strip.setBackgroundRole(QPalette.ColorRole.Window)  # not the card's Base
            strip_palette = QPalette(strip.palette())
            strip_palette.setColor(QPalette.ColorRole.Window, accent)
            strip.setPalette(strip_palette)
            row.addWidget(strip)
        row.addLayout(column, 1)

    def set_content(
        self,
        count: int,
        items: Sequence[CardItem] = (),
        *,
        figure: str | None = None,
        caption: str = "",
        note: str = "",
        empty: str = "",
    ) -> None:
        """Show ``count`` (or ``figure`` in its place), ``caption`` beside it, ``note`` (a
        sentence, wrapped) and ``items``; with no items and no note, ``empty`` says so."""
        self.count = count
        self.count_label.setText(str(count) if figure is None else figure)
        self.caption_label.setText(caption)
        self.caption_label.setVisible(bool(caption))
        self.list.clear()
        for text, link in items:
            item = QListWidgetItem(text, self.list)
            item.setToolTip(text)
            if link is None:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            else:
                item.setData(LINK_ROLE, link)
        self.list.fit()
        self.list.setVisible(self._with_items and bool(items))
        self.list.setFocusPolicy(Qt.FocusPolicy.StrongFocus if items else Qt.FocusPolicy.NoFocus)
        self.note_label.setText(note)
        self.note_label.setVisible(bool(note))
        self.empty_label.setText(empty)
        self.empty_label.setVisible(bool(empty) and not items and not note)
        shown = " ".join(part for part in (self.count_label.text(), caption) if part)
        self.setAccessibleName(f"{self.title}: {shown}" if shown else self.title)
        self.setAccessibleDescription(note or (empty if not items else ""))

    def texts(self) -> list[str]:
        """The items' texts, in order."""
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        link = item.data(LINK_ROLE)
        if link is not None:
            self.activated_link.emit(link)
