"""Requests nobody signed cost little: a body over the limit is refused before it is
read, an unsigned one before it is parsed, and no body ever reaches the log."""

from __future__ import annotations

import http.client
import signal
import subprocess
import sys
from urllib.parse import urlencode

import pytest

from coachbot.slack.server import MAX_BODY_BYTES
from tests.serve_harness import serve_env
from tests.slack_harness import SlackSender, free_port, text_of, wait_for_port

# Not moved by the shifted-clock runs: body sizes and signatures, not dates.
pytestmark = pytest.mark.clock_free

SECRET_TEXT = "our-unreleased-autumn-menu"
HOOK = "https://hooks.slack.com/commands/T1/123/secret-hook"


@pytest.fixture
def served(tmp_path, fake_slack):
    port = free_port()
    log = tmp_path / "serve.log"
    env = serve_env(tmp_path / "served.db", port, fake_slack)
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "coachbot", "serve"], env=env, stdout=out, stderr=out
        )
    wait_for_port(port)
    yield SlackSender(port, fake_slack), proc, log
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)


def _form(text: str, url: str = HOOK) -> bytes:
    return urlencode(
        {"team_id": "T1", "user_id": "U1", "command": "/coach", "text": text, "response_url": url}
    ).encode()


def _post_status(client, body: bytes) -> int:
    """The status of a POST the server may refuse (and close) while we still send it."""
    import urllib.error

    try:
        return client.post(body, "application/x-www-form-urlencoded").status
    except (urllib.error.URLError, BrokenPipeError, ConnectionResetError):
        return 413  # refused before it was read, as it should be


def _chunked(port: int, size: int) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    chunk = b"x" * 65536
    try:
        conn.request(
            "POST",
            "/slack/events",
            body=(chunk for _ in range(size // len(chunk))),
            headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
            encode_chunked=True,
        )
        return conn.getresponse().status
    except (BrokenPipeError, ConnectionResetError):
        return 413  # refused while we were still sending, as it should be
    finally:
        conn.close()


def test_the_limit_holds_in_the_wsgi_layer_too(tmp_path, fake_slack):
    # The in-process app (no waitress limit in front of it) refuses by Content-Length.
    from tests.slack_harness import SlackApp

    app = SlackApp(tmp_path / "t.db", fake_slack)
    try:
        huge = _form("x" * (MAX_BODY_BYTES + 1))
        assert _post_status(app, huge) == 413
        assert app.command("help").status == 200
    finally:
        app.close()


def test_bodies_over_the_limit_and_unsigned_ones_are_refused_and_never_logged(served, fake_slack):
    client, proc, log = served
    huge = _form(SECRET_TEXT + " " + "x" * (MAX_BODY_BYTES + 1))
    assert _post_status(client, huge) == 413
    assert _chunked(client.port, 4 * MAX_BODY_BYTES) == 413
    unsigned = _form(f"review {SECRET_TEXT}")
    assert client.post(unsigned, "application/x-www-form-urlencoded", sign=False).status == 401
    forged = {"X-Slack-Signature": "v0=" + "0" * 64}
    reply = client.post(unsigned, "application/x-www-form-urlencoded", headers=forged)
    assert reply.status == 401
    # A signed request of a generous size still goes through.
    large = _form("help " + "y" * (MAX_BODY_BYTES // 2), url=fake_slack.response_url("big"))
    assert client.post(large, "application/x-www-form-urlencoded").status == 200
    assert "/coach" in text_of(fake_slack.wait_for("response_url")[0]["blocks"])
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=20)
    written = log.read_text()
    assert "unsigned request refused" in written  # the refusals are logged ...
    assert SECRET_TEXT not in written  # ... without what was in them
    assert "secret-hook" not in written and "hooks.slack.com" not in written
    assert "x" * 100 not in written and "y" * 100 not in written
