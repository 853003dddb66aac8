"""The reflection habit, ratings over the weeks, missed weeks, this week's focus and the
reflection settings.

``today`` is Friday 2026-03-20, ISO week 2026-W12 (Monday 16 March to Sunday 22 March); W11 is
9–15 March, W10 2–8 March. A week counts as done when its reflection has ``completed_at``.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from advisor_planner.domain.habit import weekly_habit_strength
from advisor_planner.services import (
    ValidationError,
    commitments,
    evidence,
    goals,
    reflections,
    settings,
    stakeholders,
    touchpoints,
)
from advisor_planner.store import models as m

# m = 0.5 ** (sqrt(1/7) / 13) ≈ 0.9800490 per day; a week is seven days, m**7 ≈ 0.8684295.
M = 0.5 ** ((1 / 7) ** 0.5 / 13)
ONE_WEEK = 1 - M**7  # one done week from 0 ≈ 0.1315705
DONE_AT = datetime(2026, 3, 20, 16, 30, tzinfo=timezone.utc)


def _done(week: str, **fields) -> reflections.Reflection:
    return reflections.create(week=week, completed_at=DONE_AT, **fields)


def _habit_tuple(result: reflections.ReflectionHabit) -> tuple:
    return (result.weeks, result.done, result.streak, result.longest, result.this_week_done)


# -- habit -------------------------------------------------------------------------------------
def test_reflection_habit_with_nothing_done_is_this_week_at_zero(db, today):
    reflections.create(week="2026-W11", wins="A draft, never finished")
    result = reflections.habit()
    assert result == reflections.ReflectionHabit(["2026-W12"], [False], [0.0], 0, 0, False)


def test_reflection_habit_one_done_week_by_hand(db, today):
    # W11 done; W12 (this week) not done yet, so it is left out rather than counted as missed.
    _done("2026-W11")
    result = reflections.habit()
    assert _habit_tuple(result) == (["2026-W11"], [True], 1, 1, False)
    # Seven days from 0, each score = score × m + (1 − m): 1 − m**7 ≈ 0.1315705.
    assert result.strength == pytest.approx([ONE_WEEK])
    assert result.strength[0] == pytest.approx(0.1315705, abs=1e-7)


def test_reflection_habit_a_missed_week_decays_and_breaks_the_streak(db, today):
    # W10 done, W11 missed, W12 not done yet: weeks W10, W11.
    _done("2026-W10")
    result = reflections.habit()
    assert _habit_tuple(result) == (["2026-W10", "2026-W11"], [True, False], 0, 1, False)
    # The missed week multiplies by m**7: (1 − m**7) × m**7 ≈ 0.1142597.
    assert result.strength == pytest.approx([ONE_WEEK, ONE_WEEK * M**7])
    assert result.strength[1] == pytest.approx(0.1142597, abs=1e-7)
    assert result.strength == pytest.approx(weekly_habit_strength([True, False]))


def test_reflection_habit_this_week_counts_only_once_done(db, today):
    _done("2026-W10")
    _done("2026-W11")
    reflections.create(week="2026-W12", wins="Draft")  # started, not finished
    before = reflections.habit()
    assert _habit_tuple(before) == (["2026-W10", "2026-W11"], [True, True], 2, 2, False)
    reflections.update(reflection_id=reflections.for_week(week="2026-W12").id, completed_at=DONE_AT)
    after = reflections.habit()
    assert _habit_tuple(after) == (
        ["2026-W10", "2026-W11", "2026-W12"],
        [True, True, True],
        3,
        3,
        True,
    )
    assert after.strength == pytest.approx(weekly_habit_strength([True, True, True]))
    # Two done weeks from 0: 1 − m**14 = (1 − m**7)(1 + m**7) ≈ 0.2458302.
    assert after.strength[1] == pytest.approx(0.2458302, abs=1e-7)


def test_reflection_habit_only_this_week_done(db, today):
    _done("2026-W12")
    result = reflections.habit()
    assert _habit_tuple(result) == (["2026-W12"], [True], 1, 1, True)
    assert result.strength == pytest.approx([ONE_WEEK])


def test_reflection_habit_gaps_streak_and_longest(db, today):
    # Done: W06 W07 W08, missed W09 W10, done W11 W12 → by hand:
    done = [True, True, True, False, False, True, True]
    for week in ("2026-W06", "2026-W07", "2026-W08", "2026-W11", "2026-W12"):
        _done(week)
    result = reflections.habit()
    assert result.weeks == [f"2026-W{n:02d}" for n in range(6, 13)]
    assert result.done == done
    assert (result.streak, result.longest, result.this_week_done) == (2, 3, True)
    assert result.strength == pytest.approx(weekly_habit_strength(done))


def test_reflection_habit_a_week_filled_in_later_counts(db, today):
    _done("2026-W09")
    _done("2026-W11")
    assert reflections.habit().done == [True, False, True]
    # The leader goes back and finishes W10 now, in W12: the gap closes.
    _done("2026-W10")
    result = reflections.habit()
    assert result.done == [True, True, True]
    assert (result.streak, result.longest) == (3, 3)


def test_reflection_habit_across_the_new_year(db, today):
    # 2025 has 52 ISO weeks; 2026-W01 starts Monday 29 December 2025.
    # Weeks 2025-W52, 2026-W01 … 2026-W11: 12 weeks, done the first, the third and the last.
    _done("2025-W52")
    _done("2026-W02")
    _done("2026-W11")
    result = reflections.habit()
    assert result.weeks == ["2025-W52"] + [f"2026-W{n:02d}" for n in range(1, 12)]
    done = [True, False, True] + [False] * 8 + [True]
    assert result.done == done
    assert (result.streak, result.longest, result.this_week_done) == (1, 1, False)
    assert result.strength == pytest.approx(weekly_habit_strength(done))


def test_reflection_habit_as_of_an_earlier_day_ignores_later_weeks(db, today):
    _done("2026-W10")
    _done("2026-W11")
    _done("2026-W12")
    # As of Wednesday 11 March (W11): W12 has not happened; W11 is done, so it is included.
    result = reflections.habit(today=date(2026, 3, 11))
    assert _habit_tuple(result) == (["2026-W10", "2026-W11"], [True, True], 2, 2, True)


# -- ratings by week ---------------------------------------------------------------------------
def test_reflection_ratings_by_week_oldest_first_only_rated_weeks(db, today):
    reflections.create(week="2026-W11", wins="Nothing rated")  # left out
    reflections.create(week="2026-W12", empathy=5)  # a draft's ratings count too
    reflections.create(week="2026-W09", self_awareness=4, social_skill=2, energy=1)
    reflections.create(week="2026-W10", energy=3)  # energy alone is enough
    none = dict.fromkeys(reflections.RATING_FIELDS)
    assert reflections.ratings_by_week() == [
        reflections.WeekRatings(
            "2026-W09", {**none, "self_awareness": 4, "social_skill": 2}, energy=1
        ),
        reflections.WeekRatings("2026-W10", none, energy=3),
        reflections.WeekRatings("2026-W12", {**none, "empathy": 5}, energy=None),
    ]


def test_reflection_ratings_by_week_since_includes_the_whole_week_of_since(db, today):
    for week in ("2026-W08", "2026-W09", "2026-W10", "2026-W11"):
        reflections.create(week=week, motivation=3)
    # Wednesday 4 March is in W10 (2–8 March): W10 onwards.
    assert [r.week for r in reflections.ratings_by_week(since=date(2026, 3, 4))] == [
        "2026-W10",
        "2026-W11",
    ]
    assert reflections.ratings_by_week(since=date(2026, 3, 16)) == []


# -- missed weeks ------------------------------------------------------------------------------
def test_reflection_missed_weeks_newest_first_without_this_week(db, today):
    _done("2026-W12")  # this week is never among them
    _done("2026-W11")
    _done("2026-W09")
    reflections.create(week="2026-W10", wins="Draft")  # not finished: still missed
    # limit 4: W11, W10, W09, W08; W11 and W09 are done, and nothing at all came before W09
    # (the first finished reflection), so W08 is not "missed".
    assert reflections.missed_weeks(limit=4) == ["2026-W10"]


def test_reflection_missed_weeks_none_before_any_record(db, today):
    assert reflections.missed_weeks() == []  # a brand-new database has missed nothing


def test_reflection_missed_weeks_default_limit_crosses_the_year(db, today):
    # A touchpoint in 2025 starts the practice, so every one of the twelve weeks counts.
    from datetime import time as clock_time

    from advisor_planner.services import touchpoints

    ada = stakeholders.create(name="Ada")
    touchpoints.create(
        occurred_at=datetime.combine(date(2025, 6, 2), clock_time(9)).astimezone(),
        stakeholder_ids=[ada.id], channel="call", purpose="listen",
    )  # fmt: skip
    # Twelve weeks back from W12: W11 … W01, then 2025-W52.
    expected = [f"2026-W{n:02d}" for n in range(11, 0, -1)] + ["2025-W52"]
    assert reflections.missed_weeks() == expected
    assert reflections.missed_weeks(today=date(2026, 3, 4), limit=2) == ["2026-W09", "2026-W08"]


# -- this week's focus -------------------------------------------------------------------------
def test_reflection_focus_now_nothing_chosen(db, today):
    assert evidence.focus_now() == evidence.FocusNow("2026-W12", None, [], [], "", False)
    # Last week's reflection exists but chose nothing; one from two weeks ago does not count.
    ada = stakeholders.create(name="Ada")
    reflections.create(week="2026-W10", focus_stakeholder_ids=[ada.id], focus_note="Old")
    _done("2026-W11", wins="No focus chosen", focus_note="   ")
    _done("2026-W12")
    assert evidence.focus_now() == evidence.FocusNow("2026-W12", None, [], [], "", True)


def test_reflection_focus_now_people_seen_so_far_goals_and_note(db, today):
    ada = stakeholders.create(name="Ada")
    bea = stakeholders.create(name="Bea")
    carl = stakeholders.create(name="Carl")
    goal = goals.create(title="Be known for finance")
    _done(
        "2026-W11",
        focus_stakeholder_ids=[bea.id, ada.id, carl.id],
        focus_goal_ids=[goal.id],
        focus_note="  Finance first  ",
    )
    touchpoints.create(stakeholder_ids=[ada.id], occurred_on=date(2026, 3, 17))  # Tue W12: seen
    touchpoints.create(stakeholder_ids=[bea.id], occurred_on=date(2026, 3, 13))  # W11: not
    touchpoints.create(stakeholder_ids=[bea.id], occurred_on=date(2026, 3, 21))  # Sat: ahead
    touchpoints.create(stakeholder_ids=[carl.id], occurred_on=date(2026, 3, 16))  # Mon W12: seen
    result = evidence.focus_now()
    assert result == evidence.FocusNow(
        week="2026-W12",
        chosen_in="2026-W11",
        people=[(bea.id, "Bea", False), (ada.id, "Ada", True), (carl.id, "Carl", True)],
        goals=[(goal.id, "Be known for finance")],
        note="Finance first",
        this_week_done=False,
    )


def test_reflection_focus_now_a_note_alone_is_a_focus(db, today):
    _done("2026-W11", focus_note="Listen more")
    assert evidence.focus_now() == evidence.FocusNow(
        "2026-W12", "2026-W11", [], [], "Listen more", False
    )


def test_reflection_focus_now_promises_alone_are_a_focus(db, today):
    ada = stakeholders.create(name="Ada")
    send = commitments.create(text="Send the cost model", stakeholder_id=ada.id)
    call = commitments.create(text="Call about the audit", stakeholder_id=ada.id)
    _done("2026-W11", focus_commitment_ids=[send.id, call.id])
    commitments.set_status(commitment_id=call.id, status="kept")
    focus = evidence.focus_now()
    assert focus.chosen_in == "2026-W11" and (focus.people, focus.goals) == ([], [])
    assert focus.commitments == [
        (send.id, "Send the cost model", False),
        (call.id, "Call about the audit", True),
    ]


def test_reflection_focus_now_as_of_an_earlier_day(db, today):
    ada = stakeholders.create(name="Ada")
    _done("2026-W10", focus_stakeholder_ids=[ada.id])
    touchpoints.create(stakeholder_ids=[ada.id], occurred_on=date(2026, 3, 12))  # Thu W11
    # As of Wednesday 11 March the Thursday touchpoint has not happened yet.
    early = evidence.focus_now(today=date(2026, 3, 11))
    assert (early.week, early.chosen_in, early.people) == (
        "2026-W11",
        "2026-W10",
        [(ada.id, "Ada", False)],
    )
    late = evidence.focus_now(today=date(2026, 3, 12))
    assert late.people == [(ada.id, "Ada", True)]


# -- settings ----------------------------------------------------------------------------------
OLD_VALUES = {"reflection_weekday": 3, "reflection_time": "09:00", "leader_name": "Sam"}


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("reflection_weekday", 1),
        ("reflection_weekday", 7),
        ("reflection_time", "07:30"),
        ("reflection_time", "23:59"),
        ("leader_name", "x" * 200),
    ],
)
def test_reflection_settings_accept_edge_values(db, key, value):
    settings.set_value(key, value)
    assert settings.get(key) == value


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("reflection_weekday", 0),
        ("reflection_weekday", 8),
        ("reflection_weekday", -3),
        ("reflection_time", "24:00"),
        ("reflection_time", "16:60"),
        ("reflection_time", "4pm"),
        ("reflection_time", "1600"),
        ("reflection_time", ""),
        ("leader_name", "x" * 201),
    ],
)
def test_reflection_settings_refuse_out_of_range_values(db, key, value):
    settings.set_value(key, OLD_VALUES[key])
    with pytest.raises(ValidationError) as caught:
        settings.set_value(key, value)
    assert caught.value.field == key
    assert settings.get(key) == OLD_VALUES[key]  # the old value stays


def test_reflection_settings_set_values_stores_them_all(db):
    settings.set_values({"leader_name": "Sam", "reflection_weekday": 1, "reflection_time": "08:15"})
    assert settings.all_settings() == {
        **settings.DEFAULTS,
        "leader_name": "Sam",
        "reflection_weekday": 1,
        "reflection_time": "08:15",
    }


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"reflection_weekday": 9}, "reflection_weekday"),
        ({"reflection_time": "25:00"}, "reflection_time"),
        ({"leader_name": "y" * 201}, "leader_name"),
        ({"colour": "blue"}, "colour"),
        ({"reliability_window_days": "90"}, "reliability_window_days"),
    ],
)
def test_reflection_settings_set_values_is_all_or_nothing(db, bad, field):
    settings.set_value("leader_name", "Old")
    # The good values come first, so they are written before the bad one is refused.
    with pytest.raises(ValidationError) as caught:
        settings.set_values({"leader_name": "New", "reflection_weekday": 2, **bad})
    assert caught.value.field == field
    assert settings.all_settings() == {**settings.DEFAULTS, "leader_name": "Old"}
    assert m.Setting.select().count() == 1
