"""Events: DM lines are answers, DM uploads are analytics exports, App Home opens,
uninstall and revoked tokens."""

from __future__ import annotations

import logging

from slack_bolt import App

from coachbot.analytics.fill import shown_name
from coachbot.core.messages import Message, escape
from coachbot.i18n import texts
from coachbot.slack.delivery import Delivery, Where
from coachbot.slack.files import FileProblem, fetch, looks_like_a_table
from coachbot.slack.home import publish_home
from coachbot.slack.jobs import Dispatcher, job
from coachbot.slack.listeners.origin import enterprise_of, lazy, team_of

log = logging.getLogger("coachbot.slack")


@job("dm")
def on_message(deps, body, client, respond) -> None:
    event = body["event"]
    team_id = team_of(body)
    user_id, channel_id = event["user"], event["channel"]
    where = Where(
        team_id=team_id,
        user_id=user_id,
        channel_id=channel_id,
        in_dm=True,
        thread_ts=event.get("thread_ts"),
    )
    upload = _export_upload(event)
    if upload is not None:
        messages = _read_upload(deps, client, where, upload)
    else:
        messages = deps.answer(client, where, event.get("text", ""))
    deps.store.teams.save_user(team_id, user_id, dm_channel=channel_id)
    Delivery(client).send(where, messages)


def _export_upload(event) -> dict | None:
    """The uploaded file to read as an analytics export: a table-like file, or any file
    sent without words (a file with words and no table is read as the words)."""
    if event.get("subtype") != "file_share":
        return None
    files = [f for f in event.get("files") or [] if isinstance(f, dict) and f.get("id")]
    table = next((f for f in files if looks_like_a_table(f)), None)
    if table is None and files and not (event.get("text") or "").strip():
        table = files[0]
    return table


def _read_upload(deps, client, where: Where, file: dict) -> list[Message]:
    """Fetched into memory, handed to the coach, dropped: the bytes are not kept."""
    req = deps.request(client, where)
    where.lang = deps.coach.language_for(req)
    t = texts(where.lang)
    try:
        fetched = fetch(client, str(file["id"]))
    except FileProblem as problem:
        if problem.key == "too_big":
            return deps.coach.analytics.too_big(problem.name, problem.size, t)
        name = escape(shown_name(problem.name))
        return [Message.plain(t("analytics.errors.download_failed", file=name))]
    return deps.coach.analytics_file(req, fetched.name, fetched.data)


@job("home")
def on_home(deps, body, client, respond) -> None:
    where = Where(team_id=team_of(body), user_id=body["event"]["user"], channel_id=None, in_dm=True)
    publish_home(deps, client, deps.request(client, where))


@job("gone")
def on_gone(deps, body, client, respond) -> None:
    # Either may come first, and both may come: forgetting twice is harmless.
    team_id = team_of(body)
    event = body.get("event") or {}
    if event.get("type") == "tokens_revoked" and not (event.get("tokens") or {}).get("bot"):
        # Only people's own tokens went: the coach is still installed and still works.
        log.info("team %s: user tokens revoked, the bot's kept", team_id)
        return
    deleted = deps.forget_team(team_id, enterprise_of(body))
    log.info("team %s uninstalled or revoked: removed %s", team_id, deleted)


# What a person wrote: a plain line, one with a file attached, one also sent to the DM.
LINE_SUBTYPES = (None, "file_share", "thread_broadcast")


def _is_dm_line(event) -> bool:
    """Only what a person typed in their DM with the coach; not edits, joins or bots."""
    return (
        event.get("channel_type") == "im"
        and not event.get("bot_id")
        and event.get("subtype") in LINE_SUBTYPES
        and bool(event.get("user"))
        and (
            event.get("subtype") != "file_share"
            or bool((event.get("text") or "").strip())
            or bool(event.get("files"))
        )
    )


def register(app: App, jobs: Dispatcher) -> None:
    dm, home, gone = lazy(jobs, "dm"), lazy(jobs, "home"), lazy(jobs, "gone")

    @app.event("message")
    def message(event, body, client, context) -> None:
        if _is_dm_line(event):
            dm(body=body, client=client, context=context)

    @app.event("app_home_opened")
    def home_opened(event, body, client, context) -> None:
        if event.get("tab") == "home":
            home(body=body, client=client, context=context)

    def forget(body, client, context) -> None:
        gone(body=body, client=client, context=context)

    app.event("app_uninstalled")(forget)
    app.event("tokens_revoked")(forget)
