"""Import benchmark: 5,000 contacts from a vCard and 10,000 meetings from an .ics, each against
the time its parser alone takes to read the same file.

Run by hand (not collected by pytest)::

    python tests/perf/bench_import.py [--runs 3]

The files are generated into a temporary folder (a mix of Outlook 2.1 cards with
quoted-printable notes and Google 3.0 cards with categories; Outlook meetings in a
Windows-named zone, a tenth of them weekly repeats). Each run times, in the same process:

- the baseline: ``vobject.readComponents`` over the whole vCard, and
  ``icalendar.Calendar.from_ical`` over the whole calendar;
- the import: ``interchange.plan_import`` then ``services.imports.apply`` into a fresh
  database (for the calendar, one with the 500 attendees already known as stakeholders),
  reading, checking, planning and the one transaction included.

Each measurement runs in a fresh process (icalendar remembers the zones it has read for the
rest of a process, which would favour whichever ran second).

Medians over the runs are compared. Goal: each import within 3× its parser alone.

What it said on a 2-core machine (December 2026), three runs: 5,000 cards (1.6 MB) imported
in 2.8–3.2 s against vobject's 1.8–2.1 s, **1.3–1.6×**; 10,000 meetings (3.1 MB, 7,600 of
them with a known attendee) in 7.0–7.8 s against icalendar's 2.6–3.3 s, **2.0–2.6×**. Before
the bulk writes (``create_many``) the cards took 4.9× and, before Outlook's zone blocks were
read as their standard zones (``icalendar_import._standard_zones``), the meetings 6×.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

CONTACTS = 5_000
EVENTS = 10_000
KNOWN_ATTENDEES = 500
UNTIL = date(2026, 12, 1)
FIRST = ["Ada", "Grace", "Priya", "Jürgen", "Tomás", "Ngozi", "Astrid", "Kenji", "Amara", "Luis"]
LAST = ["Lovelace", "Hopper", "Raman", "Müller", "García", "Okafor", "Lindqvist", "Watanabe"]
UNITS = ["Finance", "Operations", "Sales", "Marketing", "HR", "Legal", "Procurement"]


def _qp(text: str) -> str:
    """Quoted-printable as Outlook writes it (UTF-8 bytes, soft breaks every 70 chars)."""
    encoded = "".join(
        chr(b) if 33 <= b <= 126 and b != 61 else f"={b:02X}" for b in text.encode("utf-8")
    )
    lines = [encoded[i : i + 70] for i in range(0, len(encoded), 70)]
    return "=\r\n".join(lines)


def write_vcards(path: Path, count: int, rng: random.Random) -> None:
    cards = []
    for n in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        name = f"{first} {last} {n}"
        email = f"person{n}@example.com"
        unit = rng.choice(UNITS)
        if n % 2:
            note = f"Met at the {unit} review – wants numbers monthly. Card {n}."
            cards.append(
                "BEGIN:VCARD\r\nVERSION:2.1\r\n"
                f"N;CHARSET=UTF-8:{last} {n};{first}\r\n"
                f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp(name)}\r\n"
                f"ORG:Northwind;{unit}\r\nTITLE:Head of {unit}\r\n"
                f"TEL;WORK;VOICE:+44 20 7946 {n % 10000:04d}\r\n"
                f"EMAIL;PREF;INTERNET:{email}\r\n"
                f"NOTE;ENCODING=QUOTED-PRINTABLE:{_qp(note)}\r\nEND:VCARD\r\n"
            )
        else:
            cards.append(
                "BEGIN:VCARD\r\nVERSION:3.0\r\n"
                f"FN:{name}\r\nN:{last} {n};{first};;;\r\n"
                f"EMAIL;TYPE=INTERNET;TYPE=WORK:{email}\r\n"
                f"ORG:Contoso;{unit}\r\nTITLE:{unit} lead\r\n"
                f"item1.TEL;type=CELL:+44 7700 9{n % 100000:05d}\r\n"
                f"CATEGORIES:{unit},Board,myContacts\r\nEND:VCARD\r\n"
            )
    path.write_text("".join(cards), encoding="utf-8", newline="")


ZONE = """BEGIN:VTIMEZONE\r
TZID:GMT Standard Time\r
BEGIN:STANDARD\r
DTSTART:16011028T020000\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:-0000\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:16010325T010000\r
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r
TZOFFSETFROM:-0000\r
TZOFFSETTO:+0100\r
END:DAYLIGHT\r
END:VTIMEZONE\r
"""


def write_calendar(path: Path, count: int, rng: random.Random, until: date) -> None:
    """``count`` events in all once the weekly repeats (a tenth of the events, four
    occurrences each) are expanded."""
    events = []
    start = datetime(until.year - 2, 1, 5, 9, 0)
    produced = 0
    n = 0
    while produced < count:
        moment = start + timedelta(hours=rng.randrange(0, 2 * 365 * 24 - 24 * 40))
        moment = moment.replace(minute=rng.choice((0, 30)))
        people = rng.sample(range(KNOWN_ATTENDEES * 2), rng.randint(1, 4))
        attendees = "".join(
            f'ATTENDEE;CN="Person {p}";RSVP=TRUE:mailto:Person{p}@Example.com\r\n' for p in people
        )
        repeats = n % 10 == 0 and produced + 4 <= count
        rule = "RRULE:FREQ=WEEKLY;COUNT=4\r\n" if repeats else ""
        events.append(
            "BEGIN:VEVENT\r\n" + attendees + "ORGANIZER;CN=me:mailto:me@mycompany.example\r\n"
            f'DTSTART;TZID="GMT Standard Time":{moment:%Y%m%dT%H%M%S}\r\n'
            f'DTEND;TZID="GMT Standard Time":{moment + timedelta(minutes=30):%Y%m%dT%H%M%S}\r\n'
            f"{rule}SUMMARY:Meeting {n}\r\nUID:event-{n}@bench.example\r\n"
            "STATUS:CONFIRMED\r\nEND:VEVENT\r\n"
        )
        produced += 4 if repeats else 1
        n += 1
    text = (
        "BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
        "VERSION:2.0\r\n" + ZONE + "".join(events) + "END:VCALENDAR\r\n"
    )
    path.write_text(text, encoding="utf-8", newline="")


def _child(kind: str, path: Path, db: Path) -> float:
    """One measurement, in a process of its own: icalendar keeps every zone it has read for
    the rest of the process, so a parse before an import (or after) would change the other."""
    from advisor_planner.services import clock

    clock.set_today(UNTIL)
    if kind == "vobject":
        import vobject

        text = path.read_text(encoding="utf-8")
        began = time.perf_counter()
        assert len(list(vobject.readComponents(text, allowQP=True))) == CONTACTS
        return time.perf_counter() - began
    if kind == "icalendar":
        import icalendar

        text = path.read_text(encoding="utf-8")
        began = time.perf_counter()
        icalendar.Calendar.from_ical(text)
        return time.perf_counter() - began
    from advisor_planner.interchange import plan_import
    from advisor_planner.services import imports, stakeholders
    from advisor_planner.store.connection import close_database
    from advisor_planner.store.opening import init_db

    init_db(db, backup_before_migrate=False)
    if kind == "ics":
        for p in range(KNOWN_ATTENDEES):
            stakeholders.create(name=f"Person {p}", email=f"person{p}@example.com")
    began = time.perf_counter()
    result = imports.apply(plan_import(path, until=UNTIL + timedelta(days=3650)))
    seconds = time.perf_counter() - began
    close_database()
    if kind == "vcard":
        assert result.added == CONTACTS, result.added
    return seconds


def _measure(kind: str, path: Path, db: Path) -> float:
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path), str(db)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return float(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=3, metavar=("KIND", "FILE", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, path, db = args.child
        print(_child(kind, Path(path), Path(db)))
        return 0

    rng = random.Random(7)
    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    cards, calendar = folder / "contacts.vcf", folder / "meetings.ics"
    write_vcards(cards, CONTACTS, rng)
    write_calendar(calendar, EVENTS, rng, UNTIL)
    print(f"files: {cards.stat().st_size / 1e6:.1f} MB of cards, "
          f"{calendar.stat().st_size / 1e6:.1f} MB of calendar")  # fmt: skip

    plan = (("vobject", cards), ("vcard", cards), ("icalendar", calendar), ("ics", calendar))
    figures: dict[str, list[float]] = {kind: [] for kind, _ in plan}
    for run in range(args.runs):
        for kind, path in plan:
            figures[kind].append(_measure(kind, path, folder / f"{kind}-{run}.sqlite"))
        print(
            f"run {run + 1}: " + ", ".join(f"{k} {v[-1] * 1000:.0f} ms" for k, v in figures.items())
        )

    median = {k: statistics.median(v) for k, v in figures.items()}
    for label, ours, base in (("vcard", "vcard", "vobject"), ("ics", "ics", "icalendar")):
        ratio = median[ours] / median[base]
        goal = "within" if ratio <= 3 else "OVER"
        print(f"ratio {label}: {median[ours] * 1000:.0f} ms vs {median[base] * 1000:.0f} ms "
              f"alone = {ratio:.2f}× ({goal} the 3× goal)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
