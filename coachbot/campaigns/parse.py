"""Reading `/coach campaign <name> <start> <end>` with names and dates of any length."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from datetime import date

from coachbot.core.dates import DateDoesNotExist, DateNotUnderstood, parse_date

MAX_NAME = 120
# A name does not end in the first word of a date ("Sale next friday ...").
_CONNECTORS = frozenset({"next", "nästa", "neste", "on", "på", "in", "om", "kommande", "kommende"})
MAX_DATE_WORDS = 3


@dataclass(frozen=True)
class CampaignDates:
    name: str
    start: date
    end: date


class CampaignInputError(ValueError):
    """Why a campaign line could not be read: a key under `campaign.errors.`."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key = key
        self.params = params


def parse_campaign(text: str, today: date) -> CampaignDates:
    """Split a line into name, start and end, trying every split; the likeliest wins.

    Likeliest: both dates read, the end not before the start, the two dates written the
    same way (as many words each), then the longest name. Quotes keep a name together.
    """
    text = " ".join(text.split())
    if not text:
        raise CampaignInputError("usage")
    try:
        words = shlex.split(text)
    except ValueError:
        words = text.split()
    candidates = []
    impossible = None
    for end_len in range(1, MAX_DATE_WORDS + 1):
        for start_len in range(1, MAX_DATE_WORDS + 1):
            name_len = len(words) - end_len - start_len
            if name_len < 1:
                continue
            name = " ".join(words[:name_len])
            start_text = " ".join(words[name_len : name_len + start_len])
            end_text = " ".join(words[name_len + start_len :])
            try:
                start = parse_date(start_text, today)
                # "+2w", "in 3 weeks": counted from the start, not from today.
                relative = end_text.startswith(("+", "in ", "om "))
                end = parse_date(end_text, start if relative else today)
            except DateDoesNotExist as exc:
                impossible = impossible or str(exc)
                continue
            except DateNotUnderstood:
                continue
            dangling = words[name_len - 1].lower() in _CONNECTORS
            score = (end >= start, not dangling, start_len == end_len, name_len)
            candidates.append((score, CampaignDates(name, start, end)))
    if not candidates:
        if impossible:
            raise CampaignInputError("date_does_not_exist", text=impossible[:40])
        raise CampaignInputError("usage")
    best = max(candidates, key=lambda c: c[0])[1]
    if best.end < best.start:
        raise CampaignInputError("end_before_start", start=best.start, end=best.end)
    if len(best.name) > MAX_NAME:
        raise CampaignInputError("name_too_long", max=MAX_NAME, length=len(best.name))
    return best
