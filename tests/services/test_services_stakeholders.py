"""Stakeholders through the services: round trips, validation, search and type-ahead."""

from __future__ import annotations

import pytest

from advisor_planner.services import NotFoundError, ValidationError, stakeholders
from advisor_planner.services import trash as trash_service
from advisor_planner.store import models as m


def test_create_get_update_round_trip(db):
    made = stakeholders.create(
        name="  Ada Lovelace ",
        title="CFO",
        organisation="Acme",
        business_unit="Finance",
        kind="external",
        email="ada@acme.example",
        phone="+44 20 7946 0000",
        notes="Prefers numbers.",
        power=5,
        interest="4",
        engagement_current="resistant",
        engagement_desired="leading",
        cadence_days=14,
        tags="finance, board ,finance",
    )
    assert made.id == 1
    assert made.name == "Ada Lovelace"  # trimmed
    assert made.interest == 4  # text from a form becomes a number
    assert made.tags == ("finance", "board")  # split, trimmed, duplicates dropped
    assert made.created_at is not None and made.updated_at is not None
    assert stakeholders.get(stakeholder_id=made.id) == made

    changed = stakeholders.update(stakeholder_id=made.id, title="CEO", tags=["ceo"])
    assert changed.title == "CEO"
    assert changed.tags == ("ceo",)
    assert changed.name == "Ada Lovelace"
    assert changed.power == 5
    assert changed.created_at == made.created_at
    assert changed.updated_at >= made.updated_at
    assert stakeholders.get(stakeholder_id=made.id) == changed


def test_defaults_of_a_new_stakeholder(db):
    made = stakeholders.create(name="Bea")
    assert (made.power, made.interest) == (3, 3)
    assert (made.engagement_current, made.engagement_desired) == ("neutral", "supportive")
    assert made.kind == "internal"
    assert made.cadence_days is None
    assert made.archived is False
    assert made.tags == ()


def test_delete_and_restore(db):
    made = stakeholders.create(name="Ada", tags=["x"])
    item = stakeholders.delete(stakeholder_id=made.id)
    assert (item.kind, item.record_id, item.label) == ("stakeholder", made.id, "Ada")
    with pytest.raises(NotFoundError) as caught:
        stakeholders.get(stakeholder_id=made.id)
    assert (caught.value.kind, caught.value.record_id) == ("stakeholder", made.id)
    trash_service.restore(entry_id=item.entry_id)
    assert stakeholders.get(stakeholder_id=made.id) == made


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "Ada", "notes": "x" * 100_000}, "notes"),
        ({"name": "Ada", "power": 0}, "power"),
        ({"name": "Ada", "power": 6}, "power"),
        ({"name": "Ada", "interest": "lots"}, "interest"),
        ({"name": "Ada", "interest": True}, "interest"),
        ({"name": "Ada", "email": "not an email"}, "email"),
        ({"name": "Ada", "kind": "alien"}, "kind"),
        ({"name": "Ada", "engagement_current": "ecstatic"}, "engagement_current"),
        ({"name": "Ada", "cadence_days": 0}, "cadence_days"),
        ({"name": "Ada", "cadence_days": 366}, "cadence_days"),
        ({"name": "Ada", "archived": "yes"}, "archived"),
        ({"name": "Ada", "tags": [f"t{n}" for n in range(31)]}, "tags"),
        ({"name": "Ada", "favourite_colour": "blue"}, "favourite_colour"),
        ({"name": "Ada", "id": 7}, "id"),
    ],
)
def test_validation_names_the_field_and_writes_nothing(db, fields, field):
    with pytest.raises(ValidationError) as caught:
        stakeholders.create(**fields)
    assert caught.value.field == field
    assert caught.value.problem
    assert stakeholders.count() == 0
    assert m.Tag.select().count() == 0


def test_validation_messages_say_what_is_wrong(db):
    with pytest.raises(ValidationError, match=r"^Name: must not be empty$"):
        stakeholders.create(name="")
    with pytest.raises(ValidationError, match=r"^Power: must be between 1 and 5, not 9$"):
        stakeholders.create(name="Ada", power=9)
    with pytest.raises(ValidationError, match=r"100,000 characters long; the limit is 20,000"):
        stakeholders.create(name="Ada", notes="x" * 100_000)


def test_failed_update_leaves_the_record_as_it_was(db):
    made = stakeholders.create(name="Ada", tags=["finance"])
    with pytest.raises(ValidationError) as caught:
        stakeholders.update(stakeholder_id=made.id, tags=["new"], power=11)
    assert caught.value.field == "power"
    assert stakeholders.get(stakeholder_id=made.id) == made
    assert [t.name for t in m.Tag.select()] == ["finance"]


def test_update_of_an_unknown_id_is_not_found(db):
    with pytest.raises(NotFoundError):
        stakeholders.update(stakeholder_id=42, name="Ghost")
    with pytest.raises(NotFoundError):
        stakeholders.delete(stakeholder_id=42)


def test_list_all_orders_by_name_and_hides_archived(db):
    stakeholders.create(name="carl")
    bea = stakeholders.create(name="Bea", archived=True)
    stakeholders.create(name="Ada")
    assert [s.name for s in stakeholders.list_all()] == ["Ada", "carl"]
    assert [s.name for s in stakeholders.list_all(include_archived=True)] == [
        "Ada",
        "Bea",
        "carl",
    ]
    assert list(stakeholders.names().items()) == [
        (3, "Ada"),
        (1, "carl"),
    ]  # (as the pickers list them)
    assert stakeholders.names(include_archived=True)[bea.id] == "Bea"
    assert stakeholders.count() == 3


def test_list_all_search_covers_name_tags_email_and_more(db):
    ada = stakeholders.create(name="Ada Lovelace", email="ada@numbers.example", tags=["board"])
    bea = stakeholders.create(name="Bea", title="Head of Audit", tags=["risk"])
    carl = stakeholders.create(name="Carl", organisation="Boardwalk Ltd", business_unit="Ops")
    dee = stakeholders.create(name="Dee", email="dee@ops.example")

    def found(text):
        return [s.id for s in stakeholders.list_all(search=text)]

    assert found("lovelace") == [ada.id]  # name, case-insensitive
    assert found("numbers.example") == [ada.id]  # email
    assert found("RISK") == [bea.id]  # tag
    assert found("audit") == [bea.id]  # title
    assert found("board") == [ada.id, carl.id]  # tag and organisation
    assert found("ops") == [carl.id, dee.id]  # business unit and email
    assert found("  ") == [ada.id, bea.id, carl.id, dee.id]
    assert found("nobody") == []


def test_find_by_name_puts_prefix_matches_first(db):
    names = ["Sam Anders", "Anna Bell", "Andrew Ng", "Joanna Andersen", "Diane", "Archived Ann"]
    ids = {name: stakeholders.create(name=name).id for name in names}
    stakeholders.update(stakeholder_id=ids["Archived Ann"], archived=True)
    assert stakeholders.find_by_name("an") == [
        (ids["Andrew Ng"], "Andrew Ng"),
        (ids["Anna Bell"], "Anna Bell"),
        (ids["Diane"], "Diane"),
        (ids["Joanna Andersen"], "Joanna Andersen"),
        (ids["Sam Anders"], "Sam Anders"),
    ]
    assert stakeholders.find_by_name("an", limit=3) == [
        (ids["Andrew Ng"], "Andrew Ng"),
        (ids["Anna Bell"], "Anna Bell"),
        (ids["Diane"], "Diane"),
    ]
    assert stakeholders.find_by_name("ANDERS") == [
        (ids["Joanna Andersen"], "Joanna Andersen"),
        (ids["Sam Anders"], "Sam Anders"),
    ]
    assert stakeholders.find_by_name("  ") == []
