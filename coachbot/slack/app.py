"""Building the Bolt app: one workspace by token, or many through OAuth. Wiring only."""

from __future__ import annotations

import logging
from http.client import RemoteDisconnected
from typing import Any
from urllib.error import URLError

from slack_bolt import App, BoltResponse
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.oauth.state_store.sqlite3 import SQLite3OAuthStateStore

from coachbot.core.coach import Coach
from coachbot.settings import Settings
from coachbot.slack.deps import Deps
from coachbot.slack.jobs import Dispatcher, installation_store_for
from coachbot.slack.listeners import actions, commands, events, shortcuts, views
from coachbot.slack.manifest import BOT_SCOPES
from coachbot.store import Store

log = logging.getLogger("coachbot.slack")

INSTALL_PATH = "/slack/install"
RETRIED_ERRORS = [URLError, ConnectionResetError, RemoteDisconnected, TimeoutError]
REDIRECT_PATH = "/slack/oauth_redirect"


def web_client(settings: Settings, token: str | None = None) -> WebClient:
    """A Web API client that waits out 429s (Retry-After) and retries passing faults."""
    return WebClient(
        token=token,
        base_url=settings.slack_api_url,
        timeout=int(settings.slack_timeout),
        retry_handlers=[
            RateLimitErrorRetryHandler(max_retry_count=3),
            # Timeouts too: a rare duplicate (Slack did get it) beats a lost reply.
            ConnectionErrorRetryHandler(max_retry_count=2, error_types=RETRIED_ERRORS),
            ServerErrorRetryHandler(max_retry_count=2),
        ],
    )


def build_app(settings: Settings, store: Store, coach: Coach, work_queue: Any | None = None) -> App:
    """The Bolt app with every listener registered; no network call is made here.

    With a work queue, after-ack work goes to worker processes (see jobs.py).
    """
    installation_store = None
    if settings.slack_client_id and settings.slack_client_secret:
        installation_store = installation_store_for(settings)
        oauth = OAuthSettings(
            client_id=settings.slack_client_id,
            client_secret=settings.slack_client_secret,
            scopes=BOT_SCOPES,
            installation_store=installation_store,
            state_store=SQLite3OAuthStateStore(
                database=str(settings.db_path), expiration_seconds=600
            ),
            install_path=INSTALL_PATH,
            redirect_uri_path=REDIRECT_PATH,
        )
        app = App(
            signing_secret=settings.slack_signing_secret,
            client=web_client(settings),
            oauth_settings=oauth,
            installation_store=installation_store,
        )
    else:
        app = App(
            signing_secret=settings.slack_signing_secret,
            client=web_client(settings, settings.slack_bot_token),
            token_verification_enabled=False,
        )
    deps = Deps(coach=coach, store=store, installation_store=installation_store)
    jobs = Dispatcher(deps, work_queue)
    app.middleware(_dedupe_events(store))
    for group in (commands, events, actions, shortcuts, views):
        group.register(app, jobs)

    @app.error
    def on_error(error, body) -> BoltResponse | None:
        if isinstance(error, MALFORMED):
            # A payload without the fields Slack always sends: refuse it, don't retry it.
            log.warning(
                "malformed request for team %s refused: %s", _team_of(body), type(error).__name__
            )
            return BoltResponse(status=400, body="")
        log.error("listener failed for team %s: %r", _team_of(body), error)
        return None  # Bolt answers 500, and Slack retries events: right for passing faults

    return app


MALFORMED = (KeyError, TypeError, AttributeError, IndexError, ValueError)


def _team_of(body) -> str | None:
    if not isinstance(body, dict):
        return None
    team = body.get("team")
    return body.get("team_id") or (team.get("id") if isinstance(team, dict) else None)


def _dedupe_events(store: Store):
    """Slack re-sends an event it thinks was lost (X-Slack-Retry-Num): handle each once."""

    def dedupe_events(body, next) -> BoltResponse | None:
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not store.processed.first_time(f"event:{event_id}", body.get("team_id")):
            return BoltResponse(status=200, body="")
        return next()

    return dedupe_events
