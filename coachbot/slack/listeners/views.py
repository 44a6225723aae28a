"""Modals: checked and saved in the ack, so Slack shows errors in the modal itself, and
whatever follows a save (the DM announcement, a fresh Home) starts only after it committed.

Bolt starts lazy listeners at the same moment as the ack function, not after it (see
slack_bolt/listener/thread_runner.py), so follow-up work is not a lazy listener here: the
ack function hands it on once the save is done and Slack has its answer.
"""

from __future__ import annotations

import json

from slack_bolt import App

from coachbot.slack.delivery import Delivery, Where, rendered
from coachbot.slack.forms import FORM, submitted_inputs
from coachbot.slack.home import EDIT_CALLBACK, publish_home
from coachbot.slack.jobs import Dispatcher, job
from coachbot.slack.listeners.origin import lazy, stamped, team_of

# What the save said, drawn as Block Kit: the job that delivers it may run in another
# process, from the jobs table, so it carries plain JSON.
SAVED_MESSAGES = "coachbot_saved_messages"


def _where(body) -> Where:
    return Where(team_id=team_of(body), user_id=body["user"]["id"], channel_id=None, in_dm=True)


def _flow_of(view) -> str:
    return FORM.match(view["callback_id"])["flow"]


@job("refresh_home")
def refresh_home(deps, body, client, respond) -> None:
    publish_home(deps, client, deps.request(client, _where(body)))


@job("flow_form")
def announce_flow_form(deps, body, client, respond) -> None:
    where = _where(body)
    where.lang = deps.coach.language_of(where.team_id, where.user_id)
    Delivery(client).send_rendered(where, body.get(SAVED_MESSAGES) or [])


def _errors(view, problems: dict[str, str]) -> dict[str, str]:
    first_field = next(iter(view.get("state", {}).get("values", {})), "")
    return {(slot or first_field): text[:150] for slot, text in problems.items()}


def register(app: App, jobs: Dispatcher) -> None:
    deps = jobs.deps
    announce, refresh = lazy(jobs, "flow_form"), lazy(jobs, "refresh_home")

    def save_flow_form(ack, body, view, client, context) -> None:
        body = stamped(body, context)
        req = deps.request(client, _where(body))
        problems, messages = deps.coach.submit_form(req, _flow_of(view), submitted_inputs(view))
        if problems:
            ack(response_action="errors", errors=_errors(view, problems))
            return
        ack()
        announce(body={**body, SAVED_MESSAGES: rendered(messages)}, client=client, context=context)

    app.view(FORM)(save_flow_form)

    def save_section(ack, body, view, client, context) -> None:
        body = stamped(body, context)
        meta = json.loads(view.get("private_metadata") or "{}")
        req = deps.request(client, _where(body))
        problems = deps.coach.save_section(
            req, meta.get("section", ""), int(meta.get("version", 0)), submitted_inputs(view)
        )
        if problems:
            ack(response_action="errors", errors=_errors(view, problems))
            return
        ack()
        refresh(body=body, client=client, context=context)

    app.view(EDIT_CALLBACK)(save_section)
