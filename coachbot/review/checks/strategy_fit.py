"""The post against the team's own strategy: purpose, personas, tone, creative concept.

Every finding quotes the post's words and the strategy item they matched, so the team
can see why (coachbot/review/meaning.py decides what matches).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coachbot.review import lexicon
from coachbot.review.checks.base import Finding, ReviewContext, check, quote
from coachbot.review.meaning import Match, match, same_topic
from coachbot.review.post import Post


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _matches(
    items: list[str], post: Post, ctx: ReviewContext, complete: bool = False
) -> list[Match]:
    """Items the post speaks to; `complete`: items it says as a whole (strictly matched).
    The items are read in the strategy's language, which may not be the post's."""
    found = [match(i, post.terms, strict=complete, item_lang=ctx.strategy_lang) for i in items]
    found = [m for m in found if m]
    return [m for m in found if m.complete] if complete else found


def _quoted(m: Match) -> dict[str, str]:
    return {"quote": quote(", ".join(m.words[:3])), "item": quote(m.item)}


PURPOSE_SLOTS = (
    "purpose.statement",
    "purpose.why_interact",
    "audience.community_interest",
    "audience.community_values",
    "audience.community_appreciated",
    "goals.list",
    "content.concept",
)


@check("purpose_fit")
def purpose_fit(post: Post, ctx: ReviewContext) -> Finding:
    if "purpose_fit" not in ctx.memo:
        ctx.memo["purpose_fit"] = _purpose_fit(post, ctx)
    return ctx.memo["purpose_fit"]


def _purpose_fit(post: Post, ctx: ReviewContext) -> Finding:
    texts = [t for slot in PURPOSE_SLOTS for t in _texts(ctx.strategy.get(slot))]
    if not texts:
        return Finding("skip", "no_strategy", {})
    # The audience is part of why the account exists (GUIDE A: purpose, then audience): a
    # post that serves a persona's interest or need belongs there ("exam week" for the
    # student who wants quiet study places).
    texts += [like for persona in personas(ctx.strategy) for like in persona.likes]
    if not texts:
        return Finding("skip", "no_strategy", {})
    found = _matches(texts, post, ctx)
    concept = _concept_tag(post, ctx)
    if concept:
        return Finding("pass", "connects", concept)
    if found:
        best = max(found, key=lambda m: len(m.words))
        return Finding("pass", "connects", _quoted(best))
    statement = ctx.strategy.get("purpose.statement", "")
    return Finding("warn", "unconnected", {"purpose": quote(str(statement))})


@dataclass
class Persona:
    name: str
    likes: list[str] = field(default_factory=list)
    dislikes: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)


def personas(strategy: dict[str, Any]) -> list[Persona]:
    out = []
    for i, name in enumerate(_texts(strategy.get("audience.personas"))):
        likes = [
            *_texts(strategy.get(f"audience.persona_interest[{i}]")),
            *_texts(strategy.get(f"audience.persona_triggers[{i}]")),
            *_texts(strategy.get(f"audience.persona_needs[{i}]")),
        ]
        dislikes = _texts(strategy.get(f"audience.persona_dislikes[{i}]"))
        needs = _texts(strategy.get(f"audience.persona_needs[{i}]"))
        out.append(Persona(name, likes, dislikes, needs))
    return out


def _removed(post: Post, m: Match) -> bool:
    """The post takes the disliked thing away ("we have scrapped late fees")."""
    before = post.words[max(0, m.first - 4) : m.first]
    removal = lexicon.find(lexicon.stem_words(before, post.lang), post.lang, "removal", before)
    return bool(removal)


def _clash(
    items: list[str], appreciated: list[str], post: Post, ctx: ReviewContext
) -> Match | None:
    """The first disliked item the post says, unless it removes it, or an appreciated
    signal on the same topic is there too (a delay tip where delays are disliked)."""
    liked = _matches(appreciated, post, ctx)
    lang = ctx.strategy_lang or post.lang
    for m in _matches(items, post, ctx, complete=True):
        if _removed(post, m):
            continue
        if any(same_topic(a.item, m.item, lang) for a in liked):
            continue
        return m
    return None


@check("audience_fit")
def audience_fit(post: Post, ctx: ReviewContext) -> Finding:
    people = personas(ctx.strategy)
    community_not_ok = _texts(ctx.strategy.get("audience.community_not_ok"))
    if not people and not community_not_ok:
        return Finding("skip", "no_strategy", {})
    # What the community appreciates outweighs a dislike on the same topic; its interest
    # does not: "that the bus runs" is the whole account's topic, and on topic with every
    # dislike ("that the last bus leaves before midnight").
    appreciated = _texts(ctx.strategy.get("audience.community_appreciated"))
    interest = _texts(ctx.strategy.get("audience.community_interest"))
    clash = _clash(community_not_ok, [], post, ctx)
    if clash:
        return Finding("fail", "not_ok", _quoted(clash))
    liked = {p.name: _matches(p.likes, post, ctx) for p in people}
    for persona in people:
        # A post that says one of the persona's needs as a whole is written for them
        # ("you get home after training and parties": the last bus is not the complaint).
        needs = _matches(persona.needs, post, ctx, complete=True)
        if any(len(m.words) >= 2 for m in needs):
            continue
        clash = _clash(persona.dislikes, [*appreciated, *persona.likes], post, ctx)
        if clash:
            return Finding("fail", "dislike", {"persona": persona.name, **_quoted(clash)})
    best = max(people, key=lambda p: sum(len(m.words) for m in liked[p.name]), default=None)
    if best and liked[best.name]:
        top = max(liked[best.name], key=lambda m: len(m.words))
        return Finding("pass", "speaks_to", {"persona": best.name, **_quoted(top)})
    shared = _matches([*appreciated, *interest], post, ctx)
    if shared:
        return Finding("pass", "appreciated", _quoted(max(shared, key=lambda m: len(m.words))))
    # A post for the whole community (a closure, a thank-you) is for the people the
    # purpose names, if not for one persona.
    purpose = purpose_fit(post, ctx)
    if purpose.status == "pass":
        return Finding("pass", "community", purpose.params)
    if not people:
        return Finding("skip", "no_strategy", {})
    names = ", ".join(p.name for p in people[:4])
    return Finding("warn", "nobody", {"personas": quote(names)})


@check("concept_fit")
def concept_fit(post: Post, ctx: ReviewContext) -> Finding:
    concept = _texts(ctx.strategy.get("content.concept"))
    if not concept:
        return Finding("skip", "no_concept", {})
    shown = _concept_tag(post, ctx) or next(iter(map(_quoted, _matches(concept, post, ctx))), None)
    if shown:
        return Finding("pass", "visible", {"quote": shown["quote"], "concept": quote(concept[0])})
    # Not every post names the concept; one that stays on the strategy's themes keeps the
    # red thread. One that connects to nothing in the strategy has lost it.
    if ctx.strategy and purpose_fit(post, ctx).status == "pass":
        return Finding("pass", "on_theme", {"concept": quote(concept[0])})
    return Finding("warn", "not_visible", {"concept": quote(concept[0])})


MIN_TAG = 6


def _concept_tag(post: Post, ctx: ReviewContext) -> dict[str, str] | None:
    """The concept as a hashtag: the whole of it, or its start (#utpåtur, "Ut på tur, aldri
    sur")."""
    concept = _texts(ctx.strategy.get("content.concept"))
    if not concept:
        return None
    joined = "".join(lexicon.tokens(concept[0]))
    for tag in post.hashtags:
        tag = tag.lower()
        if tag == joined or (len(tag) >= MIN_TAG and joined.startswith(tag)):
            return {"quote": f"#{tag}", "item": quote(concept[0])}
    return None
