"""The reflection prompts file: the shipped one loads cleanly, a damaged one falls back.

Every problem falls back to the built-in text, is listed in ``PromptSet.warnings`` and is
logged as a warning; ``load_prompts`` never raises.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from advisor_planner.resources import resource_path
from advisor_planner.services import prompts
from advisor_planner.services.prompts import (
    BUILT_IN,
    BUILT_IN_ANCHORS,
    BUILT_IN_ENERGY,
    Prompt,
    load_prompts,
)

LOGGER = "advisor_planner.services.prompts"
BUILT_IN_IDS = [
    "wins",
    "hard",
    "not_present",
    "difficult_conversations",
    "listening",
    "warmth_competence",
    "lessons",
]


def _shipped() -> dict:
    """A fresh copy of the shipped file's contents, to damage one piece of."""
    return json.loads(resource_path(*prompts.PROMPTS_FILE).read_text(encoding="utf-8"))


def _write(tmp_path: Path, data) -> Path:
    path = tmp_path / "prompts.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _load(path: Path, caplog: pytest.LogCaptureFixture) -> prompts.PromptSet:
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        return load_prompts(path)


def _logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER and r.levelname == "WARNING"]


def _is_built_in(result: prompts.PromptSet) -> bool:
    return (
        result.prompts == BUILT_IN
        and result.anchors == BUILT_IN_ANCHORS
        and result.energy_anchors == BUILT_IN_ENERGY
    )


def test_reflection_prompts_shipped_file_loads_cleanly(caplog):
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        result = load_prompts()
    assert [p.id for p in result.prompts] == BUILT_IN_IDS
    assert [p.field for p in result.prompts] == [
        "wins",
        "hard",
        "not_present",
        "difficult_conversations",
        "",
        "",
        "lessons",
    ]
    assert result.warnings == ()
    assert _logged(caplog) == []
    assert result.anchors == {
        1: "rarely",
        2: "occasionally",
        3: "sometimes",
        4: "often",
        5: "consistently",
    }
    assert result.energy_anchors[5] == "full of energy"
    # The file's own (longer) text is used, not the built-in one.
    assert result.prompts[4].question.endswith("Where not, what pulled you in?")


def test_reflection_prompts_missing_file_falls_back(tmp_path, caplog):
    path = tmp_path / "nowhere.json"
    result = _load(path, caplog)
    assert _is_built_in(result)
    assert result.warnings == (f"{path} is missing; using the built-in prompts",)
    assert _logged(caplog) == [f"reflection prompts: {result.warnings[0]}"]


@pytest.mark.parametrize(
    "content",
    [
        b'{"prompts": [ {"id": "wins", ',  # cut short: invalid JSON
        bytes(range(256)) * 4,  # random-looking bytes, not UTF-8
        b"",  # empty file
    ],
    ids=["invalid-json", "random-bytes", "empty"],
)
def test_reflection_prompts_unreadable_file_falls_back(tmp_path, caplog, content):
    path = tmp_path / "prompts.json"
    path.write_bytes(content)
    result = _load(path, caplog)
    assert _is_built_in(result)
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith(f"{path} could not be read (")
    assert result.warnings[0].endswith("); using the built-in prompts")
    assert _logged(caplog) == [f"reflection prompts: {result.warnings[0]}"]


def test_reflection_prompts_file_that_is_not_a_table(tmp_path, caplog):
    path = _write(tmp_path, [1, 2, 3])
    result = _load(path, caplog)
    assert _is_built_in(result)
    assert result.warnings == (f"{path} does not hold a table; using the built-in prompts",)
    assert len(_logged(caplog)) == 1


def test_reflection_prompts_prompts_not_a_list(tmp_path, caplog):
    data = _shipped()
    data["prompts"] = {"wins": {"title": "Wins", "question": "What went well?"}}
    result = _load(_write(tmp_path, data), caplog)
    assert _is_built_in(result)
    assert result.warnings == ("prompts: not a list; using the built-in prompts",)
    assert _logged(caplog) == [
        "reflection prompts: prompts: not a list; using the built-in prompts"
    ]


def test_reflection_prompts_prompt_without_id(tmp_path, caplog):
    data = _shipped()
    del data["prompts"][0]["id"]  # "wins" loses its id
    data["prompts"][1]["id"] = "   "  # "hard" has a blank one
    result = _load(_write(tmp_path, data), caplog)
    # Both are left out of the file's set, so both come back as the built-in text.
    assert result.prompts[0] == BUILT_IN[0]
    assert result.prompts[1] == BUILT_IN[1]
    assert [p.id for p in result.prompts] == BUILT_IN_IDS
    assert result.warnings == (
        "prompt 1: no id; left out",
        "prompt 2: no id; left out",
        "prompt wins: missing; using the built-in text",
        "prompt hard: missing; using the built-in text",
    )
    assert len(_logged(caplog)) == 4


def test_reflection_prompts_prompt_missing_its_question(tmp_path, caplog):
    data = _shipped()
    data["prompts"][1] = {"id": "hard", "field": "hard", "title": "The hard parts"}
    result = _load(_write(tmp_path, data), caplog)
    hard = result.prompts[1]
    # The question falls back to the built-in one; the file's title is still used.
    assert hard == Prompt("hard", "The hard parts", BUILT_IN[1].question, "hard")
    assert result.warnings == ("prompt hard: title or question missing; using the built-in",)
    assert _logged(caplog) == [f"reflection prompts: {result.warnings[0]}"]


def test_reflection_prompts_missing_rating_anchor(tmp_path, caplog):
    data = _shipped()
    del data["ratings"]["anchors"]["3"]
    data["ratings"]["energy_anchors"]["1"] = "   "
    data["ratings"]["anchors"]["5"] = "nearly always"
    result = _load(_write(tmp_path, data), caplog)
    assert result.anchors == {
        1: "rarely",
        2: "occasionally",
        3: "sometimes",  # built-in
        4: "often",
        5: "nearly always",  # the file's
    }
    assert result.energy_anchors == BUILT_IN_ENERGY
    assert result.warnings == (
        "rating anchor 3: missing; using “sometimes”",
        "energy anchor 1: missing; using “drained”",
    )
    assert len(_logged(caplog)) == 2


def test_reflection_prompts_anchors_not_a_table(tmp_path, caplog):
    data = _shipped()
    data["ratings"]["anchors"] = ["rarely", "often"]
    result = _load(_write(tmp_path, data), caplog)
    assert result.anchors == BUILT_IN_ANCHORS
    assert result.warnings == ("rating anchor: not a table of 1–5 labels; using the built-in ones",)
    assert len(_logged(caplog)) == 1


def test_reflection_prompts_extra_prompt_is_appended(tmp_path, caplog):
    data = _shipped()
    data["prompts"].insert(
        2,
        {"id": "gratitude", "field": "wins", "title": "Gratitude", "question": "Who helped you?"},
    )
    data["prompts"].append({"id": "sleep", "title": "Sleep", "question": "How did you sleep?"})
    result = _load(_write(tmp_path, data), caplog)
    # Built-in ids first, then the extras in the file's order; an extra's "field" is ignored.
    assert [p.id for p in result.prompts] == [*BUILT_IN_IDS, "gratitude", "sleep"]
    assert result.prompts[-2:] == (
        Prompt("gratitude", "Gratitude", "Who helped you?", ""),
        Prompt("sleep", "Sleep", "How did you sleep?", ""),
    )
    assert result.warnings == ()
    assert _logged(caplog) == []


def test_reflection_prompts_extra_prompt_without_text_is_left_out(tmp_path, caplog):
    data = _shipped()
    data["prompts"].append({"id": "no_question", "title": "Only a title"})
    data["prompts"].append({"id": "no_title", "question": "Only a question?"})
    result = _load(_write(tmp_path, data), caplog)
    assert [p.id for p in result.prompts] == BUILT_IN_IDS
    assert result.warnings == (
        "prompt no_question: title or question missing; left out",
        "prompt no_title: title or question missing; left out",
    )
    assert len(_logged(caplog)) == 2


def test_reflection_prompts_edited_text_is_used_with_whitespace_collapsed(tmp_path, caplog):
    data = _shipped()
    data["prompts"][0]["title"] = "  Things   that\twent well "
    data["prompts"][0]["question"] = "What went\n\n  well,   and why?  "
    data["prompts"][0]["field"] = "lessons"  # the file cannot move an answer to another column
    data["prompts"][6]["title"] = "L" * 500  # longer than the title limit (120)
    result = _load(_write(tmp_path, data), caplog)
    assert result.prompts[0] == Prompt(
        "wins", "Things that went well", "What went well, and why?", "wins"
    )
    assert result.prompts[6].title == "L" * prompts.MAX_TITLE
    assert result.warnings == ()
    assert _logged(caplog) == []
