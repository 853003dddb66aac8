"""Progress reports: a PDF of trust-building progress for a period, for oneself or a mentor.

- ``data``: what the report says, gathered from ``services`` (no Qt); ``tables`` reads its
  tables and private lists.
- ``charts``: the charts recorded as vector pictures by the app's own chart classes (GUI
  thread).
- ``build``: the sections as blocks; ``pdf``: pagination, painting and the atomic write.

``export(options, path)`` does it all on the calling thread (the command line); the app's export
dialog gathers and writes on a worker thread and records the charts on the GUI thread between
(building the plots while the worker gathers, so the window stays responsive).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from advisor_planner.reports.data import ReportOptions


def export(
    options: ReportOptions,
    path: Path,
    *,
    progress: Callable[[str, float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the report for ``options`` to ``path``; return its page count."""
    from advisor_planner.reports.build import build_blocks
    from advisor_planner.reports.charts import record_charts
    from advisor_planner.reports.data import gather
    from advisor_planner.reports.pdf import content_width, write_pdf

    # One thread, one step after another. Gathering on a second thread while the plots were
    # built took no less time: both halves are mostly Python, and they took turns at the GIL.
    data = gather(options, progress=progress, cancelled=cancelled)
    charts = record_charts(data, content_width(options.paper))
    blocks = build_blocks(data, charts)
    return write_pdf(data, blocks, Path(path), progress=progress, cancelled=cancelled)
