"""Reflection speed on a large database: opening the weekly session, and searching the list.

Run by hand (not collected by pytest)::

    python tests/perf/bench_reflection.py LARGE_DB [--runs 15]

The database is copied to a temporary folder first (the session saves drafts), so the file
given is never changed. Each figure is the median of ``--runs`` runs, with a baseline measured
in the same run:

(a) opening this week's session until its evidence step has painted, filled from the data
    (the large demo holds 520 weeks of reflections); baseline: a bare ``QDialog`` holding a
    ``QTreeWidget`` with as many items, shown and painted. Target: 200 ms.
(b) one keystroke in the Reflections list's search (a one-letter change over every
    reflection's text); baseline: the same substring test over the same texts in plain
    Python. Target: one frame, 16 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
if not any(os.environ.get(k) for k in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _median(times: list[float]) -> float:
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", type=Path)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    if not args.database.is_file():
        parser.error(f"no database at {args.database}")

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QDialog, QTreeWidget, QTreeWidgetItem, QVBoxLayout

    app = QApplication.instance() or QApplication([])
    from advisor_planner.services import clock, reflections
    from advisor_planner.store.connection import close_database
    from advisor_planner.store.opening import init_db
    from advisor_planner.ui.context import AppContext
    from advisor_planner.ui.reflection.session import ReflectionSession
    from advisor_planner.ui.sections.reflections import ReflectionsPage, all_text

    with tempfile.TemporaryDirectory(prefix="bench-reflection-") as scratch_name:
        scratch = Path(scratch_name)
        copy = scratch / "bench.sqlite"
        shutil.copy2(args.database, copy)
        init_db(copy, backup_before_migrate=False)
        context = AppContext(settings=QSettings(str(scratch / "s.ini"), QSettings.Format.IniFormat))
        week = clock.iso_week(clock.today())

        def paint(widget) -> None:
            widget.show()
            widget.repaint()
            app.processEvents()

        opened: list[float] = []
        bare: list[float] = []
        items = 0
        for _ in range(args.runs):
            context.settings.clear()  # open on the evidence step each time
            start = time.perf_counter()
            session = ReflectionSession(context, week)
            paint(session)
            opened.append(time.perf_counter() - start)
            items = sum(card.list.count() + 1 for card in session.evidence_view.groups.values())
            session.hide()
            session.deleteLater()
            app.processEvents()

            start = time.perf_counter()
            dialog = QDialog()
            tree = QTreeWidget(dialog)
            QVBoxLayout(dialog).addWidget(tree)
            dialog.resize(860, 640)
            for group in range(6):
                top = QTreeWidgetItem(tree, [f"Group {group}"])
                for child in range(items // 6):
                    QTreeWidgetItem(top, [f"Item {child}"])
                top.setExpanded(True)
            paint(dialog)
            bare.append(time.perf_counter() - start)
            dialog.hide()
            dialog.deleteLater()
            app.processEvents()

        page = ReflectionsPage(context, None)
        page.resize(1100, 700)
        page.show()
        page.refresh()
        app.processEvents()
        rows = page.model.rowCount()
        texts = [all_text(r).lower() for r in reflections.list_all()]
        searched: list[float] = []
        baseline: list[float] = []
        for index in range(args.runs):
            needle = "abcdefghilmnoprstuvw"[index % 20]
            start = time.perf_counter()
            page.proxy.set_search(needle)
            page.proxy.rowCount()
            searched.append(time.perf_counter() - start)
            page.proxy.set_search("")
            start = time.perf_counter()
            [text for text in texts if needle in text]
            baseline.append(time.perf_counter() - start)
        close_database()

    open_ms, bare_ms = _median(opened), _median(bare)
    search_ms, plain_ms = _median(searched), _median(baseline)
    verdict = "ok" if open_ms <= 200 else "OVER TARGET"
    print(
        f"open the session, evidence painted ({items} items): {open_ms:6.1f} ms  "
        f"(target 200 ms, {verdict}); bare tree dialog {bare_ms:.1f} ms = "
        f"{open_ms / bare_ms:.1f} x"
    )
    verdict = "ok" if search_ms <= 16 else "OVER TARGET"
    print(
        f"search keystroke over {rows} reflections: {search_ms:6.2f} ms  (target 16 ms, "
        f"{verdict}); plain Python {plain_ms:.2f} ms = {search_ms / max(plain_ms, 1e-6):.1f} x"
    )
    return 0 if open_ms <= 200 and search_ms <= 16 else 1


if __name__ == "__main__":
    sys.exit(main())
