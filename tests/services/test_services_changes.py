"""What a change touched: the ``Changes`` every view hears, and its names for record kinds."""

from __future__ import annotations

import pytest

from advisor_planner.services import (
    commitments,
    dashboard,
    feedback,
    goals,
    initiatives,
    reflections,
    stakeholders,
    touchpoints,
    trust_checks,
)
from advisor_planner.services.changes import Change, Changes

RECORD_KINDS = [
    stakeholders.KIND,
    touchpoints.KIND,
    commitments.KIND,
    trust_checks.KIND,
    feedback.KIND,
    goals.KIND,
    goals.CHECKPOINT,
    goals.MILESTONE,
    initiatives.KIND,
    reflections.KIND,
]


@pytest.mark.parametrize("kind", RECORD_KINDS, ids=lambda kind: kind.name)
def test_every_record_kind_has_its_change(kind) -> None:
    assert Change(kind.name).value == kind.name  # the name the trash stores


def test_a_change_touches_what_it_names_and_nothing_else() -> None:
    logged = Changes.of(Change.TOUCHPOINT, [Change.STAKEHOLDER])
    assert logged.touches(Change.STAKEHOLDER)
    assert logged.touches(Change.GOAL, Change.TOUCHPOINT)
    assert not logged.touches(Change.COMMITMENT, Change.TRUST_CHECK)
    assert not logged.whole_database


def test_the_whole_database_touches_everything() -> None:
    everything = Changes.everything()
    assert all(everything.touches(kind) for kind in Change)
    assert everything and not Changes()


def test_changes_combine() -> None:
    both = Changes.of(Change.GOAL) | Changes.of(Change.MILESTONE)
    assert both == Changes.of(Change.MILESTONE, Change.GOAL)
    assert (both | Changes.everything()).whole_database


def test_every_dashboard_part_reloads_after_a_restore_and_none_after_a_purge() -> None:
    assert set(dashboard.PART_CHANGES) == set(dashboard.PARTS)
    assert dashboard.parts_touched(Changes.everything()) == set(dashboard.PARTS)
    assert dashboard.parts_touched(Changes.of(Change.TRASH)) == set()
    assert dashboard.parts_touched(Changes.of(Change.TRUST_CHECK)) == {
        "trust_index",
        "perception",
        "outcomes",
    }


def test_changes_say_whose_records_they_touched_when_known() -> None:
    from advisor_planner.services.changes import ChangedPeople

    logged = Changes.of(Change.TOUCHPOINT).with_people({1, 2})
    assert logged.people == {1, 2} and Changes.of(Change.TOUCHPOINT).people is None
    assert (logged | Changes.of(Change.COMMITMENT).with_people({3})).people == {1, 2, 3}
    assert (logged | Changes.of(Change.STAKEHOLDER)).people is None  # anyone's, then
    changed = ChangedPeople()
    changed.note(logged)
    assert changed.to_read() is None  # nothing read yet: everyone's
    changed.read_all()
    assert changed.to_read() is None  # no change seen: a refresh reads everyone's
    changed.note(logged)
    changed.note(Changes.of(Change.TOUCHPOINT).with_people({5}))
    assert changed.to_read() == {1, 2, 5}
    changed.note(Changes.of(Change.STAKEHOLDER))
    assert changed.to_read() is None
