"""Campaigns as lines: dates in the reader's language, one row per campaign with its state."""

from __future__ import annotations

from datetime import date

from coachbot.campaigns.model import Campaign
from coachbot.core import messages as ui
from coachbot.i18n import Texts

STATE_MARK = {"planned": "🗓️", "running": "▶️", "ended": "⏳", "evaluated": "✅"}


def fmt_date(day: date, t: Texts, today: date | None = None) -> str:
    """A date for people: "fre 25 dec"; the year too when it is not this year's (or when
    there is no today to compare with)."""
    if today is not None and day.year == today.year:
        return t.day(day)
    return t("campaign.date", day=t.day(day), year=day.year)


def campaign_blocks(
    campaigns: list[Campaign], today: date, t: Texts, evaluating: int | None = None
) -> list[ui.Block]:
    """One line per campaign with its state, and a button for each evaluation that is due
    (the campaigns list and App Home both show this). `evaluating`: the campaign whose
    evaluation the reader paused."""
    rows = []
    for c in campaigns:
        state = c.state(today)
        goal = t(f"campaign.plan.goal_type.choice.{c.goal_type}") if c.goal_type else "–"
        shown = t(f"campaign.states.{state}")
        if c.id == evaluating and state == "ended":
            shown = t("campaign.states.evaluation_paused")
        rows.append(
            t(
                "campaign.row",
                mark=STATE_MARK[state],
                name=ui.escape(c.name),
                state=shown,
                start=fmt_date(c.start, t, today),
                end=fmt_date(c.end, t, today),
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


def draft_blocks(
    drafts: list[Campaign], today: date, t: Texts, continuing: int | None = None
) -> list[ui.Block]:
    """Unfinished plans, each with how to take it up again (the campaigns list and App
    Home both show them). `continuing`: the draft whose plan the reader paused."""
    rows = []
    for c in drafts:
        if c.id == continuing:
            how = t("campaign.draft_continue")
        else:
            command = (
                f"/coach {t.words('commands.aliases.campaign')[0]} {c.name} "
                f"{c.start.isoformat()} {c.end.isoformat()}"
            )
            how = t("campaign.draft_again", command=ui.escape(command))
        rows.append(
            t(
                "campaign.draft_row",
                name=ui.escape(c.name),
                start=fmt_date(c.start, t, today),
                end=fmt_date(c.end, t, today),
                how=how,
            )
        )
    return ui.section("\n".join([t("campaign.drafts_title"), *rows])) if rows else []
