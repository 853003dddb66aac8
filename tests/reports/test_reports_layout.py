"""The report's layout, read back with pypdf: long private notes continue across pages with
nothing lost and nothing drawn off the page; the title page, the calendar, the goal bars and
the summary say what they should and no more."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from advisor_planner.reports import export
from advisor_planner.reports.data import ReportOptions, gather
from advisor_planner.reports.pdf import HEADER, MARGIN, TableRow, Text, page_size_px, paginate
from advisor_planner.services import goals, settings, stakeholders, touchpoints

TODAY = date(2026, 12, 3)
START = date(2026, 10, 1)


@pytest.fixture
def today(pin_today) -> date:
    return pin_today(TODAY)


def _note(word: str, chars: int) -> str:
    """Numbered words (``word0001 word0002 …``) about ``chars`` long, so order can be checked."""
    words = []
    while sum(len(w) + 1 for w in words) < chars:
        words.append(f"{word}{len(words):04d}")
    return " ".join(words)


def _pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def _in_order(words: list[str], text: str) -> list[str]:
    """The words of ``words`` not found in ``text`` in their order (empty: all there)."""
    found = re.findall(r"[a-z]+\d{4}", text)
    at = 0
    missing = []
    for word in words:
        try:
            at = found.index(word, at) + 1
        except ValueError:
            missing.append(word)
    return missing


def _text_outside_the_body(path: Path, paper: str = "a4") -> list[tuple[str, float, float]]:
    """Text drawn outside the printable area: above the running header, below the bottom
    margin, or beyond the side margins (in PDF points, y upwards)."""
    width, height = (v * 72 / 96 for v in page_size_px(paper))
    margin = MARGIN * 72 / 96
    top = height - (MARGIN - HEADER) * 72 / 96
    outside = []
    for page in PdfReader(str(path)).pages[1:]:

        def visit(text, cm, tm, font, size, outside=outside) -> None:
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if not (margin - 2 <= y <= top + 2 and margin - 2 <= x <= width - margin + 2):
                outside.append((text, round(x), round(y)))

        page.extract_text(visitor_text=visit)
    return outside


@pytest.fixture
def long_notes(db, today) -> dict[str, str]:
    """Two key stakeholders with long private notes (2,100 and 10,000 characters) and a
    touchpoint whose note is 10,000 characters."""
    notes = {
        "ada": _note("ada", 2_100),
        "raj": _note("raj", 10_000),
        "meet": _note("meet", 10_000),
    }
    ada = stakeholders.create(
        name="Ada Lovelace", power=5, interest=5, business_unit="Finance", notes=notes["ada"]
    ).id
    raj = stakeholders.create(
        name="Raj Patel", power=5, interest=4, business_unit="Sales", notes=notes["raj"]
    ).id
    for n in range(8):
        stakeholders.create(name=f"Person {n}", power=4, interest=3, business_unit="Legal")
    touchpoints.create(
        occurred_at=datetime.combine(TODAY - timedelta(days=3), time(10)).astimezone(),
        stakeholder_ids=[ada, raj], channel="one_on_one", purpose="listen", notes=notes["meet"],
    )  # fmt: skip
    return notes


def test_long_private_notes_continue_across_pages_with_nothing_lost(
    qtbot, tmp_path, long_notes
) -> None:
    out = tmp_path / "long.pdf"
    export(ReportOptions(start=START, end=TODAY, include_private=True), out)
    pages = _pages(out)
    text = "\n".join(pages)
    for key, note in long_notes.items():
        words = note.split()
        assert _in_order(words, text) == [], key
        if len(note) > 5_000:  # more than a page: it begins on one page and ends on another
            first = next(i for i, page in enumerate(pages) if words[0] in page)
            last = next(i for i, page in enumerate(pages) if words[-1] in page)
            assert last > first, key
    # A continued row names whose row it is, under the table's header repeated.
    assert "Raj Patel (continued)" in " ".join(text.split())
    assert _text_outside_the_body(out) == []


def test_a_row_taller_than_the_room_left_splits_there_and_a_short_one_moves_whole(qtbot) -> None:
    width, height = 600.0, 400.0
    widths = [0.3, 0.7]
    header = TableRow(cells=["Name", "Notes"], widths=widths, header=True, table="t")
    filler = Text(text="", space_after=300.0)
    short = TableRow(cells=["Short", "one two three"], widths=widths, table="t")
    tall = TableRow(cells=["Tall", _note("tall", 6_000)], widths=widths, table="t")
    pages = paginate([filler, header, short, tall], width, height)
    assert len(pages) >= 3  # the tall row runs over two pages after the first
    for page in pages:
        for block, y in page:
            assert y + block.height(width) <= height + 0.5
    # The tall row starts on the first page, right under the short row, not on a page of its own.
    first = [block for block, _y in pages[0]]
    assert first[:3] == [filler, header, short] and len(first) == 4
    assert first[3].cells[0] == "Tall"
    for page in pages[1:]:
        assert page[0][0] is header  # the header is repeated where the row continues
        assert page[1][0].cells[0] == "Tall (continued)"
    pieces = " ".join(page[1][0].cells[1] for page in pages[1:])
    assert (first[3].cells[1] + " " + pieces).split() == tall.cells[1].split()

    # A short row at a page's foot moves whole to the next page.
    pages = paginate([Text(text="", space_after=395.0), header, short], width, height)
    assert [block for block, _y in pages[-1]] == [header, short]


def test_title_page_has_no_stray_dash_without_a_leader_name(qtbot, tmp_path, today, db) -> None:
    out = tmp_path / "title.pdf"
    export(ReportOptions(start=START, end=TODAY, sections=frozenset({"summary"})), out)
    title = " ".join(_pages(out)[0].split())
    assert "Trust-building progress" in title
    assert "—" not in title
    settings.set_value("leader_name", "Grace Hopper")
    export(ReportOptions(start=START, end=TODAY, sections=frozenset({"summary"})), out)
    assert "Grace Hopper" in " ".join(_pages(out)[0].split())


def _drawn_text(picture, path: Path) -> str:
    """The text a recorded chart draws, played into a PDF and read back."""
    from PySide6.QtGui import QPainter, QPdfWriter

    from advisor_planner.reports.pdf import DPI

    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    painter = QPainter(writer)
    picture.play(painter)
    painter.end()
    return " ".join(PdfReader(str(path)).pages[0].extract_text().split())


def test_the_calendar_follows_the_reports_period(qtbot, tmp_path, today, long_notes) -> None:
    from advisor_planner.reports.charts import record_charts
    from advisor_planner.reports.pdf import content_width

    touchpoints.create(
        occurred_at=datetime.combine(date(2026, 10, 5), time(9)).astimezone(),
        stakeholder_ids=[1], channel="call", purpose="listen",
    )  # fmt: skip
    touchpoints.create(  # before the period: not on its calendar
        occurred_at=datetime.combine(date(2026, 6, 5), time(9)).astimezone(),
        stakeholder_ids=[1], channel="call", purpose="listen",
    )  # fmt: skip
    data = gather(ReportOptions(start=START, end=TODAY, sections=frozenset({"activity"})))
    calendar = record_charts(data, content_width("a4"))["calendar"]
    # 1 Oct – 3 Dec is 64 days; two of them had touchpoints.
    assert calendar.headline == "2 of 64 days"
    months = _drawn_text(calendar.picture, tmp_path / "calendar.pdf").split()
    assert [m for m in months if m in ("Sep", "Oct", "Nov", "Dec", "Jan")] == ["Oct", "Nov", "Dec"]


def test_goal_names_wrap_in_the_goal_bars(qtbot, tmp_path, today, db) -> None:

    from advisor_planner.reports.charts import record_charts
    from advisor_planner.reports.pdf import content_width

    name = "The advisor Finance calls first on every cloud cost question"
    goal = goals.create(title=name, baseline=0, target=10,
                        start_on=date(2026, 9, 1), target_on=date(2027, 3, 1))  # fmt: skip
    goals.add_checkpoint(goal_id=goal.id, recorded_on=date(2026, 11, 1), value=4)
    data = gather(ReportOptions(start=START, end=TODAY, sections=frozenset({"goals"})))
    chart = record_charts(data, content_width("a4"))["goals"]
    drawn = _drawn_text(chart.picture, tmp_path / "goals.pdf")
    assert "…" not in drawn
    assert name in drawn  # whole, over two lines


def _activity(start: date, end: date, count: int):
    """``count`` touchpoints, most of them one-to-one."""
    from advisor_planner.services.insights.activity_series import Activity

    calls = count // 3
    return Activity(start, end, {(start, "one_on_one"): count - calls,
                                 (start + timedelta(days=1), "call"): calls})  # fmt: skip


@pytest.mark.parametrize(
    ("now", "before", "said"),
    [
        # A small period before: counts, not "1750 % more".
        (
            222,
            12,
            "You logged 222 touchpoints, against 12 in the 337 days before, most of them by 1:1.",
        ),  # fmt: skip
        (1, 3, "You logged 1 touchpoint, against 3 in the 337 days before, most of them by 1:1."),
        # A change of more than 300 % over a base of 20 or more: counts too.
        (
            100,
            20,
            "You logged 100 touchpoints, against 20 in the 337 days before, most of them by 1:1.",
        ),  # fmt: skip
        # A base of 20 or more and a change within 300 %: the percentage, with both counts.
        (
            46,
            40,
            "You logged 15 % more touchpoints than in the previous 337 days (46 against 40),"
            " most of them by 1:1.",
        ),  # fmt: skip
        (
            30,
            40,
            "You logged 25 % fewer touchpoints than in the previous 337 days (30 against 40),"
            " most of them by 1:1.",
        ),  # fmt: skip
        (
            40,
            40,
            "You logged as many touchpoints as in the previous 337 days (40), most of them by 1:1.",
        ),  # fmt: skip
        (
            201,
            200,
            "You logged about as many touchpoints as in the previous 337 days (201"
            " against 200), most of them by 1:1.",
        ),  # fmt: skip
    ],
)
def test_touchpoint_headline_gives_counts_over_a_small_base(now, before, said) -> None:
    from advisor_planner.reports.data import touchpoints_sentence

    start, end = date(2026, 1, 1), date(2026, 12, 3)  # 337 days
    options = ReportOptions(start=start, end=end)
    assert touchpoints_sentence(options, _activity(start, end, now), before) == said


def test_trust_movers_keep_room_for_the_falls() -> None:
    from advisor_planner.reports.tables import KeyPerson, trust_movers

    def person(name: str, change: float | None) -> KeyPerson:
        return KeyPerson(name, "Unit", 20, 50.0, change, None, "")

    people = [person(f"Up {n}", 10.0 + n) for n in range(6)]
    people += [person("Down a little", -3.0), person("Down a lot", -12.0)]
    people += [person("Down less than a point", -0.5), person("No check", None)]
    names = [p.name for p in trust_movers(people)]
    assert names == ["Up 5", "Up 4", "Up 3", "Down a lot", "Down a little"]
    # With fewer rises, the falls fill the list.
    assert [p.name for p in trust_movers(people[5:])] == ["Up 5", "Down a lot", "Down a little"]
