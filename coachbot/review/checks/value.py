"""Value for the reader rather than classic USPs (001, 000); sales language (004)."""

from __future__ import annotations

import re

from coachbot.review import lexicon
from coachbot.review.checks.base import Finding, ReviewContext, check, quote
from coachbot.review.post import Post

_PRICE = re.compile(r"\d[\d\s.,]*\s?(?:kr|:-|sek|nok|dkk|€|\$|eur|%)", re.IGNORECASE)
# Someone else's words: "I come for the people," she says.
_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”|”[^”\n]*”|«[^»\n]*»|„[^“”\n]*[“”]')


def _selection(words: list[str], stems: list[str], at: int, size: int, lang: str) -> bool:
    """A superlative that picks among things rather than claims one: "we share the best
    on Friday", "delar de bästa av era bilder". The article stands before it, no verb
    "to be" before that (that is "we are the best"), and no noun after it."""
    if at == 0 or words[at - 1] not in lexicon.words(lang, "articles"):
        return False
    if at >= 2 and words[at - 2] in lexicon.words(lang, "copulas"):
        return False
    after = at + size
    return after >= len(words) or stems[after] in lexicon.stopword_stems(lang)


def sender_claims(post: Post) -> list[str]:
    """Superlatives the sender says about itself. Not "your best photos" or "her best tip"
    (someone else's), and not in a question ("which is best?")."""
    claims: list[str] = []
    if not post.find("brag"):
        return claims
    for sentence in post.sentences:
        if sentence.rstrip().endswith("?"):
            continue
        words = lexicon.tokens(sentence)
        stems = lexicon.stem_words(words, post.lang)
        owners = {p.stems[0] for p in lexicon.phrases(post.lang, "you")}
        owners |= {p.stems[0] for p in lexicon.phrases(post.lang, "others")}
        for phrase, at in lexicon.find(stems, post.lang, "brag", words):
            if any(s in owners for s in stems[max(0, at - 2) : at]):
                continue
            if _selection(words, stems, at, len(phrase.stems), post.lang):
                continue
            claims.append(phrase.text)
    return claims


def _voices(post: Post) -> tuple[int, int]:
    """How often the post speaks of the sender and of the reader, outside quoted speech:
    a volunteer's "I come for the people" is her voice, not the organisation's."""
    if not _QUOTED.search(post.prose):
        return len(post.find("we")), len(post.find("you"))
    words = lexicon.tokens(_QUOTED.sub(" ", post.prose))
    stems = lexicon.stem_words(words, post.lang)
    return tuple(len(lexicon.find(stems, post.lang, kind, words)) for kind in ("we", "you"))


@check("user_value")
def user_value(post: Post, ctx: ReviewContext) -> Finding:
    we, you = _voices(post)
    brag = sender_claims(post)
    params = {"we": we, "you": you, "quote": quote(brag[0]) if brag else ""}
    if brag and you == 0:
        return Finding("fail", "brag", params)
    if brag:
        return Finding("warn", "brag_some", params)
    if we >= 3 and we > 2 * you:
        return Finding("warn", "about_us", params)
    return Finding("pass", "reader", params)


def sales_signals(post: Post) -> list[str]:
    words = post.find("sales")
    prices = _PRICE.findall(post.prose)
    return [*words, *(p.strip() for p in prices)]


@check("salesy")
def salesy(post: Post, ctx: ReviewContext) -> Finding:
    signals = sales_signals(post)
    # Superlatives about oneself on top of a purchase call are a sales pitch too.
    if signals:
        signals += sender_claims(post)
    params = {"count": len(signals), "quote": quote(", ".join(dict.fromkeys(signals)))}
    budget = ctx.ad_budget or 0
    if len(signals) >= 3:
        return (
            Finding("warn", "has_budget", params)
            if budget > 0
            else Finding("fail", "sales", params)
        )
    if len(signals) == 2:
        return Finding("warn", "some_sales", params)
    return Finding("pass", "not_sales", params)
