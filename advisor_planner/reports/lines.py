"""Wrapped text as lines: measured, drawn, and cut between two lines at a height.

A paragraph or a table cell taller than the room left on a page is cut here, so it continues
on the next page with nothing lost (a 2,000-character private note used to run off the bottom).
Measuring and drawing use the same ``QTextLayout`` against a 96-dpi image, the PDF's resolution,
so the lines drawn are the lines measured whatever the screen's dpi; words longer than the
width break anywhere rather than run into the next column.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QImage, QPainter, QTextLayout, QTextOption

#: A text cut across pages keeps at least this many lines on each side (no lone first line at
#: a page's foot, no lone last line at the next page's head); shorter text moves whole.
MIN_LINES = 2
#: Line pitch as a share of the font's height: DejaVu Sans has no leading of its own, and a
#: long note set solid read as a grey block.
SPACING = 1.15

_DOTS_PER_METRE = round(96 / 0.0254)  # the PDF writer's 96 dpi
_device: QImage | None = None


class Line(NamedTuple):
    start: int  # the index of its first character
    length: int
    baseline: float  # from the top of the first line
    bottom: float


#: (font, width, text) → its lines; pagination asks many times.
_cache: dict[tuple[str, float, str], tuple[Line, ...]] = {}
_CACHE_SIZE = 4096


def _paint_device() -> QImage:
    global _device
    if _device is None:
        _device = QImage(1, 1, QImage.Format.Format_ARGB32)
        _device.setDotsPerMeterX(_DOTS_PER_METRE)
        _device.setDotsPerMeterY(_DOTS_PER_METRE)
    return _device


def _layout(font: QFont, width: float, text: str) -> QTextLayout:
    # A line separator, not "\n", ends a line inside a QTextLayout (as QPainter.drawText does).
    layout = QTextLayout(text.replace("\n", "\u2028"), font, _paint_device())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1.0, width))
        line.setPosition(QPointF(0, y))
        y += line.height() * SPACING
    layout.endLayout()
    return layout


def lines(font: QFont, width: float, text: str) -> tuple[Line, ...]:
    """The lines ``text`` wraps to at ``width``."""
    key = (font.toString(), round(width, 2), text)
    found = _cache.get(key)
    if found is None:
        layout = _layout(font, width, text)
        made = []
        for index in range(layout.lineCount()):
            line = layout.lineAt(index)
            top = line.y()
            made.append(
                Line(line.textStart(), line.textLength(), top + line.ascent(), top + line.height())
            )
        found = tuple(made)
        if len(_cache) >= _CACHE_SIZE:
            _cache.clear()
        _cache[key] = found
    return found


def height(font: QFont, width: float, text: str) -> float:
    """How tall ``text`` is, wrapped at ``width``."""
    found = lines(font, width, text)
    return found[-1].bottom if found else 0.0


def least(font: QFont, width: float, text: str) -> float:
    """The height of the least part of ``text`` a page can end with (``MIN_LINES`` lines, or
    all of a text too short to cut)."""
    found = lines(font, width, text)
    if len(found) < 2 * MIN_LINES:
        return found[-1].bottom if found else 0.0
    return found[MIN_LINES - 1].bottom


def fitting(font: QFont, width: float, text: str, room: float) -> int:
    """How many of the lines of ``text`` fit in ``room`` (from the top)."""
    return sum(1 for line in lines(font, width, text) if line.bottom <= room + 0.01)


def cut(text: str, found: tuple[Line, ...], count: int) -> tuple[str, str]:
    """``text`` as its first ``count`` lines (``found`` by ``lines``) and the rest."""
    if count >= len(found):
        return text, ""
    at = found[count].start
    return text[:at].rstrip(), text[at:].lstrip()


def split_at(font: QFont, width: float, text: str, room: float) -> tuple[str, str] | None:
    """``text`` cut between two lines so the first part fits ``room``, with ``MIN_LINES`` lines
    at least on each side; None when that cannot be done (too little room, too short a text)."""
    found = lines(font, width, text)
    count = min(fitting(font, width, text, room), len(found) - MIN_LINES)
    if count < MIN_LINES:
        return None
    return cut(text, found, count)


def draw(painter: QPainter, font: QFont, left: float, top: float, width: float, text: str) -> None:
    """Draw ``text`` wrapped at ``width`` from (``left``, ``top``), as ``lines`` measured it.

    Line by line: drawn whole, a long text's glyphs come in runs of Qt's own (about 4,000
    characters) that can start mid-word, and a PDF reader then reads "m" and "eet0882" as two
    lines; a line drawn on its own is one run."""
    painter.setFont(font)
    for line in lines(font, width, text):
        words = text[line.start : line.start + line.length].rstrip()
        if words:
            painter.drawText(QPointF(left, top + line.baseline), words)
