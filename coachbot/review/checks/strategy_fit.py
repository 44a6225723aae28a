"""The post against the team's own strategy: purpose, personas, tone, creative concept."""

from __future__ import annotations

from typing import Any

from coachbot.review import lexicon
from coachbot.review.checks.base import Finding, ReviewContext, check, quote
from coachbot.review.post import Post


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _shared(texts: list[str], post: Post) -> list[str]:
    """Words of the strategy's texts the post also uses (stem-aware, stopwords aside)."""
    stop = lexicon.stopword_stems(post.lang)
    used: dict[str, list[str]] = {}
    for word, stem in zip(post.words, post.stems, strict=True):
        if stem not in stop and len(stem) >= 2:
            used.setdefault(stem, []).append(word)
    shared: list[str] = []
    for text in texts:
        words = lexicon.tokens(text)
        for word, stem in zip(words, lexicon.stem_words(words, post.lang), strict=True):
            if stem in stop or len(stem) < 2 or word in shared:
                continue
            if any(lexicon.same_word(w, stem, word, stem) for w in used.get(stem, [])):
                shared.append(word)
    return shared


PURPOSE_SLOTS = (
    "purpose.statement",
    "purpose.why_interact",
    "audience.community_interest",
    "audience.community_values",
    "goals.list",
    "content.concept",
)


@check("purpose_fit")
def purpose_fit(post: Post, ctx: ReviewContext) -> Finding:
    texts = [t for slot in PURPOSE_SLOTS for t in _texts(ctx.strategy.get(slot))]
    if not texts:
        return Finding("skip", "no_strategy", {})
    shared = _shared(texts, post)
    if shared:
        return Finding("pass", "connects", {"quote": quote(", ".join(shared[:4]))})
    statement = ctx.strategy.get("purpose.statement", "")
    return Finding("warn", "unconnected", {"purpose": quote(str(statement))})


def _personas(strategy: dict[str, Any]) -> list[dict[str, Any]]:
    names = _texts(strategy.get("audience.personas"))
    out = []
    for i, name in enumerate(names):
        out.append(
            {
                "name": name,
                "likes": [
                    *_texts(strategy.get(f"audience.persona_interest[{i}]")),
                    *_texts(strategy.get(f"audience.persona_triggers[{i}]")),
                    *_texts(strategy.get(f"audience.persona_needs[{i}]")),
                ],
                "dislikes": _texts(strategy.get(f"audience.persona_dislikes[{i}]")),
            }
        )
    return out


@check("audience_fit")
def audience_fit(post: Post, ctx: ReviewContext) -> Finding:
    personas = _personas(ctx.strategy)
    community_not_ok = _texts(ctx.strategy.get("audience.community_not_ok"))
    if not personas and not community_not_ok:
        return Finding("skip", "no_strategy", {})
    for persona in personas:
        clash = _shared(persona["dislikes"], post)
        if clash and not _shared(persona["likes"], post):
            return Finding(
                "fail",
                "dislike",
                {"persona": persona["name"], "quote": quote(", ".join(clash[:3]))},
            )
    clash = _shared(community_not_ok, post)
    if clash:
        return Finding("fail", "not_ok", {"quote": quote(", ".join(clash[:3]))})
    best = max(personas, key=lambda p: len(_shared(p["likes"] + p["dislikes"], post)), default=None)
    if best and _shared(best["likes"], post):
        words = _shared(best["likes"] + best["dislikes"], post)
        return Finding(
            "pass", "speaks_to", {"persona": best["name"], "quote": quote(", ".join(words[:3]))}
        )
    if not personas:
        return Finding("skip", "no_strategy", {})
    names = ", ".join(p["name"] for p in personas[:4])
    return Finding("warn", "nobody", {"personas": quote(names)})


def _tone_kinds(traits: list[str]) -> set[str]:
    kinds = set()
    joined = " ".join(traits).lower()
    words = set(lexicon.tokens(joined))
    for kind, markers in lexicon.tone_words().items():
        if any(m in words for m in markers):
            kinds.add(kind)
    return kinds


@check("tone_fit")
def tone_fit(post: Post, ctx: ReviewContext) -> Finding:
    traits = _texts(ctx.strategy.get("content.tone"))
    kinds = _tone_kinds(traits)
    if not kinds:
        return Finding("skip", "no_tone", {})
    tone = quote(", ".join(traits))
    exclaims = post.text.count("!")
    you = len(post.find("you"))
    we = len(post.find("we"))
    if "serious" in kinds and (post.emoji_count >= 3 or "!!" in post.text):
        return Finding("fail", "too_loud", {"tone": tone, "emoji": post.emoji_count})
    unmet = []
    if "playful" in kinds and not (post.emoji_count or exclaims or post.questions):
        unmet.append("playful")
    if "personal" in kinds and not (we or you):
        unmet.append("personal")
    if ("friendly" in kinds or "inspiring" in kinds) and not (you or post.questions):
        unmet.append("friendly")
    if unmet:
        return Finding("warn", f"missing_{unmet[0]}", {"tone": tone})
    return Finding("pass", "matches", {"tone": tone})


@check("concept_fit")
def concept_fit(post: Post, ctx: ReviewContext) -> Finding:
    concept = _texts(ctx.strategy.get("content.concept"))
    if not concept:
        return Finding("skip", "no_concept", {})
    shared = _shared(concept, post)
    if shared:
        return Finding(
            "pass", "visible", {"quote": quote(", ".join(shared[:3])), "concept": quote(concept[0])}
        )
    return Finding("warn", "not_visible", {"concept": quote(concept[0])})
