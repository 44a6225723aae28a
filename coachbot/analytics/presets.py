"""Known exports, recognised by their headers (data/analytics_presets.toml)."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache

from coachbot import DATA_DIR

_WORD = re.compile(r"[^\w%]+", re.UNICODE)


def norm(text: str) -> str:
    """A header or KPI name compared without case, spacing or punctuation around words."""
    return " ".join(_WORD.sub(" ", str(text).lower()).split())


@dataclass(frozen=True)
class Format:
    id: str
    tool: str
    campaign: tuple[str, ...]
    date: tuple[str, ...]
    text: tuple[str, ...]
    metrics: dict[str, tuple[str, ...]]


@dataclass
class Recognised:
    """Where a known format's columns are in one file's header (column indexes)."""

    format: Format | None
    campaign: int | None = None
    date: int | None = None
    text: list[int] = field(default_factory=list)
    metrics: dict[str, int] = field(default_factory=dict)


@cache
def _presets() -> dict:
    with (DATA_DIR / "analytics_presets.toml").open("rb") as fh:
        return tomllib.load(fh)


@cache
def formats() -> tuple[Format, ...]:
    return tuple(
        Format(
            id=f["id"],
            tool=f["tool"],
            campaign=tuple(f.get("campaign", [])),
            date=tuple(f.get("date", [])),
            text=tuple(f.get("text", [])),
            metrics={m: tuple(names) for m, names in f.get("metrics", {}).items()},
        )
        for f in _presets()["format"]
    )


@cache
def _kpi_words() -> dict[str, str]:
    return {norm(w): metric for metric, d in _presets()["metrics"].items() for w in d["kpi"]}


def kpi_metric(kpi_name: str) -> str | None:
    """The metric a KPI's name means ("Räckvidd" -> "reach"); None for anything else."""
    return _kpi_words().get(norm(kpi_name))


@cache
def _not_summable() -> frozenset[str]:
    return frozenset(norm(w) for w in _presets().get("not_summable", []))


def summable(header: str) -> bool:
    """False for a column of rates or averages ("Engagement rate", "Åtgärder per besök")."""
    return not (set(norm(header).split()) & _not_summable())


def shape(header: list[str]) -> str:
    """A file shape: the same columns in the same order, whatever the rows."""
    joined = "\x1f".join(norm(h) for h in header)
    return hashlib.sha256(joined.encode()).hexdigest()[:24]


def _first(names: tuple[str, ...], where: dict[str, int]) -> int | None:
    for name in names:
        if norm(name) in where:
            return where[norm(name)]
    return None


def recognise(header: list[str]) -> Recognised:
    """The known format this header fits best; `format` is None when none fits."""
    where: dict[str, int] = {}
    for at, name in enumerate(header):
        where.setdefault(norm(name), at)
    best, best_score = Recognised(None), 0
    for fmt in formats():
        found = Recognised(fmt, _first(fmt.campaign, where), _first(fmt.date, where))
        found.text = [where[norm(n)] for n in fmt.text if norm(n) in where]
        for metric, names in fmt.metrics.items():
            at = _first(names, where)
            if at is not None and at not in (found.campaign, found.date):
                found.metrics[metric] = at
        anchored = found.campaign is not None or found.date is not None
        score = (found.campaign is not None) + (found.date is not None) + len(found.metrics)
        if anchored and found.metrics and score >= 2 and score > best_score:
            best, best_score = found, score
    return best
