"""Answers that leave a question open: non-answers, and the weak answers the guide warns of.

The interview follows such an answer up once, at the time; what is still weak after that
is kept, and is an *open point* of the strategy: listed in `/coach status`, on App Home and
in the export until someone answers it properly. Open points are read from the answers
themselves, so they can never drift from what the strategy says.

A flow step names its weaknesses under `weak` (prompts/flows/interview.toml); a flow with
`probe_non_answers = true` treats a non-answer ("vet inte", "-", "alla") to any of its
text or list questions as open.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from coachbot.core.answers import clean_text
from coachbot.core.flow import ConcreteStep, Flow, expand
from coachbot.strategy.feedback import coaching_words, mentions

Values = dict[str, Any]
Weakness = Callable[[Any, Values, ConcreteStep], bool]
WEAKNESSES: dict[str, Weakness] = {}
NON_ANSWER = "non_answer"


def weakness(fn: Weakness) -> Weakness:
    WEAKNESSES[fn.__name__] = fn
    return fn


def _normal(text: str) -> str:
    text = text.replace("’", "'").replace("´", "'")
    return " ".join(text.lower().split()).strip(" .!…")


def is_non_answer(value: Any) -> bool:
    """True when the whole answer says nothing: "vet inte", "-", "?", "alla", "n/a" …

    A list is a non-answer when every item is one; an empty list is an answer ("none").
    """
    if isinstance(value, list):
        return bool(value) and all(is_non_answer(v) for v in value)
    if not isinstance(value, str):
        return False
    raw = _normal(value)
    if not raw or not re.search(r"\w", raw):
        return True  # only punctuation: "-", "?", "…"
    return raw in coaching_words("non_answers")


def _text(value: Any) -> str:
    return " ".join(map(str, value)) if isinstance(value, list) else str(value)


@weakness
def vision_without_goal(value: Any, values: Values, step: ConcreteStep) -> bool:
    """ "Bli mer synliga.": no goal, no number, nothing to hold the work to."""
    text = _text(value).lower()
    return not re.search(r"\d", text) and not any(w in text for w in coaching_words("goal_words"))


@weakness
def vanity_measure(value: Any, values: Values, step: ConcreteStep) -> bool:
    """Likes or followers as the whole measure of a reach or engagement goal."""
    goal_type = values.get(f"goals.type[{step.index}]") if step.index is not None else None
    if step.base_slot == "goals.metric" and goal_type not in (None, "reach", "engagement"):
        return False
    items = value if isinstance(value, list) else [value]
    return bool(items) and all(
        mentions(item, "vanity") and not mentions(item, "honest_metrics") for item in items
    )


@weakness
def audience_everyone(value: Any, values: Values, step: ConcreteStep) -> bool:
    """An audience that is everyone ("alla som åker buss")."""
    items = value if isinstance(value, list) else [value]
    return any(mentions(item, "everyone") for item in items)


@weakness
def excludes_nobody(value: Any, values: Values, step: ConcreteStep) -> bool:
    """A creative concept that fits everyone dares nothing ("passa alla")."""
    return mentions(value, "excludes_nobody") is not None


@weakness
def income_demography(value: Any, values: Values, step: ConcreteStep) -> bool:
    """Income given as the demography that shapes a culture ("medelinkomst")."""
    return mentions(value, "income") is not None


@weakness
def broad_interest(value: Any, values: Values, step: ConcreteStep) -> bool:
    """A one-word interest ("buss", "running"): too broad to write for."""
    words = re.findall(r"\w+", _text(value))
    return len(words) <= 1 or (len(words) <= 2 and mentions(value, "broad_interests") is not None)


def _probes_non_answers(flow: Flow, step: ConcreteStep) -> bool:
    return flow.probe_non_answers and step.step.type in ("text", "list")


def kept_as_said(flow: Flow, step: ConcreteStep, text: str) -> Any:
    """A non-answer of symbols only ("-", "?") that the parser refused, as the value to
    keep (so it can be followed up and become an open point), or None."""
    said = clean_text(text)
    if not _probes_non_answers(flow, step) or not re.fullmatch(r"[-?.…–—/]{1,5}", said):
        return None  # emoji and other marks are refused as before
    return [said] if step.step.type == "list" else said


def weakness_of(flow: Flow, step: ConcreteStep, value: Any, values: Values) -> str | None:
    """Why this answer leaves its question open (a weakness name), or None."""
    if _probes_non_answers(flow, step) and is_non_answer(value):
        return NON_ANSWER
    for name in step.step.weak:
        if WEAKNESSES[name](value, values, step):
            return name
    return None


@dataclass(frozen=True)
class OpenPoint:
    """An answered question whose answer does not yet do its job."""

    step: ConcreteStep
    value: Any
    reason: str  # a weakness name; its texts are `open_point.<reason>`, `probe.<reason>`

    @property
    def non_answer(self) -> bool:
        return self.reason == NON_ANSWER


def open_points(flow: Flow, values: Values) -> list[OpenPoint]:
    """Every saved answer that is a non-answer or still weak, in the interview's order."""
    out = []
    for step in expand(flow, values):
        if step.slot in values:
            reason = weakness_of(flow, step, values[step.slot], values)
            if reason:
                out.append(OpenPoint(step, values[step.slot], reason))
    return out
