"""The forms for what a person's page adds to their record: a trust check (each rating's
anchors spelled out) and feedback they gave. Other views (the weekly reflection, the
workspace's menu) open the same forms.

Field labels and hints are source text in the ``Field`` context (the form translates them);
what each rating means, the feedback aspects and the dialogs' titles are in the page's context,
``StakeholderPage``; a trust check's source shows through ``i18n.choice_label``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSizePolicy, QWidget

from advisor_planner.domain import trust
from advisor_planner.domain.enums import FeedbackAspect, TrustSource
from advisor_planner.services import clock, feedback, stakeholders, trust_checks
from advisor_planner.services.errors import NotFoundError
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.context import AppContext
from advisor_planner.ui.fields import ChoiceEditor, DateEditor, FieldEditor, LongTextEditor
from advisor_planner.ui.i18n import choice_label, translate
from advisor_planner.ui.record_apis import FEEDBACK, TRUST_CHECK
from advisor_planner.ui.record_form import FieldSpec, RecordDialog
from advisor_planner.ui.stakeholder.widgets import PAGE

# What each rating means, and what feedback speaks to: source text translated when shown.
FACTOR_MEANINGS = {
    1: QT_TRANSLATE_NOOP("StakeholderPage", "none"),
    2: QT_TRANSLATE_NOOP("StakeholderPage", "very little"),
    3: QT_TRANSLATE_NOOP("StakeholderPage", "a little"),
    4: QT_TRANSLATE_NOOP("StakeholderPage", "some"),
    5: QT_TRANSLATE_NOOP("StakeholderPage", "moderate"),
    6: QT_TRANSLATE_NOOP("StakeholderPage", "fair"),
    7: QT_TRANSLATE_NOOP("StakeholderPage", "strong"),
    8: QT_TRANSLATE_NOOP("StakeholderPage", "very strong"),
    9: QT_TRANSLATE_NOOP("StakeholderPage", "near complete"),
    10: QT_TRANSLATE_NOOP("StakeholderPage", "complete"),
}
SELF_ORIENTATION_MEANINGS = {
    1: QT_TRANSLATE_NOOP("StakeholderPage", "all about them"),
    2: QT_TRANSLATE_NOOP("StakeholderPage", "nearly all about them"),
    3: QT_TRANSLATE_NOOP("StakeholderPage", "mostly about them"),
    4: QT_TRANSLATE_NOOP("StakeholderPage", "more them than me"),
    5: QT_TRANSLATE_NOOP("StakeholderPage", "balanced"),
    6: QT_TRANSLATE_NOOP("StakeholderPage", "more me than them"),
    7: QT_TRANSLATE_NOOP("StakeholderPage", "mostly about me"),
    8: QT_TRANSLATE_NOOP("StakeholderPage", "very much about me"),
    9: QT_TRANSLATE_NOOP("StakeholderPage", "nearly all about me"),
    10: QT_TRANSLATE_NOOP("StakeholderPage", "all about me"),
}
WARMTH_MEANINGS = {
    1: QT_TRANSLATE_NOOP("StakeholderPage", "cold"),
    3: QT_TRANSLATE_NOOP("StakeholderPage", "distant"),
    5: QT_TRANSLATE_NOOP("StakeholderPage", "neutral"),
    7: QT_TRANSLATE_NOOP("StakeholderPage", "friendly"),
    10: QT_TRANSLATE_NOOP("StakeholderPage", "warm"),
}
COMPETENCE_MEANINGS = {
    1: QT_TRANSLATE_NOOP("StakeholderPage", "not capable"),
    3: QT_TRANSLATE_NOOP("StakeholderPage", "doubtful"),
    5: QT_TRANSLATE_NOOP("StakeholderPage", "capable enough"),
    7: QT_TRANSLATE_NOOP("StakeholderPage", "capable"),
    10: QT_TRANSLATE_NOOP("StakeholderPage", "highly capable"),
}
ASPECT_LABELS = {
    FeedbackAspect.WARMTH.value: QT_TRANSLATE_NOOP("StakeholderPage", "Warmth"),
    FeedbackAspect.COMPETENCE.value: QT_TRANSLATE_NOOP("StakeholderPage", "Competence"),
    FeedbackAspect.BOTH.value: QT_TRANSLATE_NOOP("StakeholderPage", "Warmth and competence"),
}


def scale_choices(meanings: Mapping[int, str]) -> list[tuple[int, str]]:
    """1 to 10, the anchors given a meaning: "1 — none", "2", … "10 — complete"."""
    return [
        (
            score,
            f"{score} — {translate(PAGE, meanings[score])}" if score in meanings else str(score),
        )
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
    def scale(
        meanings: Mapping[int, str], optional: bool = False
    ) -> Callable[[QWidget], FieldEditor]:
        return lambda parent: _wide(
            ChoiceEditor(scale_choices(meanings), optional=optional, parent=parent)
        )

    return [
        FieldSpec(
            "checked_on", QT_TRANSLATE_NOOP("Field", "Checked on"), lambda p: DateEditor(parent=p)
        ),
        FieldSpec(
            "credibility",
            QT_TRANSLATE_NOOP("Field", "Credibility"),
            scale(FACTOR_MEANINGS),
            QT_TRANSLATE_NOOP(
                "Field",
                "How far they believe what I say: my expertise and honesty as they see them",
            ),
        ),
        FieldSpec(
            "reliability",
            QT_TRANSLATE_NOOP("Field", "Reliability"),
            scale(FACTOR_MEANINGS),
            QT_TRANSLATE_NOOP("Field", "How far they can count on me to do what I said I would"),
        ),
        FieldSpec(
            "intimacy",
            QT_TRANSLATE_NOOP("Field", "Intimacy"),
            scale(FACTOR_MEANINGS),
            QT_TRANSLATE_NOOP("Field", "How safe they feel sharing with me"),
        ),
        FieldSpec(
            "self_orientation",
            QT_TRANSLATE_NOOP("Field", "Self-orientation"),
            scale(SELF_ORIENTATION_MEANINGS),
            QT_TRANSLATE_NOOP(
                "Field", "How much I seem focused on myself rather than on them (lower is better)"
            ),
        ),
        FieldSpec(
            "warmth",
            QT_TRANSLATE_NOOP("Field", "Warmth (as they see me)"),
            scale(WARMTH_MEANINGS, optional=True),
            QT_TRANSLATE_NOOP("Field", "Optional: how warm they find me"),
        ),
        FieldSpec(
            "competence",
            QT_TRANSLATE_NOOP("Field", "Competence (as they see me)"),
            scale(COMPETENCE_MEANINGS, optional=True),
            QT_TRANSLATE_NOOP("Field", "Optional: how capable they find me"),
        ),
        FieldSpec(
            "source",
            QT_TRANSLATE_NOOP("Field", "Source"),
            lambda p: _wide(
                ChoiceEditor([(s.value, choice_label(s)) for s in TrustSource], parent=p)
            ),
            QT_TRANSLATE_NOOP("Field", "Whose reading this is"),
        ),
        FieldSpec("note", QT_TRANSLATE_NOOP("Field", "Note"), lambda p: LongTextEditor(parent=p)),
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
    title = (
        QCoreApplication.translate("StakeholderPage", "Edit trust check — {0}")
        if record
        else QCoreApplication.translate("StakeholderPage", "New trust check — {0}")
    ).format(name)
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
        FieldSpec(
            "received_on", QT_TRANSLATE_NOOP("Field", "Received on"), lambda p: DateEditor(parent=p)
        ),
        FieldSpec(
            "text",
            QT_TRANSLATE_NOOP("Field", "What was said"),
            lambda p: LongTextEditor(
                placeholder=QCoreApplication.translate(
                    "Field", "In their words, as near as you can"
                ),
                parent=p,
            ),
        ),
        FieldSpec(
            "aspect",
            QT_TRANSLATE_NOOP("Field", "Speaks to"),
            lambda p: _wide(
                ChoiceEditor(
                    [(a.value, translate(PAGE, ASPECT_LABELS[a.value])) for a in FeedbackAspect],
                    parent=p,
                )
            ),
            QT_TRANSLATE_NOOP(
                "Field", "Whether it says something about my warmth, my competence or both"
            ),
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
    title = (
        QCoreApplication.translate("StakeholderPage", "Edit feedback — {0}")
        if record
        else QCoreApplication.translate("StakeholderPage", "Feedback from {0}")
    ).format(name)
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
