"""The message shortcut "Review with coach": review any message, answered privately."""

from __future__ import annotations

from slack_bolt import App

from coachbot.slack.delivery import Delivery, Where
from coachbot.slack.jobs import Dispatcher, job
from coachbot.slack.listeners.origin import lazy, team_of

CALLBACK_ID = "review_with_coach"


@job("shortcut_review")
def review_message(deps, body, client, respond) -> None:
    team_id = team_of(body)
    user_id = body["user"]["id"]
    channel_id = (body.get("channel") or {}).get("id")
    where = Where(
        team_id=team_id, user_id=user_id, channel_id=channel_id, in_dm=False, respond=respond
    )
    text = (body.get("message") or {}).get("text", "")
    messages = deps.review(client, where, text)
    Delivery(client).send(where, messages)


def register(app: App, jobs: Dispatcher) -> None:
    def ack_only(ack) -> None:
        ack()

    app.shortcut(CALLBACK_ID)(ack=ack_only, lazy=[lazy(jobs, "shortcut_review")])
