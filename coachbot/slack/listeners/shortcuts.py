"""The message shortcut "Review with coach": review any message, answered privately."""

from __future__ import annotations

from slack_bolt import App

from coachbot.slack.delivery import Delivery, Where
from coachbot.slack.deps import Deps

CALLBACK_ID = "review_with_coach"


def register(app: App, deps: Deps) -> None:
    def ack_only(ack) -> None:
        ack()

    def review_message(body, client, respond) -> None:
        team_id = body["team"]["id"]
        user_id = body["user"]["id"]
        channel_id = (body.get("channel") or {}).get("id")
        where = Where(
            team_id=team_id, user_id=user_id, channel_id=channel_id, in_dm=False, respond=respond
        )
        text = (body.get("message") or {}).get("text", "")
        messages = deps.coach.review(deps.request(client, where), text)
        Delivery(client).send(where, messages)

    app.shortcut(CALLBACK_ID)(ack=ack_only, lazy=[review_message])
