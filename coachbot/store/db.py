"""Opening the database: WAL, busy timeout, migrations, owner-only file."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from coachbot.store.migrations import migrations

BUSY_TIMEOUT_MS = 5000


def open_database(path: str | Path) -> Database:
    """A connection with WAL on, a busy timeout and every migration applied."""
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
        db.enable_wal()
    # FULL: a lost "sent" mark or a lost answer costs more than the fsync.
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    apply_migrations(db)
    return db


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


class Store:
    """Repositories over one database; each is a thin module of its own."""

    def __init__(self, path: str | Path):
        from coachbot.store.repos import (
            MaturityRepo,
            ReviewRepo,
            SessionRepo,
            StrategyRepo,
            TeamRepo,
        )

        self.path = Path(path)
        self.db = open_database(path)
        self.teams = TeamRepo(self.db)
        self.strategies = StrategyRepo(self.db)
        self.sessions = SessionRepo(self.db)
        self.maturity = MaturityRepo(self.db)
        self.reviews = ReviewRepo(self.db)

    def close(self) -> None:
        self.db.close()
