"""App Home: the strategy at a glance (drawn by the core), and a modal to edit one section."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk import WebClient

from coachbot.core.flow import expand, load_flow
from coachbot.core.request import Request
from coachbot.core.status import home_blocks
from coachbot.i18n import Texts, texts
from coachbot.slack.blocks import plain, to_blocks
from coachbot.slack.forms import input_block

MODAL_BLOCKS = 100
TITLE_MAX = 24
EDIT_CALLBACK = "edit_section"


def home_view(deps, req: Request, t: Texts) -> dict[str, Any]:
    """The Home tab: progress per section, maturity, recent reviews, what to do next."""
    blocks = to_blocks(home_blocks(deps.store, req.team_id, deps.coach.today(req), t))
    return {"type": "home", "blocks": blocks[:MODAL_BLOCKS]}


def publish_home(deps, client: WebClient, req: Request) -> None:
    t = texts(deps.coach.language_for(req))
    client.views_publish(user_id=req.user_id, view=home_view(deps, req, t))


def edit_view(deps, req: Request, section: str, t: Texts) -> dict[str, Any]:
    flow = load_flow("interview")
    strategy = deps.store.strategies.get(req.team_id)
    values = strategy.values()
    steps = [s for s in expand(flow, values) if s.section == section]
    blocks = [input_block(flow, s, values.get(s.slot), t) for s in steps]
    return {
        "type": "modal",
        "callback_id": EDIT_CALLBACK,
        "private_metadata": json.dumps({"section": section, "version": strategy.version}),
        "title": plain(t(f"interview.{section}.title"), TITLE_MAX),
        "submit": plain(t("home.save"), TITLE_MAX),
        "close": plain(t("home.cancel"), TITLE_MAX),
        "blocks": blocks[:MODAL_BLOCKS],
    }


def open_edit_modal(deps, client: WebClient, req: Request, section: str, trigger_id: str) -> None:
    t = texts(deps.coach.language_for(req))
    client.views_open(trigger_id=trigger_id, view=edit_view(deps, req, section, t))
