"""The demo data generator: sizes, determinism, refusal of real data and every invariant."""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter, defaultdict
from datetime import date, datetime

import pytest

from advisor_planner import demo
from advisor_planner.domain import trust
from advisor_planner.domain.enums import Engagement
from advisor_planner.services import clock
from advisor_planner.services.errors import ValidationError
from advisor_planner.store import integrity
from advisor_planner.store import models as m
from advisor_planner.store.connection import close_database
from advisor_planner.store.opening import init_db

TODAY = date(2026, 5, 8)  # a Friday


@pytest.fixture
def demo_path(tmp_path):
    path = tmp_path / "demo.sqlite"
    init_db(path)
    yield path
    close_database()


@pytest.fixture
def small(demo_path):
    return demo.generate(size="small", seed=7, today=TODAY)


def _rows(model: type[m.BaseModel]) -> list[tuple]:
    return list(model.select().order_by(model.id).tuples())


def test_small_counts_are_in_range(small):
    assert small["stakeholders"] == 25
    assert 150 <= small["touchpoints"] <= 400
    assert 120 <= small["commitments"] <= 180
    assert 30 <= small["trust_checks"] <= 150
    assert 40 <= small["reflections"] <= 53
    assert small["goals"] == 3
    assert small["initiatives"] == 6
    assert 6 <= small["milestones"] <= 12
    assert small["goal_checkpoints"] >= 15
    assert small["feedback"] >= 10
    tables = {
        "stakeholders": m.Stakeholder,
        "touchpoints": m.Touchpoint,
        "commitments": m.Commitment,
        "trust_checks": m.TrustCheck,
        "feedback": m.Feedback,
        "goals": m.BrandGoal,
        "goal_checkpoints": m.GoalCheckpoint,
        "milestones": m.GoalMilestone,
        "reflections": m.Reflection,
        "initiatives": m.Initiative,
    }
    assert set(small) == set(tables)
    assert {kind: model.select().count() for kind, model in tables.items()} == small


def test_database_passes_the_full_check(small, demo_path):
    close_database()
    result = integrity.full_check(demo_path)
    assert result.ok, result.messages
    init_db(demo_path)  # the fixture closes it again


def test_refuses_a_database_that_holds_stakeholders(small):
    before = m.Touchpoint.select().count()
    with pytest.raises(ValidationError) as caught:
        demo.generate(size="small", seed=1, today=TODAY)
    assert caught.value.field == "database"
    assert m.Touchpoint.select().count() == before
    assert m.Stakeholder.select().count() == 25


def test_refuses_even_one_real_stakeholder(demo_path):
    m.Stakeholder.create(name="Real Person")
    with pytest.raises(ValidationError):
        demo.generate(size="small", today=TODAY)
    assert m.Touchpoint.select().count() == 0


def test_unknown_size_is_refused(demo_path):
    with pytest.raises(ValidationError) as caught:
        demo.generate(size="medium", today=TODAY)
    assert caught.value.field == "size"


def test_the_command_offers_every_size_and_huge_is_three_times_large():
    from advisor_planner.cli import demo as command
    from advisor_planner.demo.generator import PLANS

    assert command.SIZES == demo.SIZES == ("small", "large", "huge")
    large, huge = PLANS["large"], PLANS["huge"]
    assert huge.days == large.days  # the same ten years, three times as busy
    for field in ("stakeholders", "touchpoints", "commitments", "trust_checks", "feedback"):
        assert getattr(huge, field) == 3 * getattr(large, field), field


def test_progress_reports_each_stage(demo_path):
    calls = []
    demo.generate(size="small", today=TODAY, progress=lambda *args: calls.append(args))
    totals = {total for _, _, total in calls}
    assert len(totals) == 1
    total = totals.pop()
    assert [done for _, done, _ in calls] == list(range(total + 1))
    assert calls[-1][0] == "done"
    assert "touchpoints" in [stage for stage, _, _ in calls]


def test_same_seed_and_day_give_identical_data_and_another_seed_differs(tmp_path):
    tables = (m.Stakeholder, m.Touchpoint, m.TouchpointStakeholder, m.Commitment, m.Reflection)

    def snapshot(name: str, seed: int) -> dict[str, list[tuple]]:
        init_db(tmp_path / name)
        try:
            demo.generate(size="small", seed=seed, today=TODAY)
            return {model.__name__: _rows(model) for model in tables}
        finally:
            close_database()

    first = snapshot("a.sqlite", 3)
    second = snapshot("b.sqlite", 3)
    other = snapshot("c.sqlite", 4)
    assert first == second
    assert first["Touchpoint"] != other["Touchpoint"]
    assert first["Stakeholder"] != other["Stakeholder"]


def test_stakeholders_look_real(small):
    people = list(m.Stakeholder.select())
    emails = [p.email for p in people]
    assert len(set(emails)) == len(emails)
    assert all(re.fullmatch(r"[a-z]+\.[a-z]+@([a-z]+\.)?example\.com", e) for e in emails)
    assert len({p.name for p in people}) >= 24
    assert {p.business_unit for p in people} == set(demo.UNITS)
    assert len({p.power for p in people}) >= 3 and len({p.interest for p in people}) >= 3
    assert {p.cadence_days for p in people} <= {7, 14, 30, 60, 90}
    assert all(p.engagement_current in Engagement.values() for p in people)
    assert m.StakeholderTag.select().count() > 0
    assert not any(p.archived for p in people)


def test_touchpoints_and_their_links(small):
    links: dict[int, list[date]] = defaultdict(list)
    for tid, on in m.TouchpointStakeholder.select(
        m.TouchpointStakeholder.touchpoint, m.TouchpointStakeholder.occurred_on
    ).tuples():
        links[tid].append(on)
    touchpoints = list(m.Touchpoint.select())
    for t in touchpoints:
        assert 1 <= len(links[t.id]) <= 3
        assert set(links[t.id]) == {t.occurred_on}
        assert clock.local_day(t.occurred_at) == t.occurred_on
        assert t.occurred_on <= TODAY
        assert 1 <= t.listening <= 5 and -2 <= t.sentiment <= 2
        assert t.notes
    assert len({t.channel for t in touchpoints}) >= 5
    assert len({t.reciprocity for t in touchpoints}) == 3
    # Touchpoints every week of the year.
    weeks = {clock.iso_week(t.occurred_on) for t in touchpoints}
    assert len(weeks) >= 50


def test_commitments_follow_the_rules_and_the_mix(small):
    commitments = list(m.Commitment.select())
    for c in commitments:
        assert c.due_on is not None and c.made_on <= c.due_on
        assert (c.closed_on is None) == (c.status == "open")
        if c.closed_on is not None:
            assert c.made_on <= c.closed_on <= TODAY
        if c.status in ("late", "broken"):
            assert c.closed_on > c.due_on
    share = {k: v / len(commitments) for k, v in Counter(c.status for c in commitments).items()}
    assert 0.55 <= share["kept"] <= 0.78
    assert 0.07 <= share["late"] <= 0.24
    assert 0.02 <= share["broken"] <= 0.13
    assert share.get("renegotiated", 0) + share.get("cancelled", 0) > 0
    kept = [c for c in commitments if c.status == "kept"]
    assert sum(c.closed_on <= c.due_on for c in kept) / len(kept) >= 0.85
    open_ones = [c for c in commitments if c.status == "open"]
    assert open_ones
    assert any(c.due_on >= TODAY for c in open_ones)
    assert any(c.due_on < TODAY for c in open_ones)


def test_trust_checks_in_range_and_improving_for_people_worked_on(small):
    checks = list(m.TrustCheck.select().order_by(m.TrustCheck.checked_on, m.TrustCheck.id))
    for c in checks:
        for value in (c.credibility, c.reliability, c.intimacy, c.self_orientation):
            assert 1 <= value <= 10
        for value in (c.warmth, c.competence):
            assert value is None or 1 <= value <= 10
        assert c.checked_on <= TODAY
    ranks = {e: k for k, e in enumerate(Engagement.values())}
    audience = {sid for (sid,) in m.GoalAudience.select(m.GoalAudience.stakeholder).tuples()}
    worked_on = [
        p.id
        for p in m.Stakeholder.select()
        if ranks[p.engagement_desired] > ranks[p.engagement_current] and p.id in audience
    ]
    assert 5 <= len(worked_on) <= 12
    history = defaultdict(list)
    for c in checks:
        history[c.stakeholder_id].append(
            trust.trust_quotient(c.credibility, c.reliability, c.intimacy, c.self_orientation)
        )
    improving = [sid for sid in worked_on if history[sid][-1] > history[sid][0]]
    assert len(improving) >= 0.75 * len(worked_on)
    assert all(len(history[sid]) >= 3 for sid in worked_on)


def test_reflections_one_per_past_week(small):
    reflections = list(m.Reflection.select())
    weeks = [r.week for r in reflections]
    assert len(set(weeks)) == len(weeks)
    focus = Counter(
        rid
        for (rid,) in m.ReflectionFocusStakeholder.select(
            m.ReflectionFocusStakeholder.reflection
        ).tuples()
    )
    for r in reflections:
        assert re.fullmatch(r"\d{4}-W\d{2}", r.week)
        monday, _sunday = clock.week_bounds(r.week)
        assert monday <= TODAY
        assert r.completed_at is not None and r.completed_at.date() <= TODAY
        for value in (
            r.self_awareness,
            r.self_regulation,
            r.motivation,
            r.empathy,
            r.social_skill,
            r.energy,
        ):
            assert 1 <= value <= 5
        assert r.wins and r.lessons and r.focus_note
        assert 1 <= focus[r.id] <= 3
    assert m.ReflectionFocusGoal.select().count() > 0


def test_goals_checkpoints_and_milestones(small):
    for goal in m.BrandGoal.select():
        assert goal.title and goal.statement and goal.metric
        assert goal.baseline is not None and goal.target is not None
        assert goal.start_on <= TODAY and goal.target_on >= goal.start_on
        assert goal.audience_links.count() >= 2
        assert 2 <= goal.milestones.count() <= 4
        points = list(goal.checkpoints.order_by(m.GoalCheckpoint.recorded_on))
        assert len(points) >= 5
        assert all(goal.start_on <= p.recorded_on <= TODAY for p in points)
        toward = (points[-1].value - goal.baseline) * (goal.target - goal.baseline)
        assert toward > 0  # moved from the baseline towards the target


def test_initiatives_outcomes_follow_trust(small):
    initiatives = list(m.Initiative.select())
    finished = [i for i in initiatives if i.status == "finished"]
    assert len(finished) >= 5
    for i in initiatives:
        assert i.sponsor_id is not None
        people = {link.stakeholder_id for link in i.stakeholder_links}
        assert i.sponsor_id in people and len(people) >= 2
    checks = defaultdict(list)
    for c in m.TrustCheck.select().order_by(m.TrustCheck.checked_on, m.TrustCheck.id):
        quotient = trust.trust_quotient(
            c.credibility, c.reliability, c.intimacy, c.self_orientation
        )
        checks[c.stakeholder_id].append((c.checked_on, quotient))
    means, satisfaction = [], []
    for i in finished:
        assert 1 <= i.user_satisfaction <= 5 and 0 <= i.adoption <= 100
        assert i.on_time is not None and i.on_budget is not None
        assert i.defect_count >= 0 and i.change_order_amount >= 0
        latest = [
            [q for on, q in checks[link.stakeholder_id] if on <= i.end_on]
            for link in i.stakeholder_links
        ]
        latest = [qs[-1] for qs in latest if qs]
        assert latest
        means.append(statistics.fmean(latest))
        satisfaction.append(i.user_satisfaction)
    assert statistics.correlation(means, satisfaction) > 0.3


def test_feedback_rows(small):
    aspects = Counter(f.aspect for f in m.Feedback.select())
    assert set(aspects) <= {"warmth", "competence", "both"} and len(aspects) >= 2
    assert all(f.received_on <= TODAY for f in m.Feedback.select())


@pytest.fixture
def new_york_time(monkeypatch):
    if not hasattr(time, "tzset"):
        pytest.skip("needs time.tzset (POSIX)")
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_local_days_hold_in_a_zone_with_daylight_saving(new_york_time, demo_path):
    demo.generate(size="small", seed=2, today=TODAY)
    for at, on in m.Touchpoint.select(m.Touchpoint.occurred_at, m.Touchpoint.occurred_on).tuples():
        assert clock.local_day(at) == on
    moments = [at for (at,) in m.Touchpoint.select(m.Touchpoint.occurred_at).tuples()]
    assert {at.hour for at in moments if isinstance(at, datetime)} - set(range(8, 18))


@pytest.mark.slow
def test_large_has_exact_counts_and_passes_the_check(demo_path):
    started = time.perf_counter()
    counts = demo.generate(size="large", seed=0, today=TODAY)
    elapsed = time.perf_counter() - started
    print(f"large demo data written in {elapsed:.1f} s")
    assert counts["stakeholders"] == 1000
    assert counts["touchpoints"] == 100_000
    assert counts["commitments"] == 20_000
    assert counts["reflections"] == 520
    assert counts["trust_checks"] == 5000
    assert counts["goals"] == 200
    assert counts["initiatives"] == 300
    assert m.Touchpoint.select().count() == 100_000
    assert m.Stakeholder.select().where(m.Stakeholder.archived == True).count() > 0  # noqa: E712
    links = m.TouchpointStakeholder.select().count()
    assert 1.35 <= links / 100_000 <= 1.65
    first = m.Touchpoint.select().order_by(m.Touchpoint.occurred_on).first().occurred_on
    assert (TODAY - first).days >= 3600
    weeks = [w for (w,) in m.Reflection.select(m.Reflection.week).tuples()]
    assert len(set(weeks)) == 520
    assert max(clock.week_bounds(w)[0] for w in weeks) <= TODAY
    mismatched = (
        m.TouchpointStakeholder.select()
        .join(m.Touchpoint)
        .where(m.TouchpointStakeholder.occurred_on != m.Touchpoint.occurred_on)
        .count()
    )
    assert mismatched == 0
    bad = m.Commitment.select().where(
        (m.Commitment.due_on < m.Commitment.made_on)
        | ((m.Commitment.status == "open") != m.Commitment.closed_on.is_null())
    )
    assert bad.count() == 0
    close_database()
    assert integrity.full_check(demo_path).ok
    init_db(demo_path)
    assert elapsed < 30
