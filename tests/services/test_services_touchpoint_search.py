"""The touchpoint search: the same rows as the query it replaced, and a search that gives way.

Issue 18 reshaped the search's query (the people are looked up first, then each touchpoint
asks the link index) so that it stops at the hundredth match; these tests hold its rows equal
to the former query's on the small demo, for words that match subjects, notes, names, nothing,
and SQL's own wildcards.
"""

from __future__ import annotations

from datetime import date

import pytest

from advisor_planner import demo
from advisor_planner.services import touchpoints
from advisor_planner.services.errors import Interrupted
from advisor_planner.store import models as m

TODAY = date(2026, 3, 20)
WORDS = (
    "a", "an", "e", "budget", "review", "roadmap", "zqxj", "%", "_", "\\", "'", "o'", "ANN",
    "  lee ", "Lee", "smith", "1:1", "x",
)  # fmt: skip


def former_ids(search: str, stakeholder_id: int | None = None, limit: int = 100) -> list[int]:
    """The query the list ran before issue 18: people through a join over every link."""
    t = m.Touchpoint
    query = t.select(t.id)
    if stakeholder_id is not None:
        link = m.TouchpointStakeholder
        query = query.where(
            t.id.in_(link.select(link.touchpoint).where(link.stakeholder == stakeholder_id))
        )
    needle = search.strip()
    if needle:
        people = (
            m.TouchpointStakeholder.select(m.TouchpointStakeholder.touchpoint)
            .join(m.Stakeholder)
            .where(m.Stakeholder.name.contains(needle))
        )
        query = query.where(
            t.subject.contains(needle) | t.notes.contains(needle) | t.id.in_(people)
        )
    query = query.order_by(t.occurred_at.desc(), t.id.desc()).limit(limit)
    return [row_id for (row_id,) in query.tuples()]


@pytest.fixture
def seeded(db):
    demo.generate(size="small", seed=3, today=TODAY)
    names = [name for (name,) in m.Stakeholder.select(m.Stakeholder.name).tuples()]
    return names


def _ids(search: str, **kwargs: object) -> list[int]:
    return [row.id for row in touchpoints.page(search=search, limit=1000, **kwargs)]  # type: ignore[arg-type]


def test_search_returns_the_rows_the_former_query_did(seeded) -> None:
    words = [*WORDS, seeded[0], seeded[3].split()[-1], seeded[5].split()[0][:3]]
    found_some = 0
    for word in words:
        expected = former_ids(word, limit=1000)
        assert _ids(word) == expected, word
        assert touchpoints.count(search=word) == len(expected), word
        found_some += bool(expected)
    assert found_some >= 10, "the words must find rows for the comparison to mean anything"


def test_search_by_name_alone_matches_the_former_query(seeded) -> None:
    # A whole name matches no subject or note: only the people part finds these.
    name = seeded[2]
    expected = former_ids(name, limit=1000)
    assert expected
    assert _ids(name) == expected
    person = m.Stakeholder.get(m.Stakeholder.name == name).id
    other = seeded[4].split()[0]
    assert _ids(other, stakeholder_id=person) == former_ids(other, person, limit=1000)


def test_many_matching_people_are_named_by_a_subquery(seeded, monkeypatch) -> None:
    # (Past MAX_LISTED_PEOPLE the people go in as a subquery; the rows are the same.)
    monkeypatch.setattr(touchpoints, "MAX_LISTED_PEOPLE", 1)
    for word in ("a", "e", seeded[0]):
        assert _ids(word) == former_ids(word, limit=1000), word


def test_a_cancelled_search_gives_way(seeded, monkeypatch) -> None:
    from advisor_planner.store import connection

    with pytest.raises(Interrupted):
        touchpoints.page(search="zqxj", cancelled=lambda: True)
    # Cancelled while the query runs (the small demo needs a closer look than every 10,000
    # instructions to be caught in the middle).
    monkeypatch.setattr(connection, "INTERRUPT_CHECK_INSTRUCTIONS", 50)
    looks: list[int] = []

    def cancelled_after_the_start() -> bool:
        looks.append(1)
        return len(looks) > 1

    with pytest.raises(Interrupted):
        touchpoints.page(search="zqxj", cancelled=cancelled_after_the_start)
    assert len(looks) >= 2
    # and the connection answers the next query as before
    assert _ids("zqxj") == []
    assert touchpoints.page(search="budget", cancelled=lambda: False) == touchpoints.page(
        search="budget"
    )
