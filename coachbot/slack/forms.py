"""Flows shown as Slack modals: one input per step, read back as the text each stands for."""

from __future__ import annotations

import json
import re
from typing import Any

from coachbot.core import engine
from coachbot.core import messages as ui
from coachbot.core.flow import ConcreteStep, Flow, expand, load_flow
from coachbot.i18n import Texts
from coachbot.slack.blocks import plain

MODAL_BLOCKS = 100
TITLE_MAX = 24
FORM = re.compile(r"^(?P<flow>[a-z_]+)_form$")  # a flow's modal: "<flow>_form"
# What a step that picks something is drawn as.
PICKERS = {"people": "multi_users_select", "channel": "conversations_select"}


def input_block(
    flow: Flow,
    step: ConcreteStep,
    value: Any,
    t: Texts,
    user_id: str | None = None,
    values: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An input block for one step, showing its current value."""
    label = t(engine.text_key(flow, step, "label"))
    item = ui.unescape(engine.item_label(flow, step, t.lang))
    if item:
        label = f"{label} ({item})"
    element: dict[str, Any]
    if step.step.picks == "people":
        element = {"type": PICKERS["people"], "action_id": "value"}
        if user_id:
            element["initial_users"] = [user_id]
    elif step.step.picks == "channel":
        element = {
            "type": PICKERS["channel"],
            "action_id": "value",
            # Channels only: a DM or a bot cannot be a campaign's share channel.
            "filter": {"include": ["public", "private"], "exclude_bot_users": True},
        }
    elif step.step.offers and (values or {}).get(step.step.offers):
        # The usual answers as a menu (a strategy's personas), and "none" for none of them.
        names = [str(n) for n in values[step.step.offers]][:99]
        options = [{"text": plain(n, 75), "value": n[:150]} for n in names]
        none = t.words("controls.none")[0]
        options.append({"text": plain(t("form.none_of_them"), 75), "value": none})
        element = {"type": "static_select", "action_id": "value", "options": options}
    elif step.step.type in ("choice", "multi"):
        labels = {c: t(engine.text_key(flow, step, f"choice.{c}")) for c in step.step.choices}
        options = [{"text": plain(labels[c], 75), "value": c} for c in step.step.choices]
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
    question = t(engine.text_key(flow, step, "q"), item=item)
    return {
        "type": "input",
        "block_id": step.slot,
        "optional": True,
        "label": plain(label, 2000),
        "hint": plain(question, 2000),
        "element": element,
    }


def form_callback(flow_name: str) -> str:
    return f"{flow_name}_form"


def flow_modal(form: ui.Form, t: Texts, user_id: str) -> dict[str, Any]:
    """A flow's form as a modal: one input per step, the form's meta carried along."""
    flow = load_flow(form.flow)
    blocks = [
        input_block(flow, step, None, t, user_id, form.values) for step in expand(flow, form.values)
    ]
    return {
        "type": "modal",
        "callback_id": form_callback(form.flow),
        "private_metadata": json.dumps(form.meta),
        "title": plain(form.title or t(f"{form.flow}.plan.title"), TITLE_MAX),
        "submit": plain(t("home.save"), TITLE_MAX),
        "close": plain(t("home.cancel"), TITLE_MAX),
        "blocks": blocks[:MODAL_BLOCKS],
    }


def submitted_inputs(view: dict[str, Any]) -> dict[str, str | None]:
    """What a submitted modal holds, as the text each field stands for."""
    out: dict[str, str | None] = {}
    for slot, block in view.get("state", {}).get("values", {}).items():
        element = block.get("value") or {}
        kind = element.get("type")
        if kind == "static_select":
            option = element.get("selected_option")
            out[slot] = option["value"] if option else None
        elif kind == "checkboxes":
            options = element.get("selected_options") or []
            out[slot] = ", ".join(o["value"] for o in options) or None
        elif kind == "multi_users_select":
            users = element.get("selected_users") or []
            out[slot] = ", ".join(f"@{u}" for u in users) or None
        elif kind == "conversations_select":
            chosen = element.get("selected_conversation")
            out[slot] = f"#{chosen}" if chosen else None
        else:
            out[slot] = element.get("value")
    return out
