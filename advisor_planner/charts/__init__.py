"""Charts of trust-building progress, drawn with pyqtgraph: one class per chart.

- ``base``: ``Chart`` (a plot plus the hits behind hover and click, the
  headline, the text summary and ``paint(painter, rect)`` onto any ``QPainter``), and
  ``RecordLink``, where a click leads.
- ``view``: ``ChartView``, a chart on screen with its title, ⓘ, tooltips, click-through and
  "Save chart as PNG…".
- ``plot``: ``ChartPlot``, the part of pyqtgraph's ``PlotItem`` the charts use, without its
  menus (a fifth of the cost to make).
- ``palette``: the one palette (Okabe–Ito hues, light and dark).
- ``marks``: names placed beside a few points of a crowded scatter without covering each
  other, and the symbols of points as a legend draws them.
- The charts: ``time_series`` (trust index, touchpoints per week, follow-through),
  ``heatmap`` (the touchpoint calendar), ``scatter`` (stakeholder map, warmth × competence,
  trust and outcomes), ``goals`` (brand-goal progress) and ``stakeholder`` (one person's trust
  factors, trust quotient and touchpoint timeline).

Charts take their series from ``services.insights`` and their formulas from ``domain``; they
never query the database.

Lessons that shaped the code (keep them):

- pyqtgraph renders a scatter symbol once per distinct pen and brush *object*, so charts share
  one brush per colour (``Chart.brushes``); a thousand people cost a handful of renders.
- The left axis has a fixed width: an axis that grows to fit its tick text makes pyqtgraph lay
  the plot out and paint it again, which doubled the dashboard's painting.
- Text on a plot is ``base.Label`` (painted by hand), and a chart drawn off screen gets a hidden
  ``GraphicsView`` that is deleted with the chart: left to the garbage collector, pyqtgraph's
  ``TextItem`` and a bare scene could be destroyed in the wrong order and crash the process.
- Tooltip text of big charts is made when asked for (``Hit.tip`` may be a function).
- Text fixed when a class or module is defined (titles, ⓘ texts, quadrant names) is only
  marked, ``QT_TRANSLATE_NOOP("Chart", …)``, and translated where it is shown
  (``Chart.shown_title``): this package is imported on a worker thread, before a translator
  may be installed, so ``tr()`` there would freeze the English. An ⓘ text quotes the domain's
  formulas as ``{0}`` …, filled in when shown (``Chart.info_formulas``): glued into the marked
  text, they hid the whole paragraph from ``pyside6-lupdate``.
- Every other sentence is ``QCoreApplication.translate("Chart", "…")`` written out whole (a
  bare ``tr("…")`` outside a class is filed by ``pyside6-lupdate`` under no context at all).

pyqtgraph (and numpy under it) takes about half a second to import, so nothing imports this
package at start-up: ``ui.app`` imports it on a worker thread once the window is on screen,
while the database is checked, so the dashboard's charts can be built right after.
"""

from __future__ import annotations
