"""A campaign as stored and shown."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from coachbot.core.numbers import normalise_number

State = Literal["planned", "running", "ended", "evaluated"]

# Money targets keep their currency: "Sales: 50 000 kr", "€5000", "15 000 SEK".
CURRENCIES = {"sek": "SEK", "nok": "NOK", "dkk": "DKK", "eur": "EUR", "€": "EUR", "usd": "USD"}
CURRENCIES |= {"$": "USD", "gbp": "GBP", "£": "GBP", "kr": "kr", ":-": "kr"}
_MONEY = "|".join(re.escape(c) for c in sorted(CURRENCIES, key=len, reverse=True))
_KPI = re.compile(
    rf"^\s*(?P<name>.+?)\s*[:=]\s*(?P<pre>[€$£])?\s*(?P<target>-?[\d\s\u00a0.,]+?)\s*"
    rf"(?P<unit>%|{_MONEY}|k)?\s*$",
    re.I,
)
_GROUPED = re.compile(r"-?\d{1,3}(?:,\d{3})+")
# "kr" is the crown of the team's own country.
_KRONA = {"sv": "SEK", "nb": "NOK"}


class Campaign(BaseModel):
    id: int
    team_id: str
    name: str
    start: date
    end: date
    tz: str
    created_by: str | None = None
    status: Literal["draft", "active", "evaluated"] = "draft"
    plan: dict[str, Any] = Field(default_factory=dict)
    evaluation: dict[str, Any] | None = None

    def state(self, today: date) -> State:
        if self.status == "evaluated":
            return "evaluated"
        if today < self.start:
            return "planned"
        if today <= self.end:
            return "running"
        return "ended"

    @property
    def goal_type(self) -> str | None:
        return self.plan.get("plan.goal_type")

    @property
    def segment(self) -> str | None:
        return self.plan.get("plan.segment")

    @property
    def persona(self) -> str | None:
        """The strategy persona the campaign speaks to, by name, if one was chosen."""
        return self.plan.get("plan.persona") or None

    def same_audience(self, other: Campaign) -> bool:
        """For the same persona, or (neither naming one) for the same segment."""
        if self.persona or other.persona:
            return bool(self.persona and other.persona) and (
                self.persona.casefold() == (other.persona or "").casefold()
            )
        return bool(self.segment) and self.segment == other.segment

    def kpis(self) -> list[tuple[str, float]]:
        """(name, target) for every KPI line of the plan."""
        out = []
        for line in self.plan.get("plan.kpis") or []:
            parsed = parse_kpi(line)
            if parsed:
                out.append(parsed)
        return out


def parse_kpi(line: str) -> tuple[str, float] | None:
    """'Reach: 40 000' -> ('Reach', 40000.0); '4 %' units kept out; None without a target."""
    match = _KPI.match(line)
    if not match:
        return None
    target = match["target"].strip()
    if _GROUPED.fullmatch(target):
        raw = target.replace(",", "")  # "40,000" groups thousands, as in English
    else:
        raw = normalise_number(target).replace(",", "")  # what commas remain group
    try:
        value = float(raw)
    except ValueError:
        return None
    if (match["unit"] or "").lower() == "k":
        value *= 1000
    return match["name"], value


def kpi_unit(line: str) -> str | None:
    """'%', a currency ('SEK', 'EUR', or 'kr' for the team's own crowns), or None."""
    match = _KPI.match(line)
    if not match:
        return None
    unit = (match["pre"] or match["unit"] or "").lower()
    if unit == "%":
        return "%"
    return CURRENCIES.get(unit)


def kpi_suffix(line: str) -> str:
    """What a KPI line keeps after its number when it is saved: " %", " SEK", " kr", ""."""
    unit = kpi_unit(line)
    return f" {unit}" if unit else ""


def currency_code(unit: str, lang: str) -> str:
    """The ISO code of a KPI's currency: 'kr' is SEK for a Swedish team, NOK for a Norwegian."""
    return _KRONA.get(lang, "SEK") if unit == "kr" else unit
