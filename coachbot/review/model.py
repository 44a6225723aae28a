"""What a review returns: stable check ids, statuses, advice, and the figures behind them."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Status = Literal["pass", "warn", "fail", "skip"]

# The stable ids, in the order a review shows them (PRODUCT.md).
CHECK_IDS = (
    "one_message",
    "first_line_hook",
    "one_cta",
    "invites_interaction",
    "user_value",
    "salesy",
    "utm_links",
    "channel_fit",
    "readability",
    "purpose_fit",
    "audience_fit",
    "tone_fit",
    "concept_fit",
)


class CheckResult(BaseModel):
    id: str
    status: Status
    title: str
    advice: str


class ReviewResult(BaseModel):
    """The JSON shape `coachbot review --json` prints."""

    language: str  # "en", "sv", "nb", or "other" (reviewed with the English word lists)
    channel: str | None
    score: int
    checks: list[CheckResult]
    metrics: dict[str, Any] = Field(default_factory=dict)
    top_fixes: list[str] = Field(default_factory=list, exclude=True)
    split: list[str] = Field(default_factory=list, exclude=True)
    language_note: str | None = Field(default=None, exclude=True)  # "uncertain", "other"

    def status(self, check_id: str) -> Status:
        return next(c.status for c in self.checks if c.id == check_id)

    def public_json(self) -> dict[str, Any]:
        return self.model_dump(include={"language", "channel", "score", "checks", "metrics"})
