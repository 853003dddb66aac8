"""The trust index, key stakeholders and warmth × competence (``insights.trust_series``)."""

from __future__ import annotations

from datetime import date

import pytest

from advisor_planner.services import stakeholders, trust_checks
from advisor_planner.services.insights import trust_series
from advisor_planner.services.insights.query import week_ends

D = date


# -- trust index ------------------------------------------------------------------------------
def test_week_ends_are_the_sundays_of_each_week():
    assert week_ends(D(2026, 2, 1), D(2026, 2, 18)) == [
        D(2026, 2, 1),
        D(2026, 2, 8),
        D(2026, 2, 15),
        D(2026, 2, 22),
    ]


def test_key_stakeholders_and_their_weights(data):
    assert trust_series.key_stakeholder_weights() == {data["ada"]: 20.0, data["bea"]: 12.0}


def test_trust_index_week_by_week(data, score):
    series = trust_series.trust_index(start=D(2026, 2, 1), end=D(2026, 3, 20))
    assert series.week_ends == [
        D(2026, 2, 1),
        D(2026, 2, 8),
        D(2026, 2, 15),
        D(2026, 2, 22),
        D(2026, 3, 1),
        D(2026, 3, 8),
        D(2026, 3, 15),
        D(2026, 3, 22),
    ]
    assert series.key_stakeholders == 2
    ada_early, ada_late, bea = score(3), score(6), score(1)
    assert ada_early == pytest.approx(50.0)
    both_early = (20 * ada_early + 12 * bea) / 32  # Bea's first check is on 10 February
    both_late = (20 * ada_late + 12 * bea) / 32  # Ada's second check is on 4 March
    assert series.values[0] is None  # nobody key had been checked by 1 February
    assert series.values[1:] == pytest.approx([ada_early] + [both_early] * 3 + [both_late] * 3)
    assert series.values[2] == pytest.approx(41.0540, abs=1e-4)
    assert series.values[-1] == pytest.approx(50.4612, abs=1e-4)
    assert series.change == pytest.approx(both_late - ada_early)


def test_trust_index_without_key_stakeholders(db, today):
    stakeholders.create(name="Small", power=1, interest=1)
    series = trust_series.trust_index(start=D(2026, 3, 1), end=D(2026, 3, 20))
    assert series.values == [None, None, None, None]
    assert series.change is None
    assert series.key_stakeholders == 0


# The quotient is computed in SQL: these pin that it is not truncated to a whole number
# (peewee would read the expression through the credibility column's integer converter).
def test_trust_index_with_a_fractional_quotient(db, today, score):
    who = stakeholders.create(name="Key", power=4, interest=4).id
    trust_checks.create(
        stakeholder_id=who,
        checked_on=D(2026, 3, 2),
        credibility=5,
        reliability=5,
        intimacy=5,
        self_orientation=2,
    )  # q = 15 / 2 = 7.5
    series = trust_series.trust_index(start=D(2026, 3, 2), end=D(2026, 3, 8))
    assert series.values == pytest.approx([score(7.5)])


def test_trust_index_with_a_quotient_below_one(db, today, score):
    who = stakeholders.create(name="Key", power=4, interest=4).id
    trust_checks.create(
        stakeholder_id=who,
        checked_on=D(2026, 3, 2),
        credibility=3,
        reliability=3,
        intimacy=3,
        self_orientation=10,
    )  # q = 0.9
    series = trust_series.trust_index(start=D(2026, 3, 2), end=D(2026, 3, 8))
    assert series.values == pytest.approx([score(0.9)])


def test_warmth_competence_takes_each_persons_latest(data):
    seen = [
        (p.name, p.warmth, p.competence, p.checked_on) for p in trust_series.warmth_competence()
    ]
    assert seen == [
        ("Ada", 7, 8, D(2026, 3, 4)),
        ("Bea", 4, 9, D(2026, 2, 10)),  # her March check has no warmth or competence
        ("Carl", 6, 5, D(2026, 2, 5)),  # two checks that day: the later one
    ]
