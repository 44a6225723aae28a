"""Nudges that wait for a working day skip the team's public holidays, not only weekends."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from coachbot.campaigns.schedule import campaign_nudges
from coachbot.campaigns.workdays import country_named, effective_country, next_working_day
from coachbot.shell import LOCAL_TEAM

pytestmark = pytest.mark.clock_free

# Long before every campaign below, so that all of its nudges are still ahead.
BEFORE = datetime(2025, 1, 1, tzinfo=UTC)


def evaluation_day(end: date, country: str | None, zone: str = "Europe/Stockholm") -> date:
    due = campaign_nudges(date(end.year, end.month, 1), end, zone, BEFORE, country)
    return datetime.fromtimestamp(due["evaluation"], UTC).astimezone(ZoneInfo(zone)).date()


@pytest.mark.parametrize(
    ("end", "country", "expected"),
    [
        # Christmas 2025: Thursday 25 and Friday 26 December are holidays in both countries.
        (date(2025, 12, 24), "SE", date(2025, 12, 29)),
        (date(2025, 12, 24), "NO", date(2025, 12, 29)),
        (date(2025, 12, 24), None, date(2025, 12, 25)),
        # Christmas Eve is a day off in Swedish offices, not in Norwegian ones.
        (date(2026, 12, 23), "SE", date(2026, 12, 28)),
        (date(2026, 12, 23), "NO", date(2026, 12, 24)),
        # Midsommarafton, Friday 19 June 2026.
        (date(2026, 6, 18), "SE", date(2026, 6, 22)),
        (date(2026, 6, 18), "NO", date(2026, 6, 19)),
        # Grunnlovsdagen, Wednesday 17 May 2028: Norway only.
        (date(2028, 5, 16), "NO", date(2028, 5, 18)),
        (date(2028, 5, 16), "SE", date(2028, 5, 17)),
        # Easter 2027: Maundy Thursday (Norway), Good Friday and Easter Monday (both).
        (date(2027, 3, 24), "NO", date(2027, 3, 30)),
        (date(2027, 3, 24), "SE", date(2027, 3, 25)),
        (date(2027, 3, 25), "SE", date(2027, 3, 30)),
    ],
)
def test_the_evaluation_nudge_waits_for_a_working_day_of_that_country(end, country, expected):
    assert evaluation_day(end, country) == expected


def test_reminders_count_working_days_over_the_holidays():
    due = campaign_nudges(date(2025, 12, 1), date(2025, 12, 19), "Europe/Oslo", BEFORE, "NO")
    days = {
        kind: datetime.fromtimestamp(at, UTC).astimezone(ZoneInfo("Europe/Oslo")).date()
        for kind, at in due.items()
    }
    assert days["evaluation"] == date(2025, 12, 22)
    # 23, 24 (working days in Norway), 25 and 26 off, weekend, 29: three working days on.
    assert days["reminder1"] == date(2025, 12, 29)
    assert next_working_day(date(2025, 12, 31), "NO") == date(2026, 1, 2)


def test_the_country_follows_the_language_unless_the_team_chose():
    assert effective_country(None, "sv") == "SE"
    assert effective_country(None, "nb") == "NO"
    assert effective_country(None, "en") is None
    assert effective_country("DK", "sv") == "DK"
    assert effective_country("-", "sv") is None


@pytest.mark.parametrize(
    ("word", "code"),
    [("se", "SE"), ("Sverige", "SE"), ("Norge", "NO"), ("norway", "NO"), ("ingen", "-")],
)
def test_countries_by_code_or_name_in_any_language(word, code):
    assert country_named(word) == code


def _evaluation_nudge_day(shell) -> date:
    [campaign] = shell.coach.store.campaigns.all(LOCAL_TEAM)
    [row] = [
        n for n in shell.coach.store.nudges.of(LOCAL_TEAM, campaign.id) if n["kind"] == "evaluation"
    ]
    return datetime.fromtimestamp(row["due_at"], UTC).date()


PLAN = ["1", "Reach: 40 000", "1", "3", "me", "dm"]


def _register(shell, line: str) -> str:
    shell.say(line)
    return [shell.say(answer) for answer in PLAN][-1]


def _christmas(clock) -> tuple[str, date]:
    """A campaign from the pinned clock's December, ending on the 24th: its evaluation day
    is the first working day after Christmas in Sweden and Norway."""
    year = clock().year if clock().month < 12 else clock().year + 1
    return f"1/12/{year} 24/12/{year}", date(year, 12, 24)


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_a_swedish_or_norwegian_team_gets_no_evaluation_nudge_on_christmas_day(shell, clock, lang):
    shell.say(f"/coach language {lang}")
    dates, end = _christmas(clock)
    done = _register(shell, f"/coach campaign Jul {dates}")
    evaluation = _evaluation_nudge_day(shell)
    assert evaluation not in (date(end.year, 12, 25), date(end.year, 12, 26))
    assert evaluation == next_working_day(end, {"sv": "SE", "nb": "NO"}[lang])
    assert evaluation.weekday() < 5
    assert f"{evaluation.day}{'. des' if lang == 'nb' else ' dec'}" in done  # as read back


def test_an_english_team_chooses_its_country_and_planned_nudges_move(shell, clock):
    dates, end = _christmas(clock)
    _register(shell, f"/coach campaign Xmas {dates}")
    assert "Now: weekends only" in shell.say("/coach country")
    if end.replace(day=25).weekday() < 5:
        assert _evaluation_nudge_day(shell) == date(end.year, 12, 25)
    reply = shell.say("/coach country GB")
    assert "public holidays of United Kingdom" in reply
    assert _evaluation_nudge_day(shell) == next_working_day(end, "GB") > date(end.year, 12, 26)
    assert "Now: United Kingdom." in shell.say("/coach country")
    assert "I don't know the public holidays of “Atlantis”" in shell.say("/coach country Atlantis")


@pytest.mark.parametrize(
    ("lang", "command", "says"),
    [
        ("en", "/coach country", "Now: weekends only, no public holidays."),
        ("sv", "/coach land", "Nu: Sverige (efter teamets språk)."),
        ("nb", "/coach land", "Nå: Norge (etter teamets språk)."),
    ],
)
def test_the_country_and_its_default_are_shown_in_each_language(shell, lang, command, says):
    shell.say(f"/coach language {lang}")
    assert says in shell.say(command)
