"""App Home: the strategy at a glance, and a modal to edit one section."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk import WebClient

from coachbot.core import engine
from coachbot.core import messages as ui
from coachbot.core.coach import progress_bar
from coachbot.core.flow import ConcreteStep, expand, load_flow
from coachbot.core.request import Request
from coachbot.i18n import Texts, texts
from coachbot.review.checks.base import platforms
from coachbot.strategy.export import step_label
from coachbot.strategy.progress import section_progress

MODAL_BLOCKS = 100
TITLE_MAX = 24
EDIT_CALLBACK = "edit_section"


def _plain(text: str, limit: int = 150) -> dict[str, Any]:
    return {"type": "plain_text", "text": text[:limit] or " ", "emoji": True}


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
        {"text": _plain(t(f"interview.{s}.title"), 75), "value": s} for s in flow.section_ids()
    ]
    blocks.append(
        {
            "type": "actions",
            "block_id": "home_edit",
            "elements": [
                {
                    "type": "static_select",
                    "action_id": "home_edit_section",
                    "placeholder": _plain(t("home.edit_placeholder"), 150),
                    "options": options,
                }
            ],
        }
    )
    blocks.append(ui.divider())
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


def _input_for(flow, step: ConcreteStep, value: Any, t: Texts) -> dict[str, Any]:
    label = step_label(flow, step, t.lang)
    element: dict[str, Any]
    if step.step.type in ("choice", "multi"):
        labels = {c: t(engine.text_key(flow, step, f"choice.{c}")) for c in step.step.choices}
        options = [{"text": _plain(labels[c], 75), "value": c} for c in step.step.choices]
        chosen = value if isinstance(value, list) else ([value] if value else [])
        initial = [o for o in options if o["value"] in chosen]
        if step.step.type == "choice":
            element = {"type": "static_select", "action_id": "value", "options": options}
            if initial:
                element["initial_option"] = initial[0]
        else:
            element = {"type": "checkboxes", "action_id": "value", "options": options[:10]}
            if initial:
                element["initial_options"] = initial
    else:
        shown = (
            "\n".join(value) if isinstance(value, list) else ("" if value is None else str(value))
        )
        element = {
            "type": "plain_text_input",
            "action_id": "value",
            "multiline": step.step.type in ("text", "list"),
            "max_length": 3000,
        }
        if shown:
            element["initial_value"] = shown[:3000]
    question = t(
        engine.text_key(flow, step, "q"), item=ui.unescape(engine.item_label(flow, step, t.lang))
    )
    return {
        "type": "input",
        "block_id": step.slot,
        "optional": True,
        "label": _plain(label, 2000),
        "hint": _plain(question, 2000),
        "element": element,
    }


def edit_view(deps, req: Request, section: str, t: Texts) -> dict[str, Any]:
    flow = load_flow("interview")
    strategy = deps.store.strategies.get(req.team_id)
    values = strategy.values()
    steps = [s for s in expand(flow, values) if s.section == section]
    blocks = [_input_for(flow, s, values.get(s.slot), t) for s in steps]
    return {
        "type": "modal",
        "callback_id": EDIT_CALLBACK,
        "private_metadata": json.dumps({"section": section, "version": strategy.version}),
        "title": _plain(t(f"interview.{section}.title"), TITLE_MAX),
        "submit": _plain(t("home.save"), TITLE_MAX),
        "close": _plain(t("home.cancel"), TITLE_MAX),
        "blocks": blocks[:MODAL_BLOCKS],
    }


def open_edit_modal(deps, client: WebClient, req: Request, section: str, trigger_id: str) -> None:
    t = texts(deps.coach.language_for(req))
    client.views_open(trigger_id=trigger_id, view=edit_view(deps, req, section, t))


def submitted_inputs(view: dict[str, Any]) -> dict[str, str | None]:
    """What a submitted edit modal holds, as the text each field stands for."""
    out: dict[str, str | None] = {}
    for slot, block in view.get("state", {}).get("values", {}).items():
        element = block.get("value") or {}
        if element.get("type") == "static_select":
            option = element.get("selected_option")
            out[slot] = option["value"] if option else None
        elif element.get("type") == "checkboxes":
            options = element.get("selected_options") or []
            out[slot] = ", ".join(o["value"] for o in options) or None
        else:
            out[slot] = element.get("value")
    return out
