"""The real `coachbot serve` (HTTP: web process plus worker) for the tests/test_serve_* layer.

It runs against the fake Web API (tests/slack_fake.py) and is driven with signed requests
in Slack's own payload shapes: `authorizations`, enterprise fields, each kind of
`container`, a `response_url`, threads. Nothing here runs the app in the test's process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from coachbot.store import Store
from tests.slack_fake import FakeSlack
from tests.slack_harness import SIGNING_SECRET, SlackSender, eventually, free_port, wait_for_port

BOT_USER = "UBOT"


class Served(SlackSender):
    """`coachbot serve` as a process: start, stop, read what it logged."""

    def __init__(self, db: Path, fake: FakeSlack, log: Path, **env: str):
        super().__init__(free_port(), fake)
        self.db, self.log, self.extra = db, log, env
        self.proc: subprocess.Popen | None = None
        self._store: Store | None = None

    def env(self) -> dict[str, str]:
        return serve_env(self.db, self.port, self.fake, COACHBOT_TICK_SECONDS="0.2", **self.extra)

    def start(self) -> Served:
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "coachbot", "serve"],
                env=self.env(),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for_port(self.port)
        return self

    def stop(self) -> int:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        return self.proc.returncode if self.proc else 0

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.db)
        return self._store

    def logged(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    # --- Slack's payload shapes -----------------------------------------------------------

    def block_action(
        self,
        action: dict[str, Any],
        container: dict[str, Any],
        user: str = "U1",
        team: str = "T1",
        **extra: Any,
    ) -> Any:
        """A `block_actions` payload as Slack sends it, with an `authorizations` list."""
        payload = {
            "type": "block_actions",
            "team": {"id": team, "domain": "test"},
            "user": {"id": user, "username": user.lower(), "team_id": team},
            "api_app_id": "A1",
            "token": "legacy",
            "is_enterprise_install": False,
            "enterprise": None,
            "trigger_id": f"trigger-{self._next()}",
            "container": container,
            "actions": [{**action, "action_ts": f"{time.time():.6f}"}],
            "authorizations": [authorization(team)],
            **extra,
        }
        return self.interaction(payload)

    def view_submission(
        self, view: dict[str, Any], values: dict[str, Any], user: str = "U1", team: str = "T1"
    ) -> Any:
        payload = {
            "type": "view_submission",
            "team": {"id": team, "domain": "test"},
            "user": {"id": user, "username": user.lower(), "team_id": team},
            "api_app_id": "A1",
            "token": "legacy",
            "trigger_id": f"trigger-{self._next()}",
            "is_enterprise_install": False,
            "enterprise": None,
            "view": {
                **view,
                "id": f"V{self._next()}",
                "team_id": team,
                "app_installed_team_id": view.get("app_installed_team_id", team),
                "state": {"values": values},
            },
            "response_urls": [],
            "authorizations": [authorization(view.get("app_installed_team_id", team))],
        }
        return self.interaction(payload)


def serve_env(db: Path, port: int, fake: FakeSlack, **extra: str) -> dict[str, str]:
    """The environment of a `coachbot serve` (or `run`) on `port`, talking to the fake."""
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "COACHBOT_DB": str(db),
        "COACHBOT_PORT": str(port),
        "COACHBOT_SLACK_API_URL": fake.url,
        **extra,
    }
    env.pop("SLACK_APP_TOKEN", None)
    return env


def serve_refused(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`coachbot serve` started with `env` and expected to refuse: its exit and its output."""
    return subprocess.run(
        [sys.executable, "-m", "coachbot", "serve"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def authorization(team: str) -> dict[str, Any]:
    return {
        "enterprise_id": None,
        "team_id": team,
        "user_id": BOT_USER,
        "is_bot": True,
        "is_enterprise_install": False,
    }


def wait_quiet(fake: FakeSlack, served: Served, quiet: float = 0.5) -> None:
    """Until the server has made no Web API call for `quiet` seconds (its work is done)."""
    fake.settle(quiet=quiet, timeout=30)


def until(check, timeout: float = 20.0):
    found = eventually(check, timeout=timeout)
    assert found, "the condition never held"
    return found


@pytest.fixture
def served(tmp_path, fake_slack):
    server = Served(tmp_path / "served.db", fake_slack, tmp_path / "serve.log")
    server.start()
    yield server
    server.stop()
