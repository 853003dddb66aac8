"""A touchpoint's form fields, shared by the quick log and the full edit form, and the words
that say what its listening and sentiment ratings mean (``sentiment_text`` also writes the
touchpoint list's sentiment column).

The labels, hints and rating words are source text marked for translation (contexts ``Field``
and ``TouchpointRating``); the choices of ``domain.enums`` show through ``i18n.choice_label``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from advisor_planner.domain.enums import Channel, Initiator, Purpose, Reciprocity, TrustStage
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.fields import (
    ChoiceEditor,
    DateTimeEditor,
    LongTextEditor,
    PeopleEditor,
    TextEditor,
    rating_choices,
)
from advisor_planner.ui.i18n import choice_label, translate
from advisor_planner.ui.record_form import FieldSpec

#: The context of the words that say what a listening or sentiment rating means.
RATING = "TouchpointRating"
LISTENING_MEANINGS = {
    1: QT_TRANSLATE_NOOP("TouchpointRating", "rarely listened"),
    2: QT_TRANSLATE_NOOP("TouchpointRating", "listened a little"),
    3: QT_TRANSLATE_NOOP("TouchpointRating", "listened as much as I spoke"),
    4: QT_TRANSLATE_NOOP("TouchpointRating", "listened more than I spoke"),
    5: QT_TRANSLATE_NOOP("TouchpointRating", "listened far more than I spoke"),
}
SENTIMENT_WORDS = {
    -2: QT_TRANSLATE_NOOP("TouchpointRating", "very negative"),
    -1: QT_TRANSLATE_NOOP("TouchpointRating", "negative"),
    0: QT_TRANSLATE_NOOP("TouchpointRating", "neutral"),
    1: QT_TRANSLATE_NOOP("TouchpointRating", "positive"),
    2: QT_TRANSLATE_NOOP("TouchpointRating", "very positive"),
}


def _signed(score: int) -> str:
    sign = "−" if score < 0 else ("+" if score > 0 else "")
    return f"{sign}{abs(score)}"


def sentiment_text(score: int | None) -> str:
    """ "+1 positive": a sentiment score with its word ("" for none)."""
    if score is None:
        return ""
    word = SENTIMENT_WORDS.get(score)
    return f"{_signed(score)} {translate(RATING, word)}" if word else _signed(score)


def sentiment_choices() -> list[tuple[int, str]]:
    return [
        (score, f"{_signed(score)} — {translate(RATING, word)}")
        for score, word in SENTIMENT_WORDS.items()
    ]


def listening_choices() -> list[tuple[int, str]]:
    return rating_choices(
        {score: translate(RATING, meaning) for score, meaning in LISTENING_MEANINGS.items()}
    )


def enum_choices(enum: Any) -> list[tuple[str, str]]:
    """A ``domain.enums`` choice's members as (stored value, translated label) pairs."""
    return [(member.value, choice_label(member)) for member in enum]


def touchpoint_fields(names: Mapping[int, str]) -> list[FieldSpec]:
    """Every field of a touchpoint, in the order the forms show them (the full edit form)."""
    return [
        FieldSpec(
            "occurred_at", QT_TRANSLATE_NOOP("Field", "When"), lambda p: DateTimeEditor(parent=p)
        ),
        FieldSpec(
            "stakeholder_ids",
            QT_TRANSLATE_NOOP("Field", "Who"),
            lambda p: PeopleEditor(names, parent=p),
        ),
        FieldSpec(
            "channel",
            QT_TRANSLATE_NOOP("Field", "Channel"),
            lambda p: ChoiceEditor(enum_choices(Channel), parent=p),
        ),
        FieldSpec(
            "purpose",
            QT_TRANSLATE_NOOP("Field", "Purpose"),
            lambda p: ChoiceEditor(enum_choices(Purpose), parent=p),
        ),
        FieldSpec(
            "stage",
            QT_TRANSLATE_NOOP("Field", "Trust-creation stage"),
            lambda p: ChoiceEditor(enum_choices(TrustStage), optional=True, parent=p),
            QT_TRANSLATE_NOOP(
                "Field", "How far the conversation went: engage, listen, frame, envision, commit"
            ),
        ),
        FieldSpec(
            "listening",
            QT_TRANSLATE_NOOP("Field", "Listening"),
            lambda p: ChoiceEditor(listening_choices(), optional=True, parent=p),
            QT_TRANSLATE_NOOP("Field", "How much I listened rather than spoke"),
        ),
        FieldSpec(
            "sentiment",
            QT_TRANSLATE_NOOP("Field", "Sentiment"),
            lambda p: ChoiceEditor(sentiment_choices(), optional=True, parent=p),
            QT_TRANSLATE_NOOP("Field", "How the conversation felt"),
        ),
        FieldSpec(
            "reciprocity",
            QT_TRANSLATE_NOOP("Field", "Reciprocity"),
            lambda p: ChoiceEditor(enum_choices(Reciprocity), optional=True, parent=p),
        ),
        FieldSpec(
            "initiated_by",
            QT_TRANSLATE_NOOP("Field", "Initiated by"),
            lambda p: ChoiceEditor(enum_choices(Initiator), parent=p),
        ),
        FieldSpec("subject", QT_TRANSLATE_NOOP("Field", "Subject"), lambda p: TextEditor(parent=p)),
        FieldSpec("notes", QT_TRANSLATE_NOOP("Field", "Notes"), lambda p: LongTextEditor(parent=p)),
    ]
