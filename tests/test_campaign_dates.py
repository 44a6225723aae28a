"""`/coach campaign <name> <start> <end>`: names of any length, dates in three languages."""

from __future__ import annotations

from datetime import date

import pytest

from coachbot.campaigns.parse import CampaignInputError, parse_campaign

TODAY = date(2026, 11, 23)  # a Monday


@pytest.mark.parametrize(
    "line, name, start, end",
    [
        ("Julkampanj 1 dec 24 dec", "Julkampanj", date(2026, 12, 1), date(2026, 12, 24)),
        ("Spring launch 2026 1/3 30/4", "Spring launch 2026", date(2027, 3, 1), date(2027, 4, 30)),
        ("Black week 2026-11-23 +1w", "Black week", date(2026, 11, 23), date(2026, 11, 30)),
        ("Vårkampanj nästa måndag 1 maj", "Vårkampanj", date(2026, 11, 30), date(2027, 5, 1)),
        ("Kampanje neste fredag +2w", "Kampanje", date(2026, 11, 27), date(2026, 12, 11)),
        (
            "Sommer på kaia 1. juni 31. august",
            "Sommer på kaia",
            date(2027, 6, 1),
            date(2027, 8, 31),
        ),
        ("Next big thing 1/12 24/12", "Next big thing", date(2026, 12, 1), date(2026, 12, 24)),
        ('"Höst 1/9" 1/9 30/9', "Höst 1/9", date(2027, 9, 1), date(2027, 9, 30)),
    ],
)
def test_reads_name_and_dates(line, name, start, end):
    read = parse_campaign(line, TODAY)
    assert (read.name, read.start, read.end) == (name, start, end)


@pytest.mark.parametrize(
    "line, key",
    [
        ("", "usage"),
        ("Just a name", "usage"),
        ("Test 5/12 1/12", "end_before_start"),
        ("Test 31/2 1/3", "date_does_not_exist"),
        ("x" * 5000 + " 1/12 24/12", "name_too_long"),
    ],
)
def test_refuses_with_a_reason(line, key):
    with pytest.raises(CampaignInputError) as err:
        parse_campaign(line, TODAY)
    assert err.value.key == key
