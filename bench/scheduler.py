"""The nudge scheduler at scale (issue 5): 100,000 campaigns across 1,000 teams, 1,000
nudges due at once. Prints the due-query time (target < 50 ms) and the time to deliver
them to a fake Slack Web API on loopback, paced per channel as Slack asks.

Then one team's 200 nudges queued to one channel, due with all the others: the others
must not wait behind it (target: all of them out before the busy channel is a tenth of
the way through). The per-channel gap is scaled to 0.1 s there so the run takes 20 s,
not 200; how long the others wait does not depend on the gap.

Run: .venv/bin/python bench/scheduler.py
"""

from __future__ import annotations

import json
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coachbot.campaigns.scheduler import Pacer, Scheduler  # noqa: E402
from coachbot.core.coach import Coach  # noqa: E402
from coachbot.settings import Settings  # noqa: E402
from coachbot.slack.nudges import NudgeSender  # noqa: E402
from coachbot.store import Store  # noqa: E402
from coachbot.store.repos import write_transaction  # noqa: E402
from tests.slack_fake import FakeSlack  # noqa: E402

TEAMS = 1_000
CAMPAIGNS = 100_000
DUE = 1_000
BUSY = 200  # nudges of one team queued to one channel
BUSY_OWNER = "U0BUSY"
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
KINDS = ("kickoff", "midway", "evaluation", "reminder1", "reminder2")


def fill(store: Store) -> None:
    plan_due = json.dumps({"plan.goal_type": "reach", "plan.kpis": ["Reach: 40000"]})
    now = int(NOW.timestamp())
    campaigns, nudges = [], []
    for n in range(1, CAMPAIGNS + 1):
        team = f"T{n % TEAMS:04d}"
        owner = f"U0{n:08d}"
        plan = json.loads(plan_due)
        plan["plan.owners"] = [f"@{owner}"]
        campaigns.append(
            (
                n,
                team,
                f"Campaign {n}",
                "2027-01-01",
                "2027-02-26",
                "Europe/Stockholm",
                owner,
                "2026-12-01",
                "active",
                json.dumps(plan),
            )
        )
        for k, kind in enumerate(KINDS):
            # DUE campaigns have their evaluation due now; the rest lie ahead.
            due = (
                now - 5
                if (n <= DUE and kind == "evaluation")
                else now + 86_400 * (1 + (n + k) % 200)
            )
            status = "sent" if (n <= DUE and kind in ("kickoff", "midway")) else "pending"
            nudges.append((team, n, kind, due, due, status))
    for n in range(CAMPAIGNS + 1, CAMPAIGNS + BUSY + 1):
        plan = {
            "plan.goal_type": "reach",
            "plan.kpis": ["Reach: 1"],
            "plan.owners": [f"@{BUSY_OWNER}"],
        }
        campaigns.append(
            (
                n,
                "T0000",
                f"Busy {n}",
                "2027-01-01",
                "2027-02-26",
                "Europe/Stockholm",
                BUSY_OWNER,
                "2026-12-01",
                "active",
                json.dumps(plan),
            )
        )
        nudges.append(("T0000", n, "evaluation", now + 86_400 * 400, now + 86_400 * 400, "pending"))
    with write_transaction(store.db) as db:
        db.conn.executemany(
            "INSERT INTO campaigns (id, team_id, name, start_date, end_date, tz, created_by, created_at, status, plan) VALUES (?,?,?,?,?,?,?,?,?,?)",
            campaigns,
        )
        db.conn.executemany(
            "INSERT INTO nudges (team_id, campaign_id, kind, due_at, meant_for, status) VALUES (?,?,?,?,?,?)",
            nudges,
        )


def main() -> int:
    path = Path(tempfile.mkdtemp()) / "scheduler.db"
    store = Store(path)
    started = time.perf_counter()
    fill(store)
    rows = store.db.execute("SELECT count(*) FROM nudges").fetchone()[0]
    print(f"machine: {platform.machine()}, Python {platform.python_version()}")
    print(
        f"filled {CAMPAIGNS:,} campaigns, {rows:,} nudges, {TEAMS:,} teams in {time.perf_counter() - started:.1f} s"
    )

    # The due-query alone, as a tick runs it (then put back, to measure delivery next).
    query_start = time.perf_counter()
    claimed = store.nudges.claim_due(int(NOW.timestamp()), limit=DUE)
    query_ms = (time.perf_counter() - query_start) * 1000
    store.db.execute("UPDATE nudges SET status = 'pending', attempts = 0 WHERE status = 'sending'")
    store.db.conn.commit()
    plan = store.db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM nudges WHERE status = 'pending' AND due_at <= ? ORDER BY due_at LIMIT 200",
        [int(NOW.timestamp())],
    ).fetchall()
    print(f"due-query: claimed {len(claimed):,} due nudges in {query_ms:.1f} ms (target < 50 ms)")
    print(f"  plan: {' / '.join(str(p[-1]) for p in plan)}")

    fake = FakeSlack()
    settings = Settings(
        SLACK_BOT_TOKEN="xoxb-bench", COACHBOT_DB=str(path), COACHBOT_SLACK_API_URL=fake.url
    )
    scheduler = Scheduler(Coach(store, clock=lambda: NOW), NudgeSender(settings))
    result = scheduler.tick()
    posted = len(fake.of("chat.postMessage"))
    print(
        f"delivery: {result.sent:,} nudges, {posted:,} messages to {len({p['channel'] for p in fake.of('chat.postMessage')}):,} "
        f"channels in {result.seconds:.2f} s ({posted / result.seconds:.0f} messages/s), failed {result.failed}"
    )
    again = scheduler.tick()
    print(f"second tick at the same time: {again.sent} sent (each nudge once)")

    # All over again, with one channel's backlog due among them.
    store.db.execute(
        "UPDATE nudges SET status = 'pending', attempts = 0 WHERE status = 'sent' AND kind = 'evaluation'"
    )
    store.db.execute(
        f"UPDATE nudges SET due_at = {int(NOW.timestamp()) - 5} WHERE campaign_id > {CAMPAIGNS}"
    )
    store.db.conn.commit()
    sender = NudgeSender(settings)
    times: dict[str, list[float]] = {}

    def timed(team_id, message) -> None:
        sender(team_id, message)
        times.setdefault(message.channel, []).append(time.perf_counter())

    started = time.perf_counter()
    mixed = Scheduler(Coach(store, clock=lambda: NOW), timed, pacer=Pacer(gap=0.1)).tick()
    busy = [t - started for t in times.pop(BUSY_OWNER, [])]
    others = [t - started for ts in times.values() for t in ts]
    others_done = max(others)
    print(
        f"with {BUSY} queued to one channel: {len(others):,} other messages all out after "
        f"{others_done:.2f} s (without it: {result.seconds:.2f} s); the busy channel's {len(busy)} took {busy[-1]:.2f} s "
        f"(its 20th at {busy[19]:.2f} s); sent {mixed.sent:,}"
    )
    fake.close()
    ok = (
        query_ms < 50
        and result.sent == DUE
        and again.sent == 0
        and len(busy) == BUSY
        and others_done < busy[BUSY // 10 - 1]
    )
    print(f"targets: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
