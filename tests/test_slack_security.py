"""Unsigned, stale or forged requests are refused and change nothing."""

from __future__ import annotations

import time
from urllib.parse import urlencode

import pytest

# Not moved by the shifted-clock runs: signatures and isolation, not dates.
pytestmark = pytest.mark.clock_free


def _form(text: str) -> bytes:
    return urlencode(
        {
            "team_id": "T1",
            "user_id": "U1",
            "channel_id": "C1",
            "command": "/coach",
            "text": text,
            "response_url": "http://127.0.0.1:9/x",
        }
    ).encode()


@pytest.mark.parametrize(
    "headers, sign, timestamp",
    [
        ({}, False, None),  # unsigned
        ({"X-Slack-Signature": "v0=" + "0" * 64}, False, None),  # forged
        ({}, True, str(int(time.time()) - 600)),  # stale: ten minutes old
        ({}, False, "not-a-number"),  # Bolt would answer 500 here
    ],
    ids=["unsigned", "forged", "stale", "not-a-number"],  # the same in every xdist worker
)
def test_bad_signatures_are_refused(slack, fake_slack, headers, sign, timestamp):
    reply = slack.post(
        _form("review x"),
        "application/x-www-form-urlencoded",
        headers=headers,
        sign=sign,
        timestamp=timestamp,
    )
    assert reply.status == 401
    fake_slack.settle(quiet=0.3)
    assert fake_slack.of("response_url") == []
    assert slack.store.reviews.recent("T1") == []


def test_body_changed_after_signing_is_refused(slack, fake_slack):
    stamp = str(int(time.time()))
    signature = slack.signer.generate_signature(timestamp=stamp, body=_form("help"))
    reply = slack.post(
        _form("review tampered"),
        "application/x-www-form-urlencoded",
        headers={"X-Slack-Signature": signature},
        sign=False,
        timestamp=stamp,
    )
    assert reply.status == 401


def test_healthz(slack):
    reply = slack.get("/healthz")
    assert reply.status == 200 and '"ok": true' in reply.body


def test_unknown_path_is_404(slack):
    assert slack.get("/nope").status == 404
