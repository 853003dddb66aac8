"""Which chart class draws each dashboard part, for the dashboard and for the report (which
draws the same parts, two of them through subclasses of its own, and the reflection's charts).

The classes are imported when asked for, not with this module: they bring pyqtgraph, which
the window's first frame does without.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advisor_planner.charts.base import Chart


def dashboard_charts() -> dict[str, type[Chart]]:
    """The chart class of each dashboard part, by the part's name (``services.dashboard``)."""
    from advisor_planner.charts.goals import GoalProgressChart
    from advisor_planner.charts.heatmap import ActivityHeatmapChart
    from advisor_planner.charts.scatter import (
        StakeholderMapChart,
        TrustOutcomesChart,
        WarmthCompetenceChart,
    )
    from advisor_planner.charts.time_series import (
        FollowThroughChart,
        TouchpointsPerWeekChart,
        TrustIndexChart,
    )

    return {
        "trust_index": TrustIndexChart,
        "follow_through": FollowThroughChart,
        "activity": TouchpointsPerWeekChart,
        "calendar": ActivityHeatmapChart,
        "people": StakeholderMapChart,
        "perception": WarmthCompetenceChart,
        "goals": GoalProgressChart,
        "outcomes": TrustOutcomesChart,
    }
