"""The demo's sample text in resources/demo/: complete, well-formed, and refused when not."""

from __future__ import annotations

import json
from string import Formatter

import pytest

from advisor_planner.demo import phrases
from advisor_planner.demo.phrases import _File, _goal_templates, _roster


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


def test_every_text_uses_only_the_placeholders_the_generator_fills():
    fills = {"first", "name", "unit", "topic", "Topic"}
    texts = [
        *phrases.NOTE_OPENINGS,
        *phrases.NOTE_CLOSINGS,
        *phrases.COMMITMENT_TEXTS,
        *phrases.TRUST_NOTES,
        *phrases.WINS,
        *phrases.HARD,
        *phrases.NOT_PRESENT,
        *phrases.DIFFICULT,
        *phrases.LESSONS,
        *phrases.FOCUS_NOTES,
        *(text for group in phrases.SUBJECTS.values() for text in group),
        *(text for group in phrases.FEEDBACK_TEXTS.values() for text in group),
        *(part for t in phrases.GOAL_TEMPLATES for part in (t[0], t[2], t[3])),
    ]
    assert texts
    assert set().union(*map(_placeholders, texts)) <= fills


def test_the_tables_fit_together():
    assert set(phrases.TITLES) == set(phrases.UNITS)
    assert len(phrases.SMALL_ROSTER) == 25
    assert {unit for unit, _, _ in phrases.SMALL_ROSTER} == set(phrases.UNITS)
    assert all(seniority in (1, 2, 3) for ts in phrases.TITLES.values() for _, seniority in ts)


def _file(tmp_path, data: object) -> _File:
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return _File(path)


def test_a_missing_entry_is_named(tmp_path):
    with pytest.raises(ValueError, match=r"broken\.json: 'topics' is missing"):
        _file(tmp_path, {}).texts("topics")


def test_a_list_with_a_number_in_it_is_refused(tmp_path):
    with pytest.raises(ValueError, match="'topics' should be a list of text"):
        _file(tmp_path, {"topics": ["cloud bill", 3]}).texts("topics")


def test_a_table_must_name_every_channel(tmp_path):
    with pytest.raises(ValueError, match="'subjects' should be a table of exactly"):
        _file(tmp_path, {"subjects": {"call": ["Call"]}}).texts_by("subjects", ("call", "email"))


def test_a_roster_row_of_an_unknown_unit_is_refused(tmp_path):
    broken = _file(tmp_path, {"small_roster": [["Finance", "CFO", 3], ["Nowhere", None, 1]]})
    with pytest.raises(ValueError, match="'small_roster' should be"):
        _roster(broken, ("Finance",))


def test_a_goal_template_of_an_unknown_trust_factor_is_refused(tmp_path):
    template = {"title": "t", "trust_factor": "charm", "statement": "s", "metric": "m"}
    broken = _file(tmp_path, {"goal_templates": [{**template, "baseline": 1, "target": 2}]})
    with pytest.raises(ValueError, match="'goal_templates' should be"):
        _goal_templates(broken)


def test_a_file_that_is_not_a_table_is_refused(tmp_path):
    with pytest.raises(ValueError, match="expected a table of named entries"):
        _file(tmp_path, ["cloud bill"])
