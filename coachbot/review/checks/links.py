"""Every link carries UTM tags so its traffic can be followed up (000); while a campaign
runs, the tags are the campaign's own, so its evaluation finds the visits it brought."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from coachbot.analytics.tags import tagged_url, utm_campaign
from coachbot.review import lexicon
from coachbot.review.checks.base import Finding, ReviewContext, check, quote
from coachbot.review.post import Post

REQUIRED = ("utm_source", "utm_medium", "utm_campaign")


def missing_tags(url: str) -> list[str] | None:
    """The UTM tags a link lacks; None when it cannot be read as a link at all."""
    full = url if "://" in url else f"https://{url}"
    try:
        parts = urlsplit(full)
        query = parse_qs(parts.query)
    except ValueError:
        return None
    if not parts.netloc or "." not in parts.netloc:
        return None
    return [tag for tag in REQUIRED if not query.get(tag)]


def host(url: str) -> str:
    full = url if "://" in url else f"https://{url}"
    try:
        return urlsplit(full).netloc.lower().removeprefix("www.")
    except ValueError:
        return ""


@check("utm_links")
def utm_links(post: Post, ctx: ReviewContext) -> Finding:
    if not post.urls:
        return Finding("skip", "no_links", {})
    untagged, shortened, broken = [], [], []
    for url in post.urls:
        if host(url) in lexicon.shorteners():
            shortened.append(url)
            continue
        missing = missing_tags(url)
        if missing is None:
            broken.append(url)
        elif missing:
            untagged.append((url, missing))
    readable = [u for u in post.urls if u not in shortened and u not in broken]
    if ctx.campaigns:
        found = _campaign_finding(readable, untagged, ctx)
        if found is not None:
            return found
    elif untagged:
        url, missing = untagged[0]
        source = (ctx.platform or {}).get("name", "social").lower()
        joiner = "&" if "?" in url else "?"
        example = f"{url}{joiner}utm_source={source}&utm_medium=social&utm_campaign=…"
        return Finding(
            "fail",
            "untagged",
            {
                "quote": quote(url),
                "missing": ", ".join(missing),
                "count": len(untagged),
                "example": example,
            },
        )
    if shortened or broken:
        which = (shortened or broken)[0]
        return Finding("warn", "shortened" if shortened else "broken", {"quote": quote(which)})
    if ctx.campaigns:
        running = ctx.campaigns[0]
        return Finding(
            "pass",
            "tagged_campaign",
            {"count": len(post.urls), "name": running["name"], "tag": running["tag"]},
        )
    return Finding("pass", "tagged", {"count": len(post.urls)})


def _campaign_finding(
    readable: list[str], untagged: list[tuple[str, list[str]]], ctx: ReviewContext
) -> Finding | None:
    """While a campaign runs: a link tagged for another campaign, or not for this one, is
    pointed out with the link as it should be."""
    running = ctx.campaigns[0]
    ours = {c["tag"] for c in ctx.campaigns}
    source = _source(ctx)
    for url in readable:
        tag = utm_campaign(url)
        if tag is not None and tag not in ours:
            return Finding(
                "fail",
                "other_campaign",
                {
                    "quote": quote(url),
                    "found": quote(tag),
                    "name": running["name"],
                    "tag": running["tag"],
                    "example": tagged_url(url, source, running["tag"]),
                },
            )
    if untagged:
        url, _ = untagged[0]
        return Finding(
            "fail",
            "untagged_campaign",
            {
                "quote": quote(url),
                "count": len(untagged),
                "name": running["name"],
                "tag": running["tag"],
                "example": tagged_url(url, source, running["tag"]),
            },
        )
    return None


def _source(ctx: ReviewContext) -> str:
    """utm_source is the channel: the one reviewed for, else the campaign's first."""
    if ctx.platform:
        return ctx.platform.get("name", "social").lower()
    channels = ctx.campaigns[0].get("channels") or []
    return channels[0] if channels else "social"
