"""App Home: the strategy at a glance; a section edited in a modal, conflicts shown there."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

from tests.slack_harness import buttons_in, home_menu_payload, text_of


def _open_home(slack, user="U1"):
    return slack.event(
        {"type": "app_home_opened", "user": user, "tab": "home", "channel": f"D{user}"}
    )


def test_home_shows_progress_maturity_and_reviews(slack, fake_slack):
    slack.command("review Which trail do you love? Tell us below!")
    fake_slack.wait_for("response_url")
    _open_home(slack)
    [published] = fake_slack.wait_for("views.publish")
    assert published["user_id"] == "U1"
    view = published["view"]
    shown = text_of(view["blocks"])
    assert "Purpose" in shown and "0/6" in shown
    assert "Maturity not assessed yet" in shown
    assert "Latest reviews" in shown
    assert len(view["blocks"]) <= 100
    values = [b["value"] for b in buttons_in(view["blocks"])]
    assert values == ["/coach start", "/coach maturity", "/coach export"]


def test_messages_tab_open_does_not_publish(slack, fake_slack):
    slack.event({"type": "app_home_opened", "user": "U1", "tab": "messages", "channel": "DU1"})
    fake_slack.settle()
    assert fake_slack.of("views.publish") == []


def test_home_button_starts_the_interview_in_the_dm(slack, fake_slack):
    payload = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": "U1", "team_id": "T1"},
        "api_app_id": "A1",
        "trigger_id": "t1",
        "container": {"type": "view", "view_id": "V1"},
        "view": {"id": "V1", "type": "home"},
        "actions": [
            {
                "action_id": "coach_input:0",
                "value": "/coach start",
                "type": "button",
                "action_ts": f"{time.time()}",
            }
        ],
    }
    slack.interaction(payload)
    post = fake_slack.wait_for("chat.postMessage")[0]
    assert post["channel"] == "U1"
    assert "Who are you, what do you stand for" in text_of(post["blocks"])


def _edit_payload(view, values, user="U1"):
    state = {"values": {slot: {"value": v} for slot, v in values.items()}}
    return {
        "type": "view_submission",
        "team": {"id": "T1"},
        "user": {"id": user, "team_id": "T1"},
        "api_app_id": "A1",
        "view": {**view, "id": "V9", "state": state},
    }


def _open_editor(slack, fake_slack, section="purpose", user="U1"):
    slack.interaction(home_menu_payload(section, user))
    return fake_slack.wait_for("views.open")[-1]["view"]


def test_section_editor_saves_valid_answers(slack, fake_slack):
    view = _open_editor(slack, fake_slack)
    assert view["callback_id"] == "edit_section"
    assert [b["block_id"] for b in view["blocks"]][:2] == [
        "purpose.statement",
        "purpose.why_interact",
    ]
    values = {
        "purpose.statement": {
            "type": "plain_text_input",
            "value": "We are a bakery that wants neighbours to feel at home.",
        },
        "purpose.ambition": {"type": "static_select", "selected_option": {"value": "support"}},
    }
    reply = slack.interaction(_edit_payload(view, values))
    assert reply.status == 200 and reply.body in ("", "{}")
    strategy = slack.store.strategies.get("T1")
    assert strategy.value("purpose.ambition") == "support"
    assert strategy.value("purpose.statement").startswith("We are a bakery")


def test_section_editor_shows_validation_errors_in_the_modal(slack, fake_slack):
    view = _open_editor(slack, fake_slack, section="roles")
    values = {
        "roles.ad_budget": {"type": "plain_text_input", "value": "a lot"},
        "roles.revisit": {"type": "plain_text_input", "value": "31/2"},
    }
    reply = slack.interaction(_edit_payload(view, values))
    body = json.loads(reply.body)
    assert body["response_action"] == "errors"
    assert body["errors"]["roles.ad_budget"] == "I need a number here."
    assert "not a date in the calendar" in body["errors"]["roles.revisit"]
    assert slack.store.strategies.get("T1").value("roles.ad_budget") is None


def test_section_editor_refuses_to_overwrite_a_colleagues_change(slack, fake_slack):
    view = _open_editor(slack, fake_slack, user="U1")
    # A colleague answers in the DM while U1's modal is open.
    slack.command("start", user="U2", channel="DU2")
    fake_slack.wait_for("chat.postMessage")
    slack.dm("We are the island ferry and keep the islands alive all year.", user="U2")
    fake_slack.wait_for("chat.postMessage", count=2)
    values = {
        "purpose.statement": {
            "type": "plain_text_input",
            "value": "We are a ferry company with a big heart.",
        }
    }
    body = json.loads(slack.interaction(_edit_payload(view, values, user="U1")).body)
    assert "Someone changed this while you were editing" in body["errors"]["purpose.statement"]
    assert (
        slack.store.strategies.get("T1")
        .value("purpose.statement")
        .startswith("We are the island ferry")
    )


def test_home_lists_campaigns_and_offers_the_due_evaluations(slack, fake_slack):
    store = slack.store
    today = datetime.now(UTC).date()  # Home reads the wall clock; the dates are built from it
    ago, soon = today - timedelta(days=60), today + timedelta(days=90)
    ended = store.campaigns.add(
        "T1", "Autumn", str(ago), str(ago + timedelta(days=30)), "UTC", "U1"
    )
    store.campaigns.activate("T1", ended, {"plan.kpis": ["Reach: 100"]})
    ahead = store.campaigns.add(
        "T1", "Spring", str(soon), str(soon + timedelta(days=30)), "UTC", "U1"
    )
    store.campaigns.activate("T1", ahead, {"plan.kpis": ["Reach: 100"]})
    _open_home(slack)
    view = fake_slack.wait_for("views.publish")[0]["view"]
    shown = text_of(view["blocks"])
    assert "*Autumn* — ended, evaluation due" in shown and "*Spring* — planned" in shown
    assert f"/coach evaluate {ended}" in [b["value"] for b in buttons_in(view["blocks"])]
