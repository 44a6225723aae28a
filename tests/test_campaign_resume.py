"""`/coach evaluate` without a name lists what is due; an early evaluation is asked first;
a paused plan or evaluation is what `/coach start` continues, and drafts are listed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coachbot.campaigns.listing import fmt_date
from coachbot.i18n import texts
from coachbot.shell import LOCAL_TEAM

pytestmark = pytest.mark.clock_free  # every date is built from the pinned clock

WORDS = {
    "en": {"campaign": "campaign", "evaluate": "evaluate", "start": "start", "now": "now"},
    "sv": {"campaign": "kampanj", "evaluate": "utvärdera", "start": "starta", "now": "nu"},
    "nb": {"campaign": "kampanje", "evaluate": "evaluer", "start": "begynn", "now": "nå"},
}
PLAN = {
    "en": ["1", "Reach: 40 000", "1", "3", "me", "dm"],
    "sv": ["1", "Räckvidd: 40 000", "1", "3", "jag", "dm"],
    "nb": ["1", "Rekkevidde: 40 000", "1", "3", "meg", "dm"],
}
PAUSE = {"en": "pause", "sv": "paus", "nb": "pause"}
LANGS = ["en", "sv", "nb"]


def _setup(shell, lang):
    shell.say(f"/coach language {lang}")
    return texts(lang), WORDS[lang]


def _pause_a_plan(shell, lang, today, name):
    """A plan begun a week ahead of today, answered once, then paused: its dates."""
    start, end = today + timedelta(days=7), today + timedelta(days=30)
    shell.say(f"/coach {WORDS[lang]['campaign']} {name} {start.isoformat()} {end.isoformat()}")
    shell.say(PLAN[lang][0])
    shell.say(PAUSE[lang])
    return start, end


def _register(shell, lang, name, start, end):
    w = WORDS[lang]
    shell.say(f"/coach {w['campaign']} {name} {start.isoformat()} {end.isoformat()}")
    return [shell.say(answer) for answer in PLAN[lang]]


@pytest.mark.parametrize("lang", LANGS)
def test_evaluate_alone_lists_what_is_due_with_end_dates(shell, clock, lang):
    t, w = _setup(shell, lang)
    today = clock().date()
    assert shell.say(f"/coach {w['evaluate']}") == t("campaign.nothing_due")
    _register(shell, lang, "Vinter", today + timedelta(days=3), today + timedelta(days=20))
    waiting = shell.say(f"/coach {w['evaluate']}")
    assert waiting == t(
        "campaign.nothing_due_yet",
        name="Vinter",
        end=fmt_date(today + timedelta(days=20), t, today),
    )
    # Two that ended: both listed with their end days and a button each; nothing started.
    for name, ago in (("Höst", 10), ("Sommar", 40)):
        _register(shell, lang, name, today - timedelta(days=ago + 14), today - timedelta(days=ago))
        shell.say(PAUSE[lang])  # leave the evaluation the registration opened
    due = shell.say(f"/coach {w['evaluate']}")
    assert t("campaign.due_title", count=2) in due
    for name, ago in (("Höst", 10), ("Sommar", 40)):
        assert (
            t(
                "campaign.due_row",
                name=name,
                end=fmt_date(today - timedelta(days=ago), t, today),
            )
            in due
        )
        assert t("campaign.button_evaluate", name=name) in due
    assert "Vinter" not in due
    assert "“”" not in due and "””" not in due and "«»" not in due


@pytest.mark.parametrize("lang", LANGS)
def test_evaluating_a_campaign_that_has_not_ended_asks_first(shell, clock, lang):
    t, w = _setup(shell, lang)
    today = clock().date()
    _register(shell, lang, "Vinter", today - timedelta(days=2), today + timedelta(days=9))
    asked = shell.say(f"/coach {w['evaluate']} Vinter")
    assert (
        t("campaign.early", name="Vinter", end=fmt_date(today + timedelta(days=9), t, today))
        in asked
    )
    assert f"/coach evaluate 1 {t.words('campaign.evaluate_now')[0]}" in asked
    assert shell.state("evaluation") is None  # nothing begun by asking
    begun = shell.say(f"/coach {w['evaluate']} Vinter {w['now']}")
    assert t("campaign.evaluation_begin", name="Vinter") in begun


@pytest.mark.parametrize("lang", LANGS)
def test_start_resumes_a_paused_plan_and_the_draft_is_listed(shell, clock, lang):
    t, w = _setup(shell, lang)
    today = clock().date()
    start, end = _pause_a_plan(shell, lang, today, "Vår")
    listing = shell.say(f"/coach {w['campaign']}er" if lang == "sv" else "/coach campaigns")
    assert t("campaign.drafts_title") in listing
    assert (
        t(
            "campaign.draft_row",
            name="Vår",
            start=fmt_date(start, t, today),
            end=fmt_date(end, t, today),
            how=t("campaign.draft_continue"),
        )
        in listing
    )
    resumed = shell.say(f"/coach {w['start']}")
    assert t("campaign.resume_campaign", name="Vår") in resumed
    assert t("campaign.plan.kpis.q") in resumed  # the next question of the plan, not the interview
    assert t("interview_done.already_complete") not in resumed
    for answer in PLAN[lang][1:]:
        done = shell.say(answer)
    assert t("campaign.registered", name="Vår") in done
    [campaign] = shell.coach.store.campaigns.all(LOCAL_TEAM)
    assert campaign.kpis() and campaign.status == "active"
    assert t("campaign.drafts_title") not in shell.say("/coach campaigns")


@pytest.mark.parametrize("lang", LANGS)
def test_start_resumes_a_paused_evaluation(shell, clock, lang):
    t, w = _setup(shell, lang)
    today = clock().date()
    _register(shell, lang, "Höst", today - timedelta(days=20), today - timedelta(days=5))
    shell.say("12000")  # the first (only) KPI's actual
    shell.say(PAUSE[lang])
    resumed = shell.say(f"/coach {w['start']}")
    assert t("campaign.resume_evaluation", name="Höst") in resumed
    assert t("evaluation.review.purpose.q") in resumed
    assert t("campaign.states.evaluation_paused") in shell.say("/coach campaigns")


@pytest.mark.parametrize("lang", LANGS)
def test_the_interview_stays_one_word_away_while_a_plan_is_paused(shell, clock, lang):
    t, w = _setup(shell, lang)
    today = clock().date()
    shell.say(f"/coach {w['start']}")
    shell.say(PAUSE[lang])
    shell.say(
        f"/coach {w['campaign']} Vår {today + timedelta(days=7)} {today + timedelta(days=30)}"
    )
    shell.say(PAUSE[lang])
    resumed = shell.say(f"/coach {w['start']}")  # the plan was paused last: it goes on
    assert t("campaign.resume_campaign", name="Vår") in resumed
    assert t("campaign.resume_interview_instead") in resumed
    shell.say(PAUSE[lang])
    interview = shell.say(f"/coach {w['start']} {'intervju' if lang != 'en' else 'interview'}")
    assert t("interview.purpose.statement.q") in interview


def test_a_draft_registered_again_is_taken_up_not_duplicated(shell, clock):
    today = clock().date()
    line = f"/coach campaign Vår {today + timedelta(days=7)} {today + timedelta(days=30)}"
    shell.say(line)
    shell.coach.store.sessions.delete(LOCAL_TEAM, "U-LOCAL", "campaign")  # its walk is lost
    assert "register it again" in shell.say("/coach campaigns")
    shell.say(line)
    for answer in PLAN["en"]:
        shell.say(answer)
    assert [c.name for c in shell.coach.store.campaigns.all(LOCAL_TEAM, ("draft", "active"))] == [
        "Vår"
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_app_home_lists_an_unfinished_plan_with_how_to_take_it_up(shell, clock, lang):
    from coachbot.core.messages import Message
    from coachbot.core.status import home_blocks
    from coachbot.terminal import render_lines

    t, w = _setup(shell, lang)
    today = clock().date()
    start, end = _pause_a_plan(shell, lang, today, "Höst")
    home = "\n".join(
        render_lines(Message(text="", blocks=home_blocks(shell.coach.store, LOCAL_TEAM, today, t)))
    )
    assert t("campaign.drafts_title") in home
    again = f"/coach {w['campaign']} Höst {start.isoformat()} {end.isoformat()}"
    assert "Höst" in home and again in home
