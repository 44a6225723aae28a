"""The strategy as a readable Markdown document, in the guide's section order."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from coachbot.core.engine import display_value, item_label
from coachbot.core.flow import ConcreteStep, Flow, expand, load_flow
from coachbot.core.messages import unescape
from coachbot.i18n import texts
from coachbot.strategy.models import Strategy
from coachbot.strategy.weak import is_non_answer, open_points


def open_slots(flow: Flow, strategy: Strategy) -> list[ConcreteStep]:
    """The questions not answered yet (a repeated step counts once per item)."""
    values = strategy.values()
    return [s for s in expand(flow, values) if s.slot not in values]


def step_label(flow: Flow, step: ConcreteStep, lang: str, values: dict | None = None) -> str:
    t = texts(lang)
    label = t(f"{flow.name}.{step.section}.{step.step.id}.label")
    if step.item is not None:
        label = f"{label} ({unescape(item_label(flow, step, lang, values))})"
    return label


def open_questions(flow: Flow, strategy: Strategy, lang: str) -> list[str]:
    t = texts(lang)
    values = strategy.values()
    return [
        f"{t(f'{flow.name}.{s.section}.title')}: {step_label(flow, s, lang, values)}"
        for s in open_slots(flow, strategy)
    ]


def open_point_rows(flow: Flow, strategy: Strategy, lang: str) -> list[str]:
    """Answered but still weak or empty, one line each: where, what it says, and why."""
    t = texts(lang)
    values = strategy.values()
    rows = []
    for point in open_points(flow, values):
        step = point.step
        shown = unescape(display_value(flow, step, point.value, lang))
        rows.append(
            t(
                "open_point.row",
                section=t(f"{flow.name}.{step.section}.title"),
                label=step_label(flow, step, lang, values),
                value=_short(shown),
                reason=t(f"open_point.{point.reason}"),
            )
        )
    return rows


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def organisation(strategy: Strategy) -> str | None:
    name = strategy.value("purpose.organisation")
    if not isinstance(name, str) or is_non_answer(name):
        return None
    return " ".join(name.split())


def title(strategy: Strategy, lang: str) -> str:
    """The document's title, with the organisation's name when it has been given."""
    t = texts(lang)
    name = organisation(strategy)
    return t("export.title_named", name=name) if name else t("export.title")


def file_name(strategy: Strategy, lang: str, today: date, asked: str = "") -> str:
    """The export's file name, in the team's language ("strategi-sociala-medier-….md"),
    or the name the person asked for."""
    asked = asked.strip()
    if asked:
        return asked if asked.lower().endswith(".md") else f"{asked}.md"
    parts = [texts(lang)("export.file_stem")]
    name = organisation(strategy)
    if name:
        parts.append(_slug(name))
    parts.append(today.isoformat())
    return "-".join(p for p in parts if p) + ".md"


def _slug(text: str) -> str:
    ascii_text = (
        unicodedata.normalize("NFKD", text.lower().replace("ø", "o").replace("æ", "ae"))
        .encode("ascii", "ignore")
        .decode()
    )
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:40]


def _md(value: str) -> str:
    """Plain text for Markdown: keep it readable, stop it from becoming markup."""
    return unescape(value).replace("\n", " ").replace("#", "\\#").strip()


def to_markdown(strategy: Strategy, lang: str, maturity: dict[str, Any] | None, today: date) -> str:
    """The whole strategy, section by section, with what is still open at the end."""
    t = texts(lang)
    flow = load_flow("interview")
    values = strategy.values()
    steps = expand(flow, values)
    non_answers = {p.step.slot for p in open_points(flow, values) if p.non_answer}
    lines = [
        f"# {_md(title(strategy, lang))}",
        "",
        t("export.generated", date=f"{t.day(today)} {today.year}"),
    ]
    if maturity:
        name = t(f"maturity_result.phase{maturity['phase']}.name")
        lines.append(t("export.maturity", phase=maturity["phase"], name=name))
    lines.append("")
    for number, section in enumerate(flow.section_ids(), start=1):
        lines += [f"## {number}. {t(f'interview.{section}.title')}", ""]
        current_item = None
        answered_any = False
        for step in (s for s in steps if s.section == section):
            if step.slot not in values or step.slot in non_answers:
                continue  # a non-answer is an open point, not a fact
            answered_any = True
            if step.item is not None and step.item != current_item:
                current_item = step.item
                lines += [f"### {_md(item_label(flow, step, lang, values))}", ""]
            elif step.item is None:
                current_item = None
            label = t(f"interview.{section}.{step.step.id}.label")
            value = values[step.slot]
            if isinstance(value, list) and step.step.type == "list" and not _short_list(value):
                lines += [f"**{label}:**", ""] + [f"- {_md(v)}" for v in value]
            elif value == []:
                lines.append(f"**{label}:** {t('export.none')}")
            else:
                lines.append(f"**{label}:** {_md(display_value(flow, step, value, lang))}")
            lines.append("")
        if section == "channels":
            lines += channel_map(flow, values, lang)
        if not answered_any:
            lines += [f"_{t('export.section_empty')}_", ""]
    missing = open_by_section(flow, strategy, lang)
    points = open_point_rows(flow, strategy, lang)
    lines += [f"## {t('export.open_title')}", ""]
    if points:
        lines += [f"### {t('open_point.export_title')}", ""]
        lines += [f"- {_md(p)}" for p in points] + [""]
    if missing:
        if points:
            lines += [f"### {t('export.unanswered_title')}", ""]
        lines += [f"- {_md(m)}" for m in missing]
    elif not points:
        lines.append(t("export.nothing_open"))
    if strategy.learnings:
        lines += ["", f"## {t('export.learnings_title')}", ""]
        lines += [f"- **{_md(item.campaign)}**: {_md(item.text)}" for item in strategy.learnings]
    lines += ["", f"_{t('export.revisit_note')}_", ""]
    return "\n".join(lines)


def _short_list(value: list) -> bool:
    """A few short items ("warm, straight, local") read best on one line."""
    return len(value) <= 5 and all(len(str(v)) <= 30 for v in value)


def open_by_section(flow: Flow, strategy: Strategy, lang: str) -> list[str]:
    """The unanswered questions, one line per section: how many, and which."""
    t = texts(lang)
    rows = []
    missing = open_slots(flow, strategy)
    for section in flow.section_ids():
        mine = [s for s in missing if s.section == section]
        if not mine:
            continue
        labels = dict.fromkeys(t(f"{flow.name}.{s.section}.{s.step.id}.label") for s in mine)
        rows.append(
            t(
                "export.open_row",
                section=t(f"{flow.name}.{section}.title"),
                questions=t("export.open_count", count=len(mine)),
                labels=", ".join(labels),
            )
        )
    return rows


MAP_COLUMNS = ("role", "purpose", "frequency", "owner")


def channel_map(flow: Flow, values: dict[str, Any], lang: str) -> list[str]:
    """What goes where, how often, and who: one row per channel (GUIDE.md §A 7)."""
    t = texts(lang)
    by_slot = {s.slot: s for s in expand(flow, values) if s.section == "channels"}
    channels = values.get("channels.list") or []
    if not isinstance(channels, list) or not channels:
        return []
    table = []
    for index in range(len(channels)):
        cells = []
        for column in MAP_COLUMNS:
            step = by_slot.get(f"channels.{column}[{index}]")
            value = values.get(f"channels.{column}[{index}]")
            if step is None or value is None or is_non_answer(value):
                cells.append("–")
            else:
                shown = _md(display_value(flow, step, value, lang))
                cells.append(_short(shown, 60).replace("|", "/"))
        any_step = by_slot.get(f"channels.role[{index}]") or by_slot.get(f"channels.owner[{index}]")
        name = _md(item_label(flow, any_step, lang, values)) if any_step else str(channels[index])
        table.append([name, *cells])
    # Only the columns something was answered in.
    keep = [0] + [c + 1 for c in range(len(MAP_COLUMNS)) if any(r[c + 1] != "–" for r in table)]
    if len(keep) == 1:
        return []
    head = [t("export.map_channel")] + [t(f"interview.channels.{c}.label") for c in MAP_COLUMNS]
    rows = [f"### {t('export.map_title')}", ""]
    rows.append("| " + " | ".join(head[k] for k in keep) + " |")
    rows.append("|" + " --- |" * len(keep))
    rows += ["| " + " | ".join(r[k] for k in keep) + " |" for r in table]
    return rows + [""]
