"""Every list sizes its columns to their content, with its main text column taking the rest:
no wide empty column beside a cut one, no sideways scrolling at 1280 px."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from advisor_planner.domain.enums import CommitmentStatus
from advisor_planner.services import clock, commitments, initiatives, stakeholders
from advisor_planner.ui.columns import SAMPLE_ROWS, ColumnFitter
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.sections.commitments import CommitmentsPage
from advisor_planner.ui.sections.initiatives import InitiativeListPage
from advisor_planner.ui.stakeholder.page import StakeholderPage

LONG = (
    "Send the revised forecast with the three scenarios we discussed and the note on hiring "
    "for the data platform team before the board meeting"
)


def _show(qtbot, page: QWidget, width: int = 1000) -> None:
    qtbot.addWidget(page)
    page.resize(width, 600)
    page.show()
    qtbot.waitExposed(page)


def _column(page, title: str) -> int:
    return [c.title for c in page.model.columns].index(title)


def test_commitments_give_the_promise_the_room_the_empty_columns_had(
    qtbot, context: AppContext
) -> None:
    ada = stakeholders.create(name="Ada Lovelace")
    commitments.create(stakeholder_id=ada.id, text=LONG, made_on=clock.today())
    page = CommitmentsPage(context, None)
    _show(qtbot, page)
    page.refresh()
    header = page.table.horizontalHeader()
    promised = _column(page, "What I promised")
    closed = _column(page, "Closed on")
    assert header.sectionResizeMode(promised) == QHeaderView.ResizeMode.Stretch
    assert header.sectionResizeMode(closed) == QHeaderView.ResizeMode.Interactive
    qtbot.waitUntil(lambda: header.sectionSize(closed) <= header.sectionSizeHint(closed) + 2)
    # The promise takes what the others leave: the table fills its width, nothing beyond.
    total = sum(header.sectionSize(c) for c in range(header.count()))
    assert total <= page.table.viewport().width() + 1
    assert header.sectionSize(promised) > page.table.viewport().width() // 3
    assert not page.table.horizontalScrollBar().isVisible()


def test_initiatives_fit_1280_without_scrolling_sideways(qtbot, context: AppContext) -> None:
    names = [f"Person number {n} with a long name" for n in range(8)]
    ids = [stakeholders.create(name=name).id for name in names]
    initiatives.create(
        name="Data platform rebuild",
        business_unit="Finance and Operations",
        sponsor_id=ids[0],
        stakeholder_ids=tuple(ids),
        start_on=date(2026, 1, 5),
        end_on=date(2026, 6, 30),
    )
    page = InitiativeListPage(context, None)
    _show(qtbot, page, 1280 - 200)  # the window less the sidebar
    page.refresh()
    header = page.table.horizontalHeader()
    people = _column(page, "Stakeholders involved")
    qtbot.waitUntil(
        lambda: (
            sum(header.sectionSize(c) for c in range(header.count()))
            <= page.table.viewport().width() + 1
        )
    )
    assert not page.table.horizontalScrollBar().isVisible()
    # The names that do not fit are elided, all of them in the cell's tooltip.
    tip = page.proxy.index(0, people).data(3)  # Qt.ItemDataRole.ToolTipRole
    assert all(name in tip for name in names)


def test_a_width_the_user_chose_is_kept(qtbot, context: AppContext) -> None:
    ada = stakeholders.create(name="Ada Lovelace")
    commitments.create(stakeholder_id=ada.id, text="Short", made_on=clock.today())
    page = CommitmentsPage(context, None)
    _show(qtbot, page)
    page.refresh()
    timing = _column(page, "Timing")
    page.table.horizontalHeader().resizeSection(timing, 333)  # as a drag does
    page.refresh()
    qtbot.wait(1)
    assert page.table.horizontalHeader().sectionSize(timing) == 333
    again = CommitmentsPage(context, None)
    _show(qtbot, again)
    again.refresh()
    qtbot.wait(1)
    assert again.table.horizontalHeader().sectionSize(timing) == 333


@pytest.fixture
def today(pin_today) -> date:
    return pin_today(date(2026, 3, 11))


def test_a_persons_commitments_are_in_the_order_the_arrow_shows(
    qtbot, context: AppContext, today: date
) -> None:
    ada = stakeholders.create(name="Ada Lovelace")
    # Due first of all, so the services' order (by due day) is not the Status column's.
    kept = commitments.create(
        stakeholder_id=ada.id,
        text="Kept one",
        made_on=today - timedelta(days=12),
        due_on=today - timedelta(days=10),
    )
    commitments.set_status(commitment_id=kept.id, status=CommitmentStatus.KEPT.value)
    commitments.create(
        stakeholder_id=ada.id, text="Due later", made_on=today, due_on=today + timedelta(days=9)
    )
    commitments.create(
        stakeholder_id=ada.id,
        text="Overdue",
        made_on=today - timedelta(days=5),
        due_on=today - timedelta(days=2),
    )
    page = StakeholderPage(context, ada.id)
    _show(qtbot, page, 1100)
    qtbot.waitUntil(lambda: not page.loading)
    section = page.commitment_section
    page.tabs.setCurrentWidget(section)  # (a hidden tab's table is filled when it shows)
    header = section.table.horizontalHeader()
    assert header.sortIndicatorSection() == 0  # Status, ascending: most pressing first
    texts = [section.proxy.index(row, 1).data() for row in range(section.proxy.rowCount())]
    assert texts == ["Overdue", "Due later", "Kept one"]


def test_a_warning_keeps_its_words_when_columns_give_way(qtbot, context: AppContext) -> None:
    from advisor_planner.ui.sections.stakeholders import StakeholderListPage

    for n in range(3):
        stakeholders.create(
            name=f"Person with a rather long name {n}",
            title="Head of Customer Experience and Digital Channels",
            organisation="Northwind Group International",
            business_unit="Customer Service and Operations",
            cadence_days=14,
            tags=("budget holder", "steering group", "exec"),
        )
    page = StakeholderListPage(context, QWidget(), lambda _id: None)
    _show(qtbot, page, 760)  # narrower than the columns want: they must give way
    page.refresh()
    header = page.table.horizontalHeader()
    contact = _column(page, "Contact")
    title = _column(page, "Title")
    qtbot.waitUntil(lambda: header.sectionSize(title) < page.table.sizeHintForColumn(title))
    assert page.proxy.index(0, contact).data() == "never contacted"
    assert header.sectionSize(contact) >= page.table.sizeHintForColumn(contact)


class _CountingModel(QStandardItemModel):
    """A real item model that counts the rows its ``data`` is asked about."""

    def __init__(self, rows: int, columns: int) -> None:
        super().__init__(rows, columns)
        for row in range(rows):
            for column in range(columns):
                self.setItem(row, column, QStandardItem(f"row {row} column {column}"))
        self.rows_read: set[int] = set()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt override
        self.rows_read.add(index.row())
        return super().data(index, role)


def test_fitting_a_long_list_measures_a_sample_of_its_rows_once(qtbot, context: AppContext) -> None:
    """Every row of a thousand was measured at each refit (300–700 ms on the large demo's
    people, stalling every sort and search); a sample is measured, once per change."""
    model = _CountingModel(1000, 6)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 500)
    view.show()
    fitter = ColumnFitter(view, 0, context.settings, "lists/test")
    fitter.fit()
    assert max(model.rows_read) < SAMPLE_ROWS + 50  # (plus those painted on screen)
    model.rows_read.clear()
    view.resize(1000, 500)
    fitter.fit()  # a resize shares out the widths already measured
    view.horizontalHeader().setSortIndicator(2, Qt.SortOrder.AscendingOrder)
    fitter.fit()
    assert not {row for row in model.rows_read if row >= 50}
