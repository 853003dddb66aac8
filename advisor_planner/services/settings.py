"""Preferences that belong to the data (they travel with the database file).

``DEFAULTS`` declares every setting with its default; reading an unknown key is an error, so a
typo cannot silently read ``None``. Window layout and other per-machine state live in
QSettings instead, in the UI.
"""

from __future__ import annotations

import json
from typing import Any

from advisor_planner.services.errors import ValidationError
from advisor_planner.services.validation import too_long
from advisor_planner.store.models import Setting, database, utc_now
from advisor_planner.translation import translate

DEFAULTS: dict[str, Any] = {
    "leader_name": "",
    "reflection_weekday": 5,  # ISO weekday, Friday
    "reflection_time": "16:00",
    "reliability_window_days": 90,
    "dashboard_range": "12m",
}


def _check(key: str, value: Any) -> None:
    from advisor_planner.domain.reminder import parse_time

    if key == "reflection_weekday" and not 1 <= value <= 7:
        raise ValidationError(key, translate("Validation", "must be 1 (Monday) to 7 (Sunday)"))
    if key == "reflection_time":
        try:
            parse_time(value)
        except ValueError as exc:
            raise ValidationError(key, str(exc)) from None
    if key == "leader_name" and len(value) > 200:
        raise ValidationError(key, too_long(len(value), 200))


def get(key: str) -> Any:
    if key not in DEFAULTS:
        raise ValidationError(key, translate("Validation", "is not a known setting"))
    row = Setting.get_or_none(Setting.key == key)
    return json.loads(row.value) if row else DEFAULTS[key]


def set_value(key: str, value: Any) -> None:
    if key not in DEFAULTS:
        raise ValidationError(key, translate("Validation", "is not a known setting"))
    expected = type(DEFAULTS[key])
    if not isinstance(value, expected) or isinstance(value, bool) != isinstance(
        DEFAULTS[key], bool
    ):
        problem = translate("Validation", "must be {0}").format(expected.__name__)
        raise ValidationError(key, problem)
    _check(key, value)
    with database.atomic():
        updated = (
            Setting.update(value=json.dumps(value), updated_at=utc_now())
            .where(Setting.key == key)
            .execute()
        )
        if not updated:
            Setting.create(key=key, value=json.dumps(value))


def all_settings() -> dict[str, Any]:
    stored = {row.key: json.loads(row.value) for row in Setting.select()}
    return {key: stored.get(key, default) for key, default in DEFAULTS.items()}


def set_values(values: dict[str, Any]) -> None:
    """Set several settings at once: all of them, or (on any error) none."""
    with database.atomic():
        for key, value in values.items():
            set_value(key, value)
