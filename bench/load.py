"""Load, two processes, one database (issue 6).

50 workspaces x 20 users send a realistic mix (help, status, review, interview answers in
DMs, button clicks, App Home opens) over loopback to TWO `coachbot serve` processes on
different ports sharing one SQLite file, for LOAD_SECONDS (default 60). Meanwhile 300
campaign evaluations fall due, so both schedulers race for the same nudges.

Prints requests/s, ack p50/p99/max, errors, peak RSS of the app processes, database size,
and checks afterwards: every confirmed interview answer saved exactly once (5 % of DM
events are delivered twice, as Slack retries), and no nudge sent twice.

Run: .venv/bin/python bench/load.py        (LOAD_SECONDS=10 for a quick look)
"""

from __future__ import annotations

import json
import os
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coachbot.core import engine  # noqa: E402
from coachbot.core.flow import load_flow  # noqa: E402
from coachbot.store import Store  # noqa: E402
from coachbot.strategy.models import Strategy  # noqa: E402
from tests.slack_fake import FakeSlack  # noqa: E402
from tests.slack_harness import SIGNING_SECRET, free_port, sign_bytes, wait_for_port  # noqa: E402
from tests.walkthrough import answer_for  # noqa: E402

TEAMS, USERS = 50, 20
SENDERS = int(os.environ.get("LOAD_SENDERS", "24"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
DUE_NUDGES = 300
MIX = [
    ("dm", 30),
    ("review", 20),
    ("help", 10),
    ("status", 10),
    ("home", 15),
    ("click", 10),
    ("start", 5),
]
REVIEW = "review instagram: Vilken stig i fjällen är din favorit? Berätta i kommentarerna! Boka på https://x.se/a"


class Load:
    def __init__(self, fake: FakeSlack, ports: list[int], db: Path):
        self.fake, self.ports, self.db = fake, ports, db
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors = Counter()
        self.kinds = Counter()
        self.event_n = 0
        self.flow = load_flow("interview")
        self.read = sqlite3.connect(
            f"file:{db}?mode=ro", uri=True, check_same_thread=False, timeout=10
        )
        self.read_lock = threading.Lock()

    def post(self, body: bytes, content_type: str, headers: dict | None = None) -> None:
        port = random.choice(self.ports)
        stamp = str(int(time.time()))
        all_headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": sign_bytes(stamp, body),
            **(headers or {}),
        }
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/slack/events", data=body, headers=all_headers
        )
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as err:
            status = err.code
        except Exception as exc:  # noqa: BLE001 - counted, reported
            status = type(exc).__name__
        elapsed = time.perf_counter() - start
        with self.lock:
            self.latencies.append(elapsed * 1000)
            if status != 200:
                self.errors[str(status)] += 1

    def command(self, team: str, user: str, text: str) -> None:
        form = {
            "team_id": team,
            "user_id": user,
            "channel_id": f"C{team}",
            "command": "/coach",
            "text": text,
            "response_url": self.fake.response_url(f"{team}-{user}"),
            "trigger_id": "t",
        }
        self.post(urlencode(form).encode(), "application/x-www-form-urlencoded")

    def event(self, team: str, event: dict, retry: bool = False) -> None:
        with self.lock:
            self.event_n += 1
            event_id = f"Ev{self.event_n}"
        body = json.dumps(
            {"type": "event_callback", "team_id": team, "event_id": event_id, "event": event}
        ).encode()
        self.post(body, "application/json")
        if retry:  # Slack re-sends when it thinks the first was lost
            self.post(
                body,
                "application/json",
                {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"},
            )

    def current_answer(self, team: str, user: str) -> str | None:
        with self.read_lock:
            row = self.read.execute(
                "SELECT state FROM sessions WHERE team_id=? AND user_id=? AND flow='interview'",
                [team, user],
            ).fetchone()
            data = self.read.execute(
                "SELECT data FROM strategies WHERE team_id=?", [team]
            ).fetchone()
        if not row:
            return None
        state = json.loads(row[0])
        if state.get("done"):
            return None
        values = Strategy.model_validate_json(data[0]).values() if data else {}
        step = engine.find_step(self.flow, state, values)
        return answer_for(step, "en") if step else None

    def act(self, team: str, user: str, kind: str) -> None:
        self.kinds[kind] += 1
        if kind == "help":
            self.command(team, user, "help")
        elif kind == "status":
            self.command(team, user, "status")
        elif kind == "review":
            self.command(team, user, REVIEW)
        elif kind == "start":
            self.command(team, user, "start")
        elif kind == "home":
            self.event(
                team,
                {"type": "app_home_opened", "user": user, "tab": "home", "channel": f"D{user}"},
            )
        elif kind == "click":
            payload = {
                "type": "block_actions",
                "team": {"id": team},
                "user": {"id": user, "team_id": team},
                "container": {
                    "type": "message",
                    "message_ts": f"{time.time():.6f}",
                    "channel_id": f"D{user}",
                },
                "channel": {"id": f"D{user}"},
                "message": {"ts": "1.1", "text": "q", "blocks": []},
                "actions": [
                    {
                        "action_id": "coach_nav:0",
                        "value": "pause",
                        "type": "button",
                        "action_ts": f"{time.time()}",
                    }
                ],
            }
            self.post(
                urlencode({"payload": json.dumps(payload)}).encode(),
                "application/x-www-form-urlencoded",
            )
        elif kind == "dm":
            answer = self.current_answer(team, user)
            if answer is None:
                self.command(team, user, "start")
                return
            channel = f"D{user}{team}"
            before = self.fake.posts_to[channel]
            event = {
                "type": "message",
                "channel_type": "im",
                "channel": channel,
                "user": user,
                "text": answer,
                "ts": f"{time.time():.6f}",
            }
            self.event(team, event, retry=random.random() < 0.05)
            deadline = time.monotonic() + 10  # a person reads the reply before typing again
            while time.monotonic() < deadline:
                if self.fake.posts_to[channel] > before:
                    break
                time.sleep(0.02)


def seed_due_nudges(db: Path) -> None:
    store = Store(db)
    now = int(time.time()) - 5
    for n in range(DUE_NUDGES):
        team = f"T{n % TEAMS:03d}"
        cid = store.campaigns.add(
            team, f"Campaign {n}", "2026-01-01", "2026-01-31", "UTC", f"U0{n:07d}"
        )
        store.campaigns.activate(
            team,
            cid,
            {
                "plan.goal_type": "reach",
                "plan.kpis": ["Reach: 1000"],
                "plan.owners": [f"@U0{n:07d}"],
            },
        )
        store.nudges.schedule(team, cid, {"evaluation": now})
    store.close()


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def main() -> int:
    workdir = Path(tempfile.mkdtemp())
    db = workdir / "load.db"
    seed_due_nudges(db)
    fake = FakeSlack()
    ports = [free_port(), free_port()]
    procs = []
    for port in ports:
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": "xoxb-load",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "COACHBOT_DB": str(db),
            "COACHBOT_PORT": str(port),
            "COACHBOT_SLACK_API_URL": fake.url,
            "COACHBOT_TICK_SECONDS": "1",
        }
        env.pop("SLACK_APP_TOKEN", None)
        procs.append(
            subprocess.Popen(
                [sys.executable, "-m", "coachbot", "serve"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
    for port in ports:
        wait_for_port(port)
    load = Load(fake, ports, db)
    users = [(f"T{t:03d}", f"U{t:03d}{u:02d}") for t in range(TEAMS) for u in range(USERS)]
    random.seed(7)
    random.shuffle(users)
    kinds = [k for k, w in MIX for _ in range(w)]
    stop_at = time.monotonic() + SECONDS

    def sender(mine):
        while time.monotonic() < stop_at:
            team, user = random.choice(mine)
            load.act(team, user, random.choice(kinds))

    threads = [threading.Thread(target=sender, args=(users[i::SENDERS],)) for i in range(SENDERS)]
    started = time.monotonic()
    for th in threads:
        th.start()
    peak = {p.pid: 0.0 for p in procs}
    while any(th.is_alive() for th in threads):
        for p in procs:
            peak[p.pid] = max(peak[p.pid], rss_mb(p.pid))
        time.sleep(0.5)
    elapsed = time.monotonic() - started
    fake.settle(quiet=1.0, timeout=60)
    for p in procs:
        peak[p.pid] = max(peak[p.pid], rss_mb(p.pid))
        p.terminate()
        p.wait(timeout=30)

    lat = sorted(load.latencies)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        f"two coachbot serve processes on ports {ports[0]} and {ports[1]}, one database; {TEAMS} teams x {USERS} users; {SENDERS} concurrent senders; {elapsed:.0f} s"
    )
    print(f"requests: {len(lat):,} ({len(lat) / elapsed:.0f}/s); mix {dict(load.kinds)}")
    print(
        f"ack ms: p50 {statistics.median(lat):.1f}, p99 {lat[int(len(lat) * 0.99) - 1]:.1f}, max {lat[-1]:.1f}; over 3 s: {sum(1 for x in lat if x > 3000)}"
    )
    print(f"errors: {dict(load.errors) or 'none'}")
    print(
        f"peak RSS of the app processes (web process, MB): {', '.join(f'{v:.0f}' for v in peak.values())}"
    )
    size = sum(f.stat().st_size for f in workdir.glob("load.db*"))
    print(f"database size (with WAL): {size / 1e6:.1f} MB")

    # Every confirmed answer saved exactly once: confirmations per team == strategy saves.
    confirmations = Counter()
    for call in fake.of("chat.postMessage"):
        text = call.get("text") or ""
        channel = call.get("channel") or ""
        if text.startswith("✓ Noted") and channel.startswith("D"):
            confirmations[channel[-4:]] += 1  # channels are D<user><team>
    store = Store(db)
    saves = {t: store.strategies.get(t).version for t in {u[0] for u in users}}
    mismatched = {
        t: (confirmations.get(t, 0), v) for t, v in saves.items() if confirmations.get(t, 0) != v
    }
    print(
        f"interview answers confirmed: {sum(confirmations.values()):,}; strategy saves: {sum(saves.values()):,}; "
        f"teams where they differ: {len(mismatched)} {mismatched if mismatched else ''}"
    )
    nudges = [
        c
        for c in fake.of("chat.postMessage")
        if str(c.get("text", "")).startswith("📊 Time to evaluate")
    ]
    per_owner = Counter(c["channel"] for c in nudges)
    twice = [o for o, n in per_owner.items() if n > 1]
    sent = store.db.execute("SELECT count(*) FROM nudges WHERE status = 'sent'").fetchone()[0]
    print(
        f"nudges due: {DUE_NUDGES}; delivered: {len(nudges)}; marked sent: {sent}; sent twice: {len(twice)}"
    )
    replies = Counter(
        (c.get("text") or "")[:40]
        for c in fake.of("chat.postMessage")
        if str(c.get("channel", "")).startswith("D")
    )
    print("most common DM replies:", replies.most_common(6))
    fake.close()
    ok = (
        not mismatched
        and not twice
        and len(nudges) == DUE_NUDGES
        and lat[-1] < 3000
        and not load.errors
    )
    print(f"checks: {'passed' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
