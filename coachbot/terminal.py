"""The core's messages as terminal lines, for the shell and the `coachbot` command."""

from __future__ import annotations

from coachbot.core import messages as ui
from coachbot.core.messages import MENTION, Message, unescape
from coachbot.i18n import Texts

# Texts written for Slack ("click it", "in a DM") and what the terminal says instead.
TERMINAL_WORDING = {
    "input.choice": "shell.instead.input_choice",
    "help.start": "shell.instead.help_start",
    "help.dm": "shell.instead.help_dm",
}


def plain_text(text: str) -> str:
    """Core text as the terminal shows it: escapes undone, mentions as @name."""
    return unescape(MENTION.sub(lambda m: f"@{m[1]}", text))


def render_lines(message: Message, t: Texts | None = None) -> list[str]:
    """A message as terminal lines: choices numbered, other buttons shown with what to type.

    Given the reader's texts, what was written for Slack reads as the terminal's wording."""
    lines = _lines(message)
    if t is None:
        return lines
    swaps = [(t(key), t(instead)) for key, instead in TERMINAL_WORDING.items()]
    for n, line in enumerate(lines):
        for slack, terminal in swaps:
            if slack in line:
                line = line.replace(slack, terminal)
        lines[n] = line
    return lines


def _lines(message: Message) -> list[str]:
    if not message.blocks:
        return plain_text(message.text).split("\n")
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
