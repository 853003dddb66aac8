"""Report benchmark: a year's progress PDF against a plain 20-page ``QTextDocument`` PDF.

Run by hand (not collected by pytest)::

    python tests/perf/bench_report.py PATH_TO_DB [--runs 5]

Each run is a fresh process, so its peak memory (``ru_maxrss``) is the report's own:

- the report: ``reports.export`` for the year to today (every section, private notes left out)
  on a copy of the database, timed in wall-clock and CPU seconds from the moment the modules
  are imported and the database is open, as they are in the app when someone exports (the
  command line's cold start, imports and all, is printed too);
- the baseline: the same, then a 20-page ``QTextDocument`` of plain paragraphs printed to a
  ``QPdfWriter``.

Both kinds run alternately and the medians are compared. Goals: the report within 5× the
baseline, under 2 s of CPU, and a peak under 300 MB.

What it said on a 2-core machine (December 2026), large demo, 8 pages: the report 480–750 ms
(CPU 0.5–0.75 s, peak 134 MB) against 110–175 ms for the baseline, so 3.6–4.4× over five
runs of the benchmark: all three goals met (the machine's speed wandered between runs, the
ratio much less). Before the charts drew into ``charts.plot.ChartPlot`` (a ``PlotItem``
without its two menus, a fifth of the cost to make) and the export ran on one thread (a
second one gathering only took turns at the GIL), it was 5.1–6.6×. Of the report's time about
a quarter is gathering (people's status alone is 50–70 ms), a third building, filling and
recording ten plots, and a quarter writing the pages (the two 963-point scatter charts are a
third of that). From a cold start (the command line, imports and the start-up check included)
it takes 1.3–1.8 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from perf_support import REPO, compile_app

CHILD = r"""
import json, os, resource, sys, time
from datetime import date, timedelta
kind, db, out = sys.argv[1:4]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
cold = time.perf_counter()
from PySide6.QtWidgets import QApplication
app = QApplication([])
if kind == "report":
    import pyqtgraph  # noqa: F401 - the app has it loaded before anyone exports
    import advisor_planner.reports.build  # noqa: F401 - and the chart classes
    import advisor_planner.charts.reflection  # noqa: F401
    from advisor_planner.reports import export
    from advisor_planner.reports.data import ReportOptions
    from advisor_planner.services import clock
    from advisor_planner.store.opening import init_db
    init_db(db, backup_before_migrate=False)
    today = clock.today()
    options = ReportOptions(start=today - timedelta(days=364), end=today)
else:
    from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument
wall, cpu = time.perf_counter(), time.process_time()
if kind == "report":
    pages = export(options, out)
else:
    text = " ".join(["The quick brown fox jumps over the lazy dog."] * 12)
    html = "".join(f"<h2>Section {n}</h2>" + f"<p>{text}</p>" * 6 for n in range(40))
    document = QTextDocument()
    document.setHtml(html)
    writer = QPdfWriter(out)
    writer.setResolution(96)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    document.setPageSize(writer.pageLayout().paintRectPixels(96).size().toSizeF())
    pages = document.pageCount()
    document.print_(writer)
now = time.perf_counter()
print(json.dumps({
    "wall": now - wall, "cpu": time.process_time() - cpu, "cold": now - cold, "pages": pages,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def _run(kind: str, db: Path, out: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    result = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(db), str(out)],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    for line in result.stdout.splitlines()[::-1]:
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"{kind} printed no figures:\n{result.stderr[-2000:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if not args.db.is_file():
        parser.error(f"no database at {args.db}")
    compile_app()  # for the cold-start figure, as installed (see perf_support)
    with tempfile.TemporaryDirectory(prefix="bench-report-") as scratch_name:
        scratch = Path(scratch_name)
        copy = scratch / "bench.sqlite"
        shutil.copy2(args.db, copy)
        _run("report", copy, scratch / "warm.pdf")  # warms the file cache
        reports, baselines = [], []
        for _ in range(args.runs):
            reports.append(_run("report", copy, scratch / "report.pdf"))
            baselines.append(_run("baseline", copy, scratch / "baseline.pdf"))

    def median(rows: list[dict], key: str) -> float:
        return statistics.median(row[key] for row in rows)

    wall, base = median(reports, "wall"), median(baselines, "wall")
    cpu, peak = median(reports, "cpu"), max(row["peak_mb"] for row in reports)
    ratio = wall / base
    print(f"database: {args.db} ({args.db.stat().st_size / 1e6:.1f} MB); {args.runs} runs each")
    print(
        f"year's report ({reports[0]['pages']} pages): {wall * 1000:.0f} ms wall, "
        f"{cpu * 1000:.0f} ms CPU, peak {peak:.0f} MB; from a cold start "
        f"{median(reports, 'cold') * 1000:.0f} ms"
    )
    print(
        f"plain QTextDocument PDF ({baselines[0]['pages']} pages): {base * 1000:.0f} ms wall, "
        f"peak {max(row['peak_mb'] for row in baselines):.0f} MB"
    )
    ok = ratio <= 5 and cpu < 2 and peak < 300
    print(
        f"report / baseline = {ratio:.2f} x (goal <= 5), CPU {cpu:.2f} s (goal < 2), peak "
        f"{peak:.0f} MB (goal < 300): {'ok' if ok else 'OVER TARGET'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
