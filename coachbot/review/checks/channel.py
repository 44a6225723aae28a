"""The post fits its channel: length, hashtags, links (data/platforms.toml)."""

from __future__ import annotations

import emoji

from coachbot.review.checks.base import Finding, ReviewContext, check
from coachbot.review.post import Post

# X's "Counting characters": these code point ranges weigh 1, everything else 2.
_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))


def _char_weight(ch: str) -> int:
    code = ord(ch)
    return 1 if any(lo <= code <= hi for lo, hi in _LIGHT_RANGES) else 2


def platform_length(post: Post, platform: dict) -> int:
    """The length the platform counts: X weighs URLs and emoji; Threads counts emoji bytes."""
    text = post.text
    if platform.get("weighted"):
        total = 0
        for url in post.urls:
            text = text.replace(url, "", 1)
            total += platform.get("url_weight", 23)
        spans = emoji.emoji_list(text)
        plain = emoji.replace_emoji(text, "")
        return total + 2 * len(spans) + sum(_char_weight(ch) for ch in plain)
    if platform.get("utf8_emoji"):
        spans = emoji.emoji_list(text)
        return len(emoji.replace_emoji(text, "")) + sum(len(s["emoji"].encode()) for s in spans)
    return len(text)


@check("channel_fit")
def channel_fit(post: Post, ctx: ReviewContext) -> Finding:
    platform = ctx.platform
    if platform is None:
        return Finding("skip", "no_channel", {})
    name = platform["name"]
    length = platform_length(post, platform)
    limit = platform["max_length"]
    params = {"channel": name, "length": length, "max": limit, "hashtags": len(post.hashtags)}
    if length > limit:
        return Finding("fail", "too_long", params)
    max_tags = platform.get("max_hashtags")
    if max_tags is not None and len(post.hashtags) > max_tags:
        return Finding("fail", "too_many_hashtags", {**params, "max_hashtags": max_tags})
    max_links = platform.get("max_links")
    if post.urls and not platform.get("links_clickable", True):
        return Finding("warn", "links_not_clickable", params)
    if max_links is not None and len(post.urls) > max_links:
        return Finding(
            "fail", "too_many_links", {**params, "max_links": max_links, "links": len(post.urls)}
        )
    return Finding("pass", "fits", {**params, "count": len(post.hashtags)})
