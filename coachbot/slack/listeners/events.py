"""Events: DM lines are answers, App Home opens, uninstall and revoked tokens."""

from __future__ import annotations

import logging

from slack_bolt import App

from coachbot.review.post import unslack
from coachbot.slack.delivery import Delivery, Where
from coachbot.slack.deps import Deps
from coachbot.slack.home import publish_home

log = logging.getLogger("coachbot.slack")


def register(app: App, deps: Deps) -> None:
    @app.event("message")
    def on_message(event, body, client) -> None:
        # Only what a person typed in their DM with the coach; not edits, joins or bots.
        if event.get("channel_type") != "im" or event.get("bot_id") or event.get("subtype"):
            return
        team_id = body.get("team_id") or event.get("team")
        user_id, channel_id = event["user"], event["channel"]
        where = Where(team_id=team_id, user_id=user_id, channel_id=channel_id, in_dm=True)
        req = deps.request(client, where)
        deps.store.teams.save_user(team_id, user_id, dm_channel=channel_id)
        messages = deps.coach.message(req, unslack(event.get("text", "")))
        Delivery(client).send(where, messages)

    @app.event("app_home_opened")
    def on_home(event, body, client) -> None:
        if event.get("tab") != "home":
            return
        team_id = body.get("team_id")
        where = Where(team_id=team_id, user_id=event["user"], channel_id=None, in_dm=False)
        publish_home(deps, client, deps.request(client, where))

    @app.event("app_uninstalled")
    @app.event("tokens_revoked")
    def on_gone(body) -> None:
        team_id = body.get("team_id")
        if team_id:
            deleted = deps.forget_team(team_id, body.get("enterprise_id"))
            log.info("team %s uninstalled or revoked: removed %s", team_id, deleted)
