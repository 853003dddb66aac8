"""The report's tables and private lists: the key stakeholders, the initiatives finished in
the period, the summary's short lists (trust moves, promises past due, key stakeholders due a
touchpoint), and the period's private text (read only when the report includes it).

``reports.data.gather`` fills a ``ReportData`` with them; ``reports.build`` lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from advisor_planner.domain.enums import Purpose
from advisor_planner.services import (
    clock,
    commitments,
    feedback,
    initiatives,
    reflections,
    stakeholders,
    touchpoints,
)
from advisor_planner.services.errors import NotFoundError
from advisor_planner.services.insights import outcome_series, relationships
from advisor_planner.translation import translate

MAX_PRIVATE_ITEMS = 10
MAX_KEY_PEOPLE = 25
MAX_INITIATIVES = 25
#: Rows in each of the summary's short lists (trust moves, promises, people due a touchpoint).
MAX_SUMMARY_ROWS = 5


@dataclass(frozen=True, slots=True)
class KeyPerson:
    name: str
    unit: str
    weight: int
    score: float | None  # latest trust score (0–100) by the end of the period
    change: float | None  # against its start (``insights.trust_scores_between``)
    last_contact: date | None
    cadence: str
    notes: str = ""  # only with private notes


@dataclass(frozen=True, slots=True)
class InitiativeLine:
    name: str
    sponsor: str
    mean_quotient: float | None
    outcomes: str


def key_people(
    key: list[relationships.PersonStatus],
    scores: dict[int, tuple[float, float]],
    *,
    include_private: bool,
) -> list[KeyPerson]:
    """The key stakeholders, the most weight (power × interest) first (the report's table
    keeps ``MAX_KEY_PEOPLE``: a table of hundreds would bury the ones that matter)."""
    notes: dict[int, str] = {}
    if include_private:
        notes = {s.id: s.notes for s in stakeholders.list_all() if s.notes.strip()}
    rows = [
        KeyPerson(
            p.name,
            p.business_unit,
            p.power * p.interest,
            scores[p.id][1] if p.id in scores else None,
            scores[p.id][1] - scores[p.id][0] if p.id in scores else None,
            p.last_contact,
            p.cadence.label,
            " ".join(notes.get(p.id, "").split()),
        )
        for p in key
    ]
    rows.sort(key=lambda r: (-r.weight, r.name))
    return rows


@dataclass(frozen=True, slots=True)
class PromiseLine:
    text: str
    to: str
    due_on: date
    days_late: int  # at the period's end
    key: bool  # made to a key stakeholder


def trust_movers(people: list[KeyPerson]) -> list[KeyPerson]:
    """The key stakeholders whose trust moved most in the period (a point at least), the
    biggest rises then the biggest falls, ``MAX_SUMMARY_ROWS`` in all: a few falls are kept
    a place (two) however large the rises, as they are what a reader most needs to see."""
    rises = sorted((p for p in people if (p.change or 0.0) >= 1), key=lambda p: -(p.change or 0))
    falls = sorted((p for p in people if (p.change or 0.0) <= -1), key=lambda p: p.change or 0)
    kept_falls = falls[: max(2, MAX_SUMMARY_ROWS - len(rises))]
    return rises[: MAX_SUMMARY_ROWS - len(kept_falls)] + kept_falls[:MAX_SUMMARY_ROWS]


def overdue_promises(
    end: date, people: list[relationships.PersonStatus]
) -> tuple[list[PromiseLine], int]:
    """The promises open and past their due day at the period's end (one kept later counts,
    as ``promise_series.overdue_as_of`` counts it): those to key stakeholders first, then the
    longest late; ``MAX_SUMMARY_ROWS`` at most, and how many there are in all."""
    key = {p.id for p in people if p.key}
    names = stakeholders.names(include_archived=True)
    found = {c.id: c for c in commitments.list_filtered(which="overdue", today=end)}
    # Closed since the period's end, but still open at it (two years back is plenty).
    for c in commitments.due_between(start=end - timedelta(days=730), end=end - timedelta(days=1)):
        if c.closed_on is not None and c.closed_on >= end and (c.made_on or end) <= end:
            found[c.id] = c
    lines = [
        PromiseLine(
            c.text,
            names.get(c.stakeholder_id, "?"),
            c.due_on,
            (end - c.due_on).days,
            c.stakeholder_id in key,
        )  # fmt: skip
        for c in found.values()
        if c.due_on is not None
    ]
    lines.sort(key=lambda line: (not line.key, -line.days_late, line.to))
    return lines[:MAX_SUMMARY_ROWS], len(lines)


def contact_due(people: list[relationships.PersonStatus]) -> list[relationships.PersonStatus]:
    """The key stakeholders past their touchpoint cadence at the period's end, the longest
    overdue first (all are key: by days, the order reads plainly), ``MAX_SUMMARY_ROWS`` at
    most."""
    due = [p for p in people if p.key and p.cadence.overdue]
    due.sort(key=lambda p: (-p.days_overdue, p.name))
    return due[:MAX_SUMMARY_ROWS]


def finished_initiatives(
    start: date,
    end: date,
    outcomes: outcome_series.TrustOutcomes,
    people: list[relationships.PersonStatus],
) -> list[InitiativeLine]:
    """The initiatives that finished in the period (the chart above the table has them all),
    ``MAX_INITIATIVES`` at most, latest first."""
    names = {p.id: p.name for p in people}
    quotients = {p.initiative_id: p.mean_quotient for p in outcomes.points}
    rows = []
    for item in initiatives.finished_between(start=start, end=end, limit=MAX_INITIATIVES):
        parts = []
        if item.user_satisfaction is not None:
            parts.append(translate("Report", "satisfaction {0:g}").format(item.user_satisfaction))
        if item.on_time is not None:
            yes, no = translate("Report", "on time yes"), translate("Report", "on time no")
            parts.append(yes if item.on_time else no)
        if item.on_budget is not None:
            yes, no = translate("Report", "on budget yes"), translate("Report", "on budget no")
            parts.append(yes if item.on_budget else no)
        if item.defect_count is not None:
            parts.append(translate("Report", "{0} defects").format(item.defect_count))
        if item.adoption is not None:
            parts.append(translate("Report", "adoption {0:g} %").format(item.adoption))
        rows.append(
            InitiativeLine(
                item.name,
                _sponsor(item.sponsor_id, names),
                quotients.get(item.id),
                ", ".join(parts),
            )
        )
    return rows


def _sponsor(sponsor_id: int | None, names: dict[int, str]) -> str:
    if sponsor_id is None:
        return ""
    if sponsor_id in names:
        return names[sponsor_id]
    try:  # an archived sponsor: not among the active people
        return stakeholders.get(stakeholder_id=sponsor_id).name
    except NotFoundError:
        return ""


def private_text(start: date, end: date) -> dict[str, list[str]]:
    """The private text of the period, newest first, a few items of each kind."""
    names = stakeholders.names(include_archived=True)
    said = [
        f"{names.get(f.stakeholder_id, '?')}, {f.received_on}: {' '.join(f.text.split())}"
        for f in sorted(feedback.between(start=start, end=end), key=_received_on)
    ][::-1][:MAX_PRIVATE_ITEMS]
    written = []
    first, last = clock.iso_week(start), clock.iso_week(end)
    win, lesson = translate("Report", "{0} · Win: {1}"), translate("Report", "{0} · Lesson: {1}")
    for item in reflections.list_all():
        if first <= item.week <= last:
            for form, text in ((win, item.wins), (lesson, item.lessons)):
                if text.strip():
                    written.append(form.format(item.week, " ".join(text.split())))
        if len(written) >= MAX_PRIVATE_ITEMS:
            break
    with_whom = translate("Report", "{0} · {1} with {2}: {3}")
    notes = [
        with_whom.format(
            t.occurred_on,
            translate("Choice", Purpose(t.purpose).label),
            ", ".join(names.get(i, "?") for i in t.stakeholder_ids),
            " ".join(t.notes.split()),
        )
        for t in touchpoints.between(start=start, end=end)
        if t.notes.strip()
    ][::-1][:MAX_PRIVATE_ITEMS]
    return {"feedback": said, "reflections": written, "touchpoints": notes}


def _received_on(item: feedback.Feedback) -> date:
    # A stored feedback always has its day; the field is optional only for a new one.
    return item.received_on or date.min
