"""The report's content as blocks: what each section says, in order.

``build_blocks(data, charts)`` turns a ``ReportData`` and its recorded charts into the blocks
``reports.pdf`` paginates and paints. Private text appears only when the data holds it (it is
gathered only with ``include_private``); the mentor's report leaves out the self-ratings unless
asked for them.
"""

from __future__ import annotations

from collections.abc import Callable

from advisor_planner.reports.charts import RecordedChart
from advisor_planner.reports.data import SECTIONS, Headline, ReportData, section_title
from advisor_planner.reports.pdf import (
    H2,
    MUTED,
    Block,
    Chart,
    ChartRow,
    Figures,
    PageBreak,
    TableRow,
    Text,
    heading,
    short,
)
from advisor_planner.translation import translate


def _chart(charts: dict[str, RecordedChart], key: str) -> Chart:
    recorded = charts[key]
    return Chart(
        title=recorded.title,
        headline=recorded.headline,
        picture=recorded.picture,
        picture_size=recorded.size,
        missing=recorded.missing,
    )


def _table(
    name: str, headers: list[str], widths: list[float], rows: list[list[str]]
) -> list[Block]:
    blocks: list[Block] = [TableRow(cells=headers, widths=widths, header=True, table=name)]
    blocks += [TableRow(cells=row, widths=widths, table=name) for row in rows]
    return blocks


def _number(value: float | None, digits: int = 0, signed: bool = False) -> str:
    if value is None:
        return "—"
    text = f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"
    return text.replace("-", "−")


def _private_list(title: str, items: list[str]) -> list[Block]:
    if not items:
        return []
    return [heading(title, H2), *[Text(text=item, space_after=3, bullet=True) for item in items],
            Text(text="", space_after=4)]  # fmt: skip


def build_blocks(data: ReportData, charts: dict[str, RecordedChart]) -> list[Block]:
    """The blocks of every section the options ask for, in ``SECTIONS`` order."""
    blocks: list[Block] = []
    for section in SECTIONS:
        if section in data.options.sections:
            blocks += _SECTION_BLOCKS[section](data, charts)
    return blocks


def _summary(data: ReportData, charts: dict[str, RecordedChart]) -> list[Block]:
    """The page a reader starts with: the headline figures as cards, what stands out in a
    few sentences, then who and what needs attention (trust moves, promises past due, key
    people due a touchpoint), each a short list."""
    options = data.options
    blocks: list[Block] = [
        heading(section_title("summary")),
        Text(
            text=translate(
                "Report",
                "The headline figures for {0} – {1}, each against the {2} days before ({3} – {4}).",
            ).format(
                short(options.start),
                short(options.end),
                options.days,
                short(data.previous_start),
                short(data.previous_end),
            ),
            colour=MUTED,
        ),
        Figures(items=[(h.label, h.value, _change(h), h.better) for h in data.headlines]),
        heading(translate("Report", "What stands out"), H2),
        *[Text(text=sentence, space_after=4, bullet=True) for sentence in data.sentences],
        Text(text="", space_after=6),
    ]
    blocks += _movers(data)
    blocks += _promises(data)
    blocks += _contact_due(data)
    blocks.append(PageBreak())
    return blocks


def _change(figure: Headline) -> str:
    """A card's change line: the change, what it was, and whether that is better or worse,
    in words as well as colour ("+3.0 (was 57) · better")."""
    if not figure.change:
        return ""
    if figure.better is None:
        return translate("Report", "{0} (was {1})").format(figure.change, figure.previous)
    if figure.better:
        said = translate("Report", "{0} (was {1}) · better")
    else:
        said = translate("Report", "{0} (was {1}) · worse")
    return said.format(figure.change, figure.previous)


def _short_list(title: str, empty: str, rows: list[Block]) -> list[Block]:
    """A summary list under its heading, or a muted line saying there is nothing in it."""
    blocks: list[Block] = [heading(title, H2)]
    if len(rows) <= 1:  # the header row alone
        blocks.append(Text(text=empty, colour=MUTED, space_after=10))
        return blocks
    return [*blocks, *rows, Text(text="", space_after=8)]


def _movers(data: ReportData) -> list[Block]:
    rows = [
        [p.name, p.unit, _number(p.score), _number(p.change, 1, signed=True)] for p in data.movers
    ]
    headers = [translate("Report", "Key stakeholder"), translate("Report", "Unit"),
               translate("Report", "Trust"), translate("Report", "Change")]  # fmt: skip
    return _short_list(
        translate("Report", "Trust moved most"),
        translate("Report", "No key stakeholder's trust moved a point or more in the period."),
        _table("movers", headers, [0.4, 0.3, 0.15, 0.15], rows) if rows else [],
    )


def _promises(data: ReportData) -> list[Block]:
    key = translate("Report", "{0} (key)")
    rows = [
        [
            line.text,
            key.format(line.to) if line.key else line.to,
            short(line.due_on),
            _days(line.days_late),
        ]
        for line in data.promises
    ]
    headers = [translate("Report", "Promise"), translate("Report", "To"),
               translate("Report", "Due"), translate("Report", "Late by")]  # fmt: skip
    blocks = _short_list(
        translate("Report", "Promises past due at the period's end"),
        translate("Report", "No promise was past due at the period's end."),
        _table("promises", headers, [0.5, 0.22, 0.14, 0.14], rows) if rows else [],
    )
    if data.promises_total > len(data.promises):
        more = translate(
            "Report", "{0} of {1}: those to key stakeholders first, then the longest late."
        )
        blocks.insert(-1, Text(text=more.format(len(rows), data.promises_total), colour=MUTED))
    return blocks


def _days(count: int) -> str:
    if count == 1:
        return translate("Report", "1 day")
    return translate("Report", "{0} days").format(count)


def _contact_due(data: ReportData) -> list[Block]:
    never = translate("Report", "never")
    rows = [
        [
            p.name,
            p.business_unit,
            short(p.last_contact) if p.last_contact else never,
            p.cadence.label,
        ]
        for p in data.contact_due
    ]
    headers = [translate("Report", "Key stakeholder"), translate("Report", "Unit"),
               translate("Report", "Last contact"), translate("Report", "Cadence")]  # fmt: skip
    return _short_list(
        translate("Report", "Key stakeholders due a touchpoint"),
        translate("Report", "Every key stakeholder was within their cadence at the period's end."),
        _table("due", headers, [0.3, 0.25, 0.2, 0.25], rows) if rows else [],
    )


def _trust_index(data: ReportData, charts: dict[str, RecordedChart]) -> list[Block]:
    return [
        heading(section_title("trust_index")),
        Text(
            text=translate(
                "Report",
                "How far the key stakeholders (power × interest ≥ 12) trust you, week by week:"
                " the weighted mean of each one's latest trust check on a 0–100 scale.",
            ),
            colour=MUTED,
        ),
        _chart(charts, "trust_index"),
    ]


def _stakeholders(data: ReportData, charts: dict[str, RecordedChart]) -> list[Block]:
    blocks: list[Block] = [
        heading(section_title("stakeholders")),
        ChartRow(charts=[_chart(charts, "people"), _chart(charts, "perception")]),
    ]
    blocks += _key_people_table(data)
    blocks.append(Text(text="", space_after=6))
    return blocks


def _key_people_table(data: ReportData) -> list[Block]:
    """The key stakeholders with the most weight; with private notes, each one's notes under
    their row, across the table's width (a long note in a narrow column ran to pages)."""
    if not data.key_people:
        return [Text(text=translate("Report", "No key stakeholders yet."), colour=MUTED)]
    headers = [
        translate("Report", "Key stakeholder"),
        translate("Report", "Unit"),
        translate("Report", "P × I"),
        translate("Report", "Trust"),
        translate("Report", "Change"),
        translate("Report", "Last contact"),
        translate("Report", "Cadence"),
    ]
    widths = [0.22, 0.14, 0.07, 0.08, 0.09, 0.15, 0.25]
    blocks: list[Block] = [TableRow(cells=headers, widths=widths, header=True, table="people")]
    for person in data.key_people:
        cells = [
            person.name,
            person.unit,
            str(person.weight),
            _number(person.score),
            _number(person.change, 1, signed=True),
            str(person.last_contact) if person.last_contact else translate("Report", "never"),
            person.cadence,
        ]
        notes = person.notes if data.options.include_private else ""
        blocks.append(
            TableRow(
                cells=cells,
                widths=widths,
                table="people",
                rule=not notes,
                keep_with_next=bool(notes),
            )  # fmt: skip
        )
        if notes:
            label = translate("Report", "Notes (private)")
            blocks.append(TableRow(cells=[label, notes], widths=[0.22, 0.78], table="people",
                                   owner=person.name))  # fmt: skip
    total = sum(1 for p in data.series.people if p.key)
    if total > len(data.key_people):
        blocks.append(
            Text(
                text=translate(
                    "Report", "The {0} with the most weight of {1} key stakeholders."
                ).format(len(data.key_people), total),
                colour=MUTED,
            )
        )
    return blocks


def _activity(data: ReportData, charts: dict[str, RecordedChart]) -> list[Block]:
    blocks: list[Block] = [heading(section_title("activity"))]
    blocks += [_chart(charts, "activity"), _chart(charts, "follow_through"),
               _chart(charts, "calendar")]  # fmt: skip
    if data.options.include_private:
        blocks += _private_list(
            translate("Report", "Touchpoint notes (private)"), data.private["touchpoints"]
        )
        blocks += _private_list(translate("Report", "Feedback (private)"), data.private["feedback"])
    return blocks


def _goals(data: ReportData, charts: dict[str, RecordedChart]) -> list[Block]:
    blocks: list[Block] = [heading(section_title("goals")), _chart(charts, "goals")]
    rows = [
        [
            goal.title,
            goal.metric,
            f"{_number(goal.baseline, 1)} → {_number(goal.latest, 1)} → {_number(goal.target, 1)}",
            _number(goal.progress * 100 if goal.progress is not None else None) + " %",
            _number(goal.time_elapsed * 100 if goal.time_elapsed is not None else None) + " %",
        ]
        for goal in data.goals
    ]
    if rows:
        blocks += _table(
            "goals",
            [
                translate("Report", "Brand goal"),
                translate("Report", "Metric"),
                translate("Report", "Baseline → latest → target"),
                translate("Report", "Progress"),
                translate("Report", "Time gone"),
            ],
            [0.34, 0.22, 0.22, 0.11, 0.11],
            rows,
        )
    blocks.append(Text(text="", space_after=6))
    return blocks


def _reflections(data: ReportData, charts: dict[str, RecordedChart]) -> list[Block]:
    options = data.options
    habit = data.series.habit
    blocks: list[Block] = [
        heading(section_title("reflections")),
        Text(
            text=translate(
                "Report",
                "Reflections finished: {0} of the {1} weeks; current streak {2}, longest {3}.",
            ).format(data.reflections_done, data.weeks_in_period, habit.streak, habit.longest)
        ),
        _chart(charts, "habit"),
    ]
    if options.show_ratings:
        blocks.append(_chart(charts, "ratings"))
    if options.include_private:
        blocks += _private_list(
            translate("Report", "From the reflections (private)"), data.private["reflections"]
        )
    return blocks


def _initiatives(data: ReportData, charts: dict[str, RecordedChart]) -> list[Block]:
    blocks: list[Block] = [heading(section_title("initiatives")), _chart(charts, "outcomes")]
    rows = [
        [line.name, line.sponsor, _number(line.mean_quotient, 1), line.outcomes]
        for line in data.initiatives
    ]
    if rows:
        blocks += _table(
            "initiatives",
            [
                translate("Report", "Finished in the period"),
                translate("Report", "Sponsor"),
                translate("Report", "Mean trust quotient"),
                translate("Report", "Outcomes"),
            ],
            [0.3, 0.18, 0.14, 0.38],
            rows,
        )
    else:
        none = translate("Report", "No initiative finished in this period.")
        blocks.append(Text(text=none, colour=MUTED))
    return blocks


#: Each section's blocks, by its key in ``SECTIONS``.
_SECTION_BLOCKS: dict[str, Callable[[ReportData, dict[str, RecordedChart]], list[Block]]] = {
    "summary": _summary,
    "trust_index": _trust_index,
    "stakeholders": _stakeholders,
    "activity": _activity,
    "goals": _goals,
    "reflections": _reflections,
    "initiatives": _initiatives,
}
