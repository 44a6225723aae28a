"""Non-answers and weak answers are followed up once, then kept as open points that
status, App Home and the export list — never "nothing open" while one remains."""

from __future__ import annotations

import pytest

from coachbot.core.flow import ConcreteStep, load_flow
from coachbot.core.status import home_blocks
from coachbot.i18n import texts
from coachbot.shell import LOCAL_TEAM
from coachbot.strategy.weak import is_non_answer, weakness_of
from tests.slack_harness import text_of
from tests.walkthrough import answer_for, walk

# The coach runs on the pinned clock of the fixtures: nothing here reads the date.
pytestmark = pytest.mark.clock_free

FLOW = load_flow("interview")


def _step(slot: str) -> ConcreteStep:
    return next(s for s in _steps(slot) if s.slot == slot)


def _steps(slot: str):
    from coachbot.core.flow import expand

    values = {"goals.list": ["Synas"], "audience.personas": ["Pendlar-Per"]}
    return expand(FLOW, values)


def _to(shell, slot: str, lang: str = "en") -> None:
    section = slot.split(".")[0]
    t = texts(lang)
    shell.say(f"/coach {t.words('commands.aliases.edit')[0]} {section}")
    while shell.current_step().slot != slot:
        shell.say(t.words("controls.skip")[0])


NON_ANSWERS = {
    "sv": ["vet inte", "Vet inte.", "inga", "-", "?", "alla", "ingen aning", "ingen"],
    "nb": ["vet ikke", "ingen", "alle", "aner ikke", "-", "?"],
    "en": ["don't know", "n/a", "everyone", "no idea", "none", "?"],
}


@pytest.mark.parametrize(
    "lang, said", [(lang, said) for lang, words in NON_ANSWERS.items() for said in words]
)
def test_a_non_answer_is_followed_up_once_then_kept_as_an_open_point(shell, lang, said):
    t = texts(lang)
    shell.say(f"/coach language {lang}")
    _to(shell, "roles.escalation", lang)
    first = shell.say(said)
    assert t("probe.non_answer") in first  # why it matters, in the team's language
    assert shell.current_step().slot == "roles.escalation"  # asked once more
    second = shell.say(said)
    assert t("engine.kept_open") in second
    assert shell.current_step().slot != "roles.escalation"
    status = shell.say(f"/coach {t.words('commands.aliases.status')[0]}")
    assert t("interview.roles.escalation.label") in status
    assert t("open_point.non_answer") in status


@pytest.mark.parametrize(
    "said",
    [
        "Vet inte alltid svaret, men pressansvarig Anna larmas först och svarar inom en timme",
        "Alla i kundtjänst kan larma jourhavande chef dygnet runt",
        "Ingen postar under en kris förrän kommunikationschefen har godkänt",
    ],
)
def test_words_inside_a_real_answer_are_not_non_answers(shell, said):
    shell.say("/coach language sv")
    _to(shell, "roles.escalation", "sv")
    reply = shell.say(said)
    assert texts("sv")("probe.non_answer") not in reply
    assert shell.current_step().slot != "roles.escalation"


def test_a_better_second_answer_closes_the_point(shell):
    _to(shell, "roles.escalation")
    shell.say("don't know")
    reply = shell.say("The duty officer calls the comms lead within 30 minutes")
    assert texts("en")("engine.kept_open") not in reply
    assert "Open points" not in shell.say("/coach status")


# The examples: a regional bus company's comms lead, in Swedish.
WEAK_SV = [
    ("purpose.vision_link", "Bli mer synliga.", {}, "vision_without_goal"),
    ("content.concept", "Vi ska synas överallt och passa alla.", {}, "excludes_nobody"),
    ("audience.personas", ["alla som åker buss"], {}, "audience_everyone"),
    ("audience.persona_interest[0]", "buss", {}, "broad_interest"),
    ("audience.persona_demography[0]", "Medelinkomst, 35 år", {}, "income_demography"),
    ("goals.metric[0]", "fler likes", {"goals.type[0]": "reach"}, "vanity_measure"),
    ("roles.escalation", "vet inte", {}, "non_answer"),
    ("audience.persona_triggers[0]", ["vet inte"], {}, "non_answer"),
    ("audience.persona_needs[0]", "inga", {}, "non_answer"),
]


@pytest.mark.parametrize("slot, value, others, reason", WEAK_SV)
def test_the_weak_answers_the_guide_warns_about_are_recognised(slot, value, others, reason):
    values = {"goals.list": ["Synas"], "audience.personas": ["Pendlar-Per"], **others}
    assert weakness_of(FLOW, _step(slot), value, values) == reason


@pytest.mark.parametrize(
    "slot, value, others",
    [
        ("purpose.vision_link", "Regionens mål om 20 % fler resor till 2030", {}),
        ("content.concept", "Bussen är ditt andra vardagsrum", {}),
        ("audience.persona_interest[0]", "Podcasts om historia på väg till jobbet", {}),
        ("audience.persona_demography[0]", "Millennial, pendlar från småort, sjuksköterska", {}),
        ("goals.metric[0]", "Räckvidd i målgruppen 40 000 i månaden", {"goals.type[0]": "reach"}),
        ("goals.metric[0]", "fler likes", {"goals.type[0]": "community"}),
    ],
)
def test_specific_answers_are_not_weak(slot, value, others):
    values = {"goals.list": ["Synas"], "audience.personas": ["Pendlar-Per"], **others}
    assert weakness_of(FLOW, _step(slot), value, values) is None


@pytest.mark.parametrize(
    "lang, vision, concept",
    [
        ("sv", "Bli mer synliga.", "Vi ska synas överallt och passa alla."),
        ("nb", "Bli mer synlige.", "Vi skal synes overalt og passe for alle."),
        ("en", "Be more visible.", "We will be everywhere and suit everyone."),
    ],
)
def test_weak_answers_get_a_follow_up_that_says_why_in_the_teams_language(
    shell, lang, vision, concept
):
    t = texts(lang)
    shell.say(f"/coach language {lang}")
    _to(shell, "purpose.vision_link", lang)
    assert t("probe.vision_without_goal") in shell.say(vision)
    shell.say(t.words("controls.keep")[0])  # keep it as it is: an open point
    _to(shell, "content.concept", lang)
    assert t("probe.excludes_nobody") in shell.say(concept)
    shell.say(concept)
    status = shell.say("/coach status")
    assert t("open_point.vision_without_goal") in status
    assert t("open_point.excludes_nobody") in status


@pytest.mark.parametrize("lang", ["en", "sv", "nb"])
def test_a_complete_strategy_with_an_open_point_never_says_nothing_is_open(shell, tmp_path, lang):
    t = texts(lang)
    shell.say(f"/coach language {lang}")
    shell.say("/coach start full")
    for _ in range(300):
        state = shell.state()
        if state["done"]:
            break
        step = shell.current_step()
        said = "?" if step.slot == "roles.escalation" else answer_for(step, lang)
        last = shell.say(said)
    assert t("interview_done.finished_points", count=1) in last

    status = shell.say("/coach status")
    assert t("status.complete") not in status
    assert t("open_point.non_answer") in status

    home = text_of_blocks(home_blocks(shell.coach.store, LOCAL_TEAM, shell_today(shell), t))
    assert t("interview.roles.escalation.label") in home
    assert t("status.complete") not in home

    shell.say("/coach export")
    document = next(tmp_path.glob("*.md")).read_text()
    assert t("export.nothing_open") not in document
    open_part = document[document.index(f"## {t('export.open_title')}") :]
    assert t("interview.roles.escalation.label") in open_part
    body = document[: document.index(f"## {t('export.open_title')}")]
    assert f"**{t('interview.roles.escalation.label')}:**" not in body  # not printed as fact


def test_is_non_answer_reads_the_whole_answer_only():
    assert is_non_answer("  Vet   inte! ")
    assert is_non_answer(["-", "?"])
    assert not is_non_answer([])  # "none" to a list that may be empty is an answer
    assert not is_non_answer("vet inte riktigt vem, men Anna ringer chefen")


def shell_today(shell):
    return shell.coach.today(shell.shell.request)


def text_of_blocks(blocks) -> str:
    from coachbot.slack.blocks import to_blocks

    return text_of(to_blocks(blocks))


def test_walkthrough_answers_leave_no_open_point(shell):
    shell.say("/coach start full")
    walk(shell, "en")
    assert "Open points" not in shell.say("/coach status")
