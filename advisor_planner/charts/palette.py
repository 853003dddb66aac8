"""The one palette every chart draws with: readable in light and dark mode, and colour-blind safe.

The hues are Okabe and Ito's set, chosen so that readers with any common colour-vision
deficiency can still tell them apart. Where a chart means good against bad it uses blue against
orange, never green against red. Text, axes and grid come from the widget's ``QPalette``, so a
chart follows the system's light or dark theme; the hues get a lighter variant on a dark
background.

Nothing here imports pyqtgraph: the palette is plain ``QColor``s, usable by any painter.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from advisor_planner.domain.enums import Channel

# Okabe & Ito (2008); the dark-mode variants keep each hue but raise its lightness.
_LIGHT = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#7F7F7F",
}
_DARK = {
    "blue": "#4FA3E0",
    "orange": "#F2B13A",
    "sky": "#8ACCF2",
    "green": "#3CC59E",
    "yellow": "#F3EA78",
    "vermillion": "#F08A4B",
    "purple": "#DFA3C6",
    "grey": "#A8A8A8",
}

#: Which hue each channel's bars take, in the order the channels stack.
CHANNEL_HUES = {
    Channel.ONE_ON_ONE.value: "blue",
    Channel.MEETING.value: "sky",
    Channel.CALL.value: "orange",
    Channel.EMAIL.value: "yellow",
    Channel.MESSAGE.value: "purple",
    Channel.INFORMAL.value: "green",
    Channel.WORKSHOP.value: "vermillion",
}


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0–1) of the way towards ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


@dataclass(frozen=True)
class ChartPalette:
    """The colours of one theme: the ground and ink from the widget palette, and the hues."""

    background: QColor
    foreground: QColor
    muted: QColor  # secondary text: axis labels, quadrant names
    grid: QColor
    dark: bool
    hues: dict[str, QColor]

    @classmethod
    def from_palette(cls, palette: QPalette) -> ChartPalette:
        background = palette.color(QPalette.ColorRole.Base)
        foreground = palette.color(QPalette.ColorRole.Text)
        dark = background.lightnessF() < 0.5
        hues = {name: QColor(value) for name, value in (_DARK if dark else _LIGHT).items()}
        return cls(
            background=background,
            foreground=foreground,
            muted=_mix(foreground, background, 0.4),
            grid=_mix(foreground, background, 0.85),
            dark=dark,
            hues=hues,
        )

    @classmethod
    def light(cls) -> ChartPalette:
        """The light theme, whatever the system uses (the PDF report draws on white paper)."""
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
        palette.setColor(QPalette.ColorRole.Text, QColor("#1f1f1f"))
        return cls.from_palette(palette)

    def hue(self, name: str) -> QColor:
        return QColor(self.hues[name])

    def channel(self, channel: str) -> QColor:
        return self.hue(CHANNEL_HUES.get(channel, "grey"))

    def faded(self, colour: QColor, amount: float) -> QColor:
        """``colour`` moved ``amount`` of the way to the background (for fills and bands)."""
        return _mix(colour, self.background, amount)

    def gap(self, gap: int) -> QColor:
        """An engagement gap: blue where I want them (or beyond), deepening orange the further
        they still have to move."""
        if gap <= 0:
            return self.hue("blue") if gap == 0 else self.hue("sky")
        orange = self.hue("orange")
        if gap == 1:
            return _mix(orange, self.background, 0.35)
        if gap == 2:
            return orange
        return self.hue("vermillion")

    def sentiment(self, value: int | None) -> QColor:
        """Sentiment −2…+2: orange for negative, grey for neutral, blue for positive."""
        if value is None or value == 0:
            return self.hue("grey")
        if value > 0:
            return self.hue("blue") if value == 2 else self.hue("sky")
        return self.hue("vermillion") if value == -2 else self.hue("orange")

    def heat(self, level: int, levels: int = 4) -> QColor:
        """Level 0 (no touchpoint) to ``levels`` (the busiest days) of the calendar heat map."""
        if level <= 0:
            return _mix(self.foreground, self.background, 0.92)
        return _mix(self.hue("blue"), self.background, 0.8 * (1 - level / levels))
