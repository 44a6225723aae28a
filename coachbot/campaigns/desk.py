"""The campaign desk: register, list, evaluate, and what nudges say. Transport-neutral."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from coachbot.analytics.tags import campaign_tag
from coachbot.campaigns import evaluation as evaluation_summary
from coachbot.campaigns import workdays
from coachbot.campaigns.listing import campaign_blocks, draft_blocks, fmt_date
from coachbot.campaigns.model import Campaign, kpi_unit, parse_kpi
from coachbot.campaigns.parse import CampaignInputError, parse_campaign
from coachbot.campaigns.schedule import campaign_nudges, revisit_due
from coachbot.core import engine
from coachbot.core import messages as ui
from coachbot.core.conditions import condition
from coachbot.core.dates import zone_or_utc
from coachbot.core.flow import load_flow
from coachbot.core.request import Request
from coachbot.core.session import FlowHooks, Sessions
from coachbot.i18n import LANGUAGES, Texts, texts
from coachbot.strategy.models import Learning

USER_ID = re.compile(r"^@?([UW][A-Z0-9]{2,})$")
DEFAULT_TZ = "UTC"
SNOOZE = {"1d": timedelta(days=1), "1w": timedelta(weeks=1)}
PAUSABLE = ("campaign", "evaluation")
PERSONA_NAMES = "plan.persona_names"


@condition
def strategy_has_personas(values: dict[str, Any]) -> bool:
    """The plan asks for a persona only when the strategy has some to choose from."""
    return bool(values.get(PERSONA_NAMES))


@cache
def _none_words() -> frozenset[str]:
    return frozenset(w.casefold() for lang in LANGUAGES for w in texts(lang).words("controls.none"))


@cache
def _now_words() -> frozenset[str]:
    """`/coach evaluate <campaign> now`: evaluate before the end, in any language."""
    return frozenset(
        w.lower() for lang in LANGUAGES for w in texts(lang).words("campaign.evaluate_now")
    )


def kpi_line(line: str, t: Texts) -> str:
    """A KPI with its target as the reader writes numbers and money: "Räckvidd: 40 000",
    "Försäljning: 50 000 kr"."""
    parsed = parse_kpi(line)
    if parsed is None:
        return line
    name, target = parsed
    return f"{name}: {evaluation_summary.amount(target, kpi_unit(line), t)}"


def country_name(code: str, t: Texts) -> str:
    """ "Sverige", "Norway": the country's name in the reader's language."""
    return t.locale.territories.get(code, code)


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
            params = {
                k: fmt_date(v, t, today)
                if isinstance(v, date)
                else t.number(v)
                if isinstance(v, int)
                else v
                for k, v in problem.params.items()
            }
            return [ui.Message.plain(t(f"campaign.errors.{problem.key}", **params))]
        existing = self._named(req.team_id, read.name)
        if existing is not None:
            return self._move(req, existing, read, t)
        draft = self._named(req.team_id, read.name, ("draft",))
        tz = req.tz or DEFAULT_TZ
        if draft is not None:
            # An unfinished plan of the same name is taken up again, not left behind.
            campaign_id = draft.id
            self.store.campaigns.move(
                req.team_id, draft.id, read.start.isoformat(), read.end.isoformat()
            )
        else:
            campaign_id = self.store.campaigns.add(
                req.team_id,
                read.name,
                read.start.isoformat(),
                read.end.isoformat(),
                tz,
                req.user_id,
            )
        days = (read.end - read.start).days + 1
        lines = [
            t(
                "campaign.read_back",
                name=ui.escape(read.name),
                start=fmt_date(read.start, t, today),
                end=fmt_date(read.end, t, today),
                count=days,
            )
        ]
        if read.end < today:
            lines.append(t("campaign.already_over"))
        opening = "\n".join(lines)
        state_extra = {"campaign_id": campaign_id}
        # The strategy's personas, so the plan can ask whether it speaks to one of them.
        values = {PERSONA_NAMES: self._personas(req.team_id)}
        messages = self.sessions.open_with(req, "campaign", t, values, state_extra, opening)
        # The question may be shown as a form instead (a modal in Slack); the DM flow remains.
        messages[-1].form = ui.Form(
            flow="campaign",
            title=read.name,
            intro=opening,
            meta={"campaign_id": campaign_id},
            values=values,
        )
        return messages

    def _named(
        self, team_id: str, name: str, statuses: tuple[str, ...] = ("active",)
    ) -> Campaign | None:
        for campaign in self.store.campaigns.all(team_id, statuses):
            if campaign.name.lower() == name.lower():
                return campaign
        return None

    def _move(self, req: Request, campaign: Campaign, read, t: Texts) -> list[ui.Message]:
        """The same name with new dates moves the campaign; its pending nudges move too."""
        today = self.sessions.today(req)
        self.store.campaigns.move(
            req.team_id, campaign.id, read.start.isoformat(), read.end.isoformat()
        )
        moved = campaign.model_copy(update={"start": read.start, "end": read.end})
        self._schedule(moved)
        return [
            ui.Message.plain(
                t(
                    "campaign.moved",
                    name=ui.escape(campaign.name),
                    start=fmt_date(read.start, t, today),
                    end=fmt_date(read.end, t, today),
                )
            )
        ]

    def finish_registration(
        self, req: Request, state: dict[str, Any], values: dict[str, Any], t: Texts
    ) -> list[ui.Message]:
        campaign_id = int(state["campaign_id"])
        plan = {k: v for k, v in values.items() if k != PERSONA_NAMES}
        persona, unknown = self._persona_named(req.team_id, plan.get("plan.persona"))
        plan["plan.persona"] = persona
        self.store.campaigns.activate(req.team_id, campaign_id, plan)
        campaign = self.store.campaigns.get(req.team_id, campaign_id)
        assert campaign is not None
        now = self.sessions.clock()
        today = self.sessions.today(req)
        tz = self.owner_tz(campaign)
        due = self._schedule(campaign)
        planned = []
        for kind in ("kickoff", "midway", "evaluation"):
            if kind == "kickoff" and due.get(kind) == int(now.timestamp()):
                planned.append(t("campaign.planned.kickoff_now"))
            elif kind in due:
                local = datetime.fromtimestamp(due[kind], UTC).astimezone(zone_or_utc(tz))
                planned.append(
                    t(
                        f"campaign.planned.{kind}",
                        date=fmt_date(local.date(), t, today),
                        time=local.strftime("%H:%M"),
                    )
                )
        if planned:
            lines = [t("campaign.registered", name=ui.escape(campaign.name)), *planned]
        else:
            # Over already: no nudge is ahead but the reminders, and the evaluation is now.
            reminder = due.get("reminder1")
            day = datetime.fromtimestamp(reminder, UTC).astimezone(zone_or_utc(tz)).date()
            lines = [
                t(
                    "campaign.registered_over",
                    name=ui.escape(campaign.name),
                    date=fmt_date(day, t, today),
                )
            ]
        if campaign.persona:
            lines.append(t("campaign.for_persona", name=ui.escape(campaign.persona)))
        elif unknown:
            names = ", ".join(f"*{ui.escape(n)}*" for n in self._personas(req.team_id))
            lines.append(t("campaign.persona_unknown", name=ui.escape(unknown), names=names))
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
        if campaign.end < today:
            messages += self.start_evaluation(req, campaign, t)
        return messages

    def _schedule(self, campaign: Campaign) -> dict[str, int]:
        """Set a campaign's pending nudges from its dates, owners' zone and team's holidays."""
        due = campaign_nudges(
            campaign.start,
            campaign.end,
            self.owner_tz(campaign),
            self.sessions.clock(),
            self.country_of(campaign.team_id, campaign.created_by),
        )
        self.store.nudges.schedule(campaign.team_id, campaign.id, due)
        return due

    def country_of(self, team_id: str, user_id: str | None = None) -> str | None:
        """Whose public holidays the team's nudges skip: its setting, else its language's."""
        return workdays.effective_country(
            self.store.teams.country(team_id), self.sessions.language_of(team_id, user_id)
        )

    def reschedule(self, team_id: str, today) -> None:
        """After the holidays changed: campaigns still ahead or running get their nudges anew."""
        for campaign in self.store.campaigns.all(team_id, ("active",)):
            if campaign.end >= today:
                self._schedule(campaign)

    # --- /coach country ----------------------------------------------------------------

    def country(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        word = rest.strip()
        if word:
            chosen = workdays.country_named(word)
            if chosen is None:
                return [ui.Message.plain(t("country.unknown", word=ui.escape(word[:40])))]
            self.store.teams.set_country(req.team_id, chosen)
            self.reschedule(req.team_id, self.sessions.today(req))
            if chosen == workdays.NO_COUNTRY:
                return [ui.Message.plain(t("country.set_none"))]
            return [ui.Message.plain(t("country.set", country=country_name(chosen, t)))]
        stored = self.store.teams.country(req.team_id)
        current = self.country_of(req.team_id, req.user_id)
        if current is None:
            shown = t("country.current_none")
        elif stored:
            shown = country_name(current, t)
        else:
            shown = t("country.current_default", country=country_name(current, t))
        return [ui.Message.plain(t("country.usage", current=shown))]

    def _personas(self, team_id: str) -> list[str]:
        names = self.store.strategies.get(team_id).values().get("audience.personas") or []
        return [str(n) for n in names if str(n).strip()]

    def _persona_named(self, team_id: str, typed: Any) -> tuple[str | None, str | None]:
        """(the strategy's persona the typed name means, or None; what was typed when it
        names none of them). "none" or nothing means the whole segment."""
        text = str(typed or "").strip()
        if not text or text.casefold() in _none_words():
            return None, None
        names = self._personas(team_id)
        wanted = text.casefold()
        for match in (
            lambda n: n.casefold() == wanted,
            lambda n: n.casefold().startswith(wanted),
            lambda n: wanted in n.casefold(),
        ):
            found = [n for n in names if match(n)]
            if len(found) == 1:
                return found[0], None
        return None, text

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

    def channel_language(self, campaign: Campaign) -> str:
        """A share channel's copy: the team's language, else its first owner's."""
        chosen = self.store.teams.language(campaign.team_id)
        owners = [] if chosen else self.owner_ids(campaign)
        return self.sessions.language_of(campaign.team_id, owners[0] if owners else None)

    def share_channel(self, campaign: Campaign) -> str | None:
        share = str(campaign.plan.get("plan.share") or "").strip()
        match = re.match(r"^#?([CG][A-Z0-9]{2,})$", share)
        return match[1] if match else None

    # --- paused plans and evaluations -----------------------------------------------

    def paused(self, req: Request) -> str | None:
        """ "campaign" or "evaluation" when this person left one unfinished (the most recent
        first), else None."""
        active = self.store.sessions.active_flow(req.team_id, req.user_id)
        order = sorted(PAUSABLE, key=lambda flow: flow != active)
        for flow in order:
            if self._paused_campaign(req, flow) is not None:
                return flow
        return None

    def _paused_campaign(self, req: Request, flow: str) -> Campaign | None:
        state = self.sessions.unfinished(req, flow)
        if state is None or "campaign_id" not in state:
            return None
        campaign = self.store.campaigns.get(req.team_id, int(state["campaign_id"]))
        still_open = campaign is not None and (
            campaign.status == "draft" if flow == "campaign" else campaign.status == "active"
        )
        return campaign if still_open else None

    def start_or_resume(
        self,
        req: Request,
        rest: str,
        t: Texts,
        interview: Callable[[Request, str, Texts], list[ui.Message]],
    ) -> list[ui.Message]:
        """`/coach start`: the interview, unless a campaign plan or evaluation was paused
        more recently, or the interview has nothing left to ask: then that goes on.
        `/coach start interview` (any word after it) always means the interview."""
        paused = self.paused(req)
        if paused is not None and not rest.strip():
            active = self.store.sessions.active_flow(req.team_id, req.user_id)
            walk = self.store.sessions.get(req.team_id, req.user_id, "interview")
            finished = bool(walk and walk.get("done")) or (
                self.store.strategies.get(req.team_id).completed_at is not None
            )
            if active == paused or finished:
                resumed = self.resume(req, paused, t, interview_open=not finished)
                if resumed:
                    return resumed
        return interview(req, rest, t)

    def resume(
        self, req: Request, flow: str, t: Texts, interview_open: bool = False
    ) -> list[ui.Message]:
        """The paused plan or evaluation again, where it stopped (and, while the strategy
        interview is unfinished, how to get to it instead)."""
        campaign = self._paused_campaign(req, flow)
        if campaign is None:
            return []
        opening = t(f"campaign.resume_{flow}", name=ui.escape(campaign.name))
        if interview_open:
            opening += " " + t("campaign.resume_interview_instead")
        return self.sessions.resume(req, flow, t, opening)

    # --- /coach campaigns ------------------------------------------------------------

    def listing(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        campaigns = self.store.campaigns.all(req.team_id)
        drafts = self.store.campaigns.all(req.team_id, ("draft",))
        if not campaigns and not drafts:
            return [ui.Message.plain(t("campaign.none"))]
        today = self.sessions.today(req)
        blocks = [ui.header(t("campaign.list_title"))]
        if campaigns:
            blocks += campaign_blocks(campaigns, today, t, self._evaluating(req))
        if drafts:
            mine = self._paused_campaign(req, "campaign")
            blocks += draft_blocks(drafts, today, t, mine.id if mine is not None else None)
        return [ui.Message(text=t("campaign.list_title"), blocks=blocks)]

    def _evaluating(self, req: Request) -> int | None:
        """The campaign whose evaluation this person paused, if any."""
        campaign = self._paused_campaign(req, "evaluation")
        return campaign.id if campaign is not None else None

    # --- /coach evaluate ---------------------------------------------------------------

    def evaluate(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        today = self.sessions.today(req)
        campaigns = self.store.campaigns.all(req.team_id)
        words = rest.split()
        confirmed = bool(words) and words[-1].lower() in _now_words()
        wanted = " ".join(words[:-1] if confirmed else words).lower()
        if not wanted:
            return [self._due_for_evaluation(campaigns, today, t)]
        found = [c for c in campaigns if str(c.id) == wanted or c.name.lower() == wanted]
        found = found or [c for c in campaigns if c.name.lower().startswith(wanted)]
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
        if campaign.state(today) != "ended" and not confirmed:
            return [self._ask_before_early_evaluation(campaign, today, t)]
        paused = self._paused_campaign(req, "evaluation")
        if paused is not None and paused.id == campaign.id:
            return self.resume(req, "evaluation", t)
        return self.start_evaluation(req, campaign, t)

    def _due_for_evaluation(self, campaigns: list[Campaign], today, t: Texts) -> ui.Message:
        """`/coach evaluate` alone: what has ended and waits for its evaluation."""
        due = [c for c in campaigns if c.state(today) == "ended"]
        if not due:
            ahead = sorted(
                (c for c in campaigns if c.state(today) in ("planned", "running")),
                key=lambda c: c.end,
            )
            if not ahead:
                return ui.Message.plain(t("campaign.nothing_due"))
            first = ahead[0]
            return ui.Message.plain(
                t(
                    "campaign.nothing_due_yet",
                    name=ui.escape(first.name),
                    end=fmt_date(first.end, t, today),
                )
            )
        title = t("campaign.due_title", count=len(due))
        rows = [
            t("campaign.due_row", name=ui.escape(c.name), end=fmt_date(c.end, t, today))
            for c in due
        ]
        buttons = [
            ui.Button(
                t("campaign.button_evaluate", name=c.name[:40]),
                f"/coach evaluate {c.id}",
                "primary",
            )
            for c in due[:5]
        ]
        text = "\n".join([title, *rows])
        return ui.Message(text=text, blocks=[*ui.section(text), ui.buttons(buttons)])

    def _ask_before_early_evaluation(self, campaign: Campaign, today, t: Texts) -> ui.Message:
        key = "campaign.early_planned" if campaign.state(today) == "planned" else "campaign.early"
        text = t(key, name=ui.escape(campaign.name), end=fmt_date(campaign.end, t, today))
        now = t.words("campaign.evaluate_now")[0]
        button = ui.Button(
            t("campaign.button_evaluate_now"), f"/coach evaluate {campaign.id} {now}", "primary"
        )
        return ui.Message(text=text, blocks=[*ui.section(text), ui.buttons([button])])

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
        messages = [ui.Message.plain(t("campaign.evaluation_saved")), summary]
        share = self.share_channel(campaign)
        if share:  # the evaluator has it above; the channel gets a copy in the team's language
            copy = evaluation_summary.summary_message(
                campaign, others, texts(self.channel_language(campaign))
            )
            copy.target, copy.channel = "channel", share
            messages.append(copy)
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
            lang = self.channel_language(campaign) if kind == "channel" else None
            t = texts(lang or self.sessions.language_of(team_id, target))
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
            end=fmt_date(campaign.end, t, now.date()),
        )
        lines = [body]
        if kind in ("kickoff", "midway") and campaign.persona:
            lines += ["", t("campaign.nudge.persona", name=ui.escape(campaign.persona))]
        if kind in ("kickoff", "midway"):
            kpis = "\n".join(
                f"• {ui.escape(kpi_line(line, t))}" for line in campaign.plan.get("plan.kpis") or []
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
            lines.append(t("campaign.nudge.late", date=fmt_date(meant, t, now.date())))
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
