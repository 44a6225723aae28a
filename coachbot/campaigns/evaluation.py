"""The evaluation summary: each KPI against its target, the answers, earlier campaigns."""

from __future__ import annotations

from coachbot.campaigns.model import Campaign, currency_code, kpi_unit, parse_kpi
from coachbot.core import messages as ui
from coachbot.i18n import Texts


def percent_reached(actual: float | None, target: float) -> int | None:
    if actual is None or target <= 0:
        return None
    return round(100 * actual / target)


def average_reached(campaign: Campaign) -> int | None:
    actuals = (campaign.evaluation or {}).get("actuals") or []
    shares = [
        percent_reached(a, target)
        for (_, target), a in zip(campaign.kpis(), actuals, strict=False)
        if percent_reached(a, target) is not None
    ]
    return round(sum(shares) / len(shares)) if shares else None


def summary_message(campaign: Campaign, earlier: list[Campaign], t: Texts) -> ui.Message:
    evaluation = campaign.evaluation or {}
    actuals = evaluation.get("actuals") or []
    lines = []
    units = [kpi_unit(line) for line in campaign.plan.get("plan.kpis") or [] if parse_kpi(line)]
    for (name, target), actual, unit in zip(campaign.kpis(), actuals, units, strict=False):
        reached = percent_reached(actual, target)
        lines.append(
            t(
                "campaign.summary.kpi",
                name=ui.escape(name),
                bar=ui.bar(reached),
                actual=amount(actual, unit, t),
                target=amount(target, unit, t),
                percent="–" if reached is None else reached,
            )
        )
    audience = audience_text(campaign, t)
    if audience:
        lines.append(t("campaign.summary.audience", audience=audience))
    answers = evaluation.get("answers") or {}
    for key in ("purpose", "metric", "clear", "two_seconds", "split", "learning"):
        value = answers.get(f"review.{key}")
        if value is None:
            continue
        if key in ("metric", "two_seconds"):
            value = t(f"evaluation.review.{key}.choice.{value}")
        lines.append(f"*{t(f'evaluation.review.{key}.label')}:* {ui.escape(str(value))}")
    mine = average_reached(campaign)
    similar = [
        c
        for c in earlier
        if (c.goal_type and c.goal_type == campaign.goal_type) or c.same_audience(campaign)
    ]
    scores = [s for s in (average_reached(c) for c in similar) if s is not None]
    lines.append("")
    if mine is not None and scores:
        lines.append(
            t(
                "campaign.summary.compare",
                mine=mine,
                theirs=round(sum(scores) / len(scores)),
                count=len(scores),
            )
        )
    else:
        lines.append(t("campaign.summary.first"))
    title = t("campaign.summary.title", name=ui.escape(campaign.name))
    return ui.Message(text=title, blocks=[ui.header(title), *ui.section("\n".join(lines))])


def audience_text(campaign: Campaign, t: Texts) -> str | None:
    """Whom the campaign speaks to: "the persona *Pendlande Petra*", or the segment's name."""
    if campaign.persona:
        return t("campaign.audience_persona", name=ui.escape(campaign.persona))
    if campaign.segment:
        return t(f"campaign.plan.segment.choice.{campaign.segment}")
    return None


def amount(value: float | None, unit: str | None, t: Texts) -> str:
    """A KPI's value for people: "40 000", "4,5 %", "50 000 kr", "€5,000.00"."""
    if value is None:
        return "–"
    if unit == "%":
        return f"{t.number(value)}\u00a0%"
    if unit:
        return t.money(value, currency_code(unit, t.lang))
    return t.number(value)
