"""Leave mid-way, restart the process (even killed hard), and carry on where you stopped."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

from coachbot.core.coach import Coach
from coachbot.store import Store
from tests.conftest import ShellDriver


def _stored_purpose(db) -> bool:
    """Read-only peek at the file the shell writes, as another process would."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            row = conn.execute("SELECT data FROM strategies WHERE team_id = 'T-LOCAL'").fetchone()
    except sqlite3.Error:
        return False
    return bool(row) and "purpose.statement" in row[0]


PURPOSE = "We are the city museum and we want every child in town to feel the museum is theirs."


def test_resume_after_restart_of_the_coach(db_path, clock, tmp_path):
    first = ShellDriver(Coach(Store(db_path), clock=clock), tmp_path)
    first.say("/coach start")
    first.say(PURPOSE)
    first.say("Because you see the town's history through your own street")
    first.coach.store.close()

    second = ShellDriver(Coach(Store(db_path), clock=clock), tmp_path)
    resumed = second.say("/coach start")
    assert "Welcome back" in resumed
    assert "What role should social media play" in resumed
    assert second.strategy().value("purpose.statement") == PURPOSE


def test_answers_survive_sigkill_of_the_shell_process(tmp_path):
    db = tmp_path / "killed.db"
    env = {**os.environ, "COACHBOT_DB": str(db)}
    env.pop("SLACK_BOT_TOKEN", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "coachbot", "shell"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
        text=True,
    )
    assert proc.stdin is not None
    proc.stdin.write("/coach start\n" + PURPOSE + "\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if db.exists() and _stored_purpose(db):
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)  # no chance to flush or clean up
    proc.wait(timeout=10)

    store = Store(db)
    assert store.strategies.get("T-LOCAL").value("purpose.statement") == PURPOSE
    driver = ShellDriver(Coach(store), tmp_path)
    assert "What role should social media play" in driver.say(
        "Because you see the town's history through your own street"
    ) or "Why would anyone" in driver.say("/coach start")
