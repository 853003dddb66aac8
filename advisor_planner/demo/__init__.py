"""Sample data: a realistic, deterministic dataset for demos, screenshots and benchmarks.

``generate(size="small" | "large" | "huge", seed=N)`` fills an empty database; the same seed and day
always give the same rows. ``UNITS`` are the business units its people belong to.

It is not part of the application's API (``services``): it sits above it, writes through the
store's models in bulk, and is used only by the command line's ``demo`` and the dashboard's
"Load sample data".

- ``generator``: the plans for each size, the stages in order and ``generate`` itself.
- ``world``: what the stages share (the plan, the one random stream, the people so far).
- ``people``: the stakeholders and their trust checks.
- ``conversations``: touchpoints, the commitments made in them, feedback received.
- ``growth``: brand goals, weekly reflections and initiatives.
- ``writer``: bulk inserts, fast enough for the large set's 300,000 rows.
- ``phrases``: the sample text (names, titles, topics, notes), read from ``resources/demo/``.
"""

from advisor_planner.demo.generator import SIZES, generate
from advisor_planner.demo.phrases import UNITS

__all__ = ["SIZES", "UNITS", "generate"]
