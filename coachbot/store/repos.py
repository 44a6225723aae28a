"""Repositories: the only code that knows table and column names."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from coachbot.strategy.models import Strategy


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
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


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
        strategy = Strategy.model_validate_json(row[1])
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


class SessionRepo(Repo):
    def get(self, team_id: str, user_id: str, flow: str) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT state FROM sessions WHERE team_id = ? AND user_id = ? AND flow = ?",
            [team_id, user_id, flow],
        ).fetchone()
        return json.loads(row[0]) if row else None

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
            if not json.loads(state).get("done"):
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

    def forget_before(self, iso_time: str) -> int:
        with self.write():
            return self.db.execute(
                "DELETE FROM processed WHERE created_at < ?", [iso_time]
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
