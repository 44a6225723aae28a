"""When each nudge is due, as wall-clock 09:00 in the owner's time zone (DST-safe).

Computed from the campaign's dates; recomputed when they change. Working days are
Monday to Friday without the public holidays of the team's country (`workdays.py`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from dateutil.tz import resolve_imaginary

from coachbot.campaigns.workdays import add_working_days, next_working_day

__all__ = ["campaign_nudges", "evaluation_day", "local_nine", "next_working_day", "revisit_due"]

NUDGE_HOUR = time(9, 0)
MIDWAY_MIN_DAYS = 7
REMINDER_GAP_WORKING_DAYS = 3
REVISIT_AFTER = relativedelta(months=6)


def local_nine(day: date, tz: str) -> datetime:
    """09:00 on `day` in zone `tz`, as an aware UTC datetime (a missing local time moves on)."""
    local = datetime.combine(day, NUDGE_HOUR, tzinfo=ZoneInfo(tz))
    return resolve_imaginary(local).astimezone(UTC)


def evaluation_day(end: date, country: str | None = None) -> date:
    return next_working_day(end, country)


def campaign_nudges(
    start: date, end: date, tz: str, now: datetime, country: str | None = None
) -> dict[str, int]:
    """{kind: UTC seconds} for a campaign's nudges that are still ahead of `now`.

    kickoff on the start day (at once when registered on that day after 09:00); midway for
    campaigns of seven days or more; the evaluation on the first working day after the end
    (in `country`, holidays skipped); two reminders three working days apart.
    A campaign already over gets its evaluation at once (and the reminders after it).
    """
    due: dict[str, datetime] = {"kickoff": local_nine(start, tz)}
    if due["kickoff"] <= now and now.astimezone(ZoneInfo(tz)).date() == start:
        # Registered on its first day after 09:00: the owners still get the kick-off, now.
        due["kickoff"] = now
    if (end - start).days + 1 >= MIDWAY_MIN_DAYS:
        due["midway"] = local_nine(start + (end - start) / 2, tz)
    evaluation = evaluation_day(end, country)
    due["evaluation"] = local_nine(evaluation, tz)
    first = add_working_days(evaluation, REMINDER_GAP_WORKING_DAYS, country)
    due["reminder1"] = local_nine(first, tz)
    due["reminder2"] = local_nine(add_working_days(first, REMINDER_GAP_WORKING_DAYS, country), tz)
    if due["evaluation"] <= now:
        # Over already: evaluation now, reminders counted from today.
        today = now.astimezone(ZoneInfo(tz)).date()
        first = add_working_days(today, REMINDER_GAP_WORKING_DAYS, country)
        due["reminder1"] = local_nine(first, tz)
        due["reminder2"] = local_nine(
            add_working_days(first, REMINDER_GAP_WORKING_DAYS, country), tz
        )
        del due["evaluation"]
    return {kind: int(at.timestamp()) for kind, at in due.items() if at >= now}


def revisit_due(since: datetime, tz: str) -> int:
    """The strategy revisit: 09:00 local, six months after completion or the last revisit."""
    day = since.astimezone(ZoneInfo(tz)).date() + REVISIT_AFTER
    return int(local_nine(day, tz).timestamp())
