"""Who is asking: the user's Slack locale and time zone, looked up once a day."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from coachbot.core.request import Request
from coachbot.store import Store

log = logging.getLogger("coachbot.slack")
REFRESH_AFTER = timedelta(hours=24)


def request_for(
    store: Store,
    client: WebClient,
    team_id: str,
    user_id: str,
    channel_id: str | None,
    in_dm: bool,
) -> Request:
    """A Request with the user's locale and time zone (users.info, include_locale)."""
    known = store.teams.user(team_id, user_id)
    fresh = False
    if known:
        updated = datetime.fromisoformat(known["updated_at"])
        fresh = datetime.now(UTC) - updated < REFRESH_AFTER
    if not fresh:
        try:
            info = client.users_info(user=user_id, include_locale=True)["user"]
            store.teams.save_user(team_id, user_id, locale=info.get("locale"), tz=info.get("tz"))
            known = store.teams.user(team_id, user_id)
        except SlackApiError as exc:
            log.info("users.info failed for team %s: %s", team_id, exc.response.get("error"))
        except Exception:
            log.exception("users.info failed for team %s", team_id)
    known = known or {}
    return Request(
        team_id=team_id,
        user_id=user_id,
        channel_id=channel_id,
        in_dm=in_dm,
        locale=known.get("locale"),
        tz=known.get("tz"),
    )


def coach_dm(store: Store, client: WebClient, team_id: str, user_id: str) -> str | None:
    """The id of this person's DM with the coach: remembered, or asked of Slack once
    (conversations.open returns the existing DM). None if Slack cannot say."""
    known = store.teams.user(team_id, user_id)
    if known and known.get("dm_channel"):
        return known["dm_channel"]
    try:
        channel = client.conversations_open(users=[user_id])["channel"]["id"]
    except SlackApiError as exc:
        log.info("conversations.open failed for team %s: %s", team_id, exc.response.get("error"))
        return None
    if known:  # a new row would pass for a fresh users.info; request_for writes that one
        store.teams.save_user(team_id, user_id, dm_channel=channel)
    return channel
