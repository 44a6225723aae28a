"""`coachbot serve`: Socket Mode when SLACK_APP_TOKEN is set, otherwise HTTP on COACHBOT_PORT.

HTTP serves POST /slack/events (events, commands, interactivity), GET /healthz, and with
SLACK_CLIENT_ID/SECRET the OAuth pages /slack/install and /slack/oauth_redirect.

A request body larger than MAX_BODY_BYTES is refused with 413 before it is read (by its
Content-Length here, and by waitress for a chunked body); a POST to /slack/events is
checked for Slack's signature before anything parses it. No request body is logged.
"""

from __future__ import annotations

import io
import json
import logging
import signal
import sys
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier

from coachbot.core.coach import Coach
from coachbot.settings import Settings
from coachbot.slack.app import build_app
from coachbot.slack.client import web_client
from coachbot.slack.jobs import begin_request, durable_write_failed
from coachbot.slack.nudges import start_scheduler
from coachbot.slack.tokens import MissingEncryptionKey, fernet_for, undecryptable_tokens
from coachbot.slack.worker import WorkerPool, release_dead_claims
from coachbot.store import Store

log = logging.getLogger("coachbot.slack")
EVENTS_PATH = "/slack/events"
# Slack's largest payloads (a view submission with big inputs) are a few hundred KB.
MAX_BODY_BYTES = 1024 * 1024


def _refuse(start_response, status: str, text: bytes) -> list[bytes]:
    start_response(status, [("Content-Type", "text/plain")])
    return [text]


def make_wsgi(app: App, store: Store, signing_secret: str | None) -> Callable[..., Iterable[bytes]]:
    """The WSGI application: health check, guards Bolt lacks, then Bolt itself."""
    bolt = SlackRequestHandler(app, path=EVENTS_PATH)
    verifier = SignatureVerifier(signing_secret) if signing_secret else None

    def application(environ: dict[str, Any], start_response) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        length = environ.get("CONTENT_LENGTH") or "0"
        if not (length.isascii() and length.isdigit()) or int(length) > MAX_BODY_BYTES:
            log.warning("request refused: body over %s bytes", MAX_BODY_BYTES)
            return _refuse(start_response, "413 Content Too Large", b"request body too large")
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
                return _refuse(start_response, "401 Unauthorized", b"invalid request")
            # The signature before any parsing (Bolt parses first, and logs the whole body
            # of a request whose signature is wrong).
            body = environ["wsgi.input"].read(int(length))
            signature = environ.get("HTTP_X_SLACK_SIGNATURE", "")
            try:
                text = body.decode("utf-8")  # Slack sends UTF-8, always
            except UnicodeDecodeError:
                log.warning("unreadable request refused (%s bytes, not UTF-8)", len(body))
                return _refuse(start_response, "400 Bad Request", b"bad request")
            signed = signature.isascii() and (
                verifier is None or verifier.is_valid(text, stamp, signature)
            )
            if not signed:
                log.warning("unsigned request refused (%s bytes)", len(body))
                return _refuse(start_response, "401 Unauthorized", b"invalid request")
            environ["wsgi.input"] = io.BytesIO(body)
        begin_request()

        def answer(status: str, headers, exc_info=None):
            if durable_write_failed():  # not stored, so not taken: Slack may send it again
                status, headers = "503 Service Unavailable", [("Content-Type", "text/plain")]
            return start_response(status, headers, exc_info)

        try:
            return bolt(environ, answer)
        except Exception as exc:  # a body Bolt cannot even decode (not UTF-8, say)
            log.warning("unreadable request refused: %s", type(exc).__name__)
            start_response("400 Bad Request", [("Content-Type", "text/plain")])
            return [b"bad request"]

    return application


class NoBodies(logging.Filter):
    """Slack's libraries put request bodies (user text, response_url) into some of their
    log lines (a bad signature, a middleware without next()); those lines keep their
    level and logger, and lose the body."""

    MARKS = ("body", "response_url", "hooks.slack.com")

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("slack"):  # slack_bolt, slack_sdk
            message = record.getMessage()
            if any(mark in message for mark in self.MARKS):
                record.msg, record.args = "(a log line with a request body, left out)", ()
        return True


def _database_ok(store: Store) -> bool:
    try:
        store.db.execute("SELECT 1").fetchone()
        return True
    except Exception:
        log.exception("health check: database unavailable")
        return False


def build(settings: Settings, doorbell=None) -> tuple[App, Store]:
    store = Store(settings.db_path)
    return build_app(settings, store, Coach(store), doorbell), store


def serve(settings: Settings) -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    for handler in logging.getLogger().handlers:
        handler.addFilter(NoBodies())
    if not settings.slack_signing_secret and not settings.slack_app_token:
        print("coachbot serve: SLACK_SIGNING_SECRET is required in HTTP mode", file=sys.stderr)
        return 2
    if settings.slack_client_id and settings.slack_client_secret:
        try:
            fernet = fernet_for(settings.encryption_key)
        except MissingEncryptionKey as exc:
            print(f"coachbot serve: {exc}", file=sys.stderr)
            return 2
        bad = undecryptable_tokens(settings.db_path, fernet)
        if bad:
            print(
                f"coachbot serve: {bad} stored token(s) cannot be decrypted with "
                "COACHBOT_ENCRYPTION_KEY: start with the key they were saved with",
                file=sys.stderr,
            )
            return 2

    def stop(signum, frame) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)  # a fast stop: what is not done waits in the table
    # Acks are answered here; the work after them runs in a worker process on its own core.
    pool = WorkerPool(workers=settings.workers)
    try:
        return _serve(settings, pool)
    finally:
        pool.stop()


def _serve(settings: Settings, pool) -> int:
    app, store = build(settings, pool.ring)
    left = store.jobs.waiting()
    if left:
        freed = release_dead_claims(store)
        log.info("jobs: %s left by an earlier run (%s claims of dead workers freed)", left, freed)
        pool.ring()
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
    waitress_serve(
        make_wsgi(app, store, settings.slack_signing_secret),
        host="0.0.0.0",
        port=settings.port,
        threads=8,
        max_request_body_size=MAX_BODY_BYTES,  # a chunked body has no length to check first
    )
    return 0
