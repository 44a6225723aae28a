"""Socket Mode routes an envelope without a network; the manifest matches the listeners;
OAuth serves its install page from slack_sdk's own SQLite stores."""

from __future__ import annotations

import json
import subprocess
import sys

from cryptography.fernet import Fernet
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.socket_mode.request import SocketModeRequest

from coachbot.core.commands import SUBCOMMANDS
from coachbot.settings import Settings
from coachbot.slack.jobs import HANDLERS
from coachbot.slack.manifest import BOT_EVENTS, manifest
from coachbot.slack.server import build
from tests.slack_harness import SlackApp, eventually, text_of


def test_socket_mode_routes_a_slash_command(tmp_path, fake_slack):
    settings = Settings(
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_APP_TOKEN="xapp-test",
        COACHBOT_DB=str(tmp_path / "sm.db"),
        COACHBOT_SLACK_API_URL=fake_slack.url,
    )
    app, _ = build(settings)
    handler = SocketModeHandler(app, settings.slack_app_token)  # constructed, never connected
    sent = []
    handler.client.send_socket_mode_response = sent.append
    payload = {
        "team_id": "T1",
        "user_id": "U1",
        "channel_id": "C1",
        "command": "/coach",
        "text": "help",
        "response_url": fake_slack.response_url("sm"),
    }
    handler.handle(
        handler.client, SocketModeRequest(type="slash_commands", envelope_id="E1", payload=payload)
    )
    assert eventually(lambda: sent) and sent[0].envelope_id == "E1"
    [answer] = fake_slack.wait_for("response_url")
    assert "/coach start" in text_of(answer["blocks"])


def test_manifest_matches_what_the_app_listens_to(slack):
    found = manifest("https://coach.example.org")
    [command] = found["features"]["slash_commands"]
    assert command["command"] == "/coach"
    assert command["url"] == "https://coach.example.org/slack/events"
    assert found["settings"]["event_subscriptions"]["bot_events"] == BOT_EVENTS
    [shortcut] = found["features"]["shortcuts"]
    listened = {str(listener.matchers[0].func) for listener in slack.app._listeners}  # noqa: SLF001
    assert shortcut["callback_id"] == "review_with_coach"
    assert len(listened) >= 8
    for word in command["usage_hint"].replace("|", " ").split():
        if word.isalpha():
            assert word in SUBCOMMANDS


def test_manifest_command_prints_socket_mode_json():
    out = subprocess.run(
        [sys.executable, "-m", "coachbot", "manifest", "--socket-mode", "--lang", "sv"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    data = json.loads(out.stdout)
    assert data["settings"]["socket_mode_enabled"] is True
    assert "request_url" not in data["settings"]["event_subscriptions"]
    assert data["features"]["shortcuts"][0]["name"] == "Granska med coachen"
    assert len(data["display_information"]["long_description"]) >= 175


def test_oauth_install_page_and_state(tmp_path, fake_slack):
    app = SlackApp(
        tmp_path / "oauth.db",
        fake_slack,
        SLACK_CLIENT_ID="111.222",
        SLACK_CLIENT_SECRET="shh",
        COACHBOT_ENCRYPTION_KEY=Fernet.generate_key().decode(),
    )
    try:
        page = app.get("/slack/install")
        assert page.status == 200
        assert "https://slack.com/oauth/v2/authorize?state=" in page.body
        assert "client_id=111.222" in page.body
        used = app.store.db.execute("SELECT count(*) FROM oauth_states_used").fetchone()[0]
        assert used == 0  # the page costs no row: the state is signed, not stored
        bad = app.get("/slack/oauth_redirect?code=x&state=forged")
        assert bad.status == 400
    finally:
        app.close()


def test_a_worker_knows_every_job_the_web_process_hands_it():

    # A fresh interpreter that imports only the worker, as a spawned worker process does.
    probe = "from coachbot.slack import worker, jobs; print(' '.join(sorted(jobs.HANDLERS)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == sorted(HANDLERS)
    assert {"command", "dm", "click"} <= set(HANDLERS)
