"""Named conditions a flow step can be gated on (`when = "<name>"`).

Each is declared beside the flow that uses it, with `@condition`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Values = dict[str, Any]
CONDITIONS: dict[str, Callable[[Values], bool]] = {}


def condition(fn: Callable[[Values], bool]) -> Callable[[Values], bool]:
    CONDITIONS[fn.__name__] = fn
    return fn
