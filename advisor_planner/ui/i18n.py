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
same as before. Lists are the exception: a cell reads as words in every locale
(``format_short_date``: "Fri 20 Nov", "Fri 20 Nov, 15:00"; ``format_week``: "Week 48
(23–29 Nov)"), the ISO form in its tooltip. Counts go through ``plural`` and ``count_of``
("1 person", "25 people"), from Qt's ``%n … (s)`` texts.

``PseudoTranslator`` wraps every translated string in ``⟦…⟧``: a screen with text outside the
brackets shows a string that bypassed translation. ``ADVISOR_PLANNER_PSEUDO=1`` starts the
app with it, and ``tests/ui/test_ui_translation.py`` walks every view under it.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta
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


# -- counts ------------------------------------------------------------------------------------

#: English plurals that are not the noun and an "s" (the source texts are English, and until
#: an English translation with numerus forms is shipped these resolve "(s)").
_IRREGULAR = {"person": "people", "entry": "entries", "reply": "replies"}
_PLURAL_MARK = re.compile(r"(\w+)\(s\)")


def plural(text: str, n: int, locale: QLocale | None = None) -> str:
    """A translated numerus text with ``n`` in it, plural-correct: ``plural(self.tr("every %n
    day(s)", "", n), n)`` reads "every 1 day", "every 2 days".

    Qt's own convention is the source text with "(s)" and a translation giving each
    language's forms (``numerus`` in the ``.ts`` file), ``%n`` filled in by Qt; without a
    translation the "(s)" shows. This resolves what a translation left: each ``word(s)`` to
    the English singular or plural, and the number to the locale's digits (``1,234``).
    """

    def resolve(match: re.Match[str]) -> str:
        word = match.group(1)
        if n == 1:
            return word
        return _IRREGULAR.get(word, word + "s")

    text = _PLURAL_MARK.sub(resolve, text)
    if abs(n) >= 1000:
        text = re.sub(rf"(?<![\d,.]){n}(?![\d])", format_count(n, locale), text, count=1)
    return text


def count_people(n: int) -> str:
    """ "1 person", "25 people": how many people, worded the same in every view."""
    return plural(QCoreApplication.translate("Count", "%n person(s)", None, n), n)


def count_of(kind: str, n: int) -> str:
    """ "25 people", "1 commitment", "3 items": ``n`` records of a list (``kind`` is the
    list's key: ``stakeholders``, ``commitments``…), worded the same in every view."""
    words = {
        "stakeholders": lambda: QCoreApplication.translate("Count", "%n person(s)", None, n),
        "touchpoints": lambda: QCoreApplication.translate("Count", "%n touchpoint(s)", None, n),
        "commitments": lambda: QCoreApplication.translate("Count", "%n commitment(s)", None, n),
        "goals": lambda: QCoreApplication.translate("Count", "%n goal(s)", None, n),
        "reflections": lambda: QCoreApplication.translate("Count", "%n reflection(s)", None, n),
        "initiatives": lambda: QCoreApplication.translate("Count", "%n initiative(s)", None, n),
        "trash": lambda: QCoreApplication.translate("Count", "%n item(s)", None, n),
    }
    text = words.get(kind)
    return plural(text(), n) if text else format_count(n)


# -- dates in lists ------------------------------------------------------------------------------


def format_short_date(
    day: date, *, this_year: int | None = None, locale: QLocale | None = None
) -> str:
    """A day as a list shows it: ``Fri 20 Nov``, with the year when it is not ``this_year``
    (``Fri 20 Nov 2025``); the names in the user's language. ISO goes in the tooltip."""
    locale = locale or QLocale()
    form = "ddd d MMM" if day.year == this_year else "ddd d MMM yyyy"
    return locale.toString(QDate(day.year, day.month, day.day), form)


def format_short_datetime(
    moment: datetime, *, this_year: int | None = None, locale: QLocale | None = None
) -> str:
    """``Fri 20 Nov, 15:00``: a local moment as a list shows it (the time by the locale)."""
    locale = locale or QLocale()
    day = format_short_date(moment.date(), this_year=this_year, locale=locale)
    clock = locale.toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)
    if _is_c_locale(locale):
        clock = f"{moment.hour:02d}:{moment.minute:02d}"
    return QCoreApplication.translate("Date", "{0}, {1}").format(day, clock)


def format_iso_moment(moment: datetime) -> str:
    """``2026-11-20 15:00``: the ISO form a list's tooltip gives beside the readable one."""
    return moment.strftime("%Y-%m-%d %H:%M")


def format_week(
    iso_year: int, week: int, locale: QLocale | None = None, *, this_year: int | None = None
) -> str:
    """``Week 48 (23–29 Nov)``: an ISO week with its Monday and Sunday; a week across two
    months names both (``Week 5 (26 Jan – 1 Feb)``), across two years both years. Given
    ``this_year``, a week of another year says its year (``Week 48 (24–30 Nov 2025)``)."""
    locale = locale or QLocale()
    monday = date.fromisocalendar(iso_year, week, 1)
    sunday = monday + timedelta(days=6)

    def day(d: date, form: str) -> str:
        return locale.toString(QDate(d.year, d.month, d.day), form)

    end = "d MMM" if this_year in (None, sunday.year) else "d MMM yyyy"
    if monday.month == sunday.month:
        span = f"{monday.day}–{day(sunday, end)}"
    elif monday.year == sunday.year:
        span = f"{day(monday, 'd MMM')} – {day(sunday, end)}"
    else:
        span = f"{day(monday, 'd MMM yyyy')} – {day(sunday, 'd MMM yyyy')}"
    return QCoreApplication.translate("Date", "Week {0} ({1})").format(week, span)
