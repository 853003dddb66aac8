"""``cached_rows``: a query compiled once per key, whatever closure builds it, with the rows
of the query the key names."""

from __future__ import annotations

from advisor_planner.services import stakeholders
from advisor_planner.services.insights.query import cached_rows
from advisor_planner.store import models as m


def test_a_query_is_compiled_once_for_its_key_even_from_a_new_closure(db) -> None:
    for name in ("Ada", "Bea", "Carl"):
        stakeholders.create(name=name, power=len(name))
    built: list[int] = []

    def names_of_power(power: int) -> list[str]:
        def build() -> object:
            built.append(power)
            s = m.Stakeholder
            return s.select(s.name).where(s.power == power).order_by(s.name)

        return [name for (name,) in cached_rows(("test names", power), build)]

    assert names_of_power(3) == ["Ada", "Bea"]
    assert names_of_power(3) == ["Ada", "Bea"]
    assert names_of_power(4) == ["Carl"]
    assert names_of_power(4) == ["Carl"]
    assert built == [3, 4]
