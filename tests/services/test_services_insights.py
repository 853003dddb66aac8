"""The dashboard series against a small dataset whose every number is worked out by hand here.

Today is pinned to Friday 2026-03-20. The people:

=====  =====  ========  =======  ========  ===========================================
name   power  interest  p × i    cadence   notes
=====  =====  ========  =======  ========  ===========================================
Ada    5      4         20 key   14        two trust checks (q 3 then 6)
Bea    4      3         12 key   10        two trust checks (q 1 both)
Carl   3      3         9        7         two checks on one day (q 30, then 6)
Dora   5      5         25       —         archived: left out everywhere
Eve    1      2         2        —         nothing recorded
Finn   2      2         4        5         never contacted
=====  =====  ========  =======  ========  ===========================================
"""

from __future__ import annotations

import math
import statistics
from datetime import date

import pytest

from advisor_planner.services import (
    commitments,
    goals,
    initiatives,
    stakeholders,
    touchpoints,
    trust_checks,
)
from advisor_planner.services.insights import (
    activity_series,
    goal_series,
    outcome_series,
    person_series,
    promise_series,
    relationships,
    trust_series,
)
from advisor_planner.services.insights.query import week_ends

D = date


def score(quotient: float) -> float:
    """The 0–100 trust scale, written out: 100 × ln(q / 0.3) / ln(100)."""
    return 100 * math.log(quotient / 0.3) / math.log(100)


@pytest.fixture
def data(db, today):
    def person(name, power, interest, cadence=None, archived=False):
        return stakeholders.create(
            name=name, power=power, interest=interest, cadence_days=cadence, archived=archived
        ).id

    ada = person("Ada", 5, 4, 14)
    bea = person("Bea", 4, 3, 10)
    carl = person("Carl", 3, 3, 7)
    dora = person("Dora", 5, 5, archived=True)
    eve = person("Eve", 1, 2)
    finn = person("Finn", 2, 2, 5)

    def check(who, on, c, r, i, s, warmth=None, competence=None):
        trust_checks.create(
            stakeholder_id=who,
            checked_on=on,
            credibility=c,
            reliability=r,
            intimacy=i,
            self_orientation=s,
            warmth=warmth,
            competence=competence,
        )

    check(ada, D(2026, 2, 2), 6, 6, 6, 6, warmth=5, competence=6)  # q = 18/6 = 3
    check(ada, D(2026, 3, 4), 8, 8, 8, 4, warmth=7, competence=8)  # q = 24/4 = 6
    check(bea, D(2026, 2, 10), 3, 3, 3, 9, warmth=4, competence=9)  # q = 9/9 = 1
    check(bea, D(2026, 3, 10), 3, 3, 3, 9)  # q = 1, no warmth/competence
    check(carl, D(2026, 2, 5), 10, 10, 10, 1, warmth=3, competence=3)  # q = 30
    check(carl, D(2026, 2, 5), 4, 4, 4, 2, warmth=6, competence=5)  # same day, later: q = 6
    check(dora, D(2026, 2, 1), 9, 9, 9, 1, warmth=9, competence=9)

    def meet(who, on, channel="one_on_one", listening=None, sentiment=None, reciprocity=None):
        touchpoints.create(
            stakeholder_ids=who,
            occurred_on=on,
            channel=channel,
            listening=listening,
            sentiment=sentiment,
            reciprocity=reciprocity,
        )

    meet([ada], D(2026, 3, 2), "one_on_one", 4, 1, "gave")
    meet([ada, bea], D(2026, 3, 4), "meeting", 2, 0, "asked")
    meet([bea], D(2026, 3, 4), "email")
    meet([carl], D(2026, 3, 11), "call", 5, 2, "mutual")
    meet([ada], D(2026, 3, 16), "one_on_one", 3, 1, "gave")
    meet([bea], D(2026, 2, 20), "one_on_one")

    def promise(who, made, due, status="open", closed=None):
        commitments.create(
            text="promise",
            stakeholder_id=who,
            made_on=made,
            due_on=due,
            status=status,
            closed_on=closed,
        )

    promise(ada, D(2026, 1, 10), D(2026, 1, 20), "kept", D(2026, 1, 18))  # K1 kept on time
    promise(ada, D(2026, 2, 1), D(2026, 2, 10), "late", D(2026, 2, 15))  # K2 late
    promise(bea, D(2026, 2, 1), D(2026, 2, 20), "kept", D(2026, 2, 25))  # K3 kept after due
    promise(bea, D(2026, 2, 15), D(2026, 3, 1))  # K4 open, overdue from 2 March
    promise(ada, D(2026, 3, 1), D(2026, 3, 10), "kept", D(2026, 3, 9))  # K5 kept on time
    promise(ada, D(2026, 3, 1), D(2026, 3, 31))  # K6 open, not yet due
    promise(ada, D(2026, 2, 1), None, "cancelled", D(2026, 2, 5))  # K7 never counts
    return {"ada": ada, "bea": bea, "carl": carl, "dora": dora, "eve": eve, "finn": finn}


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


def test_trust_index_week_by_week(data):
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
def test_trust_index_with_a_fractional_quotient(db, today):
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


def test_trust_index_with_a_quotient_below_one(db, today):
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


def test_trust_vs_outcomes_with_fractional_quotients(db, today):
    who = stakeholders.create(name="Sponsor").id
    trust_checks.create(
        stakeholder_id=who,
        checked_on=D(2026, 3, 2),
        credibility=5,
        reliability=5,
        intimacy=5,
        self_orientation=2,
    )  # q = 7.5
    _finished("Project", 4.0, sponsor=who)
    points = outcome_series.trust_vs_outcomes().points
    assert [(p.mean_quotient, p.outcome) for p in points] == [(7.5, 4.0)]


# -- activity ---------------------------------------------------------------------------------
def test_activity_per_day_and_per_week(data):
    act = activity_series.activity(start=D(2026, 3, 1), end=D(2026, 3, 20))
    assert act.by_day_channel == {
        (D(2026, 3, 2), "one_on_one"): 1,
        (D(2026, 3, 4), "meeting"): 1,
        (D(2026, 3, 4), "email"): 1,
        (D(2026, 3, 11), "call"): 1,
        (D(2026, 3, 16), "one_on_one"): 1,
    }
    assert act.per_day() == {
        D(2026, 3, 2): 1,
        D(2026, 3, 4): 2,
        D(2026, 3, 11): 1,
        D(2026, 3, 16): 1,
    }
    assert act.total == 5
    weeks, counts = act.per_week()
    assert weeks == [D(2026, 2, 23), D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 16)]
    assert counts == {
        "one_on_one": [0, 1, 0, 1],
        "meeting": [0, 1, 0, 0],
        "email": [0, 1, 0, 0],
        "call": [0, 0, 1, 0],
    }
    # The February touchpoint with Bea falls outside the range.
    assert activity_series.activity(start=D(2026, 2, 1), end=D(2026, 2, 28)).total == 1


# -- follow-through ---------------------------------------------------------------------------
def test_follow_through_rolling_rates(data):
    ft = promise_series.follow_through(start=D(2026, 2, 1), end=D(2026, 3, 15))
    assert ft.week_ends == [
        D(2026, 2, 1),
        D(2026, 2, 8),
        D(2026, 2, 15),
        D(2026, 2, 22),
        D(2026, 3, 1),
        D(2026, 3, 8),
        D(2026, 3, 15),
    ]
    # 1 Feb, 8 Feb: K1 kept.  15 Feb: + K2 late.  22 Feb: + K3 overdue.  1 Mar: K3 closed late
    # (K4 not overdue until after its due day).  8 Mar: + K4 overdue.  15 Mar: + K5 kept.
    assert ft.rates == pytest.approx([1.0, 1.0, 1 / 2, 1 / 3, 1 / 3, 1 / 4, 2 / 5])
    assert ft.considered == [1, 1, 2, 3, 3, 4, 5]
    assert ft.overdue_now == 1  # K4
    assert ft.window_days == 90


def test_follow_through_clamps_a_week_end_after_today_and_filters_by_person(data):
    ft = promise_series.follow_through(start=D(2026, 3, 1), end=D(2026, 3, 22))
    assert ft.week_ends == [D(2026, 3, 1), D(2026, 3, 8), D(2026, 3, 15), D(2026, 3, 20)]
    assert ft.rates == pytest.approx([1 / 3, 1 / 4, 2 / 5, 2 / 5])
    bea = promise_series.follow_through(
        start=D(2026, 2, 15), end=D(2026, 3, 15), stakeholder_id=data["bea"]
    )
    # Bea: K3 overdue from 21 Feb, closed late 25 Feb; K4 overdue from 2 March.
    assert bea.rates == [None, 0.0, 0.0, 0.0, 0.0]
    assert bea.considered == [0, 1, 1, 2, 2]
    # A 30-day window forgets Ada's January promise (K1, closed 18 January) by 1 March.
    short = promise_series.follow_through(start=D(2026, 3, 1), end=D(2026, 3, 15), window_days=30)
    assert short.rates == pytest.approx([0 / 2, 0 / 3, 1 / 4])


def test_follow_through_ending_today_includes_this_week(data):
    ft = promise_series.follow_through(start=D(2026, 3, 1), end=D(2026, 3, 20))
    assert ft.week_ends[-1] == D(2026, 3, 20)


# -- people -----------------------------------------------------------------------------------
def test_people_status_cadence_labels_and_last_contact(data):
    people = {p.name: p for p in relationships.people_status()}
    assert sorted(people) == ["Ada", "Bea", "Carl", "Eve", "Finn"]  # Dora is archived
    labels = {name: p.cadence.label for name, p in people.items()}
    assert labels == {
        "Ada": "due in 10 days",  # 16 March + 14 = 30 March
        "Bea": "6 days overdue",  # 4 March + 10 = 14 March
        "Carl": "2 days overdue",  # 11 March + 7 = 18 March
        "Eve": "no cadence set",
        "Finn": "never contacted",
    }
    last = {name: p.last_contact for name, p in people.items()}
    assert last == {
        "Ada": D(2026, 3, 16),
        "Bea": D(2026, 3, 4),
        "Carl": D(2026, 3, 11),
        "Eve": None,
        "Finn": None,
    }
    for name in ("Ada", "Bea", "Carl"):
        assert people[name].health is not None
    assert people["Eve"].health is None
    assert people["Finn"].health is None
    assert (people["Ada"].key, people["Bea"].key, people["Carl"].key) == (True, True, False)
    assert people["Ada"].quadrant == "manage closely"
    assert people["Eve"].quadrant == "monitor"
    assert people["Ada"].gap == 1  # neutral → supportive


def test_people_status_health_of_ada_by_hand(data):
    ada = next(p for p in relationships.people_status() if p.name == "Ada")
    # Recency: 4 days since contact, within the 14-day cadence → 1.
    # Frequency: 3 touchpoints in 90 days, expected 90 / 14 → 3 / (90 / 14).
    # Listening: mean(4, 2, 3) = 3 → (3 − 1) / 4.  Sentiment: mean(1, 0, 1) → (2/3 + 2) / 4.
    # Reciprocity: gave 2, asked 1 → 1 − 1/3.  Follow-through: K1, K5 kept; K2 late → 2/3.
    components = {
        "recency": 1.0,
        "frequency": 3 / (90 / 14),
        "listening": 0.5,
        "sentiment": (2 / 3 + 2) / 4,
        "reciprocity": 2 / 3,
        "follow_through": 2 / 3,
    }
    assert ada.health_components == pytest.approx(components)
    weights = {
        "recency": 0.30,
        "frequency": 0.20,
        "listening": 0.15,
        "sentiment": 0.10,
        "reciprocity": 0.10,
        "follow_through": 0.15,
    }
    expected = 100 * sum(weights[k] * v for k, v in components.items())
    assert ada.health == pytest.approx(expected)
    assert ada.health == pytest.approx(70.1667, abs=1e-4)


def test_needs_attention_orders_by_power_interest_and_days_overdue(data):
    pressing = relationships.needs_attention()
    # Bea 4 × 3 × 6 = 72; Finn (never contacted) 2 × 2 × 5 = 20; Carl 3 × 3 × 2 = 18.
    assert [p.name for p in pressing] == ["Bea", "Finn", "Carl"]
    assert [p.attention_priority for p in pressing] == [72, 20, 18]
    assert [p.name for p in relationships.needs_attention(limit=1)] == ["Bea"]
    # Three days on, Ada is overdue too: 16 March + 14 = 30 March, so 2 April is 3 days over.
    later = relationships.needs_attention(today=D(2026, 4, 2))
    # Bea 12 × 19 = 228, Carl 9 × 15 = 135, Ada 20 × 3 = 60, Finn 4 × 5 = 20.
    assert [(p.name, p.attention_priority) for p in later] == [
        ("Bea", 228),
        ("Carl", 135),
        ("Ada", 60),
        ("Finn", 20),
    ]


def test_needs_attention_as_of_an_earlier_day(data):
    # On 13 March only Finn is overdue (Bea is due 14 March, Carl 18 March); Ada's contact on
    # 16 March has not happened yet then.
    assert [p.name for p in relationships.needs_attention(today=D(2026, 3, 13))] == ["Finn"]


def test_week_evidence_of_a_past_week(data):
    from advisor_planner.services import evidence

    week = evidence.week_evidence(week="2026-W10")  # 2–8 March
    assert week.touchpoints_by_channel == {"one_on_one": 1, "meeting": 1, "email": 1}


def test_warmth_competence_takes_each_persons_latest(data):
    seen = [
        (p.name, p.warmth, p.competence, p.checked_on) for p in trust_series.warmth_competence()
    ]
    assert seen == [
        ("Ada", 7, 8, D(2026, 3, 4)),
        ("Bea", 4, 9, D(2026, 2, 10)),  # her March check has no warmth or competence
        ("Carl", 6, 5, D(2026, 2, 5)),  # two checks that day: the later one
    ]


# -- goals ------------------------------------------------------------------------------------
def test_goal_progress_and_time_elapsed(data):
    g1 = goals.create(
        title="Up", start_on=D(2026, 1, 1), target_on=D(2026, 6, 30), baseline=2, target=10
    )
    goals.add_checkpoint(goal_id=g1.id, recorded_on=D(2026, 3, 1), value=6)
    goals.add_checkpoint(goal_id=g1.id, recorded_on=D(2026, 2, 1), value=4)
    g2 = goals.create(title="Open-ended", start_on=D(2026, 1, 1))
    g3 = goals.create(
        title="Down", start_on=D(2026, 1, 1), target_on=D(2026, 3, 1), baseline=10, target=5
    )
    goals.add_checkpoint(goal_id=g3.id, recorded_on=D(2026, 2, 20), value=4)
    paused = goals.create(title="Paused", status="paused")
    result = goal_series.goal_progress()
    assert [g.goal_id for g in result] == [g3.id, g1.id, g2.id]  # by target day, none last
    down, up, open_ended = result
    assert up.latest == 6.0
    assert up.progress == pytest.approx((6 - 2) / (10 - 2))
    assert up.time_elapsed == pytest.approx(78 / 180)  # 1 Jan → 20 Mar of 1 Jan → 30 Jun
    assert up.checkpoints == [(D(2026, 2, 1), 4.0), (D(2026, 3, 1), 6.0)]
    assert down.progress == pytest.approx((4 - 10) / (5 - 10))  # 1.2: past the target
    assert down.time_elapsed == 1.0
    assert (open_ended.latest, open_ended.progress, open_ended.time_elapsed) == (None, None, None)
    assert paused.id in [g.goal_id for g in goal_series.goal_progress(status=None)]
    assert (up.start_on, up.target_on) == (D(2026, 1, 1), D(2026, 6, 30))

    path = goal_series.goal_trajectory(goal_id=g1.id)  # one goal, whatever its status
    assert path == up
    assert goal_series.goal_trajectory(goal_id=paused.id).title == "Paused"
    assert goal_series.goal_trajectory(goal_id=9999) is None


# -- trust and outcomes -----------------------------------------------------------------------
def _finished(name, satisfaction, *, sponsor=None, people=(), end=None):
    return initiatives.create(
        name=name,
        status="finished",
        sponsor_id=sponsor,
        stakeholder_ids=list(people),
        end_on=end,
        user_satisfaction=satisfaction,
    ).id


def test_trust_vs_outcomes_mean_quotient_and_r(data):
    ada, bea, carl = data["ada"], data["bea"], data["carl"]
    # As of 1 March Ada's latest quotient is 3 (her 6 comes on 4 March); Bea's is 1.
    i1 = _finished("One", 4.0, sponsor=ada, people=[bea], end=D(2026, 3, 1))
    i2 = _finished("Two", 5.0, people=[ada], end=D(2026, 3, 15))
    _finished("Too early", 2.0, people=[carl], end=D(2026, 1, 15))  # no check by then
    i4 = _finished("Open end", 3.0, people=[ada, carl])  # no end: the latest checks
    initiatives.create(name="Running", status="active", user_satisfaction=5, stakeholder_ids=[ada])
    _finished("Unmeasured", None, people=[ada])
    three = outcome_series.trust_vs_outcomes()
    assert three.measure == "user_satisfaction"
    got = {p.initiative_id: (p.mean_quotient, p.outcome) for p in three.points}
    assert got == {
        i1: pytest.approx(((3 + 1) / 2, 4.0)),
        i2: pytest.approx((6.0, 5.0)),
        i4: pytest.approx(((6 + 6) / 2, 3.0)),
    }
    assert three.r is None  # fewer than five points

    i7 = _finished("Seven", 1.0, people=[bea], end=D(2026, 3, 15))
    i8 = _finished("Eight", 4.5, sponsor=carl, end=D(2026, 3, 1))
    five = outcome_series.trust_vs_outcomes()
    got = {p.initiative_id: (p.mean_quotient, p.outcome) for p in five.points}
    assert set(got) == {i1, i2, i4, i7, i8}
    assert got[i7] == pytest.approx((1.0, 1.0))
    assert got[i8] == pytest.approx((6.0, 4.5))
    xs = [2.0, 6.0, 6.0, 1.0, 6.0]
    ys = [4.0, 5.0, 3.0, 1.0, 4.5]
    assert five.r == pytest.approx(statistics.correlation(xs, ys))
    assert five.r == pytest.approx(0.6668, abs=1e-4)
    with pytest.raises(ValueError):
        outcome_series.trust_vs_outcomes(measure="vibes")


def test_trust_vs_outcomes_on_other_measures(data):
    ada = data["ada"]
    initiatives.create(
        name="On time", status="finished", stakeholder_ids=[ada], on_time=True, defect_count=7
    )
    on_time = outcome_series.trust_vs_outcomes(measure="on_time")
    assert [(p.mean_quotient, p.outcome) for p in on_time.points] == [(6.0, 1.0)]
    defects = outcome_series.trust_vs_outcomes(measure="defect_count")
    assert [p.outcome for p in defects.points] == [7.0]


# -- one stakeholder --------------------------------------------------------------------------
def test_stakeholder_trend_with_evidence_reliability(data):
    ada = person_series.stakeholder_trend(stakeholder_id=data["ada"])
    assert [p.on for p in ada] == [D(2026, 2, 2), D(2026, 3, 4)]
    assert [p.quotient for p in ada] == [3.0, 6.0]
    assert [p.score for p in ada] == pytest.approx([50.0, score(6)])
    assert [(p.credibility, p.reliability, p.intimacy, p.self_orientation) for p in ada] == [
        (6, 6, 6, 6),
        (8, 8, 8, 4),
    ]
    # 2 Feb: K1 kept.  4 Mar: K1 kept, K2 late → 1/2 (K5 closes on 9 March).
    assert [p.evidence_reliability for p in ada] == [1.0, 0.5]
    bea = person_series.stakeholder_trend(stakeholder_id=data["bea"])
    # 10 Feb: nothing yet.  10 Mar: K3 kept after its due day, K4 overdue → 0/2.
    assert [p.evidence_reliability for p in bea] == [None, 0.0]
    assert person_series.stakeholder_trend(stakeholder_id=data["eve"]) == []
