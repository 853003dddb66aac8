"""Translation and locale: how every word, date and number reaches the screen.

Every user-visible string goes through Qt's translation functions: ``self.tr("…")`` in a
``QObject``, ``QCoreApplication.translate(context, "…")`` elsewhere, and
``QT_TRANSLATE_NOOP(context, "…")`` (``advisor_planner.translation``'s, typed and Qt-free) for
texts held in tables at import time (a class-level title, a menu table), translated with
:func:`translate` when they are shown. Below the UI, the domain and services translate their
own sentences through ``advisor_planner.translation``, whose hook ``install_translators``
points at Qt's. A translation is
then a ``.qm`` file under ``resources/translations/`` (``advisor_planner_<locale>.qm``, made
with ``pyside6-lupdate`` and ``pyside6-lrelease``), loaded by :func:`install_translators`
without touching code.

Dates, times and numbers are written by the user's locale through the ``format_*`` helpers.
The ``C`` locale (no locale chosen, as in the tests and a bare container) keeps the ISO
forms the app has always shown (2026-12-03, 1,234), so a machine without a locale reads the
same as before.

``PseudoTranslator`` wraps every translated string in ``⟦…⟧``: a screen with text outside the
brackets shows a string that bypassed translation. ``ADVISOR_PLANNER_PSEUDO=1`` starts the
app with it, and ``tests/ui/test_ui_translation.py`` walks every view under it.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime, QTranslator

from advisor_planner import translation
from advisor_planner.resources import resource_path

PSEUDO_ENV = "ADVISOR_PLANNER_PSEUDO"
PSEUDO_OPEN, PSEUDO_CLOSE = "⟦", "⟧"


class PseudoTranslator(QTranslator):
    """Translates every string to itself in brackets: ``Save`` becomes ``⟦Save⟧``."""

    def translate(  # noqa: D102 - QTranslator override
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        return f"{PSEUDO_OPEN}{source_text}{PSEUDO_CLOSE}"

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def install_translators(app: QCoreApplication) -> list[QTranslator]:
    """Install the translation for the user's locale when one is shipped, and the pseudo
    translation when ``ADVISOR_PLANNER_PSEUDO`` is set; returns what was installed (the
    caller keeps the objects alive)."""
    installed: list[QTranslator] = []
    translation.use(QCoreApplication.translate)  # the domain's and services' words too
    translator = QTranslator(app)
    folder = resource_path("translations")
    if folder.is_dir() and translator.load(QLocale(), "advisor_planner", "_", str(folder), ".qm"):
        app.installTranslator(translator)
        installed.append(translator)
    if os.environ.get(PSEUDO_ENV):
        pseudo = PseudoTranslator(app)
        app.installTranslator(pseudo)
        installed.append(pseudo)
    return installed


#: Contexts of texts kept in tables and translated where they are shown: a table column's
#: title (``ui.table.Column``), a form field's label and hint (``ui.record_form.FieldSpec``),
#: and the label of a stored choice (``domain.enums``, which has no Qt to mark them with).
COLUMN = "Column"
FIELD = "Field"
CHOICE = "Choice"
#: The progress report's section titles (``reports.data.SECTIONS``), shown by the report
#: dialog's check boxes as well as in the report.
REPORT = "Report"


def translate(context: str, text: str) -> str:
    """``text`` marked with ``QT_TRANSLATE_NOOP(context, text)``, translated now."""
    return QCoreApplication.translate(context, text)


def choice_label(choice: Any) -> str:
    """The translated label of a ``domain.enums`` choice (``Channel.MEETING`` → "Meeting").

    The English labels live in the Qt-free domain, where ``pyside6-lupdate`` cannot see them;
    a translation lists them under the ``Choice`` context.
    """
    return QCoreApplication.translate(CHOICE, choice.label)


def _is_c_locale(locale: QLocale) -> bool:
    return locale.language() == QLocale.Language.C


def format_date(day: date, locale: QLocale | None = None) -> str:
    """``day`` in the locale's short date form (ISO in the C locale)."""
    locale = locale or QLocale()
    if _is_c_locale(locale):
        return day.isoformat()
    return locale.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def format_long_date(day: date, locale: QLocale | None = None) -> str:
    """``day`` with its weekday and month named (``Thursday 03 December 2026``)."""
    locale = locale or QLocale()
    return locale.toString(QDate(day.year, day.month, day.day), "dddd dd MMMM yyyy")


def format_day_month(day: date, *, with_year: bool = False, locale: QLocale | None = None) -> str:
    """A short day and month (``03 Dec``, ``03 Dec 2026``), for spans and week labels."""
    locale = locale or QLocale()
    form = "dd MMM yyyy" if with_year else "dd MMM"
    return locale.toString(QDate(day.year, day.month, day.day), form)


def format_datetime(moment: datetime, locale: QLocale | None = None) -> str:
    """A local date and time to the minute (``2026-12-03 14:05`` in the C locale)."""
    locale = locale or QLocale()
    if _is_c_locale(locale):
        return moment.strftime("%Y-%m-%d %H:%M")
    value = QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
    )
    return locale.toString(value, QLocale.FormatType.ShortFormat)


def format_number(value: float, decimals: int = 0, locale: QLocale | None = None) -> str:
    """``value`` with the locale's digit grouping and decimal mark (``1,234.5`` in C)."""
    locale = locale or QLocale()
    if _is_c_locale(locale):
        return f"{value:,.{decimals}f}"
    return locale.toString(float(value), "f", decimals)


def format_count(value: int, locale: QLocale | None = None) -> str:
    """A whole number with the locale's digit grouping (``12,345`` in C)."""
    return format_number(value, 0, locale)


def format_percent(ratio: float, decimals: int = 0, locale: QLocale | None = None) -> str:
    """``ratio`` (0–1) as a percentage, ``87 %``; the number follows the locale."""
    return f"{format_number(ratio * 100, decimals, locale)} %"
