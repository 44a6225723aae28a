"""KPI targets in money keep their currency, and numbers read and show as each language
writes them: "50 000 kr", "40,000"."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coachbot.shell import LOCAL_TEAM

pytestmark = pytest.mark.clock_free  # dates are built from the pinned clock

CASES = {
    # language: (the KPI as typed, its target, how it reads, the actual typed, how it reads)
    "en": ("Sales: €5,000", 5000, "5,000\u00a0€", "4000", "4,000\u00a0€"),
    "sv": ("Försäljning: 50 000 kr", 50000, "50\u00a0000\u00a0kr", "30 000", "30\u00a0000\u00a0kr"),
    "nb": ("Salg: 20 000 NOK", 20000, "20\u00a0000\u00a0kr", "25 000", "25\u00a0000\u00a0kr"),
}
PLAN_REST = {
    "en": ["1", "3", "me", "dm"],
    "sv": ["1", "3", "jag", "dm"],
    "nb": ["1", "3", "meg", "dm"],
}
REVIEW = ["Sell", "3", "Clear", "1", "Split", "Learn"]


@pytest.mark.parametrize("lang", ["en", "sv", "nb"])
def test_a_money_target_keeps_its_currency_through_the_evaluation(shell, clock, lang):
    typed, number, target, actual, actual_shown = CASES[lang]
    shell.say(f"/coach language {lang}")
    today = clock().date()
    start, end = today - timedelta(days=20), today - timedelta(days=2)
    shell.say(f"/coach campaign Rea {start.isoformat()} {end.isoformat()}")
    shell.say("4")  # sales
    assert "✓" in shell.say(typed)
    for answer in PLAN_REST[lang]:
        shell.say(answer)
    [campaign] = shell.coach.store.campaigns.all(LOCAL_TEAM)
    assert campaign.kpis()[0][1] == number
    shell.say(actual)
    for answer in REVIEW:
        summary = shell.say(answer)
    assert f"{actual_shown} of {target}" in summary or f"{actual_shown} av {target}" in summary


def test_english_thousands_with_commas_are_one_number():
    from coachbot.campaigns.model import parse_kpi

    assert parse_kpi("Reach: 40,000") == ("Reach", 40000.0)
    assert parse_kpi("Engagement rate: 2,5 %") == ("Engagement rate", 2.5)
