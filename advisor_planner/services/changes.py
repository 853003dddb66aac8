"""What a change touched, as a type: the message every view hears after an edit, undo or import.

A command that changes records announces one :class:`Changes`; each view asks it
``touches(Change.TOUCHPOINT, ...)`` and reloads only when it shows what changed (Anki's
``OpChanges`` is the model). ``Changes.everything()`` is a change to the whole database: a
restore, an archive import, emptying the trash.

Each :class:`Change` value is the record kind's stored name (``RecordKind.name``, which the
trash also keeps), so ``Change(kind_name)`` turns one into the other.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from advisor_planner.translation import QT_TRANSLATE_NOOP


class Change(enum.Enum):
    """A kind of record that can change.

    The values are stored names, kept English; they are marked for translation because a
    sentence may name the kind (``errors.NotFoundError``: ``translate("Record", kind)``).
    """

    STAKEHOLDER = QT_TRANSLATE_NOOP("Record", "stakeholder")
    TOUCHPOINT = QT_TRANSLATE_NOOP("Record", "touchpoint")
    COMMITMENT = QT_TRANSLATE_NOOP("Record", "commitment")
    TRUST_CHECK = QT_TRANSLATE_NOOP("Record", "trust check")
    FEEDBACK = QT_TRANSLATE_NOOP("Record", "feedback")
    GOAL = QT_TRANSLATE_NOOP("Record", "brand goal")
    CHECKPOINT = QT_TRANSLATE_NOOP("Record", "goal checkpoint")
    MILESTONE = QT_TRANSLATE_NOOP("Record", "milestone")
    INITIATIVE = QT_TRANSLATE_NOOP("Record", "initiative")
    REFLECTION = QT_TRANSLATE_NOOP("Record", "reflection")
    TRASH = "trash"  # the trash alone changed (a purge), no live record


@dataclass(frozen=True)
class Changes:
    """The kinds of record one change touched (``whole_database``: all of them), and the
    stakeholders whose records it touched when the command knows them (``people``; None: it
    may be anyone), so a view can read again only their summaries."""

    kinds: frozenset[Change] = frozenset()
    whole_database: bool = False
    people: frozenset[int] | None = None

    @classmethod
    def of(cls, *kinds: Change | Iterable[Change]) -> Changes:
        """``Changes.of(Change.TOUCHPOINT, Change.STAKEHOLDER)``, or of an iterable of them."""
        flat: set[Change] = set()
        for kind in kinds:
            if isinstance(kind, Change):
                flat.add(kind)
            else:
                flat.update(kind)
        return cls(frozenset(flat))

    @classmethod
    def everything(cls) -> Changes:
        return cls(whole_database=True)

    def touches(self, *kinds: Change) -> bool:
        """Whether this change touched any of ``kinds`` (always, for the whole database)."""
        return self.whole_database or not self.kinds.isdisjoint(kinds)

    def with_people(self, people: Iterable[int]) -> Changes:
        """This change, saying it touched only the records of ``people``."""
        return Changes(self.kinds, self.whole_database, frozenset(people))

    def __or__(self, other: Changes) -> Changes:
        people = None if self.people is None or other.people is None else self.people | other.people
        return Changes(
            self.kinds | other.kinds, self.whole_database or other.whole_database, people
        )

    def __bool__(self) -> bool:
        return self.whole_database or bool(self.kinds)


class ChangedPeople:
    """Whose records have changed since a view last read everyone's summaries: what it must
    read again (``relationships.refresh_people``) rather than everyone's.

    Until ``read_all`` is called, and after any change that does not name its people, the
    answer is None: read everyone's. A refresh with no change seen reads everyone's too (the
    caller may know of a change nobody announced)."""

    def __init__(self) -> None:
        self._clean = False  # nothing has changed since everyone's were read
        self._people: set[int] | None = None

    def note(self, changes: Changes) -> None:
        if changes.people is None or changes.whole_database:
            self._clean, self._people = False, None
        elif self._clean or self._people is not None:
            self._clean, self._people = False, (self._people or set()) | changes.people

    def to_read(self) -> set[int] | None:
        """The people to read again; None: everyone."""
        return None if self._people is None else set(self._people)

    def read_all(self) -> None:
        """Everyone's (or the changed people's) summaries have just been read."""
        self._clean, self._people = True, None
