"""The database: WAL, owner-only file, migrations applied once even under a race."""

from __future__ import annotations

import multiprocessing
import stat

import pytest
from cryptography.fernet import Fernet

from coachbot.settings import Settings
from coachbot.slack.client import installation_store_for
from coachbot.store import Store

# Not moved by the shifted-clock runs: storage mechanics, not dates.
pytestmark = pytest.mark.clock_free


def _open_and_read(path: str) -> None:
    store = Store(path)
    store.strategies.get("T1")
    store.close()


def test_new_database_is_wal_owner_only_and_migrated(db_path):
    store = Store(db_path)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    names = [r[0] for r in store.db.execute("SELECT name FROM _sqlite_migrations").fetchall()]
    assert names[0] == "0001_initial" and len(names) == len(set(names)) >= 4


def test_reopening_applies_nothing_twice(db_path):
    Store(db_path).close()
    store = Store(db_path)
    assert store.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] >= 4


def _open_installations(path: str) -> None:
    settings = Settings(
        SLACK_CLIENT_ID="1.2",
        SLACK_CLIENT_SECRET="secret",
        COACHBOT_DB=path,
        COACHBOT_ENCRYPTION_KEY=KEY,
    )
    assert installation_store_for(settings).find_bot(enterprise_id=None, team_id="T1") is None


KEY = Fernet.generate_key().decode()  # inherited by the forked openers


@pytest.mark.parametrize("opener", [_open_and_read, _open_installations])
def test_processes_opening_a_new_database_at_once_all_succeed(tmp_path, opener):
    """Turning WAL on, and slack_sdk's check-then-create of its tables, raced here: about
    one open in 130 failed with "database is locked" on a busy machine."""
    ctx = multiprocessing.get_context("fork")
    for round_no in range(10):
        path = str(tmp_path / f"race{round_no}.db")
        procs = [ctx.Process(target=opener, args=(path,)) for _ in range(6)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(timeout=60)
        assert [p.exitcode for p in procs] == [0] * 6
