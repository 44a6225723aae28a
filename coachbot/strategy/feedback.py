"""Coaching feedback: named rules a flow step lists under `feedback`, drawn from the guide.

A rule sees the new answer and everything answered so far, and returns the parameters of
its message (`feedback.<rule name>` in prompts/<lang>/feedback.toml), or None to stay quiet.
Feedback never refuses an answer: it coaches, the answer is kept.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from dateutil.relativedelta import relativedelta

from coachbot import DATA_DIR, PROMPTS_DIR


@dataclass(frozen=True)
class RuleInput:
    """What a rule may look at."""

    value: Any
    values: dict[str, Any]
    slot: str
    index: int | None
    item: str | None
    today: date


Params = dict[str, Any]
Rule = Callable[[RuleInput], Params | None]
RULES: dict[str, Rule] = {}


def rule(fn: Rule) -> Rule:
    RULES[fn.__name__] = fn
    return fn


@cache
def coaching_words(kind: str) -> tuple[str, ...]:
    with (DATA_DIR / "coaching_words.toml").open("rb") as fh:
        data = tomllib.load(fh)
    return tuple(sorted({w for lang in data.values() for w in lang[kind]}, key=len, reverse=True))


def _text(value: Any) -> str:
    return " ".join(map(str, value)) if isinstance(value, list) else str(value)


def _tokens(value: Any) -> list[str]:
    return re.findall(r"[\w'-]+", _text(value).lower())


def mentions(value: Any, kind: str) -> str | None:
    """The first word of list `kind` that occurs in value as a whole word or phrase."""
    text = " " + " ".join(_tokens(value)) + " "
    raw = _text(value).lower().strip()
    for word in coaching_words(kind):
        if not re.search(r"\w", word):
            if raw == word:
                return word
        elif f" {word} " in text:
            return word
    return None


def _is_nothing(value: Any) -> bool:
    raw = _text(value).lower().strip(" .!")
    return not raw or raw in coaching_words("nothing")


def _has_number(value: Any) -> bool:
    return bool(re.search(r"\d", _text(value)))


def _goal_types(values: dict[str, Any]) -> set[str]:
    return {v for k, v in values.items() if k.startswith("goals.type[")}


def _count(values: dict[str, Any], slot: str) -> int:
    value = values.get(slot)
    return len(value) if isinstance(value, list) else 0


# --- purpose ---------------------------------------------------------------------------


@rule
def purpose_too_vague(i: RuleInput) -> Params | None:
    if len(_tokens(i.value)) < 12:
        return {"words": len(_tokens(i.value))}
    return None


@rule
def why_is_about_us(i: RuleInput) -> Params | None:
    tokens = _tokens(i.value)
    we = sum(t in coaching_words("we") for t in tokens)
    you = sum(t in coaching_words("you") for t in tokens)
    return {} if we > you else None


@rule
def no_vision_link(i: RuleInput) -> Params | None:
    return {} if _is_nothing(i.value) or len(_tokens(i.value)) < 3 else None


# --- goals and KPIs --------------------------------------------------------------------


@rule
def goal_not_measurable(i: RuleInput) -> Params | None:
    return {"goal": i.item or ""} if not _has_number(i.value) else None


@rule
def kpi_no_target(i: RuleInput) -> Params | None:
    missing = [k for k in i.value if not _has_number(k)]
    if missing:
        return {"kpis": ", ".join(missing[:3]), "count": len(missing)}
    return None


@rule
def kpi_vanity_only(i: RuleInput) -> Params | None:
    if i.value and all(mentions(k, "vanity") for k in i.value):
        return {}
    return None


# --- audiences -------------------------------------------------------------------------


@rule
def audience_everyone(i: RuleInput) -> Params | None:
    word = mentions(i.value, "everyone")
    return {"word": word} if word else None


@rule
def broad_interest(i: RuleInput) -> Params | None:
    tokens = _tokens(i.value)
    if len(tokens) <= 2 and mentions(i.value, "broad_interests"):
        return {"interest": _text(i.value).strip()}
    return None


@rule
def persona_income(i: RuleInput) -> Params | None:
    return {} if mentions(i.value, "income") else None


@rule
def low_engagement_persona(i: RuleInput) -> Params | None:
    return {"persona": i.item or "", "level": i.value} if i.value <= 2 else None


# --- activation and content ------------------------------------------------------------


@rule
def no_service_work(i: RuleInput) -> Params | None:
    return {} if "service" not in i.value else None


@rule
def awareness_only(i: RuleInput) -> Params | None:
    return {} if i.value == ["awareness"] else None


_CONTENT_FOR_GOAL = {"reach": "reach", "engagement": "engagement", "activation": "traffic"}


@rule
def content_types_miss_goals(i: RuleInput) -> Params | None:
    needed = {_CONTENT_FOR_GOAL[g] for g in _goal_types(i.values) if g in _CONTENT_FOR_GOAL}
    missing = sorted(needed - set(i.value))
    return {"missing": ", ".join(missing)} if missing else None


@rule
def concept_too_long(i: RuleInput) -> Params | None:
    words = len(_tokens(i.value))
    return {"words": words} if words > 15 else None


# --- channels, roles and resources -----------------------------------------------------


@rule
def frequency_outside_range(i: RuleInput) -> Params | None:
    if i.value < 2 or i.value > 14:
        return {"channel": i.item or "", "count": i.value}
    return None


@rule
def channels_exceed_people(i: RuleInput) -> Params | None:
    channels = _count(i.values, "channels.list")
    if channels > len(i.value):
        return {"channels": channels, "people": len(i.value), "count": len(i.value)}
    return None


@rule
def lead_ambition_thin_team(i: RuleInput) -> Params | None:
    if i.values.get("purpose.ambition") == "lead" and len(i.value) < 2:
        return {}
    return None


@rule
def sales_goal_no_budget(i: RuleInput) -> Params | None:
    return {} if "sales" in _goal_types(i.values) and i.value == 0 else None


@rule
def revisit_too_far(i: RuleInput) -> Params | None:
    when = date.fromisoformat(i.value)
    if when > i.today + relativedelta(months=12):
        return {"date": i.value}
    return None


# The four shapes a rule can be declared as in prompts/feedback_rules.toml.
SHAPES: dict[str, Callable[[dict[str, Any], RuleInput], bool]] = {
    "one_of": lambda spec, i: i.value in spec["values"],
    "more_than": lambda spec, i: len(i.value) > spec["count"],
    "fewer_than": lambda spec, i: len(i.value) < spec["count"],
    "empty": lambda spec, i: not i.value,
    "nothing": lambda spec, i: _is_nothing(i.value),
}


def shaped_rule(spec: dict[str, Any]) -> Rule:
    """A rule declared as data: a shape, its threshold or values, and its parameters."""
    fires = SHAPES[spec["shape"]]

    def check(i: RuleInput) -> Params | None:
        if not fires(spec, i):
            return None
        params: Params = {}
        if spec["shape"] in ("more_than", "fewer_than"):
            params["count"] = len(i.value)
        if "item" in spec:
            params[spec["item"]] = i.item or ""
        return params

    return check


def _load_shaped_rules() -> None:
    with (PROMPTS_DIR / "feedback_rules.toml").open("rb") as fh:
        for name, spec in tomllib.load(fh).items():
            if name in RULES:
                raise ValueError(f"feedback rule {name} is declared twice")
            RULES[name] = shaped_rule(spec)


_load_shaped_rules()


def run_rules(names: list[str], rule_input: RuleInput) -> list[tuple[str, Params]]:
    """The feedback that fires for one answer, as (rule name, message parameters)."""
    fired = []
    for name in names:
        params = RULES[name](rule_input)
        if params is not None:
            fired.append((name, params))
    return fired
