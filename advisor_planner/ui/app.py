"""Starting the desktop app: one instance per database, the window first, the check after.

``run_app`` takes the database's instance lock (a second instance says the file is already
open and leaves without writing), shows the main window at once and only then checks and
migrates the database on a worker thread (see ``ui.startup``).
"""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QApplication

from advisor_planner import APP_ID, APP_NAME
from advisor_planner.ui.i18n import install_translators
from advisor_planner.ui.icons import load_icon
from advisor_planner.ui.main_window import MainWindow

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at start-up
if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QSettings, QThreadPool

    from advisor_planner.ui.chart_preload import ChartPreload
    from advisor_planner.ui.startup import DatabaseSession

#: Set by ``tests/perf/bench_startup.py``: the launcher's ``time.time()`` just before it started
#: this process, so the time to the first exposed window can be measured from process start.
LAUNCH_TIMESTAMP_ENV = "ADVISOR_PLANNER_LAUNCH_TS"

#: If the window system never reports the window exposed (minimised start, odd platforms), the
#: database is opened after this long anyway.
OPEN_DATABASE_FALLBACK_MS = 1000


#: The longest the first data waits for the charts' modules (``ui.chart_preload``): past it,
#: the dashboard imports what is left itself.
PRELOAD_HOLD_LIMIT_MS = 3000


#: How long a thread may hold the interpreter lock while another waits (see below).
GUI_SWITCH_INTERVAL_S = 0.001


def configure_application(app: QCoreApplication) -> None:
    """Names QSettings and the desktop use to file this app's settings and windows."""
    from advisor_planner import __version__

    app.setOrganizationName(APP_ID)
    app.setOrganizationDomain("advisor-planner.invalid")
    app.setApplicationName(APP_ID)
    app.setApplicationVersion(__version__)
    if isinstance(app, QGuiApplication):
        # A worker running Python (a list's rows, the people's summaries) holds the
        # interpreter lock until the interval ends, and the GUI thread wants it back at every
        # return from Qt: with the default 5 ms, a table of a thousand rows painted in 10 ms
        # alone took 38 ms beside a busy worker; with 1 ms, 26 ms (tests/perf notes).
        sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
        app.setApplicationDisplayName(APP_NAME)
        app.setDesktopFileName(APP_ID)
        app.setWindowIcon(load_icon("app"))
    install_translators(app)


def attach_session(
    window: MainWindow,
    db_path: Path,
    *,
    pool: QThreadPool | None = None,
    rotate_backups: bool = True,
    read_only_reason: str = "",
    protect_new: bool | None = None,
) -> DatabaseSession:
    """A database session on ``db_path`` wired to ``window`` (not opened yet), with the
    ``Protection`` that asks for its passphrase (a child of the window); ``protect_new`` asks
    for one as soon as a new database has been made (None: if File ▸ New Database… asked
    for it through the environment, ``ui.database_files.protection_wished``).

    ``ui.startup`` (and with it peewee and the models) is imported here, not at start, so the
    window can be on screen before any of it loads.
    """
    from advisor_planner.ui.startup import DatabaseSession

    session = DatabaseSession(
        db_path,
        pool=pool,
        rotate_backups=rotate_backups,
        read_only_reason=read_only_reason,
        parent=window,
    )
    session.early.connect(window.show_early)
    session.ready.connect(window.set_ready)
    session.ready.connect(_settle_start_up_objects)  # (again after a restore: harmless)
    session.damaged.connect(window.show_damaged)
    session.unusable.connect(window.show_unusable)
    session.read_only.connect(window.show_read_only)
    session.restore_failed.connect(window.show_restore_failed)
    session.backup_made.connect(window.show_backup_made)
    session.backup_failed.connect(window.show_backup_failed)
    window.backup_requested.connect(session.back_up_now)
    window.restore_requested.connect(session.restore)
    # After the window's own slots: it shows the state, then the passphrase is asked for.
    from advisor_planner.ui.database_files import protection_wished
    from advisor_planner.ui.protection import Protection

    if protect_new is None:
        protect_new = protection_wished()
    Protection(window, session, pool=pool, protect_new=protect_new)  # (the window keeps it)
    return session


def create_window(
    db_path: Path,
    *,
    settings: QSettings | None = None,
    pool: QThreadPool | None = None,
    rotate_backups: bool = True,
) -> tuple[MainWindow, DatabaseSession]:
    """A main window wired to a session on ``db_path``; neither is opened or shown yet."""
    window = MainWindow(settings=settings, db_path=db_path)
    session = attach_session(window, db_path, pool=pool, rotate_backups=rotate_backups)
    return window, session


def start(window: MainWindow, session: DatabaseSession) -> None:
    """Show the window, then open the database and start its check in the background."""
    window.show()
    session.open()
    session.start_check()


def _settle_start_up_objects() -> None:
    """Set the objects made at start-up (modules, classes, widgets, Qt's wrappers: most of
    what the app will ever hold) outside the garbage collector's walks, and keep doing so for
    what comes later (``ui.collector``).

    Python's full collection walks every object it tracks, and the thread whose allocation
    set it off waits: on the large demo each took 50-70 ms of the GUI thread, landing on
    whatever the user was doing (tests/perf/bench_responsiveness.py counts them). What was
    made at start-up lives as long as the app, so walking it finds nothing; frozen, a full
    collection walks only what came later.
    """
    from advisor_planner.ui import collector

    gc.freeze()
    app = QCoreApplication.instance()
    if app is not None:
        collector.install(app)


def show_already_open(message: str) -> None:
    """Tell the user the database is held by another instance (tests replace this).

    On a platform without a screen (offscreen, minimal) nobody could close the box: the
    sentence on stderr (see ``run_app``) is all there is.
    """
    from PySide6.QtWidgets import QMessageBox

    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return
    QMessageBox.warning(
        None,
        QCoreApplication.translate("app", "Advisor Planner"),
        QCoreApplication.translate(
            "app",
            "This database is already open elsewhere. Switch to that window (or let the "
            "command finish), then try again.\n\n{0}",
        ).format(message),
    )


class _FirstExpose(QObject):
    """Calls ``callback`` once, on the turn of the event loop after a window is first exposed
    (by then its first frame has been painted)."""

    def __init__(self, callback: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._callback = callback
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            not self._done
            and event.type() == QEvent.Type.Expose
            and isinstance(watched, QWindow)
            and watched.isExposed()
        ):
            self.fire_soon()
        return False

    def fire_soon(self) -> None:
        if not self._done:
            self._done = True
            QTimer.singleShot(0, self._callback)


def preload_charts(parent: QObject | None = None) -> ChartPreload:
    """Import pyqtgraph and the charts while the start-up check runs on its worker, so that
    the dashboard can build its charts as soon as the data is ready: numpy on a thread, the
    rest on the GUI thread in turns of a few milliseconds (``ui.chart_preload`` says why).
    Start it after the window's first frame is painted."""
    from advisor_planner.ui.chart_preload import ChartPreload

    preload = ChartPreload(parent)
    preload.start()
    return preload


def _preload_before_the_data(window: MainWindow, session: DatabaseSession) -> ChartPreload:
    """Start the chart preload, and hold the first data until it is done (at most
    ``PRELOAD_HOLD_LIMIT_MS``): ~0.25 s on a quiet 2-core machine, beside the check's first
    look. Shown before, the dashboard imported what was left in one turn of 0.3-1.5 s."""
    preload = preload_charts(window)
    session.hold()
    preload.finished.connect(session.release)
    QTimer.singleShot(PRELOAD_HOLD_LIMIT_MS, session.release)
    return preload


class _ExitWhenDrawn:
    """For the benchmarks (``exit_when_drawn``): prints when every dashboard chart on screen is
    first drawn from the data (``dashboard-drawn-after``; the data shows early, while the full
    check runs, or once it is ready), when the window was first on screen
    (``window-exposed-after``) and when the database is open for writing
    (``database-ready-after``), each in seconds since the launch, and quits once both are.

    From the first frame to then, a heartbeat (a 1 ms timer on the GUI thread) notes the
    longest turn of the event loop (``longest-turn-ms``): the longest the window stopped
    answering while it started; and the chart preload's own longest turn and GUI time."""

    def __init__(self, window: MainWindow, launched_at: float) -> None:
        self.window = window
        self.launched_at = launched_at
        self.done: set[str] = set()
        self.watching = False
        self.preload: ChartPreload | None = None
        self.longest_turn_s = 0.0
        self._last_beat = 0.0
        self._heartbeat = QTimer(window)
        self._heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
        self._heartbeat.setInterval(1)
        self._heartbeat.timeout.connect(self._beat)

    def watch(self, session: DatabaseSession) -> None:
        """Called when the window is first on screen (``run_app`` opens the database then)."""
        self._note("window-exposed")  # (so shown → drawn can be taken within one run)
        session.early.connect(self._data_shown)
        session.ready.connect(self._data_shown)
        session.ready.connect(lambda: self._note("database-ready"))
        self._last_beat = time.perf_counter()
        self._heartbeat.start()

    def _beat(self) -> None:
        now = time.perf_counter()
        self.longest_turn_s = max(self.longest_turn_s, now - self._last_beat)
        self._last_beat = now

    def _data_shown(self) -> None:
        from advisor_planner.ui.sections.dashboard import DashboardPage

        if self.watching:  # (early, then ready: the first counts)
            return
        self.watching = True
        page = self.window.page("dashboard")
        assert isinstance(page, DashboardPage)  # (built by now: the data is shown)
        page.all_drawn.connect(lambda: self._note("dashboard-drawn"))

    def _note(self, what: str) -> None:
        if what in self.done:
            return
        self.done.add(what)
        print(f"{what}-after {time.time() - self.launched_at:.4f}", flush=True)
        if self.done >= {"dashboard-drawn", "database-ready"}:
            self._beat()
            self._heartbeat.stop()
            print(f"longest-turn-ms {self.longest_turn_s * 1000:.1f}", flush=True)
            if self.preload is not None:
                preload = self.preload
                print(f"preload-done {int(preload.done)}", flush=True)
                print(f"preload-longest-turn-ms {preload.longest_turn_s * 1000:.1f}", flush=True)
                print(f"preload-gui-ms {preload.gui_time_s * 1000:.1f}", flush=True)
            QCoreApplication.quit()


def run_app(
    db_path: str | os.PathLike[str],
    *,
    exit_when_shown: bool = False,
    exit_when_drawn: bool = False,
    window_size: tuple[int, int] | None = None,
) -> int:
    """Open the app on ``db_path`` and run it until its window closes; return the exit code.

    Order matters for start-up time: the lock (cheap), then the window, shown; the database is
    opened once the window is on screen, and checked on a worker thread while pyqtgraph is
    imported in short turns (``ui.chart_preload``; when the window opens on the dashboard).

    For the benchmarks: ``exit_when_shown`` quits once the window is on screen and
    ``exit_when_drawn`` once every dashboard chart is drawn and the database is ready
    (``_ExitWhenDrawn``), each printing the time since the launch; ``window_size`` (width,
    height) overrides the remembered size.
    """
    launched_at = float(os.environ.get(LAUNCH_TIMESTAMP_ENV, "") or time.time())
    db_path = Path(db_path).expanduser().absolute()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)

    from advisor_planner.services import session as service

    try:
        # (A read-only folder or a full disk gives no lock but a reason to only read.)
        lock, read_only_reason = service.take_lock(db_path)
    except service.DatabaseInUseError as exc:
        print(f"advisor-planner: {exc}", file=sys.stderr)
        show_already_open(str(exc))
        return 1

    window = MainWindow(db_path=db_path)
    if window_size is not None:
        window.resize(*window_size)
    sessions: list[DatabaseSession] = []
    preloads: list[ChartPreload] = []
    exit_watch = _ExitWhenDrawn(window, launched_at) if exit_when_drawn else None

    def open_database() -> None:
        if sessions:
            return
        session = attach_session(window, db_path, read_only_reason=read_only_reason)
        sessions.append(session)
        if exit_watch is not None:
            exit_watch.watch(session)
        session.open()
        # (Not when quitting as soon as the window shows: the start-up benchmark and its test
        # check that nothing before the first frame loads pyqtgraph.)
        if window.current_section() == "dashboard" and not exit_when_shown:
            preloads.append(_preload_before_the_data(window, session))
            if exit_watch is not None:
                exit_watch.preload = preloads[0]
        session.start_check()

    def report_and_quit() -> None:
        print(f"window-exposed-after {time.time() - launched_at:.4f}", flush=True)
        open_database()  # the benchmark's run includes opening, as a real start does
        QCoreApplication.quit()

    watcher = _FirstExpose(report_and_quit if exit_when_shown else open_database, window)
    window.winId()  # creates the native window so its expose events can be watched
    window.windowHandle().installEventFilter(watcher)
    QTimer.singleShot(OPEN_DATABASE_FALLBACK_MS, watcher.fire_soon)
    try:
        window.show()
        return app.exec()
    finally:
        for session in sessions:
            session.close()
        for preload in preloads:
            preload.wait(timeout_s=10.0)
        if lock is not None:
            lock.release()
