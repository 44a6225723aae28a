"""What the coach says, as plain data: each adapter draws it its own way.

`slack/blocks.py` turns these into Block Kit, `shell.py` into terminal lines. Text is
light markup (`*bold*`, `` `code` ``) with everything a user typed passed through
`escape`. Every button carries as its value the text a person could type instead, so a
click and a typed line are the same input to the core.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

Target = Literal["reply", "dm", "channel"]
ButtonKind = Literal["input", "choice", "nav"]

# A mention is kept apart from the text around it: Slack makes it a ping, the shell a name.
_MENTION_OPEN, _MENTION_CLOSE = "\ue000", "\ue001"
MENTION = re.compile(f"{_MENTION_OPEN}([A-Za-z0-9_-]+){_MENTION_CLOSE}")


def escape(text: str) -> str:
    """User text made inert: no pings, no disguised links, no markup injection."""
    text = text.replace(_MENTION_OPEN, "").replace(_MENTION_CLOSE, "")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def mention(user_id: str) -> str:
    """A person named in a text, for the renderer to show as a mention."""
    return f"{_MENTION_OPEN}{user_id}{_MENTION_CLOSE}"


def bar(percent: int | None, width: int = 10) -> str:
    """A progress bar that stops at 100 % (what was beyond is said in numbers)."""
    filled = 0 if percent is None else min(width, round(width * percent / 100))
    return "▰" * filled + "▱" * (width - filled)


@dataclass(frozen=True)
class Header:
    text: str


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Note:
    """Small print: hints, progress, where a result came from."""

    text: str


@dataclass(frozen=True)
class Divider:
    pass


@dataclass(frozen=True)
class Button:
    label: str
    value: str
    style: Literal["primary", "danger"] | None = None
    kind: ButtonKind = "input"


@dataclass(frozen=True)
class Buttons:
    items: list[Button]
    nav: bool = False  # moving around a flow (back, skip, pause), not an answer


@dataclass(frozen=True)
class Checkboxes:
    """A multiple choice for one slot: ticked options plus a Done button that submits them."""

    slot: str
    options: list[tuple[str, str]]  # (value, label)
    done: Button


@dataclass(frozen=True)
class Menu:
    """Pick one of several options to do `action` with (edit which section, say)."""

    action: str
    placeholder: str
    options: list[tuple[str, str]]  # (value, label)


Block = Header | Text | Note | Divider | Buttons | Checkboxes | Menu


def header(text: str) -> Header:
    return Header(text)


def section(text: str) -> list[Block]:
    return [Text(text)]


def context(text: str) -> Note:
    return Note(text)


def divider() -> Divider:
    return Divider()


def buttons(items: list[Button], nav: bool = False) -> Buttons:
    return Buttons(list(items), nav)


def checkboxes(options: list[tuple[str, str]], done: Button, slot: str) -> Checkboxes:
    return Checkboxes(slot, list(options), done)


@dataclass
class FileOut:
    """A document to hand over: uploaded in Slack, written to disk in the shell."""

    name: str
    content: str
    title: str


@dataclass
class Form:
    """A whole flow to answer at once, which an adapter may show instead of the questions
    (a modal in Slack); `meta` comes back with the answers."""

    flow: str
    title: str
    intro: str
    meta: dict[str, Any] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)  # what its steps' conditions see


@dataclass
class Message:
    """One message: plain `text` for notifications and fallbacks, `blocks` to show."""

    text: str
    blocks: list[Block] = field(default_factory=list)
    target: Target = "reply"
    file: FileOut | None = None
    channel: str | None = None  # an explicit conversation or user (nudges, shared results)
    form: Form | None = None
    pointer: bool = False  # only says where the conversation continues

    @classmethod
    def plain(cls, text: str, target: Target = "reply") -> Message:
        return cls(text=text, blocks=section(text), target=target)
