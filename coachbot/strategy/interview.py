"""The strategy interview: a flow whose answers are the team's shared strategy."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from coachbot.core import engine
from coachbot.core import messages as ui
from coachbot.core.answers import InvalidAnswer, parse_answer
from coachbot.core.flow import expand, load_flow
from coachbot.core.request import Request
from coachbot.core.session import FlowHooks, Sessions, StillConflicting, retrying
from coachbot.i18n import LANGUAGES, Texts, texts
from coachbot.strategy import export as strategy_export
from coachbot.strategy.models import Answer, Strategy

FLOW = "interview"


class Interview:
    """`/coach start`, `/coach edit`, and a whole section saved from a form."""

    def __init__(self, sessions: Sessions, when_complete: Callable[[str, datetime], None]):
        self.sessions = sessions
        self.store = sessions.store
        self.when_complete = when_complete  # the strategy was answered in full, just now
        sessions.declare(FLOW, FlowHooks(finished=self.finished, read=self.read, write=self.write))

    def start(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        return self.sessions.open(req, FLOW, t)

    def edit(self, req: Request, rest: str, t: Texts) -> list[ui.Message]:
        section = section_named(rest)
        if section is None:
            names = ", ".join(f"`{s}`" for s in load_flow(FLOW).section_ids())
            return [ui.Message.plain(t("coach.edit_which", sections=names))]
        return self.sessions.open(req, FLOW, t, scope=section)

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
        left = len(strategy_export.open_slots(load_flow(FLOW), strategy))
        text = (
            t("interview_done.finished_open", count=left) if left else t("interview_done.finished")
        )
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
