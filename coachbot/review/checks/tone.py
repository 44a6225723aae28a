"""The post's voice against the strategy's tone words (content.tone).

Read from the post itself: words in capitals, exclamation marks per sentence, emoji,
formal phrases and whether anyone is talking to anyone. A strategy's tone is a mix of
traits; a post needs to show at least one of them, and none may be contradicted.
"""

from __future__ import annotations

from typing import Any

from coachbot.review import lexicon
from coachbot.review.checks.base import Finding, ReviewContext, check, quote
from coachbot.review.post import Post

# Shouting: this share of the words in capitals, and at least this many (a few acronyms
# such as "SMS" or "UTM" are not shouting).
SHOUTING_SHARE = 0.3
SHOUTING_WORDS = 3
LOUD_EXCLAIMS = 3  # exclamation marks, and more than one per sentence
LOUD_EMOJI = 3  # for a serious tone
FORMAL_PHRASES = 2
# The order a missing trait is named in.
KINDS = ("personal", "friendly", "playful", "inspiring", "serious")


def tone_kinds(traits: list[str]) -> set[str]:
    """Which kinds of tone (data/review_words.toml [tone]) the strategy's words name."""
    words = set(lexicon.tokens(" ".join(traits)))
    return {kind for kind, markers in lexicon.tone_words().items() if words & set(markers)}


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


@check("tone_fit")
def tone_fit(post: Post, ctx: ReviewContext) -> Finding:
    traits = _texts(ctx.strategy.get("content.tone"))
    kinds = tone_kinds(traits)
    if not kinds:
        return Finding("skip", "no_tone", {})
    tone = quote(", ".join(traits))
    shouted = post.shouted_words
    if shouted >= SHOUTING_WORDS and shouted >= SHOUTING_SHARE * len(post.words):
        capitals = [w for w in post.prose.split() if w.isupper() and len(w) >= 3]
        return Finding("fail", "shouting", {"tone": tone, "quote": quote(" ".join(capitals[:4]))})
    exclaims = post.text.count("!")
    loud = exclaims >= LOUD_EXCLAIMS and exclaims > len(post.sentences)
    if loud and "playful" not in kinds:
        return Finding("fail", "too_loud", {"tone": tone, "emoji": post.emoji_count})
    if "serious" in kinds and (post.emoji_count >= LOUD_EMOJI or "!!" in post.text):
        return Finding("fail", "too_loud", {"tone": tone, "emoji": post.emoji_count})
    you, we = post.find("you"), post.find("we")
    addressed = bool(you or we or post.find("cta"))
    formal = post.find("formal")
    # Officialese stays stiff when the sender says "we" ("vi gjør oppmerksom på"); only
    # speaking to the reader softens it.
    if kinds - {"serious"} and len(formal) >= FORMAL_PHRASES and not you:
        return Finding("fail", "too_formal", {"tone": tone, "quote": quote(", ".join(formal))})
    shows = {
        "personal": addressed,
        "friendly": bool(you or post.questions or post.find("cta")),
        "inspiring": bool(you or post.questions),
        "playful": bool(post.emoji_count or exclaims or post.questions),
        "serious": True,
    }
    if not any(shows[kind] for kind in kinds):
        missing = next(k for k in KINDS if k in kinds)
        missing = "friendly" if missing == "inspiring" else missing
        return Finding("warn", f"missing_{missing}", {"tone": tone})
    return Finding("pass", "matches", {"tone": tone})
