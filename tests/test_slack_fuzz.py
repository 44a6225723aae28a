"""Property-based: malformed, hostile, forged and replayed requests to /slack/events.

Never a 5xx; never a state change from an unsigned request; never a pasted mention or
broadcast echoed back live. The number of cases tried is printed at the end of the run.
"""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.slack_fake import FakeSlack
from tests.slack_harness import SlackApp

# Not moved by the shifted-clock runs: request shapes and signatures, not dates.
pytestmark = pytest.mark.clock_free

CASES: dict[str, int] = {}
HOSTILE = ["<!channel>", "<!here>", "<!everyone>", "<@U0EVIL99>", "<https://evil.example|bank>"]

texts = st.one_of(
    st.text(max_size=300),
    st.sampled_from(HOSTILE).map(lambda h: f"review {h} buy now"),
    st.builds(lambda h, t: f"{h} {t}", st.sampled_from(HOSTILE), st.text(max_size=50)),
    st.just("x" * 40_000),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp", "So"]), max_size=200),
    st.sampled_from(
        [
            "help",
            "start",
            "status",
            "review",
            "campaign",
            "evaluate",
            "export",
            "nudge snooze 1 1d",
            "language xx",
        ]
    ),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    fake = FakeSlack()
    slack = SlackApp(tmp_path_factory.mktemp("fuzz") / "fuzz.db", fake)
    yield slack
    slack.close()
    fake.close()


def _count(kind: str) -> None:
    CASES[kind] = CASES.get(kind, 0) + 1


def _state(app) -> tuple:
    db = app.store.db
    tables = ("strategies", "sessions", "reviews", "campaigns", "nudges", "users", "teams")
    return tuple(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)


def _no_live_mentions(app) -> None:
    for call in app.fake.calls:
        if call["method"] == "upload":
            continue  # a Markdown file, not rendered by Slack
        raw = json.dumps(call["args"], ensure_ascii=False)
        for hostile in HOSTILE:
            assert hostile not in raw, (hostile, call["method"])


FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(text=texts, user=st.text(min_size=1, max_size=12), channel=st.text(max_size=12))
def test_signed_commands_with_any_text(app, text, user, channel):
    _count("commands")
    form = {
        "team_id": "T1",
        "user_id": user,
        "channel_id": channel,
        "command": "/coach",
        "text": text,
        "response_url": app.fake.response_url("fuzz"),
        "trigger_id": "t",
    }
    reply = app.post(urlencode(form).encode(), "application/x-www-form-urlencoded")
    assert reply.status < 500


@FUZZ
@given(
    event=st.dictionaries(
        st.sampled_from(
            ["type", "user", "text", "channel", "channel_type", "tab", "subtype", "bot_id", "ts"]
        ),
        json_values,
        max_size=8,
    ),
    kind=st.sampled_from(
        [
            "message",
            "app_home_opened",
            "app_uninstalled",
            "tokens_revoked",
            "reaction_added",
            "unknown_event",
        ]
    ),
)
def test_signed_events_of_any_shape(app, event, kind):
    _count("events")
    body = {
        "type": "event_callback",
        "team_id": "T1",
        "event_id": f"Ev{time.monotonic_ns()}",
        "event": {**event, "type": kind},
    }
    reply = app.post(json.dumps(body).encode(), "application/json")
    assert reply.status < 500


@FUZZ
@given(
    payload=st.dictionaries(
        st.sampled_from(
            [
                "type",
                "team",
                "user",
                "actions",
                "view",
                "channel",
                "message",
                "callback_id",
                "container",
                "state",
                "trigger_id",
            ]
        ),
        json_values,
        max_size=8,
    ),
    kind=st.sampled_from(
        [
            "block_actions",
            "view_submission",
            "message_action",
            "shortcut",
            "view_closed",
            "nonsense",
        ]
    ),
)
def test_signed_interactions_of_any_shape(app, payload, kind):
    _count("interactions")
    body = urlencode({"payload": json.dumps({**payload, "type": kind})}).encode()
    reply = app.post(body, "application/x-www-form-urlencoded")
    assert reply.status < 500


@FUZZ
@given(
    raw=st.binary(max_size=2000),
    content_type=st.sampled_from(
        ["application/json", "application/x-www-form-urlencoded", "text/plain", ""]
    ),
)
def test_signed_garbage_bodies(app, raw, content_type):
    _count("garbage")
    assert app.post(raw, content_type).status < 500


HEADER_SAFE = st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f")


@FUZZ
@given(
    text=texts,
    signature=st.text(alphabet=HEADER_SAFE, max_size=80),
    stamp=st.one_of(
        st.text(alphabet=HEADER_SAFE, max_size=12), st.integers().map(str), st.just("²³¹")
    ),
)
def test_unsigned_forged_or_stale_requests_change_nothing(app, text, signature, stamp):
    _count("forged")
    before = _state(app)
    calls = len(app.fake.calls)
    form = {
        "team_id": "T1",
        "user_id": "U1",
        "channel_id": "C1",
        "command": "/coach",
        "text": text,
        "response_url": app.fake.response_url("forged"),
    }
    reply = app.post(
        urlencode(form).encode(),
        "application/x-www-form-urlencoded",
        headers={"X-Slack-Signature": signature},
        sign=False,
        timestamp=stamp,
    )
    assert reply.status in (400, 401, 403)  # refused, whichever way the forgery broke
    time.sleep(0.01)
    assert _state(app) == before and len(app.fake.calls) == calls


@FUZZ
@given(age=st.integers(min_value=301, max_value=10**7))
def test_replayed_requests_are_refused(app, age):
    _count("replayed")
    before = _state(app)
    form = urlencode(
        {"team_id": "T1", "user_id": "U1", "command": "/coach", "text": "review replay"}
    ).encode()
    stale = str(int(time.time()) - age)
    assert app.post(form, "application/x-www-form-urlencoded", timestamp=stale).status == 401
    assert _state(app) == before


def test_nothing_hostile_was_echoed_live(app):
    app.fake.settle(quiet=0.5, timeout=60)
    _no_live_mentions(app)
