"""The edit-a-section modal: validated in the ack, so errors show in the modal itself."""

from __future__ import annotations

import json

from slack_bolt import App

from coachbot.slack.delivery import Where
from coachbot.slack.deps import Deps
from coachbot.slack.home import EDIT_CALLBACK, publish_home, submitted_inputs


def register(app: App, deps: Deps) -> None:
    def _request(body, client):
        where = Where(
            team_id=body["team"]["id"], user_id=body["user"]["id"], channel_id=None, in_dm=True
        )
        return deps.request(client, where)

    def save_section(ack, body, view, client) -> None:
        meta = json.loads(view.get("private_metadata") or "{}")
        req = _request(body, client)
        problems = deps.coach.save_section(
            req, meta.get("section", ""), int(meta.get("version", 0)), submitted_inputs(view)
        )
        if problems:
            first_field = next(iter(view.get("state", {}).get("values", {})), "")
            errors = {(slot or first_field): text[:150] for slot, text in problems.items()}
            ack(response_action="errors", errors=errors)
        else:
            ack()

    def refresh_home(body, client) -> None:
        publish_home(deps, client, _request(body, client))

    app.view(EDIT_CALLBACK)(ack=save_section, lazy=[refresh_home])
