"""The stakeholder map's unit filter: a combo box above the map choosing one business unit.

The units offered are those of the people the dashboard loaded (``services.insights
.relationships.people_status``, through ``services.dashboard``), each with its count, so the
filter never queries anything and never offers a unit with no one in it. The choice is kept in
the settings; a unit that no longer has anyone falls back to everyone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

from advisor_planner.services.insights.relationships import PersonStatus
from advisor_planner.ui.i18n import format_count

SETTING = "dashboard/unit"
ALL = ""  # the data of "All units"
NO_UNIT = "\x00none"  # the data of the people with no unit named (no unit can be this)


class UnitFilter(QComboBox):
    """All units, or one; ``chosen`` fires when the user picks another."""

    chosen = Signal()

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("mapUnit")
        self.setAccessibleName(self.tr("Business unit shown on the map"))
        self.setToolTip(self.tr("Show the people of one business unit on the map"))
        # Narrow when closed, to leave the chart's headline its room; the list opens as wide
        # as its longest unit.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(7)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self._wanted = str(settings.value(SETTING, ALL) or ALL)
        self.set_people([])
        self.currentIndexChanged.connect(self._picked)

    @property
    def unit(self) -> str:
        """The unit chosen: ``ALL``, ``NO_UNIT`` or a unit's name."""
        return str(self.currentData() or ALL)

    def set_people(self, people: Sequence[PersonStatus]) -> None:
        """Offer the units of ``people``, keeping the choice if its unit is still there."""
        counts = Counter(p.business_unit.strip() for p in people)
        self.blockSignals(True)
        try:
            self.clear()
            self.addItem(self.tr("All units"), ALL)
            for unit in sorted((u for u in counts if u), key=str.casefold):
                self.addItem(f"{unit} ({format_count(counts[unit])})", unit)
            if counts.get(""):
                label = self.tr("No unit ({0})").format(format_count(counts[""]))
                self.addItem(label, NO_UNIT)
            self.setCurrentIndex(max(0, self.findData(self._wanted)))
        finally:
            self.blockSignals(False)

    def filtered(self, people: Sequence[PersonStatus]) -> list[PersonStatus]:
        """The people of the chosen unit (everyone for all units)."""
        unit = self.unit
        if unit == ALL:
            return list(people)
        if unit == NO_UNIT:
            return [p for p in people if not p.business_unit.strip()]
        return [p for p in people if p.business_unit.strip() == unit]

    def _picked(self, _index: int) -> None:
        self._wanted = self.unit
        self.settings.setValue(SETTING, self._wanted)
        self.chosen.emit()
