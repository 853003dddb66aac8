"""The garbage collector kept off the interactions: frozen again every second, collected in
full when the app goes to the background (``ui.collector``)."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from advisor_planner.ui import app as ui_app
from advisor_planner.ui import collector
from advisor_planner.ui.main_window import MainWindow


class Node:
    """A reference cycle (only the garbage collector frees it)."""

    def __init__(self) -> None:
        self.me = self


def test_what_the_app_makes_later_is_frozen_too(qtbot, qapp, monkeypatch) -> None:
    monkeypatch.setattr(collector, "FREEZE_INTERVAL_MS", 20)
    made = collector.Collector()
    try:
        gc.freeze()
        before = gc.get_freeze_count()
        later = [Node() for _ in range(1000)]
        assert gc.get_freeze_count() == before
        qtbot.waitUntil(lambda: gc.get_freeze_count() >= before + 1000, timeout=2000)
        assert later  # (alive all along)
    finally:
        made.stop()
        made.deleteLater()


def test_in_the_background_the_frozen_garbage_is_collected(qtbot, qapp, monkeypatch) -> None:
    monkeypatch.setattr(collector, "FULL_COLLECTION_INTERVAL_S", 0.0)
    made = collector.Collector()
    made.stop()
    try:
        node = Node()
        gone = weakref.ref(node)
        gc.freeze()
        del node
        gc.collect()
        assert gone() is not None  # frozen: no collection walks it
        made.state_changed(Qt.ApplicationState.ApplicationActive)
        assert gone() is not None and made.full_collections == 0  # (not while in front)
        made.state_changed(Qt.ApplicationState.ApplicationInactive)
        assert gone() is None and made.full_collections == 1
        assert gc.get_freeze_count() > 0  # (what survived is frozen again)
    finally:
        made.deleteLater()


def test_full_collections_in_the_background_are_spaced(qtbot, qapp, monkeypatch) -> None:
    monkeypatch.setattr(collector, "FULL_COLLECTION_INTERVAL_S", 3600.0)
    made = collector.Collector()
    made.stop()
    try:
        made.state_changed(Qt.ApplicationState.ApplicationHidden)
        assert made.full_collections == 0  # (the app has just started)
    finally:
        made.deleteLater()


def test_the_app_keeps_freezing_once_its_database_is_ready(
    qtbot, qapp, db_path: Path, window_settings: QSettings
) -> None:
    win = MainWindow(db_path=db_path, settings=window_settings)
    qtbot.addWidget(win)
    session = ui_app.attach_session(win, db_path)
    try:
        collector.stop_all(qapp)
        with qtbot.waitSignal(session.ready, timeout=10_000):
            win.show()
            session.open()
            session.start_check()
        running = [c for c in qapp.findChildren(collector.Collector) if c.running]
        assert len(running) == 1
    finally:
        session.close()
