"""The forms for what a person's page adds to their record: a trust check (each rating's
anchors spelled out) and feedback they gave. Other views (the weekly reflection, the
workspace's menu) open the same forms."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QSizePolicy, QWidget

from advisor_planner.domain import trust
from advisor_planner.domain.enums import FeedbackAspect, TrustSource
from advisor_planner.services import clock, feedback, stakeholders, trust_checks
from advisor_planner.services.errors import NotFoundError
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.fields import ChoiceEditor, DateEditor, LongTextEditor
from advisor_planner.ui.record_apis import FEEDBACK, TRUST_CHECK
from advisor_planner.ui.record_form import FieldSpec, RecordDialog
from advisor_planner.ui.stakeholder.widgets import page_tr as _tr

FACTOR_MEANINGS = {
    1: "none",
    2: "very little",
    3: "a little",
    4: "some",
    5: "moderate",
    6: "fair",
    7: "strong",
    8: "very strong",
    9: "near complete",
    10: "complete",
}
SELF_ORIENTATION_MEANINGS = {
    1: "all about them",
    2: "nearly all about them",
    3: "mostly about them",
    4: "more them than me",
    5: "balanced",
    6: "more me than them",
    7: "mostly about me",
    8: "very much about me",
    9: "nearly all about me",
    10: "all about me",
}
WARMTH_MEANINGS = {1: "cold", 3: "distant", 5: "neutral", 7: "friendly", 10: "warm"}
COMPETENCE_MEANINGS = {
    1: "not capable",
    3: "doubtful",
    5: "capable enough",
    7: "capable",
    10: "highly capable",
}
ASPECT_LABELS = {
    FeedbackAspect.WARMTH.value: "Warmth",
    FeedbackAspect.COMPETENCE.value: "Competence",
    FeedbackAspect.BOTH.value: "Warmth and competence",
}


def scale_choices(meanings: Mapping[int, str]) -> list[tuple[int, str]]:
    """1 to 10, the anchors given a meaning: "1 — none", "2", … "10 — complete"."""
    return [
        (score, f"{score} — {_tr(meanings[score])}" if score in meanings else str(score))
        for score in range(trust.FACTOR_MIN, trust.FACTOR_MAX + 1)
    ]


def _name_of(stakeholder_id: int) -> str:
    try:
        return stakeholders.get(stakeholder_id=stakeholder_id).name
    except NotFoundError:
        return ""


def _wide(editor: ChoiceEditor) -> ChoiceEditor:
    """A choice as wide as the form's other fields, so the column of ratings lines up."""
    editor.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return editor


def trust_check_fields() -> list[FieldSpec]:
    def scale(meanings: Mapping[int, str], optional: bool = False):
        return lambda parent: _wide(
            ChoiceEditor(scale_choices(meanings), optional=optional, parent=parent)
        )

    return [
        FieldSpec("checked_on", _tr("Checked on"), lambda p: DateEditor(parent=p)),
        FieldSpec(
            "credibility",
            _tr("Credibility"),
            scale(FACTOR_MEANINGS),
            _tr("How far they believe what I say: my expertise and honesty as they see them"),
        ),
        FieldSpec(
            "reliability",
            _tr("Reliability"),
            scale(FACTOR_MEANINGS),
            _tr("How far they can count on me to do what I said I would"),
        ),
        FieldSpec(
            "intimacy",
            _tr("Intimacy"),
            scale(FACTOR_MEANINGS),
            _tr("How safe they feel sharing with me"),
        ),
        FieldSpec(
            "self_orientation",
            _tr("Self-orientation"),
            scale(SELF_ORIENTATION_MEANINGS),
            _tr("How much I seem focused on myself rather than on them (lower is better)"),
        ),
        FieldSpec(
            "warmth",
            _tr("Warmth (as they see me)"),
            scale(WARMTH_MEANINGS, optional=True),
            _tr("Optional: how warm they find me"),
        ),
        FieldSpec(
            "competence",
            _tr("Competence (as they see me)"),
            scale(COMPETENCE_MEANINGS, optional=True),
            _tr("Optional: how capable they find me"),
        ),
        FieldSpec(
            "source",
            _tr("Source"),
            lambda p: _wide(ChoiceEditor([(s.value, _tr(s.label)) for s in TrustSource], parent=p)),
            _tr("Whose reading this is"),
        ),
        FieldSpec("note", _tr("Note"), lambda p: LongTextEditor(parent=p)),
    ]


def trust_check_dialog(
    context: AppContext,
    stakeholder_id: int,
    record: trust_checks.TrustCheck | None = None,
    parent: QWidget | None = None,
) -> RecordDialog:
    """A new trust check for this person (starting from their last one), or ``record`` edited."""
    initial: dict[str, Any] = {}
    if record is None:
        initial = {"checked_on": clock.today(), "source": TrustSource.MY_ESTIMATE.value}
        history = trust_checks.for_stakeholder(stakeholder_id=stakeholder_id)
        if history:
            last = history[-1]
            for name in (
                "credibility",
                "reliability",
                "intimacy",
                "self_orientation",
                "warmth",
                "competence",
            ):
                initial[name] = getattr(last, name)
        else:
            initial |= {"credibility": 5, "reliability": 5, "intimacy": 5, "self_orientation": 5}
    name = _name_of(stakeholder_id)
    title = (_tr("Edit trust check — {0}") if record else _tr("New trust check — {0}")).format(name)
    dialog = RecordDialog(
        context,
        TRUST_CHECK,
        trust_check_fields(),
        record=record,
        initial=initial,
        title=title if name else "",
        parent=parent,
    )
    dialog.set_hidden(stakeholder_id=stakeholder_id)
    return dialog


def feedback_fields() -> list[FieldSpec]:
    return [
        FieldSpec("received_on", _tr("Received on"), lambda p: DateEditor(parent=p)),
        FieldSpec(
            "text",
            _tr("What was said"),
            lambda p: LongTextEditor(
                placeholder=_tr("In their words, as near as you can"), parent=p
            ),
        ),
        FieldSpec(
            "aspect",
            _tr("Speaks to"),
            lambda p: _wide(
                ChoiceEditor(
                    [(a.value, _tr(ASPECT_LABELS[a.value])) for a in FeedbackAspect], parent=p
                )
            ),
            _tr("Whether it says something about my warmth, my competence or both"),
        ),
    ]


def feedback_dialog(
    context: AppContext,
    stakeholder_id: int,
    record: feedback.Feedback | None = None,
    parent: QWidget | None = None,
) -> RecordDialog:
    """New feedback from this person, or ``record`` edited."""
    initial: dict[str, Any] = {}
    if record is None:
        initial = {"received_on": clock.today(), "aspect": FeedbackAspect.BOTH.value}
    name = _name_of(stakeholder_id)
    title = (_tr("Edit feedback — {0}") if record else _tr("Feedback from {0}")).format(name)
    dialog = RecordDialog(
        context,
        FEEDBACK,
        feedback_fields(),
        record=record,
        initial=initial,
        title=title if name else "",
        parent=parent,
    )
    dialog.set_hidden(stakeholder_id=stakeholder_id)
    return dialog
