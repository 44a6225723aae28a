"""`/coach <subcommand>`: acknowledged at once, answered after the ack."""

from __future__ import annotations

from slack_bolt import App

from coachbot.slack.delivery import Delivery, Where
from coachbot.slack.jobs import Dispatcher, job
from coachbot.slack.listeners.origin import is_coach_dm, lazy, team_of


@job("command")
def run_command(deps, body, client, respond) -> None:
    team_id, user_id = team_of(body), body["user_id"]
    channel_id = body.get("channel_id")
    where = Where(
        team_id=team_id,
        user_id=user_id,
        channel_id=channel_id,
        in_dm=is_coach_dm(deps, client, team_id, user_id, channel_id),
        respond=respond,
        trigger_id=body.get("trigger_id"),
    )
    messages = deps.answer(client, where, f"/coach {body.get('text', '')}")
    Delivery(client).send(where, messages)


def register(app: App, jobs: Dispatcher) -> None:
    def ack_coach(ack) -> None:
        ack()

    app.command("/coach")(ack=ack_coach, lazy=[lazy(jobs, "command")])
