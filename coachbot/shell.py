"""The coach in a terminal: the same core, rendered as text with numbered choices.

Lines starting with /coach are commands; any other line is a DM to the coach. Reads piped
standard input too, so sessions can be scripted.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from coachbot.core.coach import Coach
from coachbot.core.messages import Message, unescape
from coachbot.core.request import Request
from coachbot.i18n import texts

LOCAL_TEAM = "T-LOCAL"
LOCAL_USER = "U-LOCAL"


def _mrkdwn_to_text(text: str) -> str:
    return unescape(text)


def render_blocks(blocks: list[dict[str, Any]]) -> list[str]:
    """Block Kit as terminal lines: choices numbered, other buttons shown with what to type."""
    lines: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            title = block["text"]["text"]
            lines += ["", f"== {title} =="]
        elif kind == "section":
            lines += _mrkdwn_to_text(block["text"]["text"]).split("\n")
        elif kind == "context":
            for element in block.get("elements", []):
                lines += [
                    f"  {line}" for line in _mrkdwn_to_text(element.get("text", "")).split("\n")
                ]
        elif kind == "divider":
            lines.append("-" * 40)
        elif kind == "actions":
            lines += _render_actions(block)
    return lines


def _render_actions(block: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    others: list[str] = []
    for element in block.get("elements", []):
        if element["type"] == "checkboxes":
            for n, option in enumerate(element["options"], start=1):
                lines.append(f"  {n}. {option['text']['text']}")
        elif element["type"] == "button":
            action = element.get("action_id", "")
            label = element["text"]["text"]
            if action.startswith("coach_choice"):
                number = int(action.split(":")[1]) + 1
                lines.append(f"  {number}. {label}")
            elif action.startswith("coach_multi_done"):
                continue
            else:
                others.append(f"[{label}: {unescape(element.get('value', ''))}]")
    if others:
        lines.append("  " + "  ".join(others))
    return lines


class Shell:
    """A local session: one team, one user, a database on disk."""

    def __init__(self, coach: Coach, out: TextIO = sys.stdout, export_dir: Path | None = None):
        from coachbot.campaigns.scheduler import Pacer, Scheduler

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
        if line.strip().lower().startswith("/coach"):
            messages = self.coach.command(self.request, line)
        else:
            messages = self.coach.message(self.request, line)
        for message in messages:
            self._print(message)
        return messages

    def _print(self, message: Message) -> None:
        lines = render_blocks(message.blocks) if message.blocks else [message.text]
        print("\n".join(lines), file=self.out)
        if message.file is not None:
            path = self.export_dir / message.file.name
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
