"""Dates are read leniently, day before month, in English, Swedish and Norwegian."""

from __future__ import annotations

from datetime import date

import pytest

from coachbot.core.dates import DateDoesNotExist, DateNotUnderstood, parse_date

TODAY = date(2026, 11, 23)  # a Monday


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("1/12", date(2026, 12, 1)),
        ("1.12", date(2026, 12, 1)),
        ("1 dec", date(2026, 12, 1)),
        ("1 december 2027", date(2027, 12, 1)),
        ("1 desember", date(2026, 12, 1)),
        ("1. juni", date(2027, 6, 1)),
        ("3 maj", date(2027, 5, 3)),
        ("next friday", date(2026, 11, 27)),
        ("nästa fredag", date(2026, 11, 27)),
        ("neste mandag", date(2026, 11, 30)),
        ("+2w", date(2026, 12, 7)),
        ("+6m", date(2027, 5, 23)),
        ("in 3 months", date(2027, 2, 23)),
        ("om 10 dagar", date(2026, 12, 3)),
        ("i morgon", date(2026, 11, 24)),
        ("today", TODAY),
        ("15/11", date(2026, 11, 15)),  # a week ago stays this year
        ("1/2", date(2027, 2, 1)),  # long gone this year: next year
    ],
)
def test_reads(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["31/2", "30 feb", "2026-02-30"])
def test_impossible_dates(text):
    with pytest.raises(DateDoesNotExist):
        parse_date(text, TODAY)


@pytest.mark.parametrize("text", ["", "soon", "blue", "99/99"])
def test_not_dates(text):
    with pytest.raises(DateNotUnderstood):
        parse_date(text, TODAY)
