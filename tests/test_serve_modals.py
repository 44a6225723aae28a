"""Every modal against the real `coachbot serve`: a valid submission closes without errors
and is saved once, before anything that follows it; an invalid one shows its errors and
saves nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from tests.serve_harness import until
from tests.slack_harness import text_of

PLAN = {
    "plan.goal_type": {"type": "static_select", "selected_option": {"value": "reach"}},
    "plan.kpis": {"type": "plain_text_input", "value": "Reach: 40 000\nLink clicks: 300"},
    "plan.channels": {"type": "checkboxes", "selected_options": [{"value": "instagram"}]},
    "plan.segment": {"type": "static_select", "selected_option": {"value": "potential"}},
    "plan.owners": {"type": "multi_users_select", "selected_users": ["U0ANNA01"]},
    "plan.share": {"type": "conversations_select", "selected_conversation": "C0SHARE"},
}


def _values(fields: dict) -> dict:
    return {slot: {"value": element} for slot, element in fields.items()}


def _open_plan(served, fake_slack, name: str) -> dict:
    start = datetime.now(UTC).date() + timedelta(days=7)  # the server runs on the wall clock
    opened = len(fake_slack.of("views.open"))
    served.command(f"campaign {name} {start} {start + timedelta(days=23)}", channel="C1")
    return fake_slack.wait_for("views.open", count=opened + 1)[-1]["view"]


def _announcements(fake_slack, name: str) -> list[dict]:
    return [
        p
        for p in fake_slack.of("chat.postMessage")
        if f"*{name}* is registered" in text_of(p["blocks"])
    ]


def test_a_valid_campaign_plan_closes_the_modal_and_is_saved_once(served, fake_slack):
    for n in range(3):  # the race it guards against lost most submissions, not all
        name = f"Spring{n}"
        view = _open_plan(served, fake_slack, name)
        reply = served.view_submission(view, _values(PLAN))
        assert reply.status == 200
        assert reply.body in ("", "{}"), reply.body  # no errors: the modal closes
        # Acknowledged means saved: it is in the database the moment Slack has the answer.
        assert [c.name for c in served.store.campaigns.all("T1")].count(name) == 1
        [announced] = until(lambda name=name: _announcements(fake_slack, name))
        assert announced["channel"] in ("U1", "DU1")
    fake_slack.settle()
    assert len(served.store.campaigns.all("T1")) == 3
    assert all(len(_announcements(fake_slack, f"Spring{n}")) == 1 for n in range(3))


def test_an_invalid_campaign_plan_shows_errors_and_saves_nothing(served, fake_slack):
    view = _open_plan(served, fake_slack, "Autumn")
    bad = {**PLAN, "plan.kpis": {"type": "plain_text_input", "value": "lots of reach"}}
    reply = served.view_submission(view, _values(bad))
    body = json.loads(reply.body)
    assert body["response_action"] == "errors"
    assert "needs a target number" in body["errors"]["plan.kpis"]
    fake_slack.settle()
    assert served.store.campaigns.all("T1") == []
    assert _announcements(fake_slack, "Autumn") == []
    # The form is still open: the corrected plan goes through.
    assert served.view_submission(view, _values(PLAN)).body in ("", "{}")
    assert [c.name for c in served.store.campaigns.all("T1")] == ["Autumn"]


def _open_editor(served, fake_slack, section: str) -> dict:
    served.block_action(
        {
            "action_id": "home_edit_section",
            "type": "static_select",
            "block_id": "home_menu",
            "selected_option": {"value": section},
        },
        container={"type": "view", "view_id": "VHOME"},
        view={"id": "VHOME", "type": "home", "team_id": "T1", "app_installed_team_id": "T1"},
    )
    return fake_slack.wait_for("views.open")[-1]["view"]


STATEMENT = "We are a bakery that wants neighbours to feel at home."


def test_a_valid_section_edit_saves_then_refreshes_home_with_it(served, fake_slack):
    view = _open_editor(served, fake_slack, "purpose")
    values = {
        "purpose.statement": {"type": "plain_text_input", "value": STATEMENT},
        "purpose.ambition": {"type": "static_select", "selected_option": {"value": "support"}},
    }
    reply = served.view_submission(view, _values(values))
    assert reply.status == 200 and reply.body in ("", "{}"), reply.body
    strategy = served.store.strategies.get("T1")
    assert strategy.value("purpose.statement") == STATEMENT  # saved before the ack
    [home] = fake_slack.wait_for("views.publish")
    assert home["user_id"] == "U1"
    assert "2/6" in text_of(home["view"]["blocks"])  # the Home drawn from the saved edit


def test_an_invalid_section_edit_shows_errors_saves_nothing_and_leaves_home(served, fake_slack):
    view = _open_editor(served, fake_slack, "roles")
    values = {
        "roles.ad_budget": {"type": "plain_text_input", "value": "a lot"},
        "roles.revisit": {"type": "plain_text_input", "value": "31/2"},
    }
    body = json.loads(served.view_submission(view, _values(values)).body)
    assert body["response_action"] == "errors"
    assert body["errors"]["roles.ad_budget"] == "I need a number here."
    fake_slack.settle()
    assert served.store.strategies.get("T1").value("roles.ad_budget") is None
    assert fake_slack.of("views.publish") == []  # nothing changed, nothing to redraw
