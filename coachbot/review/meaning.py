"""What a strategy item means in a post: its content words found, compounds included.

The strategy's items are short phrases ("att sista bussen går 22.10", "Late fees"). A post
matches an item when it uses enough of the item's content words, not when it shares one
common word with it: "bussen" alone is not "att sista bussen går 22.10". Words are
compared by stem, and in Swedish and Norwegian a compound counts as its parts
("medelinkomst" is about "inkomst", "realtidstips" about "realtid" and "tips").
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from coachbot.review import lexicon

COMPOUNDING = frozenset({"sv", "nb"})
MIN_PART = 4  # the shortest word that counts as a part of a compound
MIN_REST = 3  # and the least left of the compound around it
LEMMA_PREFIX = 5
NUMBER = re.compile(r"\d+(?:[.:,]\d+)?")


class Term(NamedTuple):
    word: str  # as written, lower case
    stem: str


@dataclass(frozen=True)
class Match:
    """An item of the strategy and the words of the post that matched it."""

    item: str
    words: tuple[str, ...]  # the post's words, as written there
    first: int  # where the first of them stands among the post's words
    complete: bool  # enough of the item's content words for the item as a whole


@lru_cache(maxsize=20_000)
def content_terms(text: str, lang: str) -> tuple[Term, ...]:
    """The words of a text that carry meaning: no stopwords, no two-letter words; numbers
    ("22.10") kept, as they are often the point of an item."""
    stop = lexicon.stopword_stems(lang)
    words = lexicon.tokens(text)
    terms = [
        Term(w, s)
        for w, s in zip(words, lexicon.stem_words(words, lang), strict=True)
        if s not in stop and len(s) >= 3
    ]
    terms += [Term(n, n) for n in NUMBER.findall(text)]
    return tuple(dict.fromkeys(terms))


def _part_of(short: str, long: str) -> bool:
    """`short` is the head or the modifier of the compound `long`."""
    if len(short) < MIN_PART or len(long) - len(short) < MIN_REST:
        return False
    return long.endswith(short) or long.startswith(short)


def _same_lemma(a: str, b: str) -> bool:
    """Derivations the stemmer keeps apart: "reparerer"/"reparasjon", "volunteer"/"volunteering"."""
    short, long = sorted((a, b), key=len)
    if len(short) < LEMMA_PREFIX:
        return False
    common = len(os.path.commonprefix([short, long]))
    return common >= LEMMA_PREFIX and common >= len(short) - 2


DEFINITE_ENDINGS = ("et", "an", "en")  # Snowball leaves "jobbet", "resan", "hemmet" whole
MAX_DEFINITE = 9  # short nouns: a longer word with these endings is more often a verb form


@lru_cache(maxsize=50_000)
def definite_bases(stem: str, lang: str) -> tuple[str, ...]:
    """The bare noun a Swedish or Norwegian definite form may stand for: "jobbet" is
    "jobb", "resan" is "res(a)", "hemmet" is "hem"."""
    if lang not in COMPOUNDING or len(stem) > MAX_DEFINITE:
        return ()
    out: list[str] = []
    for ending in DEFINITE_ENDINGS:
        base = stem.removesuffix(ending)
        if base != stem and len(base) >= 3:
            out.append(base)
            if len(base) >= 4 and base[-1] == base[-2]:
                out.append(base[:-1])
    return tuple(out)


def same_meaning(word: str, stem: str, term: Term, lang: str, strict: bool = False) -> bool:
    return _same_meaning(word, stem, term.word, term.stem, lang, strict)


@lru_cache(maxsize=200_000)
def _same_meaning(word: str, stem: str, term_word: str, term_stem: str, lang: str, strict: bool):
    # Posts and strategies repeat their words: the pairs are worth remembering.
    term = Term(term_word, term_stem)
    """The post's word (and stem) means the strategy's term. `strict`: the post's word
    must be the term or a compound of it ("nattbussen" is about "buss"); otherwise the
    term may be the compound too ("realtid" in a post speaks to "realtidstips")."""
    if NUMBER.fullmatch(term.word):
        return word == term.word
    if lexicon.same_word(word, stem, term.word, term.stem) or _same_lemma(stem, term.stem):
        return True
    if term.stem in definite_bases(stem, lang) or stem in definite_bases(term.stem, lang):
        return True
    if lang not in COMPOUNDING:
        return False
    return _part_of(term.stem, stem) or (not strict and _part_of(stem, term.stem))


@dataclass
class PostTerms:
    """The post's words with their stems, and its numbers, indexed for matching items."""

    words: list[str]
    stems: list[str]
    numbers: list[str]
    lang: str
    _by_stem: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    _by_prefix: dict[str, list[str]] = field(default_factory=dict)
    _by_word: dict[str, list[int]] = field(default_factory=dict)
    _parts: dict[str, int] = field(default_factory=dict)  # compound part -> word index
    _bases: dict[str, int] = field(default_factory=dict)  # bare noun of a definite form
    _found: dict[tuple[Term, bool], int | None] = field(default_factory=dict)
    _matched: dict[tuple[str, bool, str | None], Match | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        by_stem = self._by_stem
        for i, (word, stem) in enumerate(zip(self.words, self.stems, strict=True)):
            self._by_word.setdefault(word, []).append(i)
            pairs = by_stem.setdefault(stem, [])
            if all(w != word for w, _ in pairs):
                pairs.append((word, i))
        for stem in by_stem:
            if len(stem) >= LEMMA_PREFIX:
                self._by_prefix.setdefault(stem[:LEMMA_PREFIX], []).append(stem)
        if self.lang in COMPOUNDING:
            # Later words first, so that the first word with a part keeps it.
            firsts = [(stem, pairs[0][1]) for stem, pairs in by_stem.items()][::-1]
            self._parts = {part: i for stem, i in firsts for part in _compound_parts(stem)}
            self._bases = {b: i for stem, i in firsts for b in definite_bases(stem, self.lang)}

    def find(self, term: Term, strict: bool = False) -> int | None:
        """The index of the first post word meaning `term`; None if none does."""
        key = (term, strict)
        found = self._found.get(key, False)
        if found is False:
            if NUMBER.fullmatch(term.word):
                found = -1 if term.word in self.numbers else None
            else:
                found = min(self._hits(term, strict), default=None)
            self._found[key] = found
        return found

    def _hits(self, term: Term, strict: bool) -> list[int]:
        stem = term.stem
        by_stem = self._by_stem
        ids = self._by_word.get(term.word)
        hits = [ids[0]] if ids else []
        for word, i in by_stem.get(stem, ()):
            if lexicon.same_word(word, stem, term.word, stem):
                hits.append(i)
        for other in self._by_prefix.get(stem[:LEMMA_PREFIX], ()):
            if other != stem and _same_lemma(other, stem):
                hits.append(by_stem[other][0][1])
        if self.lang not in COMPOUNDING:
            return hits
        # "jobbet" in the post, "jobb" in the item, or the other way round.
        if stem in self._bases:
            hits.append(self._bases[stem])
        for base in definite_bases(stem, self.lang):
            if base in by_stem:
                hits.append(by_stem[base][0][1])
        if len(stem) < MIN_PART:
            return hits
        if stem in self._parts:  # the post has a compound of the term ("nattbussen")
            hits.append(self._parts[stem])
        if not strict:  # the term is a compound of a post word ("realtidstips", "realtid")
            for part in _compound_parts(stem):
                if part in by_stem:
                    hits.append(by_stem[part][0][1])
        return hits


@lru_cache(maxsize=50_000)
def _compound_parts(stem: str) -> tuple[str, ...]:
    """The heads and modifiers a compound may have: its ends of MIN_PART letters or more."""
    ends = range(MIN_PART, len(stem) - MIN_REST + 1)
    return tuple(dict.fromkeys([*(stem[:k] for k in ends), *(stem[-k:] for k in ends)]))


def needed(count: int) -> int:
    """How many of an item's content words make a match of the whole item."""
    return count if count <= 2 else math.ceil(2 * count / 3)


def match(
    item: str, post: PostTerms, strict: bool = False, item_lang: str | None = None
) -> Match | None:
    """The item in the post: None when none of its content words is there. `strict` for
    what the strategy warns against: a word of the post that is only a part of the
    item's compound ("kjøp" of "kjøpepress") does not count."""
    # The checks ask about the same items (a persona's likes, the purpose) more than once.
    key = (item, strict, item_lang)
    if key not in post._matched:
        post._matched[key] = _match(item, post, strict, item_lang)
    return post._matched[key]


def _match(item: str, post: PostTerms, strict: bool, item_lang: str | None) -> Match | None:
    # The strategy may be in another language than the post (a Swedish team's English
    # post): its items are read in their own language, the post in its own.
    terms = content_terms(item, item_lang or post.lang)
    found: list[tuple[int, str]] = []
    for term in terms:
        at = post.find(term, strict)
        if at is not None:
            found.append((at, post.words[at] if at >= 0 else term.word))
    if not found:
        return None
    positions = [at for at, _ in found if at >= 0]
    words = tuple(dict.fromkeys(word for _, word in found))
    return Match(item, words, min(positions, default=0), len(found) >= needed(len(terms)))


def same_topic(a: str, b: str, lang: str) -> bool:
    """Two items share a content word ("Realtidstips om förseningar", "Förseningar …"),
    a word long enough to be a topic (not "går" or "new")."""
    terms_b = [t for t in content_terms(b, lang) if len(t.stem) >= MIN_PART]
    return any(
        same_meaning(t.word, t.stem, other, lang)
        for t in content_terms(a, lang)
        if len(t.stem) >= MIN_PART
        for other in terms_b
    )
