"""Pydantic models for the strategy and what is read out of it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

AnswerValue = str | int | float | list[str]


class Answer(BaseModel):
    """One confirmed answer to one interview slot."""

    value: AnswerValue
    by: str | None = None
    at: datetime
    version: int = Field(description="strategy version this answer was written in")


class Learning(BaseModel):
    """A lesson from an evaluated campaign, kept for the next one of its kind."""

    campaign: str
    goal_type: str | None = None
    text: str
    at: datetime


class Strategy(BaseModel):
    """A team's strategy: every answered slot, keyed 'section.step' or 'section.step[i]'."""

    team_id: str
    version: int = 0
    answers: dict[str, Answer] = Field(default_factory=dict)
    completed_at: datetime | None = None
    learnings: list[Learning] = Field(default_factory=list)

    def value(self, slot: str, default: Any = None) -> Any:
        answer = self.answers.get(slot)
        return default if answer is None else answer.value

    def values(self) -> dict[str, AnswerValue]:
        return {slot: answer.value for slot, answer in self.answers.items()}

    def items(self, slot: str) -> list[str]:
        """A list-valued slot as a list, whatever was stored."""
        value = self.value(slot)
        if value is None:
            return []
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]


class SectionProgress(BaseModel):
    """How far one section of the guide has come."""

    section: str
    answered: int
    total: int

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.answered >= self.total

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else round(100 * self.answered / self.total)
