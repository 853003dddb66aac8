"""Column widths of every list: each column as wide as its content, one column taking the rest.

A list's columns were given fixed first widths, so an empty "Timing" column stayed 120 px wide
while "What I promised" was cut, and eleven columns of the Initiatives list overflowed 1280 px.
``ColumnFitter`` gives each column the width of its header and of the widest of the rows it
samples, capped so that no one column can push the others off screen, and lets one column
(the main text: a name, a title, a promise) stretch over the width left. Text still too long
for its column is elided by the view, and the model's tooltip holds it in full.

Once the user drags a column's edge, their widths are theirs: the fitter stops and the
header's state (kept by the list) remembers them; "user sized" is kept beside it.

Content is measured only when it changes (a reset, rows added at the top): a resize of the
window or a new sort arrow shares out the same measured widths again, which costs nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

#: Rows measured per column: what a tall window shows and a little more. Measuring goes
#: through the model's ``data`` in Python for every row and role: 200 rows of a dozen columns
#: took a few hundred ms on the large demo, and each measure stalled the GUI thread.
SAMPLE_ROWS = 60
#: No column but the stretching one grows beyond this many average characters (a long list
#: of names elides, with the whole list in its tooltip)...
MAX_CHARS = 32
#: The stretching column keeps its content's width up to this share of the view; when the
#: others want more than is left, the widest give way first, down to ``MIN_CHARS``.
STRETCH_SHARE = 0.4
MIN_CHARS = 7


class ColumnFitter(QObject):
    """Sizes ``view``'s columns to their content, ``stretch`` taking the width left over."""

    def __init__(
        self,
        view: QTableView,
        stretch: int,
        settings: QSettings,
        settings_key: str,
        keep: set[int] | None = None,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.stretch = stretch
        self.keep = keep or set()  # columns never narrowed below their content
        self._settings = settings
        self._key = f"{settings_key}/user_sized"
        self.user_sized = settings.value(self._key, False, type=bool)
        self._fitting = False
        self._measured: dict[int, int] = {}  # each column's content width, while it holds
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(max(header.minimumSectionSize(), 24))
        # (A column's size hint reads as many rows as the *horizontal* header's precision
        # says; set on the vertical one, every row of the model was measured.)
        header.setResizeContentsPrecision(SAMPLE_ROWS)
        self.apply_modes()
        header.sectionResized.connect(self._resized)
        header.sortIndicatorChanged.connect(self._timer.start)  # the arrow needs room
        view.viewport().installEventFilter(self)
        model = view.model()
        if isinstance(model, QSortFilterProxyModel) and model.sourceModel() is not None:
            # The content is the source's: a search only hides rows, and measuring again at
            # each keystroke (the rows it brings back count as inserted) cost 20-60 ms on
            # the large demo's lists, the columns jumping as one typed.
            model = model.sourceModel()
        model.modelReset.connect(self._content_changed)
        model.rowsInserted.connect(self._rows_inserted)

    def apply_modes(self) -> None:
        """The stretching column stretches; the others keep the width they are given (a
        header state restored from settings carries the old modes, so this runs after it)."""
        header = self.view.horizontalHeader()
        for column in range(header.count()):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == self.stretch
                else QHeaderView.ResizeMode.Interactive
            )
            header.setSectionResizeMode(column, mode)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize and not self.user_sized:
            self._timer.start()
        return False

    def _resized(self, column: int, _old: int, _new: int) -> None:
        # The stretching column moves with the window; only a drag of another edge is the
        # user choosing a width.
        if self._fitting or column == self.stretch or self.user_sized:
            return
        if not self.view.isVisible():
            return
        self.user_sized = True
        self._settings.setValue(self._key, True)

    def _content_changed(self) -> None:
        self._measured.clear()
        self._timer.start()

    def _rows_inserted(self, _parent: object, first: int, _last: int) -> None:
        if first < SAMPLE_ROWS:  # (rows fetched further down are never measured)
            self._content_changed()

    def wanted_width(self, column: int) -> int:
        """The width ``column``'s header and sampled content ask for, before any cap."""
        header = self.view.horizontalHeader()
        if column not in self._measured:
            self._measured[column] = self.view.sizeHintForColumn(column)
        return max(_header(header, column), self._measured[column])

    def fit(self) -> None:
        """Give every column but the stretching one its content's width, within the caps."""
        if self.user_sized:
            return
        header = self.view.horizontalHeader()
        if header.count() == 0:
            return
        char = self.view.fontMetrics().averageCharWidth()
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        widths = {
            column: min(self.wanted_width(column), max(char * MAX_CHARS, _header(header, column)))
            for column in shown
            if column != self.stretch
        }
        # The main text keeps its own width (up to a share of the view); the others share
        # what is left, the widest giving way first.
        viewport = self.view.viewport().width()
        main = min(self.wanted_width(self.stretch), int(viewport * STRETCH_SHARE))
        excess = sum(widths.values()) - (viewport - main)
        if excess > 0 and viewport > 0:
            widths = _shrink(widths, excess, char * MIN_CHARS, self.keep)
        self._fitting = True
        try:
            for column, width in widths.items():
                header.resizeSection(column, width)
        finally:
            self._fitting = False


def _header(header: QHeaderView, column: int) -> int:
    """The width ``column``'s title needs: Qt's own hint keeps room for a sort arrow on every
    column, 20 px each that a row of short numbers (Power, Interest, Health) does not need;
    only the column sorted by gets it."""
    text = str(header.model().headerData(column, Qt.Orientation.Horizontal) or "")
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    width = header.fontMetrics().horizontalAdvance(text) + 4 * margin
    if header.isSortIndicatorShown() and header.sortIndicatorSection() == column:
        width += header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
        width += 2 * margin
    return width


def _shrink(
    widths: dict[int, int], excess: int, least: int, keep: set[int] | None = None
) -> dict[int, int]:
    """``widths`` less ``excess`` pixels, taken from the widest columns down to the width of
    the next widest (long text gives way before short), none below ``least`` (or its own
    width, if that is less) and those in ``keep`` not at all: a narrowed column elides, its
    header too, each with a tooltip."""
    keep = keep or set()
    floor = {c: width if c in keep else min(width, least) for c, width in widths.items()}
    result = dict(widths)
    while excess > 0:
        room = [c for c in result if result[c] > floor[c]]
        if not room:
            break
        widest = max(result[c] for c in room)
        top = [c for c in room if result[c] == widest]
        lower = max((result[c] for c in room if result[c] < widest), default=0)
        step = max(1, min(widest - lower, -(-excess // len(top))))
        for column in top:
            cut = min(step, result[column] - floor[column], excess)
            result[column] -= cut
            excess -= cut
    return result
