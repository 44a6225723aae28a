"""What every listener needs: the core, the store, a Request, and the text as typed."""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import InstallationStore

from coachbot.core.coach import Coach
from coachbot.core.messages import Message
from coachbot.core.request import Request
from coachbot.slack.delivery import Where
from coachbot.slack.incoming import unslack
from coachbot.slack.people import request_for
from coachbot.store import Store, forget_everything


@dataclass
class Deps:
    coach: Coach
    store: Store
    installation_store: InstallationStore | None = None

    def request(self, client: WebClient, where: Where) -> Request:
        return request_for(
            self.store, client, where.team_id, where.user_id, where.channel_id, where.in_dm
        )

    def answer(self, client: WebClient, where: Where, text: str) -> list[Message]:
        """A line typed or clicked in Slack (a `/coach` command or an answer), as the core's
        reply. Every incoming text passes here or through `review`: Slack's markup is
        undone once, in this one place."""
        req = self.request(client, where)
        where.lang = self.coach.language_for(req)
        return self.coach.message(req, unslack(text))

    def review(self, client: WebClient, where: Where, text: str) -> list[Message]:
        """A message someone asked the coach to review."""
        return self.coach.review(self.request(client, where), unslack(text))

    def forget_team(self, team_id: str, enterprise_id: str | None = None) -> dict[str, int]:
        return forget_everything(self.store, self.installation_store, team_id, enterprise_id)

    def is_users_dm(self, team_id: str, user_id: str, channel_id: str | None) -> bool:
        """True when channel_id is this user's DM with the coach (learned from message.im)."""
        known = self.store.teams.user(team_id, user_id) or {}
        return bool(channel_id) and known.get("dm_channel") == channel_id
