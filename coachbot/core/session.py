"""Walking one person through any flow: open it, take an answer, finish it.

What a flow does at its milestones (where its answers live, what a finished walk or
section leads to) is declared beside the flow as `FlowHooks` and handed to
`Sessions.declare`; nothing here knows one flow from another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from coachbot.core import engine
from coachbot.core import messages as ui
from coachbot.core.answers import InvalidAnswer, parse_answer
from coachbot.core.dates import zone_or_utc
from coachbot.core.flow import expand, load_flow
from coachbot.core.request import Request
from coachbot.i18n import Texts, resolve_language, texts
from coachbot.store import Store
from coachbot.store.repos import VersionConflict

Clock = Callable[[], datetime]
Values = dict[str, Any]
State = dict[str, Any]
MAX_SAVE_ATTEMPTS = 5
T = TypeVar("T")


class StillConflicting(Exception):
    """Others kept saving in between, every attempt: nothing of this input was kept."""


def retrying(attempt: Callable[[], T]) -> T:
    """The one retry loop for version conflicts: read again and redo the whole input."""
    for _ in range(MAX_SAVE_ATTEMPTS):
        try:
            return attempt()
        except VersionConflict:
            continue
    raise StillConflicting


@dataclass
class FlowHooks:
    """A flow's milestones. Without `read`/`write` its answers live in the session."""

    finished: Callable[[Request, State, Values, Texts], list[ui.Message]] | None = None
    section_done: Callable[[str, Values, Texts], list[ui.Message]] | None = None  # shown first
    read: Callable[[Request], tuple[Values, dict[str, engine.AnswerMeta], int]] | None = None
    write: Callable[[Request, engine.Outcome], None] | None = None


class Sessions:
    """One row of state per (team, user, flow), moved on by the engine."""

    def __init__(self, store: Store, clock: Clock):
        self.store = store
        self.clock = clock
        self.hooks: dict[str, FlowHooks] = {}

    def declare(self, flow_name: str, hooks: FlowHooks) -> None:
        self.hooks[flow_name] = hooks

    def language_of(self, team_id: str, user_id: str | None, locale: str | None = None) -> str:
        """The one place a person's language is decided: their choice, the team's, their
        Slack locale (as given now, or as last seen), English."""
        user = (self.store.teams.user(team_id, user_id) if user_id else None) or {}
        return resolve_language(
            user.get("language"), self.store.teams.language(team_id), locale or user.get("locale")
        )

    def today(self, req: Request) -> date:
        """Today in the user's time zone (UTC when unknown)."""
        return self.clock().astimezone(zone_or_utc(req.tz)).date()

    def open(
        self,
        req: Request,
        flow_name: str,
        t: Texts,
        scope: str | None = None,
        opening: str | None = None,
    ):
        """Resume the person's walk through a flow, or begin one (with its own opening)."""
        flow = load_flow(flow_name)
        state = self.store.sessions.get(req.team_id, req.user_id, flow_name)
        values, meta, version = self._values(req, flow_name, state)
        resuming = state is not None and not state.get("done") and state.get("scope") == scope
        if not resuming:
            if self._in_session(flow_name):
                values = {}  # a walk whose answers are the session's starts blank
            state = engine.new_state(flow, values, scope)
            if self._in_session(flow_name):
                state["values"] = {}
        if state["done"]:
            return self.to_dm(req, t, [ui.Message.plain(t(f"{flow_name}_done.already_complete"))])
        state["asked_version"] = version
        self.store.sessions.save(req.team_id, req.user_id, flow_name, state)
        ctx = self._context(req, t, version, meta)
        opening = opening or t(f"coach.{flow_name}_{'resume' if resuming else 'begin'}")
        return self.to_dm(req, t, [engine.ask_after(flow, state, values, ctx, opening)])

    def open_with(
        self, req: Request, flow_name: str, t: Texts, values: Values, extra: State, opening: str
    ) -> list[ui.Message]:
        """A fresh walk through a flow whose answers live in the session, given a start."""
        flow = load_flow(flow_name)
        state = engine.new_state(flow, values)
        state["values"] = values
        state.update(extra)
        self.store.sessions.save(req.team_id, req.user_id, flow_name, state)
        if state["done"]:
            return [ui.Message.plain(opening)]
        ctx = self._context(req, t, 0, {})
        return self.to_dm(req, t, [engine.ask_after(flow, state, values, ctx, opening)])

    def resume(self, req: Request, flow_name: str, t: Texts, opening: str) -> list[ui.Message]:
        """The open question of a paused walk again, after `opening`; it becomes the walk
        that plain answers go to."""
        state = self.store.sessions.get(req.team_id, req.user_id, flow_name)
        if state is None or state.get("done"):
            return []
        values, meta, version = self._values(req, flow_name, state)
        self.store.sessions.save(req.team_id, req.user_id, flow_name, state)
        ctx = self._context(req, t, version, meta)
        return self.to_dm(
            req, t, [engine.ask_after(load_flow(flow_name), state, values, ctx, opening)]
        )

    def unfinished(self, req: Request, flow_name: str) -> State | None:
        """The person's walk through a flow, if it was begun and not finished."""
        state = self.store.sessions.get(req.team_id, req.user_id, flow_name)
        return state if state is not None and not state.get("done") else None

    def answer(self, req: Request, text: str, t: Texts) -> list[ui.Message]:
        """A line for whatever flow the person is in; redone from fresh reads on a conflict."""
        flow_name = self.store.sessions.active_flow(req.team_id, req.user_id)
        if flow_name is None:
            return [ui.Message.plain(t("coach.nothing_open"))]
        try:
            return retrying(lambda: self._answer(req, flow_name, text, t))
        except StillConflicting:
            return [ui.Message.plain(t("coach.busy"))]

    def _answer(self, req: Request, flow_name: str, text: str, t: Texts) -> list[ui.Message]:
        state = self.store.sessions.get(req.team_id, req.user_id, flow_name)
        if state is None:
            return [ui.Message.plain(t("coach.nothing_open"))]
        values, meta, version = self._values(req, flow_name, state)
        outcome = engine.advance(
            load_flow(flow_name), state, values, text, self._context(req, t, version, meta)
        )
        extra = self._apply(req, flow_name, outcome, values, t)
        self.store.sessions.save(req.team_id, req.user_id, flow_name, outcome.state)
        return outcome.messages + extra

    def _apply(
        self, req: Request, flow_name: str, outcome: engine.Outcome, values: Values, t: Texts
    ) -> list[ui.Message]:
        """Keep what the engine decided; returns what the flow's milestones add."""
        hooks = self.hooks.get(flow_name, FlowHooks())
        merged = {**values, **outcome.updates}
        if hooks.write is None:
            outcome.state["values"] = merged
        elif outcome.updates or outcome.finished:
            hooks.write(req, outcome)
        if hooks.section_done and outcome.updates:
            for section in outcome.completed_sections:
                # What a section leads to belongs before the next section's questions.
                at = len(outcome.messages) - (0 if outcome.finished else 1)
                outcome.messages[at:at] = hooks.section_done(section, merged, t)
        if outcome.finished and hooks.finished:
            return hooks.finished(req, outcome.state, merged, t)
        return []

    def submit_form(
        self, req: Request, flow_name: str, inputs: dict[str, str | None], check_only: bool
    ) -> tuple[dict[str, str], list[ui.Message]]:
        """A whole flow answered at once (a form): ({slot: problem}, messages)."""
        t = texts(self.language_of(req.team_id, req.user_id, req.locale))
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
        hooks = self.hooks.get(flow_name, FlowHooks())
        return {}, hooks.finished(req, state, values, t) if hooks.finished else []

    def to_dm(self, req: Request, t: Texts, messages: list[ui.Message]) -> list[ui.Message]:
        """Flow messages go to the user's DM; a command typed elsewhere gets a pointer there."""
        if req.in_dm:
            return messages
        for m in messages:
            m.target = "dm"
        pointer = ui.Message.plain(t("coach.see_dm"))
        pointer.pointer = True
        return [pointer, *messages]

    def _in_session(self, flow_name: str) -> bool:
        return self.hooks.get(flow_name, FlowHooks()).read is None

    def _values(
        self, req: Request, flow_name: str, state: State | None
    ) -> tuple[Values, dict[str, engine.AnswerMeta], int]:
        hooks = self.hooks.get(flow_name, FlowHooks())
        if hooks.read is not None:
            return hooks.read(req)
        return dict((state or {}).get("values", {})), {}, 0

    def _context(self, req: Request, t: Texts, version: int, meta: dict) -> engine.Context:
        return engine.Context(
            lang=t.lang, today=self.today(req), user_id=req.user_id, version=version, meta=meta
        )
