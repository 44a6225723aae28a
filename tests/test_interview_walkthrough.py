"""A team fills every section of the strategy through the shell, in each language."""

from __future__ import annotations

import pytest

from coachbot.core.flow import load_flow
from coachbot.i18n import texts
from coachbot.strategy.export import open_slots
from tests.walkthrough import walk

SECTIONS = load_flow("interview").section_ids()


@pytest.mark.parametrize("lang", ["en", "sv", "nb"])
def test_whole_interview_fills_every_section(shell, lang):
    shell.say(f"/coach language {lang}")
    t = texts(lang)
    start, full = t.words("commands.aliases.start")[0], t.words("interview_path.full_words")[0]
    opening = shell.say(f"/coach {start} {full}")
    assert t("coach.interview_begin") in opening
    printed = walk(shell, lang)
    assert t("interview_done.finished") in printed[-1]

    strategy = shell.strategy()
    assert open_slots(load_flow("interview"), strategy) == []
    assert strategy.completed_at is not None
    # Repeated steps were asked per persona and per channel.
    assert strategy.value("audience.persona_engagement[1]") == 4
    assert strategy.value("channels.frequency[1]") == 5

    status = shell.say("/coach status")
    for section in SECTIONS:
        assert t(f"interview.{section}.title") in status
    assert t("status.complete") in status


@pytest.mark.parametrize("lang", ["en", "sv", "nb"])
def test_section_headers_appear_once_each_in_order(shell, lang):
    shell.say(f"/coach language {lang}")
    first = shell.say("/coach start full")
    printed = "\n".join([first, *walk(shell, lang)])
    t = texts(lang)
    positions = [printed.index(f"== {t(f'interview.{s}.title')} ==") for s in SECTIONS]
    assert positions == sorted(positions)


def test_choices_are_numbered_and_accept_number_name_or_other_language(shell):
    shell.say("/coach start full")
    shell.say(
        "We are a library for the whole region and we want to share reading joy with everyone who passes."
    )
    shell.say("Because we answer questions about books quickly and kindly")
    shown = shell.say("/coach status")  # leaving and coming back must not lose the question
    assert "Purpose" in shown
    question = shell.say("/coach start")
    assert "1. Lead (social first)" in question
    assert "2. Support" in question
    reply = shell.say("stödja")  # Swedish label, English team
    assert "✓ Noted: Support" in reply
    assert shell.strategy().value("purpose.ambition") == "support"
