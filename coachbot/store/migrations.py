"""The schema, as migrations applied once each (recorded in _sqlite_migrations)."""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("coachbot")


@migrations(name="0001_initial")
def initial(db: Database) -> None:
    db.execute(
        """CREATE TABLE teams (
            team_id TEXT PRIMARY KEY,
            language TEXT,
            keep_post_text INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE users (
            team_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            locale TEXT,
            tz TEXT,
            language TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (team_id, user_id)
        )"""
    )
    # One strategy per team; `version` guards against silent overwrites.
    db.execute(
        """CREATE TABLE strategies (
            team_id TEXT PRIMARY KEY,
            version INTEGER NOT NULL,
            data TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT
        )"""
    )
    # One conversation state per (team, user, flow).
    db.execute(
        """CREATE TABLE sessions (
            team_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            flow TEXT NOT NULL,
            state TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (team_id, user_id, flow)
        )"""
    )
    db.execute(
        """CREATE TABLE maturity (
            team_id TEXT PRIMARY KEY,
            phase INTEGER NOT NULL,
            data TEXT NOT NULL,
            assessed_at TEXT NOT NULL,
            assessed_by TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            team_id TEXT NOT NULL,
            user_id TEXT,
            channel TEXT,
            language TEXT NOT NULL,
            score INTEGER NOT NULL,
            checks TEXT NOT NULL,
            post_text TEXT,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX reviews_team_created ON reviews (team_id, created_at)")


@migrations(name="0002_processed_deliveries")
def processed_deliveries(db: Database) -> None:
    # Slack retries events and users double-click: each delivery key is handled once.
    db.execute(
        """CREATE TABLE processed (
            key TEXT PRIMARY KEY,
            team_id TEXT,
            created_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX processed_created ON processed (created_at)")


@migrations(name="0003_user_dm_channel")
def user_dm_channel(db: Database) -> None:
    # The user's DM with the coach, so a /coach typed there is answered there.
    db.execute("ALTER TABLE users ADD COLUMN dm_channel TEXT")


@migrations(name="0004_campaigns_and_nudges")
def campaigns_and_nudges(db: Database) -> None:
    db.execute(
        """CREATE TABLE campaigns (
            id INTEGER PRIMARY KEY,
            team_id TEXT NOT NULL,
            name TEXT NOT NULL,
            start_date TEXT NOT NULL,
            end_date TEXT NOT NULL,
            tz TEXT NOT NULL,
            created_by TEXT,
            created_at TEXT NOT NULL,
            status TEXT NOT NULL,          -- draft (form open), active, evaluated
            plan TEXT NOT NULL,            -- goal type, KPIs with targets, channels, ...
            evaluation TEXT,
            evaluated_at TEXT
        )"""
    )
    db.execute("CREATE INDEX campaigns_team ON campaigns (team_id, status)")
    # The due-table: one row per nudge; integer UTC seconds; claimed in a transaction.
    db.execute(
        """CREATE TABLE nudges (
            id INTEGER PRIMARY KEY,
            team_id TEXT NOT NULL,
            campaign_id INTEGER NOT NULL,  -- 0 for team-level nudges (strategy revisit)
            kind TEXT NOT NULL,
            due_at INTEGER NOT NULL,
            meant_for INTEGER NOT NULL,    -- the first due time, shown when sent late
            status TEXT NOT NULL,          -- pending, sending, sent, dismissed, obsolete, failed
            attempts INTEGER NOT NULL DEFAULT 0,
            claimed_at INTEGER,
            sent_at INTEGER,
            UNIQUE (team_id, campaign_id, kind)
        )"""
    )
    db.execute("CREATE INDEX nudges_due ON nudges (status, due_at)")


@migrations(name="0005_jobs")
def jobs(db: Database) -> None:
    # Work acknowledged to Slack and not yet done: written before the ack, deleted when the
    # job's first write commits (or when it ends without writing). A claim is a lease.
    db.execute(
        """CREATE TABLE jobs (
            id INTEGER PRIMARY KEY,
            team_id TEXT,
            lane TEXT NOT NULL,            -- one person's jobs run one at a time, in order
            name TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            claimed_until INTEGER,         -- NULL: waiting; past: its worker died
            claimed_by TEXT,               -- host:pid of the worker holding the claim
            attempts INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX jobs_lane ON jobs (lane, id)")


@migrations(name="0006_oauth_states_used")
def oauth_states_used(db: Database) -> None:
    # Install states are signed, not stored (slack/oauth_state.py): a row only records
    # that one was used, until it would have expired anyway. The old store's rows go.
    db.execute("DROP TABLE IF EXISTS oauth_states")
    db.execute(
        """CREATE TABLE oauth_states_used (
            nonce TEXT PRIMARY KEY,
            expire_at INTEGER NOT NULL
        )"""
    )


@migrations(name="0007_nudge_claimed_by")
def nudge_claimed_by(db: Database) -> None:
    # Which tick holds a nudge's claim: it renews the claim as it sends, and sends a
    # nudge only while the claim is still its own.
    db.execute("ALTER TABLE nudges ADD COLUMN claimed_by TEXT")


@migrations(name="0008_team_country")
def team_country(db: Database) -> None:
    # Whose public holidays count as days off for the team's nudges (ISO 3166 code; "-" for
    # weekends only; NULL: follow the team's language).
    db.execute("ALTER TABLE teams ADD COLUMN country TEXT")


@migrations(name="0009_analytics_imports")
def analytics_imports(db: Database) -> None:
    # Which column a team said holds a KPI, per file shape (a hash of the header), so the
    # next export of that shape needs no question. Only column names: never file contents.
    db.execute(
        """CREATE TABLE analytics_columns (
            team_id TEXT NOT NULL,
            shape TEXT NOT NULL,
            kpi TEXT NOT NULL,
            column_name TEXT,              -- NULL: this KPI is not in files of this shape
            updated_at TEXT NOT NULL,
            PRIMARY KEY (team_id, shape, kpi)
        )"""
    )
    # What an export added up to, shown and waiting for its owner to confirm: sums per
    # column and row numbers, not the file (which is dropped once read).
    db.execute(
        """CREATE TABLE analytics_pending (
            team_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            data TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (team_id, user_id)
        )"""
    )


@migrations(name="0010_nudge_deliveries")
def nudge_deliveries(db: Database) -> None:
    # What of a nudge has reached whom: one row per recipient and message part, so a
    # retry sends only what is missing. Rows go with their nudge (cascade) or when it is
    # marked sent; a refused recipient (not in the channel, archived ...) is never retried.
    db.execute(
        """CREATE TABLE nudge_deliveries (
            nudge_id INTEGER NOT NULL REFERENCES nudges (id) ON DELETE CASCADE,
            team_id TEXT NOT NULL,
            recipient TEXT NOT NULL,       -- a channel or user id; 'notice:<channel>' for
            part INTEGER NOT NULL,         --   the owner told that channel refused
            status TEXT NOT NULL,          -- delivered, refused
            error TEXT,
            at INTEGER NOT NULL,
            PRIMARY KEY (nudge_id, recipient, part)
        )"""
    )
