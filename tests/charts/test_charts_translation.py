"""Chart titles, ⓘ texts and fixed labels are marked at import and translated when shown, so a
translator installed after ``charts`` was imported (on a worker thread, at start-up) still
reaches them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QTranslator

from advisor_planner.charts.base import Label
from advisor_planner.charts.scatter import WarmthCompetenceChart
from advisor_planner.charts.time_series import TrustIndexChart
from advisor_planner.charts.view import ChartView
from advisor_planner.services.insights import trust_series


class _Wrapping(QTranslator):
    """A pseudo-translation of the charts' context: every string wrapped in ⟦…⟧."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return f"⟦{source}⟧" if context == "Chart" else ""


def test_titles_and_labels_are_translated_when_shown(qtbot) -> None:
    translator = _Wrapping()
    QCoreApplication.installTranslator(translator)
    try:
        view = ChartView(TrustIndexChart())
        qtbot.addWidget(view)
        assert view.title_label.text() == "⟦Trust index⟧"
        assert view.accessibleName() == "⟦Trust index⟧"
        assert "⟦How much the people who matter most" in view.info_button.toolTip()

        chart = WarmthCompetenceChart()
        chart.show([trust_series.Perception(1, "Ada", 8, 9, date(2026, 3, 1))])
        labels = {item.label for item in chart.plot.items if isinstance(item, Label)}
        assert {"⟦Trusted⟧", "⟦At risk⟧"} <= labels
    finally:
        QCoreApplication.removeTranslator(translator)
    # The classes keep their English source text: marking translates nothing.
    assert TrustIndexChart.title == "Trust index"
    assert TrustIndexChart().shown_title == "Trust index"


def test_the_info_quotes_the_domains_formulas_and_measures_keep_their_names() -> None:
    from advisor_planner.charts.scatter import MEASURE_NAMES, TrustOutcomesChart, measure_name
    from advisor_planner.domain import correlation
    from advisor_planner.services.initiatives import OUTCOME_MEASURES

    info = TrustOutcomesChart().shown_info
    assert correlation.CORRELATION_FORMULA in info and "{0}" not in info
    assert correlation.LEAST_SQUARES_FORMULA in info
    # The chart names every measure the services know, as they name it.
    assert set(MEASURE_NAMES) == set(OUTCOME_MEASURES)
    assert {key: measure_name(key) for key in OUTCOME_MEASURES} == OUTCOME_MEASURES
