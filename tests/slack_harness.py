"""The real coachbot Slack app over HTTP, fed signed requests exactly as Slack sends them."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier
from waitress import create_server

from coachbot.settings import Settings
from coachbot.slack.server import build, make_wsgi
from tests.slack_fake import FakeSlack

SIGNING_SECRET = "test-signing-secret"


def sign_bytes(stamp: str, body: bytes) -> str:
    """Slack's v0 signature over the raw bytes (slack_sdk's helper wants text)."""
    base = b"v0:" + stamp.encode() + b":" + body
    return "v0=" + hmac.new(SIGNING_SECRET.encode(), base, hashlib.sha256).hexdigest()


@dataclass
class Reply:
    status: int
    body: str
    seconds: float


class SlackSender:
    """Sends what Slack sends (signed) to an app listening on a loopback port."""

    def __init__(self, port: int, fake: FakeSlack):
        self.port = port
        self.fake = fake
        self.signer = SignatureVerifier(SIGNING_SECRET)
        self._n = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # --- raw HTTP ----------------------------------------------------------------------

    def post(
        self,
        body: bytes,
        content_type: str,
        headers: dict[str, str] | None = None,
        sign: bool = True,
        timestamp: str | None = None,
        path: str = "/slack/events",
    ) -> Reply:
        stamp = timestamp or str(int(time.time()))
        all_headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": stamp}
        if sign:
            all_headers["X-Slack-Signature"] = sign_bytes(stamp, body)
        all_headers.update(headers or {})
        request = urllib.request.Request(
            self.url + path, data=body, headers=all_headers, method="POST"
        )
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return Reply(response.status, response.read().decode(), time.perf_counter() - start)
        except urllib.error.HTTPError as err:
            return Reply(err.code, err.read().decode(), time.perf_counter() - start)

    def get(self, path: str) -> Reply:
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return Reply(response.status, response.read().decode(), time.perf_counter() - start)
        except urllib.error.HTTPError as err:
            return Reply(err.code, err.read().decode(), time.perf_counter() - start)

    # --- what Slack sends --------------------------------------------------------------

    def command(
        self, text: str, user: str = "U1", channel: str = "C1", team: str = "T1", **kw
    ) -> Reply:
        form = {
            "token": "legacy",
            "team_id": team,
            "team_domain": "test",
            "channel_id": channel,
            "channel_name": "general",
            "user_id": user,
            "user_name": user.lower(),
            "command": "/coach",
            "text": text,
            "api_app_id": "A1",
            "response_url": self.fake.response_url(f"{user}-{self._next()}"),
            "trigger_id": f"trigger-{self._n}",
        }
        return self.post(urlencode(form).encode(), "application/x-www-form-urlencoded", **kw)

    def event(
        self,
        event: dict[str, Any],
        team: str = "T1",
        event_id: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        body = {
            "token": "legacy",
            "team_id": team,
            "api_app_id": "A1",
            "type": "event_callback",
            "event_id": event_id or f"Ev{self._next()}",
            "event_time": int(time.time()),
            "event": event,
        }
        return self.post(json.dumps(body).encode(), "application/json", headers=headers)

    def dm(self, text: str, user: str = "U1", team: str = "T1", **kw) -> Reply:
        event = {
            "type": "message",
            "channel_type": "im",
            "channel": f"D{user}",
            "user": user,
            "text": text,
            "ts": f"1700000001.{self._next():06d}",
        }
        return self.event(event, team=team, **kw)

    def interaction(self, payload: dict[str, Any]) -> Reply:
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return self.post(body, "application/x-www-form-urlencoded")

    def click(
        self,
        message: dict[str, Any],
        action: dict[str, Any],
        user: str = "U1",
        team: str = "T1",
        channel: str | None = None,
        state: dict | None = None,
    ) -> Reply:
        payload = {
            "type": "block_actions",
            "team": {"id": team},
            "user": {"id": user, "team_id": team},
            "api_app_id": "A1",
            "trigger_id": f"trigger-{self._next()}",
            "container": {
                "type": "message",
                "message_ts": message.get("ts", "1.1"),
                "channel_id": channel or f"D{user}",
            },
            "channel": {"id": channel or f"D{user}"},
            "message": message,
            "actions": [{**action, "action_ts": f"{time.time():.6f}"}],
            "response_url": self.fake.response_url("click"),
        }
        if state is not None:
            payload["state"] = {"values": state}
        return self.interaction(payload)

    def _next(self) -> int:
        self._n += 1
        return self._n


class SlackApp(SlackSender):
    """The real app in this process, served by waitress on a loopback port."""

    def __init__(self, db_path, fake: FakeSlack, **settings: Any):
        self.settings = Settings(
            SLACK_BOT_TOKEN="xoxb-test",
            SLACK_SIGNING_SECRET=SIGNING_SECRET,
            COACHBOT_DB=str(db_path),
            COACHBOT_SLACK_API_URL=fake.url,
            **settings,
        )
        self.app, self.store = build(self.settings)
        self.server = create_server(
            make_wsgi(self.app, self.store, SIGNING_SECRET), host="127.0.0.1", port=0, threads=8
        )
        super().__init__(self.server.effective_port, fake)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()

    def close(self) -> None:
        """Stop serving from inside the server's own loop: closing its sockets from this
        thread while the loop selects on them fails the loop with a bad file descriptor."""
        try:
            self.server.trigger.pull_trigger(self._stop_in_loop)
        except OSError:
            # The loop has ended and closed its trigger already: nothing left to stop in it.
            for channel in list(self.server._map.values()):
                channel.close()
        else:
            self.thread.join(timeout=10)
        self.server.task_dispatcher.shutdown(timeout=5)

    def _stop_in_loop(self) -> None:
        for channel in list(self.server._map.values()):
            channel.close()


def buttons_in(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        e
        for b in blocks
        if b.get("type") == "actions"
        for e in b["elements"]
        if e["type"] == "button"
    ]


def text_of(blocks: list[dict[str, Any]]) -> str:
    parts = []
    for b in blocks:
        if "text" in b and isinstance(b["text"], dict):
            parts.append(b["text"].get("text", ""))
        for e in b.get("elements", []):
            if isinstance(e, dict) and e.get("type") == "mrkdwn":
                parts.append(e.get("text", ""))
    return "\n".join(parts)


def eventually(check, timeout: float = 10.0, interval: float = 0.02):
    """Wait for work done after the ack (listeners run after Slack got its answer)."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(interval)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 30.0) -> None:
    """Until something listens on 127.0.0.1:port (a server process starting up)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port}")


def home_menu_payload(section: str, user: str = "U1", team: str = "T1") -> dict[str, Any]:
    """Choosing a section in App Home's "Edit a section…" menu."""
    return {
        "type": "block_actions",
        "team": {"id": team},
        "user": {"id": user, "team_id": team},
        "api_app_id": "A1",
        "trigger_id": "trig-1",
        "container": {"type": "view", "view_id": "V1"},
        "view": {"id": "V1", "type": "home"},
        "actions": [
            {
                "action_id": "home_edit_section",
                "type": "static_select",
                "selected_option": {"value": section},
                "action_ts": f"{time.time()}",
            }
        ],
    }
