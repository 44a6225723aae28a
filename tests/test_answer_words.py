"""Answers typed the way people write them, in any of the three languages: list items
joined by "and", "och", "og", and numbers followed by a currency or "a week"."""

from __future__ import annotations

from datetime import date

import pytest

from coachbot.core.answers import parse_answer
from coachbot.core.flow import Step

# Not moved by the shifted-clock runs: typed-answer words have no dates.
pytestmark = pytest.mark.clock_free

TODAY = date(2026, 11, 23)
MULTI = Step(id="kinds", type="multi", choices=["reach", "engagement", "traffic"])
NUMBER = Step(id="budget", type="number")
LABELS = {"reach": ["Reach"], "engagement": ["Engagement"], "traffic": ["Traffic"]}


@pytest.mark.parametrize(
    "typed", ["reach and traffic", "reach och traffic", "reach og traffic", "reach & traffic"]
)
def test_list_items_joined_by_a_word_of_any_language(typed):
    assert parse_answer(MULTI, typed, TODAY, LABELS) == ["reach", "traffic"]


@pytest.mark.parametrize(
    "typed, value",
    [("5 000 kr", 5000), ("1200 SEK", 1200), ("300 NOK", 300), ("2,5 EUR", 2.5), ("3/vecka", 3)],
)
def test_numbers_with_a_currency_or_a_period(typed, value):
    assert parse_answer(NUMBER, typed, TODAY) == value
