"""The README's command lists are the real ones: a command added, renamed or dropped
fails here until the README says so too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coachbot.cli import build_parser
from coachbot.core.commands import SUBCOMMANDS

# Not moved by the shifted-clock runs: documentation tables have no dates.
pytestmark = pytest.mark.clock_free

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
BUTTONS_ONLY = {"nudge"}  # snooze and dismiss come as buttons on a nudge


def test_the_coach_command_table_lists_every_subcommand():
    rows = re.findall(r"^\| `/coach (\w+)[^`]*` \|", README, flags=re.MULTILINE)
    assert sorted(rows) == sorted(set(SUBCOMMANDS) - BUTTONS_ONLY)


def test_every_command_line_subcommand_is_in_the_readme():
    parser = build_parser()
    [sub] = [a for a in parser._actions if a.dest == "command"]
    missing = [name for name in sub.choices if f"coachbot {name}" not in README]
    assert missing == []
