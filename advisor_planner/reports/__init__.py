"""Progress reports: a PDF of trust-building progress for a period, for oneself or a mentor.

- ``data``: what the report says, gathered from ``services`` (no Qt).
- ``charts``: the charts recorded as vector pictures by the app's own chart classes (GUI
  thread).
- ``build``: the sections as blocks; ``pdf``: pagination, painting and the atomic write.

``export(options, path)`` does it all on the calling thread (the command line); the app's export
dialog gathers and writes on a worker thread and records the charts on the GUI thread between.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
    from advisor_planner.reports.charts import prepare_charts, record_charts, release_charts
    from advisor_planner.reports.data import gather
    from advisor_planner.reports.pdf import content_width, write_pdf

    # The plots are built on this thread while another gathers the data (its SQLite work
    # runs beside them); the gathering thread's connection is closed when it is done.
    outcome: dict[str, Any] = {}

    def gather_in_thread() -> None:
        from advisor_planner.store import models

        try:
            outcome["data"] = gather(options, progress=progress, cancelled=cancelled)
        except BaseException as exc:  # noqa: BLE001 - raised again on the calling thread
            outcome["error"] = exc
        finally:
            models.database.close()

    worker = threading.Thread(target=gather_in_thread, name="gather the report")
    worker.start()
    prepared = None
    try:
        prepared = prepare_charts(options)
    finally:
        worker.join()
    if "error" in outcome:
        release_charts(prepared)
        raise outcome["error"]
    data = outcome["data"]
    charts = record_charts(data, content_width(options.paper), prepared)
    blocks = build_blocks(data, charts)
    return write_pdf(data, blocks, Path(path), progress=progress, cancelled=cancelled)
