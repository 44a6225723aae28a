"""Flows as data: sections of typed steps, loaded from prompts/flows/<name>.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from coachbot import PROMPTS_DIR
from coachbot.core.conditions import CONDITIONS

StepType = Literal["text", "choice", "multi", "scale", "number", "list", "date"]


class Step(BaseModel):
    """One question: what it collects, how it is validated, what feedback it may trigger."""

    model_config = {"populate_by_name": True}

    id: str
    type: StepType
    choices: list[str] = Field(default_factory=list)
    for_each: str | None = None
    when: str | None = None
    feedback: list[str] = Field(default_factory=list)
    weak: list[str] = Field(default_factory=list)  # weaknesses that leave it open
    quick: bool = False  # part of the quick path: a usable one-page strategy first
    money: bool = False  # a number that is an amount in the team's currency
    validate_with: str | None = Field(default=None, alias="validate")
    picks: Literal["people", "channel"] | None = None  # a person or a conversation
    offers: str | None = None  # a value holding the usual answers (a form offers them)
    optional: bool = False  # may stay empty in a form
    min_words: int = 1
    min_items: int = 1
    max_items: int = 12
    min: float | None = None
    max: float | None = None
    future: bool = False

    @model_validator(mode="after")
    def _choices_fit_type(self) -> Step:
        if self.type in ("choice", "multi") and not self.choices:
            raise ValueError(f"step {self.id}: a {self.type} step needs choices")
        return self


class Section(BaseModel):
    id: str
    step: list[Step]


class Flow(BaseModel):
    name: str
    section: list[Section]
    probe_non_answers: bool = False  # "vet inte" to a text question is followed up, kept open

    def section_ids(self) -> list[str]:
        return [s.id for s in self.section]

    def find(self, section_id: str, step_id: str) -> Step:
        for section in self.section:
            if section.id == section_id:
                for step in section.step:
                    if step.id == step_id:
                        return step
        raise KeyError(f"{self.name}: no step {section_id}.{step_id}")


@dataclass(frozen=True)
class ConcreteStep:
    """A step as the user meets it: a slot with, for repeated steps, its item."""

    slot: str
    section: str
    step: Step
    index: int | None = None
    item: str | None = None

    @property
    def base_slot(self) -> str:
        return f"{self.section}.{self.step.id}"


_SLOT = re.compile(r"^(?P<section>[a-z_0-9]+)\.(?P<step>[a-z_0-9]+)(\[(?P<index>\d+)\])?$")


def parse_slot(slot: str) -> tuple[str, str, int | None]:
    """'audience.persona_dislikes[0]' -> ('audience', 'persona_dislikes', 0); the exchange
    file's slot ids are read with it."""
    match = _SLOT.match(slot)
    if not match:
        raise ValueError(f"not a slot: {slot!r}")
    index = match["index"]
    return match["section"], match["step"], None if index is None else int(index)


def _as_items(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def expand(
    flow: Flow, values: dict[str, Any], conditions: dict[str, Any] | None = None
) -> list[ConcreteStep]:
    """The steps a user walks through given what is answered so far, in order.

    Consecutive steps repeating over the same list are grouped, so each item is asked
    about completely before the next ("persona 1: all fields, persona 2: ...").
    """
    conditions = conditions or CONDITIONS
    out: list[ConcreteStep] = []
    for section in flow.section:
        steps = [s for s in section.step if not s.when or conditions[s.when](values)]
        i = 0
        while i < len(steps):
            step = steps[i]
            if step.for_each is None:
                out.append(ConcreteStep(f"{section.id}.{step.id}", section.id, step))
                i += 1
                continue
            group = [step]
            while i + len(group) < len(steps) and steps[i + len(group)].for_each == step.for_each:
                group.append(steps[i + len(group)])
            for index, item in enumerate(_as_items(values.get(step.for_each))):
                for member in group:
                    slot = f"{section.id}.{member.id}[{index}]"
                    out.append(ConcreteStep(slot, section.id, member, index, item))
            i += len(group)
    return out


@cache
def load_flow(name: str) -> Flow:
    """The flow declared in prompts/flows/<name>.toml."""
    with (PROMPTS_DIR / "flows" / f"{name}.toml").open("rb") as fh:
        data = tomllib.load(fh)
    return Flow(name=name, **data)
