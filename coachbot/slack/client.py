"""Slack Web API clients and the installation store, as every Slack process builds them."""

from __future__ import annotations

from http.client import RemoteDisconnected
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.oauth.installation_store.sqlite3 import SQLite3InstallationStore

from coachbot.settings import Settings
from coachbot.slack.tokens import EncryptedInstallationStore, fernet_for

RETRIED_ERRORS = [URLError, ConnectionResetError, RemoteDisconnected, TimeoutError]


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


def installation_store_for(settings: Settings) -> EncryptedInstallationStore | None:
    """slack_sdk's SQLite store in our database, with tokens encrypted (OAuth mode only)."""
    if not (settings.slack_client_id and settings.slack_client_secret):
        return None
    inner = SQLite3InstallationStore(
        database=str(settings.db_path), client_id=settings.slack_client_id
    )
    return EncryptedInstallationStore(inner, fernet_for(settings.encryption_key))
