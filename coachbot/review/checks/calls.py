"""One call-to-action per post (000, 001), and an invitation to interact (001, phase 1)."""

from __future__ import annotations

from coachbot.review import lexicon, meaning
from coachbot.review.checks.base import Finding, ReviewContext, check, quote
from coachbot.review.checks.links import missing_tags
from coachbot.review.checks.value import sales_signals, sender_claims
from coachbot.review.post import Post


def distinct_ctas(post: Post) -> list[str]:
    """The different actions asked for. "Buy now … order now" asks for one purchase twice:
    calls that are also sales words count as one."""
    seen: list[str] = []
    purchase = {p.text.lower() for p in lexicon.phrases(post.lang, "sales")}
    bought = False
    for cta in post.find("cta"):
        cta = cta.lower()
        if cta in purchase or any(p.startswith(cta + " ") for p in purchase):
            if bought:
                continue
            bought = True
        if cta not in seen:
            seen.append(cta)
    return seen


@check("one_cta")
def one_cta(post: Post, ctx: ReviewContext) -> Finding:
    ctas = distinct_ctas(post)
    params = {"count": len(ctas), "quote": quote(", ".join(ctas))}
    if len(ctas) >= 2:
        return Finding("fail", "several", params)
    if len(ctas) == 1:
        return Finding("pass", "one", params)
    if post.questions or post.find("invite"):
        return Finding("pass", "question_is_cta", params)
    soft = _soft_call(post)
    if soft:
        return Finding("pass", "soft", {**params, "quote": quote(soft)})
    if _service_update(post, ctx):
        return Finding("pass", "update", {**params, "channel": ctx.platform["name"]})
    return Finding("warn", "none", params)


@check("invites_interaction")
def invites_interaction(post: Post, ctx: ReviewContext) -> Finding:
    if post.questions:
        question = next((s for s in post.sentences if "?" in s), "")
        return Finding("pass", "asks", {"quote": quote(question)})
    invites = post.find("invite")
    if invites:
        return Finding("pass", "invites", {"quote": quote(invites[0])})
    # A traffic post (GUIDE: reach, engagement, traffic) asks for a click, not a reply:
    # one call to action and links the team can follow up.
    ctas = distinct_ctas(post)
    if len(ctas) == 1 and post.urls and all(missing_tags(u) == [] for u in post.urls):
        return Finding("pass", "traffic", {"quote": quote(ctas[0])})
    # An activation post (GUIDE: activation, event visits) asks the reader to do one
    # thing somewhere, not to reply: that action is the response. With a link it is a
    # traffic post, and the click only counts when the link is tagged (above).
    call = ctas[0] if len(ctas) == 1 else (None if ctas else _soft_call(post))
    if call and not post.urls and not sales_signals(post):
        return Finding("pass", "acts", {"quote": quote(call)})
    update = _service_update(post, ctx)
    if update:
        return Finding("pass", "update", {"quote": quote(update), "channel": ctx.platform["name"]})
    return Finding("warn", "none", {})


def _soft_call(post: Post) -> str | None:
    """A call said as a possibility, "you can drop them at the hall": the words from the
    phrase to the end of its clause, when a verb follows it."""
    for sentence in post.sentences:
        words = lexicon.tokens(sentence)
        stems = lexicon.stem_words(words, post.lang)
        for phrase, at in lexicon.find(stems, post.lang, "soft_cta", words):
            rest = words[at + len(phrase.stems) :]
            if rest and rest[0] not in lexicon.words(post.lang, "stopwords"):
                return " ".join(words[at : at + len(phrase.stems) + 3])
    return None


def _service_update(post: Post, ctx: ReviewContext) -> str | None:
    """On a channel read for news as it happens (data/platforms.toml: service_updates), a
    notice with its facts (a time, a line, a date) and nothing to sell: its first sentence."""
    if not (ctx.platform or {}).get("service_updates"):
        return None
    if not meaning.NUMBER.search(post.prose) or sales_signals(post) or sender_claims(post):
        return None
    return post.first_sentence
