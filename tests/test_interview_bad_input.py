"""Bad input gets a clear answer in the user's language; the session stays; nothing is lost."""

from __future__ import annotations

import pytest

from coachbot.i18n import texts

PURPOSE = "We are a regional theatre and we want young adults to see a play with friends."


def _at_ambition(shell):
    shell.say("/coach start")
    shell.say(PURPOSE)
    shell.say("Because you get stories that start conversations with your friends")
    assert shell.current_step().slot == "purpose.ambition"


@pytest.mark.parametrize(
    "typed, key",
    [
        ("", "errors.empty"),
        ("   \t  ", "errors.empty"),
        ("\x00\x07\x1b", "errors.empty"),
        ("7", "errors.choice_unknown"),
        ("banana", "errors.choice_unknown"),
        ("x" * 10_000, "errors.too_long"),
    ],
)
def test_bad_choice_answers_are_explained_and_the_question_repeats(shell, typed, key):
    _at_ambition(shell)
    before = shell.strategy()
    reply = shell.say(typed)
    t = texts("en")
    assert t(key, count=3, max=2000, length=10_000).split("{")[0][:25] in reply
    assert "What role should social media play" in reply
    assert shell.current_step().slot == "purpose.ambition"
    assert shell.strategy().values() == before.values()


def test_emoji_only_text_answer_is_refused(shell):
    shell.say("/coach start")
    reply = shell.say("🚀🔥💯")
    assert texts("en")("errors.no_words") in reply
    assert shell.strategy().value("purpose.statement") is None


def test_control_characters_are_stripped_from_a_kept_answer(shell):
    shell.say("/coach start")
    shell.say(
        "We\x00 are a\u202e choir\x1b in Bergen and we sing for everyone who wants to listen."
    )
    stored = shell.strategy().value("purpose.statement")
    assert stored == "We are a choir in Bergen and we sing for everyone who wants to listen."


def test_impossible_date_is_refused_in_swedish(shell):
    shell.say("/coach language sv")
    shell.say("/coach edit roles")
    while shell.current_step().slot != "roles.revisit":
        shell.say("hoppa över")
    reply = shell.say("31/2")
    assert "”31/2” är inget datum som finns i kalendern." in reply
    assert shell.current_step().slot == "roles.revisit"


def test_date_in_the_past_is_refused(shell):
    shell.say("/coach edit roles")
    while shell.current_step().slot != "roles.revisit":
        shell.say("skip")
    assert "is not in the future" in shell.say("2020-01-01")


def test_mentions_and_links_are_echoed_inert(shell):
    shell.say("/coach start")
    shell.say(
        "<!channel> we are <@U123> a shop <https://evil.example|click here> for everyone here"
    )
    stored = shell.strategy().value("purpose.statement")
    assert stored.startswith("<!channel>")  # kept as typed
    out = shell.shell.coach.message(shell.shell.request, "back")
    raw = str(out[0].blocks)
    assert "<!channel>" not in raw and "&lt;!channel&gt;" in raw
    assert "<https://evil.example|click here>" not in raw


def test_number_step_accepts_comma_decimals_and_refuses_words(shell):
    shell.say("/coach edit roles")
    shell.say("skip")
    assert shell.current_step().slot == "roles.ad_budget"
    assert "I need a number here." in shell.say("lots")
    assert "✓ Noted: 2,500.50\u00a0€" in shell.say("2 500,5")  # the budget, as money
