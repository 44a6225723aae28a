"""Typed answers: turn what a person typed into a value, or say clearly why not."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

import emoji

from coachbot.campaigns.model import kpi_suffix, parse_kpi
from coachbot.core.dates import DateDoesNotExist, DateNotUnderstood, parse_date
from coachbot.core.flow import Step
from coachbot.core.numbers import normalise_number
from coachbot.i18n import LANGUAGES, texts

MAX_TEXT = 2000
MAX_ITEM = 300


@dataclass
class InvalidAnswer(Exception):
    """Why an answer was refused: a text key under `errors.` and its parameters."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """Drop control and direction-override characters; keep line breaks; trim."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\t", " "))
    text = _CONTROL.sub("", text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(lines).strip()


def has_words(text: str) -> bool:
    """True when the text holds at least one letter or digit, not only emoji or marks."""
    return any(ch.isalnum() for ch in emoji.replace_emoji(text, ""))


@cache
def _none_words() -> frozenset[str]:
    return frozenset(w.lower() for lang in LANGUAGES for w in texts(lang).words("controls.none"))


def parse_answer(step: Step, raw: str, today: date, labels: Labels | None = None) -> Any:
    """The value for `step` from what was typed, or InvalidAnswer."""
    text = clean_text(raw)
    if not text:
        raise InvalidAnswer("empty")
    if len(text) > MAX_TEXT:
        raise InvalidAnswer("too_long", {"max": MAX_TEXT, "length": len(text)})
    parser = _PARSERS[step.type]
    value = parser(step, text, today, labels or {})
    if step.validate_with:
        value = VALIDATORS[step.validate_with](value)
    return value


def _text(step: Step, text: str, today: date, labels: Labels) -> str:
    if not has_words(text):
        raise InvalidAnswer("no_words")
    if len(text.split()) < step.min_words:
        raise InvalidAnswer("too_short", {"min": step.min_words})
    return text


Labels = dict[str, list[str]]
"""Every label (in every language) a choice id may be typed as: {"lead": ["Lead", "Leda"]}."""


def _match_choice(step: Step, token: str, labels: Labels) -> str | None:
    """A choice id from an index, an id, or a label in any language (or its start)."""
    token = token.strip().lower().rstrip(".)")
    if not token:
        return None
    if token.isdigit():
        index = int(token)
        return step.choices[index - 1] if 1 <= index <= len(step.choices) else None
    if token in step.choices:
        return token
    by_label = {label.lower(): c for c, names in labels.items() for label in names}
    if token in by_label:
        return by_label[token]
    starts = {c for label, c in by_label.items() if len(token) >= 3 and label.startswith(token)}
    return starts.pop() if len(starts) == 1 else None


def _choice(step: Step, text: str, today: date, labels: Labels) -> str:
    found = _match_choice(step, text, labels)
    if found is None:
        raise InvalidAnswer("choice_unknown", {"count": len(step.choices)})
    return found


@cache
def _split_multi() -> re.Pattern[str]:
    """Separators between the items of a multiple choice, joining words of every language."""
    joiners = {w for lang in LANGUAGES for w in texts(lang).words("answer_words.joiners")}
    words = "|".join(re.escape(w) for w in sorted(joiners, key=len, reverse=True))
    return re.compile(rf"[,;/\n]+|\s+(?:{words})\s+")


@cache
def _number_suffix() -> re.Pattern[str]:
    suffixes = {w for lang in LANGUAGES for w in texts(lang).words("answer_words.number_suffixes")}
    return re.compile("(" + "|".join(map(re.escape, sorted(suffixes, key=len))) + ")$")


def _multi(step: Step, text: str, today: date, labels: Labels) -> list[str]:
    if text.lower() in _none_words():
        tokens: list[str] = []
    else:
        tokens = [t for t in _split_multi().split(text) if t.strip()]
        if len(tokens) == 1 and re.fullmatch(r"[\d\s]+", tokens[0]):
            tokens = tokens[0].split()
    chosen: list[str] = []
    for token in tokens:
        found = _match_choice(step, token, labels)
        if found is None:
            raise InvalidAnswer("multi_unknown", {"item": token[:60], "count": len(step.choices)})
        if found not in chosen:
            chosen.append(found)
    if len(chosen) < step.min_items:
        raise InvalidAnswer("multi_too_few", {"min": step.min_items})
    return chosen


def _number(step: Step, text: str, today: date, labels: Labels) -> int | float:
    cleaned = re.sub(r"[\s\u00a0]", "", text.lower())
    cleaned = _number_suffix().sub("", cleaned)
    cleaned = normalise_number(cleaned)
    if not re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
        raise InvalidAnswer("not_a_number")
    value = float(cleaned)
    if (step.min is not None and value < step.min) or (step.max is not None and value > step.max):
        raise InvalidAnswer("number_range", {"min": _fmt(step.min), "max": _fmt(step.max)})
    return int(value) if value.is_integer() else value


def _scale(step: Step, text: str, today: date, labels: Labels) -> int:
    low, high = int(step.min or 1), int(step.max or 5)
    token = text.strip().split("/")[0].strip()
    if not token.isdigit() or not low <= int(token) <= high:
        raise InvalidAnswer("scale_range", {"min": low, "max": high})
    return int(token)


_BULLET = re.compile(r"^\s*(?:[-*•·–]|\d{1,2}[.)])\s+")


_LIST_COMMA = re.compile(r"(?<!\d),|,(?!\d)")


def _list(step: Step, text: str, today: date, labels: Labels) -> list[str]:
    if text.lower() in _none_words():
        items: list[str] = []
    else:
        separator = "\n" if "\n" in text else (";" if ";" in text else ",")
        # A comma between digits is part of a number ("40,000", "2,5 %"), not a separator.
        parts = _LIST_COMMA.split(text) if separator == "," else text.split(separator)
        items = [_BULLET.sub("", part).strip() for part in parts]
        items = [item for item in items if item]
    if any(not has_words(item) for item in items):
        raise InvalidAnswer("no_words")
    if any(len(item) > MAX_ITEM for item in items):
        raise InvalidAnswer("item_too_long", {"max": MAX_ITEM})
    if len(items) < step.min_items:
        raise InvalidAnswer("list_too_few", {"min": step.min_items})
    if len(items) > step.max_items:
        raise InvalidAnswer("list_too_many", {"max": step.max_items, "count": len(items)})
    return items


def _date(step: Step, text: str, today: date, labels: Labels) -> str:
    try:
        value = parse_date(text, today)
    except DateDoesNotExist as exc:
        raise InvalidAnswer("date_does_not_exist", {"text": text[:40]}) from exc
    except DateNotUnderstood as exc:
        raise InvalidAnswer("date_unknown") from exc
    if step.future and value <= today:
        raise InvalidAnswer("date_not_future", {"date": value.isoformat()})
    return value.isoformat()


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


_PARSERS = {
    "text": _text,
    "choice": _choice,
    "multi": _multi,
    "scale": _scale,
    "number": _number,
    "list": _list,
    "date": _date,
}


def _kpi_targets(value: list[str]) -> list[str]:
    """Every KPI line names a non-negative target: 'Reach: 40 000'."""
    out = []
    for line in value:
        parsed = parse_kpi(line)
        if parsed is None:
            raise InvalidAnswer("kpi_target_missing", {"item": line[:60]})
        name, target = parsed
        if target < 0:
            raise InvalidAnswer("kpi_target_negative", {"item": line[:60]})
        shown = int(target) if float(target).is_integer() else target
        unit = kpi_suffix(line)  # a percentage or a currency stays with its number
        out.append(f"{name}: {shown}{unit}")
    return out


# Rejections a step can name with `validate = "<name>"` (after its type is read).
VALIDATORS = {"kpi_targets": _kpi_targets}
