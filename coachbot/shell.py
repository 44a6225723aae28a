"""The coach in a terminal: the same core, rendered as text with numbered choices.

Lines starting with /coach are commands; any other line is a DM to the coach. Reads piped
standard input too, so sessions can be scripted.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from coachbot.campaigns.scheduler import Pacer, Scheduler
from coachbot.core.coach import Coach
from coachbot.core.messages import Message
from coachbot.core.request import Request
from coachbot.i18n import texts
from coachbot.terminal import render_lines

LOCAL_TEAM = "T-LOCAL"
LOCAL_USER = "U-LOCAL"


class Shell:
    """A local session: one team, one user, a database on disk."""

    def __init__(self, coach: Coach, out: TextIO = sys.stdout, export_dir: Path | None = None):
        self.coach = coach
        self.out = out
        self.export_dir = export_dir or Path.cwd()
        self.request = Request(team_id=LOCAL_TEAM, user_id=LOCAL_USER, channel_id="D-LOCAL")
        # Nudges that fell due are shown before the next line is handled.
        self.scheduler = Scheduler(coach, self._show_nudge, pacer=Pacer(gap=0))

    def _show_nudge(self, team_id: str, message: Message) -> None:
        print(f"[nudge → {message.channel}]", file=self.out)
        self._print(message)

    def handle(self, line: str) -> list[Message]:
        """One typed line in, the coach's messages out (also printed)."""
        self.scheduler.tick()
        messages = self.coach.message(self.request, line)
        for message in messages:
            self._print(message)
        return messages

    def _print(self, message: Message) -> None:
        print("\n".join(render_lines(message)), file=self.out)
        if message.file is not None:
            path = self.export_dir / Path(message.file.name).expanduser()  # where asked
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(message.file.content, encoding="utf-8")
            print(f"  → {path}", file=self.out)
        print(file=self.out)

    def run(self, lines: Iterable[str], interactive: bool) -> int:
        t = texts(self.coach.language_for(self.request))
        print(t("shell.welcome"), file=self.out)
        print(file=self.out)
        for raw in lines:
            line = raw.rstrip("\n")
            if line.strip() in ("/quit", "/exit"):
                break
            if not line.strip() and not interactive:
                continue
            self.handle(line)
            if interactive:
                print("> ", end="", file=self.out, flush=True)
        return 0


def run_shell(coach: Coach, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout) -> int:
    interactive = stdin.isatty()
    shell = Shell(coach, out)
    if interactive:
        print("> ", end="", file=out, flush=True)
    try:
        return shell.run(stdin, interactive)
    except KeyboardInterrupt:
        print(file=out)
        return 0
