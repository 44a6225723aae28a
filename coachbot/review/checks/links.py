"""Every link carries UTM tags so its traffic can be followed up (000)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

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
    if untagged:
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
    return Finding("pass", "tagged", {"count": len(post.urls)})
