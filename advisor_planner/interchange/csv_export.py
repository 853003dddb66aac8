"""CSV export: each list written out as a spreadsheet reads it, safely.

``export_csv(path, what)`` writes one list — stakeholders, touchpoints, commitments,
reflections, goals or initiatives (``EXPORTS``) — as UTF-8 with a byte-order mark (so Excel
reads the accents right), choices as their labels, people by name. Any cell starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'`` (``guard``): a
spreadsheet then shows it as text instead of running it as a formula. Reading our own file
back (``csv_table.read_table``) takes that ``'`` off again (``unguard``).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any, Protocol, TextIO, cast

from advisor_planner import atomic
from advisor_planner.domain.enums import (
    Channel,
    CommitmentStatus,
    Engagement,
    GoalStatus,
    InitiativeStatus,
    Initiator,
    Purpose,
    Reciprocity,
    StakeholderKind,
    TrustFactor,
    TrustStage,
)
from advisor_planner.services import (
    commitments,
    goals,
    initiatives,
    reflections,
    stakeholders,
    touchpoints,
)

# -- cells ------------------------------------------------------------------------------------


class _Labelled(Protocol):
    """A member of one of ``domain.enums``' choices, as a person reads it."""

    @property
    def label(self) -> str: ...


#: What a spreadsheet would take as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard(cell: str) -> str:
    """``cell`` as a spreadsheet will show but never run it. A cell that is already quotes
    before a formula start gets one more, so ``unguard`` gives back exactly what was here."""
    return "'" + cell if cell.lstrip("'").startswith(FORMULA_STARTS) else cell


def unguard(cell: str) -> str:
    """A cell as it was before ``guard`` (only a ``'`` that ``guard`` would add is removed)."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        # Every enum a record holds is one of domain.enums' choices, which have labels.
        return cast(_Labelled, value).label
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    return str(value)


def _label(enum: Callable[[str], _Labelled], value: str | None) -> str:
    return enum(value).label if value else ""


# -- export -----------------------------------------------------------------------------------

Table = tuple[list[str], Iterable[Sequence[Any]]]


def _stakeholder_table() -> Table:
    headers = [
        "Name", "Title", "Organisation", "Business unit", "Kind", "Email", "Phone", "Power",
        "Interest", "Engagement now", "Engagement desired", "Keep in touch (days)", "Tags",
        "Archived", "Notes",
    ]  # fmt: skip
    rows = (
        [
            p.name,
            p.title,
            p.organisation,
            p.business_unit,
            _label(StakeholderKind, p.kind),
            p.email,
            p.phone,
            p.power,
            p.interest,
            _label(Engagement, p.engagement_current),
            _label(Engagement, p.engagement_desired),
            p.cadence_days,
            p.tags,
            p.archived,
            p.notes,
        ]  # fmt: skip
        for p in stakeholders.list_all(include_archived=True)
    )
    return headers, rows


def _people() -> tuple[dict[int, str], dict[int, str]]:
    everyone = stakeholders.list_all(include_archived=True)
    return {p.id: p.name for p in everyone}, {p.id: p.email for p in everyone}


def _touchpoint_table() -> Table:
    headers = [
        "Date", "Time", "People", "Emails", "Channel", "Purpose", "Subject", "Listening",
        "Sentiment", "Reciprocity", "Stage", "Initiated by", "Notes",
    ]  # fmt: skip
    names, emails = _people()

    def rows() -> Iterator[list[Any]]:
        for t in touchpoints.between(start=date(1900, 1, 1), end=date(9999, 12, 31)):
            local = t.occurred_at.astimezone() if t.occurred_at else None
            yield [
                t.occurred_on,
                local.strftime("%H:%M") if local and t.has_time else "",
                [names.get(i, "") for i in t.stakeholder_ids],
                [emails.get(i, "") for i in t.stakeholder_ids if emails.get(i)],
                _label(Channel, t.channel), _label(Purpose, t.purpose), t.subject, t.listening,
                t.sentiment, _label(Reciprocity, t.reciprocity), _label(TrustStage, t.stage),
                _label(Initiator, t.initiated_by), t.notes,
            ]  # fmt: skip

    return headers, rows()


def _commitment_table() -> Table:
    headers = ["Commitment", "Stakeholder", "Made on", "Due on", "Status", "Closed on"]
    names, _ = _people()
    rows = (
        [
            c.text,
            names.get(c.stakeholder_id, ""),
            c.made_on,
            c.due_on,
            _label(CommitmentStatus, c.status),
            c.closed_on,
        ]  # fmt: skip
        for c in commitments.list_filtered(which="all")
    )
    return headers, rows


def _reflection_table() -> Table:
    headers = [
        "Week", "Completed", "Wins", "Hard", "Not present", "Difficult conversations",
        "Lessons", "Next week's focus", "Self-awareness", "Self-regulation", "Motivation",
        "Empathy", "Social skill", "Energy",
    ]  # fmt: skip
    rows = (
        [
            r.week,
            r.completed_at.astimezone() if r.completed_at else None,
            r.wins,
            r.hard,
            r.not_present,
            r.difficult_conversations,
            r.lessons,
            r.focus_note,
            r.self_awareness,
            r.self_regulation,
            r.motivation,
            r.empathy,
            r.social_skill,
            r.energy,
        ]  # fmt: skip
        for r in sorted(reflections.list_all(), key=lambda r: r.week)
    )
    return headers, rows


def _goal_table() -> Table:
    headers = [
        "Goal", "Statement", "Trust factor", "Start", "Target date", "Status", "Measure",
        "Baseline", "Target", "Audience",
    ]  # fmt: skip
    names, _ = _people()
    rows = (
        [
            g.title,
            g.statement,
            _label(TrustFactor, g.trust_factor),
            g.start_on,
            g.target_on,
            _label(GoalStatus, g.status),
            g.metric,
            g.baseline,
            g.target,
            [names.get(i, "") for i in g.audience_ids],
        ]  # fmt: skip
        for g in goals.list_all()
    )
    return headers, rows


def _initiative_table() -> Table:
    headers = [
        "Initiative", "Business unit", "Sponsor", "People", "Start", "End", "Status",
        "User satisfaction", "On time", "On budget", "Defects", "Change orders",
        "Adoption (%)", "Notes",
    ]  # fmt: skip
    names, _ = _people()
    rows = (
        [
            i.name,
            i.business_unit,
            names.get(i.sponsor_id, "") if i.sponsor_id else "",
            [names.get(p, "") for p in i.stakeholder_ids],
            i.start_on,
            i.end_on,
            _label(InitiativeStatus, i.status),
            i.user_satisfaction,
            i.on_time,
            i.on_budget,
            i.defect_count,
            i.change_order_amount,
            i.adoption,
            i.notes,
        ]  # fmt: skip
        for i in initiatives.list_all()
    )
    return headers, rows


#: The lists ``export_csv`` writes, by the name the command line and the dialog use.
EXPORTS: dict[str, Callable[[], Table]] = {
    "stakeholders": _stakeholder_table,
    "touchpoints": _touchpoint_table,
    "commitments": _commitment_table,
    "reflections": _reflection_table,
    "goals": _goal_table,
    "initiatives": _initiative_table,
}


def export_csv(path: Path, what: str = "stakeholders") -> int:
    """Write the list ``what`` (one of ``EXPORTS``) to ``path`` atomically; return the rows."""
    if what not in EXPORTS:
        raise ValueError(f"cannot export {what!r}; choose one of {', '.join(EXPORTS)}")
    headers, rows = EXPORTS[what]()
    written = 0

    def write(out: TextIO) -> None:
        nonlocal written
        out.write("\ufeff")
        writer = csv.writer(out)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([guard(_cell(value)) for value in row])
            written += 1

    atomic.write_text(Path(path), write, newline="")
    return written
