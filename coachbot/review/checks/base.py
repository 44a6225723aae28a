"""What a check is: a function (post, context) -> Finding, registered under its id."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from coachbot import DATA_DIR
from coachbot.review.model import Status
from coachbot.review.post import Post

QUOTE_MAX = 80


@dataclass(frozen=True)
class Finding:
    """A check's verdict: status, which advice to give (`review.<id>.<outcome>`), its params."""

    status: Status
    outcome: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReviewContext:
    """What a check may know besides the post: the channel's facts and the team's strategy."""

    platform: dict[str, Any] | None
    default_fold: int
    strategy: dict[str, Any]  # the strategy's answers by slot; empty without one
    ad_budget: float | None = None
    strategy_lang: str | None = None  # the language the strategy is written in
    # Campaigns running today, latest start first: {"name", "tag", "channels"} each.
    campaigns: list[dict[str, Any]] = field(default_factory=list)
    # Findings one check reuses from another (concept and audience ask for purpose).
    memo: dict[str, Any] = field(default_factory=dict)

    @property
    def has_strategy(self) -> bool:
        return bool(self.strategy)


Check = Callable[[Post, ReviewContext], Finding]
CHECKS: dict[str, Check] = {}


def check(check_id: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        CHECKS[check_id] = fn
        return fn

    return register


def quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_MAX else text[: QUOTE_MAX - 1] + "…"


@cache
def platforms() -> dict[str, dict[str, Any]]:
    with (DATA_DIR / "platforms.toml").open("rb") as fh:
        return tomllib.load(fh)


def channel_names() -> list[str]:
    return [name for name in platforms() if name != "default"]
