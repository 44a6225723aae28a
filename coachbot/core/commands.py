"""Reading `/coach <subcommand> <args>`: English keywords plus Swedish and Norwegian aliases."""

from __future__ import annotations

from functools import cache

from coachbot.i18n import LANGUAGES, texts

SUBCOMMANDS = (
    "help",
    "start",
    "status",
    "edit",
    "review",
    "campaign",
    "campaigns",
    "evaluate",
    "data",
    "maturity",
    "export",
    "language",
    "privacy",
    "country",
    "nudge",
)
# What /coach help lists, in this order: all but help itself and the buttons-only nudge.
HELP_ORDER = tuple(name for name in SUBCOMMANDS if name not in ("help", "nudge"))


@cache
def _aliases() -> dict[str, str]:
    out: dict[str, str] = {}
    for lang in LANGUAGES:
        t = texts(lang)
        for name in SUBCOMMANDS:
            for alias in t.words(f"commands.aliases.{name}"):
                out[alias.lower()] = name
    return out


def parse_command(text: str) -> tuple[str | None, str, str]:
    """(subcommand or None if unknown, the word as typed, the rest of the line)."""
    text = text.strip()
    if text.lower().startswith("/coach"):
        text = text[len("/coach") :].strip()
    if not text:
        return "help", "", ""
    # The first word ends at any space or line break: a post may start on the next line.
    word, rest = (text.split(None, 1) + [""])[:2]
    head = word.lower()
    # "review instagram: text" must not lose the channel when a colon is glued on.
    if ":" in head and head.split(":")[0] in _aliases():
        head, _, glued = word.partition(":")
        rest = f"{glued}:{rest}" if glued else rest
        head = head.lower()
    return _aliases().get(head), word, rest.strip()


@cache
def _words(group: str, names: tuple[str, ...]) -> dict[str, str]:
    """Every language's words for `commands.<group>.<name>`, each to its name."""
    out: dict[str, str] = {}
    for lang in LANGUAGES:
        for name in names:
            out.update({w.lower(): name for w in texts(lang).words(f"commands.{group}.{name}")})
    return out


def language_named(word: str) -> str | None:
    """'sv', 'svenska', 'swedish' -> 'sv'; None for a language we do not speak."""
    return _words("language_names", LANGUAGES).get(word.strip().lower())


def switch(word: str) -> bool | None:
    """'on'/'på'/'ja' -> True, 'off'/'av'/'nei' -> False, anything else None."""
    found = _words("switch", ("on", "off")).get(word.strip().lower())
    return None if found is None else found == "on"
