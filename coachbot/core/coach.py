"""The coach: one transport-neutral entry point for commands, DM lines and clicks.

Adapters (the Slack app, the terminal shell) turn what arrived into a Request and text,
call `Coach.command` / `Coach.message`, and render the returned Messages.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from coachbot.core import engine
from coachbot.core import messages as ui
from coachbot.core.answers import InvalidAnswer, clean_text, parse_answer
from coachbot.core.commands import HELP_ORDER, parse_command
from coachbot.core.dates import zone_or_utc
from coachbot.core.flow import expand, load_flow
from coachbot.core.request import Request
from coachbot.core.status import status_message
from coachbot.i18n import LANGUAGES, Texts, resolve_language, texts
from coachbot.review.render import review_message
from coachbot.review.reviewer import EmptyPost, PostTooLong, review_post, split_channel_prefix
from coachbot.store import Store
from coachbot.store.repos import CorruptData, VersionConflict
from coachbot.strategy import export as strategy_export
from coachbot.strategy.maturity import place
from coachbot.strategy.models import Answer, Learning, Strategy

log = logging.getLogger("coachbot")
Clock = Callable[[], datetime]
MAX_SAVE_ATTEMPTS = 5


def utc_now() -> datetime:
    return datetime.now(UTC)


class Coach:
    """Everything the coach can do, for any team and user."""

    def __init__(self, store: Store, clock: Clock = utc_now):
        from coachbot.campaigns.desk import CampaignDesk

        self.store = store
        self.clock = clock
        self.campaigns = CampaignDesk(self)
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._handlers: dict[str, Callable[[Request, str, Texts], list[ui.Message]]] = {
            "help": self._help,
            "start": self._start,
            "edit": self._edit,
            "status": self._status,
            "maturity": self._maturity,
            "export": self._export,
            "language": self._language,
            "review": self._review,
            "privacy": self._privacy,
            "campaign": self.campaigns.register,
            "campaigns": self.campaigns.listing,
            "evaluate": self.campaigns.evaluate,
            "nudge": self.campaigns.nudge_command,
        }

    # --- entry points ------------------------------------------------------------------

    def language_for(self, req: Request) -> str:
        return self.language_of(req.team_id, req.user_id, req.locale)

    def language_of(self, team_id: str, user_id: str | None, locale: str | None = None) -> str:
        """The one place a person's language is decided: their choice, the team's, their
        Slack locale (as given now, or as last seen), English."""
        user = (self.store.teams.user(team_id, user_id) if user_id else None) or {}
        return resolve_language(
            user.get("language"),
            self.store.teams.language(team_id),
            locale or user.get("locale"),
        )

    def _user_lock(self, req: Request) -> threading.Lock:
        """One person's inputs are handled one at a time: two quick DMs must not both
        answer the same question (each would read the same session and one be lost)."""
        key = (req.team_id, req.user_id)
        with self._locks_guard:
            return self._locks.setdefault(key, threading.Lock())

    def command(self, req: Request, text: str) -> list[ui.Message]:
        """A `/coach ...` line."""
        with self._user_lock(req), self._guarded(req) as answer:
            answer.extend(self._command(req, text))
        return answer

    def _command(self, req: Request, text: str) -> list[ui.Message]:
        t = texts(self.language_for(req))
        name, word, rest = parse_command(clean_text(text))
        handler = self._handlers.get(name or "")
        if handler is None:
            shown = ui.escape(word[:40])
            return [
                ui.Message.plain(t("coach.unknown_command", word=shown)),
                *self._help(req, "", t),
            ]
        return handler(req, rest, t)

    def message(self, req: Request, text: str) -> list[ui.Message]:
        """A plain line in a DM with the coach: an answer to whatever it asked last."""
        if text.strip().lower().startswith("/coach"):
            return self.command(req, text)
        with self._user_lock(req), self._guarded(req) as answer:
            answer.extend(self._message(req, text))
        return answer

    @contextmanager
    def _guarded(self, req: Request) -> Iterator[list[ui.Message]]:
        """Storage trouble becomes a polite answer, with nothing half-saved (each write is
        one transaction) and a log line for whoever runs the coach."""
        answer: list[ui.Message] = []
        try:
            yield answer
        except CorruptData as exc:
            log.error(
                "team %s: %s row cannot be read; other teams are unaffected", exc.team_id, exc.table
            )
            answer[:] = [ui.Message.plain(self._safe_texts(req)("coach.corrupt"))]
        except sqlite3.OperationalError as exc:
            log.error("team %s: database refused a write (%s)", req.team_id, exc)
            answer[:] = [ui.Message.plain(self._safe_texts(req)("coach.storage_down"))]

    def _safe_texts(self, req: Request) -> Texts:
        try:
            return texts(self.language_for(req))
        except Exception:  # the team's own settings may be what cannot be read
            return texts(resolve_language(None, None, req.locale))

    def _message(self, req: Request, text: str) -> list[ui.Message]:
        t = texts(self.language_for(req))
        flow = self.store.sessions.active_flow(req.team_id, req.user_id)
        if flow is None:
            return [ui.Message.plain(t("coach.nothing_open"))]
        return self._continue(req, flow, text, t)

    def today(self, req: Request) -> date:
        """Today in the user's time zone (UTC when unknown)."""
        return self.clock().astimezone(zone_or_utc(req.tz)).date()

    # --- subcommands -------------------------------------------------------------------

    def _help(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        lines = [t("help.intro"), ""]
        for name in HELP_ORDER:
            lines.append(
                f"• `/coach {t.words(f'commands.aliases.{name}')[0]}` — {t(f'help.{name}')}"
            )
        lines += ["", t("help.dm")]
        text = "\n".join(lines)
        blocks = [ui.header(t("help.title")), *ui.section(text)]
        blocks.append(ui.buttons([ui.Button(t("help.button_start"), "/coach start", "primary")]))
        return [ui.Message(text=text, blocks=blocks)]

    def _start(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        return self._open_flow(req, "interview", t, restart_if_done=True)

    def _edit(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        section = self._section_named(rest)
        if section is None:
            names = ", ".join(f"`{s}`" for s in load_flow("interview").section_ids())
            return [ui.Message.plain(t("coach.edit_which", sections=names))]
        return self._open_flow(req, "interview", t, scope=section)

    def _maturity(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        return self._open_flow(req, "maturity", t, restart_if_done=True)

    def _status(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        return [status_message(self.store, req.team_id, t)]

    def export(self, req: Request, lang: str | None = None) -> ui.Message:
        """The strategy as a Markdown document (a message carrying the file)."""
        [message] = self._export(req, "", texts(lang or self.language_for(req)))
        return message

    def _export(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        strategy = self.store.strategies.get(req.team_id)
        maturity = self.store.maturity.get(req.team_id)
        document = strategy_export.to_markdown(strategy, t.lang, maturity, self.today(req))
        name = f"social-media-strategy-{self.today(req).isoformat()}.md"
        summary = t("export.ready", name=name)
        message = ui.Message.plain(summary)
        message.file = ui.FileOut(name=name, content=document, title=t("export.title"))
        return [message]

    def _language(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        word = rest.strip().lower()
        lang = _LANGUAGE_WORDS.get(word)
        if lang is None:
            return [ui.Message.plain(t("language.usage", current=t.lang))]
        self.store.teams.set_language(req.team_id, lang)
        return [ui.Message.plain(texts(lang)("language.set"))]

    def _review(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        channel, text = split_channel_prefix(rest)
        return self.review(req, text, channel, t)

    def review(
        self, req: Request, text: str, channel: str | None = None, t: Texts | None = None
    ) -> list[ui.Message]:
        """Review a draft for this team: reply in the user's language, keep the verdict."""
        t = t or texts(self.language_for(req))
        if not text.strip():
            return [ui.Message.plain(t("review.ui.usage"))]
        try:
            result = review_post(
                text,
                channel=channel,
                reply_language=t.lang,
                team_language=self.store.teams.language(req.team_id) or t.lang,
                strategy=self.store.strategies.get(req.team_id).values(),
            )
        except EmptyPost:
            return [ui.Message.plain(t("review.ui.empty"))]
        except PostTooLong:
            return [ui.Message.plain(t("review.ui.too_long", length=f"{len(text):,}"))]
        keep = self.store.teams.keeps_post_text(req.team_id)
        self.store.reviews.add(
            req.team_id, req.user_id, result.public_json(), text if keep else None
        )
        message = review_message(result, t)
        if keep:
            message.blocks.append(ui.context(t("review.ui.stored_text")))
        return [message]

    def _privacy(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        word = rest.strip().lower()
        if word in ("on", "på", "pa", "yes", "ja"):
            self.store.teams.set_keep_post_text(req.team_id, True)
        elif word in ("off", "av", "no", "nej", "nei"):
            self.store.teams.set_keep_post_text(req.team_id, False)
        elif word:
            return [ui.Message.plain(t("privacy.usage"))]
        keep = self.store.teams.keeps_post_text(req.team_id)
        return [ui.Message.plain(t("privacy.status_keep" if keep else "privacy.status_drop"))]

    def save_section(
        self, req: Request, section: str, base_version: int, inputs: dict[str, str | None]
    ) -> dict[str, str]:
        """Save a whole section edited at once (a form); returns {slot: problem} or {} if saved.

        Fields nobody changed are left alone; a field someone else changed since the form was
        opened is not overwritten: its problem says who changed it and what it says now.
        """
        t = texts(self.language_for(req))
        flow = load_flow("interview")
        for _ in range(MAX_SAVE_ATTEMPTS):
            strategy = self.store.strategies.get(req.team_id)
            values = strategy.values()
            steps = {s.slot: s for s in expand(flow, values) if s.section == section}
            problems: dict[str, str] = {}
            updates: dict[str, Any] = {}
            for slot, raw in inputs.items():
                step = steps.get(slot)
                if step is None or raw is None or not raw.strip():
                    continue
                try:
                    value = parse_answer(
                        step.step, raw, self.today(req), engine.choice_labels(flow, step)
                    )
                except InvalidAnswer as problem:
                    problems[slot] = t(f"errors.{problem.key}", **problem.params)
                    continue
                if value == values.get(slot):
                    continue
                answer = strategy.answers.get(slot)
                if answer and answer.version > base_version and answer.by != req.user_id:
                    shown = engine.display_value(flow, step, answer.value, t.lang)
                    problems[slot] = t("home.conflict", value=ui.unescape(shown))
                    continue
                updates[slot] = value
            if problems:
                return problems
            if not updates:
                return {}
            outcome = engine.Outcome(state={}, updates=updates)
            try:
                self._save_answers(req, outcome, strategy)
            except VersionConflict:
                continue
            return {}
        return {"": t("coach.busy")}

    # --- flows -------------------------------------------------------------------------

    def _section_named(self, text: str) -> str | None:
        word = text.strip().lower()
        if not word:
            return None
        for section in load_flow("interview").section_ids():
            names = {section} | {
                texts(lang)(f"interview.{section}.title").lower() for lang in LANGUAGES
            }
            if word in names or any(n.startswith(word) and len(word) >= 3 for n in names):
                return section
        return None

    def _open_flow(
        self,
        req: Request,
        flow_name: str,
        t: Texts,
        scope: str | None = None,
        restart_if_done: bool = False,
    ) -> list[ui.Message]:
        flow = load_flow(flow_name)
        state = self.store.sessions.get(req.team_id, req.user_id, flow_name)
        values, meta, version = self._values(req, flow_name, state)
        resuming = state is not None and not state.get("done") and state.get("scope") == scope
        if not resuming:
            if flow_name == "maturity":
                values = {}
            state = engine.new_state(flow, values, scope)
            if flow_name == "maturity":
                state["values"] = {}
        if state["done"]:
            return self._dm(req, t, [ui.Message.plain(t(f"{flow_name}_done.already_complete"))])
        state["asked_version"] = version
        self.store.sessions.save(req.team_id, req.user_id, flow_name, state)
        ctx = self._context(req, t, version, meta)
        opening = t(f"coach.{flow_name}_{'resume' if resuming else 'begin'}")
        return self._dm(req, t, [engine.ask_after(flow, state, values, ctx, opening)])

    def open_flow_with(
        self,
        req: Request,
        flow_name: str,
        t: Texts,
        values: dict[str, Any],
        extra_state: dict[str, Any],
        opening: str,
    ) -> list[ui.Message]:
        """A fresh walk through a flow whose answers live in the session (not the strategy)."""
        flow = load_flow(flow_name)
        state = engine.new_state(flow, values)
        state["values"] = values
        state.update(extra_state)
        self.store.sessions.save(req.team_id, req.user_id, flow_name, state)
        if state["done"]:
            return [ui.Message.plain(opening)]
        ctx = self._context(req, t, 0, {})
        return self._dm(req, t, [engine.ask_after(flow, state, values, ctx, opening)])

    def submit_form(
        self, req: Request, flow_name: str, inputs: dict[str, str | None], check_only: bool = False
    ) -> tuple[dict[str, str], list[ui.Message]]:
        """A whole flow answered at once (a Slack modal): ({slot: problem}, messages)."""
        with self._user_lock(req):
            t = texts(self.language_for(req))
            flow = load_flow(flow_name)
            state = self.store.sessions.get(req.team_id, req.user_id, flow_name)
            if state is None or state.get("done"):
                return {"": t("coach.nothing_open")}, []
            values = dict(state.get("values", {}))
            problems: dict[str, str] = {}
            for step in expand(flow, values):
                raw = inputs.get(step.slot)
                if raw is None or not raw.strip():
                    if not step.step.optional:
                        problems[step.slot] = t("errors.empty")
                    continue
                try:
                    labels = engine.choice_labels(flow, step)
                    values[step.slot] = parse_answer(step.step, raw, self.today(req), labels)
                except InvalidAnswer as problem:
                    problems[step.slot] = t(f"errors.{problem.key}", **problem.params)
            if problems or check_only:
                return problems, []
            state.update(values=values, done=True, current=None)
            self.store.sessions.save(req.team_id, req.user_id, flow_name, state)
            if flow_name == "campaign":
                return {}, self.campaigns.finish_registration(req, state, values, t)
            return {}, []

    def add_learning(self, req: Request, learning: Learning) -> None:
        """Append to the strategy's learning log (the next campaign of the kind shows it)."""
        for _ in range(MAX_SAVE_ATTEMPTS):
            strategy = self.store.strategies.get(req.team_id)
            updated = strategy.model_copy(update={"learnings": [*strategy.learnings, learning]})
            try:
                self.store.strategies.save(updated, by=req.user_id)
                return
            except VersionConflict:
                continue

    def _dm(self, req: Request, t: Texts, messages: list[ui.Message]) -> list[ui.Message]:
        """Flow messages go to the user's DM; a command typed elsewhere gets a pointer there."""
        if req.in_dm:
            return messages
        for m in messages:
            m.target = "dm"
        pointer = ui.Message.plain(t("coach.see_dm"))
        pointer.pointer = True
        return [pointer, *messages]

    def _context(self, req: Request, t: Texts, version: int, meta: dict) -> engine.Context:
        return engine.Context(
            lang=t.lang, today=self.today(req), user_id=req.user_id, version=version, meta=meta
        )

    def _values(
        self, req: Request, flow_name: str, state: dict[str, Any] | None
    ) -> tuple[dict[str, Any], dict[str, engine.AnswerMeta], int]:
        if flow_name == "interview":
            strategy = self.store.strategies.get(req.team_id)
            meta = {
                slot: engine.AnswerMeta(a.by, a.version) for slot, a in strategy.answers.items()
            }
            return strategy.values(), meta, strategy.version
        return dict((state or {}).get("values", {})), {}, 0

    def _continue(self, req: Request, flow_name: str, text: str, t: Texts) -> list[ui.Message]:
        flow = load_flow(flow_name)
        for _ in range(MAX_SAVE_ATTEMPTS):
            state = self.store.sessions.get(req.team_id, req.user_id, flow_name)
            if state is None:
                return [ui.Message.plain(t("coach.nothing_open"))]
            values, meta, version = self._values(req, flow_name, state)
            ctx = self._context(req, t, version, meta)
            outcome = engine.advance(flow, state, values, text, ctx)
            try:
                extra = self._apply(req, flow_name, outcome, values, t)
            except VersionConflict:
                continue  # someone saved in between: read again and redo this input
            self.store.sessions.save(req.team_id, req.user_id, flow_name, outcome.state)
            return outcome.messages + extra
        return [ui.Message.plain(t("coach.busy"))]

    def _apply(
        self,
        req: Request,
        flow_name: str,
        outcome: engine.Outcome,
        values: dict[str, Any],
        t: Texts,
    ) -> list[ui.Message]:
        """Persist what the engine decided; returns any flow-specific messages to add."""
        extra: list[ui.Message] = []
        if flow_name == "interview":
            if outcome.updates or outcome.finished:
                self._save_answers(req, outcome)
            if outcome.finished:
                extra.append(self._interview_finished(req, t))
            return extra
        merged = {**values, **outcome.updates}
        outcome.state["values"] = merged
        if flow_name == "campaign" and outcome.finished:
            return self.campaigns.finish_registration(req, outcome.state, merged, t)
        if flow_name == "evaluation" and outcome.finished:
            return self.campaigns.finish_evaluation(req, outcome.state, merged, t)
        if flow_name != "maturity":
            return extra
        if "checklist" in outcome.completed_sections and outcome.updates:
            extra_msg = maturity_result_message(merged, t)
            # The placement belongs before the next phase's questions.
            outcome.messages.insert(0, extra_msg)
        if outcome.finished:
            placement = place(merged)
            self.store.maturity.save(
                req.team_id,
                placement.phase,
                {"answers": merged, "ticked": placement.ticked},
                req.user_id,
            )
            extra.append(ui.Message.plain(t("maturity_done.saved", phase=placement.phase)))
        return extra

    def _save_answers(
        self, req: Request, outcome: engine.Outcome, strategy: Strategy | None = None
    ) -> None:
        strategy = strategy or self.store.strategies.get(req.team_id)
        now = self.clock()
        answers = dict(strategy.answers)
        for slot, value in outcome.updates.items():
            answers[slot] = Answer(
                value=value, by=req.user_id, at=now, version=strategy.version + 1
            )
        updated = strategy.model_copy(update={"answers": answers})
        newly_complete = updated.completed_at is None and not strategy_export.open_slots(
            load_flow("interview"), updated
        )
        if newly_complete:
            updated.completed_at = now
        self.store.strategies.save(updated, by=req.user_id)
        if newly_complete:
            self.campaigns.schedule_revisit(req.team_id, now)

    def _interview_finished(self, req: Request, t: Texts) -> ui.Message:
        strategy: Strategy = self.store.strategies.get(req.team_id)
        left = len(strategy_export.open_slots(load_flow("interview"), strategy))
        text = (
            t("interview_done.finished_open", count=left) if left else t("interview_done.finished")
        )
        blocks = ui.section(text) + [
            ui.buttons(
                [
                    ui.Button(t("status.button_export"), "/coach export", "primary"),
                    ui.Button(t("interview_done.button_status"), "/coach status"),
                ]
            )
        ]
        return ui.Message(text=text, blocks=blocks)


_LANGUAGE_WORDS = {
    "en": "en",
    "sv": "sv",
    "nb": "nb",
    "no": "nb",
    "english": "en",
    "engelska": "en",
    "engelsk": "en",
    "svenska": "sv",
    "swedish": "sv",
    "norsk": "nb",
    "norwegian": "nb",
    "bokmål": "nb",
}


def maturity_result_message(values: dict[str, Any], t: Texts) -> ui.Message:
    """Where the checklist places the team, why, and what the next phase asks for."""
    placement = place(values)
    flow = load_flow("maturity")
    phase = placement.phase
    lines = [
        t("maturity_result.placed", phase=phase, name=t(f"maturity_result.phase{phase}.name")),
        t(f"maturity_result.phase{phase}.about"),
        "",
    ]
    for p in (1, 2, 3, 4):
        total = len(placement.ticked[p]) + len(placement.missing[p])
        lines.append(
            t("maturity_result.score", phase=p, ticked=len(placement.ticked[p]), total=total)
        )
    if phase < 4:
        nxt = phase + 1
        step = flow.find("checklist", f"phase{nxt}")
        missing = [t(f"maturity.checklist.phase{nxt}.choice.{c}") for c in placement.missing[nxt]]
        lines += ["", t("maturity_result.to_next", phase=nxt)]
        lines += [f"• {m}" for m in missing[: len(step.choices)]]
        lines += ["", t("maturity_result.prepare")]
    else:
        lines += ["", t("maturity_result.top")]
    text = "\n".join(lines)
    return ui.Message(text=text, blocks=[ui.header(t("maturity_result.title")), *ui.section(text)])
