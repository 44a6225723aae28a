"""The strategy interview: a flow whose answers are the team's shared strategy."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from coachbot.core import engine
from coachbot.core import messages as ui
from coachbot.core.answers import InvalidAnswer, parse_answer
from coachbot.core.conditions import condition
from coachbot.core.flow import expand, load_flow
from coachbot.core.request import Request
from coachbot.core.session import FlowHooks, Sessions, StillConflicting, retrying
from coachbot.i18n import LANGUAGES, Texts, texts
from coachbot.strategy import export as strategy_export
from coachbot.strategy import paths
from coachbot.strategy.models import Answer, Strategy
from coachbot.strategy.summary import section_summary, summary_lines
from coachbot.strategy.weak import open_points

FLOW = "interview"


class Interview:
    """`/coach start`, `/coach edit`, and a whole section saved from a form."""

    def __init__(self, sessions: Sessions, when_complete: Callable[[str, datetime], None]):
        self.sessions = sessions
        self.store = sessions.store
        self.when_complete = when_complete  # the strategy was answered in full, just now
        sessions.declare(
            FLOW,
            FlowHooks(
                finished=self.finished,
                section_done=self.summary,
                read=self.read,
                write=self.write,
            ),
        )

    def start(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        """Resume, or begin: a blank strategy starts on the quick path (the whole guide is
        offered beside it); `/coach start quick|full` picks one."""
        path = paths.path_named(rest)
        strategy = self.store.strategies.get(req.team_id)
        if path == "quick" and paths.quick_done(strategy):
            left = len(strategy_export.open_slots(load_flow(FLOW), strategy))
            points = len(open_points(load_flow(FLOW), strategy.values()))
            return self.sessions.to_dm(req, t, [paths.quick_finished(t, strategy, left, points)])
        if path is not None:
            return self.sessions.open(req, FLOW, t, scope=engine.QUICK if path == "quick" else None)
        state = self.store.sessions.get(req.team_id, req.user_id, FLOW) or {}
        on_quick_path = state.get("scope") == engine.QUICK or state.get("resume") == engine.QUICK
        if on_quick_path and not paths.quick_done(self.store.strategies.get(req.team_id)):
            return self.sessions.open(req, FLOW, t, scope=engine.QUICK)
        if not state and not self.store.strategies.get(req.team_id).answers:
            return self.sessions.open(req, FLOW, t, scope=engine.QUICK, opening=paths.opening(t))
        return self.sessions.open(req, FLOW, t)

    def edit(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        """`/coach edit <section>`, or `/coach edit <section> <line>` to fix one line of its
        summary."""
        words = rest.split()
        line = int(words[-1]) if len(words) > 1 and words[-1].isdigit() else None
        section = section_named(" ".join(words[:-1] if line is not None else words))
        if section is None:
            names = ", ".join(f"`{s}`" for s in load_flow(FLOW).section_ids())
            return [ui.Message.plain(t("coach.edit_which", sections=names))]
        before = self.store.sessions.get(req.team_id, req.user_id, FLOW) or {}
        scope = section
        if line is not None:
            lines = summary_lines(load_flow(FLOW), self.read(req)[0], section, t.lang)
            if not 1 <= line <= len(lines):
                return [ui.Message.plain(t("summary.no_line", line=line, count=len(lines)))]
            scope = f"slot:{lines[line - 1][0]}"
        messages = self.sessions.open(req, FLOW, t, scope=scope)
        if not before.get("done") and before.get("scope") == engine.QUICK:
            state = self.store.sessions.get(req.team_id, req.user_id, FLOW)
            if state is not None:  # come back to the quick path after the edit
                self.store.sessions.save(
                    req.team_id, req.user_id, FLOW, {**state, "resume": engine.QUICK}
                )
        return messages

    def summary(self, section: str, values: dict[str, Any], t: Texts) -> list[ui.Message]:
        """At a section's end: what it says now, line by line, and how to fix one line."""
        return [section_summary(load_flow(FLOW), values, section, t)]

    def read(self, req: Request) -> tuple[dict[str, Any], dict[str, engine.AnswerMeta], int]:
        strategy = self.store.strategies.get(req.team_id)
        meta = {slot: engine.AnswerMeta(a.by, a.version) for slot, a in strategy.answers.items()}
        return strategy.values(), meta, strategy.version

    def write(
        self, req: Request, outcome: engine.Outcome, strategy: Strategy | None = None
    ) -> None:
        """Save the answers; raises VersionConflict when someone saved in between."""
        strategy = strategy or self.store.strategies.get(req.team_id)
        now = self.sessions.clock()
        answers = dict(strategy.answers)
        for slot, value in outcome.updates.items():
            answers[slot] = Answer(
                value=value, by=req.user_id, at=now, version=strategy.version + 1
            )
        updated = strategy.model_copy(update={"answers": answers})
        newly_complete = updated.completed_at is None and not strategy_export.open_slots(
            load_flow(FLOW), updated
        )
        if newly_complete:
            updated.completed_at = now
        self.store.strategies.save(updated, by=req.user_id)
        if newly_complete:
            self.when_complete(req.team_id, now)

    def finished(self, req: Request, state, values, t: Texts) -> list[ui.Message]:
        strategy: Strategy = self.store.strategies.get(req.team_id)
        flow = load_flow(FLOW)
        left = len(strategy_export.open_slots(flow, strategy))
        points = len(open_points(flow, strategy.values()))
        if state.get("scope") == engine.QUICK:
            return [paths.quick_finished(t, strategy, left, points)]
        if str(state.get("scope") or "").startswith("slot:"):
            return [ui.Message.plain(t("summary.fixed"))]
        if left:
            text = t("interview_done.finished_open", count=left)
        elif points:
            text = t("interview_done.finished_points", count=points)
        else:
            text = t("interview_done.finished")
        buttons = [
            ui.Button(t("status.button_export"), "/coach export", "primary"),
            ui.Button(t("interview_done.button_status"), "/coach status"),
        ]
        return [ui.Message(text=text, blocks=[*ui.section(text), ui.buttons(buttons)])]

    def save_section(
        self, req: Request, section: str, base_version: int, inputs: dict[str, str | None]
    ) -> dict[str, str]:
        """Save a whole section edited at once (a form); returns {slot: problem} or {} if saved.

        Fields nobody changed are left alone; a field someone else changed since the form was
        opened is not overwritten: its problem says who changed it and what it says now.
        """
        t = texts(self.sessions.language_of(req.team_id, req.user_id, req.locale))
        try:
            return retrying(lambda: self._save_section(req, section, base_version, inputs, t))
        except StillConflicting:
            return {"": t("coach.busy")}

    def _save_section(
        self, req: Request, section: str, base_version: int, inputs: dict, t: Texts
    ) -> dict[str, str]:
        flow = load_flow(FLOW)
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
                labels = engine.choice_labels(flow, step)
                value = parse_answer(step.step, raw, self.sessions.today(req), labels)
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
        if problems or not updates:
            return problems
        self.write(req, engine.Outcome(state={}, updates=updates), strategy)
        return {}


def section_named(text: str) -> str | None:
    """The section a person means: its id or title in any language, or a prefix of three+."""
    word = text.strip().lower()
    if not word:
        return None
    for section in load_flow(FLOW).section_ids():
        names = {section} | {
            texts(lang)(f"interview.{section}.title").lower() for lang in LANGUAGES
        }
        if word in names or any(n.startswith(word) and len(word) >= 3 for n in names):
            return section
    return None


@condition
def other_channel_chosen(values: dict[str, Any]) -> bool:
    """The team picked "other" among its channels: ask what that channel is called."""
    return "other" in (values.get("channels.list") or [])
