"""The guide's items the interview used to miss, and the words a comms lead would write:
KPIs per phase, brand guidelines, the channel map, policy and organisational change; the
"other" channel by its name; the organisation, the currency and the file name in the
export."""

from __future__ import annotations

import pytest

from coachbot.i18n import texts
from tests.walkthrough import walk

# The coach runs on the pinned clock of the fixtures: nothing here reads the date.
pytestmark = pytest.mark.clock_free

ADDED = {
    "activation": ["phase_kpis"],
    "content": ["brand_guidelines"],
    "channels": ["role"],
    "roles": ["policy", "org_change"],
}


def _section(document: str, number: int) -> str:
    start = document.index(f"\n## {number}. ")
    end = document.find("\n## ", start + 1)
    return document[start:end]


@pytest.mark.parametrize("lang", ["en", "sv", "nb"])
def test_the_added_guide_items_are_asked_and_exported_where_the_guide_places_them(
    shell, tmp_path, lang
):
    t = texts(lang)
    shell.say(f"/coach language {lang}")
    shell.say("/coach start full")
    printed = "\n".join(walk(shell, lang))
    for section, steps in ADDED.items():
        for step in steps:
            question = t(f"interview.{section}.{step}.q", item="")
            assert question.split("{item}")[-1].strip()[:40] in printed
    shell.say("/coach export")
    document = next(tmp_path.glob("*.md")).read_text()
    order = ["purpose", "goals", "kpis", "audience", "activation", "content", "channels", "roles"]
    for section, steps in ADDED.items():
        part = _section(document, order.index(section) + 1)
        for step in steps:
            assert f"**{t(f'interview.{section}.{step}.label')}:**" in part, (section, step)
    channels = _section(document, order.index("channels") + 1)
    assert f"### {t('export.map_title')}" in channels
    header = f"| {t('export.map_channel')} | {t('interview.channels.role.label')} |"
    assert header in channels
    assert "| Instagram |" in channels


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("sv", "20 inlägg i veckan på Snapchat"),
        ("nb", "20 innlegg i uka på Snapchat"),
        ("en", "20 posts a week on Snapchat"),
    ],
)
def test_the_other_channel_is_asked_for_its_name_and_called_by_it(shell, lang, expected):
    t = texts(lang)
    shell.say(f"/coach language {lang}")
    shell.say(f"/coach {t.words('commands.aliases.edit')[0]} channels")
    asked = shell.say("8")  # "Other"
    assert t("interview.channels.other_name.q") in asked
    named = shell.say("Snapchat")
    assert "Snapchat" in named and t("interview.channels.list.choice.other") not in named
    while shell.current_step().step.id != "frequency":
        shell.say(t.words("controls.skip")[0])
    assert expected in shell.say("20")


def test_a_platform_keeps_its_own_spelling_in_coaching(shell):
    shell.say("/coach language sv")
    shell.say("/coach redigera kanaler")
    shell.say("1")
    while shell.current_step().step.id != "frequency":
        shell.say("hoppa över")
    reply = shell.say("30")
    assert "på Instagram" in reply and "på instagram" not in reply


@pytest.mark.parametrize("lang", ["en", "sv", "nb"])
def test_the_export_names_the_organisation_the_currency_and_itself_in_the_teams_language(
    shell, tmp_path, lang
):
    t = texts(lang)
    shell.say(f"/coach language {lang}")
    shell.say("/coach start full")
    walk(shell, lang)
    shell.say("/coach export")
    [document] = tmp_path.glob("*.md")
    assert document.name.startswith(t("export.file_stem") + "-")
    text = document.read_text()
    organisation = shell.strategy().value("purpose.organisation")
    assert text.startswith(f"# {t('export.title_named', name=organisation)}\n")
    budget = t.money(5, t("engine.currency"))
    assert f"**{t('interview.roles.ad_budget.label')}:** {budget}" in text
    assert "- –" not in text
    empty = f"**{t('interview.goals.subgoals.label')}:** {t('export.none')}"
    shell.say(f"/coach {t.words('commands.aliases.edit')[0]} goals")
    while shell.current_step().step.id != "subgoals":
        shell.say(t.words("controls.keep")[0])
    shell.say(t.words("controls.none")[0])
    shell.say(t.words("engine.words.yes")[0])
    shell.say("/coach export")
    assert empty in next(tmp_path.glob("*.md")).read_text()


def test_the_export_is_written_where_the_user_asked(shell, tmp_path):
    shell.say("/coach start")
    reply = shell.say("/coach export plans/our-strategy")
    assert "plans/our-strategy.md" in reply
    assert (tmp_path / "plans" / "our-strategy.md").read_text().startswith("# Social media")


@pytest.mark.parametrize(
    "lang, key, words",
    [
        ("sv", "interview.audience.persona_behaviour.choice.oversharer", ["Översharare"]),
        ("sv", "interview.audience.persona_behaviour.choice.listener", ["lurker"]),
        ("nb", "interview.audience.persona_behaviour.choice.listener", ["lurker"]),
        ("sv", "interview.purpose.ambition.choice.lead", ["social first"]),
        ("nb", "interview.purpose.ambition.choice.lead", ["social first"]),
        ("sv", "feedback.lead_ambition_thin_team", ["social first"]),
        ("nb", "feedback.lead_ambition_thin_team", ["social first"]),
        ("nb", "interview.purpose.why_interact.hint", ["deres side", "deres egen"]),
        ("sv", "input.choice", ["klicka"]),  # the terminal has nothing to click
        ("nb", "input.choice", ["klikk"]),
        ("sv", "shell.welcome", ["lokalt skal"]),
        ("nb", "shell.welcome", ["lokalt skall"]),
    ],
)
def test_words_a_comms_lead_would_not_write_are_gone(lang, key, words):
    text = texts(lang)(key)
    assert not [w for w in words if w.lower() in text.lower()]


def test_norwegian_never_uses_deres_for_both_you_and_them_in_one_sentence():
    import re

    from coachbot.i18n import catalogue

    them = re.compile(r"\b(de|dem|sin|sitt|sine)\b")
    mixed = []
    for key, text in catalogue("nb").items():
        if not isinstance(text, str) or not key.startswith(("interview.", "feedback.", "probe.")):
            continue
        for sentence in re.split(r"(?<=[.?!])\s+", text):
            if "deres" in sentence.split() and them.search(sentence.replace("deres", "")):
                mixed.append((key, sentence))
    assert mixed == []
