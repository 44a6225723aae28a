"""SIGKILL in the middle of things: nothing confirmed is lost, nothing half-written, and
a nudge is sent twice only in the documented window (claimed, sent, not yet marked)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from coachbot.store import Store
from tests.slack_harness import (
    SIGNING_SECRET,
    SlackSender,
    eventually,
    free_port,
    home_menu_payload,
    text_of,
    wait_for_port,
)

PURPOSE = "We are a ferry café and we give travellers a warm break by the quay."
WHY = "Because you get local food and tips for the islands while you wait"


class Server:
    """`coachbot serve` as a process that can be killed hard and started again."""

    def __init__(self, db, fake, **env):
        self.db, self.fake, self.extra = db, fake, env
        self.port = free_port()
        self.proc = None

    def start(self) -> SlackSender:
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "COACHBOT_DB": str(self.db),
            "COACHBOT_PORT": str(self.port),
            "COACHBOT_SLACK_API_URL": self.fake.url,
            **self.extra,
        }
        env.pop("SLACK_APP_TOKEN", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "coachbot", "serve"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for_port(self.port)
        return SlackSender(self.port, self.fake)

    def kill(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)  # the web process and its worker, no goodbye
        self.proc.wait(timeout=10)


@pytest.fixture
def server(tmp_path, fake_slack):
    s = Server(
        tmp_path / "kill.db",
        fake_slack,
        COACHBOT_TICK_SECONDS="0.2",
        COACHBOT_NUDGE_LEASE_SECONDS="2",
    )
    yield s
    if s.proc and s.proc.poll() is None:
        s.kill()


def test_kill_mid_interview_keeps_every_confirmed_answer(server, fake_slack):
    client = server.start()
    client.command("start", channel="DU1")
    fake_slack.wait_for("chat.postMessage")
    client.dm(PURPOSE)
    fake_slack.wait_for("chat.postMessage", count=2)  # confirmed
    client.dm(WHY)
    server.kill()  # right after Slack got its ack: the answer may or may not be saved
    store = Store(server.db)
    strategy = store.strategies.get("T1")  # still readable: nothing half-written
    assert strategy.value("purpose.statement") == PURPOSE
    assert strategy.value("purpose.why_interact") in (None, WHY)
    client = server.start()
    client.command("start", channel="DU1")
    resumed = text_of(fake_slack.wait_for("chat.postMessage", count=3)[-1]["blocks"])
    if strategy.value("purpose.why_interact") is None:
        assert "Why would anyone want to follow" in resumed
    else:
        assert "What role should social media play" in resumed or "Current answer" in resumed


def test_kill_mid_nudge_batch_sends_each_nudge_and_repeats_only_the_window(server, fake_slack):
    store = Store(server.db)
    now = int(time.time()) - 5
    month_ago = datetime.now(UTC).date() - timedelta(days=40)
    start, end = str(month_ago), str(month_ago + timedelta(days=30))  # ended: evaluation due
    for n in range(60):
        cid = store.campaigns.add("T1", f"C{n}", start, end, "UTC", f"U0OWNER{n:03d}")
        store.campaigns.activate(
            "T1", cid, {"plan.kpis": ["Reach: 1"], "plan.owners": [f"@U0OWNER{n:03d}"]}
        )
        store.nudges.schedule("T1", cid, {"evaluation": now})
    fake_slack.users = {}
    server.start()
    eventually(lambda: len(fake_slack.of("chat.postMessage")) >= 10, timeout=20)
    server.kill()
    sending = store.db.execute("SELECT count(*) FROM nudges WHERE status = 'sending'").fetchone()[0]
    delivered_before = Counter(c["channel"] for c in fake_slack.of("chat.postMessage"))
    server.start()
    assert eventually(
        lambda: (
            store.db.execute("SELECT count(*) FROM nudges WHERE status != 'sent'").fetchone()[0]
            == 0
        ),
        timeout=30,
    )
    delivered = Counter(c["channel"] for c in fake_slack.of("chat.postMessage"))
    assert len(delivered) == 60  # every owner got their nudge
    twice = [owner for owner, n in delivered.items() if n > 1]
    assert len(twice) <= sending  # only nudges claimed and not yet marked when it died
    assert all(delivered_before[o] == 1 for o in twice)


def test_kill_mid_section_edit_saves_all_of_it_or_none(server, fake_slack):
    import json

    client = server.start()
    client.interaction(home_menu_payload("purpose"))
    view = fake_slack.wait_for("views.open")[0]["view"]
    values = {
        "purpose.statement": {"value": {"type": "plain_text_input", "value": PURPOSE}},
        "purpose.why_interact": {"value": {"type": "plain_text_input", "value": WHY}},
        "purpose.ambition": {
            "value": {"type": "static_select", "selected_option": {"value": "lead"}}
        },
    }
    payload = {
        "type": "view_submission",
        "team": {"id": "T1"},
        "user": {"id": "U1", "team_id": "T1"},
        "view": {**view, "id": "V2", "state": {"values": values}},
    }
    reply = client.interaction(payload)
    server.kill()
    strategy = Store(server.db).strategies.get("T1")
    saved = [
        strategy.value(slot)
        for slot in ("purpose.statement", "purpose.why_interact", "purpose.ambition")
    ]
    assert saved in ([PURPOSE, WHY, "lead"], [None, None, None])
    if reply.status == 200 and not json.loads(reply.body or "{}").get("errors"):
        assert saved == [
            PURPOSE,
            WHY,
            "lead",
        ]  # acknowledged means saved: it is done before the ack
