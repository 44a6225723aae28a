"""All user-facing text: catalogues in prompts/<lang>/*.toml, looked up by dotted key."""

from __future__ import annotations

import string
import tomllib
from datetime import date
from functools import cache
from numbers import Real
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from coachbot import PROMPTS_DIR

LANGUAGES = ("en", "sv", "nb")
DEFAULT_LANGUAGE = "en"

# The CLDR locale behind each language: plural rules, number, money and date formats.
_CLDR = {"en": "en_GB", "sv": "sv_SE", "nb": "nb_NO"}
# A short day for people: "Fri 25 Dec", "fre 25 dec", "fre. 25. des.".
_DAY_PATTERNS = {"en": "EEE d MMM", "sv": "EEE d MMM", "nb": "EEE d. MMM"}
# Plural forms a catalogue may give a text: `key = { one = "...", other = "..." }`.
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")

# Slack locales look like "sv-SE", "nb-NO", "nn-NO", "no-NO", "en-GB".
_LOCALE_PREFIXES = {"sv": "sv", "nb": "nb", "nn": "nb", "no": "nb", "en": "en"}


def _flatten(prefix: str, node: dict[str, Any], out: dict[str, Any]) -> None:
    for key, value in node.items():
        full = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            _flatten(full, value, out)
        else:
            out[full] = value


@cache
def catalogue(lang: str, prompts_dir: Path = PROMPTS_DIR) -> dict[str, Any]:
    """Every key of one language, flattened: {"help.title": "...", ...}."""
    out: dict[str, Any] = {}
    for path in sorted(p for p in (prompts_dir / lang).iterdir() if p.name.endswith(".toml")):
        with path.open("rb") as fh:
            flat: dict[str, Any] = {}
            _flatten("", tomllib.load(fh), flat)
        clash = out.keys() & flat.keys()
        if clash:
            raise ValueError(f"{path}: keys defined twice: {sorted(clash)[:5]}")
        out.update(flat)
    return out


def placeholders(text: str) -> set[str]:
    """The named {placeholders} a text expects."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def normalise_language(value: str | None) -> str | None:
    """'sv-SE' -> 'sv', 'nn_NO' -> 'nb'; None for anything we do not speak."""
    if not value:
        return None
    prefix = value.strip().lower().replace("_", "-").split("-")[0]
    return _LOCALE_PREFIXES.get(prefix)


def resolve_language(
    user_override: str | None = None,
    team_language: str | None = None,
    locale: str | None = None,
) -> str:
    """The one place a language is chosen: user override, team, Slack locale, English."""
    for candidate in (user_override, team_language, locale):
        lang = normalise_language(candidate)
        if lang:
            return lang
    return DEFAULT_LANGUAGE


class Texts:
    """The catalogue of one language, with English as a last-resort fallback."""

    def __init__(self, lang: str):
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self._own = catalogue(self.lang)
        self._fallback = catalogue(DEFAULT_LANGUAGE)

    def has(self, key: str) -> bool:
        return key in self._own or key in self._fallback

    def raw(self, key: str) -> Any:
        if key in self._own:
            return self._own[key]
        if key in self._fallback:
            return self._fallback[key]
        raise KeyError(f"no text for {key!r}")

    @property
    def locale(self) -> Locale:
        return Locale.parse(_CLDR[self.lang])

    def is_plural(self, key: str) -> bool:
        """A text given as CLDR plural forms: `key.one`, `key.other`, ..."""
        return not self.has(key) and self.has(f"{key}.other")

    def plural(self, key: str, count: Real) -> str:
        """The form of a plural text that this language uses for `count`."""
        form = self.locale.plural_form(abs(count))
        return self.raw(f"{key}.{form}") if self.has(f"{key}.{form}") else self.raw(f"{key}.other")

    def get(self, key: str, default: str | None = None, /, **params: Any) -> str:
        """The text for key, with its {placeholders} filled in.

        A plural text picks its form by the `count` parameter, by the language's own rules.
        """
        if self.is_plural(key):
            if "count" not in params:
                raise KeyError(f"{key!r} has plural forms: give it a count")
            text = self.plural(key, params["count"])
        else:
            try:
                text = self.raw(key)
            except KeyError:
                if default is None:
                    raise
                text = default
        return text.format(**params) if params else text

    def number(self, value: Real) -> str:
        """A number as this language writes it: "2,5" and "4 812" in Swedish."""
        return format_decimal(value, locale=self.locale)

    def money(self, amount: Real, currency: str) -> str:
        """An amount with its currency: "15 000 kr", "15 000,50 kr", "15,000 SEK"."""
        whole = float(amount).is_integer()
        pattern = "#,##0\u00a0¤" if whole else "#,##0.00\u00a0¤"
        return format_currency(
            amount, currency.upper(), format=pattern, locale=self.locale, currency_digits=False
        )

    def day(self, value: date) -> str:
        """A date for people, with its weekday: "Fri 25 Dec", "fre 25 dec", "fre. 25. des."."""
        text = format_date(value, _DAY_PATTERNS[self.lang], locale=self.locale)
        return text.rstrip(".") if self.lang == "sv" else text

    def __call__(self, key: str, /, **params: Any) -> str:
        return self.get(key, **params)

    def words(self, key: str) -> list[str]:
        """A list-valued entry (aliases, control words)."""
        value = self.raw(key)
        return list(value) if isinstance(value, list) else [value]


@cache
def texts(lang: str) -> Texts:
    return Texts(lang)
