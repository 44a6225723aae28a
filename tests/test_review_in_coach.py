"""Reviewing from the coach: /coach review, the team's strategy, what is kept, privacy."""

from __future__ import annotations

from coachbot.shell import LOCAL_TEAM
from tests.walkthrough import walk


def test_review_command_shows_verdict_first_then_every_check(shell):
    reply = shell.say(
        "/coach review instagram: Big sale on boots! Buy yours at https://x.example.com today. "
        "Also, book a guided tour at https://tours.example.org before Friday."
    )
    assert reply.index("Score:") < reply.index("Fix first:") < reply.index("Every check:")
    assert "Channel: Instagram" in reply
    assert "Too much for one post?" in reply


def test_review_without_text_explains_usage(shell):
    req = shell.shell.request
    usage = "Paste the post after the command"
    assert usage in shell.coach.message(req, "/coach review")[0].text
    assert usage in shell.coach.message(req, "/coach review instagram:")[0].text
    # The terminal takes the post on the lines that follow instead (tests/test_shell_input.py).
    shell.say("/coach review")
    assert "End it with a line holding only `.`" in shell.out.getvalue()


def test_review_in_swedish_with_alias(shell):
    shell.say("/coach språk sv")
    reply = shell.say("/coach granska Vilken stig är din favorit?")
    assert "Granskning av inlägg" in reply


def test_strategy_checks_switch_on_once_the_team_has_a_strategy(shell):
    post = "/coach review Which family trail near home do you love? Tell us below!"
    before = shell.coach.store.reviews  # noqa: F841 - the repo, used below
    shell.say(post)
    shell.say("/coach start")
    walk(shell, "en")
    shell.say(post)
    first, second = reversed(shell.coach.store.reviews.recent(LOCAL_TEAM))
    statuses = lambda r: {c["id"]: c["status"] for c in r["checks"]}  # noqa: E731
    assert statuses(first)["purpose_fit"] == "skip"
    assert statuses(second)["purpose_fit"] != "skip"


def test_reviews_keep_verdicts_but_not_text_unless_allowed(shell):
    shell.say("/coach review A post about our new reading corner, come and see it")
    [kept] = shell.coach.store.reviews.recent(LOCAL_TEAM)
    assert kept["post_text"] is None and kept["score"] >= 0
    assert "keep only the verdicts" in shell.say("/coach privacy")
    assert "keep the post's text" in shell.say("/coach privacy on")
    reply = shell.say("/coach review Second post, with its text kept this time")
    assert "The post text was kept" in reply
    assert shell.coach.store.reviews.recent(LOCAL_TEAM)[0]["post_text"].startswith("Second post")


def test_hostile_post_is_echoed_inert(coach):
    from coachbot.core.request import Request

    req = Request(team_id="T1", user_id="U1")
    [message] = coach.command(
        req, "/coach review <!channel> Buy now <@U999> <https://evil.example|safe link>"
    )
    raw = str(message.blocks)
    assert "<!channel>" not in raw and "<@U999>" not in raw and "|safe link>" not in raw
