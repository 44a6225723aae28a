"""Readability: LIX for Swedish, Norwegian and Danish; Flesch reading ease for English.

Sentences are counted with line breaks as boundaries (social posts are short lines),
not with textstat's splitter, which would inflate LIX for them (RESEARCH.md).
"""

from __future__ import annotations

import re

from coachbot.review.checks.base import Finding, ReviewContext, check
from coachbot.review.post import Post

MIN_WORDS = 15
LIX_EASY, LIX_MEDIUM = 40, 50  # lix.se: < 30 very easy, 30–40 easy, 40–50 medium, > 50 hard
FLESCH_EASY, FLESCH_HARD = 60, 45
# lix.se's "very difficult" (> 60) and Flesch's "very difficult" (< 30): language this
# heavy is why the first sentence runs past the fold, so it is the thing to fix first.
LIX_VERY_HARD, FLESCH_VERY_HARD = 60, 30


def lix(post: Post) -> float:
    words = post.words
    sentences = max(1, len(post.sentences))
    return len(words) / sentences + 100 * _long_words(post) / max(1, len(words))


def _long_words(post: Post) -> int:
    """Words of more than six letters, names left out: LIX counts long words as a sign of
    hard vocabulary, and "Haparanda" or "Storgatan" is no harder to read than "byn"
    (RESEARCH: LIX is blunt where long words are easy). A name is a capitalised word that
    does not start its sentence."""
    count = 0
    for sentence in post.sentences:
        for i, word in enumerate(_CASED.findall(sentence)):
            if len(word) > 6 and not (i > 0 and word[0].isupper() and not word.isupper()):
                count += 1
    return count


_VOWELS = re.compile(r"[aeiouy]+")
_CASED = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)  # lexicon.WORD, case kept


def syllables(word: str) -> int:
    word = word.lower().strip("'’")
    count = len(_VOWELS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)


def flesch(post: Post) -> float:
    words = post.words
    sentences = max(1, len(post.sentences))
    total = sum(syllables(w) for w in words)
    return 206.835 - 1.015 * len(words) / sentences - 84.6 * total / max(1, len(words))


def readability_score(post: Post) -> tuple[str, float] | None:
    """("lix" or "flesch", its value); None for a post too short to measure. Asked by the
    check, the fix-first order and the metrics: measured once per post."""
    if "readability" not in post.memo:
        post.memo["readability"] = _measure(post)
    return post.memo["readability"]


def _measure(post: Post) -> tuple[str, float] | None:
    if len(post.words) < MIN_WORDS:
        return None
    if post.lang == "en":
        return "flesch", round(flesch(post), 1)
    return "lix", round(lix(post), 1)


@check("readability")
def readability(post: Post, ctx: ReviewContext) -> Finding:
    measured = readability_score(post)
    if measured is None:
        return Finding("skip", "too_short", {"words": len(post.words)})
    measure, value = measured
    longest = max(post.sentences, key=lambda s: len(s.split()), default="")
    params = {
        "value": value,
        "words_per_sentence": round(len(post.words) / max(1, len(post.sentences)), 1),
        "quote": " ".join(longest.split()[:12]),
    }
    if measure == "lix":
        if value <= LIX_EASY:
            return Finding("pass", "lix_easy", params)
        if value <= LIX_MEDIUM:
            return Finding("warn", "lix_medium", params)
        return Finding("fail", "lix_hard", params)
    if value >= FLESCH_EASY:
        return Finding("pass", "flesch_easy", params)
    if value >= FLESCH_HARD:
        return Finding("warn", "flesch_medium", params)
    return Finding("fail", "flesch_hard", params)


def very_hard(post: Post) -> bool:
    measured = readability_score(post)
    if measured is None:
        return False
    measure, value = measured
    return value > LIX_VERY_HARD if measure == "lix" else value < FLESCH_VERY_HARD
