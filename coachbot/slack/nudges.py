"""Sending nudges to Slack from the scheduler: no incoming request, so the team's token
is looked up here (the single workspace's, or the installation's in OAuth mode)."""

from __future__ import annotations

import threading

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.token_rotation import TokenRotator

from coachbot.campaigns.scheduler import Scheduler, Undeliverable
from coachbot.core.coach import Coach
from coachbot.core.messages import Message
from coachbot.settings import Settings
from coachbot.slack.blocks import slack_text, to_blocks
from coachbot.slack.client import installation_store_for, web_client
from coachbot.slack.delivery import FALLBACK_MAX, MAX_BLOCKS, PERMANENT, chunk_blocks

ROTATE_MINUTES_BEFORE = 120


class NudgeSender:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.installations = installation_store_for(settings)
        self._clients: dict[str, WebClient] = {}
        self.max_blocks = MAX_BLOCKS

    def client_for(self, team_id: str) -> WebClient:
        if self.installations is None:
            token = self.settings.slack_bot_token
        else:
            bot = self.installations.find_bot(enterprise_id=None, team_id=team_id)
            if bot is None:
                raise LookupError(f"no installation for team {team_id}")
            if bot.bot_refresh_token:
                # With token rotation on, tokens expire every 12 hours; Bolt refreshes them
                # on incoming requests, but a scheduled nudge has none: refresh here.
                refreshed = self._rotator().perform_bot_token_rotation(
                    bot=bot, minutes_before_expiration=ROTATE_MINUTES_BEFORE
                )
                if refreshed is not None:
                    self.installations.save_bot(refreshed)
                    bot = refreshed
            token = bot.bot_token
        key = f"{team_id}:{token}"
        if key not in self._clients:
            self._clients[key] = web_client(self.settings, token)
        return self._clients[key]

    def _rotator(self) -> TokenRotator:
        return TokenRotator(
            client_id=self.settings.slack_client_id or "",
            client_secret=self.settings.slack_client_secret or "",
            client=web_client(self.settings),
        )

    def parts(self, message: Message) -> int:
        """How many Slack messages this one becomes (Block Kit allows 50 blocks each)."""
        return len(chunk_blocks(to_blocks(message.blocks), self.max_blocks))

    def send_part(self, team_id: str, message: Message, part: int) -> None:
        """Post one part; a refusal for good raises `Undeliverable`, anything else is
        raised as it is, for the scheduler to retry this recipient later."""
        client = self.client_for(team_id)
        text = slack_text(message.text)[:FALLBACK_MAX]
        blocks = chunk_blocks(to_blocks(message.blocks), self.max_blocks)[part]
        try:
            client.chat_postMessage(channel=message.channel, text=text, blocks=blocks)
        except SlackApiError as exc:
            error = str(exc.response.get("error") or "")
            if error in PERMANENT:
                raise Undeliverable(error) from exc
            raise

    def __call__(self, team_id: str, message: Message) -> None:
        for part in range(self.parts(message)):
            self.send_part(team_id, message, part)


def start_scheduler(settings: Settings, coach: Coach) -> threading.Event:
    """The scheduler thread of `coachbot serve`; set the returned event to stop it."""
    stop = threading.Event()
    scheduler = Scheduler(coach, NudgeSender(settings), lease_seconds=settings.nudge_lease_seconds)
    thread = threading.Thread(
        target=scheduler.run, args=(stop, settings.tick_seconds), name="nudges", daemon=True
    )
    thread.start()
    return stop
