"""Whether a brand goal is on track: its metric's progress set against the time gone.

Progress = (latest − baseline) / (target − baseline); time gone = (today − start) / (target
day − start). A goal is on track when progress ≥ time gone − 5 points.
"""

from __future__ import annotations

from advisor_planner.translation import QT_TRANSLATE_NOOP, translate

ON_TRACK_SLACK = 0.05
ON_TRACK_FORMULA = QT_TRANSLATE_NOOP(
    "Formula", "On track when progress ≥ share of the time gone − 5 points"
)


def on_track_formula() -> str:
    """``ON_TRACK_FORMULA`` in the user's language."""
    return translate("Formula", ON_TRACK_FORMULA)


def share_of_the_way(
    baseline: float | None, target: float | None, value: float | None
) -> float | None:
    """Progress = (value − baseline) / (target − baseline): 0 at the baseline, 1 at the target
    (below 0 or above 1 beyond them); None when any is unknown or the target is the baseline."""
    if value is None or baseline is None or target is None or target == baseline:
        return None
    return (value - baseline) / (target - baseline)


def on_track(progress: float | None, time_elapsed: float | None) -> bool | None:
    """On track when progress ≥ time elapsed − 0.05 (both 0..1); None when either is unknown."""
    if progress is None or time_elapsed is None:
        return None
    return progress >= time_elapsed - ON_TRACK_SLACK
