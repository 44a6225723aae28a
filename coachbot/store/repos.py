"""Repositories: the only code that knows table and column names."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from coachbot.campaigns.model import Campaign
from coachbot.strategy.models import Learning, Strategy


class CorruptData(Exception):
    """A stored row of one team could not be read back (a damaged JSON field)."""

    def __init__(self, team_id: str, table: str):
        super().__init__(f"unreadable {table} row for team {team_id}")
        self.team_id = team_id
        self.table = table


class VersionConflict(Exception):
    """Someone else saved the strategy since it was read."""

    def __init__(self, current: Strategy):
        super().__init__(f"strategy of {current.team_id} is at version {current.version}")
        self.current = current


class Repo:
    """A repository reads and writes through the calling thread's own connection."""

    def __init__(self, connections):
        self._connections = connections

    @property
    def db(self) -> Database:
        return self._connections.get()

    def write(self):
        return write_transaction(self.db)


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """A transaction that takes the write lock first (BEGIN IMMEDIATE).

    A deferred transaction that reads and then writes fails with SQLITE_BUSY at once when
    another connection wrote in between; an immediate one waits out the busy timeout.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
        hook = _with_first_commit.get()
        if hook is not None:
            _with_first_commit.set(None)
            hook(db)
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


# Set while a job runs: done in the same transaction as the job's first write (JobRepo).
_with_first_commit: ContextVar[Callable[[Database], None] | None] = ContextVar(
    "with_first_commit", default=None
)


def _now() -> str:
    return datetime.now(UTC).isoformat()


class TeamRepo(Repo):
    def language(self, team_id: str) -> str | None:
        row = self.db.execute("SELECT language FROM teams WHERE team_id = ?", [team_id]).fetchone()
        return row[0] if row else None

    def set_language(self, team_id: str, language: str) -> None:
        with self.write():
            self.db.execute(
                """INSERT INTO teams (team_id, language, created_at) VALUES (?, ?, ?)
                   ON CONFLICT(team_id) DO UPDATE SET language = excluded.language""",
                [team_id, language, _now()],
            )

    def keeps_post_text(self, team_id: str) -> bool:
        row = self.db.execute(
            "SELECT keep_post_text FROM teams WHERE team_id = ?", [team_id]
        ).fetchone()
        return bool(row and row[0])

    def set_keep_post_text(self, team_id: str, keep: bool) -> None:
        with self.write():
            self.db.execute(
                """INSERT INTO teams (team_id, keep_post_text, created_at) VALUES (?, ?, ?)
                   ON CONFLICT(team_id) DO UPDATE SET keep_post_text = excluded.keep_post_text""",
                [team_id, int(keep), _now()],
            )

    def country(self, team_id: str) -> str | None:
        row = self.db.execute("SELECT country FROM teams WHERE team_id = ?", [team_id]).fetchone()
        return row[0] if row else None

    def set_country(self, team_id: str, country: str | None) -> None:
        with self.write():
            self.db.execute(
                """INSERT INTO teams (team_id, country, created_at) VALUES (?, ?, ?)
                   ON CONFLICT(team_id) DO UPDATE SET country = excluded.country""",
                [team_id, country, _now()],
            )

    def user(self, team_id: str, user_id: str) -> dict[str, Any] | None:
        rows = list(
            self.db["users"].rows_where("team_id = ? AND user_id = ?", [team_id, user_id], limit=1)
        )
        return rows[0] if rows else None

    def save_user(self, team_id: str, user_id: str, **fields: Any) -> None:
        row = {"team_id": team_id, "user_id": user_id, "updated_at": _now(), **fields}
        with self.write():
            self.db["users"].upsert(row, pk=("team_id", "user_id"))


class StrategyRepo(Repo):
    def get(self, team_id: str) -> Strategy:
        row = self.db.execute(
            "SELECT version, data FROM strategies WHERE team_id = ?", [team_id]
        ).fetchone()
        if row is None:
            return Strategy(team_id=team_id)
        try:
            strategy = Strategy.model_validate_json(row[1])
        except ValueError as exc:  # pydantic's ValidationError is a ValueError
            raise CorruptData(team_id, "strategies") from exc
        strategy.version = row[0]
        return strategy

    def save(self, strategy: Strategy, by: str | None = None) -> Strategy:
        """Write strategy if nobody saved since it was read; returns it at its new version."""
        expected = strategy.version
        new = strategy.model_copy(update={"version": expected + 1})
        data = new.model_dump_json()
        with self.write():
            if expected == 0:
                cur = self.db.execute(
                    """INSERT INTO strategies (team_id, version, data, updated_at, updated_by)
                       VALUES (?, 1, ?, ?, ?) ON CONFLICT(team_id) DO NOTHING""",
                    [strategy.team_id, data, _now(), by],
                )
            else:
                cur = self.db.execute(
                    """UPDATE strategies SET version = version + 1, data = ?, updated_at = ?,
                       updated_by = ? WHERE team_id = ? AND version = ?""",
                    [data, _now(), by, strategy.team_id, expected],
                )
            if cur.rowcount != 1:
                raise VersionConflict(self.get(strategy.team_id))
        return new

    def add_learning(self, team_id: str, learning: Learning, by: str | None = None) -> Strategy:
        """Append to the learning log; raises VersionConflict if the strategy changed meanwhile
        (the caller redoes its whole input rather than losing the learning)."""
        strategy = self.get(team_id)
        return self.save(
            strategy.model_copy(update={"learnings": [*strategy.learnings, learning]}), by=by
        )


class SessionRepo(Repo):
    def get(self, team_id: str, user_id: str, flow: str) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT state FROM sessions WHERE team_id = ? AND user_id = ? AND flow = ?",
            [team_id, user_id, flow],
        ).fetchone()
        if not row:
            return None
        try:
            state = json.loads(row[0])
        except ValueError:
            state = None
        if not isinstance(state, dict):
            # Only where a conversation stood, not an answer: start it afresh.
            self.delete(team_id, user_id, flow)
            return None
        return state

    def save(self, team_id: str, user_id: str, flow: str, state: dict[str, Any]) -> None:
        with self.write():
            self.db.execute(
                """INSERT INTO sessions (team_id, user_id, flow, state, updated_at)
                   VALUES (?, ?, ?, ?, ?) ON CONFLICT(team_id, user_id, flow)
                   DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at""",
                [team_id, user_id, flow, json.dumps(state), _now()],
            )

    def delete(self, team_id: str, user_id: str, flow: str) -> None:
        with self.write():
            self.db.execute(
                "DELETE FROM sessions WHERE team_id = ? AND user_id = ? AND flow = ?",
                [team_id, user_id, flow],
            )

    def active_flow(self, team_id: str, user_id: str) -> str | None:
        """The flow this user talked to most recently and has not finished."""
        rows = self.db.execute(
            """SELECT flow, state FROM sessions WHERE team_id = ? AND user_id = ?
               ORDER BY updated_at DESC""",
            [team_id, user_id],
        ).fetchall()
        for flow, state in rows:
            try:
                if not json.loads(state).get("done"):
                    return flow
            except (ValueError, AttributeError):
                return flow
        return None


class MaturityRepo(Repo):
    def get(self, team_id: str) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT phase, data, assessed_at FROM maturity WHERE team_id = ?", [team_id]
        ).fetchone()
        if row is None:
            return None
        return {"phase": row[0], **json.loads(row[1]), "assessed_at": row[2]}

    def save(self, team_id: str, phase: int, data: dict[str, Any], by: str | None) -> None:
        with self.write():
            self.db["maturity"].upsert(
                {
                    "team_id": team_id,
                    "phase": phase,
                    "data": json.dumps(data),
                    "assessed_at": _now(),
                    "assessed_by": by,
                },
                pk="team_id",
            )


class ReviewRepo(Repo):
    def add(self, team_id: str, user_id: str | None, result: dict[str, Any], text: str | None):
        with self.write():
            self.db["reviews"].insert(
                {
                    "team_id": team_id,
                    "user_id": user_id,
                    "channel": result.get("channel"),
                    "language": result["language"],
                    "score": result["score"],
                    "checks": json.dumps(
                        [{"id": c["id"], "status": c["status"]} for c in result["checks"]]
                    ),
                    "post_text": text,
                    "created_at": _now(),
                }
            )

    def recent(self, team_id: str, limit: int = 5) -> list[dict[str, Any]]:
        rows = self.db.execute(
            """SELECT channel, language, score, checks, created_at, post_text FROM reviews
               WHERE team_id = ? ORDER BY id DESC LIMIT ?""",
            [team_id, limit],
        ).fetchall()
        return [
            {
                "channel": r[0],
                "language": r[1],
                "score": r[2],
                "checks": json.loads(r[3]),
                "created_at": r[4],
                "post_text": r[5],
            }
            for r in rows
        ]


class ProcessedRepo(Repo):
    """Delivery keys already handled (Slack event ids, clicked messages)."""

    def first_time(self, key: str, team_id: str | None) -> bool:
        """True exactly once per key, across threads and processes sharing the file."""
        with self.write():
            cur = self.db.execute(
                "INSERT INTO processed (key, team_id, created_at) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO NOTHING",
                [key, team_id, _now()],
            )
        return cur.rowcount == 1

    def seen(self, key: str) -> bool:
        return (
            self.db.execute("SELECT 1 FROM processed WHERE key = ?", [key]).fetchone() is not None
        )

    def forget_before(self, when: datetime, prefix: str = "") -> int:
        """Drop keys of this kind (`event:`, `click:`) handled before `when`."""
        with self.write():
            return self.db.execute(
                "DELETE FROM processed WHERE key LIKE ? AND created_at < ?",
                [f"{prefix}%", when.astimezone(UTC).isoformat()],
            ).rowcount


class OAuthStateRepo(Repo):
    """Install states already used (see slack/oauth_state.py)."""

    def use(self, nonce: str, expire_at: int) -> bool:
        """True the first time a state's nonce is used, and only then."""
        with self.write():
            cur = self.db.execute(
                "INSERT INTO oauth_states_used (nonce, expire_at) VALUES (?, ?) "
                "ON CONFLICT(nonce) DO NOTHING",
                [nonce, expire_at],
            )
        return cur.rowcount == 1

    def forget_expired(self, now: int) -> int:
        with self.write():
            return self.db.execute(
                "DELETE FROM oauth_states_used WHERE expire_at < ?", [now]
            ).rowcount


def team_tables(db: Database) -> list[str]:
    """Every table of ours holding rows that belong to a team."""
    return [
        t.name for t in db.tables if "team_id" in t.columns_dict and not t.name.startswith("slack_")
    ]


def forget_team(db: Database, team_id: str) -> dict[str, int]:
    """Delete every row of one team, in one transaction; returns rows deleted per table."""
    deleted = {}
    with write_transaction(db):
        for table in team_tables(db):
            deleted[table] = db.execute(
                f"DELETE FROM [{table}] WHERE team_id = ?", [team_id]
            ).rowcount
    return deleted


class CampaignRepo(Repo):
    def add(self, team_id: str, name: str, start: str, end: str, tz: str, by: str | None) -> int:
        with self.write():
            cur = self.db.execute(
                """INSERT INTO campaigns (team_id, name, start_date, end_date, tz, created_by,
                   created_at, status, plan) VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', '{}')""",
                [team_id, name, start, end, tz, by, _now()],
            )
            return int(cur.lastrowid)

    def get(self, team_id: str, campaign_id: int):

        row = self.db.execute(
            "SELECT * FROM campaigns WHERE team_id = ? AND id = ?", [team_id, campaign_id]
        ).fetchone()
        return None if row is None else _campaign(row, self.db)

    def all(self, team_id: str, statuses: tuple[str, ...] = ("active", "evaluated")):
        marks = ",".join("?" * len(statuses))
        rows = self.db.execute(
            f"SELECT * FROM campaigns WHERE team_id = ? AND status IN ({marks}) ORDER BY start_date, id",
            [team_id, *statuses],
        ).fetchall()
        return [_campaign(r, self.db) for r in rows]

    def activate(self, team_id: str, campaign_id: int, plan: dict[str, Any]) -> None:
        with self.write():
            self.db.execute(
                "UPDATE campaigns SET status = 'active', plan = ? WHERE team_id = ? AND id = ?",
                [json.dumps(plan), team_id, campaign_id],
            )

    def move(self, team_id: str, campaign_id: int, start: str, end: str) -> None:
        with self.write():
            self.db.execute(
                "UPDATE campaigns SET start_date = ?, end_date = ? WHERE team_id = ? AND id = ?",
                [start, end, team_id, campaign_id],
            )

    def record_evaluation(self, team_id: str, campaign_id: int, evaluation: dict[str, Any]) -> None:
        with self.write():
            self.db.execute(
                """UPDATE campaigns SET status = 'evaluated', evaluation = ?, evaluated_at = ?
                   WHERE team_id = ? AND id = ?""",
                [json.dumps(evaluation), _now(), team_id, campaign_id],
            )
            self.db.execute(
                """UPDATE nudges SET status = 'obsolete' WHERE team_id = ? AND campaign_id = ?
                   AND status IN ('pending', 'sending')""",
                [team_id, campaign_id],
            )


def _campaign(row, db: Database):
    names = [d[0] for d in db.execute("SELECT * FROM campaigns LIMIT 0").description]
    data = dict(zip(names, row, strict=True))
    return Campaign(
        id=data["id"],
        team_id=data["team_id"],
        name=data["name"],
        start=data["start_date"],
        end=data["end_date"],
        tz=data["tz"],
        created_by=data["created_by"],
        status=data["status"],
        plan=json.loads(data["plan"] or "{}"),
        evaluation=json.loads(data["evaluation"]) if data["evaluation"] else None,
    )


# A due, unsent nudge of a campaign is superseded by a later one of the same campaign
# whose time has come too; an unsent evaluation is not superseded by its reminders, it
# supersedes them. Team-level nudges (campaign 0) stand alone.
SUPERSEDED = """
UPDATE nudges SET status = 'obsolete', claimed_by = NULL
WHERE status = 'pending' AND due_at <= :now AND campaign_id != 0
  AND EXISTS (
    SELECT 1 FROM nudges later
    WHERE later.team_id = nudges.team_id AND later.campaign_id = nudges.campaign_id
      AND later.id != nudges.id
      AND (later.status = 'sent'
           OR (later.status IN ('pending', 'sending') AND later.due_at <= :now))
      AND (
        (nudges.kind != 'evaluation' AND later.meant_for > nudges.meant_for
         AND NOT (later.kind LIKE 'reminder%' AND EXISTS (
           SELECT 1 FROM nudges e WHERE e.team_id = nudges.team_id
             AND e.campaign_id = nudges.campaign_id AND e.kind = 'evaluation'
             AND e.status IN ('pending', 'sending') AND e.due_at <= :now)))
        OR (nudges.kind LIKE 'reminder%' AND later.kind = 'evaluation'
            AND later.status IN ('pending', 'sending'))
      )
  )
"""


class NudgeRepo(Repo):
    """The due-table: rows are computed from dates and claimed in a transaction to send."""

    def schedule(self, team_id: str, campaign_id: int, due: dict[str, int]) -> None:
        """Set the pending nudges of one campaign (or team, id 0) to `due` {kind: utc seconds}.

        Sent and dismissed nudges stay as they are; pending ones move; kinds no longer
        due are dropped.
        """
        with self.write():
            self.db.execute(
                """DELETE FROM nudges WHERE team_id = ? AND campaign_id = ? AND status = 'pending'""",
                [team_id, campaign_id],
            )
            for kind, at in due.items():
                self.db.execute(
                    """INSERT INTO nudges (team_id, campaign_id, kind, due_at, meant_for, status)
                       VALUES (?, ?, ?, ?, ?, 'pending') ON CONFLICT DO NOTHING""",
                    [team_id, campaign_id, kind, at, at],
                )

    def claim_due(
        self, now: int, limit: int = 200, lease: int = 300, by: str | None = None
    ) -> list[dict[str, Any]]:
        """Mark due rows as being sent and return them; a row stuck in 'sending' for longer
        than `lease` seconds (its sender died) is claimed again.

        First, in the same transaction, due nudges that a later one of the same campaign
        supersedes become 'obsolete' (after an outage a campaign that ended weeks ago gets
        its evaluation, not "starts today" and "halfway" as well)."""
        with self.write():
            self.db.execute(SUPERSEDED, {"now": now})
            rows = self.db.execute(
                """UPDATE nudges SET status = 'sending', claimed_at = ?, claimed_by = ?,
                   attempts = attempts + 1
                   WHERE id IN (
                     SELECT id FROM nudges
                     WHERE (status = 'pending' AND due_at <= ?)
                        OR (status = 'sending' AND claimed_at <= ?)
                     ORDER BY due_at LIMIT ?)
                   RETURNING id, team_id, campaign_id, kind, due_at, meant_for, attempts""",
                [now, by, now, now - lease, limit],
            ).fetchall()
        keys = ("id", "team_id", "campaign_id", "kind", "due_at", "meant_for", "attempts")
        return sorted(
            (dict(zip(keys, r, strict=True)) for r in rows), key=lambda r: (r["due_at"], r["id"])
        )

    def renew(self, nudge_id: int, by: str, now: int) -> bool:
        """Renew every claim `by` holds; True if it still holds this nudge's."""
        with self.write():
            self.db.execute(
                "UPDATE nudges SET claimed_at = ? WHERE claimed_by = ? AND status = 'sending'",
                [now, by],
            )
            row = self.db.execute(
                "SELECT 1 FROM nudges WHERE id = ? AND claimed_by = ? AND status = 'sending'",
                [nudge_id, by],
            ).fetchone()
        return row is not None

    def mark_sent(self, nudge_id: int, now: int) -> None:
        with self.write():
            self.db.execute(
                "UPDATE nudges SET status = 'sent', sent_at = ? WHERE id = ?", [now, nudge_id]
            )
            # Sent to all: a snooze that brings it back sends it to all again.
            self.db.execute("DELETE FROM nudge_deliveries WHERE nudge_id = ?", [nudge_id])

    def retry_later(self, nudge_id: int, at: int, give_up: bool) -> None:
        with self.write():
            self.db.execute(
                "UPDATE nudges SET status = ?, due_at = ?, claimed_at = NULL WHERE id = ?",
                ["failed" if give_up else "pending", at, nudge_id],
            )

    def snooze(self, team_id: str, nudge_id: int, until: int) -> bool:
        with self.write():
            cur = self.db.execute(
                """UPDATE nudges SET status = 'pending', due_at = ?, claimed_at = NULL
                   WHERE team_id = ? AND id = ? AND status IN ('sent', 'pending')""",
                [until, team_id, nudge_id],
            )
        return cur.rowcount == 1

    def dismiss(self, team_id: str, nudge_id: int) -> bool:
        with self.write():
            cur = self.db.execute(
                "UPDATE nudges SET status = 'dismissed' WHERE team_id = ? AND id = ? AND status != 'dismissed'",
                [team_id, nudge_id],
            )
        return cur.rowcount == 1

    def forget(self, team_id: str, campaign_id: int, kind: str) -> None:
        with self.write():
            self.db.execute(
                "DELETE FROM nudges WHERE team_id = ? AND campaign_id = ? AND kind = ?",
                [team_id, campaign_id, kind],
            )

    def of(self, team_id: str, campaign_id: int) -> list[dict[str, Any]]:
        rows = self.db.execute(
            """SELECT kind, due_at, status FROM nudges WHERE team_id = ? AND campaign_id = ?
               ORDER BY due_at""",
            [team_id, campaign_id],
        ).fetchall()
        return [{"kind": k, "due_at": d, "status": s} for k, d, s in rows]


@dataclass
class NewJob:
    team_id: str | None
    lane: str  # one person's jobs run one at a time, in order
    name: str
    payload: dict[str, Any]
    event_key: str | None = None  # an event's delivery key, stored with its job


class JobRepo(Repo):
    """Acknowledged work not yet done, claimed the way nudges are (UPDATE ... RETURNING).

    A job runs once in effect: its row is deleted in the same transaction as its first
    write, so a job whose work was committed is never claimed again, and one whose worker
    died before any write is claimed again once its lease has run out.
    """

    def add(self, jobs: list[NewJob]) -> list[bool]:
        """Store jobs in one transaction; for each, False when it is a repeat delivery of
        an event already stored. An event's key and its job are written together: neither
        exists without the other."""
        stored = []
        with self.write():
            for new in jobs:
                if new.event_key is not None:
                    cur = self.db.execute(
                        "INSERT INTO processed (key, team_id, created_at) VALUES (?, ?, ?) "
                        "ON CONFLICT(key) DO NOTHING",
                        [new.event_key, new.team_id, _now()],
                    )
                    if cur.rowcount != 1:
                        stored.append(False)
                        continue
                self.db.execute(
                    "INSERT INTO jobs (team_id, lane, name, payload, created_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [new.team_id, new.lane, new.name, json.dumps(new.payload), int(time.time())],
                )
                stored.append(True)
        return stored

    def claim(self, lease: int, by: str) -> dict[str, Any] | None:
        """The oldest job whose lane is free: not claimed, or its claim has run out."""
        now = int(time.time())
        with self.write():
            row = self.db.execute(
                """UPDATE jobs SET claimed_until = ?, claimed_by = ?, attempts = attempts + 1
                   WHERE id = (
                     SELECT id FROM jobs
                     WHERE id IN (SELECT min(id) FROM jobs GROUP BY lane)
                       AND (claimed_until IS NULL OR claimed_until <= ?)
                     ORDER BY id LIMIT 1)
                   RETURNING id, name, payload, attempts""",
                [now + lease, by, now],
            ).fetchone()
        if row is None:
            return None
        return {"id": row[0], "name": row[1], "payload": json.loads(row[2]), "attempts": row[3]}

    def release(self, holders: list[str]) -> int:
        """Free the claims of workers known to be dead, so their jobs run now, not when
        the lease runs out."""
        if not holders:
            return 0
        marks = ",".join("?" * len(holders))
        with self.write():
            return self.db.execute(
                f"UPDATE jobs SET claimed_until = NULL WHERE claimed_by IN ({marks})", holders
            ).rowcount

    def holders(self) -> list[str]:
        rows = self.db.execute(
            "SELECT DISTINCT claimed_by FROM jobs WHERE claimed_until IS NOT NULL"
        ).fetchall()
        return [r[0] for r in rows if r[0]]

    def renew(self, job_id: int, lease: int) -> None:
        with self.write():
            self.db.execute(
                "UPDATE jobs SET claimed_until = ? WHERE id = ?", [int(time.time()) + lease, job_id]
            )

    @contextmanager
    def running(self, job_id: int) -> Iterator[None]:
        """Run a job: its row goes with its first write, or at the end if it wrote nothing."""

        def done(db: Database) -> None:
            db.execute("DELETE FROM jobs WHERE id = ?", [job_id])

        token = _with_first_commit.set(done)
        try:
            yield
        finally:
            still_pending = _with_first_commit.get() is not None
            _with_first_commit.reset(token)
            if still_pending:
                with self.write():
                    done(self.db)

    def waiting(self) -> int:
        return self.db.execute("SELECT count(*) FROM jobs").fetchone()[0]
