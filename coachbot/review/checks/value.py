"""Value for the reader rather than classic USPs (001, 000); sales language (004)."""

from __future__ import annotations

import re

from coachbot.review.checks.base import Finding, ReviewContext, check, quote
from coachbot.review.post import Post

_PRICE = re.compile(r"\d[\d\s.,]*\s?(?:kr|:-|sek|nok|dkk|€|\$|eur|%)", re.IGNORECASE)


@check("user_value")
def user_value(post: Post, ctx: ReviewContext) -> Finding:
    we = len(post.find("we"))
    you = len(post.find("you"))
    brag = post.find("brag")
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
