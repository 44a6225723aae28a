"""The coach speaks the team's language; Swedish and Norwegian command words work too."""

from __future__ import annotations

import pytest

from coachbot.core.request import Request
from coachbot.i18n import resolve_language

# Not moved by the shifted-clock runs: language resolution has no dates.
pytestmark = pytest.mark.clock_free


def test_language_command_switches_the_team(shell):
    assert "From now on I speak" not in shell.say("/coach help")
    assert "Från och med nu pratar jag svenska" in shell.say("/coach language sv")
    assert "Er coach för strategi i sociala medier" in shell.say("/coach hjälp")
    assert "Fra nå av snakker jeg norsk" in shell.say("/coach språk norsk")
    assert "Coachen deres" in shell.say("/coach help")


def test_unknown_language_explains_the_choices_in_the_current_language(shell):
    shell.say("/coach language sv")
    reply = shell.say("/coach language klingon")
    assert "Välj `en`, `sv` eller `nb`" in reply and "Nu: sv" in reply


@pytest.mark.parametrize("word", ["hjälp", "hjelp", "help"])
def test_help_aliases(shell, word):
    assert "/coach start" in shell.say(f"/coach {word}")


def test_unknown_subcommand_says_so_and_shows_help(shell):
    reply = shell.say("/coach <!here> dance")
    assert "I don't know “<!here>”." in reply  # the shell shows it unescaped
    assert "/coach status" in reply


@pytest.mark.parametrize(
    "user, team, locale, expected",
    [
        (None, None, None, "en"),
        (None, None, "sv-SE", "sv"),
        (None, None, "nn-NO", "nb"),
        (None, None, "de-DE", "en"),
        (None, "nb", "sv-SE", "nb"),
        ("en", "nb", "sv-SE", "en"),
    ],
)
def test_language_resolution_order(user, team, locale, expected):
    assert resolve_language(user, team, locale) == expected


def test_slack_locale_is_used_when_the_team_has_not_chosen(coach):
    req = Request(team_id="T9", user_id="U9", locale="nb-NO")
    [message] = coach.command(req, "/coach status")
    assert "Strategien deres" in message.text


@pytest.mark.parametrize("lang", ["en", "sv", "nb"])
def test_help_lists_every_command_a_user_can_type(shell, lang):
    from coachbot.core.commands import HELP_ORDER
    from coachbot.i18n import texts

    shell.say(f"/coach language {lang}")
    shown = shell.say("/coach help")
    t = texts(lang)
    for name in HELP_ORDER:
        assert f"/coach {t.words(f'commands.aliases.{name}')[0]}" in shown, name
    assert "campaign" in HELP_ORDER and "nudge" not in HELP_ORDER
