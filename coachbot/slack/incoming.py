"""What people type in Slack, as the core reads it: Slack's markup undone, once, here."""

from __future__ import annotations

import re

_SLACK_LINK = re.compile(r"<((?:https?|mailto):[^|>\s]+)(?:\|([^>]*))?>")
_SLACK_USER = re.compile(r"<@([A-Z0-9]+)(?:\|([^>]*))?>")
_SLACK_CHANNEL = re.compile(r"<#([A-Z0-9]+)(?:\|([^>]*))?>")
_SLACK_SPECIAL = re.compile(r"<!(channel|here|everyone)(?:\|[^>]*)?>")
_SLACK_OTHER = re.compile(r"<!([a-z]+)[^>]*>")


def unslack(text: str) -> str:
    """Slack's message markup turned back into what the author wrote."""

    def link(match: re.Match[str]) -> str:
        url, label = match[1], match[2]
        if not label or label == url or url.endswith(label):
            return url
        return f"{label} {url}"

    text = _SLACK_LINK.sub(link, text)
    text = _SLACK_USER.sub(lambda m: "@" + (m[2] or m[1]), text)
    text = _SLACK_CHANNEL.sub(lambda m: "#" + (m[2] or m[1]), text)
    text = _SLACK_SPECIAL.sub(lambda m: "@" + m[1], text)
    text = _SLACK_OTHER.sub("", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
