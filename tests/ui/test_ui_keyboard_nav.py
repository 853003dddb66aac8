"""Moving about from the keyboard: from a list's search box into its results and open one, a
chart ringing its first point as soon as Tab reaches it, and the section keys (Ctrl+1 … Ctrl+8)
from a person's page, Ctrl+2 (Stakeholders) going back to the list."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from advisor_planner.charts.view import ChartView
from advisor_planner.services import stakeholders, touchpoints, trust_checks
from advisor_planner.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = date(2026, 3, 20)
NUMBER_KEYS = [getattr(Qt.Key, f"Key_{n}") for n in range(1, 9)]


@pytest.fixture
def people(db, pin_today) -> dict[str, int]:
    pin_today(TODAY)
    names = ["Paul Adams", "Paul Brown", "Zoe Rahman"]
    ids = {name: stakeholders.create(name=name).id for name in names}
    for weeks_ago, score in ((12, 4), (6, 6), (1, 8)):
        trust_checks.create(
            stakeholder_id=ids["Zoe Rahman"], checked_on=TODAY - timedelta(weeks=weeks_ago),
            credibility=score, reliability=score, intimacy=score, self_orientation=3,
        )  # fmt: skip
    return ids


@pytest.fixture
def window(qtbot, people, tmp_path: Path) -> MainWindow:
    win = MainWindow(settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win, before_close_func=lambda w: [d.done(0) for d in w.findChildren(QDialog)])
    win.resize(1280, 720)
    win.show()
    win.set_ready()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win, Qt.Key.Key_2, CTRL)
    return win


def _search(qtbot, window: MainWindow, text: str):
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    page = window.page("stakeholders").list_page
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, text)
    return page


def test_down_from_the_search_box_moves_into_the_results(qtbot, window, people) -> None:
    page = _search(qtbot, window, "paul")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus()
    assert page.table.current_row().record.name == "Paul Adams"
    assert [row.record.name for row in page.table.selected_rows()] == ["Paul Adams"]
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # opens the current one
    section = window.page("stakeholders")
    assert section.currentWidget() is section.person_page
    assert section.person_page.stakeholder_id == people["Paul Brown"]


def test_enter_in_the_search_box_opens_the_one_match_or_lets_you_choose(qtbot, window, people):
    page = _search(qtbot, window, "paul")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # two Pauls: into the list to choose
    section = window.page("stakeholders")
    assert section.currentWidget() is section.list_page
    assert page.table.hasFocus() and page.table.current_row().record.name == "Paul Adams"

    page = _search(qtbot, window, "zoe")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # one Zoe: opened
    assert section.currentWidget() is section.person_page
    assert section.person_page.stakeholder_id == people["Zoe Rahman"]


def _open_zoe(qtbot, window: MainWindow, people) -> QWidget:
    section = window.page("stakeholders")
    section.open_person(people["Zoe Rahman"])
    return section.person_page


def test_a_chart_rings_its_first_point_when_tab_reaches_it(qtbot, window, people) -> None:
    page = _open_zoe(qtbot, window, people)
    page.tabs.setCurrentWidget(page.trends_tab)

    def quotient() -> ChartView | None:  # (the Trends charts are built one per turn)
        views = page.findChildren(ChartView)
        return next((v for v in views if v.chart.shown_title == "Trust quotient"), None)

    qtbot.waitUntil(lambda: quotient() is not None, timeout=10_000)
    view = quotient()
    assert view is not None
    qtbot.waitUntil(lambda: bool(view.chart.hits), timeout=10_000)
    view.view.setFocus(Qt.FocusReason.TabFocusReason)
    assert view.key_index == 0  # before any arrow key
    assert view._ring is not None and view._ring.isVisible()
    assert view.view.accessibleDescription() == view.chart.hits[0].text
    qtbot.keyClick(view.view, Qt.Key.Key_Right)
    assert view.key_index == 1


def test_the_section_keys_work_from_a_persons_page(qtbot, window, people) -> None:
    page = _open_zoe(qtbot, window, people)
    section = window.page("stakeholders")
    keys = list(zip(window.section_keys(), NUMBER_KEYS, strict=True))
    for focused in (page.back_button, page.tabs.tabBar(), page.log_button):
        for key, number in keys:
            if key == "stakeholders":
                continue
            window.select_section("stakeholders")
            assert section.currentWidget() is page
            focused.setFocus()
            qtbot.keyClick(QApplication.focusWidget(), number, CTRL)
            assert window.current_section() == key
    window.select_section("stakeholders")
    page.back_button.setFocus()
    qtbot.keyClick(page.back_button, Qt.Key.Key_2, CTRL)  # Stakeholders: back to the list
    assert section.currentWidget() is section.list_page


def test_the_touchpoints_search_box_opens_the_one_it_finds(qtbot, window, people) -> None:
    for subject, who in (("Budget review", "Zoe Rahman"), ("Hiring plan", "Paul Adams")):
        touchpoints.create(
            occurred_at=datetime.combine(TODAY, time(10)).astimezone(),
            stakeholder_ids=[people[who]], channel="call", purpose="listen", subject=subject,
        )  # fmt: skip
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    page = window.page("touchpoints")
    assert page.search.hasFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus() and page.table.currentIndex().row() == 0
    page.focus_search()
    qtbot.keyClicks(page.search, "budget")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # (the search runs on a worker: Enter waits)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(QDialog)))
    form = next(d for d in window.findChildren(QDialog) if d.isVisible())
    assert "Budget review" in {
        editor.value() for editor in form.editors.values() if hasattr(editor, "value")
    }
