"""The edit-a-section modal: validated in the ack, so errors show in the modal itself."""

from __future__ import annotations

import json

from slack_bolt import App

from coachbot.slack.delivery import Where
from coachbot.slack.home import EDIT_CALLBACK, publish_home, submitted_inputs
from coachbot.slack.jobs import Dispatcher, job


def _request(deps, body, client):
    where = Where(
        team_id=body["team"]["id"], user_id=body["user"]["id"], channel_id=None, in_dm=True
    )
    return deps.request(client, where)


@job("refresh_home")
def refresh_home(deps, body, client, respond) -> None:
    publish_home(deps, client, _request(deps, body, client))


def register(app: App, jobs: Dispatcher) -> None:
    deps = jobs.deps

    def save_section(ack, body, view, client) -> None:
        # Runs before the ack on purpose: Slack shows errors only in the ack's response.
        meta = json.loads(view.get("private_metadata") or "{}")
        req = _request(deps, body, client)
        problems = deps.coach.save_section(
            req, meta.get("section", ""), int(meta.get("version", 0)), submitted_inputs(view)
        )
        if problems:
            first_field = next(iter(view.get("state", {}).get("values", {})), "")
            errors = {(slot or first_field): text[:150] for slot, text in problems.items()}
            ack(response_action="errors", errors=errors)
        else:
            ack()

    app.view(EDIT_CALLBACK)(ack=save_section, lazy=[jobs.lazy("refresh_home")])
