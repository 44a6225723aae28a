"""The layers hold: the coach's core runs without Slack's libraries loaded."""

from __future__ import annotations

import subprocess
import sys

import pytest

# Not moved by the shifted-clock runs: the import graph has no dates.
pytestmark = pytest.mark.clock_free

CORE = [
    "coachbot.core.coach",
    "coachbot.core.status",
    "coachbot.strategy.export",
    "coachbot.campaigns.scheduler",
    "coachbot.review",
    "coachbot.store",
    "coachbot.shell",
    "coachbot.terminal",
]


def test_the_core_and_the_shell_load_no_slack_library():
    # A fresh interpreter: in this one, other tests have long imported slack_sdk.
    probe = (
        "import importlib, sys\n"
        f"for name in {CORE!r}: importlib.import_module(name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'slack_sdk', 'slack_bolt'}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
