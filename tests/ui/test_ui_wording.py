"""Words that read right: plurals, one capitalisation, labelled figures."""

from __future__ import annotations

from datetime import date, timedelta

from advisor_planner.services import stakeholders, trust_checks
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.stakeholder.page import StakeholderPage


def _page(qtbot, context: AppContext, stakeholder_id: int) -> StakeholderPage:
    page = StakeholderPage(context, stakeholder_id)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: not page.loading)
    return page


def test_a_persons_page_speaks_in_plurals_and_one_capitalisation(
    qtbot, context: AppContext
) -> None:
    daily = stakeholders.create(
        name="Ada", cadence_days=1, engagement_current="neutral", engagement_desired="supportive"
    )
    page = _page(qtbot, context, daily.id)
    assert page.profile_tab.labels["cadence"].text() == "every 1 day"  # not "every 1 days"
    # As the Stakeholders list writes it: both ends capitalised.
    assert page.facts.engagement.value.text() == "Neutral → Supportive"
    assert page.facts.engagement.detail.text() == "1 step to go"


def test_the_trust_card_labels_its_figures(qtbot, context: AppContext, pin_today) -> None:
    today = pin_today(date(2026, 3, 11))
    ada = stakeholders.create(name="Ada")
    for days, (c, r, i, s) in ((30, (3, 3, 3, 3)), (0, (5, 5, 5, 3))):
        trust_checks.create(
            stakeholder_id=ada.id,
            checked_on=today - timedelta(days=days),
            credibility=c,
            reliability=r,
            intimacy=i,
            self_orientation=s,
        )
    page = _page(qtbot, context, ada.id)
    value, detail = page.facts.trust.value.text(), page.facts.trust.detail.text()
    # Each figure says what it is: the quotient, its 0–100 score, the check before.
    assert value == "Quotient 5.0"
    assert detail.startswith("score ") and "/100 · checked " in detail
    assert detail.endswith("previous check 3.0")


def test_the_empty_trash_is_a_good_state_not_a_first_step(qtbot) -> None:
    from PySide6.QtWidgets import QLabel

    from advisor_planner.ui.empty_state import EmptyStatePage, window_sections

    trash = next(s for s in window_sections() if s.key == "trash")
    page = EmptyStatePage(trash)
    qtbot.addWidget(page)
    texts = [label.text() for label in page.findChildren(QLabel)]
    assert "First step" not in texts and not any("Nothing to do" in t for t in texts)
    assert "Good to know" in texts
    assert "Ctrl+Z" in page.first_step.text()
    people = next(s for s in window_sections() if s.key == "stakeholders")
    assert people.hint_caption == "First step"  # where there is a step to take
