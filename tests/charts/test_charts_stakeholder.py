"""A person's charts drawn for one person after another (``charts.stakeholder``): the plot
items made for the first are given the next one's data, not made again."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from advisor_planner.charts.stakeholder import (
    TouchpointTimelineChart,
    TrustFactorsChart,
    TrustQuotientChart,
)
from advisor_planner.services import stakeholders, touchpoints, trust_checks
from advisor_planner.services.insights import person_series

TODAY = date(2026, 3, 20)


@pytest.fixture
def today(pin_today) -> date:
    return pin_today(TODAY)


def _checks(stakeholder_id: int, credibilities: list[int]) -> None:
    for days_ago, credibility in zip((90, 40, 5), credibilities, strict=False):
        trust_checks.create(
            stakeholder_id=stakeholder_id, checked_on=TODAY - timedelta(days=days_ago),
            credibility=credibility, reliability=6, intimacy=5, self_orientation=4,
        )  # fmt: skip


def _shown_items(chart) -> set:
    return {item for item in chart.plot.vb.addedItems if item.isVisible()}


def test_trust_charts_give_the_next_person_the_lines_made_for_the_last(qtbot, db, today) -> None:
    ada = stakeholders.create(name="Ada Lovelace")
    bea = stakeholders.create(name="Bea Baker")
    cy = stakeholders.create(name="Cy Young")
    _checks(ada.id, [3, 5, 7])
    _checks(bea.id, [9, 8])
    _checks(cy.id, [6])  # one check: no trend yet
    for chart in (TrustFactorsChart(), TrustQuotientChart()):
        chart.show(person_series.person_trust(stakeholder_id=ada.id))
        made = list(chart.plot.vb.addedItems)
        lines = _shown_items(chart)
        assert lines
        chart.show(person_series.person_trust(stakeholder_id=bea.id))
        # The same items, none added: making and adding a line cost 1-3 ms each.
        assert chart.plot.vb.addedItems == made
        assert _shown_items(chart) == lines
        assert [hit.x for hit in chart.hits][-1] != 0
        assert "Bea Baker" in chart.summary
        chart.show(person_series.person_trust(stakeholder_id=cy.id))
        assert chart.empty_text and not _shown_items(chart)
    factors = TrustFactorsChart()
    factors.show(person_series.person_trust(stakeholder_id=ada.id))
    factors.show(person_series.person_trust(stakeholder_id=bea.id))
    credibility = [item for item in factors.plot.vb.addedItems if item.opts.get("symbolSize") == 5][
        0
    ]
    assert list(credibility.getData()[1]) == [9, 8]  # Bea's, not Ada's three
    # The tooltips are written when asked for.
    assert factors.hits[0].text.startswith("Trust check")
    assert "Credibility 9" in factors.hits[0].text


def test_the_timeline_hides_the_overdue_stretch_of_the_last_person(qtbot, db, today) -> None:
    late = stakeholders.create(name="Late Larry", cadence_days=14)
    fresh = stakeholders.create(name="Fresh Fay", cadence_days=30)
    touchpoints.create(stakeholder_ids=(late.id,), occurred_on=TODAY - timedelta(days=40))
    touchpoints.create(stakeholder_ids=(fresh.id,), occurred_on=TODAY - timedelta(days=2))
    chart = TouchpointTimelineChart()
    chart.show(person_series.person_contact(stakeholder_id=late.id, today=TODAY))
    assert chart.headline == "26 days overdue"
    kinds = {type(item).__name__ for item in _shown_items(chart)}
    assert "LinearRegionItem" in kinds
    made = list(chart.plot.vb.addedItems)
    chart.show(person_series.person_contact(stakeholder_id=fresh.id, today=TODAY))
    kinds = {type(item).__name__ for item in _shown_items(chart)}
    assert "LinearRegionItem" not in kinds and "ScatterPlotItem" in kinds
    # Only the "due" label is made again (a line of text); the rest is what was made.
    assert [i for i in chart.plot.vb.addedItems if type(i).__name__ != "Label"] == [
        i for i in made if type(i).__name__ != "Label"
    ]
    assert chart.hits[0].text.splitlines()[0] == "18 Mar 2026 · 1:1 · Listen"
