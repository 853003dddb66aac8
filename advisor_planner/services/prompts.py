"""The weekly reflection's prompts and rating anchors, read from a file that can be edited.

``resources/reflection/prompts.json`` holds the text; editing or translating it needs no code.
The built-in set below is the fallback: a file that is missing, unreadable or damaged, or a
prompt or anchor missing from it, falls back to the built-in text with a warning in the log,
never a crash. Prompts the file adds beyond the built-in ones are asked too; their answers are
kept with the reflection's other answers (``Reflection.answers``).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor_planner.resources import resource_path

log = logging.getLogger(__name__)

PROMPTS_FILE = ("reflection", "prompts.json")
MAX_TITLE = 120
MAX_QUESTION = 600


@dataclass(frozen=True, slots=True)
class Prompt:
    """One question of the Reflect step; ``field`` is the reflection column its answer is kept
    in, or "" for one kept in ``answers`` under ``id``."""

    id: str
    title: str
    question: str
    field: str = ""


@dataclass(frozen=True, slots=True)
class PromptSet:
    prompts: tuple[Prompt, ...]
    anchors: dict[int, str]  # the self-ratings' 1–5 labels
    energy_anchors: dict[int, str]
    warnings: tuple[str, ...] = ()  # what fell back to the built-in text, and why


BUILT_IN = (
    Prompt("wins", "Wins", "What went well this week, and what did you do that made it go well?",
           "wins"),
    Prompt("hard", "What was hard", "What was hard, and what made it hard?", "hard"),
    Prompt("not_present", "Where I was not fully present",
           "Where was your mind elsewhere: in which meetings, with whom?", "not_present"),
    Prompt("difficult_conversations", "Difficult conversations",
           "Which difficult conversations did you hold, and which did you avoid? Why?",
           "difficult_conversations"),
    Prompt("listening", "Did I listen more than I spoke?",
           "In the conversations that mattered, did you listen more than you spoke?"),
    Prompt("warmth_competence", "Warmth and competence",
           "Where did you show warmth this week, and where competence?"),
    Prompt("lessons", "What I learned", "What will you do differently next week?", "lessons"),
)  # fmt: skip
BUILT_IN_ANCHORS = {1: "rarely", 2: "occasionally", 3: "sometimes", 4: "often", 5: "consistently"}
BUILT_IN_ENERGY = {1: "drained", 2: "low", 3: "steady", 4: "good", 5: "full of energy"}


def _text(value: Any, limit: int) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return " ".join(value.split())[:limit]


def _anchors(raw: Any, built_in: dict[int, str], name: str, warnings: list[str]) -> dict[int, str]:
    anchors = dict(built_in)
    if not isinstance(raw, dict):
        if raw is not None:
            warnings.append(f"{name}: not a table of 1–5 labels; using the built-in ones")
        return anchors
    for score in built_in:
        label = _text(raw.get(str(score)), MAX_TITLE)
        if label is None:
            warnings.append(f"{name} {score}: missing; using “{built_in[score]}”")
        else:
            anchors[score] = label
    return anchors


def load_prompts(path: Path | None = None) -> PromptSet:
    """The prompts from ``path`` (default: the resources file), the built-in ones filling in
    whatever is missing or damaged. Problems are logged as warnings and listed in the result."""
    path = path or resource_path(*PROMPTS_FILE)
    warnings: list[str] = []
    data: Any = {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        warnings.append(f"{path} is missing; using the built-in prompts")
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        warnings.append(f"{path} could not be read ({exc}); using the built-in prompts")
    if not isinstance(data, dict):
        warnings.append(f"{path} does not hold a table; using the built-in prompts")
        data = {}
    from_file: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    raw_prompts = data.get("prompts", [])
    if data and "prompts" not in data:
        warnings.append("no prompts in the file; using the built-in prompts")
    if not isinstance(raw_prompts, list):
        warnings.append("prompts: not a list; using the built-in prompts")
        raw_prompts = []
    for index, raw in enumerate(raw_prompts):
        prompt_id = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(prompt_id, str) or not prompt_id.strip():
            warnings.append(f"prompt {index + 1}: no id; left out")
            continue
        if prompt_id in from_file:
            warnings.append(f"prompt {prompt_id}: given twice; the first is used")
            continue
        from_file[prompt_id] = raw
        order.append(prompt_id)
    prompts: list[Prompt] = []
    built_in = {p.id: p for p in BUILT_IN}
    for default in BUILT_IN:
        raw = from_file.get(default.id)
        if raw is None:
            if raw_prompts:
                warnings.append(f"prompt {default.id}: missing; using the built-in text")
            prompts.append(default)
            continue
        title = _text(raw.get("title"), MAX_TITLE)
        question = _text(raw.get("question"), MAX_QUESTION)
        if title is None or question is None:
            warnings.append(f"prompt {default.id}: title or question missing; using the built-in")
        prompts.append(
            Prompt(default.id, title or default.title, question or default.question, default.field)
        )
    for prompt_id in order:
        if prompt_id in built_in:
            continue
        raw = from_file[prompt_id]
        title = _text(raw.get("title"), MAX_TITLE)
        question = _text(raw.get("question"), MAX_QUESTION)
        if title is None or question is None:
            warnings.append(f"prompt {prompt_id}: title or question missing; left out")
            continue
        prompts.append(Prompt(prompt_id.strip()[:60], title, question))
    ratings = data.get("ratings", {}) if isinstance(data.get("ratings", {}), dict) else {}
    anchors = _anchors(ratings.get("anchors"), BUILT_IN_ANCHORS, "rating anchor", warnings)
    energy = _anchors(ratings.get("energy_anchors"), BUILT_IN_ENERGY, "energy anchor", warnings)
    for warning in warnings:
        log.warning("reflection prompts: %s", warning)
    return PromptSet(tuple(prompts), anchors, energy, tuple(warnings))
