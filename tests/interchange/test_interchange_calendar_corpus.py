"""Real calendars from other people's test suites, each with the outcome it must have.

``samples/icalendar-suite`` holds the 163 calendars of icalendar's own tests (BSD licence, see
its README); ``outcomes.json`` beside them records what importing each must do: plan so many
to add, merge and skip, or refuse with its one-line message. The calendars that ship inside
``recurring_ical_events`` (LGPL, so read where installed rather than copied) are imported too,
with the rule every file must keep: planned or refused in one line, never a crash.

Run this file as a script with ``--record`` to write ``outcomes.json`` anew after a change
that is meant to change outcomes.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

from advisor_planner.interchange import plan_import
from advisor_planner.services.errors import FileRefused

CORPUS = Path(__file__).parent / "samples" / "icalendar-suite"
OUTCOMES = CORPUS / "outcomes.json"
TODAY = date(2026, 12, 2)


def outcome(path: Path) -> str:
    """What importing ``path`` (with ``--add-unknown``) does, as one line."""
    try:
        plan = plan_import(path, add_unknown=True)
    except FileRefused as refused:
        return f"refused: {refused}"
    for change in plan.changes:
        assert "\n" not in change.reason, (path.name, change.reason)
    return f"planned: {plan.summary()}"


def _readable(line: str) -> None:
    assert "\n" not in line and len(line) < 300, line
    for leak in ("Traceback", "object has no attribute", "expected 'v", "BEGIN:VEVENT"):
        assert leak not in line, line


def _recurring_ical_events_calendars() -> list[Path]:
    try:
        import recurring_ical_events
    except ImportError:  # pragma: no cover - it is a dependency
        return []
    return sorted(Path(recurring_ical_events.__file__).parent.rglob("*.ics"))


@pytest.fixture
def today(pin_today) -> date:
    return pin_today(TODAY)


def _recorded() -> dict[str, str]:
    return json.loads(OUTCOMES.read_text()) if OUTCOMES.exists() else {}


@pytest.mark.parametrize("name", sorted(_recorded()))
def test_each_calendar_of_icalendars_suite_has_its_outcome(db, today, name: str) -> None:
    expected = _recorded()[name]
    got = outcome(CORPUS / name)
    _readable(got)
    assert got == expected


@pytest.mark.parametrize(
    "path", _recurring_ical_events_calendars(), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_each_calendar_of_recurring_ical_events_is_planned_or_refused_in_one_line(
    db, today, path: Path
) -> None:
    _readable(outcome(path))


def _record() -> None:  # pragma: no cover - run by hand
    import tempfile

    from advisor_planner.services import clock
    from advisor_planner.store.connection import close_database
    from advisor_planner.store.opening import init_db

    clock.set_today(TODAY)
    found = {}
    for path in sorted(CORPUS.glob("*.ics")):
        with tempfile.TemporaryDirectory() as folder:
            init_db(Path(folder) / "corpus.sqlite")
            try:
                found[path.name] = outcome(path)
            finally:
                close_database()
    OUTCOMES.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n")
    print(f"recorded {len(found)} outcomes in {OUTCOMES}")


if __name__ == "__main__" and "--record" in sys.argv:
    _record()
