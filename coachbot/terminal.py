"""The core's messages as terminal lines, for the shell and the `coachbot` command."""

from __future__ import annotations

from coachbot.core import messages as ui
from coachbot.core.messages import MENTION, Message, unescape


def plain_text(text: str) -> str:
    """Core text as the terminal shows it: escapes undone, mentions as @name."""
    return unescape(MENTION.sub(lambda m: f"@{m[1]}", text))


def render_lines(message: Message) -> list[str]:
    """A message as terminal lines: choices numbered, other buttons shown with what to type."""
    if not message.blocks:
        return [plain_text(message.text)]
    lines: list[str] = []
    for block in message.blocks:
        match block:
            case ui.Header(text):
                lines += ["", f"== {plain_text(text)} =="]
            case ui.Text(text):
                lines += plain_text(text).split("\n")
            case ui.Note(text):
                lines += [f"  {line}" for line in plain_text(text).split("\n")]
            case ui.Divider():
                lines.append("-" * 40)
            case ui.Checkboxes(options=options):
                lines += [f"  {n}. {label}" for n, (_, label) in enumerate(options, start=1)]
            case ui.Buttons(items=items):
                lines += _render_buttons(items)
    return lines


def _render_buttons(items: list[ui.Button]) -> list[str]:
    lines: list[str] = []
    others: list[str] = []
    for n, button in enumerate(items, start=1):
        if button.kind == "choice":
            lines.append(f"  {n}. {button.label}")
        else:
            others.append(f"[{button.label}: {unescape(button.value)}]")
    if others:
        lines.append("  " + "  ".join(others))
    return lines
