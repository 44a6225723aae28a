"""Files people upload in the DM: fetched with the bot token, read in memory, never kept.

`files.info` goes through slack_sdk's WebClient. slack_sdk has no call that returns a
file's bytes (python-slack-sdk#1434), so the download itself is a GET of the file's
`url_private_download` made with that same client's token, TLS context, proxy and timeout.
The token goes only to Slack's own file host (or the Web API host this client is set up
for) and is not repeated on a redirect. At most MAX_BYTES are read.
"""

from __future__ import annotations

import logging
import urllib.request
from dataclasses import dataclass
from urllib.error import URLError
from urllib.parse import urlsplit

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from coachbot.analytics.table import MAX_BYTES

log = logging.getLogger("coachbot.slack")
SLACK_FILE_HOSTS = ("files.slack.com",)
TABLE_TYPES = frozenset({"csv", "tsv", "text", "xlsx", "xls", "zip", "excel"})
TABLE_ENDINGS = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".zip")


class FileProblem(Exception):
    """The file could not be fetched: `key` is `too_big` or `download_failed`."""

    def __init__(self, key: str, name: str, size: int = 0):
        super().__init__(key)
        self.key, self.name, self.size = key, name, size


@dataclass
class Fetched:
    name: str
    data: bytes


def looks_like_a_table(file: dict) -> bool:
    """An upload the coach should read as an export (by Slack's file type or its name)."""
    name = str(file.get("name") or "").lower()
    return str(file.get("filetype") or "").lower() in TABLE_TYPES or name.endswith(TABLE_ENDINGS)


def fetch(client: WebClient, file_id: str) -> Fetched:
    """The file's bytes, in memory; raises FileProblem."""
    try:
        info = client.files_info(file=file_id)["file"]
    except (SlackApiError, URLError, OSError, KeyError) as exc:
        log.info("files.info failed: %s", type(exc).__name__)
        raise FileProblem("download_failed", "export") from None
    name = str(info.get("name") or info.get("title") or "export")
    size = int(info.get("size") or 0)
    if size > MAX_BYTES:
        raise FileProblem("too_big", name, size)
    url = str(info.get("url_private_download") or info.get("url_private") or "")
    if not _ours(client, url):
        log.warning("a file's download URL is not on Slack's file host; not fetched")
        raise FileProblem("download_failed", name)
    request = urllib.request.Request(url, method="GET")
    # Unredirected: a redirect to another host does not get the token.
    request.add_unredirected_header("Authorization", f"Bearer {client.token}")
    handlers: list[urllib.request.BaseHandler] = [urllib.request.HTTPSHandler(context=client.ssl)]
    if client.proxy:
        handlers.append(urllib.request.ProxyHandler({"http": client.proxy, "https": client.proxy}))
    opener = urllib.request.build_opener(*handlers)
    try:
        with opener.open(request, timeout=client.timeout) as response:
            data = response.read(MAX_BYTES + 1)
            kind = response.headers.get_content_type()
    except (URLError, OSError, ValueError) as exc:
        log.info("file download failed: %s", type(exc).__name__)
        raise FileProblem("download_failed", name) from None
    if len(data) > MAX_BYTES:
        raise FileProblem("too_big", name, len(data))
    if kind == "text/html" and not name.lower().endswith((".html", ".htm")):
        # Slack's sign-in page instead of the file: the token may not carry files:read.
        raise FileProblem("download_failed", name)
    return Fetched(name, data)


def _ours(client: WebClient, url: str) -> bool:
    parts = urlsplit(url)
    api = urlsplit(client.base_url)
    if parts.hostname in SLACK_FILE_HOSTS:
        return parts.scheme == "https"
    return bool(parts.hostname) and (parts.hostname, parts.port) == (api.hostname, api.port)
