"""Lenient date reading: ISO, 1/12, 1 dec, 1 desember, next friday, +2w, in 3 months."""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

from coachbot import DATA_DIR


def zone_or_utc(tz: str | None):
    """The zone named `tz`, or UTC when it is missing or unknown."""
    if not tz:
        return UTC
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


class DateNotUnderstood(ValueError):
    """The text is not a date we can read."""


class DateDoesNotExist(ValueError):
    """The text names a date that is not in the calendar, like 31/2."""


@cache
def _vocab() -> dict[str, Any]:
    with (DATA_DIR / "dates.toml").open("rb") as fh:
        return tomllib.load(fh)


LEAP_YEAR = 2000
YEARLESS_LOOKBACK_DAYS = 30

_RELATIVE = re.compile(r"^(?:\+|in\s+|om\s+|om\s+)?\s*(\d{1,3})\s*([a-zåäöø]+)$")
_HAS_YEAR = re.compile(r"\b\d{4}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")
_NUMERIC_DM = re.compile(r"^(\d{1,2})[/.](\d{1,2})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(text: str, today: date) -> date:
    """The date a person most likely meant, relative to `today`.

    Day comes before month (1/12 is 1 December), as in Sweden and Norway. A date without
    a year that has already passed this year means next year.
    """
    vocab = _vocab()
    raw = " ".join(text.strip().lower().split()).rstrip(".")
    if not raw:
        raise DateNotUnderstood(text)
    if raw in vocab["relative"]:
        return today + timedelta(days=vocab["relative"][raw])
    match = _RELATIVE.match(raw)
    if match and match[2] in vocab["units"]:
        unit = vocab["units"][match[2]]
        return today + relativedelta(**{unit: int(match[1])})
    words = raw.split()
    if (
        words
        and words[-1] in vocab["weekdays"]
        and (len(words) == 1 or words[0] in vocab["next"]["words"])
    ):
        target = vocab["weekdays"][words[-1]]
        ahead = (target - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    if raw.isdigit() or raw in vocab["months"] or raw.rstrip(".") in vocab["months"]:
        # "24" or "dec" alone names no single day.
        raise DateNotUnderstood(text)
    iso = _ISO.match(raw)
    if iso:
        return _make(int(iso[1]), int(iso[2]), int(iso[3]), text)
    numeric = _NUMERIC_DM.match(raw)
    if numeric:
        day, month = int(numeric[1]), int(numeric[2])
        _make(LEAP_YEAR, month, day, text)  # 31/2 exists in no year
        return _yearless(month, day, today, text)
    translated = " ".join(vocab["months"].get(w.rstrip("."), w) for w in raw.split())
    has_year = bool(_HAS_YEAR.search(raw))
    try:
        parsed = dateutil_parser.parse(
            translated, dayfirst=True, default=_anchor(today if has_year else None)
        )
    except dateutil_parser.ParserError as exc:
        if "out of range" in str(exc) or "must be in" in str(exc):
            raise DateDoesNotExist(text) from exc
        raise DateNotUnderstood(text) from exc
    except (OverflowError, ValueError) as exc:
        raise DateNotUnderstood(text) from exc
    if has_year:
        return parsed.date()
    return _yearless(parsed.month, parsed.day, today, text)


def _anchor(today: date | None) -> datetime:
    # Day 1 so that "dec" alone cannot borrow an impossible day from today; a leap year
    # when no year is typed, so that "29 feb" is read before its year is chosen.
    if today is None:
        return datetime(LEAP_YEAR, 1, 1)
    return datetime(today.year, today.month, 1)


def _make(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        if 1 <= month <= 12 and 1 <= day <= 31:
            raise DateDoesNotExist(text) from exc
        raise DateNotUnderstood(text) from exc


def _yearless(month: int, day: int, today: date, text: str) -> date:
    """A date typed without a year: its next occurrence counted from 30 days back.

    So a campaign that has just ended can still be registered for its evaluation ("15/11"
    typed on 23 November is this year's), while a date further back means next year ("1 dec"
    typed on 31 December is the 1 December just gone; "1 jan" is tomorrow). 29 February
    means the next one if it falls within that year, and does not exist otherwise.
    """
    earliest = today - timedelta(days=YEARLESS_LOOKBACK_DAYS)
    for year in (earliest.year, earliest.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if earliest <= candidate < earliest + relativedelta(years=1):
            return candidate
    raise DateDoesNotExist(text)
