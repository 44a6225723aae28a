"""Modals: a flow's form and the edit-a-section form, validated in the ack, so errors show
in the modal itself."""

from __future__ import annotations

import json

from slack_bolt import App

from coachbot.slack.delivery import Delivery, Where
from coachbot.slack.forms import FORM, submitted_inputs
from coachbot.slack.home import EDIT_CALLBACK, publish_home
from coachbot.slack.jobs import Dispatcher, job


def _request(deps, body, client):
    where = Where(
        team_id=body["team"]["id"], user_id=body["user"]["id"], channel_id=None, in_dm=True
    )
    return deps.request(client, where)


@job("refresh_home")
def refresh_home(deps, body, client, respond) -> None:
    publish_home(deps, client, _request(deps, body, client))


def _flow_of(view) -> str:
    return FORM.match(view["callback_id"])["flow"]


@job("flow_form")
def finish_flow_form(deps, body, client, respond) -> None:
    req = _request(deps, body, client)
    view = body["view"]
    problems, messages = deps.coach.submit_form(req, _flow_of(view), submitted_inputs(view))
    if not problems:
        where = Where(team_id=req.team_id, user_id=req.user_id, channel_id=None, in_dm=True)
        Delivery(client).send(where, messages)


def _errors(view, problems: dict[str, str]) -> dict[str, str]:
    first_field = next(iter(view.get("state", {}).get("values", {})), "")
    return {(slot or first_field): text[:150] for slot, text in problems.items()}


def register(app: App, jobs: Dispatcher) -> None:
    deps = jobs.deps

    def check_flow_form(ack, body, view, client) -> None:
        req = _request(deps, body, client)
        problems, _ = deps.coach.submit_form(
            req, _flow_of(view), submitted_inputs(view), check_only=True
        )
        if problems:
            ack(response_action="errors", errors=_errors(view, problems))
        else:
            ack()

    app.view(FORM)(ack=check_flow_form, lazy=[jobs.lazy("flow_form")])

    def save_section(ack, body, view, client) -> None:
        # Runs before the ack on purpose: Slack shows errors only in the ack's response.
        meta = json.loads(view.get("private_metadata") or "{}")
        req = _request(deps, body, client)
        problems = deps.coach.save_section(
            req, meta.get("section", ""), int(meta.get("version", 0)), submitted_inputs(view)
        )
        if problems:
            ack(response_action="errors", errors=_errors(view, problems))
        else:
            ack()

    app.view(EDIT_CALLBACK)(ack=save_section, lazy=[jobs.lazy("refresh_home")])
