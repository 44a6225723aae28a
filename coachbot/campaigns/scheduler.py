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
import uuid
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from coachbot.core.messages import Message

log = logging.getLogger("coachbot.scheduler")

PER_CHANNEL_SECONDS = 1.0  # Slack: about one message per second per channel
MAX_ATTEMPTS = 5
BATCH = 200
SENDERS = 8  # channels worked through side by side
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


@dataclass
class _Nudge:
    """One claimed row and what it says; sent when every message of it went out."""

    row: dict[str, Any]
    messages: list[Message]
    left: int = 0
    error: Exception | None = None
    lost: bool = False  # another sender took it over (this one's claim had run out)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Scheduler:
    def __init__(
        self,
        coach,
        send: Send,
        clock: Callable[[], datetime] | None = None,
        pacer: Pacer | None = None,
        lease_seconds: int = 300,
        senders: int = SENDERS,
    ):
        self.lease_seconds = lease_seconds  # how long a claim by a sender that died is honoured
        self.coach = coach
        self.store = coach.store
        self.send = send
        self.clock = clock or coach.clock
        self.pacer = pacer or Pacer()
        self.senders = senders

    def tick(self) -> TickResult:
        """Send every nudge that is due now; returns what happened.

        Messages are queued per channel and the channels are worked through side by side
        (`senders` at a time), each paced on its own: a channel with a long backlog holds
        up only itself. Each message renews its nudge's claim just before it is sent, so
        a batch that outlives the lease is not sent a second time by another sender.
        """
        started = time.perf_counter()
        now = self.clock()
        result = TickResult()
        token = uuid.uuid4().hex
        while True:
            rows = self.store.nudges.claim_due(
                int(now.timestamp()), limit=BATCH, lease=self.lease_seconds, by=token
            )
            result.claimed += len(rows)
            nudges = []
            for row in rows:
                try:
                    messages = self.coach.campaigns.nudge_messages(row, now)
                except Exception as exc:
                    self._failed(row, exc, now, result)
                    continue
                nudges.append(_Nudge(row, messages, left=len(messages)))
            for nudge in nudges:
                if not nudge.messages:
                    self._sent(nudge, now, result)
            self._send_all(nudges, token, now, result)
            for nudge in nudges:
                if nudge.error is not None and not nudge.lost:
                    self._failed(nudge.row, nudge.error, now, result)
            if len(rows) < BATCH:
                break
        self.forget_handled(now)
        result.seconds = time.perf_counter() - started
        return result

    def _sent(self, nudge: _Nudge, now: datetime, result: TickResult) -> None:
        """Marked sent as soon as its last message went out, not when the tick ends."""
        self.store.nudges.mark_sent(nudge.row["id"], int(now.timestamp()))
        self.coach.campaigns.after_nudge_sent(nudge.row, now)
        result.sent += 1

    def _send_all(
        self, nudges: list[_Nudge], token: str, now: datetime, result: TickResult
    ) -> None:
        by_channel: dict[str | None, list[tuple[_Nudge, Message]]] = defaultdict(list)
        for nudge in nudges:
            for message in nudge.messages:
                by_channel[message.channel].append((nudge, message))
        counted = threading.Lock()

        def work_through(queue: list[tuple[_Nudge, Message]]) -> None:
            store = self.store
            for nudge, message in queue:
                self.pacer.wait(message.channel)
                with nudge.lock:
                    if nudge.error is not None or nudge.lost:
                        continue
                    at = int(self.clock().timestamp())
                    if not store.nudges.renew(nudge.row["id"], token, at):
                        nudge.lost = True  # its claim ran out and another sender has it
                        continue
                try:
                    self.send(nudge.row["team_id"], message)
                except Exception as exc:
                    nudge.error = exc
                    continue
                with counted:
                    result.messages += 1
                    nudge.left -= 1
                    if nudge.left == 0:
                        self._sent(nudge, now, result)
            if threading.current_thread() is not main:
                store.close()  # this sender thread's own connection

        main = threading.current_thread()

        if len(by_channel) <= 1:
            for queue in by_channel.values():
                work_through(queue)
            return
        with ThreadPoolExecutor(self.senders, thread_name_prefix="nudge-send") as pool:
            list(pool.map(work_through, by_channel.values()))

    def _failed(self, row: dict[str, Any], exc: Exception, now: datetime, result) -> None:
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
        self.store.nudges.retry_later(row["id"], int(now.timestamp()) + backoff, give_up)

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
