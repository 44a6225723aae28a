"""`coachbot serve`: Socket Mode when SLACK_APP_TOKEN is set, otherwise HTTP on COACHBOT_PORT.

HTTP serves POST /slack/events (events, commands, interactivity), GET /healthz, and with
SLACK_CLIENT_ID/SECRET the OAuth pages /slack/install and /slack/oauth_redirect.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk.errors import SlackApiError

from coachbot.core.coach import Coach
from coachbot.settings import Settings
from coachbot.slack.app import build_app
from coachbot.slack.client import web_client
from coachbot.slack.nudges import start_scheduler
from coachbot.slack.tokens import MissingEncryptionKey, fernet_for
from coachbot.slack.worker import WorkerPool
from coachbot.store import Store

log = logging.getLogger("coachbot.slack")
EVENTS_PATH = "/slack/events"


def make_wsgi(app: App, store: Store) -> Callable[..., Iterable[bytes]]:
    """The WSGI application: health check, a guard Bolt lacks, then Bolt itself."""
    bolt = SlackRequestHandler(app, path=EVENTS_PATH)

    def application(environ: dict[str, Any], start_response) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == "/healthz" and method in ("GET", "HEAD"):
            healthy = _database_ok(store)
            body = json.dumps({"ok": healthy}).encode()
            status = "200 OK" if healthy else "503 Service Unavailable"
            start_response(status, [("Content-Type", "application/json")])
            return [body]
        if method == "POST" and path == EVENTS_PATH:
            # Bolt turns a non-numeric timestamp into a 500 (int() inside verification);
            # such a request is simply unsigned: 401, and nothing runs.
            stamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
            if not (stamp.isascii() and stamp.isdigit()):  # "²".isdigit() is True
                start_response("401 Unauthorized", [("Content-Type", "text/plain")])
                return [b"invalid request"]
        try:
            return bolt(environ, start_response)
        except Exception as exc:  # a body Bolt cannot even decode (not UTF-8, say)
            log.warning("unreadable request refused: %s", type(exc).__name__)
            start_response("400 Bad Request", [("Content-Type", "text/plain")])
            return [b"bad request"]

    return application


def _database_ok(store: Store) -> bool:
    try:
        store.db.execute("SELECT 1").fetchone()
        return True
    except Exception:
        log.exception("health check: database unavailable")
        return False


def build(settings: Settings, work_queue=None) -> tuple[App, Store]:
    store = Store(settings.db_path)
    return build_app(settings, store, Coach(store), work_queue), store


def serve(settings: Settings) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if not settings.slack_signing_secret and not settings.slack_app_token:
        print("coachbot serve: SLACK_SIGNING_SECRET is required in HTTP mode", file=sys.stderr)
        return 2
    if settings.slack_client_id and settings.slack_client_secret:
        try:
            fernet_for(settings.encryption_key)
        except MissingEncryptionKey as exc:
            print(f"coachbot serve: {exc}", file=sys.stderr)
            return 2

    def stop(signum, frame) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)  # so the workers are stopped, not orphaned
    # Acks are answered here; the work after them runs in a worker process on its own core.
    pool = WorkerPool(workers=settings.workers)
    try:
        return _serve(settings, pool)
    finally:
        pool.stop()


def _serve(settings: Settings, pool) -> int:
    app, store = build(settings, pool.queue)
    stop_nudges = start_scheduler(settings, Coach(store))
    try:
        return _listen(settings, app, store)
    finally:
        stop_nudges.set()


def _listen(settings: Settings, app: App, store: Store) -> int:
    if settings.slack_bot_token and not settings.slack_client_id:
        try:
            who = web_client(settings, settings.slack_bot_token).auth_test()
            log.info("connected to workspace %s as %s", who.get("team"), who.get("user"))
        except SlackApiError as exc:
            print(
                f"coachbot serve: Slack refused the bot token ({exc.response.get('error')})",
                file=sys.stderr,
            )
            return 2
        except OSError as exc:  # URLError, refused, timed out: Slack cannot be reached
            reason = getattr(exc, "reason", exc)
            print(
                f"coachbot serve: cannot reach Slack at {settings.slack_api_url} ({reason})",
                file=sys.stderr,
            )
            return 2
    if settings.slack_app_token:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        log.info("Socket Mode: connecting to Slack")
        SocketModeHandler(app, settings.slack_app_token).start()
        return 0
    from waitress import serve as waitress_serve

    log.info("HTTP mode on port %s: POST %s, GET /healthz", settings.port, EVENTS_PATH)
    waitress_serve(make_wsgi(app, store), host="0.0.0.0", port=settings.port, threads=8)
    return 0
