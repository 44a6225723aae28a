"""The core's messages drawn as Block Kit, within Slack's limits.

Action ids tell the listeners what a click is: `coach_choice:n` answers with a choice,
`coach_nav:n` moves around a flow, `coach_input:n` types a command; each button's value
is the text it stands for.
"""

from __future__ import annotations

from typing import Any

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

from coachbot.core import messages as ui

SECTION_MAX = 3000
HEADER_MAX = 150
BUTTON_MAX = 75
CONTEXT_MAX = 2000

BlockDict = dict[str, Any]


def slack_text(text: str) -> str:
    """Core text as mrkdwn: mentions become Slack's `<@U…>`.

    Everything a user typed arrives escaped (`&lt;!channel&gt;` shows, never pings), and
    every mrkdwn object is `verbatim`: Slack does not turn a bare `@channel`, `@here`,
    `#name` or URL in it into a live mention or link. Only the coach's own `<@U…>` and
    `<#C…>` are links."""
    return ui.MENTION.sub(lambda m: f"<@{m[1]}>", text)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def header(text: str) -> BlockDict:
    return HeaderBlock(text=PlainTextObject(text=_clip(text, HEADER_MAX), emoji=True)).to_dict()


def section(text: str) -> list[BlockDict]:
    """One or more section blocks: long text is split at line breaks, never rejected."""
    return [
        SectionBlock(text=MarkdownTextObject(text=chunk, verbatim=True)).to_dict()
        for chunk in split_text(slack_text(text), SECTION_MAX)
    ]


def context(text: str) -> BlockDict:
    text = _clip(slack_text(text), CONTEXT_MAX)
    return ContextBlock(elements=[MarkdownTextObject(text=text, verbatim=True)]).to_dict()


def buttons(block: ui.Buttons) -> BlockDict:
    elements = [
        ButtonElement(
            text=PlainTextObject(text=_clip(b.label, BUTTON_MAX), emoji=True),
            action_id=f"coach_{b.kind}:{n}",
            value=b.value[:2000],
            style=b.style,
        )
        for n, b in enumerate(block.items[:25])
    ]
    return ActionsBlock(elements=elements, block_id="nav" if block.nav else None).to_dict()


def checkboxes(block: ui.Checkboxes) -> BlockDict:
    element = CheckboxesElement(
        action_id="coach_multi",
        options=[
            Option(value=value, text=PlainTextObject(text=_clip(label, BUTTON_MAX)))
            for value, label in block.options[:10]
        ],
    )
    done = ButtonElement(
        text=PlainTextObject(text=block.done.label),
        action_id="coach_multi_done",
        value=block.done.value,
    )
    return ActionsBlock(elements=[element, done], block_id=f"multi:{block.slot}").to_dict()


# A menu's (block_id, action_id): the listener that handles the pick is registered for it.
MENUS = {"edit_section": ("home_edit", "home_edit_section")}


def menu(block: ui.Menu) -> BlockDict:
    block_id, action_id = MENUS[block.action]
    options = [{"text": plain(label, 75), "value": value} for value, label in block.options]
    element = {
        "type": "static_select",
        "action_id": action_id,
        "placeholder": plain(block.placeholder, 150),
        "options": options,
    }
    return {"type": "actions", "block_id": block_id, "elements": [element]}


def plain(text: str, limit: int = 150) -> BlockDict:
    return {"type": "plain_text", "text": text[:limit] or " ", "emoji": True}


def to_blocks(blocks: list[ui.Block]) -> list[BlockDict]:
    out: list[BlockDict] = []
    for block in blocks:
        match block:
            case ui.Header(text):
                out.append(header(text))
            case ui.Text(text):
                out += section(text)
            case ui.Note(text):
                out.append(context(text))
            case ui.Divider():
                out.append(DividerBlock().to_dict())
            case ui.Buttons():
                out.append(buttons(block))
            case ui.Checkboxes():
                out.append(checkboxes(block))
            case ui.Menu():
                out.append(menu(block))
    return out


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
