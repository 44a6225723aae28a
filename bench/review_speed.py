"""Review speed and memory: p50/p99 per post length, reviews per second, peak RSS.

Targets (issue 3): p50 under 2 ms for a 500-character post with a strategy loaded,
peak RSS under 150 MB. Run: .venv/bin/python bench/review_speed.py
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coachbot.review import review_post  # noqa: E402

SENTENCES = [
    "Vilken är din familjs favoritstig nära Umeå? ",
    "I helgen testade vi Nydalasjön runt med två barn och en termos. ",
    "Fem kilometer, platt och med grillplats halvvägs. ",
    "Berätta om er stig i kommentarerna, så samlar vi tipsen i en karta! ",
    "Boka en guidad tur på https://friluft.se/turer?utm_source=instagram&utm_medium=social&utm_campaign=host ",
    "Varje helg är en expedition, även när den bara går till skogen bakom förskolan. ",
]
RUNS = 400


def post_of(length: int) -> str:
    text = ""
    i = 0
    while len(text) < length:
        text += SENTENCES[i % len(SENTENCES)]
        i += 1
    return text[:length]


def _load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def main() -> int:
    with (ROOT / "tests" / "corpus" / "strategies.toml").open("rb") as fh:
        strategy = tomllib.load(fh)["sv_outdoor"]
    review_post(post_of(300), channel="instagram", strategy=strategy)  # warm caches
    print(
        f"machine: {platform.machine()}, Python {platform.python_version()}, {RUNS} runs per size"
    )
    print(f"load average at start: {_load()}")
    # Wall-clock p50 is the target; CPU time per review says how much of it was waiting for
    # a core on a shared machine.
    print(f"{'chars':>6} {'p50 ms':>8} {'p99 ms':>8} {'cpu p50':>8} {'reviews/s':>10}")
    p50_at_500 = cpu_at_500 = None
    for length in (100, 500, 1000, 2000):
        text = post_of(length)
        times, cpu = [], []
        for _ in range(RUNS):
            start, start_cpu = time.perf_counter(), time.thread_time()
            review_post(text, channel="instagram", team_language="sv", strategy=strategy)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p50 = statistics.median(times)
        p99 = times[int(len(times) * 0.99) - 1]
        cpu_p50 = statistics.median(cpu)
        if length == 500:
            p50_at_500 = p50
            cpu_at_500 = cpu_p50
        print(
            f"{length:6} {p50:8.3f} {p99:8.3f} {cpu_p50:8.3f} {1000 / statistics.mean(times):10.0f}"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:.0f} MB; CPU time per review at 500 chars: {cpu_at_500:.3f} ms")
    # On a shared machine the wall-clock figures depend on the others' load: say what it was.
    print(f"load average at end: {_load()} on {os.cpu_count()} cores")
    ok = p50_at_500 is not None and p50_at_500 < 2.0 and peak_mb < 150
    print(f"targets (p50 < 2 ms at 500 chars, RSS < 150 MB): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
