"""All user-facing text: catalogues in prompts/<lang>/*.toml, looked up by dotted key."""

from __future__ import annotations

import string
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from coachbot import PROMPTS_DIR

LANGUAGES = ("en", "sv", "nb")
DEFAULT_LANGUAGE = "en"

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

    def get(self, key: str, default: str | None = None, /, **params: Any) -> str:
        """The text for key, with its {placeholders} filled in."""
        try:
            text = self.raw(key)
        except KeyError:
            if default is None:
                raise
            text = default
        return text.format(**params) if params else text

    def __call__(self, key: str, /, **params: Any) -> str:
        return self.get(key, **params)

    def words(self, key: str) -> list[str]:
        """A list-valued entry (aliases, control words)."""
        value = self.raw(key)
        return list(value) if isinstance(value, list) else [value]


@cache
def texts(lang: str) -> Texts:
    return Texts(lang)
