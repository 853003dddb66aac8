"""The header of a person's page: where the relationship stands, in five panels.

Contact against the cadence, engagement now → wanted, the place on the stakeholder map,
relationship health and the latest trust reading; each panel's tooltip gives its formula.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QGridLayout, QWidget

from advisor_planner.domain import cadence, health, reliability, stakeholder_map, trust
from advisor_planner.domain.enums import Engagement
from advisor_planner.services import commitments, stakeholders, touchpoints, trust_checks
from advisor_planner.ui.stakeholder.widgets import Fact
from advisor_planner.ui.stakeholder.widgets import page_tr as _tr

HEALTH_WINDOW_DAYS = 90  # as ``services.insights.relationships.HEALTH_WINDOW_DAYS``


class RelationshipFacts(QWidget):
    """Five fact panels side by side, each filled by its own ``show_…``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contact = Fact(_tr("Contact"), self)
        self.contact.setObjectName("contactFact")
        self.engagement = Fact(_tr("Engagement"), self)
        self.map = Fact(_tr("Stakeholder map"), self)
        self.health = Fact(_tr("Relationship health"), self)
        self.trust = Fact(_tr("Trust"), self)
        self.panels = (self.contact, self.engagement, self.map, self.health, self.trust)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        for column, fact in enumerate(self.panels):
            grid.addWidget(fact, 0, column)
            grid.setColumnStretch(column, 1)

    def recolour(self) -> None:
        for fact in self.panels:
            fact.recolour()

    def show_contact(
        self, status: cadence.CadenceStatus, last_contact: date | None, today: date
    ) -> None:
        if last_contact is None:
            detail = _tr("no touchpoint logged yet")
        else:
            days = (today - last_contact).days
            when = {0: _tr("today"), 1: _tr("yesterday")}.get(
                days, _tr("{0} days ago").format(days)
            )
            detail = _tr("last contact {0} ({1})").format(last_contact.isoformat(), when)
        tooltip = cadence.CADENCE_FORMULA
        if status.due_on is not None:
            tooltip += "\n" + _tr("Next contact due {0}").format(status.due_on.isoformat())
        self.contact.show_fact(_tr(status.label), detail, tooltip, warn=status.overdue)

    def show_engagement(self, person: stakeholders.Stakeholder) -> None:
        current = Engagement(person.engagement_current)
        desired = Engagement(person.engagement_desired)
        gap = stakeholder_map.engagement_gap(current.value, desired.value)
        if gap == 0:
            value, detail = _tr(current.label), _tr("where you want them")
        else:
            value = f"{_tr(current.label)} → {_tr(desired.label).lower()}"
            steps = abs(gap)
            detail = (_tr("{0} step to go") if steps == 1 else _tr("{0} steps to go")).format(steps)
            if gap < 0:
                detail = _tr("more engaged than needed")
        self.engagement.show_fact(value, detail, _tr("Engagement now → wanted"))

    def show_map(self, person: stakeholders.Stakeholder) -> None:
        quadrant = stakeholder_map.quadrant(person.power, person.interest)
        key = stakeholder_map.is_key_stakeholder(person.power, person.interest)
        detail = _tr(quadrant).capitalize()
        if key:
            detail = _tr("{0} · key stakeholder").format(detail)
        self.map.show_fact(
            _tr("Power {0} · interest {1}").format(person.power, person.interest),
            detail,
            _tr("Power {0} of 5, interest {1} of 5\n{2}").format(
                person.power, person.interest, stakeholder_map.KEY_STAKEHOLDER_FORMULA
            ),
        )

    def show_health(
        self,
        person: stakeholders.Stakeholder,
        past: list[touchpoints.Touchpoint],
        promises: list[commitments.Commitment],
        last_contact: date | None,
        today: date,
    ) -> float | None:
        """Show the health reading; return its score."""
        since = today - timedelta(days=HEALTH_WINDOW_DAYS)
        recent = [t for t in past if t.occurred_on is not None and t.occurred_on >= since]
        listening = [t.listening for t in recent if t.listening is not None]
        sentiment = [t.sentiment for t in recent if t.sentiment is not None]
        facts = [
            reliability.CommitmentFact(c.made_on, c.due_on, c.status, c.closed_on)
            for c in promises
            if c.made_on is not None
        ]
        follow = reliability.evidence_reliability(
            facts, today=today, window_days=HEALTH_WINDOW_DAYS
        ).ratio
        reading = health.relationship_health(
            health.HealthInputs(
                days_since_contact=(today - last_contact).days if last_contact else None,
                cadence_days=person.cadence_days,
                touchpoints_in_window=len(recent),
                window_days=HEALTH_WINDOW_DAYS,
                mean_listening=sum(listening) / len(listening) if listening else None,
                mean_sentiment=sum(sentiment) / len(sentiment) if sentiment else None,
                gave=sum(1 for t in recent if t.reciprocity == "gave"),
                asked=sum(1 for t in recent if t.reciprocity == "asked"),
                mutual=sum(1 for t in recent if t.reciprocity == "mutual"),
                follow_through=follow,
            )
        )
        if reading.score is None:
            self.health.show_fact("—", _tr("no evidence yet"), health.HEALTH_FORMULA)
            return None
        parts = [
            f"{_tr(name.replace('_', '-'))} {value * 100:.0f}"
            for name, value in reading.components.items()
        ]
        detail = _tr("{0} touchpoints in {1} days").format(len(recent), HEALTH_WINDOW_DAYS)
        if follow is not None:
            detail += " · " + _tr("{0:.0%} kept on time").format(follow)
        self.health.show_fact(
            _tr("{0:.0f} / 100").format(reading.score),
            detail,
            health.HEALTH_FORMULA + "\n" + ", ".join(parts),
            warn=reading.score < 40,
        )
        return reading.score

    def show_trust(self, checks: list[trust_checks.TrustCheck]) -> None:
        if not checks:
            self.trust.show_fact("—", _tr("no trust check yet"), trust.TRUST_QUOTIENT_FORMULA)
            return
        last = checks[-1]
        reading = trust.read_trust(
            last.credibility, last.reliability, last.intimacy, last.self_orientation
        )
        value = _tr("{0:.1f} · score {1:.0f}").format(reading.quotient, reading.score_100)
        detail = _tr("on {0}").format(last.checked_on)
        if len(checks) > 1:
            detail += " · " + _tr("was {0:.1f}").format(checks[-2].quotient)
        if reading.uneven:
            detail += " · " + _tr("uneven")
        self.trust.show_fact(
            value,
            detail,
            f"{trust.TRUST_QUOTIENT_FORMULA}\n{trust.TRUST_SCALE_FORMULA}",
            warn=reading.uneven,
        )
