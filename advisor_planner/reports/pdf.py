"""Writing the progress report as a PDF: title page, summary, charts as vectors, tables.

The report is laid out as a list of blocks (headings, paragraphs, the headline figures, charts,
tables), paginated first (so every page knows the total for its running header; no chart is
split across pages, and a paragraph or table row taller than the room left continues on the
next page, cut between two lines by ``reports.lines``), then painted with ``QPainter`` onto a
``QPdfWriter``.

- The writer runs at 96 dpi and charts arrive as ``QPicture``s recorded from the chart classes
  (``reports.charts``), so their axis text stays real text and they stay sharp when zoomed.
- All text is drawn as plain text (``drawText``, ``reports.lines``), never interpreted as HTML:
  a name such as ``<b>x</b>`` prints as typed (nothing here builds HTML; ``html.escape``
  would be the rule if it did).
- The file is written to a temporary file beside the target and moved into place, so a failed
  or cancelled export leaves no half file and never replaces a good one.
- Metadata: the title and the app; nothing private.
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QPicture,
)

from advisor_planner import APP_NAME, __version__
from advisor_planner.atomic import check_tail, incomplete, replacing
from advisor_planner.reports import lines
from advisor_planner.reports.data import Cancelled, ReportData, audience_label
from advisor_planner.translation import QT_TRANSLATE_NOOP, translate

DPI = 96
MARGIN = 56.0  # px at 96 dpi, about 15 mm
HEADER = 30.0
GAP = 10.0
INK = QColor("#1f1f1f")
MUTED = QColor("#5f6b7a")
RULE = QColor("#c8ced6")
BLUE = QColor("#0072B2")
ORANGE = QColor("#D55E00")
#: The report's title, English; drawn translated (``title()``).
TITLE = QT_TRANSLATE_NOOP("Report", "Trust-building progress")


def title() -> str:
    return translate("Report", TITLE)


def _font(points: float, *, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(points)
    font.setBold(bold)
    # No ligatures: "fi" and "fl" stay two letters, so the PDF's text can be searched and
    # copied as it reads (with them, "Reflection" came out with a single "ﬂ" glyph).
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


BODY = _font(9.5)
SMALL = _font(8)
H1 = _font(16, bold=True)
H2 = _font(11, bold=True)
TABLE = _font(8.5)
TABLE_BOLD = _font(8.5, bold=True)


def short(day: date) -> str:
    return f"{day.day} {day.strftime('%b')} {day.year}"


def period_text(data: ReportData) -> str:
    return f"{short(data.options.start)} – {short(data.options.end)}"


# -- blocks -----------------------------------------------------------------------------------
@dataclass
class Block:
    """Something placed on a page; ``height(width)`` is how tall it is at that width."""

    keep_with_next: bool = False

    def height(self, width: float) -> float:
        raise NotImplementedError

    def least(self, width: float) -> float:
        """The least height of it a page can end with (all of it, unless it can be split)."""
        return self.height(width)

    def split(self, width: float, room: float) -> tuple[Block, Block] | None:
        """Itself cut in two, the first part no taller than ``room``; None if it cannot be."""
        return None

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        raise NotImplementedError


@functools.lru_cache(maxsize=4096)
def _measured(family: str, points: float, bold: bool, width: float, text: str) -> float:
    metrics = QFontMetricsF(_font(points, bold=bold))
    return metrics.boundingRect(
        QRectF(0, 0, width, 1e6), int(Qt.TextFlag.TextWordWrap), text
    ).height()


def _text_height(font: QFont, width: float, text: str) -> float:
    """The height ``text`` wraps to at ``width`` (pagination asks several times: cached)."""
    return _measured(font.family(), font.pointSizeF(), font.bold(), round(width, 2), text)


@dataclass
class Text(Block):
    """A paragraph, with a hanging bullet if it has one; one taller than the room left on a
    page continues on the next."""

    text: str = ""
    font: QFont | None = None  # BODY
    colour: QColor | None = None  # INK
    space_after: float = 6.0
    bullet: bool = False
    indented: bool = False  # as a bullet's text is: a bullet's paragraph continued

    INDENT: ClassVar[float] = 12.0  # a bullet's lines, right of the bullet

    def _width(self, width: float) -> float:
        return width - self.INDENT if self.bullet or self.indented else width

    def height(self, width: float) -> float:
        return lines.height(self.font or BODY, self._width(width), self.text) + self.space_after

    def least(self, width: float) -> float:
        return lines.least(self.font or BODY, self._width(width), self.text) + self.space_after

    def split(self, width: float, room: float) -> tuple[Block, Block] | None:
        parts = lines.split_at(self.font or BODY, self._width(width), self.text, room)
        if parts is None:
            return None
        first = replace(self, text=parts[0], space_after=0.0)
        # The paragraph goes on: no second bullet, but its lines keep their indent.
        rest = replace(self, text=parts[1], bullet=False, indented=self.bullet or self.indented)
        return first, rest

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        font = self.font or BODY
        painter.setPen(self.colour or INK)
        left = rect.left() + (self.INDENT if self.bullet or self.indented else 0.0)
        if self.bullet:
            painter.setFont(font)
            first = lines.lines(font, self._width(rect.width()), self.text)
            baseline = first[0].baseline if first else QFontMetricsF(font).ascent()
            painter.drawText(QPointF(rect.left(), rect.top() + baseline), "•")
        lines.draw(painter, font, left, rect.top(), self._width(rect.width()), self.text)


def heading(text: str, font: QFont | None = None) -> Text:
    return Text(keep_with_next=True, text=text, font=font or H1, space_after=8.0)


def _fitting(text: str, width: float, points: float, *, bold: bool = False) -> QFont:
    """The font of ``points`` or a smaller size, down to 11, that fits ``text`` in ``width``
    ("7 of 10 weeks" did not at 20 points in a card)."""
    font = _font(points, bold=bold)
    while points > 11 and QFontMetricsF(font).horizontalAdvance(text) > width:
        points -= 1
        font = _font(points, bold=bold)
    return font


@dataclass
class Figures(Block):
    """The headline figures: a grid of cards, each a label, a large value and its change."""

    #: (label, value, change text, better: True, False or None for neither)
    items: list[tuple[str, str, str, bool | None]] = field(default_factory=list)
    columns: int = 3

    ROW: ClassVar[float] = 92.0  # a card and the gap under it
    CARD: ClassVar[float] = 82.0

    def _rows(self) -> int:
        return (len(self.items) + self.columns - 1) // self.columns

    def height(self, width: float) -> float:
        return self._rows() * self.ROW + 6

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        cell_w = (rect.width() - GAP * (self.columns - 1)) / self.columns
        for index, (label, value, change, better) in enumerate(self.items):
            row, column = divmod(index, self.columns)
            box = QRectF(
                rect.left() + column * (cell_w + GAP), rect.top() + row * self.ROW,
                cell_w, self.CARD,
            )  # fmt: skip
            painter.setPen(QPen(RULE, 1))
            painter.setBrush(QColor("#f6f8fa"))
            painter.drawRoundedRect(box, 5, 5)
            # A bar down the card's left edge in the change's colour, as well as its words.
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(BLUE if better else ORANGE if better is False else RULE)
            painter.drawRect(QRectF(box.left(), box.top() + 8, 3, box.height() - 16))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            inner = box.adjusted(14, 8, -10, -8)
            painter.setPen(MUTED)
            painter.setFont(SMALL)
            painter.drawText(inner, int(Qt.AlignmentFlag.AlignTop), label.upper())
            painter.setPen(INK)
            painter.setFont(_fitting(value, inner.width(), 20, bold=True))
            painter.drawText(inner.adjusted(0, 15, 0, 0), int(Qt.AlignmentFlag.AlignTop), value)
            painter.setFont(SMALL)
            painter.setPen(BLUE if better else ORANGE if better is False else MUTED)
            painter.drawText(inner, int(Qt.AlignmentFlag.AlignBottom), change)


@dataclass
class Chart(Block):
    """A chart's recorded picture under its title and headline (or what it is missing)."""

    title: str = ""
    headline: str = ""
    picture: QPicture | None = None
    picture_size: tuple[float, float] = (0.0, 0.0)
    missing: str = ""
    #: Set by a ``ChartRow`` so its charts start level; None decides by the width.
    headline_below: bool | None = None

    def _headline_below(self, width: float) -> bool:
        """Whether the headline goes under the title: beside it, it would not fit."""
        if self.headline_below is not None:
            return self.headline_below
        beside = QFontMetricsF(H2).horizontalAdvance(self.title) + 10
        return beside + QFontMetricsF(BODY).horizontalAdvance(self.headline) > width

    def _top(self, width: float) -> float:
        """The height of the title (and the headline when it goes below)."""
        return 22.0 + (QFontMetricsF(BODY).lineSpacing() if self._headline_below(width) else 0)

    def height(self, width: float) -> float:
        top = self._top(width)
        if self.picture is None:
            return top + _text_height(BODY, width, self.missing) + 14
        w, h = self.picture_size
        return top + min(h, h * width / w) + 14

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        painter.setFont(H2)
        painter.setPen(INK)
        painter.drawText(rect.topLeft() + QPointF(0, 14), self.title)
        painter.setFont(BODY)
        painter.setPen(MUTED)
        metrics = QFontMetricsF(BODY)
        if self._headline_below(rect.width()):
            at = QPointF(0, 14 + metrics.lineSpacing())
        else:
            at = QPointF(QFontMetricsF(H2).horizontalAdvance(self.title) + 10, 14)
        room = max(0.0, rect.width() - at.x())
        headline = metrics.elidedText(self.headline, Qt.TextElideMode.ElideRight, room)
        painter.drawText(rect.topLeft() + at, headline)
        top = self._top(rect.width())
        if self.picture is None:
            painter.drawText(
                rect.adjusted(0, top, 0, 0), int(Qt.TextFlag.TextWordWrap), self.missing
            )
            return
        w, h = self.picture_size
        scale = min(1.0, rect.width() / w)
        painter.save()
        # A picture records only the state changes made while recording: play it from the
        # state it was recorded in, or an earlier block's brush would fill every curve.
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(INK))
        painter.translate(rect.left(), rect.top() + top)
        painter.scale(scale, scale)
        self.picture.play(painter)
        painter.restore()


@dataclass
class ChartRow(Block):
    """Charts side by side, each in an equal share of the width."""

    charts: list[Chart] = field(default_factory=list)

    def _width(self, width: float) -> float:
        return (width - GAP * (len(self.charts) - 1)) / len(self.charts)

    def _level(self, cell: float) -> None:
        """Headlines under the titles in every chart of the row, if one needs it."""
        for chart in self.charts:
            chart.headline_below = None
        below = any(chart._headline_below(cell) for chart in self.charts)
        for chart in self.charts:
            chart.headline_below = below

    def height(self, width: float) -> float:
        self._level(self._width(width))
        return max(chart.height(self._width(width)) for chart in self.charts)

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        cell = self._width(rect.width())
        self._level(cell)
        for index, chart in enumerate(self.charts):
            left = rect.left() + index * (cell + GAP)
            chart.paint(painter, QRectF(left, rect.top(), cell, rect.height()))


@dataclass
class TableRow(Block):
    """One row of a table; the header row repeats at the top of each page a table continues
    on. A row taller than the room left on a page continues on the next (``split``), its
    first cell saying whose row it is."""

    cells: list[str] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)  # shares of the width, summing to 1
    header: bool = False
    table: str = ""
    #: Whose row it is, named in the first cell where it continues ("Raj Patel (continued)"):
    #: its first cell, or set for a row under another (a person's notes under their row).
    #: A row with an owner, or a piece of one continued, has its first cell muted.
    owner: str = ""
    rule: bool = True  # a line under it (not between a person's row and their notes)

    PAD_TOP: ClassVar[float] = 3.0
    PAD: ClassVar[float] = 8.0  # above and below the text

    def _font(self) -> QFont:
        return TABLE_BOLD if self.header else TABLE

    def _cell_widths(self, width: float) -> list[float]:
        return [width * share - 6 for share in self.widths]

    def height(self, width: float) -> float:
        font = self._font()
        return self.PAD + max(
            lines.height(font, cell, text)
            for cell, text in zip(self._cell_widths(width), self.cells, strict=True)
        )

    def least(self, width: float) -> float:
        font = self._font()
        return self.PAD + max(
            lines.least(font, cell, text)
            for cell, text in zip(self._cell_widths(width), self.cells, strict=True)
        )

    def split(self, width: float, room: float) -> tuple[Block, Block] | None:
        """The row cut at the line of its tallest cell that fits ``room`` (with
        ``lines.MIN_LINES`` on each side); every other cell is cut at the same height."""
        if self.header:
            return None
        font, widths = self._font(), self._cell_widths(width)
        tallest = max(range(len(self.cells)),
                      key=lambda i: lines.height(font, widths[i], self.cells[i]))  # fmt: skip
        if lines.split_at(font, widths[tallest], self.cells[tallest], room - self.PAD) is None:
            return None
        # Cut at the bottom of the tallest cell's last line that fits, so no cell's line is
        # cut in two (the lines of other cells may end higher).
        found = lines.lines(font, widths[tallest], self.cells[tallest])
        count = min(lines.fitting(font, widths[tallest], self.cells[tallest], room - self.PAD),
                    len(found) - lines.MIN_LINES)  # fmt: skip
        bottom = found[count - 1].bottom
        firsts, rests = [], []
        for cell, text in zip(widths, self.cells, strict=True):
            found = lines.lines(font, cell, text)
            first, rest = lines.cut(text, found, lines.fitting(font, cell, text, bottom))
            firsts.append(first)
            rests.append(rest)
        owner = self.owner or self.cells[0]
        if not rests[0]:
            rests[0] = translate("Report", "{0} (continued)").format(owner)
        return replace(self, cells=firsts), replace(self, cells=rests, owner=owner)

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        font = self._font()
        x = rect.left()
        for index, (share, cell, text) in enumerate(
            zip(self.widths, self._cell_widths(rect.width()), self.cells, strict=True)
        ):
            # "Raj Patel (continued)" and "Notes (private)" label the row: muted, as a header.
            muted = self.header or (index == 0 and bool(self.owner))
            painter.setPen(MUTED if muted else INK)
            lines.draw(painter, font, x, rect.top() + self.PAD_TOP, cell, text)
            x += rect.width() * share
        if self.rule:
            painter.setPen(QPen(RULE, 0.8))
            painter.drawLine(rect.bottomLeft() - QPointF(0, 1), rect.bottomRight() - QPointF(0, 1))


@dataclass
class PageBreak(Block):
    def height(self, width: float) -> float:
        return 0.0

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        pass


# -- laying out and painting ------------------------------------------------------------------
def paginate(blocks: list[Block], width: float, height: float) -> list[list[tuple[Block, float]]]:
    """Place blocks top to bottom, starting a page when one would not fit.

    A heading stays with the start of what follows it, and a table's header with its first
    row; the header is repeated on each page the table continues on. A paragraph or table row
    taller than the room left is cut there and continues on the next page (``Block.split``,
    which keeps two lines at least on each side); anything else moves whole to the next page.
    """
    pages: list[list[tuple[Block, float]]] = [[]]
    y = 0.0
    headers: dict[str, TableRow] = {}
    queue = deque(blocks)

    def new_page(block: Block) -> float:
        pages.append([])
        if isinstance(block, TableRow) and not block.header and block.table in headers:
            header = headers[block.table]
            pages[-1].append((header, 0.0))
            return header.height(width)
        return 0.0

    while queue:
        block = queue.popleft()
        if isinstance(block, PageBreak):
            if pages[-1]:
                pages.append([])
                y = 0.0
            continue
        if isinstance(block, TableRow) and block.header:
            headers[block.table] = block
        tall = block.height(width)
        following = queue[0] if queue else None
        needed = tall
        if following is not None and (
            block.keep_with_next
            or (isinstance(block, TableRow) and block.header and isinstance(following, TableRow))
        ):
            needed += following.least(width)
        if y + needed > height:
            # Cut here what is too tall for the room left (not a heading kept with what follows).
            parts = block.split(width, height - y) if y + tall > height else None
            if parts is not None:
                first, rest = parts
                pages[-1].append((first, y))
                queue.appendleft(rest)
                y = new_page(rest)
                continue
            if pages[-1]:
                y = new_page(block)
        pages[-1].append((block, y))
        y += tall
    return [page for page in pages if page]


def _page_layout(paper: str) -> QPageLayout:
    size = QPageSize(QPageSize.PageSizeId.Letter if paper == "letter" else QPageSize.PageSizeId.A4)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))


def page_size_px(paper: str) -> tuple[float, float]:
    rect = _page_layout(paper).fullRectPixels(DPI)
    return float(rect.width()), float(rect.height())


def content_width(paper: str) -> float:
    return page_size_px(paper)[0] - 2 * MARGIN


def _title_page(painter: QPainter, data: ReportData, width: float, height: float) -> None:
    painter.setPen(BLUE)
    painter.setBrush(BLUE)
    painter.drawRect(QRectF(MARGIN, height * 0.28, 48, 6))
    painter.setPen(INK)
    painter.setFont(_font(28, bold=True))
    painter.drawText(QRectF(MARGIN, height * 0.3, width - 2 * MARGIN, 60), title())
    below = height * 0.3 + 64
    if data.leader:  # no name set: nothing, where a lone "—" stood
        painter.setFont(_font(14))
        painter.drawText(QRectF(MARGIN, below, width - 2 * MARGIN, 30), data.leader)
        below += 40
    painter.setPen(MUTED)
    painter.setFont(_font(11))
    audience = audience_label(data.options.audience)
    lines = [
        period_text(data),
        audience
        if data.options.include_private
        else translate("Report", "{0} · private notes left out").format(audience),
        translate("Report", "Made on {0} with {1}").format(short(data.made_on), APP_NAME),
    ]
    painter.drawText(
        QRectF(MARGIN, below, width - 2 * MARGIN, 90),
        int(Qt.TextFlag.TextWordWrap),
        "\n".join(lines),
    )


def _header(painter: QPainter, data: ReportData, number: int, total: int, width: float) -> None:
    painter.setFont(SMALL)
    painter.setPen(MUTED)
    band = QRectF(MARGIN, MARGIN - HEADER, width - 2 * MARGIN, HEADER - 8)
    painter.drawText(band, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom),
                     f"{title()} · {period_text(data)}")  # fmt: skip
    painter.drawText(band, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                     translate("Report", "Page {0} of {1}").format(number, total))  # fmt: skip
    painter.setPen(QPen(RULE, 0.8))
    painter.drawLine(QPointF(MARGIN, MARGIN - 6), QPointF(width - MARGIN, MARGIN - 6))


def write_pdf(
    data: ReportData,
    blocks: list[Block],
    path: Path,
    *,
    progress: Callable[[str, float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the report to ``path`` (atomically); return its page count.

    Raises ``Cancelled`` (nothing is left behind) or the write's own error (an existing file
    at ``path`` is left as it was).
    """
    path = Path(path)
    width, height = page_size_px(data.options.paper)
    body_height = height - 2 * MARGIN
    pages = paginate(blocks, width - 2 * MARGIN, body_height)
    total = len(pages) + 1
    with replacing(path, check=check_tail(b"%%EOF", "PDF")) as temporary_path:
        writer = QPdfWriter(str(temporary_path))
        writer.setResolution(DPI)
        writer.setPageLayout(_page_layout(data.options.paper))
        writer.setTitle(f"{title()}, {period_text(data)}")
        writer.setCreator(f"{APP_NAME} {__version__}")
        painter = QPainter(writer)
        if not painter.isActive():
            raise OSError(translate("Report", "could not write {0}").format(path))
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            _title_page(painter, data, width, height)
            for number, page in enumerate(pages, start=2):
                if cancelled is not None and cancelled():
                    raise Cancelled
                writer.newPage()
                _header(painter, data, number, total, width)
                for block, y in page:
                    rect = QRectF(
                        MARGIN, MARGIN + y, width - 2 * MARGIN, block.height(width - 2 * MARGIN)
                    )
                    block.paint(painter, rect)
                if progress is not None:
                    progress("pages", 0.9 + 0.09 * number / total)
        finally:
            # end() flushes the PDF; False means it could not be written (a full disk).
            ended = painter.end()
        if not ended:
            raise incomplete(path, "PDF")
        if cancelled is not None and cancelled():
            raise Cancelled
    return total
