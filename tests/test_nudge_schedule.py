"""When nudges fall due: 09:00 in the owner's zone, working days, across daylight saving."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from coachbot.campaigns.schedule import campaign_nudges, revisit_due

NOW = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def local(ts: int, tz: str = "Europe/Stockholm") -> datetime:
    return datetime.fromtimestamp(ts, UTC).astimezone(ZoneInfo(tz))


def test_every_kind_at_nine_local():
    due = campaign_nudges(date(2026, 2, 2), date(2026, 2, 13), "Europe/Oslo", NOW)
    assert list(due) == ["kickoff", "midway", "evaluation", "reminder1", "reminder2"]
    assert {local(t, "Europe/Oslo").hour for t in due.values()} == {9}
    assert local(due["kickoff"]).date() == date(2026, 2, 2)
    assert local(due["evaluation"]).date() == date(2026, 2, 16)  # Friday end -> Monday
    assert local(due["reminder1"]).date() == date(2026, 2, 19)  # three working days on
    assert local(due["reminder2"]).date() == date(2026, 2, 24)  # over a weekend


def test_short_campaigns_get_no_midway():
    due = campaign_nudges(date(2026, 2, 2), date(2026, 2, 7), "Europe/Stockholm", NOW)
    assert "midway" not in due


def test_nine_am_holds_the_day_after_the_clocks_change():
    # Summer time starts Sunday 29 March 2026; the campaign ends Saturday 28 March.
    due = campaign_nudges(date(2026, 3, 16), date(2026, 3, 28), "Europe/Stockholm", NOW)
    evaluation = local(due["evaluation"])
    assert (evaluation.date(), evaluation.hour) == (date(2026, 3, 30), 9)
    assert datetime.fromtimestamp(due["evaluation"], UTC).hour == 7  # CEST is UTC+2
    kickoff = datetime.fromtimestamp(due["kickoff"], UTC)
    assert kickoff.hour == 8  # CET before the change


def test_autumn_change_too():
    due = campaign_nudges(date(2026, 10, 19), date(2026, 10, 24), "Europe/Oslo", NOW)
    evaluation = local(due["evaluation"], "Europe/Oslo")
    assert (evaluation.date(), evaluation.hour) == (date(2026, 10, 26), 9)


def test_a_campaign_already_over_gets_reminders_from_today():
    now = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    due = campaign_nudges(date(2026, 1, 1), date(2026, 1, 31), "Europe/Stockholm", now)
    assert list(due) == ["reminder1", "reminder2"]
    assert local(due["reminder1"]).date() == date(2026, 3, 5)


def test_revisit_six_months_on():
    since = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
    assert local(revisit_due(since, "Europe/Stockholm")).replace(tzinfo=None) == datetime(
        2027, 5, 23, 9, 0
    )
