"""Each person's cadence status and relationship health, and who needs attention
(``insights.relationships``)."""

from __future__ import annotations

from datetime import date

import pytest

from advisor_planner.services.insights import relationships

D = date


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


def test_needs_attention_key_people_first_then_by_cadences_overdue(data):
    pressing = relationships.needs_attention()
    # Bea is key (4 × 3), 6 days past a 10-day cadence; Carl 2 days past 7; Finn never
    # contacted, so after those overdue.
    assert [p.name for p in pressing] == ["Bea", "Carl", "Finn"]
    assert [p.cadences_overdue for p in pressing] == [
        pytest.approx(0.6),
        pytest.approx(2 / 7),
        None,
    ]
    assert [p.name for p in relationships.needs_attention(limit=1)] == ["Bea"]
    # On 2 April Ada (key) is 3 days past 14: after Bea (19 past 10), yet before Carl (15 past
    # 7, more cadences but not key).
    later = relationships.needs_attention(today=D(2026, 4, 2))
    assert [p.name for p in later] == ["Bea", "Ada", "Carl", "Finn"]
    assert len(relationships.needs_attention(today=D(2026, 4, 2), limit=None)) == 4


def test_needs_attention_as_of_an_earlier_day(data):
    # On 13 March only Finn is overdue (Bea is due 14 March, Carl 18 March); Ada's contact on
    # 16 March has not happened yet then.
    assert [p.name for p in relationships.needs_attention(today=D(2026, 3, 13))] == ["Finn"]


def test_one_persons_summary_is_theirs_from_everybodys(data):
    everyone = {p.name: p for p in relationships.people_status(include_archived=True)}
    assert sorted(everyone) == ["Ada", "Bea", "Carl", "Dora", "Eve", "Finn"]
    ada = everyone["Ada"]
    assert relationships.person_status(stakeholder_id=data["ada"]) == ada
    # Three touchpoints in the window; K1 and K5 kept on time, K2 late: 2 of 3.
    assert ada.touchpoints_in_window == 3
    assert ada.evidence_reliability == pytest.approx(2 / 3)
    assert ada.days_overdue == 0
    bea = relationships.person_status(stakeholder_id=data["bea"])
    assert bea.days_overdue == 6
    assert bea.evidence_reliability == 0.0  # K3 closed late, K4 overdue
    dora = relationships.person_status(stakeholder_id=data["dora"])  # archived, still found
    assert dora == everyone["Dora"]
    assert (dora.health, dora.touchpoints_in_window, dora.evidence_reliability) == (None, 0, None)
    assert relationships.person_status(stakeholder_id=9999) is None


def test_last_contact_as_of_a_day_before_someones_latest_touchpoint(data):
    """The kept last contact is each person's latest day; looked at from an earlier day it is
    the latest by that day (Ada's 16 March is after the 12th: her 4 March), or none."""

    def last(day):
        return {p.name: p.last_contact for p in relationships.people_status(today=day)}

    assert last(D(2026, 3, 12)) == {
        "Ada": D(2026, 3, 4),
        "Bea": D(2026, 3, 4),
        "Carl": D(2026, 3, 11),
        "Eve": None,
        "Finn": None,
    }
    assert last(D(2026, 3, 3))["Ada"] == D(2026, 3, 2)
    assert last(D(2026, 3, 3))["Bea"] == D(2026, 2, 20)
    assert set(last(D(2026, 2, 1)).values()) == {None}
