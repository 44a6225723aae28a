"""A section's answers in short, shown at its end, with a way to fix one line."""

from __future__ import annotations

from typing import Any

from coachbot.core import messages as ui
from coachbot.core.engine import display_value
from coachbot.core.flow import Flow, expand
from coachbot.i18n import Texts, texts
from coachbot.strategy.export import step_label
from coachbot.strategy.weak import weakness_of

LINE_LENGTH = 90


def summary_lines(flow: Flow, values: dict[str, Any], section: str, lang: str) -> list[tuple]:
    """(slot, "Label: answer") for every answered question of a section, in order; an
    answer that is still an open point says so."""
    t = texts(lang)
    out = []
    for step in expand(flow, values):
        if step.section != section or step.slot not in values:
            continue
        value = values[step.slot]
        shown = ui.unescape(display_value(flow, step, value, lang)) if value != [] else "–"
        shown = " ".join(shown.split())
        if len(shown) > LINE_LENGTH:
            shown = shown[: LINE_LENGTH - 1].rstrip() + "…"
        line = f"{step_label(flow, step, lang, values)}: {shown}"
        if weakness_of(flow, step, value, values):
            line += f" ({t('summary.open_mark')})"
        out.append((step.slot, line))
    return out


def section_summary(flow: Flow, values: dict[str, Any], section: str, t: Texts) -> ui.Message:
    title = t(f"{flow.name}.{section}.title")
    lines = summary_lines(flow, values, section, t.lang)
    body = "\n".join(f"{n}. {ui.escape(text)}" for n, (_, text) in enumerate(lines, start=1))
    edit = t.words("commands.aliases.edit")[0]
    command = f"/coach {edit} {title.lower()}"
    fix = t("summary.fix", command=f"`{command} <n>`", example=f"`{command} 1`")
    text = f"*{t('summary.title', section=title)}*\n{body}"
    return ui.Message(text=f"{text}\n{fix}", blocks=[*ui.section(text), ui.context(fix)])
