"""The coach in a terminal: the same core, rendered as text with numbered choices.

Lines starting with /coach are commands; any other line is a DM to the coach. Reads piped
standard input too, so sessions can be scripted.

What is typed never reaches an answer by accident:

- Input is read as bytes and decoded as UTF-8 with replacement characters, so a stray byte
  in pasted text (or random bytes on a pipe) is kept as "�", never a crash.
- Only a line ended with Enter is sent: Ctrl-D on a half-typed line (or a last line
  without a newline) is shown back and dropped, so it cannot overwrite a saved answer.
- A post of several lines is reviewed whole: `/coach review` alone opens a post of its
  own, ended by a line holding only `.` (or the end of input). In a terminal a paste is
  also recognised by its lines arriving together, so `/coach review` followed by a pasted
  post on the same line is one review; the lines after it never answer a question.
"""

from __future__ import annotations

import os
import select
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from coachbot.analytics.fill import ACTIONS, shown_name
from coachbot.analytics.table import MAX_BYTES
from coachbot.campaigns.scheduler import Pacer, Scheduler
from coachbot.core import messages as ui
from coachbot.core.answers import clean_text
from coachbot.core.coach import Coach
from coachbot.core.commands import parse_command
from coachbot.core.messages import Message
from coachbot.core.request import Request
from coachbot.i18n import Texts, texts
from coachbot.review.reviewer import split_channel_prefix
from coachbot.terminal import render_lines

LOCAL_TEAM = "T-LOCAL"
LOCAL_USER = "U-LOCAL"
QUIT = ("/quit", "/exit")
END_OF_POST = "."
# Lines of one paste reach the terminal together; typed lines are far more than this apart.
PASTE_GAP_SECONDS = 0.05
# A review takes at most this much text (the reviewer refuses longer posts politely).
MAX_POST_LINES = 400


class Shell:
    """A local session: one team, one user, a database on disk."""

    def __init__(self, coach: Coach, out: TextIO = sys.stdout, export_dir: Path | None = None):
        self.coach = coach
        self.out = out
        self.export_dir = export_dir or Path.cwd()
        self.request = Request(team_id=LOCAL_TEAM, user_id=LOCAL_USER, channel_id="D-LOCAL")
        # Nudges that fell due are shown before the next line is handled.
        self.scheduler = Scheduler(coach, self._show_nudge, pacer=Pacer(gap=0))
        # While a post is being collected after `/coach review`: its channel and lines.
        self._post: tuple[str, list[str]] | None = None

    @property
    def texts(self) -> Texts:
        return texts(self.coach.language_for(self.request))

    def _show_nudge(self, team_id: str, message: Message) -> None:
        print(f"[nudge → {message.channel}]", file=self.out)
        self._print(message)

    def handle(self, line: str) -> list[Message]:
        """One typed line (or one pasted block) in, the coach's messages out (also printed)."""
        self.scheduler.tick()
        if self._post is not None:
            return self._collect(line)
        review = self._review_command(line)
        if review is not None:
            prefix, post = review
            if not post.strip():
                self._post = (prefix, [])
                self._say(self.texts("shell.post_mode"))
                return []
            return self._send(f"/coach review {prefix}{post}")
        if "\n" in line.strip() and line.lstrip().lower().startswith("/coach"):
            # Several commands pasted at once: each its own line, as if typed.
            out: list[Message] = []
            for part in line.split("\n"):
                if part.strip():
                    out += self.handle(part)
            return out
        return self._send(line)

    def _send(self, line: str) -> list[Message]:
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

    def _review_command(self, line: str) -> tuple[str, str] | None:
        """(channel prefix, post) when the line is `/coach review …`, else None."""
        head = line.lstrip()
        if not head.lower().startswith("/coach"):
            return None
        name, _, rest = parse_command(head)
        if name != "review":
            return None
        channel, post = split_channel_prefix(rest)
        return (f"{channel}: " if channel else ""), post

    def _collect(self, line: str) -> list[Message]:
        """A line of the post being collected; `.` alone (or the end of input) sends it."""
        assert self._post is not None
        prefix, lines = self._post
        parts = line.split("\n")
        for n, part in enumerate(parts):
            if part.strip() == END_OF_POST:
                self._post = None
                messages = self._finish_post(prefix, lines)
                rest = "\n".join(parts[n + 1 :])
                return messages + (self.handle(rest) if rest.strip() else [])
            lines.append(part)
            if len(lines) > MAX_POST_LINES:
                self._post = None
                return self._finish_post(prefix, lines)
        return []

    def _finish_post(self, prefix: str, lines: list[str]) -> list[Message]:
        post = "\n".join(lines).strip("\n")
        if not post.strip():
            self._say(self.texts("shell.post_empty"))
            return []
        return self._send(f"/coach review {prefix}{post}")

    def end_of_input(self) -> None:
        """Input ended: a post being collected is reviewed; nothing else is sent."""
        if self._post is not None:
            prefix, lines = self._post
            self._post = None
            self._finish_post(prefix, lines)

    def unfinished(self, text: str) -> None:
        """A line that was not ended with Enter: shown back, not sent."""
        shown = text.strip()
        if shown:
            self._say(
                self.texts("shell.not_sent", text=shown[:80] + ("…" if len(shown) > 80 else ""))
            )

    def _say(self, text: str) -> None:
        print(text, file=self.out)
        print(file=self.out)

    def _print(self, message: Message) -> None:
        print("\n".join(render_lines(message, self.texts)), file=self.out)
        if message.file is not None:
            path = self.export_dir / Path(message.file.name).expanduser()  # where asked
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(message.file.content, encoding="utf-8")
            print(f"  → {path}", file=self.out)
        print(file=self.out)

    def prompt(self) -> None:
        print("… " if self._post is not None else "> ", end="", file=self.out, flush=True)

    def run(self, inputs: Iterator[tuple[str, bool]], interactive: bool) -> int:
        """Handle (text, ended with Enter) inputs until the end or `/quit`."""
        print(self.texts("shell.welcome"), file=self.out)
        print(file=self.out)
        if interactive:
            self.prompt()
        for text, finished in inputs:
            if not finished:
                self.unfinished(text)
            elif text.strip() in QUIT and self._post is None:
                return 0
            elif text.strip() or self._post is not None:
                self.handle(text)
            if interactive:
                self.prompt()
        if interactive:
            print(file=self.out)
        self.end_of_input()
        return 0


def read_inputs(stream: BinaryIO, interactive: bool) -> Iterator[tuple[str, bool]]:
    """(text, ended with Enter) for each line, decoded as UTF-8 with replacement characters.

    In a terminal, lines that arrive together (a paste) come as one input, joined by line
    breaks. Ctrl-D on a half-typed line gives that text with `False`; Ctrl-D on an empty
    line ends the input.
    """
    while True:
        raw = stream.readline()
        if not raw:
            return
        lines = [raw]
        if interactive and raw.endswith(b"\n"):
            while _more_waiting(stream):
                more = stream.readline()
                if not more:
                    break
                lines.append(more)
                if not more.endswith(b"\n"):
                    break
        block = b"".join(lines)
        finished = block.endswith(b"\n")
        text = block.decode("utf-8", errors="replace").replace("\r\n", "\n")
        yield text.removesuffix("\n"), finished


def _more_waiting(stream: BinaryIO) -> bool:
    try:
        ready, _, _ = select.select([stream.fileno()], [], [], PASTE_GAP_SECONDS)
    except (OSError, ValueError):
        return False
    return bool(ready)


def run_shell(coach: Coach, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout) -> int:
    interactive = stdin.isatty()
    shell = Shell(coach, out)
    stream = getattr(stdin, "buffer", None) or os.fdopen(stdin.fileno(), "rb", closefd=False)
    try:
        return shell.run(read_inputs(stream, interactive), interactive)
    except KeyboardInterrupt:
        print(file=out)
        return 0
