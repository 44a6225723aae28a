"""Buttons, checkboxes and menus: a click is the same input as the text it stands for."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import App

from coachbot.core.messages import escape
from coachbot.slack.blocks import context
from coachbot.slack.delivery import Delivery, Where
from coachbot.slack.deps import Deps
from coachbot.slack.home import open_edit_modal, publish_home
from coachbot.slack.jobs import Dispatcher, job
from coachbot.slack.listeners.origin import lazy, where_for_click

log = logging.getLogger("coachbot.slack")
CLICK = re.compile(r"^coach_(input|choice|nav):\d+$")


def _first_click(body: dict[str, Any], deps: Deps, where: Where) -> bool:
    """A message's buttons answer once: a double click or a late second click is ignored."""
    container = body.get("container") or {}
    action = body["actions"][0]
    if container.get("message_ts"):
        key = f"click:{where.team_id}:{where.channel_id}:{container['message_ts']}"
    else:  # a Home tab or modal button: the same click within three seconds is a double click
        second = int(float(action.get("action_ts", "0"))) // 3
        key = f"click:{where.team_id}:{where.user_id}:{action.get('value')}:{second}"
    return deps.store.processed.first_time(key, where.team_id)


def _close_buttons(client, body: dict[str, Any], where: Where, chosen: str) -> None:
    """Replace the clicked message's buttons with what was chosen, so it reads as answered.

    Only the coach's own DM messages can be edited with chat.update; an ephemeral reply
    or a message in a channel the bot is not in is replaced through its response_url."""
    message = body.get("message")
    if not message:
        return
    blocks = [b for b in message.get("blocks", []) if b.get("type") != "actions"]
    blocks.append(context(f"→ {escape(chosen)}"))
    text = message.get("text", "")
    try:
        if where.in_dm and where.channel_id:
            client.chat_update(channel=where.channel_id, ts=message["ts"], text=text, blocks=blocks)
        elif where.respond is not None:
            where.respond(text=text, blocks=blocks, replace_original=True)
    except Exception as exc:  # the answer itself matters more than the tidy-up
        log.info("could not close the buttons for team %s: %s", where.team_id, exc)


def _handle_input(deps: Deps, body, client, where: Where, value: str, label: str) -> None:
    if body.get("container", {}).get("type") == "message":
        _close_buttons(client, body, where, label)
    Delivery(client).send(where, deps.answer(client, where, value))
    if body.get("view", {}).get("type") == "home":
        publish_home(deps, client, deps.request(client, where))


@job("click")
def on_click(deps, body, client, respond) -> None:
    where = where_for_click(deps, body, client, respond)
    if not _first_click(body, deps, where):
        return
    action = body["actions"][0]
    label = action.get("text", {}).get("text", action.get("value", ""))
    _handle_input(deps, body, client, where, action.get("value", ""), label)


@job("multi_done")
def on_multi_done(deps, body, client, respond) -> None:
    where = where_for_click(deps, body, client, respond)
    if not _first_click(body, deps, where):
        return
    chosen: list[str] = []
    labels: list[str] = []
    for block in (body.get("state") or {}).get("values", {}).values():
        for element in block.values():
            for option in element.get("selected_options") or []:
                chosen.append(option["value"])
                labels.append(option["text"]["text"])
    _handle_input(deps, body, client, where, ", ".join(chosen) or "none", ", ".join(labels) or "–")


@job("edit_section")
def on_edit_section(deps, body, client, respond) -> None:
    where = where_for_click(deps, body, client, respond)
    section = body["actions"][0]["selected_option"]["value"]
    open_edit_modal(deps, client, deps.request(client, where), section, body["trigger_id"])


def register(app: App, jobs: Dispatcher) -> None:
    def ack_only(ack) -> None:
        ack()

    app.action(CLICK)(ack=ack_only, lazy=[lazy(jobs, "click")])
    app.action("coach_multi")(ack_only)  # ticking a box is not an answer yet
    app.action("coach_multi_done")(ack=ack_only, lazy=[lazy(jobs, "multi_done")])
    app.action("home_edit_section")(ack=ack_only, lazy=[lazy(jobs, "edit_section")])
