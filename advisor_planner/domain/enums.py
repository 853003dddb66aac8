"""The closed vocabularies of the product.

Each enum is a ``StrEnum``-like ``str`` enum, so its value is what the database stores and what
CSV/JSON exports write, and ``label`` is what a person reads.
"""

from __future__ import annotations

from enum import Enum


class _Choice(str, Enum):
    """A stored string with a human label; the order of definition is the natural order."""

    @property
    def label(self) -> str:
        return str(self.value).replace("_", " ").capitalize()

    @classmethod
    def values(cls) -> tuple[str, ...]:
        return tuple(member.value for member in cls)

    def __str__(self) -> str:  # so f-strings and str() give the stored value
        return str(self.value)


class Engagement(_Choice):
    """Where a stakeholder stands towards me and my agenda, from least to most engaged."""

    UNAWARE = "unaware"
    RESISTANT = "resistant"
    NEUTRAL = "neutral"
    SUPPORTIVE = "supportive"
    LEADING = "leading"

    @property
    def rank(self) -> int:
        return _ENGAGEMENT_RANK[self]


_ENGAGEMENT_RANK = {member: index for index, member in enumerate(Engagement)}


class Channel(_Choice):
    ONE_ON_ONE = "one_on_one"
    MEETING = "meeting"
    CALL = "call"
    EMAIL = "email"
    MESSAGE = "message"
    INFORMAL = "informal"
    WORKSHOP = "workshop"

    @property
    def label(self) -> str:
        return "1:1" if self is Channel.ONE_ON_ONE else super().label


class Purpose(_Choice):
    LISTEN = "listen"
    INFORM = "inform"
    DECIDE = "decide"
    DIFFICULT_CONVERSATION = "difficult_conversation"
    FEEDBACK = "feedback"
    CELEBRATE = "celebrate"
    HELP = "help"


class TrustStage(_Choice):
    """Maister's trust-creation stages, in the order a conversation moves through them."""

    ENGAGE = "engage"
    LISTEN = "listen"
    FRAME = "frame"
    ENVISION = "envision"
    COMMIT = "commit"


class Reciprocity(_Choice):
    GAVE = "gave"
    ASKED = "asked"
    MUTUAL = "mutual"

    @property
    def label(self) -> str:
        return {"gave": "I gave value", "asked": "I asked", "mutual": "Mutual"}[self.value]


class Initiator(_Choice):
    ME = "me"
    THEM = "them"


class CommitmentStatus(_Choice):
    OPEN = "open"
    KEPT = "kept"
    LATE = "late"
    BROKEN = "broken"
    RENEGOTIATED = "renegotiated"
    CANCELLED = "cancelled"

    @property
    def is_closed(self) -> bool:
        return self is not CommitmentStatus.OPEN


class TrustSource(_Choice):
    MY_ESTIMATE = "my_estimate"
    THEIR_FEEDBACK = "their_feedback"
    MENTOR = "mentor"


class FeedbackAspect(_Choice):
    WARMTH = "warmth"
    COMPETENCE = "competence"
    BOTH = "both"


class TrustFactor(_Choice):
    """The factor of the trust equation (or of warmth/competence) a brand goal builds."""

    CREDIBILITY = "credibility"
    RELIABILITY = "reliability"
    INTIMACY = "intimacy"
    SELF_ORIENTATION = "self_orientation"
    WARMTH = "warmth"
    COMPETENCE = "competence"


class GoalStatus(_Choice):
    ACTIVE = "active"
    ACHIEVED = "achieved"
    PAUSED = "paused"
    ABANDONED = "abandoned"


class InitiativeStatus(_Choice):
    PLANNED = "planned"
    ACTIVE = "active"
    FINISHED = "finished"
    CANCELLED = "cancelled"


class StakeholderKind(_Choice):
    INTERNAL = "internal"
    EXTERNAL = "external"
