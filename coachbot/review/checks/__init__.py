"""The review checks, by family, registered under their stable ids (in display order)."""

from __future__ import annotations

from coachbot.review.checks import (
    calls,
    channel,
    links,
    readability,
    strategy_fit,
    structure,
    tone,
    value,
)
from coachbot.review.checks.base import CHECKS, Finding, ReviewContext

# Importing each family registers its checks.
FAMILIES = (calls, channel, links, readability, strategy_fit, structure, tone, value)

__all__ = ["CHECKS", "FAMILIES", "Finding", "ReviewContext"]
