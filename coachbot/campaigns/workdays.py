"""Working days: Monday to Friday, minus the public holidays of the team's country.

The country is a team setting (`/coach country SE`); without one it follows the team's
language (Swedish: Sweden, Norwegian: Norway) and otherwise only weekends are skipped.
Holidays come from the `holidays` package, which knows Easter, Midsummer and the rest.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays

from coachbot.i18n import LANGUAGES, texts

# Sweden's offices close on Midsummer Eve, Christmas Eve and New Year's Eve although they are
# not public holidays in law: the package files them as "de facto" holidays.
_CATEGORIES = {"SE": ("public", "de_facto")}
DEFAULT_BY_LANGUAGE = {"sv": "SE", "nb": "NO"}
# What a team stores to say "weekends only" on purpose, so no default from the language applies.
NO_COUNTRY = "-"


@cache
def supported() -> frozenset[str]:
    return frozenset(holidays.list_supported_countries())


@cache
def _holidays(country: str, year: int) -> frozenset[date]:
    categories = _CATEGORIES.get(country, ("public",))
    return frozenset(holidays.country_holidays(country, years=year, categories=categories))


def is_holiday(day: date, country: str | None) -> bool:
    return bool(country) and country in supported() and day in _holidays(country, day.year)


def is_working_day(day: date, country: str | None = None) -> bool:
    return day.weekday() < 5 and not is_holiday(day, country)


def next_working_day(day: date, country: str | None = None) -> date:
    """The first working day after `day`."""
    day += timedelta(days=1)
    while not is_working_day(day, country):
        day += timedelta(days=1)
    return day


def add_working_days(day: date, count: int, country: str | None = None) -> date:
    for _ in range(count):
        day = next_working_day(day, country)
    return day


def effective_country(stored: str | None, language: str | None) -> str | None:
    """The country whose holidays count: the team's setting, else its language's."""
    if stored == NO_COUNTRY:
        return None
    if stored:
        return stored
    return DEFAULT_BY_LANGUAGE.get(language or "")


def country_named(word: str) -> str | None:
    """'SE', 'se', 'Sverige', 'Norway' -> the code; a word for none -> NO_COUNTRY; else None."""
    raw = " ".join(word.strip().lower().split())
    if raw in _none_words():
        return NO_COUNTRY
    code = raw.upper()
    if len(code) == 2 and code in supported():
        return code
    return _country_names().get(raw)


@cache
def _none_words() -> frozenset[str]:
    return frozenset(w.lower() for lang in LANGUAGES for w in texts(lang).words("country.none"))


@cache
def _country_names() -> dict[str, str]:
    """Every country the holidays package knows, by its name in each of our languages."""
    out: dict[str, str] = {}
    for lang in LANGUAGES:
        for code, name in texts(lang).locale.territories.items():
            if code in supported():
                out.setdefault(name.lower(), code)
    return out
