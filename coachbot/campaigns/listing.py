"""Campaigns as lines: dates in the reader's language, one row per campaign with its state."""

from __future__ import annotations

from datetime import date

from coachbot.campaigns.model import Campaign
from coachbot.core import messages as ui
from coachbot.i18n import Texts

STATE_MARK = {"planned": "🗓️", "running": "▶️", "ended": "⏳", "evaluated": "✅"}


def fmt_date(day: date, t: Texts) -> str:
    weekday = t.words("campaign.weekdays")[day.weekday()]
    month = t.words("campaign.months")[day.month - 1]
    return t("campaign.date", weekday=weekday, day=day.day, month=month, year=day.year)


def campaign_blocks(campaigns: list[Campaign], today: date, t: Texts) -> list[ui.Block]:
    """One line per campaign with its state, and a button for each evaluation that is due
    (the campaigns list and App Home both show this)."""
    rows = []
    for c in campaigns:
        state = c.state(today)
        goal = t(f"campaign.plan.goal_type.choice.{c.goal_type}") if c.goal_type else "–"
        rows.append(
            t(
                "campaign.row",
                mark=STATE_MARK[state],
                name=ui.escape(c.name),
                state=t(f"campaign.states.{state}"),
                start=c.start.isoformat(),
                end=c.end.isoformat(),
                goal=goal,
            )
        )
    blocks = ui.section("\n".join(rows))
    due = [c for c in campaigns if c.state(today) == "ended"][:5]
    if due:
        evaluate = [
            ui.Button(
                t("campaign.button_evaluate", name=c.name[:40]),
                f"/coach evaluate {c.id}",
                "primary",
            )
            for c in due
        ]
        blocks.append(ui.buttons(evaluate))
    return blocks
