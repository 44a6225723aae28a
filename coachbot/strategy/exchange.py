"""The strategy exchange file: a team's answers as portable JSON (PRODUCT.md).

`to_exchange` writes it; `read_exchange` validates a whole file before anything is
written, and a bad file is refused with one line naming the field. Slot ids and value
types come from the interview flow (prompts/flows/interview.toml), so the file accepts
exactly what the interview can store.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, StrictStr, ValidationError

from coachbot.core.flow import Flow, Step, load_flow, parse_slot
from coachbot.strategy.models import Answer, Strategy

FORMAT = "coachbot-strategy"
VERSION = 1


class ExchangeFile(BaseModel):
    """The envelope; each answer is checked against its step afterwards."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["coachbot-strategy"]
    version: Literal[1]
    language: Literal["en", "sv", "nb"]
    answers: dict[StrictStr, Any]  # each value checked against its step (check_answer)


class BadExchangeFile(ValueError):
    """A file that cannot be imported; `str()` is one line naming the field."""

    def __init__(self, field: str, problem: str):
        super().__init__(f"{field}: {problem}")
        self.field = field


def to_exchange(strategy: Strategy, language: str) -> dict[str, Any]:
    """The strategy as the exchange file's JSON object."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "language": language,
        "answers": dict(sorted(strategy.values().items())),
    }


def read_exchange(text: str, flow: Flow | None = None) -> ExchangeFile:
    """The validated file, or BadExchangeFile naming the first field that is wrong."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadExchangeFile("file", f"not JSON ({exc.msg}, line {exc.lineno})") from exc
    if not isinstance(raw, dict):
        raise BadExchangeFile("file", "expected a JSON object")
    try:
        parsed = ExchangeFile.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"][:2]) or "file"
        raise BadExchangeFile(field, _problem(error)) from exc
    flow = flow or load_flow("interview")
    for slot, value in parsed.answers.items():
        check_answer(flow, slot, value)
    return parsed


def _problem(error: dict[str, Any]) -> str:
    if error["type"] == "literal_error":
        return f"{error['msg'].lower()}, got {error['input']!r}"
    if error["type"] == "missing":
        return "missing"
    if error["type"] == "extra_forbidden":
        return "not a field of the exchange file"
    return error["msg"].lower()


def check_answer(flow: Flow, slot: str, value: Any) -> None:
    """Refuse a slot the interview does not have, or a value its step cannot hold."""
    field = f"answers.{slot}"
    try:
        section, step_id, index = parse_slot(slot)
        step = flow.find(section, step_id)
    except (ValueError, KeyError):
        raise BadExchangeFile(field, "unknown slot") from None
    if (index is None) != (step.for_each is None):
        expected = f"{slot}[0]" if index is None else slot.split("[")[0]
        raise BadExchangeFile(field, f"unknown slot (did you mean {expected}?)")
    problem = _value_problem(step, value)
    if problem:
        raise BadExchangeFile(field, problem)


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _value_problem(step: Step, value: Any) -> str | None:
    kind = step.type
    if kind == "text":
        return None if isinstance(value, str) else "expected a string"
    if kind == "list":
        return None if _strings(value) else "expected a list of strings"
    if kind == "choice":
        if not isinstance(value, str):
            return f"expected a choice id, one of {', '.join(step.choices)}"
        return None if value in step.choices else _no_choice(step, value)
    if kind == "multi":
        if not _strings(value):
            return f"expected a list of choice ids from {', '.join(step.choices)}"
        wrong = [v for v in value if v not in step.choices]
        return _no_choice(step, wrong[0]) if wrong else None
    if kind == "number":
        number = isinstance(value, int | float) and not isinstance(value, bool)
        return None if number else "expected a number"
    if kind == "scale":
        low, high = int(step.min or 1), int(step.max or 5)
        whole = isinstance(value, int) and not isinstance(value, bool)
        return None if whole and low <= value <= high else f"expected a whole number {low}–{high}"
    if kind == "date":
        return None if _iso_date(value) else "expected an ISO date (YYYY-MM-DD)"
    return None


def _iso_date(value: Any) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def _no_choice(step: Step, value: str) -> str:
    return f"no choice {value!r}; one of {', '.join(step.choices)}"


def imported(current: Strategy, file: ExchangeFile, by: str | None, now: datetime) -> Strategy:
    """The team's strategy as the file has it, ready to save in one write: the file's
    answers replace the stored ones, and slots the file leaves out stay unanswered
    (learnings from evaluated campaigns are kept)."""
    version = current.version + 1
    answers = {
        slot: Answer(value=value, by=by, at=now, version=version)
        for slot, value in file.answers.items()
    }
    return current.model_copy(update={"answers": answers})
