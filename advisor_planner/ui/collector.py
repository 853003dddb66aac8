"""Keeping Python's garbage collector off the user's interactions.

Python collects reference cycles in three generations; a full collection (generation 2) walks
every object it tracks, and whichever thread's allocation set it off waits, the GUI thread
included (a worker holds the interpreter lock meanwhile). ``gc.freeze()`` moves every object
alive into a permanent generation that no collection walks; it costs nothing (three lists
spliced).

``ui.app`` freezes what start-up made once the database is ready. What the app makes later
(pages, their rows, the charts) piled up in generation 2 again, and its full collections took
20-30 ms of the GUI thread, landing on whatever the user did (two a session on the large
demo; tests/perf/bench_responsiveness.py). So ``Collector`` freezes again every
``FREEZE_INTERVAL_MS``: a collection then walks at most what the last second made, and no
full collection comes at all (measured: none in a session, against two of 20-30 ms).

The price: a cycle of objects that becomes garbage after being frozen is not freed until the
next full collection (objects without cycles are freed as ever, by their reference counts).
In a whole benchmark session that was ~100 objects (against ~500 already stuck from the
start-up's freeze). To bound it, the frozen objects are thawed and collected in full when the
app goes to the background (another window active, minimised) and the last such collection
is ``FULL_COLLECTION_INTERVAL_S`` old: it takes 0.1-0.2 s, while nobody looks at the window.
Measured (tests/perf/bench_responsiveness.py, large demo, load 3-6, old and new code one
after the other, three pairs): full collections 1-2 a session of 16-37 ms → none; generation
1 longest 5-13 → 1.5-17 ms (its walks now cover at most a second's objects); peak memory
213-217 → 215-218 MB; cycles stuck frozen at the end 470-484 → 595-620 objects. On the huge
demo: 3 full collections (longest 48 ms, 120 ms in all) → none, 253 → 256 MB. The longest
generation 0 collections (10-15 ms, both ways) come as the dashboard redraws: they free its
old charts' objects, work that would be done anyway.

Not taken: raising the thresholds to (5000, 20, 20): 23 collections of generation 0 instead
of 240, but up to 21 ms each, and one of generation 1 of 77 ms. Collecting only while the
user is still: the app cannot tell that without a Python event filter on every event (see
``ui.idle``), and the bench's session, like a busy user, leaves no still moment.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

#: How often what the app made is frozen out of the collector's walks.
FREEZE_INTERVAL_MS = 1000

#: The least time between two full collections when the app goes to the background.
FULL_COLLECTION_INTERVAL_S = 300.0


class Collector(QObject):
    """Freezes every ``FREEZE_INTERVAL_MS``; collects in full in the background (see above).

    One per application (``install``); ``full_collections`` counts what it ran."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.full_collections = 0
        self._last_full = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setInterval(FREEZE_INTERVAL_MS)
        self._timer.timeout.connect(gc.freeze)
        self._timer.start()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self.state_changed)

    def state_changed(self, state: Qt.ApplicationState) -> None:
        """The app went to the background: collect everything, if it is time."""
        if state == Qt.ApplicationState.ApplicationActive:
            return
        if time.monotonic() - self._last_full < FULL_COLLECTION_INTERVAL_S:
            return
        self.collect_all()

    def collect_all(self) -> None:
        """Thaw, collect every generation, freeze again (what survives lives on)."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self._last_full = time.monotonic()
        self.full_collections += 1

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        """Freeze no more (tests: each gives back what it froze)."""
        self._timer.stop()


def install(app: QObject) -> Collector:
    """The app's collector, started (made once; later calls return it, started again)."""
    found = app.findChild(Collector)
    if isinstance(found, Collector):
        found.start()
        return found
    return Collector(app)


def stop_all(app: QObject) -> None:
    """Stop the app's collector, if it has one."""
    for collector in app.findChildren(Collector):
        collector.stop()
