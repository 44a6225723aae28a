"""The moments `make test` moves the clock to: the next new year's eve, both European DST
changes (last Sunday of March and of October) and 29 February, each just past its edge.

Counted from today, so a test that hard-codes a date that was "the future" when it was
written meets a clock past that date in at least one run. Prints one ISO moment a line.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from dateutil.relativedelta import SU, relativedelta

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _next(today: date, make) -> date:
    for year in range(today.year, today.year + 9):
        try:
            day = make(year)
        except ValueError:  # no 29 February that year
            continue
        if day > today:
            return day
    raise AssertionError("no such day within nine years")


def moments(today: date) -> list[datetime]:
    new_years_eve = _next(today, lambda y: date(y, 12, 31))
    spring = _next(today, lambda y: date(y, 3, 31) + relativedelta(weekday=SU(-1)))
    autumn = _next(today, lambda y: date(y, 10, 31) + relativedelta(weekday=SU(-1)))
    leap = _next(today, lambda y: date(y, 2, 29))
    return [
        datetime.combine(new_years_eve, time(22, 30), STOCKHOLM),  # 90 minutes before the year
        datetime.combine(spring, time(1, 30), STOCKHOLM),  # half an hour before 02:00 → 03:00
        datetime.combine(autumn, time(2, 30, fold=0), STOCKHOLM),  # the first of two 02:30s
        datetime.combine(leap, time(9, 30), STOCKHOLM),  # after the nudges' 09:00
    ]


if __name__ == "__main__":
    for at in moments(date.today()):
        print(at.isoformat(timespec="minutes"))
