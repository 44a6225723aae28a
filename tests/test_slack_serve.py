"""`coachbot serve` as a real process: acks in the web process, work in its worker."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from tests.serve_harness import serve_env
from tests.slack_harness import SlackSender, free_port, text_of, wait_for_port


@pytest.fixture
def served(tmp_path, fake_slack):
    port = free_port()
    env = serve_env(tmp_path / "served.db", port, fake_slack)
    proc = subprocess.Popen(
        [sys.executable, "-m", "coachbot", "run"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    wait_for_port(port)
    yield SlackSender(port, fake_slack), proc
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)


def test_run_with_credentials_serves_slack_and_says_so(served, fake_slack):
    client, proc = served
    assert client.get("/healthz").status == 200
    assert client.command("help").status == 200
    [answer] = fake_slack.wait_for("response_url")
    assert "/coach start" in text_of(answer["blocks"])
    proc.send_signal(signal.SIGTERM)
    out, _ = proc.communicate(timeout=20)
    assert (
        out.splitlines()[0] == "coachbot: Slack credentials found, starting the Slack app (serve)"
    )
    assert proc.returncode == 0


def test_dm_answers_go_through_the_worker(served, fake_slack):
    client, _ = served
    client.command("start", channel="DU1")
    fake_slack.wait_for("chat.postMessage")
    client.dm("We are a ferry café and we give travellers a warm break by the quay.")
    posts = fake_slack.wait_for("chat.postMessage", count=2)
    assert "✓ Noted: We are a ferry café" in text_of(posts[-1]["blocks"])
