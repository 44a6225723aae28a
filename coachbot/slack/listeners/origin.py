"""Where a request came from: the team Bolt authorised, and which conversation it is.

The team is the one Bolt's authorization resolved (its `context`), stamped into the
body handed to each after-ack job, which sees only the body. A `team.id` in the body is
never trusted: a view opened in a Slack Connect channel names another workspace there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient

from coachbot.slack.delivery import Respond, Where
from coachbot.slack.people import coach_dm

AUTHORISED = "coachbot_authorised"  # the body key a job reads its team from


def stamped(body: dict[str, Any], context: Any) -> dict[str, Any]:
    """The body with the team (and enterprise) Bolt authorised for this request."""
    result = context.authorize_result
    authorised = {
        "team_id": (result.team_id if result else None) or context.team_id,
        "enterprise_id": (result.enterprise_id if result else None) or context.enterprise_id,
    }
    return {**body, AUTHORISED: authorised}


def lazy(jobs, name: str) -> Callable[..., None]:
    """The job `name` as a Bolt lazy listener (or a call after the ack), given the body
    stamped with the authorised team."""
    run = jobs.lazy(name)

    def authorised_job(body, client, context, respond=None) -> None:
        run(body=stamped(body, context), client=client, context=context, respond=respond)

    authorised_job.__name__ = run.__name__
    return authorised_job


def team_of(body: dict[str, Any]) -> str:
    team = (body.get(AUTHORISED) or {}).get("team_id")
    if not team:
        raise KeyError("no authorised team")  # refused as malformed: nothing to act on
    return team


def enterprise_of(body: dict[str, Any]) -> str | None:
    return (body.get(AUTHORISED) or {}).get("enterprise_id")


def is_coach_dm(deps, client: WebClient, team_id: str, user_id: str, channel: str | None) -> bool:
    """True only for this person's DM with the coach, not a DM between two people."""
    if not channel or not channel.startswith("D"):
        return False
    return coach_dm(deps.store, client, team_id, user_id) == channel


def where_for_click(
    deps, body: dict[str, Any], client: WebClient, respond: Respond | None
) -> Where:
    """A button: from Home the reply goes to the DM; from an ephemeral reply or a channel
    the bot may not be in, through the payload's response_url; in the DM, into the DM."""
    team_id, user_id = team_of(body), body["user"]["id"]
    container = body.get("container") or {}
    if container.get("type") == "view":  # App Home or a modal: no conversation at all
        return Where(team_id=team_id, user_id=user_id, channel_id=None, in_dm=True)
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    if not container.get("is_ephemeral") and is_coach_dm(deps, client, team_id, user_id, channel):
        return Where(team_id=team_id, user_id=user_id, channel_id=channel, in_dm=True)
    return Where(team_id=team_id, user_id=user_id, channel_id=channel, in_dm=False, respond=respond)
