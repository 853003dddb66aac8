"""Every list sizes its columns to their content, with its main text column taking the rest:
no wide empty column beside a cut one, no sideways scrolling at 1280 px."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QHeaderView, QWidget

from advisor_planner.domain.enums import CommitmentStatus
from advisor_planner.services import clock, commitments, initiatives, stakeholders
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
