"""Progress PDFs, read back with pypdf: pages, headings, names, chart text (vectors), private
notes left out unless asked, hostile text printed literally, and safe writing (a cancelled or
failed export leaves no file and never replaces a good one)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from advisor_planner.__main__ import main
from advisor_planner.reports import export
from advisor_planner.reports.data import SECTIONS, Cancelled, ReportOptions, gather, to_date
from advisor_planner.reports.pdf import Block, page_size_px, paginate
from advisor_planner.services import (
    commitments,
    feedback,
    reflections,
    settings,
    stakeholders,
    touchpoints,
    trust_checks,
)

TODAY = date(2026, 3, 20)
SECRET_NOTE = "Secret: Ada is leaving in June"
SECRET_WIN = "Won Raj over on the merger privately"
SECRET_FEEDBACK = "You interrupt me in meetings"
SECRET_PROFILE = "Prefers calls before 9"


@pytest.fixture
def today(pin_today) -> date:
    return pin_today(TODAY)


@pytest.fixture
def planted(db, today) -> dict[str, int]:
    """Key stakeholders (one with a hostile name), their checks, touchpoints, a promise, a
    reflection and feedback, each with a private text planted in it."""
    settings.set_value("leader_name", "Grace Hopper")
    ada = stakeholders.create(
        name="Ada Lovelace", power=5, interest=4, business_unit="Finance", notes=SECRET_PROFILE
    ).id
    hostile = stakeholders.create(name="<b>x</b>", power=4, interest=3, business_unit="Sales").id
    for sid, days_ago, c in ((ada, 200, 5), (ada, 20, 8), (hostile, 100, 6)):
        trust_checks.create(
            stakeholder_id=sid, checked_on=TODAY - timedelta(days=days_ago), credibility=c,
            reliability=6, intimacy=5, self_orientation=4, warmth=7, competence=8,
        )  # fmt: skip
    for days_ago in (3, 30, 90):
        touchpoints.create(
            occurred_at=datetime.combine(TODAY - timedelta(days=days_ago), time(10)).astimezone(),
            stakeholder_ids=[ada, hostile], channel="one_on_one", purpose="listen",
            notes=SECRET_NOTE if days_ago == 3 else "",
        )  # fmt: skip
    commitments.create(
        text="Send the cost model", stakeholder_id=ada, made_on=TODAY - timedelta(days=20),
        due_on=TODAY - timedelta(days=5),
    )  # fmt: skip
    reflections.create(
        week="2026-W11", wins=SECRET_WIN, empathy=4, completed_at=datetime(2026, 3, 13)
    )
    feedback.create(
        stakeholder_id=ada, received_on=TODAY - timedelta(days=10), text=SECRET_FEEDBACK,
        aspect="warmth",
    )  # fmt: skip
    return {"ada": ada, "hostile": hostile}


def _text(path: Path) -> str:
    reader = PdfReader(str(path))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _report(tmp_path: Path, *args: str) -> tuple[int, Path]:
    out = tmp_path / "report.pdf"
    db = tmp_path / "test.sqlite"
    code = main(["report", "--db", str(db), "--out", str(out), "--from", "2025-12-20",
                 "--to", "2026-03-20", *args])  # fmt: skip
    return code, out


def test_report_from_the_command_line(qtbot, tmp_path, planted, capsys) -> None:
    code, out = _report(tmp_path)
    assert code == 0
    printed = capsys.readouterr().out.strip()
    reader = PdfReader(str(out))
    assert printed == f"{out} ({len(reader.pages)} pages)"
    assert len(reader.pages) >= 5
    text = _text(out)
    for heading in SECTIONS.values():
        assert heading in text, heading
    assert "Grace Hopper" in text and "20 Dec 2025 – 20 Mar 2026" in text
    assert "Ada Lovelace" in text
    # Axis text from the charts is real text in the PDF: they were drawn as vectors.
    for axis_text in ("Interest", "Power", "Warmth", "Competence", "Manage closely"):
        assert axis_text in text, axis_text
    assert "<b>x</b>" in text  # printed literally, not read as bold
    assert "Page 2 of" in text
    metadata = reader.metadata
    assert metadata.title == "Trust-building progress, 20 Dec 2025 – 20 Mar 2026"
    assert "Advisor Planner" in metadata.creator
    assert out.stat().st_mode & 0o777 == 0o600


def test_report_private_notes_only_when_asked(qtbot, tmp_path, planted, capsys) -> None:
    code, out = _report(tmp_path)
    assert code == 0
    text = _text(out)
    for secret in (SECRET_NOTE, SECRET_WIN, SECRET_FEEDBACK, SECRET_PROFILE):
        assert secret not in text, secret
    assert "private notes left out" in text
    metadata = " ".join(str(v) for v in PdfReader(str(out)).metadata.values())
    assert "Secret" not in metadata and "Grace" not in metadata

    code, out = _report(tmp_path, "--include-private")
    assert code == 0
    text = _text(out)
    for secret in (SECRET_NOTE, SECRET_WIN, SECRET_FEEDBACK, SECRET_PROFILE):
        assert secret in text, secret


def test_report_for_a_mentor_leaves_out_self_ratings(qtbot, tmp_path, planted, capsys) -> None:
    code, out = _report(tmp_path, "--audience", "mentor")
    assert code == 0
    text = _text(out)
    assert "For my mentor" in text
    assert "Self-ratings" not in text
    code, out = _report(tmp_path, "--audience", "me", "--paper", "letter")
    text = _text(out)
    assert "Self-ratings" in text
    box = PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # Letter, points


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-02-30"], "--from must be a date"),
        (["--to", "tomorrow"], "--to must be a date"),
        (["--from", "2026-03-20", "--to", "2026-01-01"], "ends before it starts"),
    ],
)
def test_report_bad_dates_exit_2(qtbot, tmp_path, planted, capsys, args, message) -> None:
    out = tmp_path / "bad.pdf"
    code = main(["report", "--db", str(tmp_path / "test.sqlite"), "--out", str(out), *args])
    assert code == 2
    error = capsys.readouterr().err.strip()
    assert message in error and len(error.splitlines()) == 1
    assert not out.exists()


def test_report_unwritable_path_exits_2(qtbot, tmp_path, planted, capsys) -> None:
    out = tmp_path / "missing folder" / "r.pdf"
    code = main(["report", "--db", str(tmp_path / "test.sqlite"), "--out", str(out)])
    assert code == 2
    error = capsys.readouterr().err.strip()
    assert error == f"advisor-planner: cannot write {out}: no such folder"


def test_report_cancelled_leaves_no_file(qtbot, tmp_path, planted) -> None:
    out = tmp_path / "cancelled.pdf"
    options = ReportOptions(start=date(2026, 1, 1), end=TODAY)
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 3  # part-way through the gathering

    with pytest.raises(Cancelled):
        export(options, out, cancelled=cancelled)
    assert not out.exists()
    assert list(tmp_path.glob("*.part")) == []
    stages: list[str] = []
    with pytest.raises(Cancelled):  # and part-way through the pages
        export(
            options,
            out,
            progress=lambda stage, share: stages.append(stage),
            cancelled=lambda: "pages" in stages,
        )
    assert "pages" in stages  # the PDF was being written when it was cancelled
    assert not out.exists()
    assert list(tmp_path.glob("*.part")) == []


def test_report_failure_keeps_the_existing_file(qtbot, tmp_path, planted) -> None:
    from advisor_planner.reports.build import build_blocks
    from advisor_planner.reports.charts import record_charts
    from advisor_planner.reports.pdf import content_width, write_pdf

    out = tmp_path / "good.pdf"
    out.write_bytes(b"%PDF- the good report from last quarter")
    data = gather(ReportOptions(start=date(2026, 1, 1), end=TODAY))
    blocks = build_blocks(data, record_charts(data, content_width("a4")))

    class Broken(Block):  # a block that fails half-way through the pages, as a full disk would
        def height(self, width: float) -> float:
            return 10.0

        def paint(self, painter, rect) -> None:
            raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        write_pdf(data, [*blocks[:8], Broken(), *blocks[8:]], out)
    assert out.read_bytes() == b"%PDF- the good report from last quarter"
    assert list(tmp_path.glob("*.part")) == []


def test_report_pages_never_split_a_chart_and_repeat_table_headers(qtbot, planted) -> None:
    from advisor_planner.reports.build import build_blocks
    from advisor_planner.reports.charts import record_charts
    from advisor_planner.reports.pdf import MARGIN, Chart, TableRow, content_width

    data = gather(ReportOptions(start=date(2026, 1, 1), end=TODAY))
    width = content_width("a4")
    blocks = build_blocks(data, record_charts(data, width))
    height = page_size_px("a4")[1] - 2 * MARGIN
    rows = [TableRow(cells=["Name"], widths=[1.0], header=True, table="t")]
    rows += [TableRow(cells=[f"Person {n}"], widths=[1.0], table="t") for n in range(120)]
    pages = paginate(blocks + rows, width, height)
    for page in pages:
        for block, y in page:
            assert y + block.height(width) <= height + 0.5  # every block fits its page
            if isinstance(block, Chart):
                assert block.picture is not None or block.missing
    continued = [page for page in pages if any(b in rows[1:] for b, _y in page)]
    assert len(continued) >= 2
    for page in continued:
        assert page[0][0] is rows[0] or any(b is rows[0] for b, _ in page)  # header first


def test_a_headline_too_long_for_its_half_page_goes_under_the_title_in_full(
    qtbot, tmp_path
) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter, QPdfWriter

    from advisor_planner.reports.pdf import DPI, Chart, ChartRow, content_width

    long = "688 of 963 where you want them"  # as the large demo has it
    left = Chart(title="Stakeholder map", headline=long, missing="Nothing to draw yet.")
    right = Chart(title="Warmth", headline="short", missing="Nothing to draw yet.")
    width = content_width("a4")
    row = ChartRow(charts=[left, right])
    alone = Chart(title="Stakeholder map", headline=long, missing="Nothing to draw yet.")
    assert row.height(width) > alone.height(width)  # a line more at half the width
    assert left.headline_below and right.headline_below  # the row's charts start level
    assert left.height(width / 2) == right.height(width / 2)

    path = tmp_path / "row.pdf"
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    painter = QPainter(writer)
    row.paint(painter, QRectF(0, 0, width, row.height(width)))
    painter.end()
    text = PdfReader(path).pages[0].extract_text().replace("\t", " ")
    assert long in text and "…" not in text


def test_report_periods(today) -> None:
    assert to_date("week") == (date(2026, 3, 16), TODAY)
    assert to_date("month") == (date(2026, 3, 1), TODAY)
    assert to_date("quarter") == (date(2026, 1, 1), TODAY)
    assert to_date("year") == (date(2026, 1, 1), TODAY)
    assert to_date("quarter", today=date(2026, 8, 9)) == (date(2026, 7, 1), date(2026, 8, 9))
    with pytest.raises(ValueError, match="one of week, month, quarter, year"):
        to_date("fortnight")


def test_report_headlines_compare_with_the_period_before(qtbot, planted) -> None:
    data = gather(ReportOptions(start=date(2026, 2, 19), end=TODAY))  # 30 days
    assert (data.previous_start, data.previous_end) == (date(2026, 1, 20), date(2026, 2, 18))
    figures = {h.label: h for h in data.headlines}
    # Touchpoints: 3 days ago in the period, 30 days ago (18 Feb) in the 30 days before.
    assert (figures["Touchpoints"].value, figures["Touchpoints"].previous) == ("1", "1")
    assert figures["Touchpoints"].change == "±0" and figures["Touchpoints"].better is None
    # The promise fell due 5 days ago: overdue now, not yet at the end of the period before.
    assert (figures["Commitments overdue"].value, figures["Commitments overdue"].change) == (
        "1",
        "+1",
    )
    assert figures["Commitments overdue"].better is False
    # Two days without a trust check: the index has not moved, which is neither better nor worse.
    quiet = gather(ReportOptions(start=date(2026, 3, 19), end=TODAY))
    index = {h.label: h for h in quiet.headlines}["Trust index"]
    assert (index.value, index.previous, index.change, index.better) == ("59", "59", "±0.0", None)
    assert data.sentences[1] == "1 promise to Finance is overdue."
    assert data.sentences[0].startswith("Trust with Finance rose most")


def test_report_reads_goals_as_they_stood_at_the_end_of_each_period(qtbot, planted) -> None:
    from advisor_planner.services import goals

    goal = goals.create(title="Finance calls first", baseline=0, target=10,
                        start_on=date(2026, 1, 1), target_on=date(2026, 4, 30))  # fmt: skip
    goals.add_checkpoint(goal_id=goal.id, recorded_on=date(2026, 2, 1), value=1)  # behind then
    goals.add_checkpoint(goal_id=goal.id, recorded_on=date(2026, 3, 10), value=8)  # ahead now
    data = gather(ReportOptions(start=date(2026, 2, 19), end=TODAY))
    figure = {h.label: h for h in data.headlines}["Goals on track"]
    assert (figure.value, figure.previous, figure.change, figure.better) == (
        "1 of 1", "0 of 1", "+1", True
    )  # fmt: skip
    earlier = gather(ReportOptions(start=date(2026, 1, 20), end=date(2026, 2, 18)))
    (as_then,) = [g for g in earlier.goals if g.goal_id == goal.id]
    assert as_then.latest == 1  # the checkpoint of 10 March is after that period


def test_report_summary_page_says_what_needs_attention(qtbot, tmp_path, planted) -> None:
    out = tmp_path / "summary.pdf"
    options = ReportOptions(start=date(2026, 2, 19), end=TODAY, sections=frozenset({"summary"}))
    assert export(options, out) == 2  # the title page and the summary, on one page
    text = " ".join(PdfReader(str(out)).pages[1].extract_text().split())
    # The cards say better or worse in words, not by colour alone.
    assert "+1 (was 0) · worse" in text  # one more promise overdue
    assert "What stands out" in text and "• 1 promise to Finance is overdue." in text
    # Ada's trust rose from 5 to 8 in credibility 20 days ago: a mover; the hostile name is
    # printed literally.
    moved = text[text.index("Trust moved most") : text.index("Promises past due")]
    assert "Ada Lovelace Finance" in moved and "<b>x</b>" not in moved
    promises = text[text.index("Promises past due") : text.index("Key stakeholders due")]
    assert "Send the cost model Ada Lovelace (key) 15 Mar 2026 5 days" in promises
    assert "Every key stakeholder was within their cadence at the period's end." in text
