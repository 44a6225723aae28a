"""What the coach says, as Block Kit data both adapters render (Slack as is, the shell as text).

Every button carries as its value the text a person could type instead, so a click and a
typed line are the same input to the core.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    CheckboxesElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    Option,
    PlainTextObject,
    SectionBlock,
)

SECTION_MAX = 3000
HEADER_MAX = 150
BUTTON_MAX = 75
CONTEXT_MAX = 2000

Target = Literal["reply", "dm", "channel"]


def escape(text: str) -> str:
    """User text made inert for mrkdwn: no pings, no disguised links, no markup injection."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def header(text: str) -> dict[str, Any]:
    return HeaderBlock(text=PlainTextObject(text=_clip(text, HEADER_MAX), emoji=True)).to_dict()


def section(text: str) -> list[dict[str, Any]]:
    """One or more section blocks: long text is split at line breaks, never rejected."""
    blocks = []
    for chunk in split_text(text, SECTION_MAX):
        blocks.append(SectionBlock(text=MarkdownTextObject(text=chunk)).to_dict())
    return blocks


def context(text: str) -> dict[str, Any]:
    return ContextBlock(elements=[MarkdownTextObject(text=_clip(text, CONTEXT_MAX))]).to_dict()


def divider() -> dict[str, Any]:
    return DividerBlock().to_dict()


@dataclass(frozen=True)
class Button:
    label: str
    value: str
    style: Literal["primary", "danger"] | None = None
    kind: str = "input"


def buttons(items: list[Button], block_id: str | None = None) -> dict[str, Any]:
    elements = [
        ButtonElement(
            text=PlainTextObject(text=_clip(b.label, BUTTON_MAX), emoji=True),
            action_id=f"coach_{b.kind}:{n}",
            value=b.value[:2000],
            style=b.style,
        )
        for n, b in enumerate(items[:25])
    ]
    return ActionsBlock(elements=elements, block_id=block_id).to_dict()


def checkboxes(options: list[tuple[str, str]], done: Button, block_id: str) -> dict[str, Any]:
    """A multiple choice: ticked boxes plus a Done button that submits them."""
    element = CheckboxesElement(
        action_id="coach_multi",
        options=[
            Option(value=value, text=PlainTextObject(text=_clip(label, BUTTON_MAX)))
            for value, label in options[:10]
        ],
    )
    done_button = ButtonElement(
        text=PlainTextObject(text=done.label), action_id="coach_multi_done", value=done.value
    )
    return ActionsBlock(elements=[element, done_button], block_id=block_id).to_dict()


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut at line breaks where possible."""
    if len(text) <= limit:
        return [text]
    pieces, current = [], ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current:
        pieces.append(current)
    return pieces


@dataclass
class FileOut:
    """A document to hand over: uploaded in Slack, written to disk in the shell."""

    name: str
    content: str
    title: str


@dataclass
class Message:
    """One message: plain `text` for notifications and fallbacks, `blocks` to show."""

    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    target: Target = "reply"
    file: FileOut | None = None
    channel: str | None = None  # an explicit conversation or user (nudges, shared results)
    form: dict[str, Any] | None = None  # a form the adapter may show instead (Slack modal)
    pointer: bool = False  # only says where the conversation continues

    @classmethod
    def plain(cls, text: str, target: Target = "reply") -> Message:
        return cls(text=text, blocks=section(text), target=target)
