"""The nudge scheduler: poll the due-table, claim due rows, send, mark sent.

Delivery is tracked per recipient and per message part (`nudge_deliveries`): each part
that Slack accepted is recorded at once, so a retry sends only what had not gone out
(the owner does not get the same DM again because the share channel failed). A
recipient that refuses for good (`Undeliverable`: the coach is not in the channel, the
channel is archived or gone, the account deactivated) is not tried again for that
nudge, and the owners are told once what to do. Other failures (rate limits, 5xx,
timeouts) retry that recipient only, later.

While a tick runs, a side thread renews its claims every quarter lease, so a send that
stalls past the lease is not taken over and repeated by another sender. What can still
go out twice: a part Slack accepted just before the process died, before its row was
written; or a request that timed out although Slack had processed it.
"""

from __future__ import annotations

import logging
import math
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from coachbot.core import messages as ui
from coachbot.core.messages import Message
from coachbot.i18n import texts as _texts

log = logging.getLogger("coachbot.scheduler")

PER_CHANNEL_SECONDS = 1.0  # Slack: about one message per second per channel
MAX_ATTEMPTS = 5
BATCH = 200
SENDERS = 8  # channels worked through side by side
# Slack re-sends an event for about an hour at most; after that its id is never seen again.
EVENT_KEYS_KEPT = timedelta(hours=2)
# A clicked message's buttons are replaced by the answer; a week covers a failed replace.
CLICK_KEYS_KEPT = timedelta(days=7)

# Sends one message, raising on failure. A sender may also offer `parts(message) -> int`
# and `send_part(team_id, message, part)` (Slack splits long messages): then each part is
# tracked on its own.
Send = Callable[[str, Message], None]
# The notice an owner gets when a share channel refuses: text keys per Slack error.
REFUSAL_NOTICES = ("not_in_channel", "channel_not_found", "is_archived", "account_inactive")


class Undeliverable(Exception):
    """This recipient refused the message for good; retrying would not help."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


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
    """One claimed row and what it says; sent when every recipient has it or refused it."""

    row: dict[str, Any]
    messages: list[Message]
    known: Any = None  # store.deliveries.Delivered: what earlier attempts delivered
    left: int = 0  # parts not yet delivered (nor refused)
    pending: dict[str, int] = field(default_factory=dict)  # recipient -> parts left
    failing: set[str] = field(default_factory=set)  # recipients that failed this tick
    error: Exception | None = None
    lost: bool = False  # another sender took it over (this one's claim had run out)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def owners(self) -> list[str]:
        """The people this nudge goes to by DM (told when a share channel refuses)."""
        return [m.channel for m in self.messages if m.channel and not _is_channel(m.channel)]


def _is_channel(conversation: str) -> bool:
    return conversation[:1] in ("C", "G")


Work = tuple[_Nudge, Message, str, int]  # nudge, message, recipient key, part


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
        up only itself. Each delivered part renews the tick's claims in the transaction
        that records it, and a side thread renews them while the tick runs; before each
        send the claim is checked, so a batch (or one send) that outlives the lease is
        not sent a second time by another sender.
        """
        started = time.perf_counter()
        now = self.clock()
        result = TickResult()
        token = uuid.uuid4().hex
        ticking = threading.Event()
        keeper = threading.Thread(
            target=self._keep_claims, args=(token, ticking), name="nudge-claims", daemon=True
        )
        keeper.start()
        try:
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
                    nudges.append(_Nudge(row, messages, self.store.deliveries.of(row["id"])))
                self._send_all(nudges, token, now, result)
                for nudge in nudges:
                    if nudge.error is not None and not nudge.lost:
                        self._failed(nudge.row, nudge.error, now, result)
                if len(rows) < BATCH:
                    break
        finally:
            ticking.set()
            keeper.join()
        self.forget_handled(now)
        result.seconds = time.perf_counter() - started
        return result

    def _keep_claims(self, token: str, done: threading.Event) -> None:
        """Renew this tick's claims every quarter lease until the tick is over."""
        every = max(self.lease_seconds / 4, 0.05)
        try:
            while not done.wait(every):
                try:
                    # Rounded up: a claim renewed a moment ago must not look a second old.
                    self.store.nudges.renew(0, token, math.ceil(self.clock().timestamp()))
                except Exception:
                    log.exception("renewing nudge claims failed")
        finally:
            self.store.close()  # this thread's own connection

    def _sent(self, nudge: _Nudge, now: datetime, result: TickResult) -> None:
        """Marked sent as soon as its last part went out, not when the tick ends."""
        self.store.nudges.mark_sent(nudge.row["id"], int(now.timestamp()))
        self.coach.campaigns.after_nudge_sent(nudge.row, now)
        result.sent += 1

    def _parts(self, message: Message) -> int:
        parts = getattr(self.send, "parts", None)
        return parts(message) if parts is not None else 1

    def _send_part(self, team_id: str, message: Message, part: int) -> None:
        send_part = getattr(self.send, "send_part", None)
        if send_part is not None:
            send_part(team_id, message, part)
        else:
            self.send(team_id, message)

    def _plan(self, nudge: _Nudge) -> list[Work]:
        """The parts of this nudge still to send: all but what earlier attempts delivered,
        and the notice to each owner about a share channel that refused earlier."""
        work: list[Work] = []
        for message in nudge.messages:
            recipient = message.channel or ""
            for part in range(self._parts(message)):
                if not nudge.known.done(recipient, part):
                    work.append((nudge, message, recipient, part))
        for channel, reason in nudge.known.refused.items():
            if _is_channel(channel):
                work += self._notices(nudge, channel, reason)
        for _, _, recipient, _ in work:
            nudge.pending[recipient] = nudge.pending.get(recipient, 0) + 1
        nudge.left = len(work)
        return work

    def _notices(self, nudge: _Nudge, channel: str, reason: str) -> list[Work]:
        """The owners not yet told that `channel` refused this nudge, and what to do."""
        campaign = self.store.campaigns.get(nudge.row["team_id"], nudge.row["campaign_id"])
        name = ui.escape(campaign.name) if campaign else ""
        key = reason if reason in REFUSAL_NOTICES else "not_in_channel"
        work: list[Work] = []
        for owner in nudge.owners():
            recipient = f"notice:{channel}:{owner}"
            if nudge.known.done(recipient, 0):
                continue
            t = _texts(self.coach.language_of(nudge.row["team_id"], owner))
            text = t(f"share_refused.{key}", name=name, channel=channel)
            notice = Message(
                text=text,
                blocks=ui.section(text),
                target="dm",
                channel=owner,
            )
            work.append((nudge, notice, recipient, 0))
        return work

    def _send_all(
        self, nudges: list[_Nudge], token: str, now: datetime, result: TickResult
    ) -> None:
        by_channel: dict[str | None, list[Work]] = defaultdict(list)
        for nudge in nudges:
            work = self._plan(nudge)
            if not work:
                self._sent(nudge, now, result)
            for item in work:
                by_channel[item[1].channel].append(item)
        counted = threading.Lock()
        main = threading.current_thread()

        def done(nudge: _Nudge, recipient: str, parts: int) -> None:
            with counted:
                nudge.left -= parts
                nudge.pending[recipient] -= parts
                if nudge.left == 0 and nudge.error is None and not nudge.lost:
                    self._sent(nudge, now, result)

        def work_through(queue: list[Work]) -> None:
            store = self.store
            for nudge, message, recipient, part in queue:
                team_id, nudge_id = nudge.row["team_id"], nudge.row["id"]
                with nudge.lock:
                    if nudge.lost or recipient in nudge.failing or nudge.pending[recipient] == 0:
                        continue  # lost, or an earlier part of this recipient failed or refused
                self.pacer.wait(message.channel)
                with nudge.lock:
                    # A read: the claim is renewed with each delivery and by `_keep_claims`.
                    if not store.deliveries.holds(nudge_id, token):
                        nudge.lost = True  # its claim ran out and another sender has it
                        continue
                try:
                    self._send_part(team_id, message, part)
                except Undeliverable as exc:
                    log.warning(
                        "nudge %s for team %s: %s refused it (%s), not retried",
                        nudge_id,
                        team_id,
                        recipient,
                        exc.reason,
                    )
                    at = int(self.clock().timestamp())
                    store.deliveries.refused(nudge_id, team_id, recipient, exc.reason, at)
                    notices = []
                    with nudge.lock:
                        nudge.known.refused[recipient] = exc.reason
                        if _is_channel(recipient):
                            notices = self._notices(nudge, recipient, exc.reason)
                            for _, _, key, _ in notices:
                                nudge.pending[key] = nudge.pending.get(key, 0) + 1
                            with counted:
                                nudge.left += len(notices)
                    with counted:
                        after.extend(notices)  # once every nudge's own copies went out
                    done(nudge, recipient, nudge.pending[recipient])
                    continue
                except Exception as exc:
                    with nudge.lock:
                        nudge.error = exc
                        nudge.failing.add(recipient)
                    continue
                at = math.ceil(self.clock().timestamp())
                store.deliveries.delivered(nudge_id, team_id, recipient, part, at, by=token)
                with counted:
                    result.messages += 1
                done(nudge, recipient, 1)
            if threading.current_thread() is not main:
                store.close()  # this sender thread's own connection

        after: list[Work] = []  # notices of refusals, sent after the nudges themselves
        while by_channel:
            if len(by_channel) == 1:
                for queue in by_channel.values():
                    work_through(queue)
            else:
                with ThreadPoolExecutor(self.senders, thread_name_prefix="nudge-send") as pool:
                    list(pool.map(work_through, by_channel.values()))
            by_channel = defaultdict(list)
            for item in after:
                by_channel[item[1].channel].append(item)
            after = []

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
