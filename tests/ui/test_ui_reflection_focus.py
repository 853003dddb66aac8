"""Step 4 of the reflection: a long promise reads whole (wrapped, and in its tooltip), and an
overdue one says so in words and with its mark, not by its place in the list alone."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon

from advisor_planner.services import commitments, stakeholders
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.reflection.focus import FocusPage
from advisor_planner.ui.reflection.session import FOCUS, ReflectionSession

LONG = (
    "Send the revised forecast with the three scenarios we discussed and the note on hiring "
    "for the data platform team"
)


def test_commitments_to_close_read_whole_and_overdue_is_said(
    qtbot, context: AppContext, pin_today
) -> None:
    pin_today(date(2026, 3, 20))
    ada = stakeholders.create(name="Ada Lovelace")
    commitments.create(
        stakeholder_id=ada.id, text=LONG, made_on=date(2026, 3, 1), due_on=date(2026, 3, 17)
    )
    commitments.create(
        stakeholder_id=ada.id, text="Call back", made_on=date(2026, 3, 1), due_on=date(2026, 3, 27)
    )
    session = ReflectionSession(context, "2026-W12")
    qtbot.addWidget(session)
    session.resize(1000, 700)
    session.show()
    session.show_step(FOCUS)
    page = session.page(FOCUS)
    assert isinstance(page, FocusPage)
    listing = page.promise_list
    assert listing.wordWrap()
    overdue, later = listing.item(0), listing.item(1)
    assert LONG in overdue.text() and LONG in overdue.toolTip()
    assert "3 days overdue" in overdue.text()
    icon = overdue.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    assert later.foreground().color() != overdue.foreground().color()  # no warning colour
    assert "due Fri 27 Mar" in later.text()
    # Wrapped: the long promise's row is taller than the short one's, not cut at the edge.
    assert listing.visualItemRect(overdue).height() > listing.visualItemRect(later).height()
