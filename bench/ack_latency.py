"""Acknowledgement latency of `/coach help` and `/coach review` under 20 concurrent senders,
beside a bare Bolt app answering the same command in the same run (issue 4).

Targets: p99 under 100 ms, and within 1.5x the bare app. Run: .venv/bin/python bench/ack_latency.py
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from slack_bolt import App  # noqa: E402
from slack_sdk import WebClient  # noqa: E402
from slack_sdk.signature import SignatureVerifier  # noqa: E402
from waitress import create_server  # noqa: E402

from tests.slack_fake import FakeSlack  # noqa: E402
from tests.slack_harness import SIGNING_SECRET, free_port, wait_for_port  # noqa: E402

SENDERS = 20
PER_SENDER = 40
REVIEW = "review instagram: Vilken stig i fjällen är din favorit? Berätta i kommentarerna! " * 4


def serve_bare(port: int, api_url: str) -> None:
    """The baseline: a bare Bolt app that only acks /coach, served the same way."""
    app = App(
        signing_secret=SIGNING_SECRET,
        client=WebClient(token="xoxb-test", base_url=api_url),
        token_verification_enabled=False,
    )

    @app.command("/coach")
    def coach(ack) -> None:
        ack()

    from slack_bolt.adapter.wsgi import SlackRequestHandler

    create_server(SlackRequestHandler(app), host="127.0.0.1", port=port, threads=8).run()


def start(command: list[str], env: dict[str, str], port: int) -> subprocess.Popen:
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port)
    except TimeoutError:
        proc.kill()
        raise
    return proc


def send(port: int, text: str, signer: SignatureVerifier, fake: FakeSlack) -> float:
    body = urlencode(
        {
            "team_id": "T1",
            "user_id": "U1",
            "channel_id": "C1",
            "command": "/coach",
            "text": text,
            "response_url": fake.response_url("bench"),
        }
    ).encode()
    stamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": signer.generate_signature(timestamp=stamp, body=body),
    }
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/slack/events", data=body, headers=headers
    )
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()
        assert response.status == 200
    return (time.perf_counter() - start) * 1000


def run(port: int, text: str, signer: SignatureVerifier, fake: FakeSlack) -> list[float]:
    with ThreadPoolExecutor(SENDERS) as pool:
        jobs = [pool.submit(send, port, text, signer, fake) for _ in range(SENDERS * PER_SENDER)]
        return sorted(j.result() for j in jobs)


def figures(times: list[float]) -> tuple[float, float]:
    return statistics.median(times), times[int(len(times) * 0.99) - 1]


def write_cost() -> tuple[float, float]:
    """The durable write alone (ms per job, p50): one request at a time, and 20 at once
    through the group-committing writer the ack path uses."""
    from coachbot.slack.jobs import JobWriter
    from coachbot.store import Store
    from coachbot.store.repos import NewJob

    store = Store(Path(tempfile.mkdtemp()) / "jobs.db")
    writer = JobWriter(store)

    def one(n: int) -> float:
        start = time.perf_counter()
        writer.add(NewJob("T1", f"T1:U{n}", "command", {"body": {"text": REVIEW}}))
        return (time.perf_counter() - start) * 1000

    alone = statistics.median(one(n) for n in range(200))
    with ThreadPoolExecutor(SENDERS) as pool:
        together = statistics.median(pool.map(one, range(2000)))
    return alone, together


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--bare":
        serve_bare(int(sys.argv[2]), sys.argv[3])
        return 0
    fake = FakeSlack()
    signer = SignatureVerifier(SIGNING_SECRET)
    # Both apps in their own processes, as in production; senders and fake Slack here.
    coach_port, bare_port = free_port(), free_port()
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "COACHBOT_DB": str(Path(tempfile.mkdtemp()) / "bench.db"),
        "COACHBOT_PORT": str(coach_port),
        "COACHBOT_SLACK_API_URL": fake.url,
    }
    env.pop("SLACK_APP_TOKEN", None)
    coach = start([sys.executable, "-m", "coachbot", "serve"], env, coach_port)
    bare = start([sys.executable, __file__, "--bare", str(bare_port), fake.url], env, bare_port)
    print(
        f"machine: {platform.machine()}, Python {platform.python_version()}; "
        f"{SENDERS} concurrent senders x {PER_SENDER} requests per command, loopback"
    )
    print("coachbot serve and a bare Bolt app each in their own process (waitress, 8 threads)")
    print(f"{'command':10} {'app':8} {'p50 ms':>8} {'p99 ms':>8}")
    ok = True
    for label, text in (("help", "help"), ("review", REVIEW)):
        run(coach_port, text, signer, fake)  # warm up
        coach_times = run(coach_port, text, signer, fake)
        bare_times = run(bare_port, text, signer, fake)
        c50, c99 = figures(coach_times)
        b50, b99 = figures(bare_times)
        print(f"{label:10} {'coachbot':8} {c50:8.2f} {c99:8.2f}")
        print(
            f"{label:10} {'bare':8} {b50:8.2f} {b99:8.2f}   ratio p99 {c99 / b99:.2f}, p50 {c50 / b50:.2f}"
        )
        ok = ok and c99 < 100 and c99 <= 1.5 * b99
    alone, together = write_cost()
    print(
        f"the durable job write (insert + commit, synchronous=FULL): p50 {alone:.2f} ms alone, "
        f"{together:.2f} ms with {SENDERS} requests at once"
    )
    fake.settle(quiet=0.5, timeout=60)
    answered = len(fake.of("response_url"))
    print(f"answers delivered after the acks: {answered}")
    print(f"targets (p99 < 100 ms, within 1.5x bare): {'met' if ok else 'NOT met'}")
    coach.terminate()
    bare.terminate()
    fake.close()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
