"""The import's mapping step for a CSV: each column of the file matched to a field by its
header, for the user to correct, and the order of slash dates (31/03 or 03/31) when a date
column holds them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from advisor_planner.interchange import csv_import, csv_mapping
from advisor_planner.ui.i18n import FIELD, translate
from advisor_planner.ui.record_form import error_label


def locale_date_order() -> str:
    """How this machine writes short dates: month first as in the US ("mdy"), else "dmy"."""
    form = QLocale().dateFormat(QLocale.FormatType.ShortFormat).lower()
    return "mdy" if form.find("m") < form.find("d") else "dmy"


class MappingPage(QWidget):
    """A CSV's columns, each matched to a field (or left out), for the user to correct."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table_data: Any = None
        self.kind = QComboBox(self)
        self.kind.setObjectName("csvKind")
        self.kind.addItem(self.tr("Stakeholders"), "stakeholders")
        self.kind.addItem(self.tr("Touchpoints"), "touchpoints")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.columns = QTableWidget(0, 3, self)
        self.columns.setObjectName("csvColumns")
        self.columns.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("First value"), self.tr("Goes to")]
        )
        self.columns.verticalHeader().hide()
        self.columns.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.columns.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.date_order = QComboBox(self)
        self.date_order.setObjectName("csvDateOrder")
        self.date_order.setAccessibleName(self.tr("Order of the dates"))
        self.date_order.addItem(self.tr("day/month/year (31/03/2026)"), "dmy")
        self.date_order.addItem(self.tr("month/day/year (03/31/2026)"), "mdy")
        self.date_order_label = QLabel(self.tr("Dates are"), self)
        self.date_order_label.setBuddy(self.date_order)
        self.date_order.hide()  # until the date column holds slash dates
        self.date_order_label.hide()
        self.problem = error_label(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("The rows are"), self))
        top.addWidget(self.kind)
        top.addSpacing(16)
        top.addWidget(self.date_order_label)
        top.addWidget(self.date_order)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(
            self.tr(
                "Each column was matched to a field by its header. Correct any that are "
                "wrong, or choose “Leave out”."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.columns, 1)
        layout.addWidget(self.problem)
        self.combos: list[QComboBox] = []

    def set_table(self, table: Any) -> None:
        self.table_data = table
        kind = csv_mapping.guess_kind(table.headers)
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.kind.blockSignals(False)
        self._fill(kind)

    def _kind_changed(self) -> None:
        if self.table_data is not None:
            self._fill(self.kind.currentData())

    def _fill(self, kind: str) -> None:
        table = self.table_data
        suggested = csv_mapping.suggest_mapping(table.headers, kind)
        first = table.rows[0][1] if table.rows else [""] * len(table.headers)
        self.columns.setRowCount(len(table.headers))
        self.combos = []
        for row, header in enumerate(table.headers):
            self.columns.setItem(row, 0, QTableWidgetItem(header))
            example = " ".join(first[row].split())
            self.columns.setItem(row, 1, QTableWidgetItem(example[:80]))
            combo = QComboBox(self.columns)
            combo.addItem(self.tr("Leave out"), "")
            # The interchange layer has no Qt to mark its labels with: a translation lists
            # them under the Field context, beside the forms' labels.
            for name, label in csv_mapping.FIELDS[kind].items():
                combo.addItem(translate(FIELD, label), name)
            combo.setCurrentIndex(max(0, combo.findData(suggested[header])))
            combo.currentIndexChanged.connect(self._show_date_order)
            combo.currentIndexChanged.connect(self.changed)
            self.columns.setCellWidget(row, 2, combo)
            self.combos.append(combo)
        self._show_date_order()
        self.changed.emit()

    def _show_date_order(self) -> None:
        """Offer the order of the dates only for slash dates. When it first shows, it is set to
        what the file shows or, when no date tells, to how this machine writes dates; after
        that it keeps what the user chose while other columns are remapped."""
        cells = csv_mapping.date_cells(self.table_data, self.mapping())
        shown = self.kind.currentData() == "touchpoints" and csv_import.has_slash_dates(cells)
        if shown and not self.date_order.isVisibleTo(self):
            order = csv_import.slash_date_order(cells) or locale_date_order()
            self.date_order.setCurrentIndex(self.date_order.findData(order))
        self.date_order.setVisible(shown)
        self.date_order_label.setVisible(shown)

    def chosen_date_order(self) -> str | None:
        """The order slash dates are read in, or None when the file has none."""
        return self.date_order.currentData() if self.date_order.isVisibleTo(self) else None

    def mapping(self) -> dict[str, str]:
        headers = self.table_data.headers if self.table_data else []
        return {h: combo.currentData() for h, combo in zip(headers, self.combos, strict=True)}

    def set_field(self, header: str, field_name: str) -> None:
        """Map ``header`` to ``field_name`` (as choosing it in its list does)."""
        index = self.table_data.headers.index(header)
        combo = self.combos[index]
        combo.setCurrentIndex(combo.findData(field_name))

    def problem_text(self) -> str:
        """Why the mapping cannot be imported yet, or ""."""
        gap = csv_mapping.mapping_gap(self.kind.currentData(), self.mapping())
        return {
            "name": self.tr("Choose the column that holds the name."),
            "date": self.tr("Choose the column that holds the date."),
            "people": self.tr("Choose the column that names the people."),
            "doubled": self.tr("Two columns go to the same field; leave one out."),
        }.get(gap, "")
