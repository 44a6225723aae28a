"""A campaign registered after it ended: the reply says what happens, not an empty list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coachbot.campaigns.listing import fmt_date
from coachbot.i18n import texts
from coachbot.shell import LOCAL_TEAM

pytestmark = pytest.mark.clock_free  # dates are built from the pinned clock

PLAN = {
    "en": ["1", "Reach: 40 000", "1", "3", "me", "dm"],
    "sv": ["1", "Räckvidd: 40 000", "1", "3", "jag", "dm"],
    "nb": ["1", "Rekkevidde: 40 000", "1", "3", "meg", "dm"],
}
SAYS = {
    "en": ("we go straight to its evaluation", "I will remind the owners:", "what was the actual"),
    "sv": ("vi går direkt till utvärderingen", "Jag påminner ägarna:", "faktiska resultatet"),
    "nb": ("vi går rett til evalueringen", "Jeg minner eierne på:", "faktiske resultatet"),
}


@pytest.mark.parametrize("lang", ["en", "sv", "nb"])
def test_an_ended_campaign_goes_to_its_evaluation_and_says_so(shell, clock, lang):
    shell.say(f"/coach language {lang}")
    today = clock().date()
    start, end = today - timedelta(days=20), today - timedelta(days=3)
    shell.say(f"/coach campaign Höst {start.isoformat()} {end.isoformat()}")
    replies = [shell.say(answer) for answer in PLAN[lang]]
    straight, empty_list, evaluation_question = SAYS[lang]
    assert straight in replies[-1]
    assert empty_list not in replies[-1]
    assert evaluation_question in replies[-1]
    [campaign] = shell.coach.store.campaigns.all(LOCAL_TEAM)
    [reminder] = [
        n for n in shell.coach.store.nudges.of(LOCAL_TEAM, campaign.id) if n["kind"] == "reminder1"
    ]
    day = datetime.fromtimestamp(reminder["due_at"], UTC).date()
    assert (
        fmt_date(day, texts(lang), clock().date()) in replies[-1]
    )  # the day the owners are reminded
