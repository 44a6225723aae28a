"""Placing a team in one of the four maturity phases (GUIDE.md §B, seed 001)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coachbot.core.flow import load_flow

# A phase counts as reached when this share of its characteristics is ticked,
# and every phase before it is reached too.
REACHED_SHARE = 0.6
PHASES = (1, 2, 3, 4)


@dataclass(frozen=True)
class Placement:
    phase: int
    ticked: dict[int, list[str]]
    missing: dict[int, list[str]]

    def share(self, phase: int) -> float:
        total = len(self.ticked[phase]) + len(self.missing[phase])
        return len(self.ticked[phase]) / total if total else 0.0


def _checklist(phase: int) -> list[str]:
    return load_flow("maturity").find("checklist", f"phase{phase}").choices


def checklist_complete(values: dict[str, Any]) -> bool:
    return all(f"checklist.phase{p}" in values for p in PHASES)


def place(values: dict[str, Any]) -> Placement:
    """The phase a team is in, from its ticked characteristics; phase 1 at the least."""
    ticked: dict[int, list[str]] = {}
    missing: dict[int, list[str]] = {}
    for p in PHASES:
        chosen = set(values.get(f"checklist.phase{p}") or [])
        ticked[p] = [c for c in _checklist(p) if c in chosen]
        missing[p] = [c for c in _checklist(p) if c not in chosen]
    phase = 1
    for p in PHASES:
        total = len(ticked[p]) + len(missing[p])
        if total and len(ticked[p]) / total >= REACHED_SHARE:
            phase = p
        else:
            break
    return Placement(phase=phase, ticked=ticked, missing=missing)
