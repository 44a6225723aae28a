"""Building the Bolt app: one workspace by token, or many through OAuth. Wiring only."""

from __future__ import annotations

import logging
from collections.abc import Callable

from slack_bolt import App, BoltResponse
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_bolt.oauth.oauth_settings import OAuthSettings

from coachbot.core.coach import Coach
from coachbot.settings import Settings
from coachbot.slack.client import installation_store_for, web_client
from coachbot.slack.deps import Deps
from coachbot.slack.jobs import Dispatcher, InlineExecutor
from coachbot.slack.listeners import actions, commands, events, shortcuts, views
from coachbot.slack.manifest import BOT_SCOPES
from coachbot.slack.oauth_state import SignedOAuthStateStore
from coachbot.store import Store

log = logging.getLogger("coachbot.slack")

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"


def build_app(
    settings: Settings, store: Store, coach: Coach, doorbell: Callable[[], None] | None = None
) -> App:
    """The Bolt app with every listener registered; no network call is made here.

    With a doorbell, after-ack work is stored in the jobs table before the ack and the
    doorbell wakes a worker process (see worker.py); without one it runs in place.
    """
    durable = doorbell is not None
    # Durable: listeners run in the request's thread, so a job is stored before the 200.
    executor = {"listener_executor": InlineExecutor()} if durable else {}
    installation_store = None
    if settings.slack_client_id and settings.slack_client_secret:
        installation_store = installation_store_for(settings)
        oauth = OAuthSettings(
            client_id=settings.slack_client_id,
            client_secret=settings.slack_client_secret,
            scopes=BOT_SCOPES,
            installation_store=installation_store,
            state_store=SignedOAuthStateStore(store, settings.slack_client_secret),
            install_path=INSTALL_PATH,
            redirect_uri_path=REDIRECT_PATH,
        )
        app = App(
            signing_secret=settings.slack_signing_secret,
            client=web_client(settings),
            oauth_settings=oauth,
            installation_store=installation_store,
            **executor,
        )
    else:
        app = App(
            signing_secret=settings.slack_signing_secret,
            client=web_client(settings, settings.slack_bot_token),
            token_verification_enabled=False,
            **executor,
        )
    deps = Deps(coach=coach, store=store, installation_store=installation_store)
    jobs = Dispatcher(deps, durable=durable, doorbell=doorbell)
    app.middleware(_dedupe_events(store, durable))
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


class _NoTokenNotice(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN itself and, given our client (which carries that very
    token, with our retries and API address), warns on every start that the token is
    unused. It is used: through the client. That one notice is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


logging.getLogger("slack_bolt.App").addFilter(_NoTokenNotice())


def _dedupe_events(store: Store, durable: bool):
    """Slack re-sends an event it thinks was lost (X-Slack-Retry-Num): handle each once.

    Durable, the key is written with the event's job, in one transaction (jobs.py):
    a process that dies between the two cannot drop the retry of an event it never stored.
    """

    def dedupe_events(body, next) -> BoltResponse | None:
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id:
            key = f"event:{event_id}"
            seen = (
                store.processed.seen(key)
                if durable
                else not store.processed.first_time(key, body.get("team_id"))
            )
            if seen:
                return BoltResponse(status=200, body="")
        return next()

    return dedupe_events
