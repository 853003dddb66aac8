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
from advisor_planner.translation import QT_TRANSLATE_NOOP
from advisor_planner.ui.i18n import (
    choice_label,
    count_of,
    format_count,
    format_date,
    format_number,
    format_percent,
    plural,
    translate,
)
from advisor_planner.ui.stakeholder.widgets import PAGE, Fact

#: Each component of relationship health (``domain.health.HEALTH_WEIGHTS``) with its reading
#: out of 100, as the health tooltip lists them.
HEALTH_COMPONENTS = {
    "recency": QT_TRANSLATE_NOOP("StakeholderPage", "recency {0}"),
    "frequency": QT_TRANSLATE_NOOP("StakeholderPage", "frequency {0}"),
    "listening": QT_TRANSLATE_NOOP("StakeholderPage", "listening {0}"),
    "sentiment": QT_TRANSLATE_NOOP("StakeholderPage", "sentiment {0}"),
    "reciprocity": QT_TRANSLATE_NOOP("StakeholderPage", "reciprocity {0}"),
    "follow_through": QT_TRANSLATE_NOOP("StakeholderPage", "follow-through {0}"),
}
#: Mendelow's quadrants (``domain.stakeholder_map.quadrant``), as the map panel names them.
QUADRANT_NAMES = {
    stakeholder_map.MANAGE_CLOSELY: QT_TRANSLATE_NOOP("StakeholderPage", "Manage closely"),
    stakeholder_map.KEEP_SATISFIED: QT_TRANSLATE_NOOP("StakeholderPage", "Keep satisfied"),
    stakeholder_map.KEEP_INFORMED: QT_TRANSLATE_NOOP("StakeholderPage", "Keep informed"),
    stakeholder_map.MONITOR: QT_TRANSLATE_NOOP("StakeholderPage", "Monitor"),
}


def health_text(score: float | None) -> str:
    """Relationship health as every view shows it: a whole number out of 100, or "—" while
    there is no evidence."""
    return "—" if score is None else format_number(score)


def health_tooltip(summary: PersonStatus) -> str:
    """The health formula, and each component of this person's reading out of 100."""
    if summary.health is None:
        return health.health_formula()
    parts = []
    for name, value in summary.health_components.items():
        reading = format_number(value * 100)
        marked = HEALTH_COMPONENTS.get(name)
        parts.append(translate(PAGE, marked).format(reading) if marked else f"{name} {reading}")
    return health.health_formula() + "\n" + ", ".join(parts)


class RelationshipFacts(QWidget):
    """Five fact panels side by side, each filled by its own ``show_…``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contact = Fact(self.tr("Contact"), self)
        self.contact.setObjectName("contactFact")
        self.engagement = Fact(self.tr("Engagement"), self)
        self.map = Fact(self.tr("Stakeholder map"), self)
        self.health = Fact(self.tr("Relationship health"), self)
        self.trust = Fact(self.tr("Trust"), self)
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
        """The cadence status (the domain's sentence, as given) and when we last spoke."""
        if last_contact is None:
            detail = self.tr("no touchpoint logged yet")
        else:
            days = (today - last_contact).days
            when = format_date(last_contact)
            if days == 0:
                detail = self.tr("last contact {0} (today)").format(when)
            elif days == 1:
                detail = self.tr("last contact {0} (yesterday)").format(when)
            else:
                ago = plural(self.tr("%n day(s) ago", "", days), days)
                detail = self.tr("last contact {0} ({1})").format(when, ago)
        tooltip = cadence.cadence_formula()
        if status.due_on is not None:
            tooltip += "\n" + self.tr("Next contact due {0}").format(format_date(status.due_on))
        self.contact.show_fact(status.label, detail, tooltip, warn=status.overdue)

    def show_engagement(self, person: stakeholders.Stakeholder) -> None:
        current = Engagement(person.engagement_current)
        desired = Engagement(person.engagement_desired)
        gap = stakeholder_map.engagement_gap(current.value, desired.value)
        if gap == 0:
            value, detail = choice_label(current), self.tr("where you want them")
        else:
            # (Capitalised as the Stakeholders list writes it: "Neutral → Supportive".)
            value = self.tr("{0} → {1}").format(choice_label(current), choice_label(desired))
            steps = abs(gap)
            detail = plural(self.tr("%n step(s) to go", "", steps), steps)
            if gap < 0:
                detail = self.tr("more engaged than needed")
        self.engagement.show_fact(value, detail, self.tr("Engagement now → wanted"))

    def show_map(self, person: stakeholders.Stakeholder) -> None:
        quadrant = stakeholder_map.quadrant(person.power, person.interest)
        key = stakeholder_map.is_key_stakeholder(person.power, person.interest)
        detail = translate(PAGE, QUADRANT_NAMES[quadrant])
        if key:
            detail = self.tr("{0} · key stakeholder").format(detail)
        self.map.show_fact(
            self.tr("Power {0} · interest {1}").format(person.power, person.interest),
            detail,
            self.tr("Power {0} of 5, interest {1} of 5").format(person.power, person.interest)
            + "\n"
            + stakeholder_map.key_stakeholder_formula(),
        )

    def show_summary(self, summary: PersonStatus, today: date) -> None:
        """Contact and health, from the person's summary (``insights.relationships``)."""
        self.show_contact(summary.cadence, summary.last_contact, today)
        self.show_health(summary)

    def show_loading(self) -> None:
        for fact in (self.contact, self.health, self.trust):
            fact.show_fact(self.tr("Loading…"))

    def show_health(self, summary: PersonStatus) -> None:
        if summary.health is None:
            self.health.show_fact("—", self.tr("no evidence yet"), health.health_formula())
            return
        count = summary.touchpoints_in_window
        detail = self.tr("{0} in {1} days").format(
            count_of("touchpoints", count), format_count(HEALTH_WINDOW_DAYS)
        )
        if summary.evidence_reliability is not None:
            detail += " · " + self.tr("{0} kept on time").format(
                format_percent(summary.evidence_reliability)
            )
        self.health.show_fact(
            self.tr("{0} / 100").format(health_text(summary.health)),
            detail,
            health_tooltip(summary),
            warn=summary.health < 40,
        )

    def show_trust(self, checks: list[trust_checks.TrustCheck]) -> None:
        if not checks:
            self.trust.show_fact("—", self.tr("no trust check yet"), trust.trust_quotient_formula())
            return
        last = checks[-1]
        reading = trust.read_trust(
            last.credibility, last.reliability, last.intimacy, last.self_orientation
        )
        # Each figure named: "5.0 · score 61 / was 3.0" left the reader to guess which was what.
        value = self.tr("Quotient {0}").format(format_number(reading.quotient, 1))
        assert last.checked_on is not None  # (a stored check always has its date)
        details = [
            self.tr("score {0}/100").format(format_number(reading.score_100)),
            self.tr("checked {0}").format(format_date(last.checked_on)),
        ]
        if len(checks) > 1:
            details.append(
                self.tr("previous check {0}").format(format_number(checks[-2].quotient, 1))
            )
        if reading.uneven:
            details.append(self.tr("uneven"))
        self.trust.show_fact(
            value,
            " · ".join(details),
            f"{trust.trust_quotient_formula()}\n{trust.trust_scale_formula()}",
            warn=reading.uneven,
        )
