"""The series behind the dashboard, the people list, the stakeholder page and the report.

One module per topic, each function one query (or a few) and a pure score from ``domain``:

- ``trust_series``: the weekly trust index, trust points and scores, warmth × competence;
- ``activity_series``: touchpoints per day and channel, and the span of all the data;
- ``promise_series``: follow-through over time and the promises overdue on a day;
- ``relationships``: each person's summary (cadence status, relationship health, evidence
  reliability) and who needs attention;
- ``goal_series``: brand goals' progress against time;
- ``outcome_series``: trust beside finished initiatives' outcomes;
- ``person_series``: one person's trust checks and touchpoints over time, for their charts;
- ``query``: what they share: raw rows, dates read raw, week ends.

Every function takes its date range and ``today`` explicitly (defaulting to the clock), reads
only the columns it needs as tuples (no model instances), and leaves the arithmetic to
``domain``. ``tests/perf/bench_store.py`` times each against hand-written SQL.
"""
