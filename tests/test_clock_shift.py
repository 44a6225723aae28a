"""The suite's moved clock reaches every process it starts, so shifted runs test them too."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest


def _now_in_child(queue) -> None:
    queue.put(datetime.now(UTC))


def test_a_started_process_sees_the_same_now():
    printed = subprocess.run(
        [sys.executable, "-c", "from datetime import UTC, datetime; print(datetime.now(UTC))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert abs(datetime.fromisoformat(printed.strip()) - datetime.now(UTC)) < timedelta(minutes=1)


def test_a_spawned_worker_sees_the_same_now():
    # `coachbot serve` starts its workers this way.
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    worker = ctx.Process(target=_now_in_child, args=(queue,))
    worker.start()
    seen = queue.get(timeout=60)
    worker.join(timeout=60)
    assert abs(seen - datetime.now(UTC)) < timedelta(minutes=1)


def test_with_a_moved_clock_the_tests_themselves_run_at_that_moment(request):
    at = request.config.getoption("--clock")
    if not at:
        pytest.skip("only meaningful in a shifted run (pytest --clock=ISO)")
    # The run has been going for minutes at most; a worker that missed the shift is a year off.
    assert abs(datetime.now(UTC) - datetime.fromisoformat(at)) < timedelta(hours=1)
