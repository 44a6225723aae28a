"""App Home: the strategy at a glance, and a modal to edit one section."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk import WebClient

from coachbot.campaigns.desk import campaign_blocks
from coachbot.core import messages as ui
from coachbot.core.coach import progress_bar
from coachbot.core.flow import expand, load_flow
from coachbot.core.request import Request
from coachbot.i18n import Texts, texts
from coachbot.review.checks.base import platforms
from coachbot.slack.forms import input_block, plain
from coachbot.strategy.progress import section_progress

MODAL_BLOCKS = 100
TITLE_MAX = 24
EDIT_CALLBACK = "edit_section"


def home_view(deps, req: Request, t: Texts) -> dict[str, Any]:
    """The Home tab: progress per section, maturity, recent reviews, what to do next."""
    flow = load_flow("interview")
    strategy = deps.store.strategies.get(req.team_id)
    rows = []
    for p in section_progress(flow, strategy):
        mark = "✅" if p.complete else "▫️"
        rows.append(
            f"{mark} *{t(f'interview.{p.section}.title')}*  {progress_bar(p.percent)} {p.answered}/{p.total}"
        )
    blocks: list[dict[str, Any]] = [ui.header(t("home.title")), *ui.section(t("home.intro"))]
    blocks += ui.section("\n".join(rows))
    blocks.append(
        ui.buttons(
            [
                ui.Button(t("status.button_continue"), "/coach start", "primary"),
                ui.Button(t("home.button_maturity"), "/coach maturity"),
                ui.Button(t("status.button_export"), "/coach export"),
            ]
        )
    )
    options = [
        {"text": plain(t(f"interview.{s}.title"), 75), "value": s} for s in flow.section_ids()
    ]
    blocks.append(
        {
            "type": "actions",
            "block_id": "home_edit",
            "elements": [
                {
                    "type": "static_select",
                    "action_id": "home_edit_section",
                    "placeholder": plain(t("home.edit_placeholder"), 150),
                    "options": options,
                }
            ],
        }
    )
    blocks.append(ui.divider())
    blocks += _campaigns(deps, req, t)
    maturity = deps.store.maturity.get(req.team_id)
    if maturity:
        name = t(f"maturity_result.phase{maturity['phase']}.name")
        blocks += ui.section(t("status.maturity", phase=maturity["phase"], name=name))
    else:
        blocks += ui.section(t("status.no_maturity"))
    reviews = deps.store.reviews.recent(req.team_id, limit=5)
    if reviews:
        lines = [t("home.reviews_title")]
        for r in reviews:
            channel = platforms()[r["channel"]]["name"] if r["channel"] in platforms() else "–"
            lines.append(
                t("home.review_row", score=r["score"], channel=channel, date=r["created_at"][:10])
            )
        average = round(sum(r["score"] for r in reviews) / len(reviews))
        lines.append(t("home.review_average", score=average, count=len(reviews)))
        blocks += ui.section("\n".join(lines))
    else:
        blocks += ui.section(t("home.no_reviews"))
    blocks.append(ui.context(t("help.dm")))
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


def _campaigns(deps, req: Request, t: Texts) -> list[dict[str, Any]]:
    """Campaigns not yet evaluated, with a button for each evaluation that is due."""
    today = deps.coach.today(req)
    open_ones = [c for c in deps.store.campaigns.all(req.team_id) if c.state(today) != "evaluated"]
    if not open_ones:
        return ui.section(t("home.no_campaigns"))
    return [*ui.section(t("home.campaigns_title")), *campaign_blocks(open_ones[:8], today, t)]
