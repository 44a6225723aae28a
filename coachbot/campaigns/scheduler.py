"""The nudge scheduler: poll the due-table, claim due rows, send, mark sent.

Delivery is at-least-once with a narrow window: a nudge is marked sent right after Slack
accepted it. If the process dies between Slack's acceptance and that commit, the row is
still 'sending'; after the lease (5 minutes) it is claimed again and sent a second time.
That window (milliseconds, only on a crash) is one way a nudge is sent twice; the other
is a request to Slack that timed out although Slack had processed it (the client retries
timeouts, and a failed send is retried later).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from coachbot.core.messages import Message

log = logging.getLogger("coachbot.scheduler")

PER_CHANNEL_SECONDS = 1.0  # Slack: about one message per second per channel
MAX_ATTEMPTS = 5
BATCH = 200
# Slack re-sends an event for about an hour at most; after that its id is never seen again.
EVENT_KEYS_KEPT = timedelta(hours=2)
# A clicked message's buttons are replaced by the answer; a week covers a failed replace.
CLICK_KEYS_KEPT = timedelta(days=7)

Send = Callable[[str, Message], None]


@dataclass
class TickResult:
    claimed: int = 0
    sent: int = 0
    failed: int = 0
    messages: int = 0
    seconds: float = 0.0


@dataclass
class Pacer:
    """Keeps at least `gap` seconds between two messages to the same channel."""

    gap: float = PER_CHANNEL_SECONDS
    sleep: Callable[[float], None] = time.sleep
    last: dict[str, float] = field(default_factory=dict)

    def wait(self, channel: str | None) -> None:
        if not channel:
            return
        since = time.monotonic() - self.last.get(channel, -1e9)
        if since < self.gap:
            self.sleep(self.gap - since)
        self.last[channel] = time.monotonic()


class Scheduler:
    def __init__(
        self,
        coach,
        send: Send,
        clock: Callable[[], datetime] | None = None,
        pacer: Pacer | None = None,
        lease_seconds: int = 300,
    ):
        self.lease_seconds = lease_seconds  # how long a claim by a sender that died is honoured
        self.coach = coach
        self.store = coach.store
        self.send = send
        self.clock = clock or coach.clock
        self.pacer = pacer or Pacer()

    def tick(self) -> TickResult:
        """Send every nudge that is due now; returns what happened."""
        started = time.perf_counter()
        now = self.clock()
        result = TickResult()
        while True:
            rows = self.store.nudges.claim_due(
                int(now.timestamp()), limit=BATCH, lease=self.lease_seconds
            )
            result.claimed += len(rows)
            for row in rows:
                try:
                    messages = self.coach.campaigns.nudge_messages(row, now)
                    for message in messages:
                        self.pacer.wait(message.channel)
                        self.send(row["team_id"], message)
                        result.messages += 1
                except Exception as exc:
                    result.failed += 1
                    backoff = 60 * 2 ** min(row["attempts"], 6)
                    give_up = row["attempts"] >= MAX_ATTEMPTS
                    log.warning(
                        "nudge %s for team %s failed (%s); %s",
                        row["id"],
                        row["team_id"],
                        exc,
                        "giving up" if give_up else f"retry in {backoff}s",
                    )
                    self.store.nudges.retry_later(
                        row["id"], int(now.timestamp()) + backoff, give_up
                    )
                    continue
                self.store.nudges.mark_sent(row["id"], int(now.timestamp()))
                self.coach.campaigns.after_nudge_sent(row, now)
                result.sent += 1
            if len(rows) < BATCH:
                break
        self.forget_handled(now)
        result.seconds = time.perf_counter() - started
        return result

    def forget_handled(self, now: datetime) -> None:
        """Delivery keys past the window in which Slack could send them again, and used
        install states past their expiry (a replay of those fails on the expiry)."""
        self.store.processed.forget_before(now - EVENT_KEYS_KEPT, prefix="event:")
        self.store.processed.forget_before(now - CLICK_KEYS_KEPT, prefix="click:")
        self.store.oauth_states.forget_expired(int(now.timestamp()))

    def run(self, stop: threading.Event, tick_seconds: float) -> None:
        """Tick until `stop` is set; waits on a monotonic clock, compares against wall-clock UTC."""
        while not stop.is_set():
            try:
                result = self.tick()
                if result.claimed:
                    log.info("nudges: %s sent, %s failed", result.sent, result.failed)
            except Exception:
                log.exception("scheduler tick failed")
            stop.wait(tick_seconds)
