"""The insights series are tested against a small dataset whose every number is worked out by
hand here (``data``).

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
from collections.abc import Callable
from datetime import date

import pytest

from advisor_planner.services import commitments, stakeholders, touchpoints, trust_checks

D = date


def _score(quotient: float) -> float:
    """The 0–100 trust scale, written out: 100 × ln(q / 0.3) / ln(100)."""
    return 100 * math.log(quotient / 0.3) / math.log(100)


@pytest.fixture
def score() -> Callable[[float], float]:
    """``score(quotient)``: the 0–100 trust scale, written out."""
    return _score


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
