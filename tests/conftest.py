"""Shared fixtures: a coach on a fresh database, a shell around it, a fixed clock."""

from __future__ import annotations

import io
import os
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from hypothesis import settings as hypothesis_settings

from coachbot.core import engine
from coachbot.core.coach import Coach
from coachbot.core.flow import load_flow
from coachbot.shell import LOCAL_TEAM, LOCAL_USER, Shell
from coachbot.store import Store
from coachbot.terminal import render_lines

# Locally the property-based suite explores new cases each run; CI replays the same ones,
# so a submission's result does not depend on the draw.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # a Monday

# The `served` fixture (a real `coachbot serve`), declared here so that pytest rewrites its
# asserts and every worker loads it once.
pytest_plugins = ["tests.serve_harness"]

CLOCKSHIFT_DIR = Path(__file__).parent / "clockshift"


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        metavar="ISO",
        help="run the whole suite, and every process it starts, as if the wall clock said ISO",
    )


def pytest_configure(config):
    """With --clock, move the wall clock here and hand the same shift to child processes.

    Tests that build their dates from the wall clock then run at that moment; tests that
    mix the wall clock with fixed dates fail, which is what the shifted runs are for.
    """
    config.addinivalue_line(
        "markers", "clock_free: nothing in this test depends on the date; shifted runs skip it"
    )
    at = config.getoption("--clock")
    if not at:
        return
    target = datetime.fromisoformat(at)
    if target.tzinfo is None:
        raise pytest.UsageError("--clock needs a time zone offset, e.g. 2027-03-28T01:30+01:00")
    if hasattr(config, "workerinput"):
        # A pytest-xdist worker: started by the controller below with the shift in its
        # environment, so its clock moved when it started (clockshift/sitecustomize.py).
        if "COACHBOT_TEST_CLOCK_OFFSET" not in os.environ:
            raise pytest.UsageError("--clock: this worker was started without the shift")
        return
    offset = target.timestamp() - time.time()
    os.environ["COACHBOT_TEST_CLOCK_OFFSET"] = repr(offset)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(CLOCKSHIFT_DIR), os.environ.get("PYTHONPATH")) if p
    )
    time_machine.travel(time.time() + offset, tick=True).start()


def pytest_report_header(config):
    at = config.getoption("--clock")
    return f"wall clock moved to {at} (tests and the processes they start)" if at else None


class Clock:
    """A clock tests can move."""

    def __init__(self, now: datetime = NOW):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "coach.db"


@pytest.fixture
def store(db_path: Path):
    s = Store(db_path)
    yield s
    s.close()


@pytest.fixture
def coach(store: Store, clock: Clock) -> Coach:
    return Coach(store, clock=clock)


class ShellDriver:
    """Types lines into the shell and keeps what it printed, as a user would see it."""

    def __init__(self, coach: Coach, export_dir: Path):
        self.out = io.StringIO()
        self.shell = Shell(coach, self.out, export_dir=export_dir)
        self.coach = coach

    def say(self, line: str) -> str:
        """Send one line; return the text the shell printed for it."""
        messages = self.shell.handle(line)
        return "\n".join("\n".join(render_lines(m)) for m in messages)

    def state(self, flow: str = "interview") -> dict | None:
        return self.coach.store.sessions.get(LOCAL_TEAM, LOCAL_USER, flow)

    def current_step(self, flow_name: str = "interview"):
        flow = load_flow(flow_name)
        state = self.state(flow_name)
        values = (
            self.coach.store.strategies.get(LOCAL_TEAM).values()
            if flow_name == "interview"
            else state.get("values", {})
        )
        return engine.find_step(flow, state, values)

    def strategy(self):
        return self.coach.store.strategies.get(LOCAL_TEAM)


@pytest.fixture
def shell(coach: Coach, tmp_path: Path) -> ShellDriver:
    return ShellDriver(coach, tmp_path)


@pytest.fixture
def fake_slack():
    from tests.slack_fake import FakeSlack

    fake = FakeSlack()
    yield fake
    fake.settle(quiet=0.2, timeout=5)  # let after-ack work finish before Slack "goes away"
    fake.close()


@pytest.fixture
def slack(tmp_path: Path, fake_slack):
    from tests.slack_harness import SlackApp

    app = SlackApp(tmp_path / "slack.db", fake_slack)
    yield app
    app.close()


def pytest_terminal_summary(terminalreporter):
    """Print how many cases the property-based Slack suite tried (issue 6 asks for it)."""
    from tests import test_slack_fuzz

    cases = test_slack_fuzz.CASES
    if cases:
        detail = ", ".join(f"{k} {v}" for k, v in sorted(cases.items()))
        terminalreporter.write_line(
            f"fuzz cases tried against /slack/events: {sum(cases.values())} ({detail})"
        )
