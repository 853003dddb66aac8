"""The first window: sections, shortcuts, remembered geometry and the start-up database check."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from advisor_planner.store import models
from advisor_planner.store.connection import GateState, ReadOnlyDatabaseError
from advisor_planner.store.lock import acquire_instance_lock
from advisor_planner.ui import app as ui_app
from advisor_planner.ui import startup
from advisor_planner.ui.empty_state import EmptyStatePage
from advisor_planner.ui.main_window import MainWindow

SECTIONS = [
    ("dashboard", "Dashboard"),
    ("stakeholders", "Stakeholders"),
    ("touchpoints", "Touchpoints"),
    ("commitments", "Commitments"),
    ("goals", "Goals"),
    ("reflections", "Reflections"),
    ("initiatives", "Initiatives"),
    ("trash", "Trash"),
]
NUMBER_KEYS = [
    Qt.Key.Key_1,
    Qt.Key.Key_2,
    Qt.Key.Key_3,
    Qt.Key.Key_4,
    Qt.Key.Key_5,
    Qt.Key.Key_6,
    Qt.Key.Key_7,
    Qt.Key.Key_8,
]


@pytest.fixture
def settings(window_settings: QSettings) -> QSettings:
    return window_settings


@pytest.fixture
def window(qtbot, settings: QSettings) -> MainWindow:
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _start_and_wait(qtbot, win: MainWindow, session: startup.DatabaseSession, signal) -> None:
    with qtbot.waitSignal(signal, timeout=10_000):
        ui_app.start(win, session)


def test_window_title_and_sections(window: MainWindow) -> None:
    assert window.windowTitle() == "Advisor Planner"
    nav = window.navigation
    assert [nav.item(row).text() for row in range(nav.count())] == [t for _, t in SECTIONS]
    assert window.section_keys() == [key for key, _ in SECTIONS]
    assert window.stack.count() == len(SECTIONS)


@pytest.mark.parametrize(("key", "title"), SECTIONS)
def test_each_section_shows_an_empty_state(window: MainWindow, key: str, title: str) -> None:
    window.select_section(key)
    page = window.stack.currentWidget()
    assert isinstance(page, EmptyStatePage)
    assert page.section.title == title
    assert page.heading.text()
    assert len(page.description.text()) > 40
    assert len(page.first_step.text()) > 20
    for label in page.findChildren(QLabel):
        if label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText


def test_clicking_the_navigation_switches_sections(qtbot, window: MainWindow) -> None:
    nav = window.navigation
    item = nav.item(4)
    rect = nav.visualItemRect(item)
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_section() == "goals"
    assert window.section_actions["goals"].isChecked()


def test_ctrl_number_switches_sections(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for (key, _), number in reversed(list(zip(SECTIONS, NUMBER_KEYS, strict=True))):
        qtbot.keyClick(window, number, Qt.KeyboardModifier.ControlModifier)
        assert window.current_section() == key


def test_menus_hold_backup_quit_sections_and_about(window: MainWindow) -> None:
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Help"]
    assert not window.quit_action.shortcut().isEmpty()
    assert window.backup_action.text() == "&Back Up Now"
    shortcuts = [window.section_actions[key].shortcut().toString() for key, _ in SECTIONS]
    assert shortcuts == [f"Ctrl+{n}" for n in range(1, len(SECTIONS) + 1)]


def test_every_menu_entry_is_a_declared_attribute_of_the_window(window: MainWindow) -> None:
    from PySide6.QtGui import QAction

    from advisor_planner.ui.menus import ACTIONS

    names = [f"{entry.name}_action" for entry in ACTIONS if entry.name]
    assert all(isinstance(getattr(window, name), QAction) for name in names)
    assert set(names) <= set(MainWindow.__annotations__)
    object_names = [getattr(window, name).objectName() for name in names]
    assert len(set(object_names)) == len(names)
    assert window.findChild(QAction, "quickLogAction") is window.quick_log_action


def test_quit_shortcut_closes_the_window(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    sequence = window.quit_action.shortcut()
    qtbot.keyClick(window, sequence[0].key(), sequence[0].keyboardModifiers())
    qtbot.waitUntil(lambda: not window.isVisible())


def test_size_position_splitter_and_section_are_remembered(qtbot, settings: QSettings) -> None:
    first = MainWindow(settings=settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(720, 520)
    first.move(40, 30)
    first.splitter.setSizes([260, 460])
    first.select_section("reflections")
    qtbot.waitUntil(lambda: first.size().width() == 720)
    expected_pos = first.pos()
    first.close()

    second = MainWindow(settings=settings)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (720, 520)
    assert second.pos() == expected_pos
    assert second.splitter.sizes()[0] == 260
    assert second.current_section() == "reflections"


def test_window_shows_before_the_check_finishes_and_the_check_opens_the_gate(
    qtbot, launch, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    from advisor_planner.services import session as service

    real_examine = service.examine

    def slow_examine(path, **kwargs):
        assert release.wait(10)
        return real_examine(path, **kwargs)

    monkeypatch.setattr(service, "examine", slow_examine)
    win, session = launch(db_path)
    ui_app.start(win, session)
    try:
        assert win.isVisible()
        # Nothing opens the file before the check has decided how it may be opened.
        assert session.db is None and not db_path.exists()
        assert session.state.gate is GateState.PENDING
        assert win.statusBar().currentMessage() == "Checking the database…"
        assert not win.backup_action.isEnabled()
    finally:
        with qtbot.waitSignal(session.ready, timeout=10_000):
            release.set()
    assert session.db.gate_state is GateState.OPEN
    assert win.statusBar().currentMessage() == "Ready"
    assert not win.banner_visible
    assert win.backup_action.isEnabled()
    models.Setting.create(key="probe", value="1")  # writes go through once the gate is open
    assert models.Setting.get(models.Setting.key == "probe").value == "1"


def test_the_first_data_shows_while_the_full_check_runs_and_writes_wait_for_it(
    qtbot, launch, plain_db: Path, planted: str, hold_full_check, shows, shown_texts
) -> None:
    from advisor_planner.ui.sections.dashboard import DashboardPage

    before = plain_db.read_bytes()
    release = hold_full_check()
    win, session = launch(plain_db)
    try:
        with qtbot.waitSignal(session.early, timeout=10_000):
            ui_app.start(win, session)
        # The data is on screen, read through a read-only connection, the check still running.
        assert isinstance(win.page("dashboard"), DashboardPage)
        shows(win, planted)
        assert session.state.gate is GateState.PENDING and not session.writable
        assert win.statusBar().currentMessage() == "Checking the database…"
        assert not win.banner_visible
        assert not win.backup_action.isEnabled()
        with pytest.raises(ReadOnlyDatabaseError, match="still running"):
            models.Setting.create(key="early", value="1")
        assert plain_db.read_bytes() == before
    finally:
        with qtbot.waitSignal(session.ready, timeout=10_000):
            release.set()
    assert session.db.gate_state is GateState.OPEN
    assert win.statusBar().currentMessage() == "Ready"
    assert win.backup_action.isEnabled()
    assert planted in shown_texts(win.page("stakeholders"))  # the same page, kept
    models.Setting.create(key="after", value="1")  # writes go through once the check passed
    assert models.Setting.get(models.Setting.key == "after").value == "1"


def test_an_encrypted_database_shows_its_data_after_unlocking_while_the_check_runs(
    qtbot, launch, encrypted_db, passphrase: str, planted: str, hold_full_check, shows
) -> None:
    from advisor_planner.ui.protection import Protection

    path, _recovery = encrypted_db
    release = hold_full_check()
    win, session = launch(path)
    protection = win.findChild(Protection)
    try:
        with qtbot.waitSignal(protection.unlock_shown, timeout=10_000) as shown:
            ui_app.start(win, session)
        dialog = shown.args[0]
        qtbot.keyClicks(dialog.field.edit, passphrase)
        with qtbot.waitSignal(session.early, timeout=10_000):
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        shows(win, planted)
        assert not session.writable
        assert not win.remove_encryption_action.isEnabled()
    finally:
        with qtbot.waitSignal(session.ready, timeout=10_000):
            release.set()
    assert win.remove_encryption_action.isEnabled()
    models.Setting.create(key="after", value="1")


def test_back_up_now_writes_a_backup_in_the_background(qtbot, launch, db_path: Path) -> None:
    from advisor_planner.store.backup import backup_dir
    from advisor_planner.store.integrity import quick_check

    win, session = launch(db_path)
    _start_and_wait(qtbot, win, session, session.ready)
    with qtbot.waitSignal(session.backup_made, timeout=10_000) as blocker:
        win.backup_action.trigger()
    made = blocker.args[0]
    assert made.parent == backup_dir(db_path)
    assert quick_check(made).ok
    assert str(made) in win.statusBar().currentMessage()


def test_damaged_database_opens_read_only_with_a_banner(
    qtbot, launch, damaged_db_path: Path
) -> None:
    before = damaged_db_path.read_bytes()
    win, session = launch(damaged_db_path)
    _start_and_wait(qtbot, win, session, session.damaged)

    assert win.banner.isVisible()
    assert "failed its integrity check" in win.banner.message.text()
    assert "read-only" in win.banner.message.text()
    assert "No backup" in win.banner.message.text()
    assert not win.banner.restore_button.isVisible()
    assert not win.backup_action.isEnabled()
    assert session.db is not None and session.db.gate_state is GateState.CLOSED
    with pytest.raises(ReadOnlyDatabaseError):
        models.Setting.create(key="x", value="1")
    session.close()
    assert damaged_db_path.read_bytes() == before


def test_damaged_database_offers_and_restores_the_newest_good_backup(
    qtbot, launch, damaged_db_with_backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = damaged_db_with_backup
    win, session = launch(path)
    _start_and_wait(qtbot, win, session, session.damaged)
    assert win.banner.restore_button.isVisible()
    assert win.banner.restore_button.text().startswith("Restore Backup from ")
    assert win.offered_backup is not None

    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes
    )
    with qtbot.waitSignal(session.ready, timeout=10_000):
        qtbot.mouseClick(win.banner.restore_button, Qt.MouseButton.LeftButton)

    assert not win.banner_visible
    assert session.db is not None and session.db.gate_state is GateState.OPEN
    assert list(path.parent.glob(f"{path.name}.replaced-*")), "the damaged file was not kept"
    rows = session.db.execute_sql("SELECT count(*) FROM filler").fetchone()[0]
    assert rows == 400
    models.Setting.create(key="after-restore", value="1")


def test_a_second_instance_says_already_open_and_writes_nothing(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, qapp
) -> None:
    told: list[str] = []
    monkeypatch.setattr(ui_app, "show_already_open", told.append)
    lock = acquire_instance_lock(db_path)
    try:
        assert ui_app.run_app(db_path) == 1
    finally:
        lock.release()
    assert len(told) == 1 and "already open" in told[0]
    assert not db_path.exists()


def test_the_app_hands_the_interpreter_lock_back_within_a_millisecond(qapp) -> None:
    """A worker running Python makes the GUI thread wait for the lock at every return from
    Qt; the app shortens that wait from Python's 5 ms (tests/perf/bench_switch_interval.py)."""
    import sys

    from advisor_planner.ui.app import GUI_SWITCH_INTERVAL_S, configure_application

    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)
        configure_application(qapp)
        assert sys.getswitchinterval() == pytest.approx(GUI_SWITCH_INTERVAL_S)
        assert GUI_SWITCH_INTERVAL_S <= 0.001
    finally:
        sys.setswitchinterval(before)


def test_what_start_up_made_is_left_out_of_the_garbage_collectors_walks(
    qtbot, db_path: Path, window_settings: QSettings
) -> None:
    """Once the database is ready, the objects made so far are frozen: a full collection
    walks only what came later (50-70 ms of the GUI thread each on the large demo, 20-30
    after; tests/perf/bench_responsiveness.py)."""
    import gc

    gc.unfreeze()
    # As run_app makes it (it opens the database itself, not through ``start``).
    win = MainWindow(db_path=db_path, settings=window_settings)
    qtbot.addWidget(win)
    session = ui_app.attach_session(win, db_path)
    try:
        assert gc.get_freeze_count() == 0
        with qtbot.waitSignal(session.ready, timeout=10_000):
            win.show()
            session.open()
            session.start_check()
        assert gc.get_freeze_count() > 10_000
    finally:
        session.close()
        gc.unfreeze()
