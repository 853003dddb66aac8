"""The demo's sample text, read from ``resources/demo/``: names, titles, topics, notes.

The text is data, so it can be reworded (or translated) without touching code. The three
files split as the generator's stages do: ``people.json`` (who the stakeholders are, and what
their trust checks note), ``conversations.json`` (what touchpoints, commitments and feedback
say) and ``growth.json`` (brand goals, weekly reflections, initiatives). Each entry's place in
its list matters: the generator picks by index, so changing, adding or reordering an entry
changes the data every seed gives.

The files are read once, on import, and checked: one missing or malformed is a broken
installation, and raises ``ValueError`` naming the file and the entry, rather than a
``KeyError`` halfway through writing. Tables keyed by an enum (subjects per channel, feedback
per aspect) must name every value of it, so a renamed value fails here, not in the UI.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from pathlib import Path

from advisor_planner.domain.enums import Channel, FeedbackAspect, TrustFactor
from advisor_planner.resources import resource_path

#: (title, trust factor, statement, metric, baseline, target); ``{unit}`` and ``{topic}``
#: are filled in.
GoalTemplate = tuple[str, TrustFactor, str, str, float, float]


class _File:
    """One JSON table of ``resources/demo/``, with typed, checked access to its entries."""

    def __init__(self, path: Path) -> None:
        self.path = path
        data = json.loads(self.path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError(f"{self.path}: expected a table of named entries")
        self.data: dict[str, object] = data

    def problem(self, key: str, expected: str) -> ValueError:
        return ValueError(f"{self.path}: '{key}' should be {expected}")

    def get(self, key: str) -> object:
        if key not in self.data:
            raise ValueError(f"{self.path}: '{key}' is missing")
        return self.data[key]

    def text(self, key: str) -> str:
        value = self.get(key)
        if not isinstance(value, str):
            raise self.problem(key, "text")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        return self._texts(key, self.get(key))

    def _texts(self, key: str, value: object) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.problem(key, "a list of text")
        return tuple(value)

    def table(self, key: str, names: Collection[str]) -> dict[str, object]:
        """The entry ``key``: a table whose keys are exactly ``names``."""
        value = self.get(key)
        if not isinstance(value, dict) or set(value) != set(names):
            raise self.problem(key, f"a table of exactly: {', '.join(sorted(names))}")
        return value

    def texts_by(self, key: str, names: Collection[str]) -> dict[str, tuple[str, ...]]:
        """The entry ``key``: a list of text for each of ``names``."""
        table = self.table(key, names)
        return {name: self._texts(f"{key}.{name}", texts) for name, texts in table.items()}

    def rows(self, key: str) -> list[object]:
        value = self.get(key)
        if not isinstance(value, list):
            raise self.problem(key, "a list")
        return value


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _titles(people: _File, units: tuple[str, ...]) -> dict[str, tuple[tuple[str, int], ...]]:
    titles: dict[str, tuple[tuple[str, int], ...]] = {}
    for unit, rows in people.table("titles", units).items():
        if not isinstance(rows, list) or not all(
            isinstance(row, list) and len(row) == 2 and isinstance(row[0], str) and _whole(row[1])
            for row in rows
        ):
            raise people.problem(f"titles.{unit}", "a list of [title, seniority]")
        titles[unit] = tuple((row[0], row[1]) for row in rows)
    return titles


def _roster(people: _File, units: tuple[str, ...]) -> tuple[tuple[str, str | None, int], ...]:
    roster: list[tuple[str, str | None, int]] = []
    for row in people.rows("small_roster"):
        match row:
            case [str(unit), str() | None as title, int(level)] if _whole(level) and unit in units:
                roster.append((unit, title, level))
            case _:
                raise people.problem("small_roster", "a list of [unit, title or null, seniority]")
    return tuple(roster)


def _goal_templates(growth: _File) -> tuple[GoalTemplate, ...]:
    value = growth.get("goal_templates")
    expected = "a list of {title, trust_factor, statement, metric, baseline, target}"
    if not isinstance(value, list):
        raise growth.problem("goal_templates", expected)
    templates: list[GoalTemplate] = []
    for entry in value:
        match entry:
            case {
                "title": str(title),
                "trust_factor": str(factor),
                "statement": str(statement),
                "metric": str(metric),
                "baseline": int() | float() as baseline,
                "target": int() | float() as target,
            } if factor in TrustFactor.values():
                templates.append((title, TrustFactor(factor), statement, metric, baseline, target))
            case _:
                raise growth.problem("goal_templates", expected)
    return tuple(templates)


# -- people.json --------------------------------------------------------------------------------
_people = _File(resource_path("demo", "people.json"))
COMPANY = _people.text("company")
FIRST_NAMES = _people.texts("first_names")
LAST_NAMES = _people.texts("last_names")
UNITS = _people.texts("units")
# (title, seniority): 3 an executive, 2 a senior leader, 1 a manager or specialist.
TITLES = _titles(_people, UNITS)
PARTNERS = _people.texts("partners")
PARTNER_TITLES = _people.texts("partner_titles")
# A small roster for the "small" size: every unit has its leaders, and three outsiders.
SMALL_ROSTER = _roster(_people, UNITS)
TAGS = _people.texts("tags")
STAKEHOLDER_NOTES = _people.texts("stakeholder_notes")
TRUST_NOTES = _people.texts("trust_notes")

# -- conversations.json -------------------------------------------------------------------------
_conversations = _File(resource_path("demo", "conversations.json"))
# Things a technology leader talks about; they read well after "the" and before a noun.
TOPICS = _conversations.texts("topics")
SUBJECTS = _conversations.texts_by("subjects", Channel.values())
NOTE_OPENINGS = _conversations.texts("note_openings")
NOTE_CLOSINGS = _conversations.texts("note_closings")
COMMITMENT_TEXTS = _conversations.texts("commitment_texts")
FEEDBACK_TEXTS = _conversations.texts_by("feedback_texts", FeedbackAspect.values())

# -- growth.json --------------------------------------------------------------------------------
_growth = _File(resource_path("demo", "growth.json"))
# What a brand goal is about: areas of expertise, without an article.
GOAL_TOPICS = _growth.texts("goal_topics")
GOAL_TEMPLATES = _goal_templates(_growth)
MILESTONES = _growth.texts("milestones")
CHECKPOINT_NOTES = _growth.texts("checkpoint_notes")
WINS = _growth.texts("wins")
HARD = _growth.texts("hard")
NOT_PRESENT = _growth.texts("not_present")
DIFFICULT = _growth.texts("difficult")
LESSONS = _growth.texts("lessons")
FOCUS_NOTES = _growth.texts("focus_notes")
PROJECTS = _growth.texts("projects")
