"""One message per post, and the point before the fold (GUIDE §C: 2–3 seconds, 1.7 s)."""

from __future__ import annotations

from coachbot.review import lexicon
from coachbot.review.checks.base import Finding, ReviewContext, check, quote
from coachbot.review.checks.calls import distinct_ctas
from coachbot.review.post import Post


def message_signals(post: Post) -> list[str]:
    """Signs that a post carries more than one message."""
    signals = []
    if len(distinct_ctas(post)) >= 2:
        signals.append("ctas")
    hosts = {u.split("//")[-1].split("/")[0].removeprefix("www.") for u in post.urls}
    if len(hosts) >= 2:
        signals.append("links")
    if post.find("addition"):
        signals.append("addition")
    if len(post.paragraphs) >= 4:
        signals.append("paragraphs")
    return signals


@check("one_message")
def one_message(post: Post, ctx: ReviewContext) -> Finding:
    signals = message_signals(post)
    params = {"paragraphs": len(post.paragraphs), "count": len(signals)}
    if len(signals) >= 2:
        return Finding("fail", "several", params)
    if signals:
        return Finding(
            "warn", "maybe_several", {**params, "quote": quote(_evidence(post, signals[0]))}
        )
    return Finding("pass", "one", params)


def _evidence(post: Post, signal: str) -> str:
    if signal == "addition":
        return post.find("addition")[0]
    if signal == "ctas":
        return ", ".join(distinct_ctas(post)[:3])
    if signal == "links":
        return ", ".join(post.urls[:2])
    return post.paragraphs[-1]


@check("first_line_hook")
def first_line_hook(post: Post, ctx: ReviewContext) -> Finding:
    # About two seconds of reading (the guide's 1.7 s of attention) or the fold, if sooner.
    fold = min((ctx.platform or {}).get("fold", ctx.default_fold), ctx.default_fold)
    first = post.first_sentence
    params = {"quote": quote(first), "fold": fold, "length": len(first)}
    if not lexicon.tokens(first):
        # Only emoji or tags: a post with no words at all is not a post yet.
        return Finding("warn" if post.has_words else "fail", "no_words", params)
    if len(first) > fold:
        return Finding("fail", "after_fold", params)
    opener = lexicon.find_in_text(first, post.lang, "openers")
    if opener and opener[0][1] == 0:
        said = " ".join(first.split()[: len(opener[0][0].stems)]).rstrip("!,.:")
        return Finding("warn", "generic_opener", {**params, "opener": said})
    return Finding("pass", "lands", params)
