"""The trash: a record and all that depends on it leave together and come back under their ids."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from advisor_planner.services import (
    clock,
    commitments,
    feedback,
    goals,
    initiatives,
    reflections,
    stakeholders,
    touchpoints,
    trust_checks,
)
from advisor_planner.services import trash as trash_service
from advisor_planner.store import models as m
from advisor_planner.store import trash

TODAY = date(2026, 3, 20)  # a Friday, ISO week 2026-W12


@pytest.fixture(autouse=True)
def pinned_today():
    clock.set_today(TODAY)
    yield TODAY
    clock.set_today(None)


def _dump() -> dict[str, list[dict]]:
    """Every row of every table, ordered by primary key."""
    return {
        model._meta.table_name: list(model.select().order_by(model._meta.primary_key).dicts())
        for model in m.ALL_MODELS
        if model is not m.TrashEntry
    }


@pytest.fixture
def web(db):
    """Bea with something in every table that points at a stakeholder; Ada beside her."""
    ada = stakeholders.create(name="Ada", tags=["finance"])
    bea = stakeholders.create(name="Bea", tags=["finance", "board"])
    tp = touchpoints.log(
        stakeholder_ids=[ada.id, bea.id],
        occurred_at=datetime(2026, 3, 10, 9, 30, tzinfo=timezone.utc),
        channel="meeting",
        purpose="decide",
        commitments_made=[{"text": "Send the cost model", "stakeholder_id": bea.id}],
    )
    solo = touchpoints.create(
        stakeholder_ids=[bea.id], occurred_at=datetime(2026, 3, 12, 14, tzinfo=timezone.utc)
    )
    checks = [
        trust_checks.create(stakeholder_id=bea.id, checked_on=date(2026, 2, 1), credibility=6),
        trust_checks.create(stakeholder_id=bea.id, checked_on=date(2026, 3, 1), credibility=7),
        trust_checks.create(stakeholder_id=ada.id, checked_on=date(2026, 3, 1)),
    ]
    note = feedback.create(stakeholder_id=bea.id, received_on=date(2026, 3, 2), text="Clear.")
    loose = commitments.create(
        stakeholder_id=bea.id, text="Intro to the architect", made_on=date(2026, 3, 3)
    )
    goal = goals.create(title="Finance's first call", audience_ids=[ada.id, bea.id])
    project = initiatives.create(
        name="Cloud cost", sponsor_id=bea.id, stakeholder_ids=[ada.id, bea.id]
    )
    other = initiatives.create(name="ERP", sponsor_id=ada.id)
    reflection = reflections.create(
        week="2026-W11",
        focus_stakeholder_ids=[bea.id, ada.id],
        focus_commitment_ids=[loose.id],
    )
    return {
        "ada": ada,
        "bea": bea,
        "tp": tp,
        "solo": solo,
        "checks": checks,
        "feedback": note,
        "loose": loose,
        "goal": goal,
        "project": project,
        "other": other,
        "reflection": reflection,
    }


def test_deleting_a_stakeholder_trashes_everything_that_depends_on_them(web):
    bea = web["bea"]
    item = stakeholders.delete(stakeholder_id=bea.id)
    assert (item.kind, item.record_id, item.label) == ("stakeholder", bea.id, "Bea")
    assert m.Stakeholder.select().where(m.Stakeholder.id == bea.id).count() == 0
    assert [c.stakeholder_id for c in m.TrustCheck.select()] == [web["ada"].id]
    assert m.Feedback.select().count() == 0
    assert m.Commitment.select().count() == 0
    assert [link.stakeholder_id for link in m.TouchpointStakeholder.select()] == [web["ada"].id]
    assert [link.stakeholder_id for link in m.GoalAudience.select()] == [web["ada"].id]
    assert [link.stakeholder_id for link in m.InitiativeStakeholder.select()] == [web["ada"].id]
    assert [r.stakeholder_id for r in m.ReflectionFocusStakeholder.select()] == [web["ada"].id]
    assert m.ReflectionFocusCommitment.select().count() == 0
    # SET NULL: the initiative stays, without its sponsor; the other keeps Ada.
    assert initiatives.get(initiative_id=web["project"].id).sponsor_id is None
    assert initiatives.get(initiative_id=web["other"].id).sponsor_id == web["ada"].id
    # The touchpoints stay (Ada was in one; the other now has nobody).
    assert m.Touchpoint.select().count() == 2
    # Tags themselves are shared names and stay.
    assert sorted(t.name for t in m.Tag.select()) == ["board", "finance"]

    entry = m.TrashEntry.get_by_id(item.entry_id)
    payload = json.loads(entry.payload)
    counts = {table: len(rows) for table, rows in payload["rows"].items()}
    assert counts == {
        "stakeholder": 1,
        "stakeholder_tag": 2,
        "trust_check": 2,
        "touchpoint_stakeholder": 2,
        "commitment": 2,
        "feedback": 1,
        "goal_audience": 1,
        "initiative_stakeholder": 1,
        "reflection_focus_stakeholder": 1,
        "reflection_focus_commitment": 1,
    }
    assert payload["relinks"] == [
        {"table": "initiative", "id": web["project"].id, "column": "sponsor_id", "value": bea.id}
    ]


def test_restore_brings_back_every_row_with_the_same_ids(web):
    before = _dump()
    item = stakeholders.delete(stakeholder_id=web["bea"].id)
    assert _dump() != before
    result = trash_service.restore(entry_id=item.entry_id)
    assert result == trash.RestoreResult(restored_rows=14, skipped_rows=0)
    assert _dump() == before
    assert m.TrashEntry.select().count() == 0
    # Through the services too: the sponsor is relinked, the tags are back in order.
    assert initiatives.get(initiative_id=web["project"].id).sponsor_id == web["bea"].id
    assert stakeholders.get(stakeholder_id=web["bea"].id).tags == ("finance", "board")
    assert touchpoints.get(touchpoint_id=web["tp"].touchpoint.id).stakeholder_ids == (
        web["ada"].id,
        web["bea"].id,
    )


def test_new_records_never_take_a_trashed_id(db):
    first = stakeholders.create(name="First")
    last = stakeholders.create(name="Last")
    item = stakeholders.delete(stakeholder_id=last.id)
    newcomer = stakeholders.create(name="Newcomer")
    assert newcomer.id == last.id + 1
    trash_service.restore(entry_id=item.entry_id)
    assert [s.id for s in stakeholders.list_all()] == [first.id, last.id, newcomer.id]
    assert stakeholders.get(stakeholder_id=last.id).name == "Last"


def test_trashed_ids_are_not_reused_for_any_record_kind(web):
    check = web["checks"][1]
    trust_checks.delete(trust_check_id=check.id)
    fresh = trust_checks.create(stakeholder_id=web["ada"].id, checked_on=date(2026, 3, 5))
    assert fresh.id > check.id
    tp_id = web["solo"].id
    touchpoints.delete(touchpoint_id=tp_id)
    again = touchpoints.create(stakeholder_ids=[web["ada"].id], occurred_on=date(2026, 3, 13))
    assert again.id == tp_id + 1


def test_restore_skips_rows_whose_required_parent_was_purged(web):
    loose = web["loose"]
    first = commitments.delete(commitment_id=loose.id)
    second = stakeholders.delete(stakeholder_id=web["bea"].id)
    trash_service.purge(entry_id=second.entry_id)
    result = trash_service.restore(entry_id=first.entry_id)
    # The commitment needs Bea, who is gone for good; its reflection-focus link needs it.
    assert result == trash.RestoreResult(restored_rows=0, skipped_rows=2)
    assert m.Commitment.select().count() == 0
    assert m.TrashEntry.select().count() == 0


def test_restore_clears_a_nullable_link_to_a_purged_parent(web):
    promise = web["tp"].commitments[0]
    assert promise.touchpoint_id == web["tp"].touchpoint.id
    first = commitments.delete(commitment_id=promise.id)
    second = touchpoints.delete(touchpoint_id=web["tp"].touchpoint.id)
    trash_service.purge(entry_id=second.entry_id)
    result = trash_service.restore(entry_id=first.entry_id)
    assert result == trash.RestoreResult(restored_rows=1, skipped_rows=0)
    back = commitments.get(commitment_id=promise.id)
    assert back.touchpoint_id is None
    assert back.text == "Send the cost model"
    assert back.stakeholder_id == web["bea"].id


def test_relink_leaves_a_sponsor_chosen_meanwhile(web):
    item = stakeholders.delete(stakeholder_id=web["bea"].id)
    initiatives.update(initiative_id=web["project"].id, sponsor_id=web["ada"].id)
    trash_service.restore(entry_id=item.entry_id)
    assert initiatives.get(initiative_id=web["project"].id).sponsor_id == web["ada"].id


def test_relink_is_skipped_when_the_initiative_itself_is_gone(web):
    item = stakeholders.delete(stakeholder_id=web["bea"].id)
    gone = initiatives.delete(initiative_id=web["project"].id)
    trash_service.purge(entry_id=gone.entry_id)
    result = trash_service.restore(entry_id=item.entry_id)
    # The initiative_stakeholder link to the purged initiative is skipped; the rest return.
    assert result == trash.RestoreResult(restored_rows=13, skipped_rows=1)
    assert stakeholders.get(stakeholder_id=web["bea"].id).name == "Bea"
    assert m.Initiative.select().count() == 1


def test_restore_after_link_ids_were_handed_out_again(web):
    """Link rows have plain rowids: a new link may take a trashed link's id meanwhile."""
    ada, bea = web["ada"], web["bea"]
    newest_tag_link = m.StakeholderTag.select().order_by(m.StakeholderTag.id.desc()).first()
    assert newest_tag_link.stakeholder_id == bea.id
    item = stakeholders.delete(stakeholder_id=bea.id)
    # New links now reuse the largest ids Bea's links had.
    carl = stakeholders.create(name="Carl", tags=["ops", "board"])
    touchpoints.create(stakeholder_ids=[ada.id, carl.id], occurred_on=date(2026, 3, 18))
    goals.update(goal_id=web["goal"].id, audience_ids=[ada.id, carl.id])
    result = trash_service.restore(entry_id=item.entry_id)
    assert result.skipped_rows == 0
    assert stakeholders.get(stakeholder_id=bea.id).tags == ("finance", "board")
    assert stakeholders.get(stakeholder_id=carl.id).tags == ("ops", "board")
    assert set(goals.get(goal_id=web["goal"].id).audience_ids) == {ada.id, bea.id, carl.id}
    assert touchpoints.get(touchpoint_id=web["solo"].id).stakeholder_ids == (bea.id,)


def test_restored_touchpoint_links_follow_a_touchpoint_moved_meanwhile(web):
    ada, bea = web["ada"], web["bea"]
    tp = web["tp"].touchpoint
    item = stakeholders.delete(stakeholder_id=bea.id)
    moved = touchpoints.update(
        touchpoint_id=tp.id, occurred_at=datetime(2026, 3, 16, 9, 30, tzinfo=timezone.utc)
    )
    trash_service.restore(entry_id=item.entry_id)
    link_days = {
        link.stakeholder_id: link.occurred_on
        for link in m.TouchpointStakeholder.select().where(
            m.TouchpointStakeholder.touchpoint == tp.id
        )
    }
    assert link_days == {ada.id: moved.occurred_on, bea.id: moved.occurred_on}
    assert touchpoints.last_contact_by_stakeholder()[bea.id] == date(2026, 3, 16)


def test_snapshot_follows_cascades_through_grandchildren(web):
    # A touchpoint takes its commitments and, through them, the reflection-focus links.
    payload = trash.snapshot(m.Touchpoint, web["tp"].touchpoint.id)
    counts = {table: len(rows) for table, rows in payload["rows"].items()}
    assert counts == {"touchpoint": 1, "touchpoint_stakeholder": 2, "commitment": 1}
    assert payload["relinks"] == []


def test_purge_and_empty_trash(web):
    one = feedback.delete(feedback_id=web["feedback"].id)
    two = trust_checks.delete(trust_check_id=web["checks"][0].id)
    trash.purge(one.entry_id)
    assert [e.id for e in m.TrashEntry.select()] == [two.entry_id]
    assert trash.empty_trash() == 1
    assert m.TrashEntry.select().count() == 0
