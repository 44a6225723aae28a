"""Campaigns in Slack: the plan as a modal, nudges from the scheduler, snooze by button."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from coachbot.campaigns.scheduler import Pacer, Scheduler
from coachbot.core.coach import Coach
from coachbot.slack.nudges import NudgeSender
from tests.slack_harness import buttons_in, eventually, text_of


def _submit(slack, view, values, user="U1"):
    state = {"values": {slot: {"value": v} for slot, v in values.items()}}
    payload = {
        "type": "view_submission",
        "team": {"id": "T1"},
        "user": {"id": user, "team_id": "T1"},
        "api_app_id": "A1",
        "view": {**view, "id": "V7", "state": state},
    }
    return slack.interaction(payload)


GOOD = {
    "plan.goal_type": {"type": "static_select", "selected_option": {"value": "reach"}},
    "plan.kpis": {"type": "plain_text_input", "value": "Reach: 40 000\nLink clicks: 300"},
    "plan.channels": {"type": "checkboxes", "selected_options": [{"value": "instagram"}]},
    "plan.segment": {"type": "static_select", "selected_option": {"value": "potential"}},
    "plan.owners": {"type": "multi_users_select", "selected_users": ["U0ANNA01", "U0OLLE02"]},
    "plan.share": {"type": "conversations_select", "selected_conversation": "C0SHARE"},
}


def _open_form(slack, fake_slack):
    # The app runs on the wall clock, so the campaign's dates are built from it: a week ahead.
    start = datetime.now(UTC).date() + timedelta(days=7)
    end = start + timedelta(days=23)
    slack.command(f"campaign Julkampanj {start} {end}", channel="C1")
    return fake_slack.wait_for("views.open")[0]["view"]


def test_campaign_plan_opens_as_a_modal_with_the_dates_read_back(slack, fake_slack):
    view = _open_form(slack, fake_slack)
    assert view["callback_id"] == "campaign_form"
    kinds = [b["element"]["type"] for b in view["blocks"]]
    assert kinds == [
        "static_select",
        "plain_text_input",
        "checkboxes",
        "static_select",
        "multi_users_select",
        "conversations_select",
    ]
    assert view["blocks"][4]["element"]["initial_users"] == ["U1"]
    # The share channel is picked among channels only: no DMs, no bots.
    assert view["blocks"][5]["element"]["filter"] == {
        "include": ["public", "private"],
        "exclude_bot_users": True,
    }
    [reply] = fake_slack.wait_for("response_url")
    assert "I read: *Julkampanj*, from" in text_of(reply["blocks"])
    assert "direct message" not in text_of(reply["blocks"])
    assert fake_slack.of("chat.postMessage") == []


def test_modal_errors_show_in_the_modal_and_nothing_is_saved(slack, fake_slack):
    view = _open_form(slack, fake_slack)
    bad = {**GOOD, "plan.kpis": {"type": "plain_text_input", "value": "Reach: lots"}}
    bad.pop("plan.segment")
    body = json.loads(_submit(slack, view, bad).body)
    assert body["response_action"] == "errors"
    assert "needs a target number" in body["errors"]["plan.kpis"]
    assert body["errors"]["plan.segment"] == "I got an empty answer."
    assert slack.store.campaigns.all("T1") == []


def test_modal_submission_registers_and_owners_get_the_nudges(slack, fake_slack):
    view = _open_form(slack, fake_slack)
    assert _submit(slack, view, GOOD).status == 200
    [done] = fake_slack.wait_for("chat.postMessage")
    assert "*Julkampanj* is registered" in text_of(done["blocks"])
    [campaign] = slack.store.campaigns.all("T1")
    assert campaign.plan["plan.owners"] == ["@U0ANNA01", "@U0OLLE02"]

    fake_slack.clear()
    [kickoff] = [n for n in slack.store.nudges.of("T1", campaign.id) if n["kind"] == "kickoff"]
    kickoff_at = datetime.fromtimestamp(kickoff["due_at"], UTC)
    coach = Coach(slack.store, clock=lambda: kickoff_at)
    result = Scheduler(coach, NudgeSender(slack.settings), pacer=Pacer(gap=0)).tick()
    assert result.sent == 1
    posts = fake_slack.of("chat.postMessage")
    assert sorted(p["channel"] for p in posts) == ["C0SHARE", "U0ANNA01", "U0OLLE02"]
    to_owner = next(p for p in posts if p["channel"] == "U0ANNA01")
    assert "Julkampanj starts today" in text_of(to_owner["blocks"])
    shared = next(p for p in posts if p["channel"] == "C0SHARE")
    assert buttons_in(shared["blocks"]) == []  # snooze buttons only for owners

    snooze = next(b for b in buttons_in(to_owner["blocks"]) if b["value"].endswith(" 1w"))
    message = {"ts": "1700000000.000099", "text": to_owner["text"], "blocks": to_owner["blocks"]}
    slack.click(message, snooze, user="U0ANNA01", channel="DU0ANNA01")
    assert eventually(
        lambda: any(
            "Snoozed for a week" in text_of(p["blocks"]) for p in fake_slack.of("chat.postMessage")
        )
    )
    [kickoff] = [n for n in slack.store.nudges.of("T1", campaign.id) if n["kind"] == "kickoff"]
    assert kickoff["status"] == "pending"


def test_the_plan_modal_offers_the_strategys_personas_and_reads_the_choice_back(slack, fake_slack):
    from coachbot.strategy.models import Answer

    strategy = slack.store.strategies.get("T1")
    personas = ["Pendlande Petra", "Studenten Sam"]
    answer = Answer(value=personas, by="U1", at=datetime.now(UTC), version=strategy.version + 1)
    slack.store.strategies.save(
        strategy.model_copy(update={"answers": {"audience.personas": answer}}), by="U1"
    )
    view = _open_form(slack, fake_slack)
    [menu] = [b for b in view["blocks"] if b["block_id"] == "plan.persona"]
    offered = [o["text"]["text"] for o in menu["element"]["options"]]
    assert offered == [*personas, "None of them: the whole segment"]
    chosen = {"type": "static_select", "selected_option": {"value": "Studenten Sam"}}
    assert _submit(slack, view, {**GOOD, "plan.persona": chosen}).status == 200
    [campaign] = eventually(lambda: slack.store.campaigns.all("T1"))
    assert campaign.persona == "Studenten Sam"
