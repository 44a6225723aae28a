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
