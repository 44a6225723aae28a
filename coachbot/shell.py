"""The coach in a terminal: the same core, rendered as text with numbered choices.

Lines starting with /coach are commands; any other line is a DM to the coach. Reads piped
standard input too, so sessions can be scripted.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from coachbot.analytics.fill import ACTIONS, shown_name
from coachbot.analytics.table import MAX_BYTES
from coachbot.campaigns.scheduler import Pacer, Scheduler
from coachbot.core import messages as ui
from coachbot.core.answers import clean_text
from coachbot.core.coach import Coach
from coachbot.core.commands import parse_command
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
        messages = self._data_file(line)
        if messages is None:
            messages = self.coach.message(self.request, line)
        for message in messages:
            self._print(message)
        return messages

    def _data_file(self, line: str) -> list[Message] | None:
        """`/coach data FILE`: the shell reads the file from disk and hands its bytes to the
        coach (in Slack the file is uploaded instead); None for any other line."""
        name, _, rest = parse_command(clean_text(line))
        if name != "data" or not rest or rest.split()[0].lower() in ACTIONS:
            return None
        path = Path(rest.strip().strip("\"'")).expanduser()
        t = texts(self.coach.language_for(self.request))
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:
                return self.coach.analytics.too_big(path.name, size, t)
            data = path.read_bytes() if path.is_file() else None
        except OSError as exc:
            reason = ui.escape(exc.strerror or type(exc).__name__)
            problem = t(
                "analytics.errors.missing_file",
                file=ui.escape(shown_name(str(path))),
                reason=reason,
            )
            return [Message.plain(problem)]
        if data is None:
            problem = t(
                "analytics.errors.missing_file", file=ui.escape(shown_name(str(path))), reason="–"
            )
            return [Message.plain(problem)]
        return self.coach.analytics_file(self.request, path.name, data)

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
