"""The app's file dialogs list a folder without opening its files: listing the database's own
folder used to open and close the database file (Qt sniffs content for icons), which released
every SQLite lock of the process."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog

from advisor_planner.file_dialogs import NameOnlyIconProvider, SafeFileDialog

pytestmark = pytest.mark.skipif(
    not Path("/proc/locks").exists() or sys.platform == "win32", reason="reads /proc/locks"
)


def _my_locks(*files: Path) -> set[tuple[int, str]]:
    """The POSIX locks this process holds on ``files``: (inode, byte range) pairs."""
    pid = str(os.getpid())
    inodes = {os.stat(f).st_ino for f in files}
    held = set()
    with open("/proc/locks") as locks:
        for line in locks:
            fields = line.split()
            if "->" in fields or fields[4:5] != [pid]:
                continue
            inode = int(fields[5].rsplit(":", 1)[1])
            if inode in inodes:
                held.add((inode, f"{fields[6]}-{fields[7]}"))
    return held


def _list_folder(qtbot, dialog: QFileDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(30):  # the listing and its icons are gathered on a thread: let it run
        QApplication.processEvents()
        qtbot.wait(40)
    dialog.grab()  # paint every row (and so ask for every icon)
    dialog.close()


@pytest.mark.parametrize("saving", [False, True])
def test_listing_the_database_folder_keeps_sqlite_locks(qtbot, tmp_path: Path, saving) -> None:
    path = tmp_path / "advisor.sqlite"
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=wal")
        con.execute("CREATE TABLE t (x)")
        con.execute("INSERT INTO t VALUES (1)")
        files = (path, Path(f"{path}-shm"))
        before = _my_locks(*files)
        assert before, "SQLite holds no lock to lose"
        dialog = SafeFileDialog(None, "Choose", str(tmp_path), "All files (*)", saving=saving)
        _list_folder(qtbot, dialog)
        assert _my_locks(*files) == before
    finally:
        con.close()


def test_the_icon_provider_names_types_without_reading(tmp_path: Path) -> None:
    from PySide6.QtCore import QFileInfo

    provider = NameOnlyIconProvider()
    (tmp_path / "a.sqlite").write_bytes(b"SQLite format 3\0")
    assert provider.type(QFileInfo(str(tmp_path / "a.sqlite"))) == "SQLITE file"
    assert provider.type(QFileInfo(str(tmp_path))) == "Folder"
