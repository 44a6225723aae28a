"""One tag per campaign: its slug is the `utm_campaign` of every link it posts."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MEDIUM = "social"
# Letters NFKD does not take apart into a base letter and a mark.
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l", "þ": "th"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 60


def slug(name: str) -> str:
    """'Julkampanj 2026' -> 'julkampanj-2026', 'Høstløp!' -> 'hostlop'; '' if nothing is left."""
    folded = unicodedata.normalize("NFKD", name.lower().translate(_FOLD))
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    return _NOT_SLUG.sub("-", ascii_only).strip("-")[:MAX_SLUG].strip("-")


def campaign_tag(name: str, campaign_id: int) -> str:
    """The campaign's utm_campaign value; a name with no letters or digits gets its id."""
    return slug(name) or f"campaign-{campaign_id}"


def running_campaigns(campaigns, today) -> list[dict]:
    """The campaigns running today, latest start first, as the review's link check needs
    them: name, tag and channels."""
    running = [c for c in campaigns if c.state(today) == "running"]
    running.sort(key=lambda c: (c.start, c.id), reverse=True)
    return [
        {
            "name": c.name,
            "tag": campaign_tag(c.name, c.id),
            "channels": [ch for ch in c.plan.get("plan.channels") or [] if ch != "other"],
        }
        for c in running
    ]


def tagged_url(url: str, source: str, tag: str) -> str:
    """The link with utm_source, utm_medium and utm_campaign set for this campaign; its
    other parameters and their order are kept."""
    full = url if "://" in url else f"https://{url}"
    parts = urlsplit(full)
    kept = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.startswith("utm_")
    ]
    query = urlencode(
        [*kept, ("utm_source", source), ("utm_medium", MEDIUM), ("utm_campaign", tag)]
    )
    out = urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))
    return out if "://" in url else out.removeprefix("https://")


def utm_campaign(url: str) -> str | None:
    """The utm_campaign a link carries, lower-cased; None without one."""
    full = url if "://" in url else f"https://{url}"
    try:
        query = parse_qsl(urlsplit(full).query)
    except ValueError:
        return None
    for key, value in query:
        if key.lower() == "utm_campaign" and value.strip():
            return value.strip().lower()
    return None
