"""The strategy as a readable Markdown document, in the guide's section order."""

from __future__ import annotations

from datetime import date
from typing import Any

from coachbot.core.engine import display_value, item_label
from coachbot.core.flow import ConcreteStep, Flow, expand, load_flow
from coachbot.core.messages import unescape
from coachbot.i18n import texts
from coachbot.strategy.models import Strategy


def open_slots(flow: Flow, strategy: Strategy) -> list[ConcreteStep]:
    """The questions not answered yet (a repeated step counts once per item)."""
    values = strategy.values()
    return [s for s in expand(flow, values) if s.slot not in values]


def step_label(flow: Flow, step: ConcreteStep, lang: str) -> str:
    t = texts(lang)
    label = t(f"{flow.name}.{step.section}.{step.step.id}.label")
    if step.item is not None:
        label = f"{label} ({unescape(item_label(flow, step, lang))})"
    return label


def open_questions(flow: Flow, strategy: Strategy, lang: str) -> list[str]:
    t = texts(lang)
    return [
        f"{t(f'{flow.name}.{s.section}.title')}: {step_label(flow, s, lang)}"
        for s in open_slots(flow, strategy)
    ]


def _md(value: str) -> str:
    """Plain text for Markdown: keep it readable, stop it from becoming markup."""
    return unescape(value).replace("\n", " ").replace("#", "\\#").strip()


def to_markdown(strategy: Strategy, lang: str, maturity: dict[str, Any] | None, today: date) -> str:
    """The whole strategy, section by section, with what is still open at the end."""
    t = texts(lang)
    flow = load_flow("interview")
    values = strategy.values()
    steps = expand(flow, values)
    lines = [f"# {t('export.title')}", "", t("export.generated", date=today.isoformat())]
    if maturity:
        name = t(f"maturity_result.phase{maturity['phase']}.name")
        lines.append(t("export.maturity", phase=maturity["phase"], name=name))
    lines.append("")
    for number, section in enumerate(flow.section_ids(), start=1):
        lines += [f"## {number}. {t(f'interview.{section}.title')}", ""]
        current_item = None
        answered_any = False
        for step in (s for s in steps if s.section == section):
            if step.slot not in values:
                continue
            answered_any = True
            if step.item is not None and step.item != current_item:
                current_item = step.item
                lines += [f"### {_md(item_label(flow, step, lang))}", ""]
            elif step.item is None:
                current_item = None
            label = t(f"interview.{section}.{step.step.id}.label")
            value = values[step.slot]
            if isinstance(value, list) and step.step.type == "list":
                lines.append(f"**{label}:**")
                lines.append("")
                lines += [f"- {_md(v)}" for v in value] or ["- –"]
            else:
                lines.append(f"**{label}:** {_md(display_value(flow, step, value, lang))}")
            lines.append("")
        if not answered_any:
            lines += [f"_{t('export.section_empty')}_", ""]
    missing = open_questions(flow, strategy, lang)
    lines += [f"## {t('export.open_title')}", ""]
    if missing:
        lines += [f"- {_md(m)}" for m in missing]
    else:
        lines.append(t("export.nothing_open"))
    if strategy.learnings:
        lines += ["", f"## {t('export.learnings_title')}", ""]
        lines += [f"- **{_md(item.campaign)}**: {_md(item.text)}" for item in strategy.learnings]
    lines += ["", f"_{t('export.revisit_note')}_", ""]
    return "\n".join(lines)
