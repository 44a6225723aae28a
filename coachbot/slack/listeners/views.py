"""Modals: checked and saved in the ack, so Slack shows errors in the modal itself, and
whatever follows a save (the DM announcement, a fresh Home) starts only after it committed.

Bolt starts lazy listeners at the same moment as the ack function, not after it (see
slack_bolt/listener/thread_runner.py), so follow-up work is not a lazy listener here: the
ack function hands it on once the save is done and Slack has its answer.
"""

from __future__ import annotations

import json

from slack_bolt import App

from coachbot.slack.delivery import Delivery, Where
from coachbot.slack.forms import CAMPAIGN_FORM, submitted_inputs
from coachbot.slack.home import EDIT_CALLBACK, publish_home
from coachbot.slack.jobs import Dispatcher, job
from coachbot.slack.listeners.origin import lazy, stamped, team_of

SAVED_MESSAGES = "coachbot_saved_messages"  # what the save said, for the job that delivers it


def _where(body) -> Where:
    return Where(team_id=team_of(body), user_id=body["user"]["id"], channel_id=None, in_dm=True)


@job("refresh_home")
def refresh_home(deps, body, client, respond) -> None:
    publish_home(deps, client, deps.request(client, _where(body)))


@job("campaign_form")
def announce_campaign(deps, body, client, respond) -> None:
    where = _where(body)
    where.lang = deps.coach.language_for(deps.request(client, where))
    Delivery(client).send(where, body.get(SAVED_MESSAGES) or [])


def _errors(view, problems: dict[str, str]) -> dict[str, str]:
    first_field = next(iter(view.get("state", {}).get("values", {})), "")
    return {(slot or first_field): text[:150] for slot, text in problems.items()}


def register(app: App, jobs: Dispatcher) -> None:
    deps = jobs.deps
    announce, refresh = lazy(jobs, "campaign_form"), lazy(jobs, "refresh_home")

    def save_campaign_form(ack, body, view, client, context) -> None:
        body = stamped(body, context)
        req = deps.request(client, _where(body))
        problems, messages = deps.coach.submit_form(req, "campaign", submitted_inputs(view))
        if problems:
            ack(response_action="errors", errors=_errors(view, problems))
            return
        ack()
        announce(body={**body, SAVED_MESSAGES: messages}, client=client, context=context)

    app.view(CAMPAIGN_FORM)(save_campaign_form)

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
