"""Replacing an answer shows the old and the new one and asks first — in the engine, so
the shell and a Slack DM both get it; nothing is overwritten until the person says so."""

from __future__ import annotations

import pytest

from coachbot.i18n import texts
from tests.slack_harness import buttons_in, text_of

# The coach runs on the pinned clock of the fixtures: nothing here reads the date.
pytestmark = pytest.mark.clock_free

FIRST = {
    "en": "We are a small cooperative bakery and we want neighbours to feel at home with us.",
    "sv": "Vi är ett litet kooperativt bageri och vill att grannarna ska känna sig hemma hos oss.",
    "nb": "Vi er et lite andelsbakeri og vil at naboene skal føle seg hjemme hos oss.",
}
SECOND = {
    "en": "We are the bakery on Storgatan that teaches neighbours to bake their own bread.",
    "sv": "Vi är bageriet på Storgatan som lär grannarna att baka sitt eget bröd.",
    "nb": "Vi er bakeriet i Storgata som lærer naboene å bake sitt eget brød.",
}


def _answered_then_back(shell, lang):
    t = texts(lang)
    shell.say(f"/coach language {lang}")
    shell.say(f"/coach {t.words('commands.aliases.start')[0]}")
    shell.say(FIRST[lang])
    shell.say(t.words("controls.back")[0])
    return t


@pytest.mark.parametrize("lang", ["en", "sv", "nb"])
def test_going_back_and_answering_anew_shows_both_and_asks(shell, lang):
    t = _answered_then_back(shell, lang)
    asked = shell.say(SECOND[lang])
    assert t("engine.replace", old=FIRST[lang], new=SECOND[lang]) in asked
    assert shell.strategy().value("purpose.statement") == FIRST[lang]  # not yet
    shell.say(t.words("engine.words.yes")[0])
    assert shell.strategy().value("purpose.statement") == SECOND[lang]
    assert shell.current_step().slot == "purpose.why_interact"


@pytest.mark.parametrize("lang", ["en", "sv", "nb"])
def test_saying_no_keeps_the_old_answer_and_moves_on(shell, lang):
    t = _answered_then_back(shell, lang)
    shell.say(SECOND[lang])
    reply = shell.say(t.words("engine.words.no")[0])
    assert t("engine.kept") in reply
    assert shell.strategy().value("purpose.statement") == FIRST[lang]
    assert shell.current_step().slot == "purpose.why_interact"


def test_a_different_answer_is_asked_about_again(shell):
    t = _answered_then_back(shell, "en")
    shell.say(SECOND["en"])
    third = "We are Storgatan's bakery, open at six, and we share our recipes every Friday."
    asked = shell.say(third)
    assert t("engine.replace", old=FIRST["en"], new=third) in asked
    shell.say("yes")
    assert shell.strategy().value("purpose.statement") == third


def test_the_same_answer_again_needs_no_question(shell):
    _answered_then_back(shell, "en")
    reply = shell.say(FIRST["en"])
    assert "Replace it?" not in reply
    assert shell.current_step().slot == "purpose.why_interact"


def test_editing_a_section_asks_before_replacing(shell):
    shell.say("/coach start")
    shell.say(FIRST["en"])
    shell.say("/coach edit purpose")
    asked = shell.say(SECOND["en"])
    assert "Now: " + FIRST["en"] in asked and "New: " + SECOND["en"] in asked
    shell.say("pause")
    assert shell.strategy().value("purpose.statement") == FIRST["en"]


def test_in_a_slack_dm_replacing_asks_with_buttons(slack, fake_slack):
    slack.command("start", channel="DU1")
    fake_slack.wait_for("chat.postMessage")
    slack.dm(FIRST["en"])
    fake_slack.wait_for("chat.postMessage", count=2)
    slack.dm("back")
    fake_slack.wait_for("chat.postMessage", count=3)
    slack.dm(SECOND["en"])
    question = fake_slack.wait_for("chat.postMessage", count=4)[-1]
    shown = text_of(question["blocks"])
    assert "Now: " + FIRST["en"] in shown and "New: " + SECOND["en"] in shown
    replace = next(b for b in buttons_in(question["blocks"]) if b["value"] == "yes")
    message = {"ts": "1700000000.000004", "text": question["text"], "blocks": question["blocks"]}
    assert slack.click(message, replace, channel="DU1").status == 200
    fake_slack.wait_for("chat.postMessage", count=5)
    assert slack.store.strategies.get("T1").value("purpose.statement") == SECOND["en"]
