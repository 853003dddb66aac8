"""The header of a person's page: where the relationship stands, in five panels.

Contact against the cadence, engagement now → wanted, the place on the stakeholder map,
relationship health and the latest trust reading; each panel's tooltip gives its formula.
Contact and health come from the person's summary (``services.insights.relationships``), the
one the people list and the dashboard read, so all three show the same numbers; ``health_text``
is how each of them writes health.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QGridLayout, QWidget

from advisor_planner.domain import cadence, health, stakeholder_map, trust
from advisor_planner.domain.enums import Engagement
from advisor_planner.services import stakeholders, trust_checks
from advisor_planner.services.insights.relationships import HEALTH_WINDOW_DAYS, PersonStatus
from advisor_planner.ui.stakeholder.widgets import Fact
from advisor_planner.ui.stakeholder.widgets import page_tr as _tr


def health_text(score: float | None) -> str:
    """Relationship health as every view shows it: a whole number out of 100, or "—" while
    there is no evidence."""
    return "—" if score is None else f"{score:.0f}"


def health_tooltip(summary: PersonStatus) -> str:
    """The health formula, and each component of this person's reading out of 100."""
    if summary.health is None:
        return health.HEALTH_FORMULA
    parts = [
        f"{_tr(name.replace('_', '-'))} {value * 100:.0f}"
        for name, value in summary.health_components.items()
    ]
    return health.HEALTH_FORMULA + "\n" + ", ".join(parts)


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

    def show_summary(self, summary: PersonStatus, today: date) -> None:
        """Contact and health, from the person's summary (``insights.relationships``)."""
        self.show_contact(summary.cadence, summary.last_contact, today)
        self.show_health(summary)

    def show_loading(self) -> None:
        for fact in (self.contact, self.health):
            fact.show_fact(_tr("Loading…"))

    def show_health(self, summary: PersonStatus) -> None:
        if summary.health is None:
            self.health.show_fact("—", _tr("no evidence yet"), health.HEALTH_FORMULA)
            return
        detail = _tr("{0} touchpoints in {1} days").format(
            summary.touchpoints_in_window, HEALTH_WINDOW_DAYS
        )
        if summary.evidence_reliability is not None:
            detail += " · " + _tr("{0:.0%} kept on time").format(summary.evidence_reliability)
        self.health.show_fact(
            _tr("{0} / 100").format(health_text(summary.health)),
            detail,
            health_tooltip(summary),
            warn=summary.health < 40,
        )

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
