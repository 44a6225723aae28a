"""The Slack app manifest: create the app in one step (api.slack.com/apps → From a manifest)."""

from __future__ import annotations

from typing import Any

from coachbot.i18n import texts

COMMAND = "/coach"
# files:read: an analytics export uploaded in the DM is fetched to fill an evaluation.
BOT_SCOPES = [
    "commands",
    "chat:write",
    "im:history",
    "im:write",
    "users:read",
    "files:write",
    "files:read",
]
BOT_EVENTS = ["app_home_opened", "message.im", "app_uninstalled", "tokens_revoked"]
SHORTCUT_CALLBACK = "review_with_coach"


def manifest(url: str | None = None, socket_mode: bool = False, lang: str = "en") -> dict[str, Any]:
    """The manifest; `url` is the public base URL in HTTP mode (unused in Socket Mode)."""
    t = texts(lang)
    base = (url or "https://coach.example.com").rstrip("/")
    events_url = f"{base}/slack/events"
    command: dict[str, Any] = {
        "command": COMMAND,
        "description": t("manifest.command_description"),
        "usage_hint": "help | start | status | review instagram: <text> | maturity | export",
        "should_escape": False,
    }
    settings: dict[str, Any] = {
        "event_subscriptions": {"bot_events": BOT_EVENTS},
        "interactivity": {"is_enabled": True},
        "org_deploy_enabled": False,
        "socket_mode_enabled": socket_mode,
        "token_rotation_enabled": False,
    }
    if not socket_mode:
        command["url"] = events_url
        settings["event_subscriptions"]["request_url"] = events_url
        settings["interactivity"]["request_url"] = events_url
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": "coachbot",
            "description": t("manifest.description"),
            "long_description": t("manifest.long_description"),
            "background_color": "#1d4d3a",
        },
        "features": {
            "app_home": {
                "home_tab_enabled": True,
                "messages_tab_enabled": True,
                "messages_tab_read_only_enabled": False,
            },
            "bot_user": {"display_name": "coachbot", "always_online": True},
            "slash_commands": [command],
            "shortcuts": [
                {
                    "name": t("manifest.shortcut_name"),
                    "type": "message",
                    "callback_id": SHORTCUT_CALLBACK,
                    "description": t("manifest.shortcut_description"),
                }
            ],
        },
        "oauth_config": {
            "scopes": {"bot": BOT_SCOPES},
            **({} if socket_mode else {"redirect_urls": [f"{base}/slack/oauth_redirect"]}),
        },
        "settings": settings,
    }
