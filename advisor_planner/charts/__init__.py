"""Charts of trust-building progress, drawn with pyqtgraph: one class per chart.

- ``base``: ``Chart`` (a pyqtgraph ``PlotItem`` plus the hits behind hover and click, the
  headline, the text summary and ``paint(painter, rect)`` onto any ``QPainter``), and
  ``RecordLink``, where a click leads.
- ``view``: ``ChartView``, a chart on screen with its title, ⓘ, tooltips, click-through and
  "Save chart as PNG…".
- ``palette``: the one palette (Okabe–Ito hues, light and dark).
- The charts: ``time_series`` (trust index, touchpoints per week, follow-through),
  ``heatmap`` (the touchpoint calendar), ``scatter`` (stakeholder map, warmth × competence,
  trust and outcomes), ``goals`` (brand-goal progress) and ``stakeholder`` (one person's trust
  factors, trust quotient and touchpoint timeline).

Charts take their series from ``services.insights`` and their formulas from ``domain``; they
never query the database.

pyqtgraph (and numpy under it) takes about half a second to import, so nothing imports this
package at start-up. ``preload_in_background()`` starts that import on a worker thread once
the window is on screen, so the dashboard's charts can be built right after.
"""

from __future__ import annotations

import threading

_preload: threading.Thread | None = None


def _import_charts() -> None:
    import advisor_planner.charts.view  # noqa: F401 - imports pyqtgraph and every chart base


def preload_in_background() -> None:
    """Import pyqtgraph on a worker thread (once); importing it later then costs nothing.

    Only Python modules are loaded: no widget or QObject is made off the GUI thread.
    """
    global _preload
    if _preload is None:
        _preload = threading.Thread(target=_import_charts, name="import pyqtgraph", daemon=True)
        _preload.start()
