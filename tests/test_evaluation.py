"""Evaluating a campaign: actuals against targets, five questions, a shared summary,
a comparison with earlier campaigns of the kind, and learnings that come back."""

from __future__ import annotations

from coachbot.shell import LOCAL_TEAM

PLAN = ["1", "Reach: 40 000\nLink clicks: 300", "1", "3", "me", "dm"]
REVIEW = [
    "30 000",
    "390",
    "Make families notice our winter rentals",
    "1",
    "The offer was clear, the date was not",
    "no",
    "One post for the offer, one for the date",
    "Put the date in the first line",
]


def _evaluate_past_campaign(shell, name="Autumn", start="2026-10-01", end="2026-10-31"):
    shell.say(f"/coach campaign {name} {start} {end}")
    for answer in PLAN:
        shell.say(answer)
    replies = [shell.say(answer) for answer in REVIEW]
    return replies


def test_evaluation_summary_shows_each_kpi_against_its_target(shell):
    replies = _evaluate_past_campaign(shell)
    summary = replies[-1]
    assert "Evaluation saved" in summary
    assert "📊 Evaluation: Autumn" in summary
    assert "*Reach*  ▰▰▰▰▰▰▰▰▱▱  30,000 of 40,000 (75 %)" in summary
    assert "*Link clicks*  ▰▰▰▰▰▰▰▰▰▰  390 of 300 (130 %)" in summary
    assert "*The two-second test:* No" in summary
    assert "first evaluated campaign of its kind" in summary
    [campaign] = shell.coach.store.campaigns.all(LOCAL_TEAM)
    assert campaign.state(campaign.end) == "evaluated"
    assert (
        shell.coach.store.strategies.get(LOCAL_TEAM).learnings[0].text
        == "Put the date in the first line"
    )


def test_second_campaign_of_the_kind_is_compared_and_reminded_of_learnings(shell):
    _evaluate_past_campaign(shell)
    first = shell.say("/coach campaign Winter 1/12 24/12")
    for answer in PLAN[:-1]:
        shell.say(answer)
    registered = shell.say(PLAN[-1])
    assert "Learnings from earlier campaigns of this kind" in registered
    assert "*Autumn*: Put the date in the first line" in registered
    assert "I read: *Winter*" in first
    replies = _evaluate_past_campaign(shell, "Spring", "2026-09-01", "2026-09-30")
    assert "your 1 earlier campaign of the same kind or audience reached 102 %" in replies[-1]


def test_evaluate_command_finds_campaigns_by_name_and_refuses_unknown(shell):
    assert "I found no campaign called “Nope”" in shell.say("/coach evaluate Nope")
    _evaluate_past_campaign(shell)
    assert "already evaluated" in shell.say("/coach evaluate autumn")


def test_evaluation_refuses_non_numbers_and_negatives(shell):
    shell.say("/coach campaign Autumn 2026-10-01 2026-10-31")
    for answer in PLAN:
        shell.say(answer)
    assert "I need a number here." in shell.say("lots")
    assert "between 0 and" in shell.say("-3")
    assert "✓ Noted: 30000" in shell.say("30 000")


def test_results_are_posted_where_the_owner_chose(shell):
    shell.say("/coach campaign Autumn 2026-10-01 2026-10-31")
    for answer in PLAN[:-1]:
        shell.say(answer)
    shell.say("#C0123ABC")
    messages = []
    for answer in REVIEW:
        messages = shell.shell.coach.message(shell.shell.request, answer)
    summary = messages[-1]
    assert summary.target == "channel" and summary.channel == "C0123ABC"
