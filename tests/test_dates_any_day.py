"""Dates read and nudges timed alike on any day: across a new year, DST, 29 February.

The tables in test_dates.py and test_nudge_schedule.py pin one day each; these properties
hold for every day of a century, and the last tests run on the wall clock, which
`make test` also moves to a new year's eve, both European DST changes and a leap day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from coachbot.campaigns.schedule import campaign_nudges, local_nine, next_working_day
from coachbot.campaigns.scheduler import Scheduler
from coachbot.core.coach import Coach
from coachbot.core.dates import DateDoesNotExist, parse_date
from coachbot.i18n import texts
from coachbot.shell import LOCAL_TEAM
from coachbot.store import Store
from tests.conftest import ShellDriver

DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
ZONES = st.sampled_from(
    ["Europe/Stockholm", "Europe/Oslo", "UTC", "America/New_York", "Pacific/Auckland"]
)
PLAN = ["1", "Reach: 40 000\nLink clicks: 300", "1, 2", "3", "me", "dm"]


def _window(today: date) -> tuple[date, date]:
    earliest = today - timedelta(days=30)
    return earliest, earliest + relativedelta(years=1)


@given(DAYS, st.sampled_from(["next friday", "nästa fredag", "neste fredag", "friday"]))
def test_next_weekday_is_within_the_coming_week(today, text):
    got = parse_date(text, today)
    assert got.weekday() == 4 and 1 <= (got - today).days <= 7


@given(DAYS)
def test_relative_dates_count_from_today(today):
    assert parse_date("+2w", today) == today + timedelta(days=14)
    assert parse_date("i morgon", today) == today + timedelta(days=1)
    assert parse_date("om 10 dagar", today) == today + timedelta(days=10)
    assert parse_date("in 3 months", today) == today + relativedelta(months=3)


@given(DAYS, st.sampled_from(["1 dec", "1/12", "1.12", "1 desember", "1 december"]))
def test_a_date_without_a_year_is_its_next_one_counted_from_a_month_back(today, text):
    got = parse_date(text, today)
    earliest, latest = _window(today)
    assert (got.month, got.day) == (12, 1) and earliest <= got < latest


@given(DAYS, st.sampled_from(["29 feb", "29/2", "29. februar"]))
def test_29_february_is_the_coming_one_or_is_refused(today, text):
    earliest, latest = _window(today)
    leap_days = [
        date(y, 2, 29)
        for y in (earliest.year, earliest.year + 1)
        if y % 4 == 0 and (y % 100 or y % 400 == 0)
    ]
    expected = [d for d in leap_days if earliest <= d < latest]
    if expected:
        assert parse_date(text, today) == expected[0]
    else:
        with pytest.raises(DateDoesNotExist):
            parse_date(text, today)


@pytest.mark.parametrize(
    "text,today,expected",
    [
        ("1 dec", date(2026, 12, 31), date(2026, 12, 1)),  # the one just gone: 30 days back
        ("30 nov", date(2026, 12, 31), date(2027, 11, 30)),  # 31 days back: next year's
        ("1 jan", date(2026, 12, 31), date(2027, 1, 1)),
        ("31/12", date(2026, 12, 31), date(2026, 12, 31)),
        ("29/2", date(2027, 12, 1), date(2028, 2, 29)),
        ("next monday", date(2026, 12, 31), date(2027, 1, 4)),
        ("+1w", date(2028, 2, 25), date(2028, 3, 3)),
    ],
)
def test_dates_typed_around_a_new_year_and_a_leap_day(text, today, expected):
    assert parse_date(text, today) == expected


@given(
    start=DAYS,
    length=st.integers(min_value=0, max_value=120),
    zone=ZONES,
    hours=st.integers(min_value=-24 * 10, max_value=24 * 150),
)
def test_nudges_are_ahead_at_nine_local_and_the_evaluation_on_a_working_day(
    start, length, zone, hours
):
    end = start + timedelta(days=length)
    now = datetime.combine(start, time(0), ZoneInfo(zone)).astimezone(UTC) + timedelta(hours=hours)
    due = {
        k: datetime.fromtimestamp(v, UTC) for k, v in campaign_nudges(start, end, zone, now).items()
    }
    assert all(at >= now.replace(microsecond=0) for at in due.values())
    for kind, at in due.items():
        local = at.astimezone(ZoneInfo(zone))
        if kind == "kickoff" and at <= now:
            assert local.date() == start  # registered on the first day after 09:00: at once
        else:
            assert (local.hour, local.minute) == (9, 0) or at == local_nine(local.date(), zone)
    today = now.astimezone(ZoneInfo(zone)).date()
    assert ("kickoff" in due) == (local_nine(start, zone) >= now or today == start)
    assert ("midway" in due) <= (length + 1 >= 7)
    if "evaluation" in due:
        assert due["evaluation"].astimezone(ZoneInfo(zone)).date() == next_working_day(end)
    elif end < today:
        assert {"reminder1", "reminder2"} <= set(due)  # over already: reminders still come


# --- on the wall clock (moved by `make test`'s shifted runs) ------------------------------


@pytest.fixture
def wall_shell(tmp_path):
    store = Store(tmp_path / "wall.db")
    yield ShellDriver(Coach(store), tmp_path)
    store.close()


class Outbox(list):
    def __call__(self, team_id, message):
        self.append(message)


def test_a_campaign_starting_today_is_running_and_kicks_off_today(wall_shell):
    today = datetime.now(UTC).date()  # the shell has no time zone: UTC
    wall_shell.say(f"/coach campaign Launch {today} {today + timedelta(days=13)}")
    done = [wall_shell.say(answer) for answer in PLAN][-1]
    assert "*Launch* is registered" in done
    [campaign] = wall_shell.coach.store.campaigns.all(LOCAL_TEAM)
    nudges = {n["kind"]: n for n in wall_shell.coach.store.nudges.of(LOCAL_TEAM, campaign.id)}
    kickoff_at = datetime.fromtimestamp(nudges["kickoff"]["due_at"], UTC)
    assert kickoff_at.date() == today
    if kickoff_at <= datetime.now(UTC):  # after 09:00: at once, shown before the next line
        assert "kick-off: today, right away" in done
    outbox = Outbox()
    Scheduler(wall_shell.coach, outbox, clock=lambda: max(kickoff_at, datetime.now(UTC))).tick()
    listing = wall_shell.say("/coach campaigns")
    assert f"*Launch* — running · {texts('en').day(today)}" in listing
    assert ("Launch starts today" in listing) + [m.text for m in outbox].count(
        "🚀 Launch starts today"
    ) == 1


def test_a_campaign_that_ended_last_week_goes_straight_to_its_evaluation(wall_shell):
    today = datetime.now(UTC).date()
    start, end = today - timedelta(days=21), today - timedelta(days=7)
    first = wall_shell.say(f"/coach campaign Autumn {start} {end}")
    assert "It has already ended" in first
    [wall_shell.say(answer) for answer in PLAN]
    assert "*Autumn* — ended" in wall_shell.say("/coach campaigns")
