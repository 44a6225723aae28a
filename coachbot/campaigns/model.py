"""A campaign as stored and shown."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from coachbot.core.numbers import normalise_number

State = Literal["planned", "running", "ended", "evaluated"]

_KPI = re.compile(
    r"^\s*(?P<name>.+?)\s*[:=]\s*(?P<target>-?[\d\s\u00a0.,]+?)\s*(?P<unit>%|k)?\s*$", re.I
)


class Campaign(BaseModel):
    id: int
    team_id: str
    name: str
    start: date
    end: date
    tz: str
    created_by: str | None = None
    status: Literal["draft", "active", "evaluated"] = "draft"
    plan: dict[str, Any] = Field(default_factory=dict)
    evaluation: dict[str, Any] | None = None

    def state(self, today: date) -> State:
        if self.status == "evaluated":
            return "evaluated"
        if today < self.start:
            return "planned"
        if today <= self.end:
            return "running"
        return "ended"

    @property
    def goal_type(self) -> str | None:
        return self.plan.get("plan.goal_type")

    @property
    def segment(self) -> str | None:
        return self.plan.get("plan.segment")

    @property
    def persona(self) -> str | None:
        """The strategy persona the campaign speaks to, by name, if one was chosen."""
        return self.plan.get("plan.persona") or None

    def same_audience(self, other: Campaign) -> bool:
        """For the same persona, or (neither naming one) for the same segment."""
        if self.persona or other.persona:
            return bool(self.persona and other.persona) and (
                self.persona.casefold() == (other.persona or "").casefold()
            )
        return bool(self.segment) and self.segment == other.segment

    def kpis(self) -> list[tuple[str, float]]:
        """(name, target) for every KPI line of the plan."""
        out = []
        for line in self.plan.get("plan.kpis") or []:
            parsed = parse_kpi(line)
            if parsed:
                out.append(parsed)
        return out


def parse_kpi(line: str) -> tuple[str, float] | None:
    """'Reach: 40 000' -> ('Reach', 40000.0); '4 %' units kept out; None without a target."""
    match = _KPI.match(line)
    if not match:
        return None
    raw = normalise_number(match["target"]).replace(",", "")  # what commas remain group
    try:
        value = float(raw)
    except ValueError:
        return None
    if (match["unit"] or "").lower() == "k":
        value *= 1000
    return match["name"], value
