"""A draft post, read once: lines, sentences, words, links, tags."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import emoji

from coachbot.core.answers import clean_text
from coachbot.review import lexicon, meaning

_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'()\[\]]+"
    # A bare domain, but not the end of an e-mail address (jobb@kafe.no is no link).
    r"|(?<![@\w.-])[a-z0-9][a-z0-9-]{0,62}\.(?:se|no|dk|com|org|net|nu|io|eu|info|app)\b"
    r"(?:/[^\s<>\"'()\[\]]*)?",
    re.IGNORECASE,
)
_HASHTAG = re.compile(r"(?<![\w&])#(\w[\w-]*)", re.UNICODE)
_MENTION = re.compile(r"(?<![\w])@(\w[\w.-]*)", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_MAYBE_EMOJI = re.compile("[\u00a9\u00ae\u2000-\U0010ffff]")  # every emoji is in here
_WORD_CASED = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_TRAILING_PUNCT = ".,;:!?)]}'\""
_CLAUSE = re.compile(r"[.!?…:;,\n()\[\]–—]+|\s-\s")
# After these words an imperative starts anew: "and book", "remember to follow", "så boka".
_CLAUSE_OPENERS = frozenset(
    [
        "and",
        "or",
        "then",
        "please",
        "now",
        "so",
        "to",
        "just",
        "och",
        "eller",
        "sen",
        "sedan",
        "så",
        "snälla",
        "gärna",
        "att",
        "nu",
        "og",
        "så",
        "gjerne",
        "å",
        "bare",
    ]
)
_INFINITIVE_MARKERS = frozenset({"to", "att", "å"})
# Kinds where a single word only counts as an imperative, at the start of a clause.
_IMPERATIVE_KINDS = frozenset({"cta"})


@dataclass
class Post:
    """The text as the reader will see it, with the parts the checks look at."""

    text: str
    lang: str = "en"
    channel: str | None = None
    urls: list[str] = field(default_factory=list)
    _found: dict[str, list[str]] = field(default_factory=dict, repr=False)
    memo: dict[str, Any] = field(default_factory=dict, repr=False)  # figures checks share

    @classmethod
    def read(cls, raw: str, channel: str | None = None) -> Post:
        text = clean_text(raw)
        urls = [u.rstrip(_TRAILING_PUNCT) for u in _URL.findall(text)]
        return cls(text=text, channel=channel, urls=urls)

    @cached_property
    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.split("\n") if line.strip()]

    @cached_property
    def paragraphs(self) -> list[str]:
        blocks = [b.strip() for b in re.split(r"\n\s*\n", self.text) if b.strip()]
        return [b for b in blocks if not _only_tags(b)]

    @cached_property
    def prose(self) -> str:
        """The text without links, hashtags and mentions: what people read as sentences."""
        text = _URL.sub(" ", self.text)
        text = _HASHTAG.sub(" ", text)
        return _MENTION.sub(" ", text)

    @cached_property
    def sentences(self) -> list[str]:
        """Sentences, with line breaks as boundaries (posts are built of short lines)."""
        out = []
        for line in self.prose.split("\n"):
            for piece in split_sentences(line):
                if lexicon.tokens(piece):
                    out.append(piece.strip())
        return out

    @cached_property
    def first_sentence(self) -> str:
        first = self.lines[0] if self.lines else ""
        pieces = split_sentences(first)
        return pieces[0] if pieces else first

    @cached_property
    def has_words(self) -> bool:
        """False for a post of only emoji, tags or links: there is nothing to read."""
        return bool(self.words)

    @cached_property
    def shouted_words(self) -> int:
        """Words of three letters or more written in capitals ("BUY", "NOW", "IGÅNG")."""
        return sum(1 for w in _WORD_CASED.findall(self.prose) if w.isupper() and len(w) >= 3)

    @cached_property
    def words(self) -> list[str]:
        return lexicon.tokens(self.prose)

    @cached_property
    def stems(self) -> list[str]:
        return lexicon.stem_words(self.words, self.lang)

    @cached_property
    def stem_index(self) -> dict[str, list[int]]:
        return lexicon.index_stems(self.stems)

    @cached_property
    def terms(self) -> meaning.PostTerms:
        """The post's words, stems and numbers, for matching the strategy's items."""
        numbers = meaning.NUMBER.findall(self.prose)
        # A hashtag says what the post is about too (#föremåletshemlighet, #kystmuseet).
        tags = [t.lower() for t in self.hashtags]
        words = self.words + tags
        stems = self.stems + lexicon.stem_words(tags, self.lang)
        return meaning.PostTerms(words, stems, numbers, self.lang)

    @cached_property
    def content_stems(self) -> set[str]:
        stop = lexicon.stopword_stems(self.lang)
        return {s for s in self.stems if len(s) >= 3 and s not in stop}

    @cached_property
    def clause_starts(self) -> frozenset[int]:
        """Indices into `words` where a clause starts (where an imperative can stand)."""
        starts, position = set(), 0
        # An emoji ends a clause as a full stop does ("🍂 Skicka din bild").
        prose = emoji.replace_emoji(self.prose, ".") if self.emoji_count else self.prose
        for clause in _CLAUSE.split(prose):
            words = lexicon.tokens(clause)
            if words:
                starts.add(position)
            position += len(words)
        for i, word in enumerate(self.words[:-1]):
            if word in _CLAUSE_OPENERS:
                starts.add(i + 1)
        return frozenset(starts)

    @cached_property
    def hashtags(self) -> list[str]:
        return _HASHTAG.findall(_URL.sub(" ", self.text))

    @cached_property
    def mentions(self) -> list[str]:
        return _MENTION.findall(_URL.sub(" ", self.text))

    @cached_property
    def emoji_count(self) -> int:
        return emoji.emoji_count(self.text) if _MAYBE_EMOJI.search(self.text) else 0

    @cached_property
    def questions(self) -> int:
        return self.prose.count("?")

    def find(self, kind: str) -> list[str]:
        """The entries of word list `kind` the post uses (as listed, in order of use)."""
        if kind not in self._found:
            self._found[kind] = self._find(kind)
        return list(self._found[kind])

    def _find(self, kind: str) -> list[str]:
        found = lexicon.find(self.stems, self.lang, kind, self.words, self.stem_index)
        if kind in _IMPERATIVE_KINDS:
            found = [(p, at) for p, at in found if self._imperative(p, at)]
        return [phrase.text for phrase, _ in found]

    def _imperative(self, phrase: lexicon.Phrase, at: int) -> bool:
        """A call to action is an imperative addressed to the reader: the verb in the form
        listed ("book", "boka", "bestill"), not "we listened" or "booked"; a single word
        only where a clause starts."""
        listed = lexicon.tokens(phrase.text)
        infinitive = at > 0 and self.words[at - 1] in _INFINITIVE_MARKERS  # "glöm inte att anmäla"
        if listed and self.words[at] != listed[0] and not infinitive:
            return False
        return len(phrase.stems) > 1 or at in self.clause_starts


def split_sentences(line: str) -> list[str]:
    """A line cut after . ! ? … and after an emoji followed by more text: on Instagram and
    TikTok an emoji ends a sentence ("Snö i fjällen ❄️ Vilken tur planerar du?")."""
    pieces = []
    for piece in _SENTENCE_END.split(line):
        if not _MAYBE_EMOJI.search(piece):
            pieces.append(piece.strip())
            continue
        start = 0
        for found in emoji.emoji_list(piece):
            end = found["match_end"]
            rest = piece[end:]
            if rest[:1].isspace() and lexicon.tokens(rest) and lexicon.tokens(piece[start:end]):
                pieces.append(piece[start:end].strip())
                start = end
        pieces.append(piece[start:].strip())
    return [p for p in pieces if p]


def _only_tags(block: str) -> bool:
    rest = _HASHTAG.sub("", _MENTION.sub("", block))
    return not lexicon.tokens(rest)
