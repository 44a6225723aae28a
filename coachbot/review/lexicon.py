"""Stem-aware word lists: data/review_words.toml reduced with each language's Snowball stemmer."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache

import snowballstemmer

from coachbot import DATA_DIR

_STEMMERS = {"en": "english", "sv": "swedish", "nb": "norwegian"}

WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


@cache
def _stemmer(lang: str):
    return snowballstemmer.stemmer(_STEMMERS.get(lang, "english"))


def stem_words(words: list[str], lang: str) -> list[str]:
    return [_stem(w.lower(), lang) for w in words]


@lru_cache(maxsize=100_000)
def _stem(word: str, lang: str) -> str:
    # Posts and strategies repeat their words; Snowball is the review's hottest path.
    return _stemmer(lang).stemWord(word)


def tokens(text: str) -> list[str]:
    return WORD.findall(text.lower())


@cache
def _raw() -> dict:
    with (DATA_DIR / "review_words.toml").open("rb") as fh:
        return tomllib.load(fh)


@dataclass(frozen=True)
class Phrase:
    text: str  # as written in the list
    stems: tuple[str, ...]
    listed: tuple[str, ...] = ()  # its words as written, one per stem


@cache
def phrases(lang: str, kind: str) -> tuple[Phrase, ...]:
    """The list `kind` for a language, each entry stemmed (phrases stem word by word)."""
    # Each language its own lists: Norwegian "er" is "is", not Swedish "you".
    words = _raw()[lang if lang in _STEMMERS else "en"][kind]
    out = []
    for entry in words:
        parts = tokens(entry) or [entry.lower()]
        stems = tuple(stem_words(parts, lang))
        out.append(Phrase(entry, stems, tuple(parts) if len(parts) == len(stems) else stems))
    return tuple(out)


@cache
def stopword_stems(lang: str) -> frozenset[str]:
    return frozenset(p.stems[0] for p in phrases(lang, "stopwords") if p.stems)


@cache
def words(lang: str, kind: str) -> frozenset[str]:
    """The list `kind` for a language as plain lower-case words, for exact comparison."""
    return frozenset(p.text.lower() for p in phrases(lang, kind))


MIN_TRUSTED_STEM = 4


def same_word(surface: str, stem: str, listed_word: str, listed_stem: str) -> bool:
    """Stems agree, and a short stem is not trusted alone.

    Swedish "led" (trail) and "ledande" (leading) share the stem "led"; a stem shorter
    than four letters only matches the listed word itself, or it with a short ending.
    """
    if stem != listed_stem:
        return False
    if len(stem) >= MIN_TRUSTED_STEM or surface.startswith(listed_word):
        return True
    # "fee"/"fees", "kø"/"køen": an inflected ending, not a different word.
    return listed_word.startswith(surface) and len(listed_word) - len(surface) <= 2


def index_stems(stems: list[str]) -> dict[str, list[int]]:
    """Where each stem stands: built once per text, for every list `find` looks up."""
    index: dict[str, list[int]] = {}
    for i, s in enumerate(stems):
        index.setdefault(s, []).append(i)
    return index


def find(
    stems: list[str],
    lang: str,
    kind: str,
    words: list[str] | None = None,
    index: dict[str, list[int]] | None = None,
) -> list[tuple[Phrase, int]]:
    """Every (phrase, position) of list `kind` found in a stemmed text, longest first.

    `words` are the surface words the stems came from (same order), for short stems;
    `index` is `index_stems(stems)` when the caller looks up several lists.
    """
    words = words if words is not None else stems
    index = index if index is not None else index_stems(stems)
    found: list[tuple[Phrase, int]] = []
    taken: set[int] = set()
    for phrase in _longest_first(lang, kind):
        starts = index.get(phrase.stems[0])
        if not starts:
            continue
        size = len(phrase.stems)
        for start in starts:
            end = start + size
            if end > len(stems) or any(i in taken for i in range(start, end)):
                continue
            if all(
                same_word(words[start + k], stems[start + k], phrase.listed[k], phrase.stems[k])
                for k in range(size)
            ):
                found.append((phrase, start))
                taken.update(range(start, end))
    return sorted(found, key=lambda f: f[1])


@cache
def _longest_first(lang: str, kind: str) -> tuple[Phrase, ...]:
    return tuple(sorted((p for p in phrases(lang, kind) if p.stems), key=lambda p: -len(p.stems)))


def find_in_text(text: str, lang: str, kind: str) -> list[tuple[Phrase, int]]:
    """`find` on raw text: tokenised and stemmed here."""
    words = tokens(text)
    return find(stem_words(words, lang), lang, kind, words)


def shorteners() -> tuple[str, ...]:
    return tuple(_raw()["shorteners"]["hosts"])


def tone_words() -> dict[str, list[str]]:
    return dict(_raw()["tone"])
