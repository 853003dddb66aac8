"""Reading a list at a glance: warnings in colour *and* words and an icon, dates as words with
ISO in the tooltip, weeks with their days, counts plural-correct."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QColor, QIcon

from advisor_planner.domain.enums import CommitmentStatus
from advisor_planner.services import commitments, stakeholders
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.i18n import (
    count_people,
    format_short_date,
    format_short_datetime,
    format_week,
    plural,
)
from advisor_planner.ui.sections.commitments import CommitmentsPage

ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def test_dates_and_weeks_read_as_words() -> None:
    moment = datetime(2026, 11, 20, 15, 0)
    assert format_short_datetime(moment, this_year=2026, locale=ENGLISH) == "Fri 20 Nov, 15:00"
    assert format_short_date(moment.date(), this_year=2025, locale=ENGLISH) == "Fri 20 Nov 2026"
    assert format_week(2026, 48, ENGLISH) == "Week 48 (23–29 Nov)"
    assert format_week(2026, 5, ENGLISH) == "Week 5 (26 Jan – 1 Feb)"
    assert format_week(2026, 53, ENGLISH) == "Week 53 (28 Dec 2026 – 3 Jan 2027)"


def test_counts_are_plural_correct() -> None:
    def every(n: int) -> str:
        return plural(QCoreApplication.translate("Test", "every %n day(s)", None, n), n)

    assert [every(n) for n in (1, 2)] == ["every 1 day", "every 2 days"]
    assert [count_people(n) for n in (1, 25, 1234)] == ["1 person", "25 people", "1,234 people"]


def test_overdue_late_and_broken_carry_colour_an_icon_and_words(
    qtbot, context: AppContext, pin_today
) -> None:
    today = pin_today(date(2026, 3, 11))
    ada = stakeholders.create(name="Ada Lovelace")
    commitments.create(
        stakeholder_id=ada.id, text="Overdue", made_on=date(2026, 3, 1), due_on=date(2026, 3, 5)
    )
    commitments.create(stakeholder_id=ada.id, text="Fine", made_on=today, due_on=today)
    for status in (CommitmentStatus.LATE, CommitmentStatus.BROKEN):
        commitments.create(
            stakeholder_id=ada.id,
            text=status.value,
            made_on=date(2026, 3, 1),
            status=status.value,
            closed_on=today,
        )
    page = CommitmentsPage(context, None)
    qtbot.addWidget(page)
    page.set_filter("all")
    page.refresh()
    cells = {page.proxy.index(r, 0).data(): r for r in range(page.proxy.rowCount())}

    def cell(text: str, title: str):
        column = [c.title for c in page.model.columns].index(title)
        return page.proxy.index(cells[text], column)

    for text, title, words in (
        ("Overdue", "Timing", "6 days overdue"),
        ("late", "Status", "Late"),
        ("broken", "Status", "Broken"),
    ):
        index = cell(text, title)
        assert index.data() == words
        assert isinstance(index.data(Qt.ItemDataRole.ForegroundRole), QColor)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        assert isinstance(icon, QIcon) and not icon.isNull()
    assert cell("Overdue", "Timing").data(Qt.ItemDataRole.ForegroundRole) != cell(
        "late", "Status"
    ).data(Qt.ItemDataRole.ForegroundRole)  # broken and overdue warn more than late
    fine = cell("Fine", "Timing")
    assert fine.data() == "due today"
    assert fine.data(Qt.ItemDataRole.ForegroundRole) is None
    assert fine.data(Qt.ItemDataRole.DecorationRole) is None
