"""Per-recipient delivery of nudges: what went out, what was refused for good."""

from __future__ import annotations

from dataclasses import dataclass, field

from coachbot.store.repos import Repo

DELIVERED, REFUSED = "delivered", "refused"


@dataclass
class Delivered:
    """What is known of one nudge's recipients."""

    parts: set[tuple[str, int]] = field(default_factory=set)  # (recipient, part) delivered
    refused: dict[str, str] = field(default_factory=dict)  # recipient -> Slack's error

    def done(self, recipient: str, part: int) -> bool:
        return recipient in self.refused or (recipient, part) in self.parts


class DeliveryRepo(Repo):
    def of(self, nudge_id: int) -> Delivered:
        rows = self.db.execute(
            "SELECT recipient, part, status, error FROM nudge_deliveries WHERE nudge_id = ?",
            [nudge_id],
        ).fetchall()
        known = Delivered()
        for recipient, part, status, error in rows:
            if status == REFUSED:
                known.refused[recipient] = error or ""
            else:
                known.parts.add((recipient, part))
        return known

    def delivered(
        self, nudge_id: int, team_id: str, recipient: str, part: int, at: int, by: str
    ) -> None:
        """Recorded, and every claim `by` holds renewed, in one transaction (one fsync)."""
        self._record(nudge_id, team_id, recipient, part, DELIVERED, None, at, by)

    def holds(self, nudge_id: int, by: str) -> bool:
        """True while this nudge is still claimed by `by` (nobody took it over): a read."""
        row = self.db.execute(
            "SELECT 1 FROM nudges WHERE id = ? AND claimed_by = ? AND status = 'sending'",
            [nudge_id, by],
        ).fetchone()
        return row is not None

    def refused(self, nudge_id: int, team_id: str, recipient: str, error: str, at: int) -> None:
        self._record(nudge_id, team_id, recipient, 0, REFUSED, error, at)

    def _record(self, nudge_id, team_id, recipient, part, status, error, at, by=None) -> None:
        with self.write():
            if by is not None:
                self.db.execute(
                    "UPDATE nudges SET claimed_at = ? WHERE claimed_by = ? AND status = 'sending'",
                    [at, by],
                )
            self.db.execute(
                """INSERT INTO nudge_deliveries
                   (nudge_id, team_id, recipient, part, status, error, at)
                   VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (nudge_id, recipient, part) DO UPDATE
                   SET status = excluded.status, error = excluded.error, at = excluded.at""",
                [nudge_id, team_id, recipient, part, status, error, at],
            )
