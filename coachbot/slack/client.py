"""Slack Web API clients and the installation store, as every Slack process builds them."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import closing
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
from coachbot.store.db import open_database
from coachbot.store.repos import write_transaction

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
    create_tables_once(inner)
    return EncryptedInstallationStore(inner, fernet_for(settings.encryption_key))


def create_tables_once(inner: SQLite3InstallationStore) -> None:
    """slack_sdk creates its tables on first use by checking, then creating: the web
    process and its workers opening a new file at once can both find them missing, and
    the second CREATE fails. Here the check and the create are one write transaction.
    The statements are slack_sdk's own, read from a scratch file it set up."""
    db = open_database(inner.database, migrate=False)  # owner-only, WAL, busy timeout
    try:
        if _has_tables(db.conn):
            return
        with tempfile.TemporaryDirectory() as scratch_dir:
            scratch = SQLite3InstallationStore(
                database=os.path.join(scratch_dir, "schema.db"), client_id=inner.client_id
            )
            scratch.create_tables()
            with closing(sqlite3.connect(scratch.database)) as made:
                ddl = [
                    sql
                    for (sql,) in made.execute(
                        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"
                        " AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
                    )
                ]
        with write_transaction(db):
            if not _has_tables(db.conn):
                for sql in ddl:
                    db.execute(sql)
    finally:
        db.close()


def _has_tables(db: sqlite3.Connection) -> bool:
    found = db.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        " AND name IN ('slack_installations', 'slack_bots')"
    ).fetchone()[0]
    return found == 2
