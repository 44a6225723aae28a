"""Evaluation import: a generated 50,000-row analytics export read, its campaign's rows
matched and every column summed, as the coach does when a file is uploaded.

Targets (issue 15): under 1 s, peak memory under 150 MB. Run:
.venv/bin/python bench/evaluation_import.py
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coachbot.analytics.match import select  # noqa: E402
from coachbot.analytics.presets import recognise  # noqa: E402
from coachbot.analytics.table import read_table  # noqa: E402

ROWS = 50_000
RUNS = 5
TAG = "julkampanj-2026"
CAMPAIGNS = [TAG, "(direct)", "(organic)", "hostrea-2026", "nyhetsbrev", "(not set)", "var-2026"]


def export(rows: int, all_ours: bool = False) -> bytes:
    """A GA4 export with a Date and a Session campaign dimension: comment lines, then
    one row per day and campaign over the years before the campaign's end; or (all_ours)
    every row the campaign's, within its dates, so that all 50,000 are summed."""
    lines = [
        "# ----------------------------------------",
        "# Traffic acquisition: Session campaign",
        "# Start date: 20080101",
        "# End date: 20271231",
        "Date,Session campaign,Sessions,Engaged sessions,Engagement rate,Total users,Key events",
    ]
    first = date(2026, 12, 31) - timedelta(days=rows // len(CAMPAIGNS))
    for n in range(rows):
        day = date(2026, 12, 1 + n % 31) if all_ours else first + timedelta(days=n // 7)
        campaign = TAG if all_ours else CAMPAIGNS[n % len(CAMPAIGNS)]
        s = 50 + (n * 37) % 400
        lines.append(f"{day:%Y%m%d},{campaign},{s},{s * 3 // 5},0.6,{s * 3 // 4},{s // 40}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def once(data: bytes) -> tuple[float, int, float, float]:
    started, cpu = time.perf_counter(), time.process_time()
    table = read_table(data, "ga4-export.csv")
    chosen = select(table, recognise(table.header), TAG, date(2026, 12, 1), date(2026, 12, 31))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    sessions = chosen.sums[table.header.index("Sessions")]
    return elapsed, len(chosen.rows), sessions, cpu


def main() -> int:
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, {RUNS} runs each")
    print(f"load average at start: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    worst_time = 0.0
    for label, all_ours in (("31 of the rows the campaign's", False), ("every row", True)):
        data = export(ROWS, all_ours)
        times, cpus = [], []
        for _ in range(RUNS):
            elapsed, matched, sessions, cpu = once(data)
            times.append(elapsed)
            cpus.append(cpu)
        worst_time = max(worst_time, *times)
        print(
            f"{ROWS:,} rows ({len(data) / 1e6:.1f} MB CSV), {label}: matched {matched:,}, "
            f"sessions {sessions:,.0f}; median {statistics.median(times) * 1000:.0f} ms, "
            f"worst {max(times) * 1000:.0f} ms (CPU time median {statistics.median(cpus) * 1000:.0f} ms)"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    once(data)
    traced = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"peak RSS {rss:.0f} MB (the whole process); {traced / 1e6:.0f} MB allocated by one import"
    )
    ok = worst_time < 1.0 and rss < 150
    print("targets (under 1 s, under 150 MB):", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
