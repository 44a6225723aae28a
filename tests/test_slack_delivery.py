"""Rate limits are waited out, failures are logged with the team, limits are respected."""

from __future__ import annotations

import logging
import time

import pytest

from coachbot.core import messages as ui
from coachbot.slack.delivery import MAX_BLOCKS, Delivery, Where
from tests.slack_harness import text_of

# Not moved by the shifted-clock runs: message splitting and retries, not dates.
pytestmark = pytest.mark.clock_free


def test_429_is_retried_after_retry_after(slack, fake_slack):
    fake_slack.fail_next("chat.postMessage", 429, {"Retry-After": "1"})
    started = time.monotonic()
    slack.command("start", channel="DU1")
    posts = fake_slack.wait_for("chat.postMessage", count=2)
    assert time.monotonic() - started >= 1.0
    assert "Who are you, what do you stand for" in text_of(posts[-1]["blocks"])


def test_failed_post_is_logged_with_the_team_and_the_app_keeps_working(slack, fake_slack, caplog):
    fake_slack.fail_next("chat.postMessage", 500, times=3)  # more than the retries allow
    with caplog.at_level(logging.WARNING, logger="coachbot.slack"):
        slack.command("start", channel="DU1")
        fake_slack.wait_for("chat.postMessage", count=3)
        fake_slack.settle()
    assert any("team T1" in r.getMessage() for r in caplog.records)
    slack.command("help")  # typed in the coach's DM, answered in place
    assert fake_slack.wait_for("response_url", count=1)


def test_long_output_is_split_into_messages_within_block_limits(fake_slack):
    from slack_sdk import WebClient

    blocks = [b for i in range(130) for b in ui.section(f"line {i}")]
    message = ui.Message(text="x" * 5000, blocks=blocks, target="dm")
    Delivery(WebClient(token="xoxb-test", base_url=fake_slack.url)).send(
        Where(team_id="T1", user_id="U1", channel_id=None, in_dm=False), [message]
    )
    posts = fake_slack.of("chat.postMessage")
    assert [len(p["blocks"]) for p in posts] == [MAX_BLOCKS, MAX_BLOCKS, 30]
    assert all(len(p["text"]) <= 3000 for p in posts)


def test_a_long_review_stays_within_section_limits(slack, fake_slack):
    slack.command(
        "review " + "Boka en tur med oss i fjällen i vinter och kom ihåg matsäcken. " * 300
    )
    [answer] = fake_slack.wait_for("response_url")
    assert len(answer["blocks"]) <= MAX_BLOCKS
    for block in answer["blocks"]:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
