"""Opening the database: WAL, busy timeout, migrations, owner-only file."""

from __future__ import annotations

import os
import random
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from coachbot.store.deliveries import DeliveryRepo
from coachbot.store.migrations import migrations
from coachbot.store.repos import (
    CampaignRepo,
    JobRepo,
    MaturityRepo,
    NudgeRepo,
    OAuthStateRepo,
    ProcessedRepo,
    ReviewRepo,
    SessionRepo,
    StrategyRepo,
    TeamRepo,
    forget_team,
    write_transaction,
)

BUSY_TIMEOUT_MS = 5000


def open_database(path: str | Path, migrate: bool = True) -> Database:
    """A connection with WAL on, a busy timeout and (unless told not to) migrations applied."""
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            # Owner-only from the first byte: strategies and tokens live here.
            fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    db = Database(conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if str(path) != ":memory:":
        _enable_wal(db, time.monotonic() + BUSY_TIMEOUT_MS / 1000)
    # FULL: a lost "sent" mark or a lost answer costs more than the fsync.
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    # Deleted rows are overwritten, not just unlinked: forgotten text leaves the file.
    db.execute("PRAGMA secure_delete = ON")
    if migrate:
        apply_migrations(db)
    return db


def _enable_wal(db: Database, deadline: float) -> None:
    """Turn WAL on, waiting for other openers as long as the busy timeout allows.

    Switching a file to WAL needs an exclusive lock, and SQLite answers "database is
    locked" at once, without its busy handler, while another process opening the same new
    file holds a lock: the switch is retried instead (seen about once in 130 opens of a
    new file by six processes at once on a busy machine).
    """
    while True:
        try:
            db.enable_wal()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.005, 0.03))


def apply_migrations(db: Database) -> None:
    """Apply pending migrations once, even when several processes open the file at once.

    BEGIN IMMEDIATE takes the write lock first, so a second process waits (busy timeout),
    then finds nothing pending; sqlite-utils nests each migration as a savepoint.
    """
    if not migrations.pending(db):
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        migrations.apply(db)
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


class Connections:
    """One connection per thread: a SQLite connection must not be shared by threads
    that each run their own transactions (the web server's and the listeners')."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._local = threading.local()
        self._local.db = open_database(self.path)  # migrates once, for everyone

    def get(self) -> Database:
        db = getattr(self._local, "db", None)
        if db is None:
            db = open_database(self.path, migrate=False)
            self._local.db = db
        return db

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None


class Store:
    """Repositories over one database file; each is a thin class of its own."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.connections = Connections(path)
        self.teams = TeamRepo(self.connections)
        self.strategies = StrategyRepo(self.connections)
        self.sessions = SessionRepo(self.connections)
        self.maturity = MaturityRepo(self.connections)
        self.reviews = ReviewRepo(self.connections)
        self.processed = ProcessedRepo(self.connections)
        self.campaigns = CampaignRepo(self.connections)
        self.nudges = NudgeRepo(self.connections)
        self.deliveries = DeliveryRepo(self.connections)
        self.jobs = JobRepo(self.connections)
        self.oauth_states = OAuthStateRepo(self.connections)

    @property
    def db(self) -> Database:
        """This thread's connection."""
        return self.connections.get()

    def forget_team(self, team_id: str) -> dict[str, int]:
        """Remove every row that belongs to a team (uninstall, revoked tokens, `forget`)."""
        return forget_team(self.db, team_id)

    def close(self) -> None:
        self.connections.close()


def forget_everything(
    store: Store, installations: Any | None, team_id: str, enterprise_id: str | None = None
) -> dict[str, int]:
    """Every row of the team, and its installation and tokens (slack_* tables, deleted by
    team directly: no key needed); then the WAL is checkpointed so the deleted text does
    not linger in the -wal file. `installations` is unused, kept for callers' sake."""
    deleted = store.forget_team(team_id)
    db = store.db
    with write_transaction(db):
        for table in db.table_names():
            if table.startswith("slack_") and "team_id" in db[table].columns_dict:
                deleted[table] = db.execute(
                    f"DELETE FROM [{table}] WHERE team_id = ?", [team_id]
                ).rowcount
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    return deleted
