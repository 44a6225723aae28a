"""Nudges under load and after an outage: a batch longer than the claim lease is not
sent twice, one channel's paced backlog does not hold up other channels, and a
campaign missed for weeks gets only the nudge that still makes sense."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

from coachbot.campaigns.scheduler import Pacer, Scheduler
from coachbot.core.coach import Coach
from coachbot.shell import LOCAL_TEAM
from coachbot.store import Store
from tests.test_nudges import Outbox, _register


def _due_campaigns(store: Store, owners: list[str], per_owner: int) -> None:
    """Campaigns that ended a month ago, their evaluation due now, one owner each."""
    now = int(time.time()) - 5
    ended = datetime.now(UTC).date() - timedelta(days=40)
    start, end = str(ended), str(ended + timedelta(days=30))
    for owner in owners:
        for n in range(per_owner):
            cid = store.campaigns.add("T1", f"{owner} C{n}", start, end, "UTC", owner)
            store.campaigns.activate(
                "T1", cid, {"plan.kpis": ["Reach: 1"], "plan.owners": [f"@{owner}"]}
            )
            store.nudges.schedule("T1", cid, {"evaluation": now})


class Recorder:
    def __init__(self, pause: float = 0.0):
        self.sent: list[tuple[str, str, float]] = []
        self.lock = threading.Lock()
        self.pause = pause

    def __call__(self, team_id, message) -> None:
        time.sleep(self.pause)  # Slack's own time to answer
        with self.lock:
            self.sent.append((message.channel, message.text, time.monotonic()))


def test_a_batch_longer_than_the_lease_is_not_sent_twice(tmp_path):
    path = tmp_path / "n.db"
    owners = [f"U{n}" for n in range(4)]
    _due_campaigns(Store(path), owners, per_owner=40)
    sent = Recorder()

    def scheduler() -> Scheduler:
        # Its own connection, as a second `coachbot serve` on the same file would have.
        coach = Coach(Store(path), clock=lambda: datetime.now(UTC))
        return Scheduler(coach, sent, pacer=Pacer(gap=0.08), lease_seconds=1)

    first, second = scheduler(), scheduler()
    done = threading.Event()
    runner = threading.Thread(target=lambda: (first.tick(), done.set()))
    runner.start()
    while not sent.sent:  # the first sender has claimed the batch and begun
        time.sleep(0.01)
    while not done.is_set():  # the second sender ticks all along, lease after lease
        second.tick()
        time.sleep(0.1)
    runner.join()
    count = Counter((channel, text) for channel, text, _ in sent.sent)
    assert len(count) == len(owners) * 40  # each nudge went out ...
    assert max(count.values()) == 1  # ... once, though the batch took twice the lease


def test_one_channels_backlog_does_not_hold_up_the_others(tmp_path):
    path = tmp_path / "n.db"
    store = Store(path)
    _due_campaigns(store, ["UBUSY"], per_owner=20)
    quiet = [f"UQ{n:02d}" for n in range(20)]
    _due_campaigns(store, quiet, per_owner=1)
    sent = Recorder(pause=0.01)
    coach = Coach(store, clock=lambda: datetime.now(UTC))
    started = time.monotonic()
    result = Scheduler(coach, sent, pacer=Pacer(gap=0.1)).tick()
    assert result.sent == 40
    busy = sorted(at for channel, _, at in sent.sent if channel == "UBUSY")
    others = [at for channel, _, at in sent.sent if channel != "UBUSY"]
    assert busy[-1] - busy[0] >= 19 * 0.1 * 0.9  # the busy channel is still paced ...
    assert max(others) < busy[5]  # ... and the rest were not queued behind it
    assert max(others) - started < 1.0


def test_a_campaign_missed_for_weeks_gets_only_its_evaluation(shell, clock):
    campaign = _register(shell)  # 1-24 Dec: kickoff, halfway, evaluation, two reminders
    outbox = Outbox()
    clock.now = datetime(2027, 1, 20, 9, 0, tzinfo=UTC)  # down since before the start
    Scheduler(shell.coach, outbox, pacer=Pacer(gap=0)).tick()
    assert outbox.titles() == ["📊 Time to evaluate Julkampanj"]
    statuses = {
        n["kind"]: n["status"] for n in shell.coach.store.nudges.of(LOCAL_TEAM, campaign.id)
    }
    assert statuses == {
        "kickoff": "obsolete",
        "midway": "obsolete",
        "evaluation": "sent",
        "reminder1": "obsolete",
        "reminder2": "obsolete",
    }


def test_after_a_shorter_outage_the_latest_nudge_that_is_due_goes_alone(shell, clock):
    _register(shell)
    outbox = Outbox()
    clock.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    Scheduler(shell.coach, outbox, pacer=Pacer(gap=0)).tick()
    clock.now = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)  # halfway and evaluation missed
    Scheduler(shell.coach, outbox, pacer=Pacer(gap=0)).tick()
    assert outbox.titles() == ["🚀 Julkampanj starts today", "📊 Time to evaluate Julkampanj"]
