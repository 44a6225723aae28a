"""A campaign can speak to one of the strategy's personas, by name; its nudges and its
evaluation use the persona where they used the segment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coachbot.campaigns.scheduler import Scheduler
from coachbot.i18n import texts
from coachbot.shell import LOCAL_TEAM
from coachbot.strategy.models import Answer
from coachbot.terminal import render_lines

pytestmark = pytest.mark.clock_free  # dates are built from the pinned clock

PERSONAS = ["Pendlande Petra", "Studenten Sam"]
PLAN = {
    "en": ["1", "Reach: 40 000", "1", "3", "{persona}", "me", "dm"],
    "sv": ["1", "Räckvidd: 40 000", "1", "3", "{persona}", "jag", "dm"],
    "nb": ["1", "Rekkevidde: 40 000", "1", "3", "{persona}", "meg", "dm"],
}


def _personas(shell, names=PERSONAS):
    store = shell.coach.store
    strategy = store.strategies.get(LOCAL_TEAM)
    answer = Answer(value=names, by="U-LOCAL", at=datetime.now(UTC), version=strategy.version + 1)
    store.strategies.save(
        strategy.model_copy(update={"answers": {"audience.personas": answer}}), by="U-LOCAL"
    )


def _register(shell, lang, clock, persona, name="Pendel", days=(3, 20)):
    today = clock().date()
    start, end = today + timedelta(days=days[0]), today + timedelta(days=days[1])
    first = shell.say(f"/coach campaign {name} {start.isoformat()} {end.isoformat()}")
    replies = [shell.say(a.format(persona=persona)) for a in PLAN[lang]]
    return first, replies


class Outbox:
    def __init__(self):
        self.sent = []

    def __call__(self, team_id, message):
        self.sent.append(message)


@pytest.mark.parametrize("lang", ["en", "sv", "nb"])
def test_a_campaign_for_a_persona_names_it_in_its_nudges(shell, clock, lang):
    shell.say(f"/coach language {lang}")
    t = texts(lang)
    _personas(shell)
    _, replies = _register(shell, lang, clock, "petra")  # a part of the name is enough
    assert t("campaign.plan.persona.q") in replies[3]
    assert t("campaign.for_persona", name="Pendlande Petra") in replies[-1]
    [campaign] = shell.coach.store.campaigns.all(LOCAL_TEAM)
    assert campaign.persona == "Pendlande Petra"
    assert "plan.persona_names" not in campaign.plan
    clock.now = datetime.combine(campaign.start, datetime.min.time(), UTC) + timedelta(hours=10)
    outbox = Outbox()
    Scheduler(shell.coach, outbox).tick()
    [kickoff] = outbox.sent
    assert t("campaign.nudge.persona", name="Pendlande Petra") in str(kickoff.blocks)


def test_no_persona_question_without_personas_and_none_means_the_segment(shell, clock):
    today = clock().date()
    shell.say(f"/coach campaign Bred {today + timedelta(days=3)} {today + timedelta(days=20)}")
    replies = [shell.say(a) for a in ["1", "Reach: 1000", "1", "3"]]
    assert "Who owns it?" in replies[-1]  # straight from the segment to the owners
    for answer in ("me", "dm"):
        shell.say(answer)
    _personas(shell)
    _, replies = _register(shell, "en", clock, "none", name="Segment")
    campaign = shell.coach.store.campaigns.all(LOCAL_TEAM)[-1]
    assert campaign.persona is None and campaign.segment == "potential"


def test_a_name_that_is_no_persona_says_so_and_lists_the_personas(shell, clock):
    _personas(shell)
    _, replies = _register(shell, "en", clock, "Pensionären Per")
    assert "“Pensionären Per” is not one of your strategy's personas" in replies[-1]
    assert "*Pendlande Petra*, *Studenten Sam*" in replies[-1]
    [campaign] = shell.coach.store.campaigns.all(LOCAL_TEAM)
    assert campaign.persona is None


def test_the_evaluation_compares_campaigns_for_the_same_persona(shell, clock):
    _personas(shell)
    today = clock().date()
    review = ["30000", "Reach", "1", "Clear", "1", "Split", "Learn"]
    # Two ended campaigns of different goals for the same persona: the second is compared.
    for n, goal in enumerate(("1", "2")):
        start, end = today - timedelta(days=40 - n * 15), today - timedelta(days=30 - n * 15)
        shell.say(f"/coach campaign Run{n} {start.isoformat()} {end.isoformat()}")
        plan = [goal, "Reach: 40 000", "1", "3", "Sam", "me", "dm"]
        for answer in plan + review:
            last = shell.say(answer)
    assert "*Audience:* the persona *Studenten Sam*" in last
    assert "your 1 earlier campaign of the same kind or audience" in last


def test_the_kick_off_shows_targets_as_the_team_writes_numbers(shell, clock):
    shell.say("/coach language sv")
    _register(shell, "sv", clock, "inga")
    [campaign] = shell.coach.store.campaigns.all(LOCAL_TEAM)
    clock.now = datetime.combine(campaign.start, datetime.min.time(), UTC) + timedelta(hours=10)
    outbox = Outbox()
    Scheduler(shell.coach, outbox).tick()
    [kickoff] = outbox.sent
    assert "Räckvidd: 40\u00a0000" in "\n".join(render_lines(kickoff))
