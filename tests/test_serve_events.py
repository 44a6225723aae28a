"""Events against the real `coachbot serve`: DM threads, files with text, revoked tokens,
and the team a request acts on is the one Slack authorised."""

from __future__ import annotations

import pytest

from tests.serve_harness import until

# Not moved by the shifted-clock runs: threads, files and token revocation have no dates.
pytestmark = pytest.mark.clock_free


PURPOSE = "We are a ferry café and we give travellers a warm break by the quay."


def _dm_event(text: str, **extra) -> dict:
    return {
        "type": "message",
        "channel_type": "im",
        "channel": "DU1",
        "user": "U1",
        "text": text,
        "ts": "1700000100.000100",
        **extra,
    }


def test_a_reply_in_a_dm_thread_is_answered_in_that_thread(served, fake_slack):
    served.command("start", channel="DU1")
    [question] = fake_slack.wait_for("chat.postMessage")
    served.event(_dm_event(PURPOSE, thread_ts=question.get("ts") or "1700000000.000001"))
    answer = fake_slack.wait_for("chat.postMessage", count=2)[-1]
    assert answer["thread_ts"] == (question.get("ts") or "1700000000.000001")
    assert served.store.strategies.get("T1").value("purpose.statement") == PURPOSE


def test_a_dm_with_a_file_and_text_is_read_as_the_message(served, fake_slack):
    served.command("start", channel="DU1")
    fake_slack.wait_for("chat.postMessage")
    served.event(_dm_event(PURPOSE, subtype="file_share", files=[{"id": "F9", "name": "a.png"}]))
    until(lambda: served.store.strategies.get("T1").value("purpose.statement") == PURPOSE)


def test_revoked_user_tokens_leave_the_team_and_the_bots_end_it(served, fake_slack):
    served.command("review A post about bread and the quay")
    fake_slack.wait_for("response_url")
    served.event({"type": "tokens_revoked", "tokens": {"oauth": ["U1"], "bot": []}})
    fake_slack.settle()
    served.command("review Another post")  # a request after it: the team still works
    fake_slack.wait_for("response_url", count=2)
    assert len(served.store.reviews.recent("T1")) == 2
    served.event({"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["UBOT"]}})
    until(lambda: served.store.reviews.recent("T1") == [])


def test_a_view_naming_another_team_acts_on_the_authorised_one(served, fake_slack):
    served.block_action(
        {
            "action_id": "home_edit_section",
            "type": "static_select",
            "selected_option": {"value": "purpose"},
        },
        container={"type": "view", "view_id": "VHOME"},
        view={"id": "VHOME", "type": "home"},
    )
    view = fake_slack.wait_for("views.open")[0]["view"]
    # A modal opened from a Slack Connect channel: the body's team.id is the other side's.
    values = {"purpose.statement": {"value": {"type": "plain_text_input", "value": PURPOSE}}}
    shared = {**view, "app_installed_team_id": "T1"}
    reply = served.view_submission(shared, values, user="U1", team="T2")
    assert reply.body in ("", "{}"), reply.body
    assert served.store.strategies.get("T1").value("purpose.statement") == PURPOSE
    assert served.store.strategies.get("T2").value("purpose.statement") is None
