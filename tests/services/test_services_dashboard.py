"""The dashboard's loader and the series it serves, against a small dataset worked out by hand.

Today is pinned to Friday 2026-03-20. The people (created in this order, so Bea has the
lower id although Ada weighs more):

=====  =====  ========  =========  =======  =============================================
name   power  interest  p × i      cadence  trust checks
=====  =====  ========  =========  =======  =============================================
Bea    4      3         12 key     13       11 Mar: C=R=I=5, S=5 → q 15/5 = 3 → score 50
Ada    5      4         20 key     7        20 Jan: C=R=I=1, S=10 → q 3/10 = 0.3 → score 0
                                            3 Mar: C=R=I=10, S=1 → q 30/1 = 30 → score 100
Carl   3      3         9          5        15 Jan 2025 and 4 Mar 2026 (not key: ignored)
=====  =====  ========  =========  =======  =============================================

Touchpoints (all date-only):

========  ==========  ==========  ===========================================
name      day         channel     with
========  ==========  ==========  ===========================================
old_out   2025-03-07  one_on_one  Bea (one day before the calendar's first day)
old_in    2025-03-08  workshop    Carl (the calendar's first day)
june      2025-06-10  call        Bea
t1        2026-03-02  one_on_one  Ada
t2        2026-03-04  meeting     Ada, Bea ("Roadmap", decide, sentiment 1, listening 4)
t3        2026-03-04  email       Bea
t4        2026-03-12  call        Carl
t5        2026-03-16  one_on_one  Ada
future    2026-03-27  call        Bea (a week after today)
========  ==========  ==========  ===========================================
"""

from __future__ import annotations

import threading
from datetime import date

import pytest

from advisor_planner.services import commitments, dashboard, stakeholders, touchpoints, trust_checks
from advisor_planner.services.dashboard import Period
from advisor_planner.services.insights import activity_series, person_series, trust_series

D = date
MARCH = Period(D(2026, 3, 2), D(2026, 3, 20))  # Monday 2 March to today


@pytest.fixture
def data(db, today):
    def person(name, power, interest, cadence):
        return stakeholders.create(
            name=name, power=power, interest=interest, cadence_days=cadence
        ).id

    bea = person("Bea", 4, 3, 13)
    ada = person("Ada", 5, 4, 7)
    carl = person("Carl", 3, 3, 5)

    def check(who, on, c, r, i, s):
        return trust_checks.create(
            stakeholder_id=who,
            checked_on=on,
            credibility=c,
            reliability=r,
            intimacy=i,
            self_orientation=s,
        ).id

    checks = {
        "ada_jan": check(ada, D(2026, 1, 20), 1, 1, 1, 10),  # q 0.3 → 0
        "ada_mar": check(ada, D(2026, 3, 3), 10, 10, 10, 1),  # q 30 → 100
        "bea_mar": check(bea, D(2026, 3, 11), 5, 5, 5, 5),  # q 3 → 50
        "carl_old": check(carl, D(2025, 1, 15), 10, 10, 10, 1),
        "carl_mar": check(carl, D(2026, 3, 4), 10, 10, 10, 1),
    }

    def meet(who, on, channel, **extra):
        return touchpoints.create(stakeholder_ids=who, occurred_on=on, channel=channel, **extra).id

    tps = {
        "old_out": meet([bea], D(2025, 3, 7), "one_on_one"),
        "old_in": meet([carl], D(2025, 3, 8), "workshop"),
        "june": meet([bea], D(2025, 6, 10), "call"),
        "t1": meet([ada], D(2026, 3, 2), "one_on_one"),
        "t2": meet(
            [ada, bea],
            D(2026, 3, 4),
            "meeting",
            subject="Roadmap",
            purpose="decide",
            sentiment=1,
            listening=4,
        ),
        "t3": meet([bea], D(2026, 3, 4), "email"),
        "t4": meet([carl], D(2026, 3, 12), "call"),
        "t5": meet([ada], D(2026, 3, 16), "one_on_one"),
        "future": meet([bea], D(2026, 3, 27), "call"),
    }

    def promise(who, made, due, status="open", closed=None):
        commitments.create(
            text="promise",
            stakeholder_id=who,
            made_on=made,
            due_on=due,
            status=status,
            closed_on=closed,
        )

    promise(ada, D(2026, 2, 1), D(2026, 2, 5), "kept", D(2026, 2, 4))  # P1 kept on time
    promise(ada, D(2026, 3, 2), D(2026, 3, 6), "kept", D(2026, 3, 5))  # P2 kept on time
    promise(ada, D(2026, 3, 2), D(2026, 3, 6), "kept", D(2026, 3, 10))  # P3 kept, but late
    promise(bea, D(2026, 3, 2), D(2026, 3, 9), "broken", D(2026, 3, 9))  # P4 broken
    promise(bea, D(2026, 3, 2), D(2026, 3, 12), "late", D(2026, 3, 13))  # P5 late
    promise(ada, D(2026, 3, 2), D(2026, 3, 11))  # P6 open, overdue from 12 March
    promise(bea, D(2026, 3, 2), D(2026, 3, 18))  # P7 open, overdue from 19 March
    promise(ada, D(2026, 3, 2), D(2026, 3, 25))  # P8 open, not yet due
    promise(ada, D(2026, 3, 2), None, "cancelled", D(2026, 3, 3))  # P9 never counts
    return {"ada": ada, "bea": bea, "carl": carl, "checks": checks, "tps": tps}


# -- period_for -------------------------------------------------------------------------------
def test_period_for_3m_and_12m_end_today():
    # 3m: 13 weeks ending today, today − (13 × 7 − 1) = 20 Mar − 90 days
    # (20 Mar → 28 Feb is 20 days, → 31 Jan 28 more, → 31 Dec 31 more, 11 to go) = 20 Dec 2025.
    three = dashboard.period_for("3m", today=D(2026, 3, 20))
    assert three == Period(D(2025, 12, 20), D(2026, 3, 20))
    assert three.days == 91  # 13 × 7
    # 12m: 52 weeks, today − 363 days; 365 days back is 20 Mar 2025, so 22 Mar 2025.
    twelve = dashboard.period_for("12m", today=D(2026, 3, 20))
    assert twelve == Period(D(2025, 3, 22), D(2026, 3, 20))
    assert twelve.days == 364  # 52 × 7


def test_period_for_defaults_to_the_clock(today):
    assert dashboard.period_for("3m") == Period(D(2025, 12, 20), D(2026, 3, 20))


def test_period_for_custom_sorts_the_days_and_falls_back_without_them():
    picked = dashboard.period_for(
        "custom", today=D(2026, 3, 20), custom=(D(2026, 2, 28), D(2026, 2, 1))
    )
    assert picked == Period(D(2026, 2, 1), D(2026, 2, 28))
    assert picked.days == 28
    # Nothing picked yet: the last 12 months, as for "12m".
    assert dashboard.period_for("custom", today=D(2026, 3, 20)) == Period(
        D(2025, 3, 22), D(2026, 3, 20)
    )


def test_period_for_all_with_an_explicit_span():
    # From the span's first day to today, whatever the span's last day.
    got = dashboard.period_for("all", today=D(2026, 3, 20), span=(D(2025, 6, 1), D(2026, 1, 31)))
    assert got == Period(D(2025, 6, 1), D(2026, 3, 20))
    assert got.days == 293  # 30 (June) + 31+31+30+31+30+31 + 31+28+20 = 293


def test_period_for_all_on_an_empty_database_is_the_last_12_months(db, today):
    assert activity_series.data_span() is None
    assert dashboard.period_for("all") == Period(D(2025, 3, 22), D(2026, 3, 20))


def test_period_for_all_reads_the_span_from_the_database(data):
    # First day with data: Carl's check on 15 January 2025 (before any touchpoint).
    assert dashboard.period_for("all") == Period(D(2025, 1, 15), D(2026, 3, 20))


# -- data_span --------------------------------------------------------------------------------
def test_data_span_takes_trust_checks_and_touchpoints(data):
    # Earliest: Carl's check of 15 Jan 2025; latest: the touchpoint planned for 27 March 2026.
    assert activity_series.data_span() == (D(2025, 1, 15), D(2026, 3, 27))


def test_data_span_reads_each_end_of_an_index_not_the_table(data, db, caplog):
    """ "All time" is chosen on the GUI thread: its span must not read every touchpoint (MIN
    and MAX in one query made SQLite scan the whole index, 10-35 ms on the large demo)."""
    caplog.set_level("DEBUG", logger="peewee")
    activity_series.data_span()
    queries = [record.msg for record in caplog.records if isinstance(record.msg, tuple)]
    assert queries
    for sql, params in queries:
        plan = " ".join(str(row[-1]) for row in db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "SCAN" not in plan, (sql, plan)


# -- trust index ------------------------------------------------------------------------------
def test_trust_index_before_and_after_each_check(data):
    ada, bea = data["ada"], data["bea"]
    series = trust_series.trust_index(start=MARCH.start, end=MARCH.end)
    assert series.week_ends == [D(2026, 3, 8), D(2026, 3, 15), D(2026, 3, 22)]
    assert series.key_stakeholders == 2
    # 8 Mar: only Ada counts (her 3 March check, 100).
    # 15 and 22 Mar: Bea's 11 March check too: (20 × 100 + 12 × 50) / 32 = 2600 / 32 = 81.25.
    assert series.values == pytest.approx([100.0, 81.25, 81.25])
    assert series.change == pytest.approx(81.25 - 100.0)  # −18.75
    # Carl (3 × 3 = 9) is not key: his 4 March check appears nowhere.
    assert series.checks_by_week.keys() == {D(2026, 3, 8), D(2026, 3, 15)}
    assert series.checks_by_week[D(2026, 3, 8)] == [(ada, pytest.approx(100.0))]
    assert series.checks_by_week[D(2026, 3, 15)] == [(bea, pytest.approx(50.0))]
    assert series.names == {bea: "Bea", ada: "Ada"}
    assert series.unchecked == ()


def test_trust_index_counts_a_check_from_before_the_range(data):
    ada, bea = data["ada"], data["bea"]
    series = trust_series.trust_index(start=D(2026, 2, 9), end=D(2026, 3, 8))
    assert series.week_ends == [D(2026, 2, 15), D(2026, 2, 22), D(2026, 3, 1), D(2026, 3, 8)]
    # Ada's 20 January check (q 0.3 → 100 × ln(1) / ln(100) = 0) holds until 3 March (100);
    # Bea is not checked until 11 March, so she does not count yet.
    assert series.values == pytest.approx([0.0, 0.0, 0.0, 100.0])
    assert series.change == pytest.approx(100.0)
    # The January check is before the first week (9–15 Feb), so no week lists it.
    assert series.checks_by_week == {D(2026, 3, 8): [(ada, pytest.approx(100.0))]}
    assert series.unchecked == (bea,)


def test_trust_index_before_any_check_lists_the_heaviest_unchecked_first(data):
    ada, bea = data["ada"], data["bea"]
    series = trust_series.trust_index(start=D(2026, 1, 5), end=D(2026, 1, 18))
    assert series.week_ends == [D(2026, 1, 11), D(2026, 1, 18)]
    assert series.values == [None, None]
    assert series.change is None
    assert series.checks_by_week == {}
    assert series.names == {bea: "Bea", ada: "Ada"}
    # Ada (20) before Bea (12), although Bea was created first.
    assert bea < ada
    assert series.unchecked == (ada, bea)


# -- activity and calendar --------------------------------------------------------------------
def test_activity_and_calendar_through_load(data, today):
    result = dashboard.load(parts=["activity", "calendar"], period=MARCH)
    assert set(result) == {"activity", "calendar"}
    activity, calendar = result["activity"], result["calendar"]
    assert (activity.start, activity.end) == (D(2026, 3, 2), D(2026, 3, 20))
    # Only the days of the period; the planned 27 March touchpoint is after its end.
    assert activity.by_day_channel == {
        (D(2026, 3, 2), "one_on_one"): 1,
        (D(2026, 3, 4), "meeting"): 1,
        (D(2026, 3, 4), "email"): 1,
        (D(2026, 3, 12), "call"): 1,
        (D(2026, 3, 16), "one_on_one"): 1,
    }
    assert activity.per_day() == {
        D(2026, 3, 2): 1,
        D(2026, 3, 4): 2,
        D(2026, 3, 12): 1,
        D(2026, 3, 16): 1,
    }
    assert activity.total == 5
    weeks, counts = activity.per_week()
    assert weeks == [D(2026, 3, 2), D(2026, 3, 9), D(2026, 3, 16)]  # (18 // 7) + 1 = 3 Mondays
    assert counts == {
        "one_on_one": [1, 0, 1],
        "meeting": [1, 0, 0],
        "email": [1, 0, 0],
        "call": [0, 1, 0],
    }
    # The calendar reaches back 371 + 6 = 377 days: 20 Mar 2026 − 365 = 20 Mar 2025, − 12 more
    # = 8 Mar 2025. It holds that day's workshop but not the 7 March one-on-one.
    assert (calendar.start, calendar.end) == (D(2025, 3, 8), D(2026, 3, 20))
    assert calendar.per_day() == {
        D(2025, 3, 8): 1,
        D(2025, 6, 10): 1,
        D(2026, 3, 2): 1,
        D(2026, 3, 4): 2,
        D(2026, 3, 12): 1,
        D(2026, 3, 16): 1,
    }
    assert calendar.by_day_channel[(D(2025, 3, 8), "workshop")] == 1
    assert calendar.total == 7  # 5 in March + 8 March 2025 + 10 June 2025


def test_activity_and_calendar_arrive_summed_by_day_and_week(data, today):
    # Summed on the loading thread, so that drawing them (on the GUI thread) sums nothing.
    result = dashboard.load(parts=["activity", "calendar"], period=MARCH)
    for series in result.values():
        assert series._sums.keys() == {"day", "week"}
        assert series.per_week() is series.per_week()
        fresh = activity_series.Activity(series.start, series.end, dict(series.by_day_channel))
        assert fresh == series
        assert (fresh.per_day(), fresh.per_week()) == (series.per_day(), series.per_week())


def test_calendar_of_a_period_longer_than_a_year_starts_with_the_period(data, today):
    period = Period(D(2025, 1, 1), D(2026, 3, 20))
    calendar = dashboard.load(parts=["calendar"], period=period)["calendar"]
    assert calendar.start == D(2025, 1, 1)  # earlier than 8 March 2025
    assert calendar.total == 8  # every touchpoint but the one planned for 27 March
    assert calendar.per_day()[D(2025, 3, 7)] == 1


# -- follow-through ---------------------------------------------------------------------------
def test_follow_through_at_each_week_end(data, today):
    ft = dashboard.load(parts=["follow_through"], period=MARCH)["follow_through"]
    # The week of 16–22 March is judged as of today, 20 March.
    assert ft.week_ends == [D(2026, 3, 8), D(2026, 3, 15), D(2026, 3, 20)]
    # 8 Mar: kept on time P1 (4 Feb), P2 (5 Mar); missed P3 (due 6 Mar, still open then)
    #        → 2 / 3.
    # 15 Mar: kept P1, P2; missed P3 (closed 10 Mar after its due day), P4 broken, P5 late,
    #        P6 overdue since 11 Mar → 2 / 6.
    # 20 Mar: as 15 Mar plus P7 overdue (due 18 Mar) → 2 / 7.  P8 not due, P9 cancelled.
    assert ft.rates == pytest.approx([2 / 3, 2 / 6, 2 / 7])
    assert ft.considered == [3, 6, 7]
    assert ft.overdue_now == 2  # P6 and P7
    assert ft.window_days == 90


# -- load -------------------------------------------------------------------------------------
def test_load_returns_the_parts_asked_for_and_delivers_them_in_load_order(data, today):
    delivered = []
    result = dashboard.load(
        parts=["trust_index", "calendar", "people", "follow_through"],
        period=MARCH,
        deliver=lambda part, series: delivered.append((part, series)),
    )
    assert set(result) == {"trust_index", "calendar", "people", "follow_through"}
    # Slowest first, then what a logged touchpoint redraws, then the rest (LOAD_ORDER).
    assert [part for part, _ in delivered] == [
        "people",
        "calendar",
        "follow_through",
        "trust_index",
    ]
    assert all(series is result[part] for part, series in delivered)
    assert [p.name for p in result["people"]] == ["Bea", "Ada", "Carl"]
    # Bea: last contact 4 March (27 March is after today) + 13 = 17 March, 3 days ago.
    assert result["people"][0].cadence.label == "3 days overdue"
    assert result["trust_index"].values == pytest.approx([100.0, 81.25, 81.25])


def test_load_of_every_part(data, today):
    delivered = []
    result = dashboard.load(
        parts=dashboard.PARTS, period=MARCH, deliver=lambda part, _: delivered.append(part)
    )
    assert sorted(dashboard.LOAD_ORDER) == sorted(dashboard.PARTS)
    assert delivered == list(dashboard.LOAD_ORDER)
    assert set(result) == set(dashboard.PARTS)
    assert result["perception"] == []  # no check rated warmth and competence
    assert result["goals"] == []
    assert result["outcomes"].measure == "user_satisfaction"
    assert (result["outcomes"].points, result["outcomes"].r) == ([], None)


def test_load_refuses_an_unknown_part_before_loading_any(data, today):
    delivered = []
    with pytest.raises(ValueError, match="weather"):
        dashboard.load(
            parts=["activity", "weather"],
            period=MARCH,
            deliver=lambda part, _: delivered.append(part),
        )
    assert delivered == []


def test_load_in_worker_closes_only_its_own_connection(data, today):
    from advisor_planner.store import models

    outcome = {}

    def work():
        outcome["result"] = dashboard.load_in_worker(parts=["activity"], period=MARCH)
        outcome["closed"] = models.database.is_closed()

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=30)
    assert outcome["closed"] is True
    assert outcome["result"]["activity"].total == 5
    assert not models.database.is_closed()  # this thread's connection is untouched
    assert touchpoints.count() == 9


# -- one person -------------------------------------------------------------------------------
def test_person_trust_points_in_date_order(data, today):
    ada, checks = data["ada"], data["checks"]
    trust = person_series.person_trust(stakeholder_id=ada)
    assert (trust.stakeholder_id, trust.name) == (ada, "Ada")
    assert [p.on for p in trust.points] == [D(2026, 1, 20), D(2026, 3, 3)]
    assert [p.check_id for p in trust.points] == [checks["ada_jan"], checks["ada_mar"]]
    assert [p.quotient for p in trust.points] == pytest.approx([3 / 10, 30 / 1])
    assert [p.score for p in trust.points] == pytest.approx([0.0, 100.0])
    # 20 Jan: nothing closed or due yet → None.  3 Mar: P1 kept on 4 Feb (within 90 days),
    # nothing else closed or overdue yet → 1 / 1.
    assert [p.evidence_reliability for p in trust.points] == [None, 1.0]
    nobody = person_series.person_trust(stakeholder_id=9999)
    assert (nobody.name, nobody.points) == ("", [])


def test_person_contact_timeline_and_cadence(data, today):
    bea, tps = data["bea"], data["tps"]
    contact = person_series.person_contact(stakeholder_id=bea)
    assert (contact.stakeholder_id, contact.name, contact.today) == (bea, "Bea", D(2026, 3, 20))
    assert [p.touchpoint_id for p in contact.touchpoints] == [
        tps["old_out"],
        tps["june"],
        tps["t2"],
        tps["t3"],
        tps["future"],
    ]
    assert [(p.on, p.channel) for p in contact.touchpoints] == [
        (D(2025, 3, 7), "one_on_one"),
        (D(2025, 6, 10), "call"),
        (D(2026, 3, 4), "meeting"),
        (D(2026, 3, 4), "email"),
        (D(2026, 3, 27), "call"),
    ]
    roadmap, email = contact.touchpoints[2], contact.touchpoints[3]
    assert (roadmap.subject, roadmap.purpose, roadmap.sentiment, roadmap.listening) == (
        "Roadmap",
        "decide",
        1,
        4,
    )
    assert (email.subject, email.purpose, email.sentiment, email.listening) == (
        "",
        "listen",
        None,
        None,
    )
    # The 27 March touchpoint is after today: the last contact is 4 March.
    assert contact.last_contact == D(2026, 3, 4)
    # 4 March + 13 days = 17 March; 20 − 17 = 3 days overdue.
    assert contact.cadence.due_on == D(2026, 3, 17)
    assert contact.cadence.days_until_due == -3
    assert contact.cadence.overdue is True
    assert contact.cadence.label == "3 days overdue"


# -- touchpoint list narrowed to days ---------------------------------------------------------
def test_touchpoint_count_with_start_and_end(data, today):
    bea, ada = data["bea"], data["ada"]
    assert touchpoints.count() == 9
    assert touchpoints.count(start=D(2026, 3, 4), end=D(2026, 3, 16)) == 4  # t2, t3, t4, t5
    assert touchpoints.count(start=D(2026, 3, 16)) == 2  # t5 and the one on 27 March
    assert touchpoints.count(end=D(2025, 6, 10)) == 3  # old_out, old_in, june
    assert touchpoints.count(start=D(2026, 3, 4), end=D(2026, 3, 4), stakeholder_id=bea) == 2
    assert touchpoints.count(start=D(2026, 3, 4), end=D(2026, 3, 4), stakeholder_id=ada) == 1
    assert touchpoints.count(start=D(2026, 3, 5), end=D(2026, 3, 11)) == 0


def test_touchpoint_page_with_start_and_end(data, today):
    tps = data["tps"]
    rows = touchpoints.page(start=D(2026, 3, 4), end=D(2026, 3, 16))
    # Newest first; t2 and t3 share a day (and a moment), so the higher id comes first.
    assert [r.id for r in rows] == [tps["t5"], tps["t4"], tps["t3"], tps["t2"]]
    assert [r.channel for r in rows] == ["one_on_one", "call", "email", "meeting"]
    assert [r.people for r in rows] == ["Ada", "Carl", "Bea", "Ada, Bea"]
    assert [r.has_time for r in rows] == [False] * 4
    assert rows[3].subject == "Roadmap"
    second = touchpoints.page(start=D(2026, 3, 4), end=D(2026, 3, 16), offset=1, limit=2)
    assert [r.id for r in second] == [tps["t4"], tps["t3"]]


def test_trust_index_lists_every_check_of_the_first_week(data):
    # Ada is checked on Tuesday 3 March (score 100) and again on Thursday 5 March: C=R=I=5,
    # S=5 → q 3 → score 50. Both belong to the first week, ending Sunday 8 March.
    trust_checks.create(
        stakeholder_id=data["ada"], checked_on=D(2026, 3, 5), credibility=5, reliability=5,
        intimacy=5, self_orientation=5,
    )  # fmt: skip
    series = trust_series.trust_index(start=D(2026, 3, 4), end=D(2026, 3, 15))
    assert series.week_ends == [D(2026, 3, 8), D(2026, 3, 15)]
    assert series.checks_by_week[D(2026, 3, 8)] == [(data["ada"], 100.0), (data["ada"], 50.0)]


def test_period_for_refuses_an_unknown_choice():
    with pytest.raises(ValueError, match="3m, 12m, all, custom"):
        dashboard.period_for("fortnight", today=D(2026, 3, 20))


def test_period_for_all_ends_today_even_with_touchpoints_planned_ahead():
    # Everything lies after today: the period is today alone.
    period = dashboard.period_for("all", today=D(2026, 3, 20), span=(D(2026, 4, 1), D(2026, 4, 9)))
    assert period == Period(D(2026, 3, 20), D(2026, 3, 20))
