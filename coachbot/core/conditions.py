"""Named conditions a flow step can be gated on (`when = "<name>"`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Values = dict[str, Any]
CONDITIONS: dict[str, Callable[[Values], bool]] = {}


def condition(fn: Callable[[Values], bool]) -> Callable[[Values], bool]:
    CONDITIONS[fn.__name__] = fn
    return fn


def _placed(values: Values) -> int | None:
    from coachbot.strategy.maturity import checklist_complete, place

    if not checklist_complete(values):
        return None
    return place(values).phase


@condition
def maturity_in_phase_1(values: Values) -> bool:
    return _placed(values) == 1


@condition
def maturity_in_phase_2(values: Values) -> bool:
    return _placed(values) == 2


@condition
def maturity_in_phase_3(values: Values) -> bool:
    return _placed(values) == 3
