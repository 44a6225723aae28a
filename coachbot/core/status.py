"""Where the team stands, drawn once: `/coach status` and App Home both use these."""

from __future__ import annotations

from datetime import date

from coachbot.campaigns.listing import campaign_blocks, draft_blocks
from coachbot.core import messages as ui
from coachbot.core.flow import load_flow
from coachbot.i18n import Texts
from coachbot.review.checks.base import platforms
from coachbot.store import Store
from coachbot.strategy import export as strategy_export
from coachbot.strategy.models import Strategy
from coachbot.strategy.progress import section_progress

MISSING_SHOWN = 5


def progress_rows(strategy: Strategy, t: Texts) -> str:
    """One line per section: done or not, a bar, answered of total."""
    rows = []
    for p in section_progress(load_flow("interview"), strategy):
        mark = "✅" if p.complete else "▫️"
        title = t(f"interview.{p.section}.title")
        rows.append(f"{mark} *{title}*  {ui.bar(p.percent)} {p.answered}/{p.total}")
    return "\n".join(rows)


def maturity_line(maturity: dict | None, t: Texts) -> str:
    if not maturity:
        return t("status.no_maturity")
    name = t(f"maturity_result.phase{maturity['phase']}.name")
    return t("status.maturity", phase=maturity["phase"], name=name)


def status_message(store: Store, team_id: str, t: Texts) -> ui.Message:
    """`/coach status`: progress per section, what is still open, the maturity phase."""
    strategy = store.strategies.get(team_id)
    text = progress_rows(strategy, t)
    blocks = [ui.header(t("status.title")), *ui.section(text)]
    blocks += still_open(strategy, t)
    blocks.append(ui.context(maturity_line(store.maturity.get(team_id), t)))
    blocks.append(
        ui.buttons(
            [
                ui.Button(t("status.button_continue"), "/coach start", "primary"),
                ui.Button(t("status.button_export"), "/coach export"),
            ]
        )
    )
    return ui.Message(text=t("status.title") + "\n" + text, blocks=blocks)


def still_open(strategy: Strategy, t: Texts) -> list[ui.Block]:
    """The open points, then the unanswered questions — or that nothing is open."""
    flow = load_flow("interview")
    blocks: list[ui.Block] = []
    for title, rows in (
        (t("open_point.title"), strategy_export.open_point_rows(flow, strategy, t.lang)),
        (t("status.missing"), strategy_export.open_questions(flow, strategy, t.lang)),
    ):
        if rows:
            listed = "\n".join(f"• {ui.escape(r)}" for r in rows[:MISSING_SHOWN])
            more = ""
            if len(rows) > MISSING_SHOWN:
                more = t("status.more_missing", count=len(rows) - MISSING_SHOWN)
            blocks += ui.section(f"{title}\n{listed}\n{more}".strip())
    return blocks or ui.section(t("status.complete"))


def home_blocks(store: Store, team_id: str, today: date, t: Texts) -> list[ui.Block]:
    """The strategy at a glance: progress, what to do next, campaigns, maturity, reviews."""
    sections = load_flow("interview").section_ids()
    blocks: list[ui.Block] = [ui.header(t("home.title")), *ui.section(t("home.intro"))]
    strategy = store.strategies.get(team_id)
    blocks += ui.section(progress_rows(strategy, t))
    blocks += still_open(strategy, t)
    blocks.append(
        ui.buttons(
            [
                ui.Button(t("status.button_continue"), "/coach start", "primary"),
                ui.Button(t("home.button_maturity"), "/coach maturity"),
                ui.Button(t("status.button_export"), "/coach export"),
            ]
        )
    )
    options = [(s, t(f"interview.{s}.title")) for s in sections]
    blocks.append(ui.Menu("edit_section", t("home.edit_placeholder"), options))
    blocks.append(ui.divider())
    open_ones = [c for c in store.campaigns.all(team_id) if c.state(today) != "evaluated"]
    if open_ones:
        blocks += [
            *ui.section(t("home.campaigns_title")),
            *campaign_blocks(open_ones[:8], today, t),
        ]
    else:
        blocks += ui.section(t("home.no_campaigns"))
    blocks += draft_blocks(store.campaigns.all(team_id, ("draft",))[:8], today, t)
    blocks += ui.section(maturity_line(store.maturity.get(team_id), t))
    blocks += ui.section(_reviews(store, team_id, t))
    blocks.append(ui.context(t("help.dm")))
    return blocks


def _reviews(store: Store, team_id: str, t: Texts) -> str:
    reviews = store.reviews.recent(team_id, limit=5)
    if not reviews:
        return t("home.no_reviews")
    lines = [t("home.reviews_title")]
    for r in reviews:
        channel = platforms()[r["channel"]]["name"] if r["channel"] in platforms() else "–"
        lines.append(
            t("home.review_row", score=r["score"], channel=channel, date=r["created_at"][:10])
        )
    average = round(sum(r["score"] for r in reviews) / len(reviews))
    lines.append(t("home.review_average", score=average, count=len(reviews)))
    return "\n".join(lines)
