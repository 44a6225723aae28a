"""The analytics tables: columns a team chose per file shape, and imports awaiting a yes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from coachbot.store.repos import Repo


def _now() -> str:
    return datetime.now(UTC).isoformat()


class AnalyticsRepo(Repo):
    def columns(self, team_id: str, shape: str) -> dict[str, str | None]:
        """{kpi: column name, or None for "not in these files"} for one file shape."""
        rows = self.db.execute(
            "SELECT kpi, column_name FROM analytics_columns WHERE team_id = ? AND shape = ?",
            [team_id, shape],
        ).fetchall()
        return {kpi: column for kpi, column in rows}

    def remember(self, team_id: str, shape: str, chosen: dict[str, str | None]) -> None:
        with self.write():
            for kpi, column in chosen.items():
                self.db.execute(
                    """INSERT INTO analytics_columns (team_id, shape, kpi, column_name, updated_at)
                       VALUES (?, ?, ?, ?, ?) ON CONFLICT(team_id, shape, kpi)
                       DO UPDATE SET column_name = excluded.column_name,
                                     updated_at = excluded.updated_at""",
                    [team_id, shape, kpi, column, _now()],
                )

    def pending(self, team_id: str, user_id: str) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT data FROM analytics_pending WHERE team_id = ? AND user_id = ?",
            [team_id, user_id],
        ).fetchone()
        if row is None:
            return None
        try:
            data = json.loads(row[0])
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def hold(self, team_id: str, user_id: str, data: dict[str, Any]) -> None:
        with self.write():
            self.db.execute(
                """INSERT INTO analytics_pending (team_id, user_id, data, created_at)
                   VALUES (?, ?, ?, ?) ON CONFLICT(team_id, user_id)
                   DO UPDATE SET data = excluded.data, created_at = excluded.created_at""",
                [team_id, user_id, json.dumps(data), _now()],
            )

    def drop(self, team_id: str, user_id: str) -> None:
        with self.write():
            self.db.execute(
                "DELETE FROM analytics_pending WHERE team_id = ? AND user_id = ?",
                [team_id, user_id],
            )
