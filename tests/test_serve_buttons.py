"""Every button where Slack shows it, against the real `coachbot serve`: on App Home, on an
ephemeral reply in a channel the bot was never invited to, in the DM; and a DM between two
people is not mistaken for the coach's."""

from __future__ import annotations

import pytest

from tests.serve_harness import until
from tests.slack_harness import buttons_in, text_of

# Not moved by the shifted-clock runs: where a click is answered has no dates.
pytestmark = pytest.mark.clock_free


HOME = {"type": "view", "view_id": "VHOME"}


def _button(value: str, n: int = 0) -> dict:
    return {"action_id": f"coach_input:{n}", "type": "button", "value": value, "block_id": "b"}


def _home_click(served, value: str) -> None:
    served.block_action(
        _button(value),
        container=HOME,
        view={"id": "VHOME", "type": "home", "team_id": "T1", "app_installed_team_id": "T1"},
    )


def _uploads_to(fake_slack) -> list[str]:
    return [c.get("channel_id") for c in fake_slack.of("files.completeUploadExternal")]


def _no_failed_calls(fake_slack) -> None:
    assert fake_slack.of("chat.postEphemeral") == []  # Slack refuses it without a channel


def test_home_buttons_answer_in_the_dm(served, fake_slack):
    _home_click(served, "/coach export")
    until(lambda: _uploads_to(fake_slack))
    assert _uploads_to(fake_slack) == ["DU1"]
    _home_click(served, "/coach start")
    [question] = until(
        lambda: [
            p
            for p in fake_slack.of("chat.postMessage")
            if "Who are you, what do you stand for" in text_of(p["blocks"])
        ]
    )
    assert question["channel"] in ("U1", "DU1")
    _home_click(served, "/coach maturity")
    until(lambda: len(fake_slack.of("chat.postMessage")) >= 2)
    fake_slack.settle()
    _no_failed_calls(fake_slack)
    assert {p["channel"] for p in fake_slack.of("chat.postMessage")} <= {"U1", "DU1"}


def _ephemeral_status(served, fake_slack) -> dict:
    before = len(fake_slack.of("response_url"))
    served.command("status", channel="C0TEAM")
    reply = fake_slack.wait_for("response_url", count=before + 1)[-1]
    assert reply["response_type"] == "ephemeral"
    return reply


def _ephemeral_click(served, reply: dict, value: str, ts: str) -> None:
    n = next(i for i, b in enumerate(buttons_in(reply["blocks"])) if b["value"] == value)
    served.block_action(
        _button(value, n),
        container={
            "type": "message",
            "message_ts": ts,
            "channel_id": "C0TEAM",
            "is_ephemeral": True,
        },
        channel={"id": "C0TEAM", "name": "team"},
        message={"type": "message", "ts": ts, **reply},
        response_url=served.fake.response_url("clicked"),
    )


def test_buttons_on_an_ephemeral_reply_in_a_channel_the_bot_is_not_in(served, fake_slack):
    fake_slack.refuse("C0TEAM", "not_in_channel")  # nobody ever typed /invite @coach there
    reply = _ephemeral_status(served, fake_slack)
    assert {"/coach start", "/coach export"} <= {b["value"] for b in buttons_in(reply["blocks"])}

    _ephemeral_click(served, reply, "/coach export", ts="1700000005.000100")
    until(lambda: "DU1" in _uploads_to(fake_slack))  # the channel refused it: the DM has it
    closed = [r for r in fake_slack.of("response_url") if r.get("replace_original")]
    assert buttons_in(closed[0]["blocks"]) == []  # the clicked reply reads as answered
    fake_slack.settle()
    reply = _ephemeral_status(served, fake_slack)
    _ephemeral_click(served, reply, "/coach start", ts="1700000006.000100")
    until(
        lambda: any(
            "Who are you, what do you stand for" in text_of(p["blocks"])
            for p in fake_slack.of("chat.postMessage")
        )
    )
    fake_slack.settle()
    answered = fake_slack.of("response_url")
    assert len(answered) > 1  # the clicks were answered where they were made
    _no_failed_calls(fake_slack)
    assert "C0TEAM" not in {p["channel"] for p in fake_slack.of("chat.postMessage")}
    assert fake_slack.of("chat.update") == []  # an ephemeral message can't be edited so


def test_buttons_in_the_dm_answer_in_the_dm(served, fake_slack):
    served.dm("hello")  # the coach learns its DM with U1 (message.im)
    served.command("status", channel="DU1")
    [status] = until(lambda: fake_slack.of("chat.postMessage"))
    served.click({"ts": "1700000009.000001", **status}, _button("/coach start"), channel="DU1")
    until(lambda: fake_slack.of("chat.update"))
    until(lambda: len(fake_slack.of("chat.postMessage")) >= 2)
    fake_slack.settle()
    assert {p["channel"] for p in fake_slack.of("chat.postMessage")} == {"DU1"}
    assert fake_slack.of("chat.update")[0]["channel"] == "DU1"
    _no_failed_calls(fake_slack)


def test_a_dm_between_two_people_is_not_the_coachs_dm(served, fake_slack):
    # U1 types /coach export in their DM with U2: the coach is not in that conversation.
    served.command("export", channel="D0U1U2")
    until(lambda: _uploads_to(fake_slack))
    fake_slack.settle()
    assert _uploads_to(fake_slack) == ["DU1"]
    channels = {c["args"].get("channel") for c in fake_slack.calls}
    assert "D0U1U2" not in channels
    [pointer] = fake_slack.of("response_url")
    assert pointer["response_type"] == "ephemeral"
