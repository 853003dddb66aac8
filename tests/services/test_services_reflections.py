"""Weekly reflections, settings and the trash service."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from advisor_planner.services import (
    NotFoundError,
    ValidationError,
    commitments,
    goals,
    reflections,
    settings,
    stakeholders,
)
from advisor_planner.services import trash as trash_service
from advisor_planner.store import models as m


@pytest.fixture
def ada(db, today):
    return stakeholders.create(name="Ada")


def test_reflection_round_trip(ada, today):
    goal = goals.create(title="Goal")
    promise = commitments.create(text="Send it", stakeholder_id=ada.id)
    done_at = datetime(2026, 3, 20, 16, 30, tzinfo=timezone.utc)
    made = reflections.create(
        week="2026-W11",
        wins="Closed the budget",
        hard="Saying no",
        lessons="Listen first",
        answers={"gratitude": "The team"},
        self_awareness=4,
        empathy="3",
        energy=2,
        completed_at=done_at,
        focus_stakeholder_ids=[ada.id],
        focus_goal_ids=[goal.id],
        focus_commitment_ids=[promise.id],
    )
    assert made.week == "2026-W11"
    assert made.monday == date(2026, 3, 9)
    assert made.answer_map == {"gratitude": "The team"}
    assert (made.self_awareness, made.empathy, made.energy) == (4, 3, 2)
    assert made.completed_at == done_at
    assert (made.focus_stakeholder_ids, made.focus_goal_ids, made.focus_commitment_ids) == (
        (ada.id,),
        (goal.id,),
        (promise.id,),
    )
    assert reflections.get(reflection_id=made.id) == made
    changed = reflections.update(reflection_id=made.id, wins="More", focus_goal_ids=[])
    assert (changed.wins, changed.focus_goal_ids, changed.hard) == ("More", (), "Saying no")
    item = reflections.delete(reflection_id=made.id)
    assert item.label == "reflection for 2026-W11"
    with pytest.raises(NotFoundError):
        reflections.get(reflection_id=made.id)
    trash_service.restore(entry_id=item.entry_id)
    assert reflections.get(reflection_id=made.id) == changed
    assert reflections.completed_weeks() == {"2026-W11"}


def test_week_accepts_a_date_and_normalises(ada, today):
    assert reflections.create(week=date(2026, 3, 4)).week == "2026-W10"
    assert reflections.create(week="2026-W1").week == "2026-W01"
    assert reflections.create(week=datetime(2026, 3, 20, 9)).week == "2026-W12"


def test_save_week_creates_then_updates_and_for_week_finds_it(ada, today):
    assert reflections.for_week(week="2026-W12") is None
    first = reflections.save_week(week="2026-W12", wins="Draft")
    second = reflections.save_week(week=date(2026, 3, 18), lessons="Step two")
    assert second.id == first.id
    assert (second.wins, second.lessons) == ("Draft", "Step two")
    assert reflections.for_week(week=today) == second
    assert m.Reflection.select().count() == 1


def test_future_weeks_are_refused(ada, today):
    # This week (W12) has begun; next week (W13, from 23 March) has not.
    with pytest.raises(ValidationError) as caught:
        reflections.save_week(week="2026-W13", wins="Too early")
    assert caught.value.field == "week"
    assert "has not started yet" in caught.value.problem
    with pytest.raises(ValidationError):
        reflections.create(week=date(2026, 3, 23))
    with pytest.raises(ValidationError):
        reflections.for_week(week="2026-W13")
    assert m.Reflection.select().count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"week": "2026-13"}, "week"),
        ({"week": "2026-W54"}, "week"),
        ({"week": ""}, "week"),
        ({"self_awareness": 0}, "self_awareness"),
        ({"social_skill": 6}, "social_skill"),
        ({"energy": 9}, "energy"),
        ({"wins": "x" * 100_000}, "wins"),
        ({"answers": "not json"}, "answers"),
        ({"answers": "[1, 2]"}, "answers"),
        ({"answers": {"q": "x" * 100_000}}, "answers"),
        ({"completed_at": "today"}, "completed_at"),
        ({"focus_stakeholder_ids": [999]}, "focus_stakeholder_ids"),
        ({"focus_goal_ids": [999]}, "focus_goal_ids"),
        ({"focus_commitment_ids": [999]}, "focus_commitment_ids"),
        ({"mood": "fine"}, "mood"),
    ],
)
def test_reflection_validation(ada, changes, field):
    with pytest.raises(ValidationError) as caught:
        reflections.create(**{"week": "2026-W10", **changes})
    assert caught.value.field == field
    assert m.Reflection.select().count() == 0
    assert m.ReflectionFocusStakeholder.select().count() == 0


def test_list_all_newest_first_and_search_through_all_text(ada, today):
    reflections.create(week="2026-W09", wins="Won the board over")
    reflections.create(week="2026-W11", not_present="Phone in the 1:1")
    reflections.create(week="2026-W10", answers=json.dumps({"q1": "Board prep again"}))
    reflections.create(week="2026-W12", focus_note="Finance")
    assert [r.week for r in reflections.list_all()] == [
        "2026-W12",
        "2026-W11",
        "2026-W10",
        "2026-W09",
    ]
    assert [r.week for r in reflections.list_all(search="BOARD")] == ["2026-W10", "2026-W09"]
    assert [r.week for r in reflections.list_all(search="phone")] == ["2026-W11"]
    assert [r.week for r in reflections.list_all(search="finance")] == ["2026-W12"]
    assert reflections.list_all(search="zebra") == []


def test_restoring_a_week_that_was_written_again_is_refused_cleanly(ada, today):
    first = reflections.save_week(week="2026-W10", wins="First")
    item = reflections.delete(reflection_id=first.id)
    again = reflections.save_week(week="2026-W10", wins="Second")
    with pytest.raises(ValidationError) as caught:
        trash_service.restore(entry_id=item.entry_id)
    assert caught.value.field == "week"
    # Nothing changed: the new reflection stays and the trash entry waits.
    assert reflections.for_week(week="2026-W10") == again
    assert trash_service.count() == 1


# -- settings ---------------------------------------------------------------------------------
def test_settings_defaults_set_and_read_back(db):
    assert settings.get("reflection_weekday") == 5
    assert settings.all_settings() == settings.DEFAULTS
    settings.set_value("reflection_weekday", 4)
    settings.set_value("leader_name", "Sam")
    settings.set_value("leader_name", "Samira")
    assert settings.get("reflection_weekday") == 4
    assert settings.get("leader_name") == "Samira"
    assert m.Setting.select().count() == 2
    assert settings.all_settings() == {
        **settings.DEFAULTS,
        "reflection_weekday": 4,
        "leader_name": "Samira",
    }


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("colour", "blue"),
        ("reflection_weekday", "Friday"),
        ("reflection_weekday", True),
        ("reliability_window_days", 90.5),
        ("leader_name", 7),
    ],
)
def test_settings_refusals(db, key, value):
    with pytest.raises(ValidationError) as caught:
        settings.set_value(key, value)
    assert caught.value.field == key
    assert m.Setting.select().count() == 0


def test_reading_an_unknown_setting_is_an_error(db):
    with pytest.raises(ValidationError) as caught:
        settings.get("colour")
    assert caught.value.field == "colour"


# -- the trash service ------------------------------------------------------------------------
def test_trash_list_search_purge_and_empty(ada, today):
    bea = stakeholders.create(name="Bea Smith")
    carl = stakeholders.create(name="Carl")
    first = stakeholders.delete(stakeholder_id=bea.id)
    second = stakeholders.delete(stakeholder_id=carl.id)
    entries = trash_service.list_entries()
    assert [(e.entry_id, e.kind, e.record_id, e.label) for e in entries] == [
        (second.entry_id, "stakeholder", carl.id, "Carl"),
        (first.entry_id, "stakeholder", bea.id, "Bea Smith"),
    ]
    assert isinstance(entries[0].deleted_at, datetime)
    assert [e.label for e in trash_service.list_entries(search="smith")] == ["Bea Smith"]
    assert trash_service.count() == 2
    trash_service.purge(entry_id=first.entry_id)
    with pytest.raises(NotFoundError):
        trash_service.restore(entry_id=first.entry_id)
    with pytest.raises(NotFoundError):
        trash_service.purge(entry_id=first.entry_id)
    assert trash_service.empty() == 1
    assert trash_service.count() == 0
    assert [s.name for s in stakeholders.list_all()] == ["Ada"]
