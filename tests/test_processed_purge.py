"""Delivery keys are kept as long as Slack may send the same thing again, then forgotten:
the table of handled events does not grow for ever."""

from __future__ import annotations

from datetime import timedelta

import time_machine

from coachbot.campaigns.scheduler import Pacer, Scheduler
from tests.conftest import NOW


def _scheduler(coach, at):
    return Scheduler(coach, lambda team, message: None, clock=lambda: at, pacer=Pacer(gap=0))


def test_the_scheduler_tick_forgets_keys_past_the_retry_window(coach):
    processed = coach.store.processed
    with time_machine.travel(NOW, tick=False):
        assert processed.first_time("event:Ev1", "T1")
        assert processed.first_time("click:T1:D1:1700000000.1", "T1")
    later = NOW + timedelta(minutes=30)
    _scheduler(coach, later).tick()
    assert not processed.first_time("event:Ev1", "T1")  # a retry within the window: a repeat

    with time_machine.travel(NOW + timedelta(hours=3), tick=False):
        _scheduler(coach, NOW + timedelta(hours=3)).tick()
        # Slack no longer re-sends this event: its key is gone; a clicked message is kept.
        rows = coach.store.db.execute("SELECT key FROM processed").fetchall()
    assert [row[0] for row in rows] == ["click:T1:D1:1700000000.1"]
    _scheduler(coach, NOW + timedelta(days=8)).tick()
    assert coach.store.db.execute("SELECT count(*) FROM processed").fetchone()[0] == 0
