"""The campaign desk: register, list, evaluate, and what nudges say. Transport-neutral."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from coachbot.analytics.tags import campaign_tag
from coachbot.campaigns import evaluation as evaluation_summary
from coachbot.campaigns.listing import campaign_blocks, fmt_date
from coachbot.campaigns.model import Campaign
from coachbot.campaigns.parse import CampaignInputError, parse_campaign
from coachbot.campaigns.schedule import campaign_nudges, revisit_due
from coachbot.core import engine
from coachbot.core import messages as ui
from coachbot.core.dates import zone_or_utc
from coachbot.core.flow import load_flow
from coachbot.core.request import Request
from coachbot.core.session import FlowHooks, Sessions
from coachbot.i18n import Texts, texts
from coachbot.strategy.models import Learning

USER_ID = re.compile(r"^@?([UW][A-Z0-9]{2,})$")
DEFAULT_TZ = "UTC"
SNOOZE = {"1d": timedelta(days=1), "1w": timedelta(weeks=1)}


class CampaignDesk:
    """`/coach campaign`, `campaigns`, `evaluate`, `nudge`, and what nudges say."""

    def __init__(self, sessions: Sessions):
        self.sessions = sessions
        self.store = sessions.store
        sessions.declare("campaign", FlowHooks(finished=self.finish_registration))
        sessions.declare("evaluation", FlowHooks(finished=self.finish_evaluation))

    # --- /coach campaign ---------------------------------------------------------------

    def register(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        today = self.sessions.today(req)
        try:
            read = parse_campaign(rest, today)
        except CampaignInputError as problem:
            return [ui.Message.plain(t(f"campaign.errors.{problem.key}", **problem.params))]
        existing = self._named(req.team_id, read.name)
        if existing is not None:
            return self._move(req, existing, read, t)
        tz = req.tz or DEFAULT_TZ
        campaign_id = self.store.campaigns.add(
            req.team_id, read.name, read.start.isoformat(), read.end.isoformat(), tz, req.user_id
        )
        days = (read.end - read.start).days + 1
        lines = [
            t(
                "campaign.read_back",
                name=ui.escape(read.name),
                start=fmt_date(read.start, t),
                end=fmt_date(read.end, t),
                days=days,
            )
        ]
        if read.end < today:
            lines.append(t("campaign.already_over"))
        opening = "\n".join(lines)
        state_extra = {"campaign_id": campaign_id}
        messages = self.sessions.open_with(req, "campaign", t, {}, state_extra, opening)
        # The question may be shown as a form instead (a modal in Slack); the DM flow remains.
        messages[-1].form = ui.Form(
            flow="campaign", title=read.name, intro=opening, meta={"campaign_id": campaign_id}
        )
        return messages

    def _named(self, team_id: str, name: str) -> Campaign | None:
        for campaign in self.store.campaigns.all(team_id, ("active",)):
            if campaign.name.lower() == name.lower():
                return campaign
        return None

    def _move(self, req: Request, campaign: Campaign, read, t: Texts) -> list[ui.Message]:
        """The same name with new dates moves the campaign; its pending nudges move too."""
        self.store.campaigns.move(
            req.team_id, campaign.id, read.start.isoformat(), read.end.isoformat()
        )
        due = campaign_nudges(read.start, read.end, self.owner_tz(campaign), self.sessions.clock())
        self.store.nudges.schedule(req.team_id, campaign.id, due)
        return [
            ui.Message.plain(
                t(
                    "campaign.moved",
                    name=ui.escape(campaign.name),
                    start=fmt_date(read.start, t),
                    end=fmt_date(read.end, t),
                )
            )
        ]

    def finish_registration(
        self, req: Request, state: dict[str, Any], values: dict[str, Any], t: Texts
    ) -> list[ui.Message]:
        campaign_id = int(state["campaign_id"])
        self.store.campaigns.activate(req.team_id, campaign_id, values)
        campaign = self.store.campaigns.get(req.team_id, campaign_id)
        assert campaign is not None
        now = self.sessions.clock()
        tz = self.owner_tz(campaign)
        due = campaign_nudges(campaign.start, campaign.end, tz, now)
        self.store.nudges.schedule(req.team_id, campaign_id, due)
        lines = [t("campaign.registered", name=ui.escape(campaign.name))]
        for kind in ("kickoff", "midway", "evaluation"):
            if kind == "kickoff" and due.get(kind) == int(now.timestamp()):
                lines.append(t("campaign.planned.kickoff_now"))
            elif kind in due:
                local = datetime.fromtimestamp(due[kind], UTC).astimezone(zone_or_utc(tz))
                lines.append(
                    t(
                        f"campaign.planned.{kind}",
                        date=fmt_date(local.date(), t),
                        time=local.strftime("%H:%M"),
                    )
                )
        learnings = [
            item
            for item in self.store.strategies.get(req.team_id).learnings
            if item.goal_type and item.goal_type == campaign.goal_type
        ]
        if learnings:
            lines.append("")
            lines.append(t("campaign.learnings_before"))
            lines += [
                f"• *{ui.escape(item.campaign)}*: {ui.escape(item.text)}" for item in learnings[-3:]
            ]
        lines += ["", t("analytics.tag.registered", tag=campaign_tag(campaign.name, campaign.id))]
        messages = [ui.Message.plain("\n".join(lines))]
        if campaign.end < self.sessions.today(req):
            messages += self.start_evaluation(req, campaign, t)
        return messages

    def owner_ids(self, campaign: Campaign) -> list[str]:
        found = []
        for entry in campaign.plan.get("plan.owners") or []:
            match = USER_ID.match(str(entry).strip())
            if match:
                found.append(match[1])
        return found or ([campaign.created_by] if campaign.created_by else [])

    def owner_tz(self, campaign: Campaign) -> str:
        return (
            self._known_tz(campaign.team_id, self.owner_ids(campaign)) or campaign.tz or DEFAULT_TZ
        )

    def _known_tz(self, team_id: str, users: list[str]) -> str | None:
        """The time zone of the first of these people whose zone Slack told us."""
        for user in users:
            tz = (self.store.teams.user(team_id, user) or {}).get("tz")
            if tz:
                return tz
        return None

    def share_channel(self, campaign: Campaign) -> str | None:
        share = str(campaign.plan.get("plan.share") or "").strip()
        match = re.match(r"^#?([CG][A-Z0-9]{2,})$", share)
        return match[1] if match else None

    # --- /coach campaigns ------------------------------------------------------------

    def listing(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        campaigns = self.store.campaigns.all(req.team_id)
        if not campaigns:
            return [ui.Message.plain(t("campaign.none"))]
        blocks = [ui.header(t("campaign.list_title"))]
        blocks += campaign_blocks(campaigns, self.sessions.today(req), t)
        return [ui.Message(text=t("campaign.list_title"), blocks=blocks)]

    # --- /coach evaluate ---------------------------------------------------------------

    def evaluate(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        today = self.sessions.today(req)
        campaigns = self.store.campaigns.all(req.team_id)
        wanted = rest.strip().lower()
        if wanted:
            found = [c for c in campaigns if str(c.id) == wanted or c.name.lower() == wanted]
            found = found or [c for c in campaigns if c.name.lower().startswith(wanted)]
        else:
            found = [c for c in campaigns if c.state(today) == "ended"]
        if not found:
            names = ", ".join(f"`{ui.escape(c.name)}`" for c in campaigns[:10]) or "–"
            return [
                ui.Message.plain(t("campaign.not_found", word=ui.escape(rest[:60]), names=names))
            ]
        campaign = found[-1]
        if campaign.status == "evaluated":
            return [
                ui.Message.plain(t("campaign.already_evaluated", name=ui.escape(campaign.name)))
            ]
        return self.start_evaluation(req, campaign, t)

    def start_evaluation(self, req: Request, campaign: Campaign, t: Texts) -> list[ui.Message]:
        values = {"results.kpi_names": [name for name, _ in campaign.kpis()]}
        opening = t("campaign.evaluation_begin", name=ui.escape(campaign.name))
        opening += "\n" + t(
            "analytics.evaluation_hint", tag=campaign_tag(campaign.name, campaign.id)
        )
        return self.sessions.open_with(
            req, "evaluation", t, values, {"campaign_id": campaign.id}, opening
        )

    def fill_actuals(
        self, req: Request, campaign: Campaign, actuals: dict[int, float], t: Texts, note: str
    ) -> list[ui.Message]:
        """KPI actuals read from an export (and confirmed): into this person's evaluation of
        the campaign, which goes on with the first question still open."""
        state = self.store.sessions.get(req.team_id, req.user_id, "evaluation") or {}
        values = {"results.kpi_names": [name for name, _ in campaign.kpis()]}
        if not state.get("done") and state.get("campaign_id") == campaign.id:
            values = {**values, **state.get("values", {})}
        values.update({f"results.actual[{i}]": value for i, value in actuals.items()})
        extra = {"campaign_id": campaign.id}
        fresh = engine.new_state(load_flow("evaluation"), values)
        if fresh["done"]:  # the rest was answered already: the evaluation is complete
            done = {**fresh, **extra, "values": values}
            self.store.sessions.save(req.team_id, req.user_id, "evaluation", done)
            return [ui.Message.plain(note), *self.finish_evaluation(req, done, values, t)]
        return self.sessions.open_with(req, "evaluation", t, values, extra, note)

    def finish_evaluation(
        self, req: Request, state: dict[str, Any], values: dict[str, Any], t: Texts
    ) -> list[ui.Message]:
        campaign = self.store.campaigns.get(req.team_id, int(state["campaign_id"]))
        assert campaign is not None
        actuals = [values.get(f"results.actual[{i}]") for i, _ in enumerate(campaign.kpis())]
        result = {
            "actuals": actuals,
            "answers": {k: v for k, v in values.items() if k.startswith("review.")},
        }
        self.store.campaigns.record_evaluation(req.team_id, campaign.id, result)
        learning = str(values.get("review.learning") or "").strip()
        if learning:
            # Raises VersionConflict if the strategy changed meanwhile: the input is redone.
            self.store.strategies.add_learning(
                req.team_id,
                Learning(
                    campaign=campaign.name,
                    goal_type=campaign.goal_type,
                    text=learning,
                    at=self.sessions.clock(),
                ),
                by=req.user_id,
            )
        campaign = self.store.campaigns.get(req.team_id, campaign.id)
        others = [
            c for c in self.store.campaigns.all(req.team_id, ("evaluated",)) if c.id != campaign.id
        ]
        summary = evaluation_summary.summary_message(campaign, others, t)
        share = self.share_channel(campaign)
        messages = [ui.Message.plain(t("campaign.evaluation_saved"))]
        summary.target = "channel" if share else "reply"
        summary.channel = share
        messages.append(summary)
        return messages

    # --- nudges ------------------------------------------------------------------------

    def nudge_command(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        words = rest.split()
        # ASCII digits that fit SQLite's integer: "²".isdigit() is True, 10**22 overflows.
        if len(words) < 2 or not (words[1].isascii() and words[1].isdigit()):
            return [ui.Message.plain(t("campaign.nudge_usage"))]
        if len(words[1]) > 18:
            return [ui.Message.plain(t("campaign.nudge_gone"))]
        action, nudge_id = words[0].lower(), int(words[1])
        if action == "dismiss" and self.store.nudges.dismiss(req.team_id, nudge_id):
            return [ui.Message.plain(t("campaign.dismissed"))]
        if action == "snooze" and len(words) > 2 and words[2] in SNOOZE:
            until = self.sessions.clock() + SNOOZE[words[2]]
            if self.store.nudges.snooze(req.team_id, nudge_id, int(until.timestamp())):
                return [ui.Message.plain(t(f"campaign.snoozed_{words[2]}"))]
        return [ui.Message.plain(t("campaign.nudge_gone"))]

    def nudge_messages(self, row: dict[str, Any], now: datetime) -> list[ui.Message]:
        """What a due nudge says, to each owner by DM and, where chosen, in the share channel."""
        team_id = row["team_id"]
        if row["kind"] == "revisit":
            return self._revisit_messages(team_id, row, now)
        campaign = self.store.campaigns.get(team_id, row["campaign_id"])
        if campaign is None or campaign.status != "active":
            return []
        out = []
        recipients = [("user", owner) for owner in self.owner_ids(campaign)]
        share = self.share_channel(campaign)
        if share and row["kind"] in ("kickoff", "midway", "evaluation"):
            recipients.append(("channel", share))
        for kind, target in recipients:
            t = texts(self.sessions.language_of(team_id, target if kind == "user" else None))
            out.append(
                self._nudge_message(campaign, row, now, t, target, with_buttons=kind == "user")
            )
        return out

    def _nudge_message(
        self, campaign, row, now, t: Texts, channel: str, with_buttons: bool
    ) -> ui.Message:
        kind = row["kind"]
        title = t(f"campaign.nudge.{kind}.title", name=ui.escape(campaign.name))
        body = t(
            f"campaign.nudge.{kind}.body",
            name=ui.escape(campaign.name),
            end=campaign.end.isoformat(),
        )
        lines = [body]
        if kind in ("kickoff", "midway"):
            kpis = "\n".join(
                f"• {ui.escape(line)}" for line in campaign.plan.get("plan.kpis") or []
            )
            if kpis:
                lines += ["", t("campaign.nudge.kpis"), kpis]
            if kind == "kickoff":
                lines += [
                    "",
                    t("analytics.tag.kickoff", tag=campaign_tag(campaign.name, campaign.id)),
                ]
        late = now.timestamp() - row["meant_for"] > 3600
        if late:
            meant = (
                datetime.fromtimestamp(row["meant_for"], UTC)
                .astimezone(zone_or_utc(campaign.tz))
                .date()
            )
            lines.append(t("campaign.nudge.late", date=fmt_date(meant, t)))
        blocks = [ui.header(title), *ui.section("\n".join(lines))]
        if with_buttons:
            buttons = []
            if kind in ("evaluation", "reminder1", "reminder2"):
                buttons.append(
                    ui.Button(
                        t("campaign.button_start_evaluation"),
                        f"/coach evaluate {campaign.id}",
                        "primary",
                    )
                )
            buttons += [
                ui.Button(t("campaign.button_snooze_1d"), f"/coach nudge snooze {row['id']} 1d"),
                ui.Button(t("campaign.button_snooze_1w"), f"/coach nudge snooze {row['id']} 1w"),
                ui.Button(
                    t("campaign.button_dismiss"), f"/coach nudge dismiss {row['id']}", "danger"
                ),
            ]
            blocks.append(ui.buttons(buttons))
        return ui.Message(text=title, blocks=blocks, target="dm", channel=channel)

    def _revisit_messages(self, team_id: str, row, now: datetime) -> list[ui.Message]:
        strategy = self.store.strategies.get(team_id)
        if strategy.completed_at is None:
            return []
        people = {a.by for a in strategy.answers.values() if a.by}
        out = []
        for user in sorted(people)[:5]:
            t = texts(self.sessions.language_of(team_id, user))
            blocks = [
                ui.header(t("campaign.nudge.revisit.title")),
                *ui.section(t("campaign.nudge.revisit.body")),
                ui.buttons(
                    [
                        ui.Button(t("status.button_continue"), "/coach status", "primary"),
                        ui.Button(
                            t("campaign.button_snooze_1w"), f"/coach nudge snooze {row['id']} 1w"
                        ),
                        ui.Button(
                            t("campaign.button_dismiss"),
                            f"/coach nudge dismiss {row['id']}",
                            "danger",
                        ),
                    ]
                ),
            ]
            out.append(
                ui.Message(
                    text=t("campaign.nudge.revisit.title"), blocks=blocks, target="dm", channel=user
                )
            )
        return out

    def after_nudge_sent(self, row: dict[str, Any], now: datetime) -> None:
        """The revisit repeats: the next one six months on."""
        if row["kind"] == "revisit":
            self.schedule_revisit(row["team_id"], now, repeat=True)

    def schedule_revisit(self, team_id: str, since: datetime, repeat: bool = False) -> None:
        users = [a.by for a in self.store.strategies.get(team_id).answers.values() if a.by]
        tz = self._known_tz(team_id, users) or DEFAULT_TZ
        if repeat:
            self.store.nudges.forget(team_id, 0, "revisit")
        self.store.nudges.schedule(team_id, 0, {"revisit": revisit_due(since, tz)})
