"""Tokens encrypted at rest, OAuth refusing to start without a key, nothing secret in
logs, and `coachbot forget` leaving no row of a team behind."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from slack_sdk.oauth.installation_store import Installation

from coachbot.settings import Settings
from coachbot.slack.client import installation_store_for
from coachbot.slack.tokens import MissingEncryptionKey
from coachbot.store import Store
from coachbot.store.repos import team_tables
from tests.serve_harness import serve_refused
from tests.slack_harness import SlackApp

# Not moved by the shifted-clock runs: tokens and logs; expiry is counted from the clock itself.
pytestmark = pytest.mark.clock_free

KEY = Fernet.generate_key().decode()
TOKEN = "xoxb-1111-2222-very-secret"


def _oauth_settings(db_path, key=KEY) -> Settings:
    return Settings(
        SLACK_CLIENT_ID="111.222",
        SLACK_CLIENT_SECRET="client-secret",
        SLACK_SIGNING_SECRET="signing",
        COACHBOT_DB=str(db_path),
        COACHBOT_ENCRYPTION_KEY=key,
    )


def _install(store, team="T9"):
    store.save(
        Installation(
            app_id="A1", team_id=team, bot_token=TOKEN, bot_id="B1", bot_user_id="UB", user_id="U1"
        )
    )


def test_bot_tokens_are_encrypted_in_the_database_and_readable_with_the_key(db_path):
    Store(db_path).close()
    installations = installation_store_for(_oauth_settings(db_path))
    _install(installations)
    raw = db_path.read_bytes() + (
        db_path.with_name(db_path.name + "-wal").read_bytes()
        if db_path.with_name(db_path.name + "-wal").exists()
        else b""
    )
    assert TOKEN.encode() not in raw
    assert installations.find_bot(enterprise_id=None, team_id="T9").bot_token == TOKEN
    other_key = installation_store_for(_oauth_settings(db_path, Fernet.generate_key().decode()))
    assert other_key.find_bot(enterprise_id=None, team_id="T9").bot_token is None


def test_oauth_mode_needs_a_key(db_path):
    with pytest.raises(MissingEncryptionKey):
        installation_store_for(_oauth_settings(db_path, key=None))
    env = {
        **os.environ,
        "SLACK_CLIENT_ID": "1.2",
        "SLACK_CLIENT_SECRET": "s",
        "SLACK_SIGNING_SECRET": "x",
        "COACHBOT_DB": str(db_path),
    }
    env.pop("COACHBOT_ENCRYPTION_KEY", None)
    out = serve_refused(env)
    assert out.returncode == 2
    assert "COACHBOT_ENCRYPTION_KEY is required" in out.stderr


def test_forget_removes_every_row_of_a_team_and_its_tokens(tmp_path, fake_slack):
    for n, team in enumerate(("T9", "T8")):  # a bot token is one workspace's: a run each
        fake_slack.team_id = team
        app = SlackApp(tmp_path / "f.db", fake_slack)
        try:
            app.command("start", team=team, channel="DU1")
            app.command("review A post about bread", team=team)
            app.command("campaign Spring 1/3 31/3", team=team)
            fake_slack.wait_for("response_url", count=2 * (n + 1))
            fake_slack.settle()
        finally:
            app.close()
    settings = _oauth_settings(tmp_path / "f.db")
    _install(installation_store_for(settings), "T9")
    env = {
        **os.environ,
        "COACHBOT_DB": str(tmp_path / "f.db"),
        "SLACK_CLIENT_ID": "111.222",
        "SLACK_CLIENT_SECRET": "client-secret",
        "COACHBOT_ENCRYPTION_KEY": KEY,
    }
    out = subprocess.run(
        [sys.executable, "-m", "coachbot", "forget", "--team", "T9"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0 and out.stdout.startswith("forgot team T9:")
    db = Store(tmp_path / "f.db").db
    for table in db.table_names():
        columns = db[table].columns_dict
        if "team_id" in columns:
            assert (
                db.execute(f"SELECT count(*) FROM [{table}] WHERE team_id = 'T9'").fetchone()[0]
                == 0
            ), table
    assert db.execute("SELECT count(*) FROM reviews WHERE team_id = 'T8'").fetchone()[0] == 1
    assert set(team_tables(db)) >= {
        "strategies",
        "sessions",
        "reviews",
        "campaigns",
        "nudges",
        "users",
    }


def test_no_token_or_secret_appears_in_any_log_line(slack, fake_slack, caplog):
    with caplog.at_level(logging.DEBUG):
        slack.command("start", channel="DU1")
        fake_slack.wait_for("chat.postMessage")
        slack.dm("We are a small shop and we want people to feel welcome here.")
        fake_slack.wait_for("chat.postMessage", count=2)
        fake_slack.fail_next("chat.postMessage", 500, times=3)  # an error path logs too
        slack.dm("Because you get honest advice every single day")
        fake_slack.wait_for("chat.postMessage", count=5, timeout=20)
        fake_slack.settle()
    text = "\n".join(r.getMessage() for r in caplog.records) + repr(slack.settings)
    assert caplog.records
    assert "xoxb-test" not in text and "test-signing-secret" not in text


def test_scheduled_nudges_rotate_an_expiring_token_themselves(tmp_path, fake_slack):
    import time as clock

    from slack_sdk.oauth.installation_store import Bot

    from coachbot.core.messages import Message
    from coachbot.slack.nudges import NudgeSender

    settings = Settings(
        SLACK_CLIENT_ID="111.222",
        SLACK_CLIENT_SECRET="client-secret",
        COACHBOT_DB=str(tmp_path / "rot.db"),
        COACHBOT_ENCRYPTION_KEY=KEY,
        COACHBOT_SLACK_API_URL=fake_slack.url,
    )
    Store(settings.db_path).close()
    installations = installation_store_for(settings)
    installations.save_bot(
        Bot(
            app_id="A1",
            team_id="T9",
            bot_token="xoxe.xoxb-old",
            bot_refresh_token="xoxe-1-old",
            bot_token_expires_at=int(clock.time()) + 60,
            bot_id="B1",
            bot_user_id="UB",
            bot_scopes=["chat:write"],
            installed_at=clock.time(),
        )
    )
    sender = NudgeSender(settings)
    sender("T9", Message(text="🔔 nudge", blocks=[], channel="U0OWNER01"))
    [refresh] = fake_slack.of("oauth.v2.access")
    assert refresh["refresh_token"] == "xoxe-1-old"
    post = next(c for c in fake_slack.calls if c["method"] == "chat.postMessage")
    assert post["auth"].startswith("Bearer xoxe.xoxb-rotated-")
    stored = installations.find_bot(enterprise_id=None, team_id="T9")
    assert stored.bot_token.startswith(
        "xoxe.xoxb-rotated-"
    ) and stored.bot_refresh_token.startswith("xoxe-1-rotated-")
    sender("T9", Message(text="🔔 again", blocks=[], channel="U0OWNER01"))
    assert len(fake_slack.of("oauth.v2.access")) == 1  # fresh now: no second rotation


def test_forget_without_oauth_variables_deletes_the_installation_and_its_tokens(tmp_path):
    settings = _oauth_settings(tmp_path / "g.db")
    Store(settings.db_path).close()
    _install(installation_store_for(settings), "T9")
    _install(installation_store_for(settings), "T8")
    env = {**os.environ, "COACHBOT_DB": str(settings.db_path)}
    for name in ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "COACHBOT_ENCRYPTION_KEY"):
        env.pop(name, None)
    out = subprocess.run(
        [sys.executable, "-m", "coachbot", "forget", "--team", "T9"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    db = Store(settings.db_path).db
    for table in ("slack_bots", "slack_installations"):
        teams = {r[0] for r in db.execute(f"SELECT team_id FROM {table}").fetchall()}
        assert "T9" not in teams and "T8" in teams, table
    assert db.execute("PRAGMA secure_delete").fetchone()[0] == 1
    wal = settings.db_path.with_name(settings.db_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0 or b"T9" not in wal.read_bytes()


def test_serve_refuses_to_start_with_a_key_that_cannot_read_the_stored_tokens(tmp_path):
    from cryptography.fernet import Fernet

    settings = _oauth_settings(tmp_path / "k.db")
    Store(settings.db_path).close()
    _install(installation_store_for(settings), "T9")
    env = {
        **os.environ,
        "SLACK_CLIENT_ID": "111.222",
        "SLACK_CLIENT_SECRET": "client-secret",
        "SLACK_SIGNING_SECRET": "x",
        "COACHBOT_DB": str(settings.db_path),
        "COACHBOT_ENCRYPTION_KEY": Fernet.generate_key().decode(),
    }
    out = serve_refused(env)
    assert out.returncode == 2
    [line] = out.stderr.strip().splitlines()
    assert "cannot be decrypted with COACHBOT_ENCRYPTION_KEY" in line
