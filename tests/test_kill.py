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

from coachbot.campaigns.scheduler import SENDERS
from coachbot.store import Store
from tests.serve_harness import serve_env
from tests.slack_harness import (
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
        env = serve_env(self.db, self.port, self.fake, **self.extra)
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
        COACHBOT_JOB_LEASE_SECONDS="2",
    )
    yield s
    if s.proc and s.proc.poll() is None:
        s.kill()


def test_kill_mid_interview_keeps_every_acknowledged_answer(server, fake_slack):
    client = server.start()
    client.command("start", channel="DU1")
    fake_slack.wait_for("chat.postMessage")
    client.dm(PURPOSE)
    fake_slack.wait_for("chat.postMessage", count=2)  # confirmed
    assert client.dm(WHY).status == 200
    server.kill()  # right after Slack got its ack: the answer is stored, maybe not yet saved
    store = Store(server.db)
    strategy = store.strategies.get("T1")  # still readable: nothing half-written
    assert strategy.value("purpose.statement") == PURPOSE
    assert strategy.value("purpose.why_interact") in (None, WHY)
    client = server.start()
    assert eventually(lambda: store.strategies.get("T1").value("purpose.why_interact") == WHY)
    fake_slack.settle(quiet=0.5, timeout=10)  # its reply, if the worker got that far
    before = len(fake_slack.of("chat.postMessage"))
    client.command("start", channel="DU1")
    resumed = text_of(fake_slack.wait_for("chat.postMessage", count=before + 1)[-1]["blocks"])
    assert "What role should social media play" in resumed or "Current answer" in resumed


def test_answers_acknowledged_just_before_a_kill_are_each_saved_once(server, fake_slack):
    users = [f"U0P{n:03d}" for n in range(30)]
    client = server.start()
    answers = _maturity_started(client, fake_slack, users)
    # The worker's first reply hangs in Slack: the answers after it are acknowledged and
    # wait, however fast the machine, so the kill always finds acknowledged work left.
    fake_slack.settle()
    fake_slack.hang_next("chat.postMessage", seconds=20)
    for user, (text, _) in answers.items():
        assert client.dm(text, user=user).status == 200
    fake_slack.wait_for("chat.postMessage", count=len(users) + 1, timeout=30)
    server.kill()  # the whole process group, while the worker is still at it
    store = Store(server.db)
    left = store.jobs.waiting()
    server.start()
    assert eventually(lambda: store.jobs.waiting() == 0, timeout=30)
    for user, (_, ticked) in answers.items():
        # Saved, and once: not taken again as the answer to the next checklist.
        assert _ticked(store, user) == (ticked, None)
    assert left > 0, "the kill came after all the work: it proved nothing"
    print(f"left by the kill: {left} of {len(users)} acknowledged answers")


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
    assert eventually(lambda: len(fake_slack.of("chat.postMessage")) >= 10, timeout=60)
    server.kill()
    # A post sent just before the kill may be recorded by the fake a moment after it.
    fake_slack.settle(quiet=0.3)
    sending = store.db.execute("SELECT count(*) FROM nudges WHERE status = 'sending'").fetchone()[0]
    delivered_before = Counter(c["channel"] for c in fake_slack.of("chat.postMessage"))
    server.start()
    assert eventually(
        lambda: (
            store.db.execute("SELECT count(*) FROM nudges WHERE status != 'sent'").fetchone()[0]
            == 0
        ),
        timeout=60,
    )
    delivered = Counter(c["channel"] for c in fake_slack.of("chat.postMessage"))
    assert len(delivered) == 60  # every owner got their nudge
    twice = [owner for owner, n in delivered.items() if n > 1]
    assert len(twice) <= sending  # only nudges claimed and not yet marked when it died,
    assert len(twice) <= SENDERS  # and of those only a message in flight in a sender
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


PHASE1 = ["interest_audience", "resources", "user_value", "asks_questions", "adapted_formats"]


def _maturity_started(client, fake_slack, users: list[str]) -> dict[str, tuple[str, set[str]]]:
    """Each person starts the maturity check (a session of their own); what each will tick."""
    for user in users:
        client.command("maturity", user=user, channel="C1")
    fake_slack.wait_for("chat.postMessage", count=len(users), timeout=30)
    picks = {user: sorted({n % 5 + 1, (n // 5) % 5 + 1}) for n, user in enumerate(users)}
    return {user: (", ".join(map(str, p)), {PHASE1[i - 1] for i in p}) for user, p in picks.items()}


def _ticked(store, user: str) -> tuple[set[str] | None, object]:
    state = store.sessions.get("T1", user, "maturity") or {}
    values = state.get("values", {})
    phase1 = values.get("checklist.phase1")
    return (set(phase1) if phase1 is not None else None), values.get("checklist.phase2")


def test_sigterm_stops_fast_and_the_next_start_does_the_rest(server, fake_slack):
    users = [f"U0P{n:03d}" for n in range(40)]
    client = server.start()
    answers = _maturity_started(client, fake_slack, users)
    for user, (text, _) in answers.items():
        assert client.dm(text, user=user).status == 200
    asked = time.monotonic()
    server.proc.send_signal(signal.SIGTERM)
    assert server.proc.wait(timeout=10) == 0
    stopped_in = time.monotonic() - asked
    store = Store(server.db)
    left = store.jobs.waiting()
    server.start()
    assert eventually(lambda: store.jobs.waiting() == 0, timeout=30)
    for user, (_, ticked) in answers.items():
        assert _ticked(store, user) == (ticked, None)
    assert stopped_in < 3  # it did not wait for the backlog
    print(
        f"SIGTERM: stopped in {stopped_in:.2f} s, {left} of {len(users)} jobs left for the next start"
    )


def _children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as fh:
        return [int(p) for p in fh.read().split()]


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ")[-1].startswith("Z")  # a zombie has exited
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="reads /proc")
def test_a_worker_exits_when_its_web_process_is_killed(server, fake_slack):
    server.start()
    workers = _children(server.proc.pid)
    assert workers
    os.kill(server.proc.pid, signal.SIGKILL)  # the web process alone
    server.proc.wait(timeout=10)
    assert eventually(lambda: all(_gone(pid) for pid in workers), timeout=10)
