"""One call-to-action per post (000, 001), and an invitation to interact (001, phase 1)."""

from __future__ import annotations

from coachbot.review.checks.base import Finding, ReviewContext, check, quote
from coachbot.review.post import Post


def distinct_ctas(post: Post) -> list[str]:
    seen: list[str] = []
    for cta in post.find("cta"):
        if cta.lower() not in seen:
            seen.append(cta.lower())
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
    return Finding("warn", "none", params)


@check("invites_interaction")
def invites_interaction(post: Post, ctx: ReviewContext) -> Finding:
    if post.questions:
        question = next((s for s in post.sentences if "?" in s), "")
        return Finding("pass", "asks", {"quote": quote(question)})
    invites = post.find("invite")
    if invites:
        return Finding("pass", "invites", {"quote": quote(invites[0])})
    return Finding("warn", "none", {})
