"""Reading one cell: a number as the tools and Excel write it, or a date."""

from __future__ import annotations

import math
import re
from datetime import date, datetime

# Nothing at all, or a dash: the tools' way of saying "none" (Meta leaves cells empty).
_NONE = frozenset({"", "-", "--", "–", "—"})
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")
_GROUPED_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 4.812 or 4.812,5 (decimal comma)
_GROUPED_COMMA = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")  # 4,812 or 4,812.5
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")  # GA4: 20261201
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s.*)?$")  # 01.12.2026 (nb, de)
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[\s,].*)?$")  # 12/01/2026 or 01/12/2026


class Unreadable(ValueError):
    """Not a number the coach can sum."""


def number(cell: object, decimal_comma: bool) -> float:
    """A non-negative, finite number from a cell; raises Unreadable otherwise.

    "4812", "4 812", "4,812" and "4812.5" everywhere; with decimal commas (Swedish and
    Norwegian Excel, `;`-separated files) "4 812,5" and "4.812,5" instead of "4,812.5".
    """
    if isinstance(cell, bool):
        raise Unreadable(cell)
    if isinstance(cell, int | float):
        value = float(cell)
    else:
        text = str(cell).strip()
        if text.isdigit() and text.isascii():
            return float(text)
        if text in _NONE:
            return 0.0
        value = _parse(_SPACES.sub("", text), decimal_comma)
    if not math.isfinite(value) or value < 0 or value > 1e15:
        raise Unreadable(cell)
    return value


def _parse(text: str, decimal_comma: bool) -> float:
    if not text.isascii():
        raise Unreadable(text)
    if decimal_comma:
        if _GROUPED_DOT.match(text):
            text = text.replace(".", "")
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
    elif _GROUPED_COMMA.match(text):
        text = text.replace(",", "")
    if not _PLAIN.match(text):
        raise Unreadable(text)
    return float(text)


def date_order(cells: list[object]) -> str:
    """How a column's slashed dates are written: 'dmy' if any day is over 12 in front,
    else 'mdy' (the English exports of Meta and LinkedIn)."""
    for cell in cells:
        if isinstance(cell, str):
            match = _SLASHED.match(cell.strip())
            if match and int(match[1]) > 12:
                return "dmy"
    return "mdy"


def to_date(cell: object, order: str = "mdy") -> date | None:
    """A cell as a calendar day; None when it is not one (a totals row, "Lifetime")."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if not isinstance(cell, str):
        return None
    text = cell.strip()
    try:
        if match := _ISO.match(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _COMPACT.match(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DOTTED.match(text):
            return date(int(match[3]), int(match[2]), int(match[1]))
        if match := _SLASHED.match(text):
            first, second, year = int(match[1]), int(match[2]), int(match[3])
            month, day = (first, second) if order == "mdy" else (second, first)
            return date(year, month, day)
    except ValueError:
        return None
    return None
