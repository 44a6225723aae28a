"""Putting the core's messages into Slack: where each goes, within Block Kit's limits."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from coachbot.core import messages as ui
from coachbot.core.messages import Message
from coachbot.i18n import texts
from coachbot.slack.blocks import slack_text, to_blocks
from coachbot.slack.forms import flow_modal

log = logging.getLogger("coachbot.slack")

# Slack's answers that no retry changes: the coach is not in the channel, it is private or
# gone, archived, or the account posting is deactivated.
PERMANENT = frozenset({"not_in_channel", "channel_not_found", "is_archived", "account_inactive"})
MAX_BLOCKS = 50  # per message (Block Kit); longer output is split into several messages
FALLBACK_MAX = 3000

Respond = Callable[..., Any]


def chunk_blocks(
    blocks: list[dict[str, Any]], size: int = MAX_BLOCKS
) -> list[list[dict[str, Any]]]:
    return [blocks[i : i + size] for i in range(0, len(blocks), size)] or [[]]


@dataclass
class Where:
    """The conversation a request came from."""

    team_id: str
    user_id: str
    channel_id: str | None
    in_dm: bool
    respond: Respond | None = None  # response_url, for slash commands and shortcuts
    trigger_id: str | None = None  # lets a form open as a modal (valid for 3 seconds)
    thread_ts: str | None = None  # a DM line written in a thread is answered in that thread
    lang: str = "en"


class Delivery:
    """Sends messages; a failed call is logged with its team and never raises."""

    def __init__(self, client: WebClient):
        self.client = client

    def send(self, where: Where, messages: list[Message]) -> None:
        form = next((m for m in messages if m.form), None)
        if form is not None and where.trigger_id and self._open_form(where, form):
            # The form took the question's place: say what was read, not "see your DM".
            intro = Message.plain(form.form.intro if form.form else "")
            messages = [intro, *(m for m in messages if m is not form and not m.pointer)]
        for message in messages:
            try:
                self._send_one(where, message)
            except SlackApiError as exc:
                error = exc.response.get("error")
                log.warning("slack call failed for team %s: %s", where.team_id, error)
                self._tell_refused(where, message.channel, error, message.text)
            except Exception:  # network trouble must not take the app down
                log.exception("delivery failed for team %s", where.team_id)

    def send_rendered(self, where: Where, payloads: list[dict[str, Any]]) -> None:
        """Send messages drawn earlier by `rendered` (a job carries them as JSON)."""
        channel = where.channel_id or where.user_id
        for payload in payloads:
            try:
                for blocks in chunk_blocks(payload["blocks"]):
                    self.client.chat_postMessage(
                        channel=payload.get("channel") or channel,
                        text=payload["text"],
                        blocks=blocks,
                    )
            except SlackApiError as exc:
                error = exc.response.get("error")
                log.warning("slack call failed for team %s: %s", where.team_id, error)
                self._tell_refused(where, payload.get("channel"), error, payload["text"])

    def _tell_refused(
        self, where: Where, channel: str | None, error: str | None, title: str
    ) -> None:
        """A copy meant for a share channel that refused for good: tell the person who
        asked, in their DM, what to do (the copy they got themselves is already there)."""
        if not channel or channel[:1] not in ("C", "G") or channel == where.channel_id:
            return
        if error not in PERMANENT:
            return
        text = texts(where.lang)(f"share_refused.{error}", name=title, channel=channel)
        try:
            self.client.chat_postMessage(
                channel=where.user_id, text=text, blocks=to_blocks(ui.section(text))
            )
        except Exception:
            log.exception("could not tell team %s that %s refused", where.team_id, channel)

    def _send_one(self, where: Where, message: Message) -> None:
        text = slack_text(message.text)[:FALLBACK_MAX]
        channel = message.channel or _channel_for(where, message)
        for blocks in chunk_blocks(to_blocks(message.blocks)):
            if channel:
                thread = where.thread_ts if channel == where.channel_id else None
                self.client.chat_postMessage(
                    channel=channel, text=text, blocks=blocks, thread_ts=thread
                )
            elif where.respond is not None:
                kind = "in_channel" if message.target == "channel" else "ephemeral"
                where.respond(text=text, blocks=blocks, response_type=kind, replace_original=False)
            else:  # no conversation and no response_url (App Home): the coach's DM
                self.client.chat_postMessage(channel=where.user_id, text=text, blocks=blocks)
        if message.file is not None:
            self._upload(where, message)

    def _open_form(self, where: Where, message: Message) -> bool:
        """Show the form as a modal; False (and the DM question instead) if Slack refuses."""
        assert message.form is not None
        try:
            view = flow_modal(message.form, texts(where.lang), where.user_id)
            self.client.views_open(trigger_id=where.trigger_id, view=view)
            return True
        except SlackApiError as exc:
            log.info(
                "form for team %s shown in the DM instead: %s",
                where.team_id,
                exc.response.get("error"),
            )
            return False

    def _upload(self, where: Where, message: Message) -> None:
        """Into the conversation the request came from; the user's DM if the bot is not there."""
        assert message.file is not None
        upload = {
            "content": message.file.content,
            "filename": message.file.name,
            "title": message.file.title,
        }
        someone_elses_dm = bool(where.channel_id and where.channel_id[0] == "D") and not where.in_dm
        if where.channel_id and message.target != "dm" and not someone_elses_dm:
            try:
                self.client.files_upload_v2(channel=where.channel_id, **upload)
                return
            except SlackApiError as exc:
                log.info(
                    "upload to %s failed (%s), using the DM",
                    where.channel_id,
                    exc.response.get("error"),
                )
        opened = self.client.conversations_open(users=[where.user_id])
        self.client.files_upload_v2(channel=opened["channel"]["id"], **upload)


def _channel_for(where: Where, message: Message) -> str | None:
    """A channel to post in, or None for an ephemeral reply where the request came from."""
    if message.target == "dm":
        return where.user_id  # chat.postMessage to a user id lands in the app's DM
    if where.in_dm:
        return where.channel_id or where.user_id
    if message.target == "channel" and where.respond is None:
        return where.channel_id
    return None


def rendered(messages: list[Message]) -> list[dict[str, Any]]:
    """Messages drawn as Block Kit, as plain JSON; for `Delivery.send_rendered`."""
    return [
        {
            "text": slack_text(m.text)[:FALLBACK_MAX],
            "blocks": to_blocks(m.blocks),
            "channel": m.channel,
        }
        for m in messages
    ]
