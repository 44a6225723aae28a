"""What every listener needs: the core, the store, and how to build a Request."""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import InstallationStore

from coachbot.core.coach import Coach
from coachbot.core.request import Request
from coachbot.slack.delivery import Where
from coachbot.slack.people import request_for
from coachbot.store import Store


@dataclass
class Deps:
    coach: Coach
    store: Store
    installation_store: InstallationStore | None = None

    def request(self, client: WebClient, where: Where) -> Request:
        return request_for(
            self.store, client, where.team_id, where.user_id, where.channel_id, where.in_dm
        )

    def forget_team(self, team_id: str, enterprise_id: str | None = None) -> dict[str, int]:
        return forget_everything(self.store, self.installation_store, team_id, enterprise_id)

    def is_users_dm(self, team_id: str, user_id: str, channel_id: str | None) -> bool:
        """True when channel_id is this user's DM with the coach (learned from message.im)."""
        known = self.store.teams.user(team_id, user_id) or {}
        return bool(channel_id) and known.get("dm_channel") == channel_id


def forget_everything(
    store: Store,
    installations: InstallationStore | None,
    team_id: str,
    enterprise_id: str | None = None,
) -> dict[str, int]:
    """Every row of the team, and its tokens: nothing of it stays behind (uninstall,
    revoked tokens, `coachbot forget`)."""
    deleted = store.forget_team(team_id)
    if installations is not None:
        installations.delete_all(enterprise_id=enterprise_id, team_id=team_id)
    return deleted
